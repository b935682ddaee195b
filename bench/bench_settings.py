"""Production settings for the benchmarks, with what a laptop run lacks.

Everything the production settings harden stays (DEBUG off, the cached
template loader, secure cookies, the proxy's HTTPS header); only the static
files manifest (no ``collectstatic`` for a benchmark) and the private storage
(a throwaway folder) differ, and the floor view is added to the URLs.
"""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "k" * 60)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

from portal.settings.production import *  # noqa: F403
from portal.settings.production import STORAGES

ROOT_URLCONF = "bench.bench_urls"
PRIVATE_MEDIA_ROOT = os.environ.get("BENCH_PRIVATE_ROOT") or tempfile.mkdtemp(
    prefix="portfolio-bench-private-"
)
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
}

# The benchmark's own throwaway database, for the processes it starts
# (gunicorn, the callgrind child) after creating it.
if os.environ.get("BENCH_DATABASE_NAME"):
    DATABASES["default"]["NAME"] = os.environ["BENCH_DATABASE_NAME"]  # noqa: F405
