"""Fault tests: real Celery worker processes on a Redis server of the test's own and PostgreSQL, faults made for
real (SIGKILL, a stopped Redis, terminated database backends, row locks that hold a grading in the middle).

Every test runs its own `redis-server` on a free port, so the machine's shared Redis is never stopped, and every
worker connects to PostgreSQL with an application_name of its own, so only its backends are ever terminated.
Without PostgreSQL or redis-server these tests skip, saying why; under CI=true they fail.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
# One object kept (A), one dropped (B): `{"objects": ["A"]}` is right, `["A", "B"]` earns nothing.
PROGRAM = 'let keep = { a: 1 };\nlet drop = [1, 2];\ndrop = null;\ncheckpoint("A");\n'
WAIT = 120.0  # the longest any wait below may take before the test fails, showing the workers' logs


def require_binary(name: str) -> None:
    """Fail under CI=true (which installs it), skip elsewhere, when a program the test runs is missing."""
    if shutil.which(name) is not None:
        return
    message = f"{name} is not installed: the fault tests start servers of their own"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}. CI=true requires it (.ci/run installs it).", pytrace=False)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(condition: Callable[[], Any], what: str, logs: Callable[[], str] = lambda: "",
               timeout: float = WAIT) -> Any:
    """Poll `condition` until it returns something true; fail with `what` and the logs after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"gave up waiting for {what} after {timeout:g}s\n{logs()}", pytrace=False)


# --- Redis --------------------------------------------------------------------------------------------------------


@dataclass
class RedisServer:
    """A redis-server of the test's own, without persistence: stopping it loses every message, as a crash would."""

    directory: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no",
                   "--dir", str(self.directory)]
        with (self.directory / "redis.log").open("a") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        wait_until(self.answers, f"redis-server on port {self.port}", self.log, timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process = None

    def answers(self) -> bool:
        from memcourse.redis_ping import redis_answers

        return redis_answers(self.url, timeout=0.5)

    def client(self) -> Any:
        import redis

        return redis.Redis.from_url(self.url)

    def log(self) -> str:
        path = self.directory / "redis.log"
        return path.read_text()[-3000:] if path.exists() else ""


def reset_broker_connections(app: Any) -> None:
    """Forget pooled connections, so that the next task is sent to the broker now configured.

    kombu keeps one process-wide registry of pools keyed by broker URL, and Celery's ``app.pool`` is the entry for
    the configured URL: closing that pool alone would leave a closed pool in the registry, and every later task sent
    to the same URL (the machine's Redis, for the rest of the test run) would fail with "Acquire on closed pool".
    ``kombu.pools.reset`` closes every pool and empties the registry, so the next task opens a fresh one."""
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


# --- workers ------------------------------------------------------------------------------------------------------


def _database_url(application_name: str) -> str:
    from django.db import connection

    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    host = f"{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    return f"postgres://{s['USER']}{password}@{host}/{s['NAME']}?application_name={application_name}"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


@dataclass
class Worker:
    """One `celery -A memcourse worker` process (its own session, so SIGKILL reaches its pool too)."""

    process: subprocess.Popen[bytes]
    log_path: Path
    application_name: str

    def log(self) -> str:
        return f"--- {self.log_path.name} ---\n" + self.log_path.read_text()[-6000:]

    def pool_processes(self) -> list[int]:
        return _children(self.process.pid)

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes at once, as a crashed machine or the OOM killer would."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@dataclass
class Workers:
    broker: RedisServer
    queue: str
    directory: Path
    started: list[Worker] = field(default_factory=list)

    def start(self, *, concurrency: int = 2, beat: bool = False, env: dict[str, str] | None = None,
              faults: dict[str, str] | None = None) -> Worker:
        """Start a prefork worker on the test's queue and wait until it is ready. `beat` runs Celery beat in it
        with the sweeper every second for attempts pending over 3 s; `faults` starts it through faulty_worker.py."""
        number = len(self.started) + 1
        name = f"fault-worker-{uuid.uuid4().hex[:8]}"
        settings = {"DATABASE_URL": _database_url(name), "REDIS_URL": self.broker.url, "CELERY_QUEUE": self.queue,
                    "CELERY_EAGER": "0", "GRADING_SWEEP_EVERY": "1", "GRADING_REQUEUE_AFTER": "3"}
        full_env = {**os.environ, **settings, **(env or {}), **(faults or {})}
        program = [str(Path(__file__).with_name("faulty_worker.py"))] if faults else ["-m", "celery"]
        command = [sys.executable, *program, "-A", "memcourse", "worker", "--pool=prefork",
                   f"--concurrency={concurrency}", "-Q", self.queue, "-n", f"{name}@%h", "--without-gossip",
                   "--without-mingle", "--without-heartbeat", "--loglevel=info"]
        if beat:
            command += ["--beat", f"--schedule={self.directory / f'beat-{number}'}"]
        log_path = self.directory / f"worker-{number}.log"
        with log_path.open("w") as out:
            process = subprocess.Popen(command, cwd=ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        worker = Worker(process, log_path, name)
        self.started.append(worker)
        wait_until(lambda: " ready." in log_path.read_text() or process.poll() is not None,
                   f"worker {number} to start", worker.log)
        assert process.poll() is None, worker.log()
        return worker

    def logs(self) -> str:
        return "\n".join(worker.log() for worker in self.started) + "\n--- redis ---\n" + self.broker.log()


# --- PostgreSQL from the outside ---------------------------------------------------------------------------------


def _admin_connection() -> Any:
    """A connection of the test's own (not Django's), for locks and for terminating the workers' backends."""
    import psycopg
    from django.db import connection

    s = connection.settings_dict
    return psycopg.connect(host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, user=s["USER"],
                           password=s["PASSWORD"] or None, dbname=s["NAME"], application_name="fault-test-admin")


class RowLocks:
    """Hold `SELECT ... FOR UPDATE` on attempts from outside, so that a worker grading them waits right there:
    in the middle of grading, for as long as the test likes."""

    def __init__(self) -> None:
        self.connection = _admin_connection()

    def hold(self, attempt_ids: list[int]) -> None:
        self.connection.execute("SELECT id FROM exercises_attempt WHERE id = ANY(%s) FOR UPDATE", [attempt_ids])

    def release(self) -> None:
        self.connection.rollback()

    def waiting(self, application_name: str) -> int:
        """How many backends of that worker wait for a lock."""
        with _admin_connection() as other:
            row = other.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s AND wait_event_type = 'Lock'",
                [application_name],
            ).fetchone()
        return int(row[0]) if row else 0

    def terminate(self, application_name: str) -> int:
        """pg_terminate_backend on every backend of that worker, in this test database only; how many."""
        with _admin_connection() as other:
            rows = other.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s "
                "AND datname = current_database()",
                [application_name],
            ).fetchall()
        return sum(1 for (done,) in rows if done)

    def close(self) -> None:
        self.connection.close()


