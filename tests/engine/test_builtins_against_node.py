"""Built-ins of issue 10 (Date, property descriptors, the ES2023 methods, the generic Array methods on
array-likes): every program in tests/engine/es_programs/ prints what node prints and ends with the same
error. node is the reference, run in the same test with TZ=UTC (local time is UTC in the engine)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from engine import trace

PROGRAMS = sorted((Path(__file__).resolve().parent / "es_programs").glob("*.js"))
NODE = os.environ.get("MEMCOURSE_NODE") or shutil.which("node")


def _node(path: Path) -> tuple[list[str], str | None]:
    if NODE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is required under CI=true")
        pytest.skip("node is not installed")
    run = subprocess.run([NODE, str(path)], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "TZ": "UTC"})
    error = None
    if run.returncode != 0:
        m = re.search(r"^(\w*Error): (.*)$", run.stderr, re.M)
        error = f"{m.group(1)}: {m.group(2)}" if m else run.stderr.strip().splitlines()[-1]
    return run.stdout.splitlines(), error


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_the_engine_prints_what_node_prints(path: Path) -> None:
    output, error = _node(path)
    result = trace(path.read_text())
    got = f"{result.error['name']}: {result.error['message']}" if result.error else None
    assert (result.output, got) == (output, error)
