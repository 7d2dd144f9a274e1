"""The Celery app: Redis broker, configuration from Django settings (CELERY_* names), tasks found in apps."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "memcourse.settings")

app = Celery("memcourse")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
