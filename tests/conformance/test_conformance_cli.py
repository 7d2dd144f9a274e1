"""The debugging command line: python -m tests.conformance.run PROGRAM.js."""

from __future__ import annotations

import json

import pytest

from tests.conformance.conftest import require_node
from tests.conformance.run import main


def test_an_unknown_program_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no_such_program"]) == 2
    assert "no such program" in capsys.readouterr().err


def test_it_prints_the_instrumented_program(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["07_reassign_drops", "--instrumented"]) == 0
    assert '__mc_sp("2:14")' in capsys.readouterr().out


def test_node_only_prints_nodes_compared_trace(capsys: pytest.CaptureFixture[str]) -> None:
    require_node()
    assert main(["07_reassign_drops.js", "--node-only"]) == 0
    printed = capsys.readouterr().out
    trace = json.loads(printed[printed.index("{") :])
    assert [c["name"] for c in trace["checkpoints"]] == ["before", "after"]
