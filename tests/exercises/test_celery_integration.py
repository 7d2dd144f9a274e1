"""End to end with the real pieces: a Celery worker process on the real Redis, the real PostgreSQL and the real
engine. Skipped (with the reason) when Redis or PostgreSQL is missing, except under CI=true where that fails."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = 'let keep = { a: 1 };\nlet drop = [1, 2];\ndrop = null;\ncheckpoint("A");\n'


def database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def celery_worker(postgres: None, redis_url: str, transactional_db: None, tmp_path: Path) -> Iterator[Path]:
    """A `celery -A memcourse worker` process on a queue of its own, so no other worker takes the task."""
    from memcourse.celery import app

    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": redis_url, "CELERY_QUEUE": queue,
           "CELERY_EAGER": "0"}
    log = tmp_path / "worker.log"
    command = [sys.executable, "-m", "celery", "-A", "memcourse", "worker", "--pool=solo", "-Q", queue,
               "--without-gossip", "--without-mingle", "--loglevel=info"]
    with log.open("w") as out:
        worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    before = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager, app.conf.task_default_queue = False, queue
    try:
        yield log
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = before
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def wait_for_grade(client: Any, attempt_id: int, log: Path, timeout: float = 60.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body: dict[str, Any] = client.get(f"/api/attempts/{attempt_id}/").json()
        if body["status"] != "pending":
            return body
        time.sleep(0.25)
    pytest.fail(f"attempt {attempt_id} still pending after {timeout}s; worker log:\n{log.read_text()}")


def test_a_real_worker_grades_an_attempt_end_to_end(celery_worker: Path, student: Any, make_exercise: Any,
                                                    api_client_for: Any) -> None:
    from exercises.models import Attempt

    exercise = make_exercise(PROGRAM, [{"kind": "reachable", "checkpoint": "A", "points": 2}])
    question = exercise.questions.get()
    client = api_client_for(student)
    response = client.post("/api/attempts/", {"question": question.pk, "answer": {"objects": ["A"]}}, format="json")
    assert response.status_code == 202, response.json()
    body = wait_for_grade(client, response.json()["id"], celery_worker)
    assert (body["status"], body["score"], body["max_score"]) == ("graded", 2.0, 2.0), body
    assert body["memory"]["checkpoint"]["reachable"] == ["A"]
    assert "attempt_grade" in celery_worker.read_text()
    assert Attempt.objects.get().graded_at is not None
