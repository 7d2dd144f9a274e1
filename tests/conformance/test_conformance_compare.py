"""Comparing traces and reading divergences.toml, on hand-written traces of the contract's shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conformance.compare import (
    Divergence,
    DivergencesFileError,
    compare_traces,
    judge,
    load_divergences,
)


def _trace(**changes: Any) -> dict[str, Any]:
    checkpoint = {
        "name": "after",
        "line": 3,
        "stack": [{"function": "<global>", "line": 3}],
        "locals": [{"o": {"site": "1:11#1"}}],
        "reachable": ["1:11#1"],
        "heap": {"1:11#1": {"type": "object"}},
    }
    checkpoint.update(changes)
    return {"output": ["hi"], "error": None, "checkpoints": [checkpoint]}


def test_identical_compared_fields_agree_even_if_engine_fields_differ() -> None:
    engine = _trace(heap={}, garbage=["2:1#1"])
    assert compare_traces(_trace(), engine) == []


def test_it_names_the_checkpoint_field_that_differs() -> None:
    differences = compare_traces(_trace(), _trace(reachable=[]))
    assert [(d.field, d.node, d.engine) for d in differences] == [
        ("checkpoints[0].reachable", ["1:11#1"], [])
    ]


def test_a_missing_checkpoint_is_reported_by_name() -> None:
    engine = {"output": ["hi"], "error": None, "checkpoints": []}
    assert [(d.field, d.node, d.engine) for d in compare_traces(_trace(), engine)] == [
        ("checkpoints", ["after"], [])
    ]


def test_only_name_message_and_line_of_an_error_are_compared() -> None:
    node = {"output": [], "error": {"name": "TypeError", "message": "m", "line": 2}, "checkpoints": []}
    engine = {
        "output": [],
        "error": {"name": "TypeError", "message": "m", "line": 2, "column": 9},
        "checkpoints": [],
    }
    assert compare_traces(node, engine) == []


def test_a_listed_divergence_explains_its_difference() -> None:
    differences = compare_traces(_trace(), _trace(line=4))
    verdict = judge("p.js", differences, [Divergence("p.js", "checkpoints[0].line", "why")])
    assert verdict.agrees


def test_a_divergence_that_no_longer_happens_is_stale() -> None:
    verdict = judge("p.js", [], [Divergence("p.js", "output", "why")])
    assert not verdict.agrees
    assert "no longer happen" in verdict.render("p.js")


def test_a_divergence_of_another_program_explains_nothing() -> None:
    differences = compare_traces(_trace(), _trace(line=4))
    verdict = judge("p.js", differences, [Divergence("q.js", "checkpoints[0].line", "why")])
    assert [d.field for d in verdict.unexplained] == ["checkpoints[0].line"]
    assert "node:   3" in verdict.render("p.js")


def test_the_divergences_file_of_the_suite_is_well_formed() -> None:
    assert all(d.reason.strip() for d in load_divergences())


def test_a_divergence_without_a_reason_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "divergences.toml"
    path.write_text('[[divergence]]\nprogram = "a.js"\nfield = "output"\n', encoding="utf-8")
    with pytest.raises(DivergencesFileError, match="lacks reason"):
        load_divergences(path)


def test_malformed_toml_is_rejected_with_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "divergences.toml"
    path.write_text("[[divergence]\n", encoding="utf-8")
    with pytest.raises(DivergencesFileError, match="divergences.toml"):
        load_divergences(path)
