"""Answer keys from the real engine, on tiny programs: the messages teachers see and the labels students use."""

import sys
from typing import Any

import pytest

from exercises.models import AnswerKey, ExerciseVersion


def key_of(make_exercise: Any, program: str, question: dict[str, Any]) -> AnswerKey:
    exercise = make_exercise(program, [question], publish=False)
    return AnswerKey.objects.get(question__exercise=exercise)


@pytest.mark.django_db
def test_a_syntax_error_is_reported_with_line_and_column(make_exercise: Any) -> None:
    key = key_of(make_exercise, "let ok = 1;\nlet = ;\n", {"kind": "output"})
    assert key.problem == "SyntaxError at line 2, column 7: Unexpected token ';'"


@pytest.mark.django_db
def test_unsupported_syntax_is_reported_as_such(make_exercise: Any) -> None:
    key = key_of(make_exercise, "import x from \"y\";\n", {"kind": "output"})
    assert key.problem.startswith("UnsupportedSyntax at line 1, column 1: ")


@pytest.mark.django_db
def test_a_checkpoint_the_program_never_reaches_is_reported(make_exercise: Any) -> None:
    program = 'function never() { checkpoint("A"); }\ncheckpoint("B");\n'
    key = key_of(make_exercise, program, {"kind": "stack", "checkpoint": "A"})
    assert key.problem == 'The program never reaches checkpoint("A").'


@pytest.mark.django_db
def test_a_limit_hit_is_reported_with_the_engines_words(make_exercise: Any) -> None:
    key = key_of(make_exercise, "let i = 0;\nwhile (true) { i++; }\n", {"kind": "output"})
    assert key.problem.startswith("The program exceeded an engine limit (at line 2): ")
    assert "step" in key.problem


@pytest.mark.django_db
def test_objects_of_a_site_that_allocates_several_get_counts(make_exercise: Any) -> None:
    program = (
        "const keep = [];\n"
        "for (let i = 0; i < 3; i++) {\n"
        "  const box = { i };\n"
        "  if (i !== 1) keep.push(box);\n"
        "}\n"
        'checkpoint("A");\n'
    )
    key = key_of(make_exercise, program, {"kind": "reachable", "checkpoint": "A"})
    assert key.key == {"objects": ["A", "B#1", "B#3"]}
    assert key.options == {"objects": ["A", "B#1", "B#2", "B#3"]}


@pytest.mark.django_db
def test_stack_and_locals_keys_from_a_real_run(make_exercise: Any) -> None:
    program = 'function inner(n) {\n  const o = { n };\n  checkpoint("A");\n}\nfunction outer() { inner(7); }\nouter();\n'
    stack = key_of(make_exercise, program, {"kind": "stack", "checkpoint": "A"})
    assert stack.key == {"frames": ["inner", "outer", "<global>"]}
    assert stack.options == {"functions": ["inner", "outer", "<global>"]}
    version = ExerciseVersion.objects.get()
    assert [s["kind"] for s in version.sites] == ["function", "object", "function"]


@pytest.mark.django_db
def test_locals_key_names_objects_by_label(make_exercise: Any) -> None:
    program = 'function inner(n) {\n  const o = { n };\n  checkpoint("A");\n}\ninner(7);\n'
    key = key_of(make_exercise, program, {"kind": "locals", "checkpoint": "A",
                                          "config": {"frame": 0, "variables": ["n", "o"]}})
    assert key.key == {"values": {"n": 7, "o": {"object": "B"}}}


@pytest.mark.django_db
def test_overflow_key_gives_the_line_of_the_overflowing_call(make_exercise: Any) -> None:
    program = "function down(n) {\n  return down(n + 1);\n}\ndown(0);\n"
    key = key_of(make_exercise, program, {"kind": "overflow"})
    assert key.key == {"overflows": True, "line": 2}


@pytest.mark.django_db
def test_gc_and_refcount_keys_from_a_cycle(make_exercise: Any) -> None:
    program = 'let a = {};\nlet b = { a };\na.b = b;\nlet lone = {};\na = b = lone = null;\ncheckpoint("A");\n'
    freed = key_of(make_exercise, program, {"kind": "gc_freed", "checkpoint": "A"})
    assert freed.key == {"objects": ["A", "B", "C"]}
    leaked = AnswerKey.objects.create(
        question=freed.question.exercise.questions.create(kind="refcount_leak", checkpoint="A", prompt="?"),
        exercise_version=freed.exercise_version,
    )
    from exercises import services

    services.answer_key_compute(exercise_version=freed.exercise_version)
    leaked.refresh_from_db()
    assert leaked.key == {"objects": ["A", "B"]}


@pytest.mark.django_db
def test_a_program_that_outlives_the_hard_deadline_is_stopped(make_exercise: Any,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from exercises import program

    monkeypatch.setattr(program, "TRACE_DEADLINE", 1.0)
    monkeypatch.setattr(program, "ENGINE_COMMAND", [sys.executable, "-c", "import time; time.sleep(30)"])
    key = key_of(make_exercise, "while (true) {}\n", {"kind": "output"})
    assert key.problem == "The program ran for more than 1 seconds; it was stopped."
