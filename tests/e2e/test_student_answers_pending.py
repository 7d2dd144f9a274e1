"""A student opens an exercise with a `pending` question (which functions are still waiting to run at a
checkpoint), ticks functions in Chromium, submits, and sees the score, the feedback per function, and why each
wrong pick or miss is (not) waiting. The exercise is authored through the services, so the real engine derives the
key. The first test grades in-process, as the other browser tests do; the second has a real Celery worker on Redis
and PostgreSQL grade the answer (it skips, saying why, when they are missing; CI=true runs it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import screenshot
from tests.e2e.test_student_answers_reachable import log_in
from tests.exercises.test_celery_integration import celery_worker  # noqa: F401 - the real worker fixture

pytestmark = pytest.mark.django_db(transaction=True)

PROGRAM = """let ticks = 0;
function tick() {
  ticks++;
  if (ticks === 3) clearInterval(timer);
}
function onDone(result) {
  console.log("done:", result);
}
function neverRuns() {}
async function report() {
  const value = await ready;
  console.log("report:", value);
}
let release;
const ready = new Promise((resolve) => { release = resolve; });
ready.then(onDone);
report();
const timer = setInterval(tick, 100);
const cancelled = setTimeout(neverRuns, 50);
clearTimeout(cancelled);
setTimeout(function finish() {
  release("ok");
  checkpoint("A");
}, 150);
"""
# The functions: tick A, onDone B, neverRuns C, report D, the executor F (E is the new Promise), finish G.
# At checkpoint A (150 ms, inside finish): tick's interval is not cleared, onDone is queued (ready was just
# fulfilled), report resumes from its await in a queued job; neverRuns was cleared and finish is running.
NEVER_RUNS, REPORT = "9:1#1", "10:1#1"


@pytest.fixture
def pending_exercise(course: Any) -> Any:
    from exercises import services
    from exercises.models import Exercise, Module, Question

    module = Module.objects.create(course=course, order=1, title="The event loop", lesson="What is *still waiting*?")
    exercise = Exercise.objects.create(module=module, order=1, title="Timers, a promise and an await", program=PROGRAM)
    Question.objects.create(exercise=exercise, order=1, kind="pending", checkpoint="A", points=3,
                            prompt="Which functions are still waiting to run at checkpoint A?")
    services.exercise_publish(exercise=exercise)
    return exercise


def open_exercise(page: Any, base: str) -> Any:
    log_in(page, base, "sam_student", "pw-sam_student")
    page.get_by_role("link", name="Courses").first.click()
    page.get_by_role("link", name="Open course").click()
    page.get_by_role("link", name="Timers, a promise and an await").click()
    return page.locator("article.question").first


def test_student_ticks_waiting_functions_and_sees_partial_credit_and_why(
    page: Any, live_server: Any, student: Any, pending_exercise: Any
) -> None:
    question = open_exercise(page, live_server.url)
    assert "Callbacks still waiting" in question.locator("h2").inner_text()
    options = question.locator(".callback-picker label")
    assert [" ".join(text.split()) for text in options.all_inner_texts()] == [
        "A tick line 2", "B onDone line 6", "C neverRuns line 9", "D report line 10", "F anonymous function line 15",
        "G finish line 21",
    ]

    for name in ["A tick", "B onDone", "C neverRuns"]:
        question.get_by_label(name).check()
    question.get_by_role("button", name="Submit answer").click()

    status = question.locator(".result .status")
    status.filter(has_text="1 / 3").wait_for()  # (2 right - 1 wrong) / 3 waiting, of 3 points
    assert "Partly right" in status.inner_text()
    assert question.locator(".feedback li.ok").count() == 2
    assert question.locator(".feedback li > span:last-child").all_inner_texts() == [
        "A (tick): right, it is still waiting.",
        "B (onDone): right, it is still waiting.",
        "D (report): missed, it is still waiting.",
        "C (neverRuns): picked, but it is not waiting.",
    ]
    findings = question.locator(".compare-list li")
    findings.first.wait_for()
    assert findings.all_inner_texts() == [
        "EXTRA You picked neverRuns (C), but it is not waiting: no pending timer, queued job or pending promise "
        "holds it (it already ran, was cleared, or was never scheduled).",
        "MISSING You left out report (D), but it is still waiting: it is suspended at await on line 11, and what it "
        "awaits has settled: it resumes in a queued microtask.",
    ]
    diagram = question.locator("[data-feedback-diagram]")
    diagram.locator(f'[data-mv-object="{NEVER_RUNS}"].mv-mark-extra').wait_for()
    assert "mv-mark-missing" in (diagram.locator(f'[data-mv-object="{REPORT}"]').get_attribute("class") or "")
    screenshot(page, "pending-feedback")

    question.get_by_label("C neverRuns").uncheck()
    question.get_by_label("D report").check()
    question.get_by_role("button", name="Submit again").click()
    status.filter(has_text="3 / 3").wait_for()
    assert "All right" in status.inner_text()
    assert "It matches memory at this point." in question.locator(".compare-answer").inner_text()
    assert "Best score: 3 / 3" in question.locator("[data-best]").inner_text()


def test_a_real_celery_worker_grades_a_pending_answer_in_the_browser(
    page: Any, live_server: Any, student: Any, pending_exercise: Any, celery_worker: Path  # noqa: F811
) -> None:
    question = open_exercise(page, live_server.url)
    for name in ["A tick", "B onDone", "D report"]:
        question.get_by_label(name).check()
    question.get_by_role("button", name="Submit answer").click()
    question.locator(".result .status").filter(has_text="3 / 3").wait_for(timeout=60_000)
    assert question.locator(".feedback li.ok").count() == 3
    assert "attempt_grade" in celery_worker.read_text()
