"""Grading under load: simulated students submit answers to gunicorn, Celery workers grade them on Redis and
PostgreSQL, and the students wait for their results; beside it, the same attempts graded in-process.

    .venv/bin/python -m bench.grading_load                     # 10, 100 and 1,000 students at 200 attempts/s
    .venv/bin/python -m bench.grading_load --students 100 --seconds 5 --modes celery

It needs PostgreSQL and Redis (127.0.0.1, as in .ci/run). It creates the database of --database-url when missing
(default postgres://postgres@127.0.0.1:5432/load), migrates it, and seeds it once: a course "load-bench" of four
demo-course exercises (stack, locals, output, pending, reachable, gc_freed and multiple-choice questions, three of
them with parameters, so students answer different variants) and --max-students students with API tokens and
their variants traced. Each scenario deletes the attempts and progress of the one before.

Modes, each at 10, 100 and 1,000 students (--students):
- celery: gunicorn (--workers, worker class --worker-class with --threads) and a Celery worker (prefork,
  --concurrency) on a queue of its own; grading happens in the worker; the student waits for the result with the
  long poll GET /api/attempts/<id>/?wait=10 (--wait poll: as the page did before, polling after 400 ms, x1.5,
  at most every 2 s).
- eager: the same gunicorn with CELERY_EAGER=1: the submit request grades before it answers (in-process).
- direct: no HTTP and no broker: this process calls the services (attempt_submit, which grades in-process, and
  the result the student would get), one attempt after another: the floor of the grading work itself.

Every student submits on a fixed schedule (the offered rate --rate split evenly over the students, each student
with at most one attempt in flight: when a result is late, the slots missed meanwhile are skipped, so a slow server
lowers the achieved rate instead of piling up requests). A scenario offers --rate x --seconds attempts, then waits at
most --drain seconds for the last results. Printed per scenario: graded attempts per second (graded / time from
the first submit to the last result), p50/p95/p99 of submit-to-graded (from sending the answer until the client
holds the graded result), p99 of the submit request itself, errors (HTTP errors, failed attempts, results not
there in time), and the CPU of each process during the scenario as a share of one core (psutil), with the
machine's total, so the CPU taken by others is visible. Loopback only; nothing is timed by a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

COURSE_SLUG = "load-bench"
EXERCISES = [  # (module slug, exercise slug) of courses/js-memory/
    ("call-stack", "frames-on-the-stack"),
    ("values-and-references", "passing-an-object"),
    ("shared-closure-scope", "replace-thing"),
    ("timers-and-the-event-loop", "who-goes-first"),
]
BAR_RATE, BAR_P99_MS = 200.0, 250.0
POLL_FIRST, POLL_GROWTH, POLL_MAX = 0.4, 1.5, 2.0  # the page's polling before the long poll
LONG_POLL_WAIT = 10


# --- arguments and environment ----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Grading under load: gunicorn + Celery vs in-process grading.")
    parser.add_argument("--students", default="10,100,1000", help="comma-separated student counts")
    parser.add_argument("--modes", default="celery,eager,direct", help="comma-separated: celery, eager, direct")
    parser.add_argument("--rate", type=float, default=BAR_RATE, help="attempts offered per second (all students)")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long each scenario offers attempts")
    parser.add_argument("--drain", type=float, default=30.0, help="seconds to wait for the last results")
    parser.add_argument("--wait", choices=["long", "poll"], default="long", help="how students wait for a result")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--worker-class", default="gthread", help="gunicorn worker class (sync, gthread)")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker (gthread)")
    parser.add_argument("--concurrency", type=int, default=2, help="Celery prefork pool processes")
    parser.add_argument("--conn-max-age", type=int, default=60, help="CONN_MAX_AGE of the servers (0: no reuse)")
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--max-students", type=int, default=1000, help="students seeded")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/load")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--seed", type=int, default=13, help="of the answers' random choices")
    parser.add_argument("--reseed", action="store_true", help="seed again even when the last seed still fits")
    args = parser.parse_args(argv)
    args.student_counts = [int(n) for n in args.students.split(",") if n.strip()]
    args.mode_list = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = set(args.mode_list) - {"celery", "eager", "direct"}
    if unknown:
        parser.error(f"unknown mode(s): {', '.join(sorted(unknown))}")
    if max(args.student_counts) > args.max_students:
        parser.error("--max-students must be at least the largest --students")
    return args


def server_env(args: argparse.Namespace, *, eager: bool, queue: str) -> dict[str, str]:
    """The environment of gunicorn and the worker: production-like (DEBUG off), our own database and queue."""
    return {
        **os.environ,
        "DATABASE_URL": args.database_url, "REDIS_URL": args.redis_url, "CELERY_QUEUE": queue,
        "CELERY_EAGER": "1" if eager else "0", "CONN_MAX_AGE": str(args.conn_max_age), "DEBUG": "0",
        "SECRET_KEY": "grading-load-bench-" + uuid.uuid4().hex, "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1",
        # Plain HTTP on loopback, as behind a proxy that terminates TLS: no redirect to https (with DEBUG off the
        # site redirects every request, and a client that follows it talks TLS to a plain-HTTP port).
        "SECURE_SSL_REDIRECT": "0",
        # The per-student rate limit on attempts (memcourse/ratelimits.py) is an abuse control: ten simulated
        # students offering 200 attempts a second would be refused by it, which measures the limit, not grading.
        "RATELIMIT_ENABLE": "0",
    }


def django_setup(args: argparse.Namespace) -> None:
    os.environ.update({"DATABASE_URL": args.database_url, "REDIS_URL": args.redis_url, "DEBUG": "0",
                       "SECRET_KEY": "grading-load-bench", "CONN_MAX_AGE": "60", "LOG_LEVEL": "WARNING"})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "memcourse.settings")
    import django

    django.setup()


def database_create(url: str) -> None:
    """CREATE DATABASE when it is missing (connecting to the server's "postgres" database)."""
    import psycopg
    from dj_database_url import parse

    spec = parse(url)
    conninfo = {"host": spec["HOST"] or "127.0.0.1", "port": spec["PORT"] or 5432, "user": spec["USER"] or "postgres",
                "dbname": "postgres"}
    if spec.get("PASSWORD"):
        conninfo["password"] = spec["PASSWORD"]
    with psycopg.connect(**conninfo, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [spec["NAME"]]).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{spec["NAME"]}"')


# --- the seed: a course, students with tokens, their answers ----------------------------------------------------


@dataclass(frozen=True)
class Task:
    """One answer a student can submit: the question and a valid answer (right or wrong)."""

    question: int
    answer: Any


@dataclass
class Student:
    username: str
    token: str
    tasks: list[Task]


def _course_data() -> Any:
    """The demo course, cut down to EXERCISES, as course files hold it."""
    from exercises.coursefiles import course_read

    data = course_read(REPO / "courses" / "js-memory")
    wanted = dict(EXERCISES)
    data.slug, data.title = COURSE_SLUG, "Grading under load"
    data.modules = [m for m in data.modules if m.slug in wanted]
    for module in data.modules:
        module.exercises = [e for e in module.exercises if e.slug == wanted[module.slug]]
    if sum(len(m.exercises) for m in data.modules) != len(EXERCISES):
        raise SystemExit(f"the demo course no longer has all of {EXERCISES}")
    return data


def _seed_course(data: Any) -> Any:
    from exercises.course_import import course_import
    from exercises.models import Course

    course_import(data=data, prune=True)
    return Course.objects.get(slug=COURSE_SLUG)


def _seed_students(course: Any, count: int) -> list[Any]:
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    from exercises.models import Enrollment

    User = get_user_model()
    names = [f"load-student-{i:04d}" for i in range(count)]
    existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    fresh = [User(username=name) for name in names if name not in existing]
    for user in fresh:
        user.set_unusable_password()
    User.objects.bulk_create(fresh)
    users = list(User.objects.filter(username__in=names).order_by("username"))
    Enrollment.objects.bulk_create([Enrollment(user=u, course=course) for u in users], ignore_conflicts=True)
    Token.objects.bulk_create([Token(user=u, key=Token.generate_key()) for u in users], ignore_conflicts=True)
    return users


def answer_for(kind: str, key: Any, options: dict[str, Any], rng: random.Random) -> Any:
    """A valid answer of the question's kind: the key itself half of the time, else a plausible wrong one."""
    if rng.random() < 0.5:
        return key
    if "objects" in key:
        objects = list(options.get("objects", []))
        return {"objects": rng.sample(objects, rng.randint(0, len(objects)))}
    if "frames" in key:
        return {"frames": list(reversed(key["frames"]))}
    if "choice" in key:
        return {"choice": rng.randrange(len(options["choices"]))}
    if "lines" in key:
        return {"lines": key["lines"][:-1]}
    if "overflows" in key:
        return {"overflows": not key["overflows"], "line": None if key["overflows"] else 1}
    return key


def _student_tasks(user: Any, exercises: list[Any], keys: dict[int, list[tuple[Any, Any]]],
                   rng: random.Random) -> list[Task]:
    """One answer per question of every exercise, for the student's own variant (`keys`: per version, cached)."""
    from exercises import services
    from exercises.models import AnswerKey

    tasks = []
    for exercise in exercises:
        version = services.student_variant_version(student=user, exercise=exercise)
        if version.pk not in keys:
            found = AnswerKey.objects.filter(exercise_version=version).select_related("question")
            keys[version.pk] = [(k.question, k) for k in sorted(found, key=lambda k: k.question.order) if k.is_valid]
        tasks += [Task(q.pk, answer_for(q.kind, k.key, k.options, rng)) for q, k in keys[version.pk]]
    return tasks


def _seed_path(args: argparse.Namespace) -> Path:
    return Path(os.environ.get("BENCH_LOGS", "/tmp")) / f"grading-load-seed-{args.database_url.rsplit('/', 1)[-1]}.json"


def _seed_fingerprint(args: argparse.Namespace, data: Any) -> str:
    import hashlib

    return hashlib.sha256(repr((data, args.max_students, args.seed)).encode()).hexdigest()


def _seed_cached(args: argparse.Namespace, fingerprint: str) -> list[Student] | None:
    """The students of an earlier seed of this database, when the course and the options are the same and their
    tokens are still there (else None: seed again)."""
    from rest_framework.authtoken.models import Token

    path = _seed_path(args)
    if not path.exists():
        return None
    stored = json.loads(path.read_text())
    students = [Student(s["username"], s["token"], [Task(q, a) for q, a in s["tasks"]]) for s in stored["students"]]
    if stored["fingerprint"] != fingerprint or Token.objects.filter(key__in=[s.token for s in students]).count() != len(students):
        return None
    return students


def seed(args: argparse.Namespace) -> list[Student]:
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from exercises.models import Exercise

    database_create(args.database_url)
    call_command("migrate", verbosity=0, interactive=False)
    started, data = time.perf_counter(), _course_data()
    fingerprint = _seed_fingerprint(args, data)
    cached = None if args.reseed else _seed_cached(args, fingerprint)
    if cached is not None:
        print(f"seed of {COURSE_SLUG} as before ({_seed_path(args)}): {len(cached)} students")
        return cached
    course = _seed_course(data)
    users = _seed_students(course, args.max_students)
    exercises = list(Exercise.objects.filter(module__course=course).order_by("module__order", "order"))
    tokens = dict(Token.objects.filter(user__in=users).values_list("user_id", "key"))
    rng, keys = random.Random(args.seed), {}
    students = [Student(u.username, tokens[u.pk], _student_tasks(u, exercises, keys, rng)) for u in users]
    stored = [{"username": s.username, "token": s.token, "tasks": [[t.question, t.answer] for t in s.tasks]}
              for s in students]
    _seed_path(args).write_text(json.dumps({"fingerprint": fingerprint, "students": stored}))
    print(f"seeded {COURSE_SLUG}: {len(exercises)} exercises, {len(students)} students, "
          f"{sum(len(s.tasks) for s in students)} answers ({time.perf_counter() - started:.1f} s)")
    return students


def attempts_clear(drain: float = 0.0) -> None:
    """Delete the attempts and progress of the scenario before, once its grading is over (at most `drain` s)."""
    from exercises.models import Attempt, Progress

    pending = Attempt.objects.filter(question__exercise__module__course__slug=COURSE_SLUG, status="pending")
    deadline = time.monotonic() + drain
    while pending.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    Attempt.objects.filter(question__exercise__module__course__slug=COURSE_SLUG).delete()
    Progress.objects.filter(question__exercise__module__course__slug=COURSE_SLUG).delete()


# --- processes and their CPU ------------------------------------------------------------------------------------


@dataclass
class Servers:
    gunicorn: subprocess.Popen[bytes]
    worker: subprocess.Popen[bytes] | None
    logs: list[Path]


def _start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)


