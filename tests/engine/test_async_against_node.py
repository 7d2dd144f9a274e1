"""Programs in tests/engine/async_programs/ (asynchronous ones, and a few conversions node is exact about):
the engine prints what node prints, in the same order, and ends with the same error (docs/event-loop.md). node is
the reference, run in the same test."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from engine import allocation_sites, trace

PROGRAMS = sorted((Path(__file__).resolve().parent / "async_programs").glob("*.js"))
NODE = os.environ.get("MEMCOURSE_NODE") or shutil.which("node")


def _node(path: Path) -> tuple[list[str], str | None]:
    if NODE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is required under CI=true")
        pytest.skip("node is not installed")
    run = subprocess.run([NODE, str(path)], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "TZ": "UTC"})  # local time is UTC in the engine
    error = None
    if run.returncode != 0:
        m = re.search(r"^(\w*Error): (.*)$", run.stderr, re.M)
        error = f"{m.group(1)}: {m.group(2)}" if m else run.stderr.strip().splitlines()[-1]
    return run.stdout.splitlines(), error


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_the_engine_prints_what_node_prints(path: Path) -> None:
    output, error = _node(path)
    result = trace(path.read_text())
    assert result.output == output
    got = f"{result.error['name']}: {result.error['message']}" if result.error else None
    assert got == error


WITH_CHECKPOINTS = sorted((Path(__file__).resolve().parent / "timeline_programs").glob("*.js"))


@pytest.mark.parametrize("path", WITH_CHECKPOINTS, ids=[p.stem for p in WITH_CHECKPOINTS])
def test_every_site_the_trace_reports_is_an_allocation_site_of_the_program(path: Path) -> None:
    """Labels (A, B, C...) come from allocation_sites: async, generator and async generator functions need theirs."""
    source = path.read_text()
    known = {f"{s.line}:{s.column}" for s in allocation_sites(source)}
    result = trace(source)
    seen = {site.rsplit("#", 1)[0] for cp in result.checkpoints for site in cp.get("reachable", [])}
    assert seen <= known, sorted(seen - known)


def test_generator_and_async_functions_are_allocation_sites_at_their_first_character() -> None:
    source = "function* g() {}\nasync function a() {}\nasync function* ag() {}\nconst e = function* () {};\n"
    assert [(s.line, s.column, s.kind) for s in allocation_sites(source)] == [
        (1, 1, "function"), (2, 1, "function"), (3, 1, "function"), (4, 11, "function")]
