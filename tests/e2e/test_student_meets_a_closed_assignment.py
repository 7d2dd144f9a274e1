"""In Chromium: a student opens an exercise of an assignment that is closed (past its late days): the page says so
and its Submit buttons are disabled. A student whose page was opened while the assignment was still open, and who
submits after it closed, gets the server's refusal on the page (the API's 409 with its sentence), and no attempt
is stored."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PROGRAM = 'let kept = { tag: "kept" };\nlet lost = { tag: "lost" };\nlost = null;\ncheckpoint("end");\n'


@pytest.fixture
def closing(student: Any, course: Any) -> Any:
    """An exercise in an assignment due in an hour, closed at its due time (no late days)."""
    from assignments.models import Assignment, AssignmentExercise
    from exercises import services
    from exercises.models import Exercise, Module, Question

    module = Module.objects.create(course=course, order=1, title="Reachability")
    exercise = Exercise.objects.create(module=module, order=1, title="Dropping a reference", program=PROGRAM)
    Question.objects.create(exercise=exercise, order=1, kind="reachable", checkpoint="end", points=3,
                            prompt="Which objects are reachable at the end?")
    services.exercise_publish(exercise=exercise)
    assignment = Assignment.objects.create(course=course, title="Week 1", due_at=timezone.now() + timedelta(hours=1))
    AssignmentExercise.objects.create(assignment=assignment, exercise=exercise)
    return exercise


def log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"pw-{username}")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")


def close(exercise: Any) -> None:
    assignment = exercise.assignment_item.assignment
    assignment.due_at = timezone.now() - timedelta(days=1)
    assignment.save()


def test_a_closed_assignment_s_exercise_says_so_and_cannot_be_submitted(
        page: Any, live_server: Any, closing: Any) -> None:
    close(closing)
    log_in(page, live_server.url, "sam_student")
    page.goto(f"{live_server.url}/exercises/{closing.pk}/")
    banner = page.locator("[data-assignment-status]")
    assert banner.get_attribute("data-phase") == "closed"
    assert "answers are no longer accepted" in banner.inner_text()
    question = page.locator("article.question").first
    assert question.locator("[data-closed-note]").inner_text() == (
        "Answers to this question are no longer accepted: its assignment is closed.")
    assert question.get_by_role("button", name="Submit answer").is_disabled()
    screenshot(page, "student-closed-assignment")


def test_an_answer_sent_after_the_assignment_closed_is_refused_with_the_reason(
        page: Any, live_server: Any, closing: Any) -> None:
    from exercises.models import Attempt

    log_in(page, live_server.url, "sam_student")
    page.goto(f"{live_server.url}/exercises/{closing.pk}/")
    question = page.locator("article.question").first
    question.get_by_label("A", exact=True).check()
    submit = question.get_by_role("button", name="Submit answer")
    assert submit.is_enabled()

    close(closing)  # the deadline passes while the page is open
    submit.click()
    error = question.locator("[data-submit-error]")
    error.filter(has_text="answers are no longer accepted").wait_for()
    assert error.inner_text().startswith("This assignment closed ")
    assert question.locator(".result .status").count() == 0
    assert not Attempt.objects.filter(question__exercise=closing).exists()