def _gunicorn_command(args: argparse.Namespace) -> list[str]:
    command = [sys.executable, "-m", "gunicorn", "memcourse.wsgi", "-b", f"127.0.0.1:{args.port}",
               "-w", str(args.workers), "-k", args.worker_class, "--timeout", "60", "--keep-alive", "30",
               "--backlog", "2048"]
    return command + (["--threads", str(args.threads)] if args.worker_class == "gthread" else [])


def _worker_command(args: argparse.Namespace, queue: str) -> list[str]:
    return [sys.executable, "-m", "celery", "-A", "memcourse", "worker", "--pool=prefork",
            f"--concurrency={args.concurrency}", "-Q", queue, "--without-gossip", "--without-mingle",
            "--without-heartbeat", "--loglevel=WARNING", "-n", f"{queue}@%h"]


def _wait_http(port: int, deadline: float) -> None:
    import urllib.error
    import urllib.request

    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/courses/", timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers (401 without a token)
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port}")


def _stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _port_free(port: int) -> None:
    import socket

    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is taken (a server left over?); stop it or pass --port")


@contextmanager
def servers(args: argparse.Namespace, *, eager: bool, logdir: Path) -> Iterator[Servers]:
    _port_free(args.port)
    queue = f"load-bench-{uuid.uuid4().hex[:8]}"
    env = server_env(args, eager=eager, queue=queue)
    logs = [logdir / ("gunicorn-eager.log" if eager else "gunicorn.log")]
    gunicorn = _start(_gunicorn_command(args), env, logs[0])
    worker = None
    if not eager:
        logs.append(logdir / "celery-worker.log")
        worker = _start(_worker_command(args, queue), env, logs[1])
    try:
        _wait_http(args.port, time.monotonic() + 60)
        yield Servers(gunicorn, worker, logs)
    finally:
        _stop(gunicorn)
        _stop(worker)


