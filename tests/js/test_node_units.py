"""Runs each node unit test file of memview (tests/js/*.test.js) under `node --test` and fails with node's output."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
NODE_TESTS = sorted(HERE.glob("*.test.js"))


def node_binary() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: memview's unit tests need node 20 (`node --test`)", pytrace=False)
    return node


def test_there_are_node_unit_tests() -> None:
    assert {p.name for p in NODE_TESTS} >= {"timeline.test.js", "analysis.test.js", "layout.test.js"}


@pytest.mark.parametrize("path", NODE_TESTS, ids=[p.name for p in NODE_TESTS])
def test_node_unit_file_passes(path: Path) -> None:
    result = subprocess.run(
        [node_binary(), "--test", "--test-reporter=spec", str(path)],
        cwd=HERE, capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"node --test {path.name} failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
