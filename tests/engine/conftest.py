"""Shared helpers for the engine tests: run a program in the engine, and run the same program in real node.

Node is the referee for every expectation written in these tests. Under CI=true a missing `node` fails the tests
that need it; elsewhere they skip, saying why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest

import engine

# `checkpoint` and `gc` are course functions of the engine; in plain node they are no-ops, so the same program
# prints the same lines in both. Run stdin as a classic script (top-level `var` on the global object, `this` === globalThis), as the engine does;
# the course functions are defined first, in a script of their own, so a program's "use strict" still counts.
NODE_RUNNER = (
    "globalThis.checkpoint = function checkpoint() {}; globalThis.gc = function gc() {};"
    "const src = require('fs').readFileSync(0, 'utf8');"
    "require('vm').runInThisContext(src, {filename: 'program.js'});"
)

NODE_TIMEOUT_S = 30


@dataclass(frozen=True)
class NodeRun:
    """What node printed for a program: stdout lines, stderr text, exit status."""

    lines: list[str]
    stderr: str
    status: int


def node_path() -> str | None:
    return shutil.which("node")


def require_node() -> str:
    """The node executable; fails under CI=true when it is missing, skips elsewhere with a clear message."""
    path = node_path()
    if path is not None:
        return path
    message = "node is not on PATH, so the expectations of this table cannot be checked against real V8"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}. CI=true requires node.", pytrace=False)
    pytest.skip(f"{message}. Install node (v20) to run this check.")


def run_node(source: str, node: str) -> NodeRun:
    """Run `source` as a classic script in node, with no-op `checkpoint` and `gc`."""
    done = subprocess.run(
        [node, "-e", NODE_RUNNER],
        input=source,
        capture_output=True,
        text=True,
        timeout=NODE_TIMEOUT_S,
        check=False,
        env={**os.environ, "TZ": "UTC"},  # local time is UTC in the engine
    )
    lines = done.stdout.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return NodeRun(lines, done.stderr, done.returncode)


def run_node_many(sources: dict[str, str], node: str) -> dict[str, NodeRun]:
    """Run several programs in node at once (one process each), keyed as given."""
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        runs = pool.map(lambda src: run_node(src, node), sources.values())
        return dict(zip(sources.keys(), runs, strict=True))


def run_engine(source: str, *, limits: engine.Limits | None = None, steps: bool = False) -> dict[str, Any]:
    """The engine's trace of `source`, as the contract's JSON object."""
    return engine.trace(source, limits=limits, steps=steps).to_json()


@pytest.fixture(scope="session")
def node() -> str:
    return require_node()


@pytest.fixture
def js() -> Callable[..., dict[str, Any]]:
    return run_engine


@pytest.fixture
def node_runner() -> Callable[[str, str], NodeRun]:
    return run_node


@pytest.fixture(scope="session")
def node_many() -> Callable[[dict[str, str], str], dict[str, NodeRun]]:
    return run_node_many
