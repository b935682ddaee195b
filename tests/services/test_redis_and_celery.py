"""Celery and the cache against a real Redis, with a real worker."""

import secrets

from django.core.cache import caches

import pytest

pytestmark = pytest.mark.redis


def test_a_task_goes_through_redis_to_a_worker_and_back(redis_celery):
    from celery.contrib.testing.worker import start_worker

    from portal.tasks import broker_round_trip

    nonce = secrets.token_hex(8)
    with start_worker(redis_celery, perform_ping_check=False, pool="solo"):
        assert broker_round_trip.delay(nonce).get(timeout=20) == nonce


def test_celery_is_configured_not_to_lose_tasks(redis_celery):
    conf = redis_celery.conf
    assert conf.task_acks_late and conf.task_reject_on_worker_lost
    assert conf.task_serializer == "json" and conf.accept_content == ["json"]
    assert conf.task_soft_time_limit < conf.task_time_limit
    assert conf.broker_transport_options["visibility_timeout"] > conf.task_time_limit


def test_the_cache_is_shared_between_processes(settings):
    # allauth's login rate limits live in the cache; two workers must count
    # the same failures. Two separate cache clients stand in for two processes.
    from django.utils.module_loading import import_string

    from django_redis.cache import RedisCache

    # django-redis's cache, optional for pages and fail-closed for signing in
    # (portal/cache.py).
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend == "portal.cache.OptionalRedisCache"
    assert issubclass(import_string(backend), RedisCache)
    first, second = (
        caches.create_connection("default"),
        caches.create_connection("default"),
    )
    key = f"shared-{secrets.token_hex(4)}"
    first.set(key, 1, 30)
    second.incr(key)
    assert first.get(key) == 2


@pytest.mark.django_db(transaction=True)
def test_an_export_is_built_by_a_real_worker_through_redis(
    redis_celery, practitioner, django_capture_on_commit_callbacks
):
    import datetime
    import time

    from celery.contrib.testing.worker import start_worker

    from portfolio.exports.models import Export, ExportStatus
    from portfolio.exports.services import export_request
    from tests.factories.portfolio import EntryFactory

    EntryFactory(owner=practitioner, title="Built by the worker")
    with start_worker(redis_celery, perform_ping_check=False, pool="solo"):
        export = export_request(
            owner=practitioner,
            kind="zip",
            period_start=datetime.date(2020, 1, 1),
            period_end=datetime.date.today(),
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            export.refresh_from_db()
            if export.status != ExportStatus.PENDING:
                break
            time.sleep(0.2)
    assert Export.objects.get(pk=export.pk).status == ExportStatus.READY


def _wait_until_not_pending(row, pending: str, seconds: float = 30) -> None:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        row.refresh_from_db()
        if row.status != pending:
            return
        time.sleep(0.2)


@pytest.mark.django_db(transaction=True)
def test_an_appraisal_pdf_is_built_by_a_real_worker_through_redis(
    redis_celery, supervisor, signed_appraisal
):
    from celery.contrib.testing.worker import start_worker

    from portfolio.exports.models import ExportStatus
    from portfolio.exports.services import export_request_appraisal

    with start_worker(redis_celery, perform_ping_check=False, pool="solo"):
        export = export_request_appraisal(
            requester=supervisor, appraisal_id=signed_appraisal.pk
        )
        _wait_until_not_pending(export, ExportStatus.PENDING)
    assert export.status == ExportStatus.READY
    with export.file.open("rb") as built:
        assert built.read(5) == b"%PDF-"


@pytest.mark.django_db(transaction=True)
def test_a_framework_file_is_imported_by_a_real_worker_through_redis(
    redis_celery, site_admin, shipped_frameworks
):
    from celery.contrib.testing.worker import start_worker

    from capabilities.models import Framework, ImportJobStatus
    from capabilities.services import import_job_create

    pcf = Framework.objects.get(family="pcf", version="2018")
    with start_worker(redis_celery, perform_ping_check=False, pool="solo"):
        job = import_job_create(
            uploaded_by=site_admin,
            filename="asye.csv",
            content="kind,code,parent,level,text\n"
            "statement,7.asye.9,7,asye,I reflect with my assessor.\n",
            target=pcf,
        )
        _wait_until_not_pending(job, ImportJobStatus.PENDING)
    assert job.status == ImportJobStatus.DONE
    assert pcf.items.filter(code="7.asye.9").exists()
