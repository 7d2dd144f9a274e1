"""Fixtures of the fault tests (see fault_harness.py): a Redis server of the test's own, the test's queue, real
workers, row locks held from outside, and a class of students answering one question."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fault_harness import (
    PROGRAM,
    Class,
    RedisServer,
    RowLocks,
    Workers,
    require_binary,
    reset_broker_connections,
)


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    require_binary("redis-server")
    directory = tmp_path / "redis"
    directory.mkdir()
    server = RedisServer(directory)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def queue() -> str:
    return f"fault-{uuid.uuid4().hex[:8]}"




@pytest.fixture
def broker(redis_server: RedisServer, queue: str, settings: Any) -> Iterator[RedisServer]:
    """This process sends its tasks to the test's Redis, on the test's queue, for real (not eagerly); whatever else
    the site does with Redis (settings.REDIS_URL) uses the test's Redis too, so it shares the outage."""
    from memcourse.celery import app

    settings.REDIS_URL = redis_server.url
    before = (app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_url)
    app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_url = False, queue, redis_server.url
    reset_broker_connections(app)
    try:
        yield redis_server
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_url = before
        reset_broker_connections(app)


@pytest.fixture
def workers(postgres: None, transactional_db: None, broker: RedisServer, queue: str,
            tmp_path: Path) -> Iterator[Workers]:
    pool = Workers(broker, queue, tmp_path)
    try:
        yield pool
    finally:
        for worker in pool.started:
            worker.kill()  # what the test checks is already checked; a warm shutdown only takes longer


@pytest.fixture
def row_locks(workers: Workers) -> Iterator[RowLocks]:
    locks = RowLocks()
    try:
        yield locks
    finally:
        locks.close()


@pytest.fixture
def reachable_question(make_exercise: Any) -> Any:
    exercise = make_exercise(PROGRAM, [{"kind": "reachable", "checkpoint": "A", "points": 2}])
    return exercise.questions.get()




@pytest.fixture
def students(make_user: Callable[..., Any], course: Any) -> list[Any]:
    from exercises.models import Enrollment

    people = [make_user(f"student_{n:02d}") for n in range(8)]
    Enrollment.objects.bulk_create([Enrollment(user=u, course=course, role=Enrollment.Role.STUDENT) for u in people])
    return people


@pytest.fixture
def klass(students: list[Any], reachable_question: Any, api_client_for: Callable[[Any], Any]) -> Class:
    return Class(students, reachable_question, api_client_for)
