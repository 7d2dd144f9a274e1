"""Fixtures of the V8 conformance suite: node's traces, run once per session, in parallel."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # so that `tests.conformance` imports under any pytest import mode
    sys.path.insert(0, str(ROOT))

from tests.conformance.corpus import PROGRAMS_DIR  # noqa: E402
from tests.conformance.node_runner import (  # noqa: E402
    NodeHarnessError,
    fingerprint,
    node_executable,
    run_many,
    run_many_without_harness,
)


def require_node() -> None:
    """Skip (locally) or fail (under CI=true) when node is not installed."""
    if node_executable() is not None:
        return
    message = "node is not installed: the V8 conformance suite needs it (set MEMCOURSE_NODE to its path)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


class NodeTraces:
    """V8's traces of programs, computed on first use for every program the session will need.

    Traces are also kept in pytest's cache (``.pytest_cache``) under a fingerprint of the program, the
    harness, the instrumentation, the node version and the mode, so an unchanged program is not measured
    again. ``plain=True`` asks for the uninstrumented run (see ``node_runner.run_in_node``).
    """

    def __init__(self, wanted: list[str], cache: pytest.Cache | None) -> None:
        self._wanted = wanted
        self._cache = cache
        self._traces: dict[tuple[str, bool], dict[str, Any] | NodeHarnessError] = {}
        self._alone: dict[str, dict[str, Any] | NodeHarnessError] = {}

    def get(self, program: str, *, plain: bool = False) -> dict[str, Any]:
        if (program, plain) not in self._traces:
            names = dict.fromkeys([program, *self._wanted])
            self._measure([name for name in names if (name, plain) not in self._traces], plain)
        trace = self._traces[(program, plain)]
        if isinstance(trace, NodeHarnessError):
            pytest.fail(f"{program}: the V8 harness failed: {trace}")
        return trace

    def without_harness(self, program: str) -> dict[str, Any]:
        """What node alone prints for the program, and its exit status (``node_runner.run_without_harness``)."""
        if program not in self._alone:
            names = [name for name in dict.fromkeys([program, *self._wanted]) if name not in self._alone]
            sources = {name: (PROGRAMS_DIR / name).read_text(encoding="utf-8") for name in names}
            self._alone.update(run_many_without_harness(sources))
        run = self._alone[program]
        if isinstance(run, NodeHarnessError):
            pytest.fail(f"{program}: node failed: {run}")
        return run

    def _measure(self, names: list[str], plain: bool) -> None:
        sources = {name: (PROGRAMS_DIR / name).read_text(encoding="utf-8") for name in names}
        keys = {
            name: f"conformance/node/{fingerprint(source, plain=plain)}" for name, source in sources.items()
        }
        missing: dict[str, str] = {}
        for name, source in sources.items():
            cached = self._cache.get(keys[name], None) if self._cache is not None else None
            if isinstance(cached, dict):
                self._traces[(name, plain)] = cached
            else:
                missing[name] = source
        for name, trace in run_many(missing, plain=plain).items():
            self._traces[(name, plain)] = trace
            if self._cache is not None and isinstance(trace, dict):
                self._cache.set(keys[name], trace)


_WANTED_KEY = pytest.StashKey[list[str]]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wanted: list[str] = []
    for item in items:
        callspec = getattr(item, "callspec", None)
        program = callspec.params.get("program") if callspec is not None else None
        if isinstance(program, str) and program not in wanted and (PROGRAMS_DIR / program).is_file():
            wanted.append(program)
    config.stash[_WANTED_KEY] = wanted


@pytest.fixture(scope="session")
def node_traces(request: pytest.FixtureRequest) -> NodeTraces:
    require_node()
    cache = getattr(request.config, "cache", None)
    return NodeTraces(request.config.stash.get(_WANTED_KEY, []), cache)
