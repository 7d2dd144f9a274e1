"""A student logs in, opens an exercise, answers a reachable-objects question and sees the graded result and the
true memory diagram. The exercise is authored through the services, so the real engine derives its key."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PROGRAM = """function makePair() {
  const left = { name: "left" };
  const right = { name: "right", peer: left };
  left.peer = right;
  return right;
}
let keep = makePair();
let temp = { name: "temp" };
temp = null;
checkpoint("after");
"""


@pytest.fixture
def reachable_exercise(course: Any) -> Any:
    from exercises import services
    from exercises.models import Exercise, Module, Question

    module = Module.objects.create(course=course, order=1, title="Reachability", lesson="What stays *alive*?")
    exercise = Exercise.objects.create(module=module, order=1, title="A pair and a temporary", program=PROGRAM)
    Question.objects.create(exercise=exercise, order=1, kind="reachable", checkpoint="after", points=3,
                            prompt="Which objects are still reachable at the checkpoint?")
    services.exercise_publish(exercise=exercise)
    return exercise


def log_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")


def test_student_answers_a_reachable_question_and_sees_the_result_and_diagram(
    page: Any, live_server: Any, student: Any, reachable_exercise: Any
) -> None:
    log_in(page, live_server.url, "sam_student", "pw-sam_student")
    page.get_by_role("link", name="Courses").first.click()
    page.get_by_role("link", name="Open course").click()
    page.get_by_role("link", name="A pair and a temporary").click()

    question = page.locator("article.question").first
    program = page.locator("#program")
    labels = [text.replace("allocation site", "").strip() for text in program.locator(".site-label").all_text_contents()]
    assert labels == ["A", "B", "C", "D"]  # the function, left, right and temp, in source order
    assert program.locator(".line.checkpoint").count() == 1

    for label in ["A", "B", "C"]:
        question.get_by_label(label, exact=True).check()
    question.get_by_role("button", name="Submit answer").click()

    status = question.locator(".result .status")
    status.filter(has_text="3 / 3").wait_for()
    assert "All right" in status.inner_text()
    assert question.locator(".feedback li.ok").count() == 3
    assert "3 / 3 pts" in page.locator("[data-exercise-score]").inner_text()

    diagram = question.locator(".diagram-panel .memory")
    diagram.wait_for()
    assert diagram.locator(".frame .fn", has_text="<global>").count() == 1
    garbage = diagram.locator(".obj.garbage")
    assert garbage.count() == 1
    assert garbage.locator(".label").inner_text() == "D"
    assert diagram.locator("svg.arrows path").count() >= 3  # keep -> C, C.peer -> B, B.peer -> C
    screenshot(page, "student-graded")

    # Resubmitting a worse answer keeps the best score.
    question.get_by_label("C", exact=True).uncheck()
    question.get_by_role("button", name="Submit again").click()
    status.filter(has_text="2 / 3").wait_for()
    assert "Best score: 3 / 3" in question.locator("[data-best]").inner_text()


def test_an_invalid_answer_gets_its_message_next_to_the_form(
    page: Any, live_server: Any, student: Any, reachable_exercise: Any
) -> None:
    log_in(page, live_server.url, "sam_student", "pw-sam_student")
    page.goto(f"{live_server.url}/exercises/{reachable_exercise.pk}/")
    question = page.locator("article.question").first
    # Forge a checkbox for an object that does not exist, as a tampered page would.
    page.evaluate("""() => {
        const box = document.querySelector('article.question input[type=checkbox]');
        box.value = 'Z#9'; box.checked = true;
    }""")
    question.get_by_role("button", name="Submit answer").click()
    error = question.locator("[data-submit-error]")
    error.filter(has_text="Z#9").wait_for()
    assert "There is no object Z#9" in error.inner_text()