def _named_processes(servers: Servers | None) -> dict[str, Any]:
    """name -> psutil.Process of every process whose CPU the table shows."""
    import psutil

    named: dict[str, Any] = {"bench client (this process)": psutil.Process()}
    if servers is None:
        return named
    master = psutil.Process(servers.gunicorn.pid)
    named["gunicorn master"] = master
    for i, child in enumerate(master.children(), start=1):
        named[f"gunicorn worker {i}"] = child
    if servers.worker is not None:
        main = psutil.Process(servers.worker.pid)
        named["celery main"] = main
        for i, child in enumerate(main.children(), start=1):
            named[f"celery pool {i}"] = child
    return named


def _postgres_backends(database: str) -> list[Any]:
    import psutil
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [database])
        pids = [row[0] for row in cursor.fetchall()]
    out = []
    for pid in pids:
        try:
            out.append(psutil.Process(pid))
        except psutil.Error:
            pass
    return out


def _redis_server() -> list[Any]:
    import psutil

    return [p for p in psutil.process_iter(["name"]) if (p.info["name"] or "").startswith("redis-server")]


def _cpu_seconds(process: Any) -> float:
    import psutil

    try:
        times = process.cpu_times()
        return float(times.user + times.system)
    except psutil.Error:
        return 0.0


