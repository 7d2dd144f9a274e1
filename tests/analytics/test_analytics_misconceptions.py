"""The common wrong answers, named by what is wrong: real programs traced by the real engine, answers graded by the
real services, and the grading parts turned into misconceptions and counted per student and parameter value."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from analytics import selectors
from exercises import services
from exercises.models import Exercise, Question

pytestmark = pytest.mark.django_db

REACHABLE = """function outer() {
  let a = [1, 2, 3];
  const o = { name: "o" };
  function inner() { return o; }
  a = null;
  checkpoint("A");
  return inner;
}
let keep = outer();
checkpoint("B");
"""
# Sites: A outer (1:1), B the array (2:11), C the object o (3:13), D inner (4:3).


def wrong_answers(exercise: Exercise) -> dict[int, list[dict[str, Any]]]:
    scope = selectors.scope_get(course=exercise.module.course)
    groups = selectors.common_wrong_answers(scope=scope, questions=list(exercise.questions.all()))
    return {q: [g.to_json() for g in found] for q, found in groups.items()}


@pytest.fixture
def reachable_exercise(make_exercise: Callable[..., Exercise]) -> Exercise:
    return make_exercise(REACHABLE, [
        {"kind": "reachable", "checkpoint": "A", "prompt": "Which objects are reachable?"},
        {"kind": "stack", "checkpoint": "A", "prompt": "The stack?"},
        {"kind": "locals", "checkpoint": "A", "config": {"frame": 0, "variables": ["a", "o"]}, "prompt": "Locals?"},
    ], title="Closures")


def test_an_object_marked_reachable_that_is_garbage_is_named_with_its_variable_and_counted_per_student(
    reachable_exercise: Exercise, enrolled: Any, answer: Any
) -> None:
    reachable = reachable_exercise.questions.get(kind="reachable")
    ann, bob, cy = enrolled("ann"), enrolled("bob"), enrolled("cy")
    answer(ann, reachable, {"objects": ["A", "B", "C", "D"]})  # B, the array, is garbage after a = null
    answer(bob, reachable, {"objects": ["A", "B", "C"]})  # the same, and inner (D) left out
    answer(cy, reachable, {"objects": ["A", "C", "D"]})  # right
    answer(ann, reachable, {"objects": ["A", "C", "D"]})  # a later try does not count: first tries only

    groups = wrong_answers(reachable_exercise)[reachable.pk]
    assert [(g["code"], g["subject"], g["students"], g["answered"]) for g in groups] == [
        ("reachable.extra.garbage", "B", 2, 3),
        ("reachable.missing", "D", 1, 3),
    ]
    garbage, missing = groups
    assert garbage["label"] == "marked reachable an object that is garbage: B, the array `a` (line 2); `a` is null now"
    assert round(garbage["share"], 4) == round(2 / 3, 4)
    assert missing["label"] == "left out an object that is still reachable: D, the function `inner` (line 4)"
    assert garbage["by_parameter"] == []  # not a templated exercise
    first_tries = set(garbage["attempts"])
    assert len(first_tries) == 2 and all(isinstance(i, int) for i in first_tries)


def test_frames_missing_extra_and_out_of_order_are_told_apart(
    reachable_exercise: Exercise, enrolled: Any, answer: Any
) -> None:
    stack = reachable_exercise.questions.get(kind="stack")
    answer(enrolled("ann"), stack, {"frames": ["<global>"]})  # outer missing
    answer(enrolled("bob"), stack, {"frames": ["inner", "outer", "<global>"]})  # inner is not on the stack
    answer(enrolled("cy"), stack, {"frames": ["<global>", "outer"]})  # outermost first: the order is wrong

    labels = {(g["code"], g["subject"]): g["label"] for g in wrong_answers(reachable_exercise)[stack.pk]}
    assert labels == {
        ("stack.missing", "outer"): "frame `outer` missing from the stack",
        ("stack.extra", "inner"): "listed a frame `inner` that is not on the stack there",
        ("stack.order", "outer"): "put the frame `outer` at the wrong place in the stack",
    }


def test_a_variable_holding_the_wrong_value_is_named_with_both_values(
    reachable_exercise: Exercise, enrolled: Any, answer: Any
) -> None:
    local = reachable_exercise.questions.get(kind="locals")
    wrong = {"values": {"a": {"object": "B"}, "o": {"object": "C"}}}  # a still holds the array
    answer(enrolled("ann"), local, wrong)
    answer(enrolled("bob"), local, wrong)
    answer(enrolled("cy"), local, {"values": {"a": None, "o": {"object": "A"}}})

    groups = wrong_answers(reachable_exercise)[local.pk]
    assert [(g["label"], g["students"]) for g in groups] == [
        ("`a` holds null, not object B", 2),
        ("`o` holds object C, not object A", 1),
    ]


OUTPUT = """let total = 0;
for (let i = 1; i <= 3; i++) total += i;
console.log("total", total);
console.log("done");
"""


def test_wrong_missing_and_extra_output_lines(make_exercise: Any, enrolled: Any, answer: Any) -> None:
    exercise = make_exercise(OUTPUT, [{"kind": "output", "prompt": "What does it print?"}], title="Sum")
    question = exercise.questions.get()
    answer(enrolled("ann"), question, {"lines": ["total 3", "done"]})
    answer(enrolled("bob"), question, {"lines": ["total 6"]})
    answer(enrolled("cy"), question, {"lines": ["total 6", "done", "undefined"]})

    labels = sorted(g["label"] for g in wrong_answers(exercise)[question.pk])
    assert labels == [
        "an output line the program does not print: `undefined`",
        "left out output line 2: `done`",
        "output line 1 is `total 6`, not `total 3`",
    ]


TEMPLATE = """let a = [1];
let b = [2];
{{ victim }} = null;
checkpoint("A");
"""


def test_a_templated_exercise_breaks_each_mistake_down_by_parameter_value(
    make_exercise: Any, make_user: Any, enrolled: Any, answer: Any, client: Any, teacher: Any
) -> None:
    exercise = make_exercise(TEMPLATE, [{"kind": "reachable", "checkpoint": "A", "prompt": "Reachable?"}],
                             publish=False, title="Victim")
    exercise.parameters = [{"name": "victim", "kind": "choice", "choices": ["a", "b"]}]
    exercise.save()
    services.exercise_publish(exercise=exercise)
    question = Question.objects.get(exercise=exercise)

    by_value: dict[str, list[Any]] = {"a": [], "b": []}
    for i in range(30):
        student = enrolled(f"student{i}")
        version = services.student_variant_version(student=student, exercise=exercise)
        assert version is not None
        by_value[version.params["victim"]].append(student)
        if len(by_value["a"]) >= 2 and len(by_value["b"]) >= 1:
            break
    assert by_value["a"] and by_value["b"], "thirty students should cover both variants"
    for student in [*by_value["a"], *by_value["b"]]:
        answer(student, question, {"objects": ["A", "B"]})  # both arrays, though one is garbage

    groups = {g["subject"]: g for g in wrong_answers(exercise)[question.pk]}
    answered = len(by_value["a"]) + len(by_value["b"])
    assert set(groups) == {"A", "B"}
    array_a = groups["A"]
    assert array_a["code"] == "reachable.extra.garbage"
    assert array_a["label"] == "marked reachable an object that is garbage: A, the array `a` (line 1); `a` is null now"
    assert (array_a["students"], array_a["answered"]) == (len(by_value["a"]), answered)
    assert [(p["name"], p["value"], p["students"], p["answered"]) for p in array_a["by_parameter"]] == [
        ("victim", "a", len(by_value["a"]), len(by_value["a"])),
        ("victim", "b", 0, len(by_value["b"])),
    ]
    assert [(p["value"], p["share"]) for p in groups["B"]["by_parameter"]] == [("a", 0.0), ("b", 1.0)]

    # the teacher's page shows the breakdown under each mistake, with the share and the counts
    client.force_login(teacher)
    page = " ".join(client.get(f"/courses/{exercise.module.course.slug}/statistics/exercises/{exercise.pk}/")
                    .content.decode().split())
    a, b = len(by_value["a"]), len(by_value["b"])
    assert ("<caption>By parameter value</caption> <thead><tr><th scope=\"col\">Parameter</th><th scope=\"col\">"
            "Value</th><th scope=\"col\">Made it</th></tr></thead> <tbody><tr><th scope=\"row\">victim</th><td><code>a"
            f"</code></td><td>100% <small>({a} of {a})</small></td></tr><tr><th scope=\"row\">victim</th><td><code>b"
            f"</code></td><td>0% <small>(0 of {b})</small></td></tr></tbody>") in page


RECURSION = """function down(n) {
  return down(n + 1);
}
down(0);
"""


def test_overflow_and_multiple_choice_mistakes(make_exercise: Any, enrolled: Any, answer: Any) -> None:
    exercise = make_exercise(RECURSION, [
        {"kind": "overflow", "prompt": "Does it overflow?"},
        {"kind": "multiple_choice", "prompt": "Why?", "config": {"choices": ["no base case", "a loop"], "correct": 0}},
    ], title="Down")
    overflow, choice = exercise.questions.order_by("order")
    ann, bob = enrolled("ann"), enrolled("bob")
    answer(ann, overflow, {"overflows": False, "line": None})
    answer(bob, overflow, {"overflows": True, "line": 4})  # the call that overflows is the recursive one, line 2
    answer(ann, choice, {"choice": 1})

    groups = wrong_answers(exercise)
    assert sorted(g["label"] for g in groups[overflow.pk]) == [
        "put the overflowing call at line 4, not line 2",
        "said it does not overflow, but it does (the call at line 2)",
    ]
    assert [(g["label"], g["students"], g["answered"]) for g in groups[choice.pk]] == [("chose “a loop”", 1, 1)]
