"""Fixtures of the assignment and export tests (tests/exports/conftest.py imports them too): the stand-in engine of tests/exercises (so keys need no engine run), a
published exercise with one multiple-choice question worth 2 points, and an assignment factory."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "exercises"))
from engine_fakes import HEAP_PROGRAM, HEAP_TRACE, FakeEngine, FakeProgramError  # noqa: E402

MC = {"kind": "multiple_choice", "points": 2, "config": {"choices": ["right", "wrong"], "correct": 0}}
RIGHT, WRONG = {"choice": 0}, {"choice": 1}


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    from exercises import program

    engine = FakeEngine()

    def trace_json(source: str) -> dict[str, Any]:
        try:
            return engine.trace(source).to_json()
        except FakeProgramError as exc:
            return {"error": {"name": exc.name, "message": exc.message, "line": exc.line, "column": exc.column}}

    def trace_many(sources: list[str], **_: Any) -> list[program.BatchRun]:
        return [program.BatchRun(run=program.run(s), sites=program.site_details(s), functions=program.function_names(s))
                for s in sources]

    monkeypatch.setattr(program, "_load_engine", lambda: engine)
    monkeypatch.setattr(program, "_trace_json", trace_json)
    monkeypatch.setattr(program, "trace_many", trace_many)
    program._run_cached.cache_clear()
    return engine


@pytest.fixture
def heap_program(fake_engine: FakeEngine) -> str:
    return fake_engine.program(HEAP_PROGRAM, trace=HEAP_TRACE, sites=[(1, 11), (2, 11)], functions=["f"])


@pytest.fixture
def exercise(heap_program: str, make_exercise: Callable[..., Any]) -> Any:
    return make_exercise(heap_program, [dict(MC)], title="Stack frames")


@pytest.fixture
def question(exercise: Any) -> Any:
    return exercise.questions.get()


@pytest.fixture
def make_assignment(course: Any) -> Callable[..., Any]:
    from assignments import services

    def make(exercises: list[Any], *, due_at: datetime, title: str = "Week 1", **rule: Any) -> Any:
        return services.assignment_create(course=course, title=title, exercises=exercises, due_at=due_at, **rule)

    return make


@pytest.fixture
def submit(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Submit through the real service (graded in-process) and return the attempt as stored."""
    from exercises import services

    def do(student: Any, question: Any, answer: dict[str, Any]) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            attempt = services.attempt_submit(student=student, question=question, answer=answer)
        attempt.refresh_from_db()
        return attempt

    return do


@pytest.fixture
def set_now(monkeypatch: pytest.MonkeyPatch) -> Callable[[datetime], None]:
    """set_now(moment): the services (and auto_now fields) see `moment` as now, until the test ends."""
    from django.utils import timezone

    def set_to(moment: datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_to