# --- the course: students, an exercise, submitting and watching ------------------------------------------------


def answer_for(n: int) -> dict[str, list[str]]:
    """Every third answer is wrong, the others right: a fault must neither pass nor fail anyone."""
    return {"objects": ["A", "B"]} if n % 3 == 2 else {"objects": ["A"]}


@dataclass
class Seen:
    """Everything the students' browsers were told: the status code and body of each request."""

    responses: list[tuple[str, int, Any]] = field(default_factory=list)

    def record(self, what: str, response: Any) -> Any:
        body = response.json() if response.get("Content-Type", "").startswith("application/json") else None
        self.responses.append((what, response.status_code, body))
        return body

    def server_errors(self) -> list[tuple[str, int, Any]]:
        return [r for r in self.responses if r[1] >= 500]

    def statuses(self) -> set[str]:
        return {body["status"] for _, _, body in self.responses if isinstance(body, dict) and "status" in body}


class Class:
    """The students of the course answering one question through the API, as their browsers do."""

    def __init__(self, students: list[Any], question: Any, api_client_for: Callable[[Any], Any]) -> None:
        self.question = question
        self.clients = [api_client_for(s) for s in students]
        self.seen = Seen()
        self.submitted: list[int] = []
        self.owner: dict[int, Any] = {}

    def submit(self, n: int) -> dict[str, Any]:
        client = self.clients[n % len(self.clients)]
        response = client.post("/api/attempts/", {"question": self.question.pk, "answer": answer_for(n)},
                               format="json")
        body = self.seen.record("submit", response)
        assert response.status_code == 202, (response.status_code, body)
        self.submitted.append(body["id"])
        self.owner[body["id"]] = client
        return dict(body)

    def burst(self, count: int) -> list[int]:
        start = len(self.submitted)
        for n in range(start, start + count):
            self.submit(n)
        return self.submitted[start:]

    def look(self, attempt_id: int) -> dict[str, Any]:
        # ?wait=1: the page's long poll, where the API offers one (it answers at once without).
        response = self.owner[attempt_id].get(f"/api/attempts/{attempt_id}/?wait=1")
        body = self.seen.record("look", response)
        assert response.status_code == 200, (response.status_code, body)
        return dict(body)


def graded_count(ids: list[int]) -> int:
    from exercises.models import Attempt

    return Attempt.objects.filter(pk__in=ids).exclude(status=Attempt.Status.PENDING).count()


def wait_all_graded(ids: list[int], workers: Workers) -> None:
    wait_until(lambda: graded_count(ids) == len(ids), f"all {len(ids)} attempts graded", workers.logs)


def assert_graded_exactly_once(klass: Class) -> None:
    """Every attempt graded, with the score the pure grader gives its answer (so no fault passed or failed
    anyone), progress counted once per attempt, and never a server error or a failed attempt on the way."""
    from exercises.grading import grade
    from exercises.models import Attempt, Progress

    attempts = list(Attempt.objects.filter(pk__in=klass.submitted).select_related("question"))
    assert len(attempts) == len(klass.submitted)
    key = klass.question.answer_keys.get().key
    wrong = [(a.pk, a.status, a.score, a.message) for a in attempts
             if (a.status, a.score) != ("graded", grade("reachable", key, a.answer).score(a.max_score))]
    assert wrong == [], wrong
    for progress in Progress.objects.filter(question=klass.question):
        mine = [a for a in attempts if a.student_id == progress.student_id]
        assert progress.attempts == len(mine), (progress.student_id, progress.attempts, len(mine))
        assert progress.best_score == max(a.score for a in mine)
    assert sum(p.attempts for p in Progress.objects.filter(question=klass.question)) == len(attempts)
    assert klass.seen.server_errors() == []
    assert klass.seen.statuses() <= {"pending", "graded"}, klass.seen.statuses()
