"""Celery tasks. A task takes ids, loads, and calls a service; running it twice changes nothing.

A fault of the system (the database dropped the connection, the grading ran out of time, a bug raised) never
costs the student: the attempt stays pending, the task is retried with exponential backoff, and once the retries
are spent the attempt waits, with a message, for the sweeper (`attempts_requeue_stale`, run by Celery beat)."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import Task, shared_task
from django.conf import settings
from django.db import DatabaseError

from exercises import services
from exercises.models import Attempt

logger = logging.getLogger(__name__)

SOFT_TIME_LIMIT = settings.GRADING_SOFT_TIME_LIMIT
TIME_LIMIT = settings.GRADING_TIME_LIMIT
MAX_RETRIES = settings.GRADING_MAX_RETRIES
BACKOFF_MAX = 60.0
DELAYED = "Grading ran into a problem on our side; your answer is saved and will be graded automatically."


def retry_countdown(retries: int) -> float:
    """Seconds before retry number `retries + 1`: 1, 2, 4, ... at most BACKOFF_MAX."""
    return float(min(BACKOFF_MAX, 2.0**retries))


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
    max_retries=MAX_RETRIES,
)
def attempt_grade(self: Task, attempt_id: int) -> None:
    """Grade one attempt. The message is acknowledged only once this returns (a killed worker's attempt is
    delivered again); any error, a time limit included, is retried and never marks the attempt failed."""
    try:
        services.attempt_grade(attempt_id=attempt_id)
    except Attempt.DoesNotExist:
        logger.warning("attempt %s no longer exists; nothing to grade", attempt_id)
    except Exception as exc:
        if self.request.retries < MAX_RETRIES:
            logger.warning("grading attempt %s failed (%s: %s); retrying", attempt_id, type(exc).__name__, exc)
            raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc
        logger.exception("grading attempt %s failed %s times; it waits for the sweeper", attempt_id, MAX_RETRIES + 1)
        _explain_delay(attempt_id)


def _explain_delay(attempt_id: int) -> None:
    """Tell the student, if the database lets us; pending without the message is just as safe."""
    try:
        services.attempt_delay(attempt_id=attempt_id, message=DELAYED)
    except DatabaseError:
        logger.warning("could not note the delay of attempt %s", attempt_id, exc_info=True)


@shared_task(acks_late=True)
def attempts_requeue_stale() -> int:
    """The sweeper (Celery beat runs it every GRADING_SWEEP_EVERY seconds): queue grading again, one try each, for
    attempts pending longer than GRADING_REQUEUE_AFTER seconds, whatever lost them."""
    return len(services.attempts_requeue_stale(older_than=timedelta(seconds=settings.GRADING_REQUEUE_AFTER)))
