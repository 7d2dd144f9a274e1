"""Telling a waiting student that their attempt is graded, for the long poll GET /api/attempts/<id>/?wait=N.

Grading announces each finished attempt on a Redis pub/sub channel once its transaction commits; a waiting request
subscribes, re-checks the database, and sleeps until the announcement or its deadline. Redis is only a doorbell:
the database says whether the attempt is done, and the waiter also re-checks it every second, so a lost or missing
announcement (Redis down, an attempt graded by a process that could not reach it) costs at most a second, never
a result. Without Redis (CELERY_EAGER, `make run` without redis-server) the waiter re-checks the database at
growing intervals (50 ms up to 1 s) instead.

Channels are named after the database too, so that several sites (or test databases) on one Redis never wake
each other's students.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

RECHECK_SECONDS = 1.0  # with Redis: how often the database is asked anyway
FALLBACK_FIRST, FALLBACK_MAX = 0.05, 1.0  # without Redis: the re-check intervals
_clients: dict[str, Any] = {}
_clients_lock = threading.Lock()


def _redis() -> Any:
    """One client (and connection pool) per process and URL, with short timeouts: a missing Redis costs
    milliseconds."""
    url = settings.REDIS_URL
    with _clients_lock:
        if url not in _clients:
            import redis

            _clients[url] = redis.Redis.from_url(url, socket_connect_timeout=0.25, socket_timeout=1.0)
        return _clients[url]


def channel(attempt_id: int) -> str:
    return f"memcourse:{connection.settings_dict['NAME']}:attempt:{attempt_id}"


def announce(attempt_id: int) -> None:
    """Ring the doorbell of the attempt's waiters; a Redis that does not answer is no error (they re-check)."""
    try:
        _redis().publish(channel(attempt_id), b"done")
    except Exception as exc:  # redis errors and socket errors alike
        logger.debug("could not announce attempt %s: %s", attempt_id, exc)


def _subscribe(attempt_id: int) -> Any | None:
    """A subscription Redis has confirmed (so no announcement after this returns is missed), or None."""
    pubsub = None
    try:
        pubsub = _redis().pubsub()
        pubsub.subscribe(channel(attempt_id))
        confirmed = pubsub.get_message(timeout=1.0)
        if confirmed and confirmed.get("type") == "subscribe":
            return pubsub
    except Exception as exc:
        logger.debug("no Redis for waiting on attempt %s: %s", attempt_id, exc)
    _close(pubsub)
    return None


def _close(pubsub: Any | None) -> None:
    if pubsub is None:
        return
    try:
        pubsub.close()
    except Exception:  # closing a broken connection
        pass


def _sleep_until_rung(pubsub: Any | None, seconds: float) -> Any | None:
    """Sleep up to `seconds`, or less when the doorbell rings; returns the pubsub, or None once Redis failed."""
    if pubsub is None:
        time.sleep(seconds)
        return None
    try:
        pubsub.get_message(timeout=seconds)
        return pubsub
    except Exception as exc:
        logger.debug("Redis failed while waiting: %s", exc)
        _close(pubsub)
        time.sleep(min(seconds, FALLBACK_FIRST))
        return None


def wait_until(attempt_id: int, done: Callable[[], bool], timeout: float) -> bool:
    """Block until `done()` (a database check) is true or `timeout` seconds pass; True when done. The caller has
    just seen the attempt pending; the subscription comes before the next check, so an announcement made in
    between is not missed."""
    deadline = time.monotonic() + timeout
    pubsub = _subscribe(attempt_id)
    interval = RECHECK_SECONDS if pubsub is not None else FALLBACK_FIRST
    try:
        while not done():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            pubsub = _sleep_until_rung(pubsub, min(remaining, interval))
            if pubsub is None:
                interval = min(FALLBACK_MAX, interval * 1.5)
        return True
    finally:
        _close(pubsub)
