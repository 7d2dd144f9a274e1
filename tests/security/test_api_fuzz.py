"""Fuzzing the API from its own OpenAPI schema (/api/schema/) with schemathesis: for every operation, a bounded
number of generated requests (a fixed seed: the same requests every run), valid ones and invalid ones, as a student
and as a teacher, each with their API token. Every response must be no server error and match the schema: its status is one the operation
declares, and its body and headers match the declared shape.

The world has something to find: a course with a published and a draft exercise, both users enrolled, the
student's graded attempt. Rate limits are off (a fuzzer asks faster than a person)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis.errors import Unsatisfiable

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 8
PROGRAM = """function make() { return { tag: "kept" }; }
let kept = make();
console.log("done");
checkpoint("end");
"""


@pytest.fixture
def tokens(student: Any, teacher: Any, make_exercise: Any, settings: Any) -> dict[str, str]:
    from rest_framework.authtoken.models import Token

    from exercises import services

    settings.RATELIMIT_ENABLE = False
    exercise = make_exercise(PROGRAM, [{"kind": "reachable", "checkpoint": "end"}, {"kind": "output"}])
    make_exercise(PROGRAM, [{"kind": "stack", "checkpoint": "end"}], publish=False, title="Draft")
    question = exercise.questions.order_by("order").first()
    attempt = services.attempt_submit(student=student, question=question, answer={"objects": ["B"]})
    services.attempt_grade(attempt_id=attempt.pk)
    return {role: Token.objects.create(user=user).key for role, user in (("student", student), ("teacher", teacher))}


# Checks that cannot hold for an operation, and why (every other check runs on every operation).
NOT_APPLICABLE = {
    # The answer's shape depends on the question's kind, which only the server knows: an answer that matches the
    # schema (any JSON) may still be the wrong shape for that question, and that is a 400 with the reason.
    "POST /api/attempts/": ["positive_data_acceptance"],
    # Made-up credentials are a 400 ("Unable to log in with provided credentials."), whatever their shape.
    "POST /api/auth/token/": ["positive_data_acceptance"],
}


def excluded(operation: Any) -> list[Any]:
    from schemathesis.specs.openapi import checks

    return [getattr(checks, name) for name in NOT_APPLICABLE.get(f"{operation.method.upper()} {operation.path}", [])]


def fuzz(operation: Any, headers: dict[str, str], mode: Any) -> None:
    skip = excluded(operation)

    @seed(20261204)
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck), print_blob=True)
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        # Our token is the credential: drop a session cookie the strategy made up for the schema's cookieAuth, so
        # schemathesis's auth checks probe the request without the token and with a wrong one (401 or 403).
        case.cookies = {}
        case.call_and_validate(headers=headers, excluded_checks=skip)

    run()


def test_every_operation_answers_fuzzed_requests_as_its_schema_says(tokens: dict[str, str]) -> None:
    import schemathesis
    from django.core import signals
    from django.db import close_old_connections

    from memcourse.wsgi import application

    # The requests go to the WSGI application itself, not through Django's test client: as that client does, keep
    # Django from closing the test's database connection when a request ends (on PostgreSQL the test's transaction
    # lives on that connection; closing it failed every later test).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        fuzz_all(schemathesis.openapi.from_wsgi("/api/schema/", application), tokens)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def fuzz_all(schema: Any, tokens: dict[str, str]) -> None:
    from schemathesis import GenerationMode

    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10  # courses, enroll, progress, gradebook, exercises, attempts, token
    for operation in operations:
        for (role, token), mode in itertools.product(tokens.items(), [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]):
            try:
                fuzz(operation, {"Authorization": f"Token {token}"}, mode)
            except Unsatisfiable:  # an operation with nothing to make invalid (no body, no free-form parameter)
                assert mode == GenerationMode.NEGATIVE
            except Exception as exc:  # noqa: BLE001 - collect every operation's failure, then report them all
                failures.append(f"{role} {mode.value} {operation.method.upper()} {operation.path}:\n{exc}")
    assert not failures, "\n\n".join(failures)
