"""memcourse: the Django project (wiring only). The Celery app is loaded with Django so shared tasks bind to it."""

from memcourse.celery import app as celery_app

__all__ = ["celery_app"]
