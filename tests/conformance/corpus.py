"""The conformance corpus (``programs/*.js``) and how each side of the comparison runs a program."""

from __future__ import annotations

from pathlib import Path
from typing import Any

PROGRAMS_DIR = Path(__file__).resolve().parent / "programs"


class EngineRunError(RuntimeError):
    """The engine could not trace the program at all (it raised instead of returning a trace)."""


def programs() -> list[Path]:
    """Every program of the corpus, in name order."""
    return sorted(PROGRAMS_DIR.glob("*.js"))


def run_in_engine(source: str) -> dict[str, Any]:
    """The engine's trace of ``source`` as the contract's JSON; EngineRunError when it cannot run it."""
    import engine  # imported late: the conformance harness must work while the engine is being written

    try:
        trace: dict[str, Any] = engine.trace(source).to_json()
    except engine.ProgramError as error:
        raise EngineRunError(f"the engine refused the program: {error}") from error
    return trace