MACHINE = "machine total (all processes, others' too)"


class CpuMeter:
    """CPU seconds of each named process between start() and stop(); PostgreSQL backends (of our database, new
    connections included) and redis-server summed; the machine's total from /proc/stat."""

    def __init__(self, servers: Servers | None, database: str) -> None:
        self.servers, self.database = servers, database

    def start(self) -> None:
        import psutil

        self.named = _named_processes(self.servers)
        self.before = {name: _cpu_seconds(p) for name, p in self.named.items()}
        self.pg_before = {p.pid: _cpu_seconds(p) for p in _postgres_backends(self.database)}
        self.redis = _redis_server()
        self.redis_before = sum(_cpu_seconds(p) for p in self.redis)
        self.machine_before = psutil.cpu_times()
        self.wall_before = time.perf_counter()

    def stop(self) -> tuple[float, dict[str, float]]:
        """The wall-clock seconds measured, and name -> CPU seconds spent in them."""
        import psutil

        wall = time.perf_counter() - self.wall_before
        spent = {name: _cpu_seconds(p) - self.before[name] for name, p in self.named.items()}
        pg = sum(_cpu_seconds(p) - self.pg_before.get(p.pid, 0.0) for p in _postgres_backends(self.database))
        spent["postgres backends (our database)"] = pg
        spent["redis-server (shared)"] = sum(_cpu_seconds(p) for p in self.redis) - self.redis_before
        after, before = psutil.cpu_times(), self.machine_before
        spent[MACHINE] = sum(getattr(after, f) - getattr(before, f) for f in ("user", "system", "nice", "irq", "softirq"))
        return wall, spent


