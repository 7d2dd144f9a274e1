"""Fixtures of the platform tests: the stand-in engine and a program traced by it."""

from __future__ import annotations

from typing import Any

import pytest
from engine_fakes import HEAP_PROGRAM, HEAP_TRACE, FakeEngine, FakeProgramError


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    from exercises import program

    engine = FakeEngine()

    def trace_json(source: str) -> dict[str, Any]:
        try:
            return engine.trace(source).to_json()
        except FakeProgramError as exc:
            return {"error": {"name": exc.name, "message": exc.message, "line": exc.line, "column": exc.column}}

    def trace_many(sources: list[str], **_: Any) -> list[program.BatchRun]:  # the self-test's batch, in-process
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
