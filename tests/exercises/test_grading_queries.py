"""Queries per request on the grading path, bounded so that a change that adds a query per attempt fails here:
submitting an answer, grading it (the task's service), and reading the result, for a plain exercise and for a
parameterized one (each student has a variant). The real engine traces the programs."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from exercises import services
from exercises.models import Attempt

PROGRAM = 'let keep = { a: 1 };\nlet drop = [1, 2];\ndrop = null;\ncheckpoint("A");\nconsole.log("hi");\n'
TEMPLATE = 'let keep = { a: {{ n }} };\nlet drop = [1, 2];\ndrop = null;\ncheckpoint("A");\n'
QUESTIONS = [{"kind": "reachable", "checkpoint": "A", "points": 2}, {"kind": "output"}]

# What a request costs today (docs/grading-load.md), counting the test's own savepoint pair around a transaction;
# an added query per attempt must be a decision, not an accident. The first attempt of a process also reads the
# key (then kept, exercises/selectors.answer_key_cached) and creates the student's progress row.
SUBMIT_QUERIES = 10  # token, question, enrollment, assignment, (the student's variant), version, (key), insert
GRADE_QUERIES = 13  # attempt with question and version for update, key, update it, its late credit, progress for
# update, update it (or insert it), the LTI passback's lookup (lti/, in a savepoint of its own)
RESULT_QUERIES = 4  # token, attempt with its question and version, its late credit, (the trace, once a process)

@pytest.fixture
def plain_exercise(make_exercise: Any) -> Any:
    return make_exercise(PROGRAM, [dict(q) for q in QUESTIONS])


@pytest.fixture
def variant_exercise(make_exercise: Any) -> Any:
    exercise = make_exercise(TEMPLATE, [dict(QUESTIONS[0])], publish=False, title="Variants")
    exercise.parameters = [{"name": "n", "kind": "int", "min": 1, "max": 2}]
    exercise.save()
    services.exercise_publish(exercise=exercise)
    return exercise


def token_client(user: Any) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def submit(client: Any, question: Any, answer: Any, capture: Any, assert_max: Any, queries: int) -> int:
    with capture(execute=False), assert_max(queries):
        response = client.post("/api/attempts/", {"question": question.pk, "answer": answer}, format="json")
    assert response.status_code == 202, response.json()
    return int(response.json()["id"])


@pytest.mark.django_db
@pytest.mark.parametrize("which", ["plain_exercise", "variant_exercise"])
def test_submitting_grading_and_reading_a_result_take_a_bounded_number_of_queries(
    which: str, request: Any, student: Any, django_capture_on_commit_callbacks: Any,
    django_assert_max_num_queries: Any,
) -> None:
    exercise = request.getfixturevalue(which)
    question = exercise.questions.get(kind="reachable")
    client = token_client(student)
    services.student_variant_version(student=student, exercise=exercise)  # the student opened the exercise
    for answer in ({"objects": ["A"]}, {"objects": ["A", "B"]}):  # the second time no cache is cold
        attempt_id = submit(client, question, answer, django_capture_on_commit_callbacks,
                            django_assert_max_num_queries, SUBMIT_QUERIES)
        with django_capture_on_commit_callbacks(execute=True), django_assert_max_num_queries(GRADE_QUERIES):
            services.attempt_grade(attempt_id=attempt_id)
        with django_assert_max_num_queries(RESULT_QUERIES):
            body = client.get(f"/api/attempts/{attempt_id}/").json()
        assert body["status"] == "graded" and body["memory"]["checkpoint"]["reachable"] == ["A"]
    assert Attempt.objects.filter(status="graded").count() == 2


@pytest.mark.django_db
def test_an_invalid_answer_costs_no_more_than_a_valid_one_and_stores_nothing(
    student: Any, plain_exercise: Any, django_assert_max_num_queries: Any
) -> None:
    client = token_client(student)
    question = plain_exercise.questions.get(kind="reachable")
    with django_assert_max_num_queries(SUBMIT_QUERIES):
        response = client.post("/api/attempts/", {"question": question.pk, "answer": {"objects": ["Q"]}},
                               format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("answer: There is no object Q at this point")
    assert not Attempt.objects.exists()
