"""GET /api/attempts/<id>/?wait=N, the long poll: it answers as soon as the attempt is graded (woken by Redis, or by
re-checking the database when Redis does not answer), answers pending when the wait runs out, and shows nobody
else's attempt. The grader runs in another thread, as a worker would, on the real database."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from exercises import attempt_events, selectors, services
from exercises.models import Attempt

PROGRAM = 'let keep = { a: 1 };\nlet drop = [1, 2];\ndrop = null;\ncheckpoint("A");\n'
WAIT = 20  # far longer than grading takes, so a waiter that was not woken is still waiting when the test looks


@pytest.fixture
def question(make_exercise: Any) -> Any:
    return make_exercise(PROGRAM, [{"kind": "reachable", "checkpoint": "A", "points": 2}]).questions.get()


def pending_attempt(student: Any, question: Any) -> Attempt:
    """An attempt as submitted, before any worker took it."""
    version = services.student_variant_version(student=student, exercise=question.exercise)
    return Attempt.objects.create(student=student, question=question, exercise_version=version,
                                  answer={"objects": ["A"]}, max_score=question.points)


class Waiter(threading.Thread):
    """GET the attempt with ?wait= in a thread of its own, as a browser's long poll would; `checks` counts the
    times it has asked the database whether the attempt is done (and heard no)."""

    def __init__(self, client: Any, attempt_id: int, wait: float = WAIT) -> None:
        super().__init__(daemon=True)
        self.client, self.url, self.response = client, f"/api/attempts/{attempt_id}/?wait={wait}", None
        self.checks = 0

    def observe(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        result = execute(sql, params, many, context)
        if ' AS "a" FROM "exercises_attempt"' in sql:  # the exists() check of a waiting request
            self.checks += 1
        return result

    def run(self) -> None:
        from django.db import connection

        try:
            with connection.execute_wrapper(self.observe):
                self.response = self.client.get(self.url)
        finally:
            connection.close()


def until(condition: Callable[[], bool], what: str) -> None:
    """Wait for something the waiter does (no sleeping a guessed time); fail only if it never happens."""
    event = threading.Event()
    for _ in range(2000):
        if condition():
            return
        event.wait(0.01)
    pytest.fail(f"never happened: {what}")


def subscribers(attempt_id: int) -> int:
    return int(dict(attempt_events._redis().pubsub_numsub(attempt_events.channel(attempt_id)))[
        attempt_events.channel(attempt_id).encode()])


@pytest.fixture
def no_redis(settings: Any) -> Iterator[None]:
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    yield


@pytest.mark.django_db(transaction=True)
def test_the_long_poll_answers_as_soon_as_the_attempt_is_graded(redis_url: str, settings: Any, student: Any,
                                                                 question: Any, api_client_for: Any) -> None:
    settings.REDIS_URL = redis_url
    attempt = pending_attempt(student, question)
    waiter = Waiter(api_client_for(student), attempt.pk)
    waiter.start()
    until(lambda: subscribers(attempt.pk) == 1, "the long poll subscribed to its attempt")
    services.attempt_grade(attempt_id=attempt.pk)  # commits, then announces
    waiter.join(timeout=WAIT / 2)
    assert not waiter.is_alive(), "the long poll was not woken by the grading"
    body = waiter.response.json()
    assert (body["status"], body["score"]) == ("graded", 2.0)
    assert body["memory"]["checkpoint"]["reachable"] == ["A"]


@pytest.mark.django_db(transaction=True)
def test_without_redis_the_long_poll_finds_the_result_in_the_database(no_redis: None, student: Any,
                                                                       question: Any, api_client_for: Any) -> None:
    attempt = pending_attempt(student, question)
    waiter = Waiter(api_client_for(student), attempt.pk)
    waiter.start()
    until(lambda: waiter.checks > 0, "the long poll found its attempt pending")
    services.attempt_grade(attempt_id=attempt.pk)  # Redis does not answer: nobody is told
    waiter.join(timeout=WAIT / 2)
    assert not waiter.is_alive(), "the long poll did not re-check the database"
    assert waiter.response.json()["status"] == "graded"


@pytest.mark.django_db
@pytest.mark.parametrize("redis", ["answers", "does not answer"])
def test_when_the_wait_runs_out_the_attempt_is_answered_pending(redis: str, request: Any, student: Any,
                                                                question: Any, api_client_for: Any) -> None:
    if redis == "does not answer":
        request.getfixturevalue("no_redis")
    else:
        request.getfixturevalue("redis_url")
    attempt = pending_attempt(student, question)
    response = api_client_for(student).get(f"/api/attempts/{attempt.pk}/?wait=0.3")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["score"], body["memory"], body["comparison"]) == ("pending", None, None, None)


@pytest.mark.django_db
def test_a_graded_attempt_is_answered_at_once_even_when_asked_to_wait(student: Any, question: Any,
                                                                      api_client_for: Any) -> None:
    attempt = pending_attempt(student, question)
    services.attempt_grade(attempt_id=attempt.pk)
    body = api_client_for(student).get(f"/api/attempts/{attempt.pk}/?wait={WAIT}").json()
    assert body["status"] == "graded"


@pytest.mark.django_db
def test_another_students_attempt_is_404_without_waiting(student: Any, other_student: Any, question: Any,
                                                          api_client_for: Any) -> None:
    attempt = pending_attempt(student, question)
    response = api_client_for(other_student).get(f"/api/attempts/{attempt.pk}/?wait={WAIT}")
    assert response.status_code == 404
    assert response.json()["error"]["message"] == f"There is no attempt {attempt.pk}."
    assert api_client_for(None).get(f"/api/attempts/{attempt.pk}/?wait={WAIT}").status_code in (401, 403)


@pytest.mark.django_db
@pytest.mark.parametrize(("wait", "message"), [
    ("soon", "wait: A valid number is required."),
    ("-1", "wait: Ensure this value is greater than or equal to 0."),
    ("3600", "wait: Ensure this value is less than or equal to 25."),
])
def test_a_wait_that_is_not_a_number_of_seconds_up_to_25_gets_400(wait: str, message: str, student: Any,
                                                                   question: Any, api_client_for: Any) -> None:
    attempt = pending_attempt(student, question)
    response = api_client_for(student).get(f"/api/attempts/{attempt.pk}/?wait={wait}")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == message


@pytest.mark.django_db
def test_the_selector_returns_a_pending_attempt_after_its_wait(no_redis: None, student: Any, question: Any) -> None:
    attempt = pending_attempt(student, question)
    waited = selectors.attempt_wait_for_user(attempt_id=attempt.pk, user=student, wait=0.2)
    assert waited.status == Attempt.Status.PENDING
