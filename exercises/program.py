"""The only module of the web app that calls the engine. It turns every way a program can fail to run into one
exact, readable problem message, so callers never see an engine exception.

Tracing runs the engine's command line in a child process with a hard deadline; parsing (sites, function names) runs
in-process. The engine is imported lazily so that Django starts without loading the parser."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProgramRun:
    """The trace of a program, or why there is none. `trace` is the contract's JSON (see shared/contracts)."""

    trace: dict[str, Any] | None
    problem: str
    error: dict[str, Any] | None = None  # the engine's error object behind `problem` (name, line, column...)

    @property
    def ok(self) -> bool:
        return self.trace is not None and not self.problem


def describe_program_error(exc: Any) -> str:
    """"SyntaxError at line 3, column 7: Unexpected token" from an engine.ProgramError."""
    name = getattr(exc, "name", type(exc).__name__)
    message = getattr(exc, "message", str(exc))
    line, column = getattr(exc, "line", None), getattr(exc, "column", None)
    if line is None:
        return f"{name}: {message}"
    where = f"line {line}" if column is None else f"line {line}, column {column}"
    return f"{name} at {where}: {message}"


def describe_limit(error: dict[str, Any]) -> str:
    line = error.get("line")
    where = f" (at line {line})" if line else ""
    return f"The program exceeded an engine limit{where}: {error.get('message', 'limit exceeded')}"


def _load_engine() -> Any:
    import engine

    return engine


TRACE_DEADLINE = 20.0
# --steps: the stored trace carries the run's timeline, which the exercise page steps through.
ENGINE_COMMAND = [sys.executable, "-m", "engine", "trace", "--steps", "-"]
ROOT = Path(__file__).resolve().parent.parent


def _run_child(command: list[str], source: str, deadline: float) -> dict[str, Any]:
    """`python -m engine trace -` in a child process, so that a hard deadline holds even if the engine's own
    budgets fail: the web process or worker is never stuck on one program. Returns the contract's JSON: a trace, or
    {"error": {...}} alone when the program cannot run (exit status 1). Raises subprocess.TimeoutExpired."""
    done = subprocess.run(command, input=source, capture_output=True, text=True, timeout=deadline, cwd=ROOT)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"python -m engine exited with status {done.returncode}: {done.stderr.strip()[-500:]}")
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def _trace_json(source: str) -> dict[str, Any]:
    return _run_child(ENGINE_COMMAND, source, TRACE_DEADLINE)


@dataclass(frozen=True)
class EngineLimits:
    """The engine's own budgets (its command-line flags) and the hard deadline on the child process."""

    steps: int
    depth: int
    heap: int
    seconds: float
    deadline: float

    def command(self) -> list[str]:
        return [*ENGINE_COMMAND[:-1], "--max-steps", str(self.steps), "--max-depth", str(self.depth),
                "--max-heap", str(self.heap), "--timeout", str(self.seconds), "-"]


def _program_run(trace: dict[str, Any]) -> ProgramRun:
    if "checkpoints" not in trace:
        return ProgramRun(trace=None, problem=describe_program_error(SimpleNamespace(**trace["error"])),
                          error=trace["error"])
    error = trace.get("error")
    if error and error.get("name") == "LimitExceeded":
        return ProgramRun(trace=trace, problem=describe_limit(error), error=error)
    return ProgramRun(trace=trace, problem="")


def _deadline_problem(deadline: float) -> str:
    return f"The program ran for more than {deadline:g} seconds; it was stopped."


def run_limited(source: str, limits: EngineLimits) -> ProgramRun:
    """Trace untrusted `source` (the playground) under `limits`, uncached; every failure becomes `problem`."""
    try:
        return _program_run(_run_child(limits.command(), source, limits.deadline))
    except subprocess.TimeoutExpired:
        return ProgramRun(trace=None, problem=_deadline_problem(limits.deadline), error={"name": "Deadline"})
    except Exception as exc:  # an engine bug must not take the web process down
        logger.exception("engine failed on a program")
        return ProgramRun(trace=None, problem=f"The engine failed on this program: {type(exc).__name__}: {exc}",
                          error={"name": "InternalError"})


@lru_cache(maxsize=32)
def _run_cached(source: str) -> ProgramRun:
    """Cached, because the admin validates and then saves the same program. Engine failures are raised, and so
    never cached: the next call tries again."""
    try:
        trace = _trace_json(source)
    except subprocess.TimeoutExpired:
        return ProgramRun(trace=None, problem=_deadline_problem(TRACE_DEADLINE))
    return _program_run(trace)


def run(source: str) -> ProgramRun:
    """Trace `source`: a syntax error, unsupported syntax, a limit hit or an engine failure become `problem`."""
    try:
        return _run_cached(source)
    except Exception as exc:  # an engine bug must not take the admin or a worker down
        logger.exception("engine failed on a program")
        return ProgramRun(trace=None, problem=f"The engine failed on this program: {type(exc).__name__}: {exc}")


def site_keys(source: str) -> list[str]:
    """The allocation sites of `source` ("L:C"), in source order; empty if it does not parse."""
    try:
        return [site.key for site in _load_engine().allocation_sites(source)]
    except Exception:
        return []


def site_details(source: str) -> list[dict[str, Any]]:
    """Each allocation site's key, line, column and kind, in source order; empty if it does not parse."""
    try:
        return [
            {"key": s.key, "line": s.line, "column": s.column, "kind": s.kind} for s in _load_engine().allocation_sites(source)
        ]
    except Exception:
        return []


def function_names(source: str) -> list[str]:
    """The frame names this program can show, without "<global>"; empty if it does not parse."""
    try:
        return list(_load_engine().function_names(source))
    except Exception:
        return []
