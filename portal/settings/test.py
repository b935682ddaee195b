"""Settings for the test suite.

The real services are used whenever their URLs are in the environment (the test
command exports them after starting the services); tests that need one are
marked and fail, rather than skip, in CI when it is missing.
"""

from portal.settings.base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True
ALLOWED_HOSTS = ["*"]

import tempfile  # noqa: E402
import uuid  # noqa: E402

# Each test run writes attachments to a throwaway folder, or, with object
# storage on (S3_BUCKET, exported by scripts/services.sh), to a prefix of its
# own in the bucket so that runs never see each other's files.
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="portfolio-test-private-")
# (Processes a test starts share its storage through these variables.)
PRIVATE_MEDIA_ROOT = env(  # noqa: F405
    "PORTFOLIO_TEST_PRIVATE_MEDIA_ROOT", default=PRIVATE_MEDIA_ROOT
)
if S3_BUCKET:  # noqa: F405
    TEST_S3_PREFIX = env(  # noqa: F405
        "PORTFOLIO_TEST_S3_PREFIX", default=f"test-runs/{uuid.uuid4().hex}"
    )
    STORAGES["private"]["OPTIONS"]["location"] = f"{TEST_S3_PREFIX}/private"  # noqa: F405
    STORAGES["default"]["OPTIONS"]["location"] = f"{TEST_S3_PREFIX}/media"  # noqa: F405
else:
    STORAGES = {
        **STORAGES,  # noqa: F405
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
        },
    }

# The tests' own transactions are invisible to a replica, so reads stay on the
# primary; tests/scale/test_replica.py points the alias at the real replica
# and switches routing on itself.
PORTFOLIO_READ_REPLICA = False
if "replica" in DATABASES:  # noqa: F405
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # noqa: F405

# A job kind of the tests' own, to prove the jobs package by itself
# (tests/jobs/models.py; no migrations: the test database is synced).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.jobs"]  # noqa: F405

# Tasks run in-process in tests even when a broker is configured; the tests
# marked `redis` point the app at the real broker and a real worker themselves.
CELERY_TASK_ALWAYS_EAGER = True

# A worker started by a fault test (tests/portfolio/notifications/test_faults.py)
# is a separate process with these settings: it consumes from the real broker
# and writes email where the test can count it across processes.
if env.bool("PORTFOLIO_TEST_WORKER", default=False):  # noqa: F405
    CELERY_TASK_ALWAYS_EAGER = False
    EMAIL_BACKEND = env(  # noqa: F405
        "DJANGO_EMAIL_BACKEND",
        default="django.core.mail.backends.filebased.EmailBackend",
    )
    EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default="")  # noqa: F405
    # Every job kind retries after 1 s, 2 s, 4 s… (see jobs/tasks.py).
    JOBS_RETRY_BACKOFF = 1

    # tests/scale/test_many_processes.py starts two beats: a task every second
    # shows which one sends, and a short lock shows the other taking over.
    if env.bool("PORTFOLIO_TEST_BEAT_TICK", default=False):  # noqa: F405
        CELERY_BEAT_SCHEDULE = {
            **CELERY_BEAT_SCHEDULE,  # noqa: F405
            "test-beat-tick": {
                "task": "portal.broker_round_trip",
                "schedule": 1.0,
                "args": ("beat",),
                "options": {"expires": 5},
            },
        }
        PORTFOLIO_BEAT_LOCK_SECONDS = 3
