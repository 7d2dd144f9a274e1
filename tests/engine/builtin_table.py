"""The table format shared by the built-in library tests (tests/engine/test_builtins_*.py).

Each case is a small program and the exact lines real node (v20) prints for it, hard-coded. One test runs every
case through the engine; another re-runs every case in node, so a table can never drift away from V8.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

import engine


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    output: list[str]


def engine_output(source: str) -> list[str]:
    """What the engine prints for `source`; an uncaught error is appended as one line, node's first stderr line."""
    result = engine.trace(source).to_json()
    out = list(result["output"])
    if result["error"] is not None:
        out.append(f"Uncaught {result['error']['name']}: {result['error']['message']}")
    return out


def disagreements_with_node(cases: list[Case], node: str,
                            node_many: Callable[[dict[str, str], str], dict[str, Any]]) -> list[str]:
    """Cases whose hard-coded output is not what node prints (with both versions, for the failure message)."""
    runs = node_many({case.id: case.source for case in cases}, node)
    stale = []
    for case in cases:
        run = runs[case.id]
        if run.lines != case.output or run.status != 0:
            stale.append(f"{case.id}: table {case.output!r}\n    node  {run.lines!r} (status {run.status}) {run.stderr}")
    return stale


def table_tests(cases: list[Case]) -> tuple[Callable[..., None], Callable[..., None]]:
    """The two tests every table module runs: the engine prints each case's lines, and node still prints them too.
    A module binds them to module-level names so pytest collects them there."""

    @pytest.mark.parametrize("case", cases, ids=lambda c: c.id)
    def test_engine_prints_what_node_prints(case: Case) -> None:
        assert engine_output(case.source) == case.output

    def test_table_agrees_with_node(node: str, node_many: Callable[[dict[str, str], str], dict[str, Any]]) -> None:
        stale = disagreements_with_node(cases, node, node_many)
        assert not stale, "\n".join(stale)

    return test_engine_prints_what_node_prints, test_table_agrees_with_node
