"""Run a JavaScript program in real V8 (node) through ``harness/run.js`` and return the contract's JSON."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tests.conformance.instrument import InstrumentError, instrument, plain_plan

HARNESS = Path(__file__).resolve().parent / "harness" / "run.js"
PLAIN_NODE = Path(__file__).resolve().parent / "harness" / "plain.js"
INSTRUMENT = Path(__file__).resolve().parent / "instrument.py"
# The interpreter-only, single-threaded run the contract's "Notes on measuring V8" call for.
NODE_FLAGS = (
    "--expose-gc",
    "--no-opt",
    "--no-maglev",
    "--no-sparkplug",
    "--single-threaded-gc",
    # The harness reads node's timer lists (internal/timers) to give back the time its checkpoints take.
    "--expose-internals",
)
TIMEOUT_SECONDS = 60.0


# Local time is UTC in the engine; node must agree (Date's local getters, toString, the parser).
NODE_ENV = {**os.environ, "TZ": "UTC"}


class NodeHarnessError(RuntimeError):
    """The harness could not measure the program (node missing, crashed, timed out, or a harness bug)."""


def node_executable() -> str | None:
    """The ``node`` to run, or None when node is not installed."""
    return shutil.which(os.environ.get("MEMCOURSE_NODE", "node"))


def run_in_node(source: str, *, plain: bool = False, timeout: float = TIMEOUT_SECONDS) -> dict[str, Any]:
    """The compared trace of ``source`` as V8 runs it: {"output", "error", "checkpoints", "warnings"}.

    ``plain`` runs the program as written, without site tags (``reachable`` is then empty and objects
    have ``{"site": null}``): what the instrumented run must agree with on everything else.
    """
    node = node_executable()
    if node is None:
        raise NodeHarnessError("node is not installed (set MEMCOURSE_NODE to its path)")
    try:
        plan = plain_plan(source) if plain else instrument(source)
    except InstrumentError as error:
        raise NodeHarnessError(f"cannot instrument the program: {error}") from error
    try:
        completed = subprocess.run(
            [node, *NODE_FLAGS, str(HARNESS)],
            input=json.dumps(plan.to_json()),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env=NODE_ENV,
        )
    except subprocess.TimeoutExpired as error:
        raise NodeHarnessError(f"node did not finish within {timeout:.0f} s") from error
    return _result(completed)


def _result(completed: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    if completed.returncode not in (0, 3):
        raise NodeHarnessError(
            f"harness exited with {completed.returncode}: {completed.stderr.strip()[-2000:]}"
        )
    try:
        result: dict[str, Any] = json.loads(completed.stdout)
    except json.JSONDecodeError as error:
        raise NodeHarnessError(f"harness printed no JSON: {completed.stdout[:500]!r}") from error
    return result


def run_without_harness(source: str, *, timeout: float = TIMEOUT_SECONDS) -> dict[str, Any]:
    """``source`` run by node alone (``harness/plain.js``: checkpoint() does nothing, nothing is measured):
    {"output": the lines it printed, "status": node's exit status (1 after an uncaught error)}."""
    node = node_executable()
    if node is None:
        raise NodeHarnessError("node is not installed (set MEMCOURSE_NODE to its path)")
    try:
        completed = subprocess.run(
            [node, "--expose-gc", str(PLAIN_NODE)],
            input=source,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env=NODE_ENV,
        )
    except subprocess.TimeoutExpired as error:
        raise NodeHarnessError(f"node did not finish within {timeout:.0f} s") from error
    text = completed.stdout
    output = [] if text == "" else text.removesuffix("\n").split("\n")
    return {"output": output, "status": completed.returncode, "stderr": completed.stderr}


@functools.cache
def _node_version() -> str:
    node = node_executable()
    if node is None:
        return "no node"
    return subprocess.run([node, "--version"], capture_output=True, text=True, check=False).stdout.strip()


def fingerprint(source: str, *, plain: bool = False) -> str:
    """A key for node's trace of ``source``: it changes with the program, the harness, the instrumentation,
    the node version and the mode, so a cached trace is never stale."""
    digest = hashlib.sha256()
    parts = (
        source,
        HARNESS.read_text(encoding="utf-8"),
        INSTRUMENT.read_text(encoding="utf-8"),
        " ".join(NODE_FLAGS),
        _node_version(),
        "plain" if plain else "instrumented",
    )
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def run_many(
    sources: dict[str, str], *, plain: bool = False, workers: int | None = None
) -> dict[str, dict[str, Any] | NodeHarnessError]:
    """Run several programs in parallel, one node process each; failures are returned, not raised."""

    def one(source: str) -> dict[str, Any] | NodeHarnessError:
        try:
            return run_in_node(source, plain=plain)
        except NodeHarnessError as error:
            return error

    count = workers or max(2, (os.cpu_count() or 2))
    with ThreadPoolExecutor(max_workers=count) as pool:
        results = pool.map(one, sources.values())
        return dict(zip(sources.keys(), results, strict=True))


def run_many_without_harness(
    sources: dict[str, str], *, workers: int | None = None
) -> dict[str, dict[str, Any] | NodeHarnessError]:
    """``run_without_harness`` for several programs in parallel; failures are returned, not raised."""

    def one(source: str) -> dict[str, Any] | NodeHarnessError:
        try:
            return run_without_harness(source)
        except NodeHarnessError as error:
            return error

    count = workers or max(2, (os.cpu_count() or 2))
    with ThreadPoolExecutor(max_workers=count) as pool:
        results = pool.map(one, sources.values())
        return dict(zip(sources.keys(), results, strict=True))
