"""A student logs in, opens an exercise, answers a reachable-objects question and sees the graded result and the
true memory diagram. The exercise is authored through the services, so the real engine derives its key."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import readme_screenshot, screenshot

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
# heap keys (line:column#k) of the objects: makePair A, left B, right C, temp D
LEFT, RIGHT, TEMP = "2:16#1", "3:17#1", "8:12#1"


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

    diagram = question.locator("[data-feedback-diagram]")
    diagram.locator("[data-mv-object]").first.wait_for()
    assert "It matches memory at this point." in question.locator(".compare-answer").inner_text()
    assert diagram.locator("[data-mv-frame='0']").count() == 1  # <global>
    garbage = diagram.locator("[data-mv-object].mv-garbage")
    assert garbage.count() == 1
    assert garbage.get_attribute("data-mv-object") == TEMP
    assert diagram.locator(f'[data-mv-arrow][data-from="{RIGHT}"][data-to="{LEFT}"]').count() == 1  # right.peer
    assert diagram.locator(f'[data-mv-arrow][data-from="{LEFT}"][data-to="{RIGHT}"]').count() == 1  # left.peer
    assert diagram.locator(".mv-mark-extra, .mv-mark-missing").count() == 0
    screenshot(page, "student-graded")

    # Resubmitting a worse answer keeps the best score.
    question.get_by_label("C", exact=True).uncheck()
    question.get_by_role("button", name="Submit again").click()
    status.filter(has_text="2 / 3").wait_for()
    assert "Best score: 3 / 3" in question.locator("[data-best]").inner_text()


def test_a_wrong_reachable_answer_is_marked_on_the_true_diagram_and_opens_the_player_there(
    page: Any, live_server: Any, student: Any, reachable_exercise: Any
) -> None:
    log_in(page, live_server.url, "sam_student", "pw-sam_student")
    page.goto(f"{live_server.url}/exercises/{reachable_exercise.pk}/")
    question = page.locator("article.question").first
    for label in ["A", "B", "D"]:  # D (temp) is garbage; C (right) is left out
        question.get_by_label(label, exact=True).check()
    question.get_by_role("button", name="Submit answer").click()
    question.locator(".result .status").filter(has_text="/ 3").wait_for()

    findings = question.locator(".compare-list li")
    findings.first.wait_for()
    assert findings.all_inner_texts() == [
        "EXTRA You picked D, but it is not reachable: it is garbage (unreachable).",
        "MISSING You left out C, but it is reachable.",
    ]
    diagram = question.locator("[data-feedback-diagram]")
    diagram.locator(f'[data-mv-object="{TEMP}"].mv-mark-extra').wait_for()
    assert "mv-garbage" in (diagram.locator(f'[data-mv-object="{TEMP}"]').get_attribute("class") or "")
    assert "mv-mark-missing" in (diagram.locator(f'[data-mv-object="{RIGHT}"]').get_attribute("class") or "")
    assert diagram.locator(".mv-mark-extra").count() == 1 and diagram.locator(".mv-mark-missing").count() == 1
    screenshot(page, "feedback")
    readme_screenshot(question, "feedback")

    question.get_by_role("button", name="Open the player at checkpoint “after”").click()
    player = page.locator("[data-player-section] .mv-player")
    player.wait_for()
    player.locator(".mv-code .mv-current-line", has_text='checkpoint("after")').wait_for()
    assert player.locator(f'[data-mv-object="{TEMP}"].mv-mark-extra').count() == 1  # the marks come along
    assert player.locator(f'[data-mv-object="{RIGHT}"].mv-mark-missing').count() == 1


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