# --- the students -----------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    submit_s: float | None = None  # the submit request
    graded_s: float | None = None  # submit sent -> graded result held
    finished: float | None = None  # perf_counter when the result arrived
    error: str = ""


@dataclass
class Run:
    outcomes: list[Outcome] = field(default_factory=list)
    started: float = 0.0


async def _json(response: Any) -> tuple[int, Any]:
    try:
        return response.status, await response.json(content_type=None)
    except ValueError:
        return response.status, None


async def _await_result(session: Any, base: str, headers: dict[str, str], attempt_id: int, how: str,
                        deadline: float) -> dict[str, Any]:
    delay = POLL_FIRST
    while time.perf_counter() < deadline:
        if how == "poll":
            await asyncio.sleep(delay)
            delay = min(POLL_MAX, delay * POLL_GROWTH)
            url = f"{base}/api/attempts/{attempt_id}/"
        else:
            url = f"{base}/api/attempts/{attempt_id}/?wait={LONG_POLL_WAIT}"
        async with session.get(url, headers=headers) as response:
            status, body = await _json(response)
        if status != 200 or not isinstance(body, dict):
            raise RuntimeError(f"result HTTP {status}")
        if body.get("status") != "pending":
            return body
    raise TimeoutError("no result in time")


async def _attempt(session: Any, base: str, student: Student, task: Task, how: str, deadline: float) -> Outcome:
    outcome = Outcome()
    headers = {"Authorization": f"Token {student.token}", "Accept": "application/json"}
    sent = time.perf_counter()
    try:
        async with session.post(f"{base}/api/attempts/", json={"question": task.question, "answer": task.answer},
                                headers=headers) as response:
            status, body = await _json(response)
        outcome.submit_s = time.perf_counter() - sent
        if status != 202 or not isinstance(body, dict):
            outcome.error = f"submit HTTP {status}: {str(body)[:120]}"
            return outcome
        result = await _await_result(session, base, headers, body["id"], how, deadline)
        if result["status"] != "graded":
            outcome.error = f"attempt {result['status']}: {result.get('message', '')[:120]}"
            return outcome
        outcome.finished = time.perf_counter()
        outcome.graded_s = outcome.finished - sent
    except Exception as exc:  # every failure is counted, never hidden
        outcome.error = f"{type(exc).__name__}: {exc}"[:160]
    return outcome


async def _student_loop(session: Any, base: str, student: Student, index: int, count: int,
                        args: argparse.Namespace, run: Run, t0: float) -> None:
    period = count / args.rate  # each student's share of the offered rate
    end, deadline = t0 + args.seconds, t0 + args.seconds + args.drain
    k = 0
    while True:
        due = t0 + (index / count + k) * period
        if due >= end:
            return
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        task = student.tasks[k % len(student.tasks)]
        run.outcomes.append(await _attempt(session, base, student, task, args.wait, deadline))
        late = time.perf_counter() - t0 - index / count * period
        k = max(k + 1, math.ceil(late / period))  # a slot missed while waiting for a result is skipped


async def _drive(base: str, students: list[Student], args: argparse.Namespace) -> Run:
    import aiohttp

    connector = aiohttp.TCPConnector(limit=0, force_close=False, keepalive_timeout=30)
    timeout = aiohttp.ClientTimeout(total=LONG_POLL_WAIT + 20)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        run = Run(started=time.perf_counter())
        await asyncio.gather(*[
            _student_loop(session, base, s, i, len(students), args, run, run.started) for i, s in enumerate(students)
        ])
    return run


# --- in-process: the services called directly -------------------------------------------------------------------


