"""The only module of the web app that calls the engine. It turns every way a program can fail to run into one
exact, readable problem message, so callers never see an engine exception.

Tracing runs the engine's command line in a child process with a hard deadline; parsing (sites, function names) runs
in-process. The engine is imported lazily so that Django starts without loading the parser."""

from __future__ import annotations

import json
import logging
import re
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


# Text that a JavaScript string can hold and PostgreSQL's jsonb (and UTF-8) cannot: the NUL character and lone
# surrogates (half of a UTF-16 pair). In the engine's JSON they are escapes (engine.api.json_text).
_UNSTORABLE_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _storable_text(s: str) -> str:
    """NUL shown as U+2400 (SYMBOL FOR NULL), a lone surrogate as U+FFFD, as a terminal shows it."""
    return _UNSTORABLE.sub(lambda m: "\u2400" if m.group() == "\x00" else "\ufffd", s)


def _storable(value: Any) -> Any:
    if isinstance(value, str):
        return _storable_text(value) if _UNSTORABLE.search(value) else value
    if isinstance(value, list):
        return [_storable(v) for v in value]
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    return value


def load_engine_json(text: str) -> Any:
    """The engine's JSON output as the site can store and send it: every string that holds a NUL or a lone
    surrogate gets the characters a terminal would show instead (the rest is left alone, and the walk is skipped
    when the text has no such escape)."""
    data = json.loads(text)
    return _storable(data) if _UNSTORABLE_ESCAPE.search(text) else data


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
    data: dict[str, Any] = load_engine_json(done.stdout)
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
    memory_mb: int = 1024  # the child's address-space cap: more ends the run as the limit "memory"

    def command(self) -> list[str]:
        return [*ENGINE_COMMAND[:-1], "--max-steps", str(self.steps), "--max-depth", str(self.depth),
                "--max-heap", str(self.heap), "--timeout", str(self.seconds), "--max-memory", str(self.memory_mb), "-"]


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
    # An engine bug must not take the admin or a worker down. Only what a failed engine raises is caught (a child
    # process that died or printed nonsense, an assertion): an interruption (a Celery time limit) must reach the
    # task, or it would be stored as the program's problem.
    except (RuntimeError, OSError, ValueError, KeyError, TypeError, AssertionError) as exc:
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


# --- many programs at once, for the authoring self-test -------------------------------------------------------------


@dataclass(frozen=True)
class BatchRun:
    """One program of a batch: its run (trace or problem), allocation sites and frame names."""

    run: ProgramRun
    sites: list[dict[str, Any]]
    functions: list[str]


BATCH_COMMAND = [sys.executable, "-m", "exercises.engine_batch"]
BATCH_DEADLINE = 120.0
_batch_cache: dict[str, BatchRun] = {}
BATCH_CACHE_SIZE = 1024


def _batch_run(line: dict[str, Any]) -> BatchRun:
    if "skipped" in line:
        return BatchRun(run=ProgramRun(trace=None, problem=line["skipped"]), sites=[], functions=[])
    if "trace" not in line:
        return BatchRun(run=ProgramRun(trace=None, problem=describe_program_error(SimpleNamespace(**line["error"]))),
                        sites=[], functions=[])
    trace, error = line["trace"], line["trace"].get("error")
    problem = describe_limit(error) if error and error.get("name") == "LimitExceeded" else ""
    return BatchRun(run=ProgramRun(trace=trace, problem=problem), sites=line["sites"], functions=line["functions"])


def _trace_batch(sources: list[str], deadline: float) -> list[BatchRun]:
    """Trace `sources` in one child process (python -m exercises.engine_batch) under one overall deadline. A child
    stopped at the deadline keeps the programs it finished; the others get a problem saying so."""
    request = json.dumps({"programs": sources, "deadline": max(deadline - 5.0, 1.0)})
    try:
        done = subprocess.run(BATCH_COMMAND, input=request, capture_output=True, text=True, timeout=deadline, cwd=ROOT)
        stdout, failure = done.stdout, (f"the engine batch exited with status {done.returncode}: "
                                        f"{done.stderr.strip()[-300:]}" if done.returncode else "")
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout or b""
        stdout = out.decode() if isinstance(out, bytes) else out
        failure = f"the self-test ran for more than {deadline:g} seconds and was stopped before this variant"
    results: dict[int, BatchRun] = {}
    for text in stdout.splitlines():
        try:
            line = load_engine_json(text)
        except ValueError:
            continue  # a line cut short when the child was stopped
        results[line["index"]] = _batch_run(line)
    missing = BatchRun(run=ProgramRun(trace=None, problem=failure or "the engine batch gave no result"), sites=[], functions=[])
    return [results.get(i, missing) for i in range(len(sources))]


def trace_many(sources: list[str], *, deadline: float = BATCH_DEADLINE) -> list[BatchRun]:
    """Trace many programs (no step timeline) in one child process; programs traced before are not run again.
    Never raises: every failure is a problem of the programs it touched."""
    todo = list(dict.fromkeys(s for s in sources if s not in _batch_cache))
    if todo:
        try:
            fresh = _trace_batch(todo, deadline)
        except Exception as exc:  # could not even start the child: report it on every program
            logger.exception("engine batch failed")
            problem = f"The engine failed on this program: {type(exc).__name__}: {exc}"
            fresh = [BatchRun(run=ProgramRun(trace=None, problem=problem), sites=[], functions=[]) for _ in todo]
    else:
        fresh = []
    got = {s: _batch_cache[s] for s in sources if s in _batch_cache}
    if len(_batch_cache) + len(todo) > BATCH_CACHE_SIZE:
        _batch_cache.clear()
    for source, result in zip(todo, fresh, strict=True):
        got[source] = result
        if not result.run.problem.startswith(("the self-test ran", "the engine batch", "not traced")):
            _batch_cache[source] = result
    return [got[s] for s in sources]
