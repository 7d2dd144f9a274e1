"""Differential fuzzing in CI: a fixed range of seeds, each a small generated program (tests/fuzz/gen.py) run in
the engine and in node; any disagreement on output or error, or any engine internal error, fails, printing the
shrunk program. What disagrees today is left out of CI's generator and listed in tests/fuzz/KNOWN.md.

node is required under CI=true; elsewhere the test skips (as tests/engine/test_async_against_node.py does).
More seeds by hand: ``.venv/bin/python -m tests.fuzz.run --seeds 2000``.
"""

from __future__ import annotations

import os

import pytest

from tests.fuzz.compare import node_path
from tests.fuzz.run import fuzz

SEEDS = range(150)


def test_generated_programs_print_what_node_prints() -> None:
    node = node_path()
    if node is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node is required under CI=true", pytrace=False)
        pytest.skip("node is not installed")
    found = fuzz(SEEDS, node)
    assert not found, f"{len(found)} disagreement(s) with node (shrunk):\n\n" + "\n".join(d.report() for d in found)
