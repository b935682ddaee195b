"""Framework files uploaded on the admin screen are applied by a task (eager
here): the row comes first, a lost task is swept, only the uploader sees how
it went."""

import datetime
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from capabilities.models import Framework, FrameworkImportJob, ImportJobStatus
from capabilities.services import import_job_apply, import_job_create
from capabilities.services.import_jobs import GAVE_UP
from jobs.services import job_sweep

pytestmark = pytest.mark.usefixtures("shipped_frameworks")

ASYE_CSV = (
    b"kind,code,parent,level,text\nstatement,7.asye.1,7,asye,I build relationships.\n"
)


def _pcf():
    return Framework.objects.get(family="pcf", version="2018")


def _upload(client, data):
    return client.post(reverse("frameworks:import"), data)


def test_the_upload_is_kept_before_the_task_applies_it(
    client, signed_in, site_admin, django_capture_on_commit_callbacks
):
    signed_in(site_admin)
    pcf = _pcf()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _upload(
            client, {"file": SimpleUploadedFile("asye.csv", ASYE_CSV), "target": pcf.pk}
        )
    job = FrameworkImportJob.objects.get()
    assert response["Location"] == reverse("frameworks:import_job", args=[job.pk])
    assert (job.status, job.uploaded_by, job.target) == (
        ImportJobStatus.PENDING,
        site_admin,
        pcf,
    )
    assert len(callbacks) == 1
    page = client.get(response["Location"]).content.decode()
    assert "Waiting to be imported" in page
    assert 'data-testid="import-refresh"' in page
    assert not pcf.items.filter(code="7.asye.1").exists()
    callbacks[0]()
    job.refresh_from_db()
    assert job.status == ImportJobStatus.DONE
    assert job.content == ""  # not kept once applied
    assert pcf.items.filter(code="7.asye.1").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Imported: 1 created, 0 updated, 0 unchanged." in page


def test_only_the_uploader_sees_how_it_went(
    client, signed_in, site_admin, org_admin, other_org_admin, practitioner,
    training_editor, django_capture_on_commit_callbacks,
):  # fmt: skip
    signed_in(org_admin)
    body = (
        b'{"format": "practitioner-portfolio-framework/1", "framework": {"family": '
        b'"northmoor-practice", "version": "1", "name": "Northmoor practice model", '
        b'"short_name": "NPM"}, "items": [{"kind": "domain", "code": "1", '
        b'"name": "Relational practice"}]}'
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, {"file": SimpleUploadedFile("npm.json", body)})
    url = response["Location"]
    assert client.get(url).status_code == 200
    assert "npm.json" in client.get(reverse("frameworks:import")).content.decode()
    for intruder in (other_org_admin, site_admin):
        signed_in(intruder)
        assert client.get(url).status_code == 404
        listing = client.get(reverse("frameworks:import")).content.decode()
        assert "npm.json" not in listing
    for outsider in (practitioner, training_editor):
        signed_in(outsider)
        assert client.get(url).status_code in (302, 403)
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert "npm.json" not in response.content.decode()


def test_a_file_that_is_not_utf8_is_refused_at_once(client, signed_in, site_admin):
    signed_in(site_admin)
    response = _upload(
        client,
        {
            "file": SimpleUploadedFile(
                "latin.csv", "kind,code\ndomain,é\n".encode("latin-1")
            )
        },
    )
    assert response.status_code == 200
    assert "Nothing was imported" in response.content.decode()
    assert not FrameworkImportJob.objects.exists()


def test_every_problem_is_reported_line_by_line(site_admin):
    job = import_job_create(
        uploaded_by=site_admin,
        filename="bad.csv",
        content="kind,code,parent\nstatement,x,99\nstatement,x,5\n",
        target=_pcf(),
    )
    job = import_job_apply(job_id=job.pk)
    assert job.status == ImportJobStatus.FAILED
    assert any(p.startswith("line 2, parent:") for p in job.problems)
    assert any(p.startswith("line 3, code:") for p in job.problems)
    assert not _pcf().items.filter(code="x").exists()


def test_people_who_may_not_import_cannot_queue_a_file(practitioner):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_job_create(uploaded_by=practitioner, filename="x.csv", content="kind\n")
    assert not FrameworkImportJob.objects.exists()


def test_applying_twice_imports_once(site_admin):
    job = import_job_create(
        uploaded_by=site_admin,
        filename="asye.csv",
        content=ASYE_CSV.decode(),
        target=_pcf(),
    )
    assert import_job_apply(job_id=job.pk).status == ImportJobStatus.DONE
    assert import_job_apply(job_id=job.pk) is None
    job.refresh_from_db()
    assert job.attempts == 1


def test_the_sweep_requeues_a_job_whose_task_was_lost(
    site_admin, time_machine, django_capture_on_commit_callbacks
):
    # Its on_commit task never runs: as if Redis was down at that moment.
    job = import_job_create(
        uploaded_by=site_admin,
        filename="asye.csv",
        content=ASYE_CSV.decode(),
        target=_pcf(),
    )
    assert job_sweep(FrameworkImportJob) == 0  # too recent to be called lost
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=30))
    with django_capture_on_commit_callbacks(execute=True):
        assert job_sweep(FrameworkImportJob) == 1
    job.refresh_from_db()
    assert (job.status, job.attempts) == (ImportJobStatus.DONE, 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert job_sweep(FrameworkImportJob) == 0
    assert _pcf().items.filter(code="7.asye.1").count() == 1


def test_a_job_that_keeps_crashing_is_given_up(
    site_admin, time_machine, django_capture_on_commit_callbacks
):
    job = import_job_create(
        uploaded_by=site_admin,
        filename="asye.csv",
        content=ASYE_CSV.decode(),
        target=_pcf(),
    )
    FrameworkImportJob.objects.filter(pk=job.pk).update(
        attempts=FrameworkImportJob.job_max_attempts
    )
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=30))
    with django_capture_on_commit_callbacks(execute=True):
        assert job_sweep(FrameworkImportJob) == 0
    job.refresh_from_db()
    assert (job.status, job.problems) == (ImportJobStatus.FAILED, [GAVE_UP])


def test_an_unexpected_error_in_the_task_is_recorded(
    site_admin, django_capture_on_commit_callbacks
):
    with (
        mock.patch(
            "capabilities.services.import_jobs.framework_import",
            side_effect=OSError("database went away"),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        job = import_job_create(
            uploaded_by=site_admin,
            filename="asye.csv",
            content=ASYE_CSV.decode(),
            target=_pcf(),
        )
    job.refresh_from_db()
    assert (job.status, job.problems) == (ImportJobStatus.FAILED, [GAVE_UP])