def _direct(students: list[Student], args: argparse.Namespace) -> Run:
    """attempt_submit (graded in-process on commit) and the result a student would get, one after another."""
    from django.contrib.auth import get_user_model

    from exercises import selectors, services
    from exercises.api import AttemptDetailApi
    from exercises.models import Question
    from memcourse.celery import app

    app.conf.task_always_eager = True
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[s.username for s in students])}
    questions = {q.pk: q for q in Question.objects.select_related("exercise__module__course")}
    run, total = Run(started=time.perf_counter()), int(args.rate * args.seconds)
    for n in range(total):
        student = students[n % len(students)]
        task = student.tasks[(n // len(students)) % len(student.tasks)]
        outcome, sent = Outcome(), time.perf_counter()
        user = users[student.username]
        attempt = services.attempt_submit(student=user, question=questions[task.question], answer=task.answer)
        outcome.submit_s = time.perf_counter() - sent
        attempt = selectors.attempt_get_for_user(attempt_id=attempt.pk, user=user)
        body = AttemptDetailApi.OutputSerializer(attempt).data
        body.update(memory=selectors.attempt_memory(attempt=attempt), comparison=selectors.attempt_comparison(attempt=attempt))
        outcome.finished = time.perf_counter()
        outcome.graded_s = outcome.finished - sent
        if attempt.status != "graded":
            outcome.error = f"attempt {attempt.status}: {attempt.message[:120]}"
        run.outcomes.append(outcome)
    return run


# --- figures ----------------------------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank percentile (p in 0..100) of non-empty values."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-p * len(ordered) // 100))))
    return ordered[rank - 1]


@dataclass
class Figures:
    mode: str
    students: int
    offered: int
    graded: int
    rate: float
    p50: float
    p95: float
    p99: float
    submit_p99: float
    errors: int
    error_samples: list[str]
    wall: float
    cpu: dict[str, float]  # CPU seconds per process during `wall`

    def ours(self) -> float:
        """CPU seconds of the processes of the site and this client (not the machine's others)."""
        return sum(v for k, v in self.cpu.items() if k != MACHINE)

    @property
    def meets_bar(self) -> bool:
        return self.rate >= BAR_RATE and self.p99 * 1000 < BAR_P99_MS and self.errors == 0


def figures(mode: str, students: int, run: Run, measured: tuple[float, dict[str, float]]) -> Figures:
    graded = [o for o in run.outcomes if o.graded_s is not None and not o.error]
    errors = [o.error for o in run.outcomes if o.error]
    latencies = [o.graded_s for o in graded if o.graded_s is not None] or [float("nan")]
    submits = [o.submit_s for o in run.outcomes if o.submit_s is not None] or [float("nan")]
    last = max((o.finished for o in graded if o.finished), default=run.started)
    span = max(last - run.started, 1e-9)
    return Figures(
        mode=mode, students=students, offered=len(run.outcomes), graded=len(graded), rate=len(graded) / span,
        p50=percentile(latencies, 50), p95=percentile(latencies, 95), p99=percentile(latencies, 99),
        submit_p99=percentile(submits, 99), errors=len(errors), error_samples=sorted(set(errors))[:3],
        wall=measured[0], cpu=measured[1],
    )


MODE_TEXT = {"celery": "gunicorn + Celery", "eager": "gunicorn, in-process (eager)", "direct": "services, in-process"}


def print_row(r: Figures) -> None:
    print(f"  {MODE_TEXT[r.mode]}, {r.students:,} students: {r.rate:.0f} graded/s, p99 {r.p99 * 1000:.0f} ms, "
          f"{r.errors} errors" + (f" (e.g. {r.error_samples[0]})" if r.error_samples else ""), flush=True)


def print_table(rows: list[Figures]) -> None:
    print()
    print("| mode | students | attempts | graded/s | submit->graded p50 / p95 / p99 (ms) | submit p99 (ms) | errors |"
          " bar |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in rows:
        bar = "met" if r.meets_bar else "not met"
        print(f"| {MODE_TEXT[r.mode]} | {r.students:,} | {r.offered:,} | {r.rate:.0f} | "
              f"{r.p50 * 1000:.0f} / {r.p95 * 1000:.0f} / {r.p99 * 1000:.0f} | {r.submit_p99 * 1000:.0f} | "
              f"{r.errors} | {bar} |")
    for r in rows:
        for sample in r.error_samples:
            print(f"  error ({MODE_TEXT[r.mode]}, {r.students}): {sample}")


def print_ratios(rows: list[Figures]) -> None:
    direct = {r.students: r for r in rows if r.mode == "direct"}
    eager = {r.students: r for r in rows if r.mode == "eager"}
    print("\nRatio to in-process grading in the same run (graded/s; p99 submit->graded):")
    for r in rows:
        if r.mode != "celery":
            continue
        for name, peers in (("eager", eager), ("direct", direct)):
            peer = peers.get(r.students)
            if peer is not None and peer.rate > 0:
                print(f"  {r.students:>5,} students: celery / {name} = {r.rate / peer.rate:.2f}x the rate, "
                      f"{r.p99 / peer.p99:.1f}x the p99")


def print_cpu(rows: list[Figures]) -> None:
    print("\nCPU during each scenario, as a share of one core (2 cores = 200%), and CPU milliseconds per graded "
          "attempt of the site's processes and this client together:")
    for r in rows:
        shares = ", ".join(f"{name} {spent / r.wall * 100:.0f}%" for name, spent in r.cpu.items()
                           if spent / r.wall >= 0.005)
        per = r.ours() / r.graded * 1000 if r.graded else float("nan")
        print(f"  {MODE_TEXT[r.mode]}, {r.students:,} students: {per:.1f} ms CPU per attempt; {shares}")


def print_bar(rows: list[Figures]) -> None:
    print(f"\nThe bar: at least {BAR_RATE:.0f} graded attempts/s sustained, p99 submit->graded under "
          f"{BAR_P99_MS:.0f} ms, no error (gunicorn + Celery, on this {os.cpu_count()}-core machine):")
    for r in rows:
        if r.mode == "celery":
            print(f"  {r.students:>5,} students: {'met' if r.meets_bar else 'NOT met'} "
                  f"({r.rate:.0f}/s, p99 {r.p99 * 1000:.0f} ms, {r.errors} errors)")


# --- main -------------------------------------------------------------------------------------------------------


def _scenario_http(mode: str, count: int, students: list[Student], args: argparse.Namespace,
                   srv: Servers) -> Figures:
    attempts_clear(drain=args.drain)
    database = args.database_url.rsplit("/", 1)[-1]
    meter = CpuMeter(srv, database)
    meter.start()
    run = asyncio.run(_drive(f"http://127.0.0.1:{args.port}", students[:count], args))
    return figures(mode, count, run, meter.stop())


def _scenario_direct(count: int, students: list[Student], args: argparse.Namespace) -> Figures:
    attempts_clear()
    meter = CpuMeter(None, args.database_url.rsplit("/", 1)[-1])
    meter.start()
    run = _direct(students[:count], args)
    return figures("direct", count, run, meter.stop())


def _stop_on_signals() -> None:
    """SIGTERM (timeout, kill) ends the run like Ctrl+C, so the servers it started are stopped too."""
    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupt)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    _stop_on_signals()
    django_setup(args)
    students = seed(args)
    logdir = Path(os.environ.get("BENCH_LOGS", "/tmp")) / f"grading-load-{os.getpid()}"
    logdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start; "
          f"offered {args.rate:.0f} attempts/s for {args.seconds:.0f} s per scenario; students wait with "
          f"{'the long poll ?wait=' + str(LONG_POLL_WAIT) if args.wait == 'long' else 'polling (400 ms x1.5, 2 s max)'}; "
          f"gunicorn {args.workers} x {args.worker_class}" + (f" ({args.threads} threads)" if args.worker_class == "gthread" else "")
          + f", Celery prefork x{args.concurrency}, CONN_MAX_AGE={args.conn_max_age}; logs in {logdir}")
    rows: list[Figures] = []
    for mode in args.mode_list:
        if mode == "direct":
            for count in args.student_counts:
                rows.append(_scenario_direct(count, students, args))
                print_row(rows[-1])
            continue
        with servers(args, eager=mode == "eager", logdir=logdir) as srv:
            attempts_clear()
            warm = argparse.Namespace(**{**vars(args), "rate": 20.0, "seconds": 2.0})
            asyncio.run(_drive(f"http://127.0.0.1:{args.port}", students[:20], warm))
            for count in args.student_counts:
                rows.append(_scenario_http(mode, count, students, args, srv))
                print_row(rows[-1])
    attempts_clear()
    print_table(rows)
    print_ratios(rows)
    print_cpu(rows)
    print_bar(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
