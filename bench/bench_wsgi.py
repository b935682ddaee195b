"""The portal under the benchmarks' settings, for gunicorn."""

import os

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.bench_settings"

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
