"""The `pending` question kind: which functions are still waiting to run at a checkpoint (exercises/pending.py).
Keys and feedback come from real engine traces (the engine runs in-process here); validation and grading are pure.
The last tests go through the database: a stored key, a course folder's TOML, and a graded attempt."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

import engine
from exercises import pending
from exercises.answer_keys import (
    KeyResult,
    ProgramFacts,
    QuestionSpec,
    config_problem,
    derive_key,
    describe_key,
)
from exercises.answers import AnswerInvalid, validate_answer
from exercises.feedback import compare
from exercises.grading import grade
from exercises.labels import Labeler

TIMERS = """function onDone() { console.log("done"); }
function never() {}
function tick() {
  ticks++;
  if (ticks === 3) clearInterval(iv);
}
let ticks = 0;
const t1 = setTimeout(onDone, 10);
const t2 = setTimeout(never, 20);
clearTimeout(t2);
const iv = setInterval(tick, 5);
checkpoint("A");
setTimeout(function later() { checkpoint("B"); }, 50);
"""
# sites: onDone A, never B, tick C, later D

INTERVAL = """let n = 0;
function tick() {
  n++;
  checkpoint("T");
  if (n === 2) clearInterval(iv);
}
const iv = setInterval(tick, 100);
"""

PROMISES = """let release;
const gate = new Promise((resolve) => { release = resolve; });
gate.then(function whenOpen(v) {});
Promise.resolve(1).then(function now(v) {});
checkpoint("A");
setTimeout(function open() {
  release("go");
  checkpoint("B");
}, 10);
"""
# sites: new Promise A, the executor B, whenOpen C, now D, open E

ASYNC = """let release;
const gate = new Promise((resolve) => { release = resolve; });
async function worker() {
  const v = await gate;
  checkpoint("W");
  return v;
}
worker();
checkpoint("A");
setTimeout(() => release(1), 10);
"""
# sites: new Promise A, the executor B, worker C, the timer's arrow D (made after checkpoint A)

LOST = """function lost() {}
new Promise(() => {}).then(lost);
async function stuck() {
  await new Promise(() => {});
}
stuck();
checkpoint("A");
"""
# sites: lost A, new Promise B, its executor C, stuck D, the awaited new Promise E, its executor F

ENGINE_MADE = """function cleanup() {}
function twice() {}
const box = { method() {} };
function* counter() { yield 1; }
let release;
const gate = new Promise((resolve) => { release = resolve; });
gate.finally(cleanup);
setTimeout(twice, 10);
setTimeout(twice, 20);
setTimeout(box.method.bind(box), 30);
const numbers = counter();
numbers.next();
checkpoint("A");
setTimeout(release, 40);
"""
# sites: cleanup A, twice B, box C, method D, new Promise E, its executor F. The generator function has no label:
# engine.allocation_sites does not list generator functions (yet), though the trace gives them the site 4:1.


@cache
def traced(program: str) -> tuple[dict[str, Any], Labeler]:
    trace = engine.trace(program).to_json()
    return trace, Labeler.build([site.key for site in engine.allocation_sites(program)], trace)


def key_of(program: str, checkpoint: str = "A", **config: Any) -> KeyResult:
    trace, labeler = traced(program)
    return derive_key(QuestionSpec("pending", checkpoint, config), ProgramFacts(trace=trace, labeler=labeler, functions=[]))


def findings(program: str, answer: list[str], checkpoint: str = "A", **config: Any) -> list[str]:
    trace, labeler = traced(program)
    result = key_of(program, checkpoint, **config)
    comparison = compare(kind="pending", answer={"objects": answer}, key=result.key, trace=trace,
                         checkpoint_name=checkpoint, config=config, labeler=labeler)
    assert comparison is not None
    return [item["text"] for item in comparison.items]


# --- the key ---------------------------------------------------------------------------------------------------


def test_a_pending_timeout_and_an_uncleared_interval_wait_and_a_cleared_timeout_does_not() -> None:
    result = key_of(TIMERS)
    assert result.problem == ""
    assert result.key == {"objects": ["A", "C"]}  # onDone and tick; never was cleared
    assert result.options == {
        "objects": ["A", "B", "C"],  # later is not made yet
        "callbacks": [{"label": "A", "name": "onDone", "line": 1}, {"label": "B", "name": "never", "line": 2},
                      {"label": "C", "name": "tick", "line": 3}],
    }


def test_after_the_timers_ran_nothing_waits_and_the_running_callback_is_not_waiting() -> None:
    result = key_of(TIMERS, "B")
    assert result.key == {"objects": []}
    assert result.options["objects"] == ["A", "B", "C", "D"]


def test_an_interval_waits_while_its_own_callback_runs_until_it_is_cleared() -> None:
    assert key_of(INTERVAL, "T").key == {"objects": ["A"]}
    assert key_of(INTERVAL, "T", occurrence=2).key == {"objects": ["A"]}  # cleared only after the checkpoint


def test_then_on_a_pending_promise_waits_and_then_on_a_resolved_one_is_queued() -> None:
    assert key_of(PROMISES).key == {"objects": ["C", "D"]}  # whenOpen registered, now queued as a microtask
    assert key_of(PROMISES, "B").key == {"objects": ["C"]}  # now ran; the gate opened, so whenOpen is queued


def test_an_async_function_suspended_at_await_waits_by_its_own_name() -> None:
    result = key_of(ASYNC)
    assert result.key == {"objects": ["C"]}  # worker, awaiting gate
    assert result.options["callbacks"] == [{"label": "B", "name": "", "line": 2},
                                           {"label": "C", "name": "worker", "line": 3}]
    assert key_of(ASYNC, "W").key == {"objects": []}  # resumed: worker runs, nothing else waits


def test_the_callbacks_of_an_unreachable_pending_promise_never_run_so_they_are_not_waiting() -> None:
    result = key_of(LOST)
    assert result.key == {"objects": []}
    assert [option["name"] for option in result.options["callbacks"]] == ["lost", "", "stuck", ""]


def test_engine_made_functions_stand_for_the_programs_functions() -> None:
    result = key_of(ENGINE_MADE)
    # cleanup (through finally's wrapper), twice once for two timers, method (through bind); not the generator
    assert result.key == {"objects": ["A", "B", "D"]}
    assert describe_key("pending", result.key, result.options) == "still waiting: A (cleanup), B (twice), D (method)"


def test_a_checkpoint_the_program_never_reaches_gives_a_problem() -> None:
    assert key_of(TIMERS, "Z").problem == 'The program never reaches checkpoint("Z").'
    assert key_of(TIMERS, "A", occurrence=2).problem == (
        'checkpoint("A") runs 1 time(s), but the question asks about occurrence 2.')
    assert config_problem("pending", {"occurrence": 0}) == 'config "occurrence" must be a whole number from 1.'


def test_a_trace_without_the_event_loop_gives_a_problem() -> None:
    trace = {"checkpoints": [{"name": "A", "line": 1, "stack": [], "reachable": [], "garbage": []}]}
    result = derive_key(QuestionSpec("pending", "A", {}),
                        ProgramFacts(trace=trace, labeler=Labeler.build([], trace), functions=[]))
    assert result.problem.startswith('The engine reported no event loop at checkpoint("A"): ')


def test_reachability_follows_site_less_promises_from_objects_with_sites() -> None:
    program = ("let release;\nconst p = new Promise((r) => { release = r; });\n"
               "const q = p.then(function first() {});\nq.then(function second() {});\ncheckpoint(\"A\");\n")
    assert key_of(program).key == {"objects": ["C", "D"]}  # second waits on q, which only p's reaction reaches
    trace, _ = traced(program)
    checkpoint = trace["checkpoints"][0]
    assert {key for key, desc in checkpoint["heap"].items() if desc["type"] == "promise"} <= pending.live_keys(checkpoint)


# --- answers and grading ---------------------------------------------------------------------------------------

OPTIONS = {"objects": ["A", "B", "C"],
           "callbacks": [{"label": "A", "name": "onDone", "line": 1}, {"label": "B", "name": "never", "line": 2},
                         {"label": "C", "name": "tick", "line": 3}]}


def invalid(answer: Any) -> str:
    with pytest.raises(AnswerInvalid) as info:
        validate_answer("pending", answer, OPTIONS)
    return str(info.value)


def test_a_pending_answer_is_a_list_of_function_labels_among_the_options() -> None:
    assert validate_answer("pending", {"objects": ["C", "A"]}, OPTIONS) == {"objects": ["C", "A"]}
    assert validate_answer("pending", {"objects": []}, OPTIONS) == {"objects": []}
    assert invalid(["A"]) == "The answer must be a JSON object with objects."
    assert invalid({}) == 'The answer is missing "objects".'
    assert invalid({"objects": ["A"], "functions": []}) == 'The answer has an unexpected field "functions".'
    assert invalid({"objects": "A"}) == '"objects" must be a list of texts.'
    assert invalid({"objects": ["tick"]}) == '"tick" is not a function label: labels look like A, B, AA or B#2.'
    assert invalid({"objects": ["D"]}) == (
        "There is no function D at this point; the functions are: A (onDone), B (never), C (tick).")
    assert invalid({"objects": ["A", "A"]}) == "Each function may be picked only once."


def test_pending_grading_gives_partial_credit_like_reachable() -> None:
    key = {"objects": ["A", "C"]}
    assert grade("pending", key, {"objects": ["A", "C"]}).fraction == 1.0
    assert grade("pending", key, {"objects": ["A"]}).fraction == pytest.approx(1 / 2)
    assert grade("pending", key, {"objects": ["A", "C", "B"]}).fraction == pytest.approx(1 / 2)
    assert grade("pending", key, {"objects": ["A", "B"]}).fraction == 0.0
    assert grade("pending", key, {"objects": ["B"]}).fraction == 0.0  # never below 0
    parts = grade("pending", key, {"objects": ["A", "B"]}).parts
    assert parts == [{"part": "A", "correct": True, "expected": True, "given": True},
                     {"part": "C", "correct": False, "expected": True, "given": False},
                     {"part": "B", "correct": False, "expected": False, "given": True}]


def test_an_empty_pending_key_is_full_credit_only_for_picking_nothing() -> None:
    assert grade("pending", {"objects": []}, {"objects": []}).fraction == 1.0
    assert grade("pending", {"objects": []}, {"objects": ["A"]}).fraction == 0.0


# --- feedback --------------------------------------------------------------------------------------------------


def test_feedback_names_each_miss_and_wrong_pick_with_why() -> None:
    assert findings(TIMERS, ["A", "B"]) == [
        "You picked never (B), but it is not waiting: no pending timer, queued job or pending promise holds it "
        "(it already ran, was cleared, or was never scheduled).",
        "You left out tick (C), but it is still waiting: its setInterval (every 5 ms) has not been cleared.",
    ]
    assert findings(TIMERS, ["A", "C"]) == []


def test_feedback_after_the_timers_says_what_already_ran_was_cleared_or_is_running() -> None:
    assert findings(TIMERS, ["A", "C", "D"], "B") == [
        "You picked onDone (A), but it is not waiting: it already ran: its setTimeout fired at 10 ms.",
        "You picked tick (C), but it is not waiting: its setInterval was cleared (clearInterval), so it will not run.",
        "You picked later (D), but it is not waiting: it is running right now (the checkpoint is inside it), and "
        "nothing schedules it again.",
    ]


def test_feedback_on_promises_and_await() -> None:
    assert findings(PROMISES, []) == [
        "You left out whenOpen (C), but it is still waiting: it is registered with then on a promise that is still "
        "pending.",
        "You left out now (D), but it is still waiting: its promise was fulfilled, so this then callback is queued "
        "as a microtask; it runs as soon as the current task ends.",
    ]
    assert findings(PROMISES, ["D"], "B")[0] == (
        "You picked now (D), but it is not waiting: it was waiting at an earlier checkpoint and has run (or been "
        "cancelled) since.")
    assert findings(ASYNC, []) == [
        "You left out worker (C), but it is still waiting: it is suspended at await on line 4, waiting for a promise "
        "that is still pending.",
    ]


def test_feedback_explains_why_callbacks_of_garbage_promises_never_run() -> None:
    assert findings(LOST, ["A", "D"]) == [
        "You picked lost (A), but it is not waiting: it is registered on a promise that is still pending but that "
        "nothing reaches any more: the promise is garbage, so the callback can never run.",
        "You picked stuck (D), but it is not waiting: it is suspended at await on line 4, but on a promise that "
        "nothing can settle any more: the suspended call is garbage and never resumes.",
    ]


def test_feedback_on_a_generator_and_an_anonymous_function() -> None:
    assert findings(ENGINE_MADE, ["A", "B", "D", "F"]) == [
        "You picked the function F (line 6), but it is not waiting: no pending timer, queued job or pending promise "
        "holds it (it already ran, was cleared, or was never scheduled).",
    ]
    checkpoint = traced(ENGINE_MADE)[0]["checkpoints"][0]
    assert pending.not_waiting(checkpoint, "4:1#1") == (
        "it is a generator suspended at yield: only a call of next() resumes it, not the event loop")


def test_feedback_marks_the_function_objects_on_the_diagram() -> None:
    trace, labeler = traced(TIMERS)
    comparison = compare(kind="pending", answer={"objects": ["A", "B"]}, key={"objects": ["A", "C"]}, trace=trace,
                         checkpoint_name="A", config={}, labeler=labeler)
    assert comparison is not None
    assert {key: mark["kind"] for key, mark in comparison.marks["objects"].items()} == {"2:1#1": "extra",
                                                                                      "3:1#1": "missing"}


# --- through the database --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_pending_question_gets_its_key_and_options_stored(make_exercise: Any) -> None:
    from exercises.models import AnswerKey

    exercise = make_exercise(TIMERS, [{"kind": "pending", "checkpoint": "A", "points": 2}])
    key = AnswerKey.objects.get(question__exercise=exercise)
    assert key.is_valid and key.key == {"objects": ["A", "C"]}
    assert key.options["callbacks"][2] == {"label": "C", "name": "tick", "line": 3}


@pytest.mark.django_db
def test_a_course_folder_may_have_pending_questions(tmp_path: Path) -> None:
    from io import StringIO

    from coursefolders import write_folder
    from django.core.management import call_command

    from exercises.models import AnswerKey, Question

    folder = write_folder(tmp_path / "loop", {
        "course.toml": 'slug = "loop"\ntitle = "The event loop"\ndescription = ""\n',
        "01-timers/module.toml": 'title = "Timers"\n',
        "01-timers/01-waiting.toml": (
            'title = "What still waits"\ninstructions = ""\npublished = true\nallow_new_variant = false\n\n'
            '[[questions]]\nkind = "pending"\ncheckpoint = "A"\n'
            'prompt = "Which functions are still waiting to run at checkpoint A?"\npoints = 2\n'),
        "01-timers/01-waiting.js": TIMERS,
    })
    call_command("import_course", str(folder), stdout=StringIO(), stderr=StringIO())
    question = Question.objects.get()
    assert (question.kind, question.get_kind_display()) == ("pending", "Callbacks still waiting")
    assert AnswerKey.objects.get().key == {"objects": ["A", "C"]}


@pytest.mark.django_db
def test_a_pending_attempt_is_graded_through_the_api(make_exercise: Any, student: Any, api_client_for: Any,
                                                     django_capture_on_commit_callbacks: Any) -> None:
    exercise = make_exercise(TIMERS, [{"kind": "pending", "checkpoint": "A", "points": 2}])
    question = exercise.questions.get()
    client = api_client_for(student)
    detail = client.get(f"/api/exercises/{exercise.pk}/").json()
    assert detail["questions"][0]["options"]["callbacks"][0] == {"label": "A", "name": "onDone", "line": 1}
    bad = client.post("/api/attempts/", {"question": question.pk, "answer": {"objects": ["Z"]}}, format="json")
    assert bad.status_code == 400 and "There is no function Z" in str(bad.json())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/attempts/", {"question": question.pk, "answer": {"objects": ["A", "B"]}},
                               format="json")
    assert response.status_code == 202, response.json()
    body = client.get(f"/api/attempts/{response.json()['id']}/").json()
    assert (body["status"], body["score"], body["max_score"]) == ("graded", 0.0, 2.0)
    assert [item["kind"] for item in body["comparison"]["items"]] == ["extra", "missing"]


@pytest.mark.django_db
def test_a_teacher_authors_a_pending_question_in_the_admin_and_sees_its_key(admin_client: Any, course: Any) -> None:
    import json

    from exercises.models import Exercise, Module

    module = Module.objects.create(course=course, order=1, title="M")
    data = {
        "module": module.pk, "order": 1, "title": "Authored", "instructions": "", "program": TIMERS,
        "published": "on", "_continue": "1", "questions-TOTAL_FORMS": 1, "questions-INITIAL_FORMS": 0,
        "questions-MIN_NUM_FORMS": 0, "questions-MAX_NUM_FORMS": 1000, "questions-0-order": 1,
        "questions-0-kind": "pending", "questions-0-checkpoint": "A", "questions-0-prompt": "Q?",
        "questions-0-points": 1, "questions-0-config": json.dumps({}),
    }
    response = admin_client.post("/admin/exercises/exercise/add/", data, follow=True)
    html = response.content.decode()
    assert '<span class="answer-key">still waiting: A (onDone), C (tick)</span>' in html
    assert Exercise.objects.get().published
    data["questions-0-checkpoint"] = "Z"
    data["title"] = "Broken"
    html = admin_client.post("/admin/exercises/exercise/add/", data, follow=True).content.decode()
    assert "The program never reaches checkpoint(&quot;Z&quot;)." in html
