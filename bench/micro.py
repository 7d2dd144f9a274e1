"""Micro-benchmarks of the engine: what one operation costs, measured by difference, in one run.

    .venv/bin/python -m bench.micro [--iterations 20000] [--runs 5] [--repeat 10] [--no-timeline] [--show NAME]

Each case runs a loop of --iterations iterations whose body is the operation written --repeat times, and the same
loop whose body is a baseline (the same statement shape without the operation: `t = o.x` against `t = o`). The cost of
one operation is (time(case) - time(baseline)) / (iterations * repeat), best of --runs runs each, processor time inside this process
(`engine.trace(src)`), with checkpoints only and with the full step timeline (`steps=True`, on a tenth of the iterations). "steps" is how many VM
steps one operation adds (stats['steps']). `--show NAME` prints the Python the compiler emits for a case's loop.
docs/performance.md quotes these numbers. This is a measurement, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import engine  # noqa: E402

LIMITS = engine.Limits(steps=10**9, heap=10**7, time=600.0, timeline_time=600.0)

SETUP = """\
function P(v) { this.v = v; }
P.prototype.m = function () { return 1; };
function f() { return 1; }
function g(a, b) { return a; }
const o = {x: 1, y: 2};
const p = new P(1);
const a = [1, 2, 3, 4, 5];
const s = new Set([1, 2, 3]);
const mp = new Map([["k", 1]]);
let k = 0;
const bump = () => { k = k + 1; };
let t = 0;
let str = "";
"""


@dataclass
class Case:
    name: str
    body: str       # one operation, as a statement (repeated --repeat times)
    baseline: str   # the same statement without the operation
    what: str


CASES = [
    Case("loop iteration", "", "", "one iteration of an empty `for (let i...)` loop (against no loop at all)"),
    Case("statement", "t = 1;", "", "an expression statement assigning a constant to a script variable"),
    Case("local statement", "u = 1;", "", "the same on a function-local `let` (the loop runs in a function)"),
    Case("arithmetic", "t = i * 2 + 1;", "t = i;", "`*` and `+` on numbers"),
    Case("property read", "t = o.x;", "t = o;", "an own data property of a plain object"),
    Case("prototype read", "t = p.m;", "t = p;", "a property found one step up the prototype chain"),
    Case("property write", "o.x = i;", "t = i;", "an existing own property"),
    Case("array read", "t = a[2];", "t = a;", "an element by a number index"),
    Case("call", "f();", "t = f;", "calling a function with no arguments that returns a constant"),
    Case("call, 2 args", "t = g(i, 2);", "t = i;", "calling a function with two arguments"),
    Case("method call", "p.m();", "t = p.m;", "calling a prototype method on its receiver"),
    Case("closure call", "bump();", "t = bump;", "an arrow writing a captured variable"),
    Case("allocation {}", "t = {};", "t = 1;", "an empty object literal"),
    Case("allocation {2}", "t = {a: i, b: 2};", "t = 1;", "an object literal with two properties"),
    Case("allocation []", "t = [i, 2];", "t = 1;", "an array literal of two elements"),
    Case("new", "t = new P(i);", "t = 1;", "`new` of a constructor function writing one property"),
    Case("string concat", "str = 'ab' + i;", "str = 'ab';", "a string and a number concatenated"),
    Case("Map.get", "t = mp.get('k');", "t = mp;", "a built-in method call (native)"),
    Case("Set.has", "t = s.has(2);", "t = s;", "a built-in method call (native)"),
]


def program(body: str, iterations: int, repeat: int) -> str:
    inner = "\n    ".join([body] * repeat) if body else ""
    if iterations == 0:
        return SETUP + "function run() { let u = 0; }\nrun();\n"
    return (SETUP + "function run() {\n  let u = 0;\n  for (let i = 0; i < " + str(iterations) + "; i++) {\n    "
            + inner + "\n  }\n}\nrun();\n")


def best(source: str, runs: int, steps: bool) -> tuple[float, int]:
    out = float("inf")
    count = 0
    for _ in range(runs):
        start = time.process_time()
        r = engine.trace(source, limits=LIMITS, steps=steps)
        out = min(out, time.process_time() - start)
        if r.error is not None:
            raise SystemExit(f"engine error: {r.error}\n{source}")
        count = int(r.stats["steps"])
    return out, count


def measure(case: Case, iterations: int, runs: int, repeat: int, steps: bool) -> tuple[float, float]:
    """(seconds per operation, steps per operation)."""
    if case.name == "loop iteration":
        t1, s1 = best(program("", iterations, 1), runs, steps)
        t0, s0 = best(program("", 0, 1), runs, steps)
        return (t1 - t0) / iterations, (s1 - s0) / iterations
    t1, s1 = best(program(case.body, iterations, repeat), runs, steps)
    t0, s0 = best(program(case.baseline, iterations, repeat), runs, steps)
    n = iterations * repeat
    return (t1 - t0) / n, (s1 - s0) / n


def fmt_ns(seconds: float) -> str:
    return f"{seconds * 1e9:,.0f} ns"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Per-operation cost of the engine, by difference.")
    parser.add_argument("--iterations", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=10, help="copies of the operation in one iteration")
    parser.add_argument("--no-timeline", action="store_true", help="skip the full-timeline column")
    parser.add_argument("--only", nargs="*", default=None, help="case names to run")
    parser.add_argument("--show", default=None, help="print the compiled Python of a case and exit")
    args = parser.parse_args(argv)
    cases = [c for c in CASES if args.only is None or c.name in args.only]
    if args.show:
        from engine.api import compile_program

        case = next(c for c in CASES if c.name == args.show)
        print(compile_program(program(case.body, 10, 1), steps=False).py_source)
        return 0
    head = ["operation", "steps", "checkpoints only", "full timeline", "what"]
    body = []
    for case in cases:
        print(f"  {case.name}...", file=sys.stderr)
        per, steps = measure(case, args.iterations, args.runs, args.repeat, False)
        tl = "-" if args.no_timeline else fmt_ns(measure(case, max(1, args.iterations // 10),
                                                         max(1, args.runs // 2), args.repeat, True)[0])
        body.append([case.name, f"{steps:g}", fmt_ns(per), tl, case.what])
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body, strict=True)]
    for row in [head, ["-" * w for w in widths], *body]:
        print("  ".join(str(c).rjust(w) if 0 < i < 4 else str(c).ljust(w)
                        for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    print(f"{args.iterations:,} iterations x {args.repeat} copies, best of {args.runs} runs (with the timeline: "
          f"{max(1, args.iterations // 10):,} iterations, best of {max(1, args.runs // 2)}, so that the timeline stays "
          "under its caps); cost = difference against the baseline statement.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
