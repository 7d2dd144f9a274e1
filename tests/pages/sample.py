"""A small program with a hand-written trace of the contract's shape, so page tests do not depend on the engine.

    A  1:1   function makeNode      B  2:16  { value, next } (twice)     C  8:9  { name: "a" }
    D  9:9   { name: "b" }          E  13:14 [head, head.next]
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from exercises import services
from exercises.models import Course, Enrollment, Exercise, ExerciseVersion, Module, Question

PROGRAM = """function makeNode(value) {
  const node = { value: value, next: null };
  checkpoint("in-make");
  return node;
}
let head = makeNode(1);
head.next = makeNode(2);
let a = { name: "a" };
let b = { name: "b", peer: a };
a.peer = b;
a = null;
b = null;
const list = [head, head.next];
head = null;
console.log(list.length);
checkpoint("after-unlink");
"""

SITES = [
    {"key": "1:1", "line": 1, "column": 1, "kind": "function"},
    {"key": "2:16", "line": 2, "column": 16, "kind": "object"},
    {"key": "8:9", "line": 8, "column": 9, "kind": "object"},
    {"key": "9:9", "line": 9, "column": 9, "kind": "object"},
    {"key": "13:14", "line": 13, "column": 14, "kind": "array"},
]

_TDZ = {"uninitialized": True}
_FN = {"type": "function", "name": "makeNode", "props": {}}


def _global(**bindings: Any) -> dict[str, Any]:
    base = {"makeNode": {"site": "1:1#1"}, "head": _TDZ, "a": _TDZ, "b": _TDZ, "list": _TDZ}
    return {**base, **bindings}


def _node(value: int, next_site: str | None) -> dict[str, Any]:
    return {"type": "object", "class": "Object", "props": {"value": value, "next": {"site": next_site} if next_site else None}}


TRACE: dict[str, Any] = {
    "output": ["2"],
    "error": None,
    "checkpoints": [
        {
            "name": "in-make", "line": 3,
            "stack": [{"function": "makeNode", "line": 3}, {"function": "<global>", "line": 6}],
            "locals": [{"value": 1, "node": {"site": "2:16#1"}}, _global()],
            "reachable": ["1:1#1", "2:16#1"],
            "heap": {"1:1#1": _FN, "2:16#1": _node(1, None)},
            "garbage": [], "refcount_leaked": [], "freed": [],
        },
        {
            "name": "in-make", "line": 3,
            "stack": [{"function": "makeNode", "line": 3}, {"function": "<global>", "line": 7}],
            "locals": [{"value": 2, "node": {"site": "2:16#2"}}, _global(head={"site": "2:16#1"})],
            "reachable": ["1:1#1", "2:16#1", "2:16#2"],
            "heap": {"1:1#1": _FN, "2:16#1": _node(1, None), "2:16#2": _node(2, None)},
            "garbage": [], "refcount_leaked": [], "freed": [],
        },
        {
            "name": "after-unlink", "line": 16,
            "stack": [{"function": "<global>", "line": 16}],
            "locals": [_global(head=None, a=None, b=None, list={"site": "13:14#1"})],
            "reachable": ["13:14#1", "1:1#1", "2:16#1", "2:16#2"],
            "heap": {
                "1:1#1": _FN,
                "2:16#1": _node(1, "2:16#2"),
                "2:16#2": _node(2, None),
                "8:9#1": {"type": "object", "class": "Object", "props": {"name": "a", "peer": {"site": "9:9#1"}}},
                "9:9#1": {"type": "object", "class": "Object", "props": {"name": "b", "peer": {"site": "8:9#1"}}},
                "13:14#1": {"type": "array", "items": [{"site": "2:16#1"}, {"site": "2:16#2"}]},
            },
            "garbage": ["8:9#1", "9:9#1"], "refcount_leaked": ["8:9#1", "9:9#1"], "freed": [],
        },
    ],
}

QUESTIONS = [
    {"kind": "reachable", "checkpoint": "after-unlink", "prompt": "Which objects are still **reachable** here?", "points": 4},
    {"kind": "stack", "checkpoint": "in-make", "prompt": "What is on the call stack the second time?", "points": 2,
     "config": {"occurrence": 2}},
    {"kind": "locals", "checkpoint": "in-make", "prompt": "What do `value` and `node` hold?", "points": 2,
     "config": {"frame": 0, "variables": ["value", "node"]}},
    {"kind": "refcount_leak", "checkpoint": "after-unlink", "prompt": "Which objects would reference counting leak?", "points": 2},
    {"kind": "output", "checkpoint": "", "prompt": "What does the program print?", "points": 1},
    {"kind": "overflow", "checkpoint": "", "prompt": "Does the program overflow the stack?", "points": 1},
    {"kind": "multiple_choice", "checkpoint": "", "prompt": "Why are C and D never freed by reference counting?",
     "points": 1, "config": {"choices": ["They are on a cycle", "They are globals", "They are arrays"], "correct": 0}},
]


def build_exercise(*, course: Course, published: bool = True) -> Exercise:
    """One module with one exercise whose version carries the hand-written trace and its computed keys."""
    module = Module.objects.create(course=course, order=1, title="References and garbage",
                                   lesson="Objects live while something *reachable* refers to them.")
    exercise = Exercise.objects.create(module=module, order=1, title="Unlinking a list", program=PROGRAM,
                                       instructions="Read the program, then answer.", published=published, version=1)
    for order, spec in enumerate(QUESTIONS, start=1):
        Question.objects.create(exercise=exercise, order=order, config=spec.get("config", {}),
                                **{k: v for k, v in spec.items() if k != "config"})
    version = ExerciseVersion.objects.create(exercise=exercise, number=1, program=PROGRAM, trace=TRACE,
                                             sites=SITES, functions=["makeNode"])
    services.answer_key_compute(exercise_version=version)
    return exercise


def build_course(*, slug: str = "memory-101") -> Exercise:
    """For trying the pages by hand: a course holding the sample exercise."""
    course = Course.objects.create(title="Memory 101", slug=slug, description="How JavaScript uses **memory**.")
    return build_exercise(course=course)


def make_user(username: str, *, course: Course | None = None, role: str = Enrollment.Role.STUDENT) -> User:
    user = User.objects.create_user(username=username, password="correct-horse-battery")
    if course is not None:
        Enrollment.objects.create(user=user, course=course, role=role)
    return user
