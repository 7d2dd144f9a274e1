"""The stack picker works from the keyboard alone: add frames, reorder them, submit, hear the result."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import screenshot
from tests.e2e.test_student_answers_reachable import log_in

pytestmark = pytest.mark.django_db(transaction=True)

PROGRAM = """function outer() {
  return inner();
}
function inner() {
  checkpoint("deep");
  return 1;
}
outer();
"""


@pytest.fixture
def stack_exercise(course: Any) -> Any:
    from exercises import services
    from exercises.models import Exercise, Module, Question

    module = Module.objects.create(course=course, order=1, title="Calls")
    exercise = Exercise.objects.create(module=module, order=1, title="Nested calls", program=PROGRAM)
    Question.objects.create(exercise=exercise, order=1, kind="stack", checkpoint="deep", points=3,
                            prompt="Which frames are on the stack, innermost first?")
    services.exercise_publish(exercise=exercise)
    return exercise


def press_on(page: Any, locator: Any, key: str = "Enter") -> None:
    locator.focus()
    page.keyboard.press(key)


def test_a_student_answers_the_stack_question_with_the_keyboard_only(
    page: Any, live_server: Any, student: Any, stack_exercise: Any
) -> None:
    log_in(page, live_server.url, "sam_student", "pw-sam_student")
    page.goto(f"{live_server.url}/exercises/{stack_exercise.pk}/")
    question = page.locator("article.question").first

    # Added in the wrong order on purpose, then fixed with Alt+ArrowUp on the frame's buttons.
    for name in ["<global>", "outer", "inner"]:
        press_on(page, question.get_by_role("button", name=f"Add frame {name}"))
    frames = question.locator(".stack-frames li .name")
    assert frames.all_inner_texts() == ["<global>", "outer", "inner"]
    press_on(page, question.get_by_role("button", name="Move inner up (position 3 of 3)"), "Alt+ArrowUp")
    page.keyboard.press("Alt+ArrowUp")
    assert frames.all_inner_texts() == ["inner", "<global>", "outer"]
    press_on(page, question.get_by_role("button", name="Move outer up (position 3 of 3)"))
    assert frames.all_inner_texts() == ["inner", "outer", "<global>"]
    assert "moved to position 2" in question.locator("[data-announce]").inner_text()

    press_on(page, question.get_by_role("button", name="Submit answer"))
    result = question.locator("[data-result]")
    assert result.get_attribute("aria-live") == "polite"
    result.locator(".status", has_text="3 / 3").wait_for()
    screenshot(page, "keyboard-stack")


def test_a_frame_left_out_is_marked_missing_on_the_true_stack(
    page: Any, live_server: Any, student: Any, stack_exercise: Any
) -> None:
    log_in(page, live_server.url, "sam_student", "pw-sam_student")
    page.goto(f"{live_server.url}/exercises/{stack_exercise.pk}/")
    question = page.locator("article.question").first
    for name in ["inner", "<global>"]:  # outer is left out
        question.get_by_role("button", name=f"Add frame {name}").click()
    question.get_by_role("button", name="Submit answer").click()

    finding = question.locator(".compare-list li")
    finding.first.wait_for()
    assert finding.all_inner_texts() == ["MISSING You left out the frame outer; it is on the stack."]
    diagram = question.locator("[data-feedback-diagram]")
    diagram.locator('[data-mv-frame="1"].mv-mark-missing').wait_for()  # depth 1: outer, between <global> and inner
    assert diagram.locator(".mv-mark-missing").count() == 1
