"""A student gets their own variant of a parameterized exercise, answers wrongly, asks for a fresh variant and gets
the same question on new values. The exercise is published through the services: the self-test and the real
engine run."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.test_student_answers_reachable import log_in

pytestmark = pytest.mark.django_db(transaction=True)

TEMPLATE = 'const count = {{ n }};\nconsole.log("count", count);\ncheckpoint("A");\n'


@pytest.fixture
def variant_exercise(course: Any) -> Any:
    from exercises import services
    from exercises.models import Exercise, Module, Question

    module = Module.objects.create(course=course, order=1, title="Variants")
    exercise = Exercise.objects.create(module=module, order=1, title="Your own count", program=TEMPLATE,
                                       parameters=[{"name": "n", "kind": "int", "min": 1, "max": 6}],
                                       allow_new_variant=True)
    Question.objects.create(exercise=exercise, order=1, kind="output", prompt="What does it print for {{ n }}?")
    services.exercise_publish(exercise=exercise)
    return exercise


def shown_count(page: Any) -> int:
    match = re.search(r"const count = (\d+);", page.locator("#program").inner_text())
    assert match, page.locator("#program").inner_text()
    return int(match.group(1))


def test_a_student_asks_for_a_fresh_variant_after_a_wrong_answer(page: Any, live_server: Any, student: Any,
                                                                 variant_exercise: Any) -> None:
    log_in(page, live_server.url, "sam_student", "pw-sam_student")
    page.goto(f"{live_server.url}/exercises/{variant_exercise.pk}/")
    first = shown_count(page)
    assert f"What does it print for {first}?" in page.locator("article.question").inner_text()

    question = page.locator("article.question").first
    question.locator("textarea").fill("count 0")
    question.get_by_role("button", name="Submit answer").click()
    question.locator(".result .status").filter(has_text="0 / 1").wait_for()

    page.get_by_role("button", name="Give me a fresh variant").click()
    page.get_by_text("Here is a fresh variant of this exercise").wait_for()
    second = shown_count(page)
    assert second != first
    assert f"What does it print for {second}?" in page.locator("article.question").inner_text()

    question = page.locator("article.question").first
    question.locator("textarea").fill(f"count {second}")
    question.get_by_role("button", name=re.compile("Submit")).click()
    question.locator(".result .status").filter(has_text="1 / 1").wait_for()
