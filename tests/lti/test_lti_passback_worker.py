"""Grade passback with the real pieces: a `celery -A memcourse worker` process on Redis (a queue of its own) grades
the attempt on PostgreSQL, the attempt_graded hook records the passback, and the worker sends the score to the test
platform. Skipped (with the reason) without Redis or PostgreSQL, except under CI=true where that fails."""

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


def database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def celery_worker(postgres: None, redis_url: str, transactional_db: None, tmp_path: Path) -> Iterator[Path]:
    """The tests/exercises/test_celery_integration.py pattern: a worker on a queue no other worker takes."""
    from memcourse.celery import app

    queue = f"test-lti-{uuid.uuid4().hex[:8]}"
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


def wait_for(condition: Any, what: str, log: Path, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    pytest.fail(f"{what} did not happen within {timeout}s; worker log:\n{log.read_text()}")


def test_a_real_worker_grades_the_attempt_and_sends_the_score_once(celery_worker: Path, client: Any, lms: Any,
                                                                   learner: Any, launch: Any, linked: Any,
                                                                   exercise: Any) -> None:
    from lti.models import Passback

    link = lms.add_link(title="Keep and drop", custom={"memcourse_exercise": str(exercise.pk)}, lineitem_points=2)
    assert launch("ada", f"link:{link.id}")["Location"] == f"/exercises/{exercise.pk}/"
    response = client.post("/api/attempts/", {"question": exercise.questions.get().pk, "answer": {"objects": ["A", "B"]}},
                           content_type="application/json")
    assert response.status_code == 202, response.content

    wait_for(lambda: Passback.objects.filter(status="sent").exists(), "the passback being sent", celery_worker)
    (score,) = lms.scores
    assert (score["lineitem"], score["body"]["userId"], score["body"]["scoreGiven"]) == (link.lineitem, learner.sub, 2.0)
    log = celery_worker.read_text()
    assert "lti.tasks.passback_send" in log and "exercises.tasks.attempt_grade" in log
    assert Passback.objects.get().tries == 1
