"""`python -m exercises.engine_batch`: trace many programs in ONE process, for the authoring self-test.

Reads one JSON object on standard input: {"programs": ["source", ...], "deadline": seconds, "limits": {"steps":
..., "depth": ..., "heap": ..., "time": ...}} (limits optional: the engine's defaults, as for the exercise page).
Writes one JSON line per program, in order, as soon as it is traced, so that a parent that has to stop this process
keeps what was done:
  {"index": i, "trace": {...}, "sites": [{"key", "line", "column", "kind"}...], "functions": [...]}
  {"index": i, "error": {"name", "message", "line", "column"}}      the program cannot run (syntax, unsupported)
  {"index": i, "skipped": "..."}                                       the overall deadline passed before it
No --steps timeline. This module imports the engine only, never Django."""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from engine.__main__ import MEMORY_ERROR
from engine.api import json_text


def _one(engine_api: Any, source: str, limits: Any) -> dict[str, Any]:
    try:
        result = engine_api.trace(source, limits=limits, steps=False)
        trace = result.to_json()
    except MemoryError:  # describing the run needed more than the cap
        return {"trace": dict(MEMORY_ERROR), "sites": [], "functions": []}
    except engine_api.ProgramError as exc:
        return {"error": exc.to_json()["error"]}
    except Exception as exc:  # an engine bug: say so plainly, and go on with the next program
        return {"error": {"name": "InternalError", "message": f"engine error: {type(exc).__name__}: {exc}"}}
    sites = [{"key": s.key, "line": s.line, "column": s.column, "kind": s.kind} for s in engine_api.allocation_sites(source)]
    return {"trace": trace, "sites": sites, "functions": list(engine_api.function_names(source))}


def main() -> int:
    from engine import api as engine_api
    from engine.__main__ import MAX_MEMORY_MB, cap_memory
    from engine.vm import Limits

    request = json.loads(sys.stdin.read())
    cap_memory(int(request.get("max_memory", MAX_MEMORY_MB)))  # a program that allocates without end: "memory"
    programs: list[str] = request["programs"]
    limits = Limits(**request.get("limits", {}))
    deadline = time.monotonic() + float(request.get("deadline", 120))
    for index, source in enumerate(programs):
        if time.monotonic() > deadline:
            line: dict[str, Any] = {"skipped": "not traced: the self-test ran out of time before this variant"}
        else:
            line = _one(engine_api, source, limits)
        sys.stdout.write(json_text({"index": index, **line}) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
