"""The --steps timeline is compact (what changed) and complete: replaying it rebuilds the heap that every
checkpoint reports, for every program of the conformance corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from engine import trace

CORPUS = sorted((Path(__file__).resolve().parent.parent / "conformance" / "programs").glob("*.js"))


def _replay(steps: list[dict[str, Any]]) -> list[tuple[int, int, dict[str, Any]] | None]:
    heap: dict[str, Any] | None = {}
    states: list[tuple[int, int, dict[str, Any]] | None] = []
    for step in steps:
        if step.get("heap_omitted"):
            heap = None
            states.append(None)
            continue
        if step.get("heap_reset") or heap is None:
            heap = {}
        for key in step.get("freed", []):
            heap.pop(key, None)
        heap.update(step.get("heap", {}))
        states.append((step["line"], len(step["stack"]), dict(heap)))
    return states


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_replaying_the_timeline_rebuilds_each_checkpoints_heap(path: Path) -> None:
    source = path.read_text()
    result = trace(source, steps=True)
    assert result.steps is not None
    states = _replay(result.steps)
    lines = source.split("\n")
    for cp in result.checkpoints:
        if not lines[cp["line"] - 1].strip().startswith("checkpoint("):
            continue  # a checkpoint inside a larger statement sees that statement half done
        candidates = [s for s in states if s and s[0] == cp["line"] and s[1] == len(cp["stack"])]
        if not candidates and result.steps_truncated:
            continue  # taken after the timeline stopped (deep recursion)
        assert candidates, f"no step at line {cp['line']}"
        assert any(c[2] == cp["heap"] for c in candidates), f"replayed heap differs at {cp['name']}"


def test_timeline_entries_carry_only_changes() -> None:
    result = trace("let a = {x: 1};\nlet n = 0;\nn = 1;\nn = 2;\n", steps=True)
    assert result.steps is not None
    third, fourth = result.steps[2], result.steps[3]
    assert "heap" not in third and "heap" not in fourth  # assignments of numbers change no object
    assert third["frames"]["0"]["n"] == 0 and fourth["frames"]["0"]["n"] == 1


def test_timeline_stops_at_the_depth_cap_and_says_so() -> None:
    result = trace("function down(n) { return n === 0 ? 0 : down(n - 1); }\ndown(500);\n", steps=True)
    assert result.steps_truncated is True
    assert result.to_json()["steps_truncated"] is True
