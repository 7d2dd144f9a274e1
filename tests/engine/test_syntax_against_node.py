"""Syntax the engine must treat as V8 does (issue 10): early errors with V8's message and line, labels, escapes
in names, `super`/`arguments`/`new.target` in arrows, parameter scope, private members, static blocks, tagged
templates. Every case runs in the engine and in node (as a classic script, through `vm`, as the conformance
harness runs programs) in the same test: the output, and the error's name, message and line, must agree.
node is required under CI=true, else the comparison with node is skipped."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from engine import trace
from engine.errors import ProgramError

NODE = os.environ.get("MEMCOURSE_NODE") or shutil.which("node")
RUNNER = r"""
const vm = require('vm'), fs = require('fs');
const src = fs.readFileSync(process.argv[2], 'utf8');
try { vm.runInThisContext(src, {filename: 'prog.js'}); }
catch (e) {
  const m = /prog\.js:(\d+)/.exec(String(e && e.stack));
  process.stdout.write('\n@@ERROR ' + JSON.stringify({name: e && e.name, message: e && e.message,
                                                      line: m ? +m[1] : null}) + '\n');
}
"""


def node_run(source: str, tmp: Path) -> tuple[list[str], dict | None]:
    if NODE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is required under CI=true")
        pytest.skip("node is not installed")
    runner, prog = tmp / "runner.js", tmp / "prog.js"
    runner.write_text(RUNNER)
    prog.write_text(source)
    out = subprocess.run([NODE, str(runner), str(prog)], capture_output=True, text=True, timeout=60).stdout
    error = None
    if "\n@@ERROR " in out:
        out, _, tail = out.partition("\n@@ERROR ")
        error = json.loads(tail)
        if out == "":
            return [], error
    return out.splitlines(), error


def engine_run(source: str) -> tuple[list[str], dict | None]:
    try:
        result = trace(source)
    except ProgramError as e:
        return [], {"name": e.name, "message": e.message, "line": e.line}
    error = None
    if result.error is not None:
        error = {k: result.error.get(k) for k in ("name", "message", "line")}
    return result.output, error


# (id, program). The expected result is whatever node does with it.
PROGRAMS: list[tuple[str, str]] = [
    # ---- labels
    ("label-continue-outer", """
outer: for (let i = 0; i < 3; i++) {
  for (let j = 0; j < 3; j++) {
    if (j === 1) continue outer;
    if (i === 2) break outer;
    console.log(i, j);
  }
}"""),
    ("label-block", 'blk: { console.log("a"); if (true) break blk; console.log("b"); }\nconsole.log("c");'),
    ("label-switch-in-loop", """
let n = 0;
loop: while (true) {
  switch (n++) {
    case 0: continue loop;
    case 1: console.log("one"); break;
    case 3: break loop;
  }
  console.log("after switch", n);
}"""),
    ("label-nested-labels-for-of", """
a: b: for (const x of [1, 2, 3]) {
  for (;;) { if (x === 2) continue a; if (x === 3) break b; break; }
  console.log("x", x);
}"""),
    ("label-finally-runs", 'c: do { try { break c; } finally { console.log("fin"); } } while (false);'),
    ("label-continue-through-block", """
for (var k = 0; k < 3; k++) { lab: { if (k === 1) break lab; console.log("k", k); continue; } console.log("broke", k); }"""),
    ("label-break-switch-from-loop", "sw: switch (1) { case 1: for (;;) { break sw; } }\nconsole.log('out');"),
    ("label-do-while-continue", "let i = 0; d: do { i++; if (i < 3) continue d; console.log(i); } while (i < 5);"),
    ("label-for-in", "const o = {a: 1, b: 2}; k: for (const k in o) { for (;;) { console.log(k); continue k; } }"),
    ("label-in-generator", """
function* g() { outer: for (let i = 0; ; i++) { for (;;) { yield i; if (i === 2) break outer; continue outer; } } }
console.log([...g()].join());"""),
    ("label-undefined", "while (1) { break foo; }"),
    ("label-not-iteration", "console.log(1);\nfoo: { continue foo; }"),
    ("label-across-function", "foo: while (1) {\n  function g() { break foo; }\n}"),
    ("label-duplicate", "a: {\n  a: ;\n}"),
    ("label-continue-undefined", "while (0) { continue nope; }"),
    ("label-lexical-declaration", "L: let x = 1;"),
    ("label-generator-declaration", "L: function* g() {}"),
    ("if-lexical-declaration", "if (1) let x = 1;"),
    ("while-function-declaration", "while (0) function f() {}"),
    ("label-break-illegal", "console.log(0);\nbreak;"),
]


@pytest.mark.parametrize(("source",), [(s,) for _, s in PROGRAMS], ids=[i for i, _ in PROGRAMS])
def test_the_engine_does_what_node_does(source: str, tmp_path: Path) -> None:
    assert engine_run(source) == node_run(source, tmp_path)
