"""The Celery application.

Settings come from Django's (prefix CELERY_); without CELERY_BROKER_URL tasks run
eagerly in-process (see portal/settings/base.py for the reliability settings).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Carries a web request's id into the jobs it enqueues (portal/request_id.py).
import portal.request_id  # noqa: E402, F401
