"""Run one program in the engine and in node and compare what they print and how they end.

Both sides are reduced to an :class:`Outcome`: the printed lines and the uncaught error as ``Name: message``
(None when the program ends normally). The engine runs in-process (``engine.trace``); an exception escaping it
is ``InternalError: engine error: ...``, which never agrees with node. node runs the program as a classic script
(``vm.runInThisContext``, like tests/engine/conftest.py) and reports its uncaught error as JSON on stderr, so no
stack trace or node-specific wording gets in the way.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass

import engine

NODE_RUNNER = r"""
const report = (e) => {
  const isErr = e instanceof Error;
  const name = isErr ? String(e.name) : "Uncaught";
  const message = isErr ? String(e.message) : require("util").inspect(e);
  process.stderr.write("\n@@FUZZ@@" + JSON.stringify({ name, message }) + "\n");
  process.exit(7);
};
process.on("uncaughtException", report);
process.on("unhandledRejection", (reason) => {
  if (reason instanceof Error) report(reason);
  process.stderr.write("\n@@FUZZ@@" + JSON.stringify({ name: "UnhandledPromiseRejection", message: "" }) + "\n");
  process.exit(7);
});
globalThis.checkpoint = function checkpoint() {}; globalThis.gc = function gc() {};
const src = require("fs").readFileSync(0, "utf8");
require("vm").runInThisContext(src, { filename: "program.js" });
"""
NODE_TIMEOUT_S = 20
LIMITS = engine.Limits(steps=300_000, time=10.0)


@dataclass(frozen=True)
class Outcome:
    output: tuple[str, ...]
    error: str | None  # "Name: message"

    def describe(self) -> str:
        return "\n".join(self.output) + (f"\n!! {self.error}" if self.error else "")


def node_path() -> str | None:
    return os.environ.get("MEMCOURSE_NODE") or shutil.which("node")


def run_node(source: str, node: str) -> Outcome:
    done = subprocess.run([node, "-e", NODE_RUNNER], input=source, capture_output=True, text=True,
                          timeout=NODE_TIMEOUT_S, check=False, env={**os.environ, "TZ": "UTC"})
    lines = done.stdout.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    error = None
    if "@@FUZZ@@" in done.stderr:
        e = json.loads(done.stderr.rsplit("@@FUZZ@@", 1)[1].strip())
        error = f"{e['name']}: {e['message']}"
    elif done.returncode != 0:  # a syntax error of the whole program, or node itself failing
        tail = [ln for ln in done.stderr.splitlines() if ln.strip()]
        syntax = [ln for ln in tail if ln.startswith("SyntaxError:")]
        error = syntax[0] if syntax else f"node exited {done.returncode}: {tail[-1] if tail else ''}"
    return Outcome(tuple(lines), error)


def run_engine(source: str) -> Outcome:
    try:
        result = engine.trace(source, limits=LIMITS)
    except engine.ProgramError as exc:
        return Outcome((), f"{exc.name}: {exc.message}")
    except Exception as exc:  # noqa: BLE001 - an engine bug is an outcome to report
        return Outcome((), f"InternalError: engine error: {type(exc).__name__}: {exc}")
    err = result.error
    if err is None:
        return Outcome(tuple(result.output), None)
    if err["name"] == "UnhandledPromiseRejection":
        return Outcome(tuple(result.output), "UnhandledPromiseRejection: ")
    return Outcome(tuple(result.output), f"{err['name']}: {err['message']}")


def is_engine_bug(o: Outcome) -> bool:
    return o.error is not None and o.error.startswith("InternalError")
