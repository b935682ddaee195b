"""The load test's people (locust): practitioners reading their dashboard and
entries and saving drafts, supervisors working through reviews, and an
organisation admin opening a report now and then.

Run through ``bench/load_test.py``, which seeds the people, signs them in,
starts gunicorn and hands their session cookies over in ``BENCH_LOAD_PEOPLE``
(a JSON file). Every request is named after its page, so the statistics
come out per page.
"""

import json
import os
import re
import secrets

from locust import HttpUser, between, task

PEOPLE = json.loads(open(os.environ["BENCH_LOAD_PEOPLE"]).read())
SESSION_COOKIE = "__Secure-sessionid"
CSRF_COOKIE = "__Secure-csrftoken"
HEADERS = {"X-Forwarded-Proto": "https"}
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _Person(HttpUser):
    abstract = True
    wait_time = between(1, 4)  # reading and typing between pages
    role = ""

    def on_start(self):
        self.person = secrets.choice(PEOPLE[self.role])
        self.client.cookies.set(SESSION_COOKIE, self.person["cookie"])

    def page(self, url, name):
        with self.client.get(
            url, headers=HEADERS, name=name, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} from {url}")
            return response


class Practitioner(_Person):
    weight = 8
    role = "practitioners"

    @task(5)
    def dashboard(self):
        self.page("/portfolio/", "dashboard")

    @task(2)
    def entry_list(self):
        self.page("/portfolio/entries/", "entry list")

    @task(2)
    def entry(self):
        entry = secrets.choice(self.person["entries"])
        self.page(f"/portfolio/entries/{entry}/", "entry page")

    @task(1)
    def save_a_draft(self):
        form = self.page("/portfolio/entries/new/", "entry form")
        token = CSRF_FIELD.search(form.text or "")
        if token is None:
            return
        # The CSRF cookie is Secure (production settings) and this is plain
        # HTTP behind a pretend proxy: hand it back explicitly.
        csrf_cookie = form.cookies.get(CSRF_COOKIE) or self.client.cookies.get(
            CSRF_COOKIE
        )
        with self.client.post(
            "/portfolio/entries/autosave/",
            cookies={CSRF_COOKIE: csrf_cookie or ""},
            data={
                "csrfmiddlewaretoken": token.group(1),
                "title": "A draft written under load",
                "description": "Notes from a team meeting on case recording.",
            },
            # Django's CSRF check wants a same-origin Referer over HTTPS.
            headers={
                **HEADERS,
                "Referer": self.host.replace("http://", "https://", 1)
                + "/portfolio/entries/new/",
            },
            name="save draft",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}: {response.text[:200]}")


class Supervisor(_Person):
    weight = 2
    role = "supervisors"

    @task(2)
    def home(self):
        self.page("/supervision/", "supervisor home")

    @task(2)
    def queue(self):
        self.page("/supervision/queue/", "review queue")

    @task(1)
    def supervisee(self):
        supervision = secrets.choice(self.person["supervisions"])
        self.page(f"/supervision/supervisees/{supervision}/", "supervisee page")


class OrganisationAdmin(_Person):
    weight = 1
    role = "admins"
    wait_time = between(10, 30)  # a report now and then

    @task
    def report(self):
        self.page("/reports/cpd-readiness/", "CPD readiness report")
