"""The Celery application.

Settings come from Django's (prefix CELERY_); without CELERY_BROKER_URL tasks run
eagerly in-process. Periodic tasks are declared in one place: portal/schedule.py.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
