"""Celery tasks. A task takes ids, loads, and calls a service; running it twice changes nothing."""

from __future__ import annotations

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import DatabaseError

from exercises import services

logger = logging.getLogger(__name__)

SOFT_TIME_LIMIT = 20
TIME_LIMIT = 30


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=5,
)
def attempt_grade(attempt_id: int) -> None:
    """Grade one attempt. Database hiccups are retried (the message is acknowledged only once this returns);
    running out of time or any other error marks the attempt failed with a message, never lost."""
    try:
        services.attempt_grade(attempt_id=attempt_id)
    except DatabaseError:
        raise
    except SoftTimeLimitExceeded:
        services.attempt_fail(attempt_id=attempt_id, message=f"Grading took longer than {SOFT_TIME_LIMIT} seconds.")
    except Exception as exc:
        logger.exception("grading attempt %s failed", attempt_id)
        services.attempt_fail(attempt_id=attempt_id, message=f"Grading failed: {type(exc).__name__}: {exc}")
