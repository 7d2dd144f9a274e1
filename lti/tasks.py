"""Celery tasks of lti/: a task takes ids, loads, and calls a service; running it twice changes nothing."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from lti import services

MAX_RETRIES = 8  # with backoff 5 s doubling up to 10 min and full jitter: about half an hour before giving up
RETRY_BACKOFF = 5
RETRY_BACKOFF_MAX = 600


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(services.PassbackNotSent,),
    retry_backoff=RETRY_BACKOFF,
    retry_backoff_max=RETRY_BACKOFF_MAX,
    retry_jitter=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=60,
    time_limit=90,
)
def passback_send(self: Any, passback_id: int) -> None:
    """Send one grade passback. The platform refusing it (a 5xx, a timeout) is retried with exponential backoff
    and jitter; the last try marks it failed for the teacher to see and resend. A sent passback is not resent."""
    services.passback_send(passback_id=passback_id, last_try=self.request.retries >= self.max_retries)
