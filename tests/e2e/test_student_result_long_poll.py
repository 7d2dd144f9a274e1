"""The exercise page waits for a grade with the long poll (GET /api/attempts/<id>/?wait=10) and shows the result as
soon as it comes: after a submit, and for an attempt still waiting for its grader when the page was opened (graded
here by the test, as a worker would, while the page's request waits)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.test_student_answers_reachable import log_in, reachable_exercise  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def attempt_requests(page: Any) -> list[str]:
    """The URLs of the page's requests for an attempt's result, as they are made."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url) if "/api/attempts/" in request.url
            and request.method == "GET" else None)
    return seen


def test_a_submitted_answer_is_shown_graded_through_the_long_poll(
    page: Any, live_server: Any, student: Any, reachable_exercise: Any  # noqa: F811
) -> None:
    log_in(page, live_server.url, "sam_student", "pw-sam_student")
    page.goto(f"{live_server.url}/exercises/{reachable_exercise.pk}/")
    requests = attempt_requests(page)
    question = page.locator("article.question").first
    for label in ["A", "B", "C"]:
        question.get_by_label(label, exact=True).check()
    question.get_by_role("button", name="Submit answer").click()
    question.locator(".result .status").filter(has_text="3 / 3").wait_for()
    assert question.locator(".feedback li.ok").count() == 3
    assert requests and all(url.endswith("?wait=10") for url in requests), requests


def test_an_attempt_graded_while_the_page_waits_appears_without_a_reload(
    page: Any, live_server: Any, student: Any, reachable_exercise: Any  # noqa: F811
) -> None:
    from exercises import services
    from exercises.models import Attempt

    reachable_exercise.refresh_from_db()  # its version number, set by publishing
    question_row = reachable_exercise.questions.get()
    version = services.student_variant_version(student=student, exercise=reachable_exercise)
    attempt = Attempt.objects.create(student=student, question=question_row, exercise_version=version,
                                     answer={"objects": ["A", "B"]}, max_score=question_row.points)
    log_in(page, live_server.url, "sam_student", "pw-sam_student")
    requests = attempt_requests(page)
    with page.expect_request(lambda request: f"/api/attempts/{attempt.pk}/?wait=10" in request.url):
        page.goto(f"{live_server.url}/exercises/{reachable_exercise.pk}/")
    question = page.locator("article.question").first
    assert question.locator(".result .status").count() == 0  # nothing shown while it waits
    services.attempt_grade(attempt_id=attempt.pk)
    question.locator(".result .status").filter(has_text="2 / 3").wait_for()
    assert "Partly right" in question.locator(".result .status").inner_text()
    assert all(url.endswith("?wait=10") for url in requests), requests
