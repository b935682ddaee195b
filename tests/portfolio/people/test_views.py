"""Organisation admins manage accounts through the portal, as a user would."""

import re

from django.core import mail
from django.urls import reverse

import pytest

from portfolio.people.models import User

pytestmark = pytest.mark.django_db


def test_org_admin_invites_a_colleague_who_then_signs_in(
    client, signed_in, org_admin, team, django_capture_on_commit_callbacks
):
    signed_in(org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portfolio:person_invite"),
            {
                "first_name": "Nia",
                "last_name": "Jones",
                "email": "nia.jones@example.org",
                "team": team.pk,
                "roles": ["practitioner"],
                # Extra fields a tampered form might add are ignored.
                "organisation": "999",
                "is_superuser": "on",
                "is_staff": "on",
            },
        )
    assert response.status_code == 302
    person = User.objects.get(email="nia.jones@example.org")
    assert person.organisation == org_admin.organisation
    assert not person.is_superuser and not person.is_staff

    client.post(reverse("account_logout"))
    path = re.search(r"https?://[^/]+(/invitation/\S+/)", mail.outbox[0].body).group(1)
    assert client.get(path).status_code == 200
    response = client.post(
        path,
        {"password1": "river-stone-lantern-8", "password2": "river-stone-lantern-8"},
    )
    assert response["Location"] == reverse("account_login")
    client.post(
        reverse("account_login"),
        {"login": "nia.jones@example.org", "password": "river-stone-lantern-8"},
    )
    assert client.get(reverse("home")).status_code == 200


def test_invalid_invitation_form_keeps_what_was_typed(client, signed_in, org_admin):
    signed_in(org_admin)
    response = client.post(
        reverse("portfolio:person_invite"),
        {"first_name": "Nia", "last_name": "", "email": "not-an-email", "roles": []},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="Nia"' in content
    assert 'value="not-an-email"' in content
    assert "There is a problem" in content
    assert "Enter an email address in the correct format" in content
    assert "Enter their last name." in content


def test_mismatched_passwords_on_an_invitation_are_explained(
    client, signed_in, org_admin, django_capture_on_commit_callbacks
):
    signed_in(org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("portfolio:person_invite"),
            {
                "first_name": "Nia",
                "last_name": "Jones",
                "email": "nia@example.org",
                "roles": ["practitioner"],
            },
        )
    client.post(reverse("account_logout"))
    path = re.search(r"https?://[^/]+(/invitation/\S+/)", mail.outbox[0].body).group(1)
    response = client.post(
        path,
        {"password1": "river-stone-lantern-8", "password2": "river-stone-lantern-9"},
    )
    assert response.status_code == 200
    assert "The two passwords do not match." in response.content.decode()


def test_unknown_invitation_link_says_so(client):
    response = client.get(reverse("portfolio:invitation_accept", args=["nonsense"]))
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_org_admin_deactivates_a_colleague(client, signed_in, org_admin, practitioner):
    signed_in(org_admin)
    response = client.post(
        reverse("portfolio:person_deactivate", args=[practitioner.pk])
    )
    assert response.status_code == 302
    practitioner.refresh_from_db()
    assert not practitioner.is_active
    page = client.get(reverse("portfolio:person_detail", args=[practitioner.pk]))
    assert "Deactivated" in page.content.decode()


def test_another_organisations_person_looks_exactly_like_a_missing_one(
    client, signed_in, other_org_admin, practitioner
):
    signed_in(other_org_admin)
    foreign = client.get(reverse("portfolio:person_detail", args=[practitioner.pk]))
    missing = client.get(reverse("portfolio:person_detail", args=[987654]))
    assert foreign.status_code == missing.status_code == 404
    assert practitioner.email not in foreign.content.decode()
    strip = lambda response: re.sub(  # noqa: E731
        r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode()
    )
    assert strip(foreign) == strip(missing)


def test_org_admin_requires_mfa_for_practitioners(client, signed_in, org_admin):
    signed_in(org_admin)
    response = client.post(
        reverse("portfolio:organisation_settings"),
        {
            "mfa_required_for_practitioners": "on",
            "mfa_required_for_supervisors": "on",
            "mfa_required_for_org_admins": "on",
        },
    )
    assert response.status_code == 302
    organisation = org_admin.organisation
    organisation.refresh_from_db()
    assert organisation.mfa_required_for_practitioners
    assert not organisation.mfa_required_for_training_editors


@pytest.mark.usefixtures("shipped_frameworks")
def test_org_admin_chooses_the_frameworks_staff_map_evidence_to(
    client, signed_in, org_admin, practitioner
):
    signed_in(org_admin)
    page = client.get(reverse("portfolio:organisation_settings")).content.decode()
    assert 'value="kss-adults"' in page and 'value="pcf"' not in page
    response = client.post(
        reverse("portfolio:organisation_settings"),
        # The PCF is always on and "made-up" is not a framework: both ignored.
        {"framework_families": ["kss-adults", "pcf", "made-up"]},
    )
    assert response.status_code == 200  # the form refuses what it never offered
    response = client.post(
        reverse("portfolio:organisation_settings"),
        {"framework_families": ["kss-adults"]},
    )
    assert response.status_code == 302
    organisation = org_admin.organisation
    organisation.refresh_from_db()
    assert organisation.framework_families == ["kss-adults"]

    signed_in(practitioner)
    form = client.get(reverse("portfolio:entry_create")).content.decode()
    assert 'data-testid="framework-kss-adults"' in form
    assert 'data-testid="framework-pcf"' in form
    assert 'data-testid="framework-swe-standards"' in form
    assert 'data-testid="framework-kss-cf-supervisor"' not in form


@pytest.mark.parametrize(
    ("fixture", "section"),
    [
        ("practitioner", "practitioner"),
        ("supervisor", "supervisor"),
        ("training_editor", "training_editor"),
        ("org_admin", "org_admin"),
        ("site_admin", "site_admin"),
    ],
)
def test_home_page_shows_each_role_its_own_section(
    client, signed_in, request, fixture, section
):
    signed_in(request.getfixturevalue(fixture))
    content = client.get(reverse("home")).content.decode()
    assert f'data-testid="home-section-{section}"' in content


def test_navigation_shows_people_only_to_admins(
    client, signed_in, practitioner, org_admin
):
    signed_in(practitioner)
    assert (
        'data-testid="nav-people"' not in client.get(reverse("home")).content.decode()
    )
    signed_in(org_admin)
    assert 'data-testid="nav-people"' in client.get(reverse("home")).content.decode()
