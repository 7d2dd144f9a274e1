"""memview's replay of the step timeline equals the engine's own state at every step.

For each program (the conformance corpus, tests/conformance/programs, tests/js/programs: closures, gc(),
cycles, weak collections, errors, limits, and the engine's async timeline programs: the event loop), the engine's trace with its timeline (`engine.api.trace(steps=True)`)
and its own snapshot of every step (`engine.api.step_snapshots`) are written to a temporary directory; one node
process (tests/js/replay_check.js) replays every timeline with memview's timeline.js and analysis.js and compares
stack, heap, garbage, output and the event loop at EVERY step, and refcount leaks at each checkpoint."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from engine.api import step_snapshots, trace
from engine.vm import Limits

HERE = Path(__file__).resolve().parent
CORPUS = sorted((HERE.parent / "conformance" / "programs").glob("*.js"))
OWN = sorted((HERE / "programs").glob("*.js"))
# The event loop (docs/event-loop.md): timers, immediates, microtasks, async functions, generators, the finished
# script frame after the script, script_end and end events.
ASYNC = [HERE.parent / "engine" / "timeline_programs" / f"{name}.js"
         for name in ("async_tasks_and_generators", "async_pending_forever", "timers_generators_interval_cache")]
PROGRAMS = CORPUS + OWN + ASYNC
# Small budgets keep the every-step snapshots affordable (a stack overflow at depth 10,000 snapshots 10,000 frames
# at each of its steps); a program may ask for its own with a first-line comment `// limits: steps=3000`.
DEFAULT_LIMITS = {"steps": 20_000, "depth": 120, "time": 20.0}
LIMITS_LINE = re.compile(r"^//\s*limits:\s*(.*)$")


def limits_for(source: str) -> Limits:
    values: dict[str, Any] = dict(DEFAULT_LIMITS)
    first = source.split("\n", 1)[0]
    match = LIMITS_LINE.match(first)
    if match:
        for part in match.group(1).split(","):
            name, _, value = part.strip().partition("=")
            values[name] = float(value) if name == "time" else int(value)
    return Limits(**values)


def case_name(path: Path) -> str:
    return f"{path.parent.name}-{path.stem}"


@pytest.fixture(scope="module")
def replay_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: the replay check needs node 20", pytrace=False)
    out = tmp_path_factory.mktemp("replay")
    for path in PROGRAMS:
        source = path.read_text(encoding="utf-8")
        limits = limits_for(source)
        (out / f"{case_name(path)}.trace.json").write_text(json.dumps(trace(source, limits=limits, steps=True).to_json()))
        (out / f"{case_name(path)}.snapshots.json").write_text(json.dumps(step_snapshots(source, limits=limits)))
    result = subprocess.run([node, str(HERE / "replay_check.js"), str(out)], capture_output=True, text=True, timeout=900)
    if result.returncode not in (0, 1):
        pytest.fail(f"replay_check.js crashed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_the_own_programs_cover_closures_gc_weak_collections_errors_and_limits() -> None:
    assert {p.stem for p in OWN} >= {"closures_shared_scope", "gc_cycles_and_chains", "weak_collections",
                                     "uncaught_error", "limit_steps", "recursion_blocks"}


def test_the_limit_program_really_hits_its_limit() -> None:
    source = (HERE / "programs" / "limit_steps.js").read_text(encoding="utf-8")
    result = trace(source, limits=limits_for(source), steps=True).to_json()
    assert result["error"]["name"] == "LimitExceeded"
    assert result["steps"][-1]["event"] == "error"


@pytest.mark.parametrize("path", PROGRAMS, ids=case_name)
def test_replay_equals_the_engine_snapshot_at_every_step(path: Path, replay_report: dict[str, Any]) -> None:
    result = replay_report[case_name(path)]
    assert result["steps"] > 0, "the timeline is empty"
    assert not result["mismatches"], "\n".join(result["mismatches"])
