"""Benchmark the memory engine against js2py (a pure-Python JavaScript interpreter) and node, in one run.

    .venv/bin/python -m bench.engine_bench [--runs 3] [--timeline-runs 1] [--js2py-runs 1] [--only NAME ...]
    .venv/bin/python -m bench.engine_bench --quick          # one run of each, small sweeps (a few minutes)
    .venv/bin/python -m bench.engine_bench --no-sweeps      # the programs and start-up only
    .venv/bin/python -m bench.engine_bench --only-sweeps    # the sweeps only

Times are processor time (user + system, of the child for a whole process) unless --wall: the machine is shared,
and another process running does not count against a run's processor time as it counts against its wall clock.
For every program in bench/programs/ it prints, best of N runs each, **whole processes** as a new user runs them:
  - the engine with checkpoints only: ``python -m engine trace FILE`` (the trace JSON printed, as the platform gets it);
  - the engine with the full step timeline: ``python -m engine trace --steps FILE``; the timeline keeps at most
    `engine.trace.MAX_TIMELINE` entries and at most `Limits.timeline_time` seconds of recording, so the
    "timeline kept" column says how many it kept;
  - js2py running the same program untraced (bench/js2py_run.py). js2py only speaks ES5.1, so the program is first
    translated with js2py's own Babel port (what `js2py.eval_js6` does); the translation is cached in
    bench/programs/es5/ and is not timed;
  - node running the program (``node FILE``);
  - ratios js2py process time / engine process time;
and, measured inside this process, the engine's time with checkpoints only (`engine.trace(src)`: parse, compile,
realm, run, checkpoints; no interpreter start-up) and its steps per second (`trace(...).stats["steps"]`, the VM's
step counter: one per statement, loop iteration and function entry).
Then the start-up of an empty program (whole processes, and inside a fresh process: import, parser, realm), the
issue's bars and whether each is met, and two sweeps: the trace's cost against the number of steps, and a
checkpoint's cost against the number of live objects, printed per unit so that linearity is visible.
All four runners must print the same output; a mismatch is shown in the table. `checkpoint` and `gc` are no-op
functions for js2py and node. This is a measurement, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import engine  # noqa: E402
from engine.trace import MAX_TIMELINE  # noqa: E402

PROGRAMS = Path(__file__).resolve().parent / "programs"
ES5 = PROGRAMS / "es5"
JS2PY_RUNNER = Path(__file__).resolve().parent / "js2py_run.py"
ORDER = ["fib", "linked_list", "push_loop", "closures", "classes",
         "loop", "ctor_proto", "ctor_list", "string_build", "map_set", "tree_walk"]
LOOP_PROGRAM = "push_loop"   # the "100,000-iteration loop" for the steps-per-second bar
# Generous budgets: the benchmark measures speed, not the limits.
LIMITS = engine.Limits(steps=10**9, depth=10_000, heap=10**7, time=600.0, timeline_time=600.0)
CLI_LIMITS = ["--max-steps", str(10**9), "--max-heap", str(10**7), "--timeout", "600"]
JS_PRELUDE = "function checkpoint() {}\nfunction gc() {}\n"

# The bars (issue 11).
BAR_CHECKPOINTS = 5.0     # js2py / engine, checkpoints only, every program
BAR_TIMELINE = 2.0        # js2py / engine with the full timeline, every program
BAR_STEPS_PER_S = 1_000_000
BAR_STARTUP_S = 0.080


@dataclass
class Timing:
    seconds: float
    output: list[str]
    steps: int = 0
    timeline: int = 0
    truncated: str | None = None


@dataclass
class Row:
    name: str
    inproc: Timing
    no_checkpoints: Timing
    traced: Timing
    timeline: Timing
    js2py: Timing | None
    node: Timing | None


def best_of(runs: int, measure: Callable[[], Timing]) -> Timing:
    results = [measure() for _ in range(max(1, runs))]
    return min(results, key=lambda t: t.seconds)


WALL = False  # --wall: wall-clock time instead of processor time
# Child processes get a bytecode cache as a user's machine has one: this sandbox sets PYTHONDONTWRITEBYTECODE=1,
# and without .pyc files every process recompiles the engine's source (about 0.5 s of processor time). The cache
# lives outside the repository (PYTHONPYCACHEPREFIX) and is warmed by an untimed run first; --no-pyc turns it off.
PYCACHE = Path(tempfile.gettempdir()) / "engine_bench_pycache"
CHILD_ENV: dict[str, str] | None = None


def child_env(bytecode_cache: bool) -> dict[str, str]:
    env = dict(os.environ)
    if bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def clock() -> float:
    """This process's clock: processor time (user + system) unless --wall. The machine is shared, so processor
    time is the fairer measure: another process running does not count; wall-clock time does."""
    return time.perf_counter() if WALL else time.process_time()


def timed_process(cmd: list[str], stdin: str | None = None) -> tuple[float, str]:
    """Run `cmd` to completion; (seconds of the whole process, its standard output). The seconds are the child's
    processor time, user + system (every thread: node's compiler threads count), unless --wall."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, input=stdin, capture_output=True, text=True, cwd=REPO, check=False, env=CHILD_ENV)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if not WALL:
        seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds, done.stdout


# ---------------------------------------------------------------------------------------------- runners
def engine_inproc(source: str) -> Timing:
    start = clock()
    result = engine.trace(source, limits=LIMITS)
    seconds = clock() - start
    if result.error is not None:
        raise SystemExit(f"engine error: {result.error}")
    return Timing(seconds, list(result.output), int(result.stats["steps"]))


def engine_process(path: Path, steps: bool) -> Timing:
    cmd = [sys.executable, "-m", "engine", "trace", *CLI_LIMITS, *(["--steps"] if steps else []), str(path)]
    seconds, out = timed_process(cmd)
    data = json.loads(out)
    if data.get("error") is not None:
        raise SystemExit(f"engine error on {path.name}: {data['error']}")
    timeline = data.get("steps") or []
    truncated = None
    if data.get("steps_truncated"):
        reason = data.get("steps_truncated_reason") or ""
        truncated = "time cap" if "took more than" in reason else "capped"
    return Timing(seconds, data["output"], 0, len(timeline), truncated)


def es5_source(name: str, source: str) -> str:
    """The program translated to ES5 for js2py, cached by the hash of its source."""
    digest = hashlib.sha256(source.encode()).hexdigest()[:16]
    cached = ES5 / f"{name}.js"
    header = f"// es5 translation of {name}.js, sha256 {digest} (generated by bench/engine_bench.py)\n"
    if cached.exists() and cached.read_text(encoding="utf-8").startswith(header):
        return cached.read_text(encoding="utf-8")[len(header):]
    print(f"  translating {name}.js to ES5 with js2py's Babel (slow the first time)...", file=sys.stderr)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from js2py.es6 import js6_to_js5

        translated = js6_to_js5(source)
    ES5.mkdir(exist_ok=True)
    cached.write_text(header + translated, encoding="utf-8")
    return translated


def js2py_process(es5_path: Path) -> Timing:
    seconds, out = timed_process([sys.executable, str(JS2PY_RUNNER), str(es5_path)])
    return Timing(seconds, list(json.loads(out)["output"]))


def node_process(node: str, path: Path) -> Timing:
    seconds, out = timed_process([node, str(path)])
    return Timing(seconds, out.splitlines())


def measure(name: str, runs: int, timeline_runs: int, js2py_runs: int, node: str | None, tmp: Path) -> Row:
    source = (PROGRAMS / f"{name}.js").read_text(encoding="utf-8")
    path = PROGRAMS / f"{name}.js"
    inproc = best_of(runs, lambda: engine_inproc(source))
    # The same run with its checkpoint(...) calls removed: what the checkpoints themselves cost.
    bare = re.sub(r'checkpoint\("[^"]*"\);', "", source)
    no_checkpoints = best_of(runs, lambda: engine_inproc(bare))
    traced = best_of(runs, lambda: engine_process(path, False))
    timeline = best_of(timeline_runs, lambda: engine_process(path, True))
    js2py_timing = None
    if js2py_runs > 0:
        es5_path = tmp / f"{name}.es5.js"
        es5_path.write_text(es5_source(name, source), encoding="utf-8")
        js2py_timing = best_of(js2py_runs, lambda: js2py_process(es5_path))
    node_timing = None
    if node:
        node_path = tmp / f"{name}.node.js"
        node_path.write_text(JS_PRELUDE + source, encoding="utf-8")
        node_timing = best_of(runs, lambda: node_process(node, node_path))
    return Row(name, inproc, no_checkpoints, traced, timeline, js2py_timing, node_timing)


# ---------------------------------------------------------------------------------------------- formatting
def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 1 else f"{seconds:,.2f} s"


def fmt_rate(steps: int, seconds: float) -> str:
    return f"{steps / seconds / 1000:,.0f}k/s"


def agreement(row: Row) -> str:
    outputs = [row.inproc.output, row.traced.output, row.timeline.output]
    outputs += [t.output for t in (row.js2py, row.node) if t is not None]
    return "same" if all(o == outputs[0] for o in outputs) else "DIFFERENT"


def render(head: list[str], body: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body, strict=True)]
    line = lambda cells: "  ".join(str(c).rjust(w) if i else str(c).ljust(w)  # noqa: E731
                                   for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(head), rule, *(line(b) for b in body)])


def table(rows: list[Row]) -> str:
    head = ["program", "steps", "engine in-proc", "steps/s", "checkpoints' share", "engine", "engine+timeline", "timeline kept",
            "js2py", "node", "js2py/engine", "js2py/engine+tl", "output"]
    body = []
    for r in rows:
        kept = f"{r.timeline.timeline:,}" + (f" ({r.timeline.truncated})" if r.timeline.truncated else "")
        js2py = fmt_s(r.js2py.seconds) if r.js2py else "-"
        ratio = f"{r.js2py.seconds / r.traced.seconds:.1f}x" if r.js2py else "-"
        ratio_tl = f"{r.js2py.seconds / r.timeline.seconds:.1f}x" if r.js2py else "-"
        body.append([r.name, f"{r.inproc.steps:,}", fmt_s(r.inproc.seconds), fmt_rate(r.inproc.steps, r.inproc.seconds),
                     f"{max(0.0, 1 - r.no_checkpoints.seconds / r.inproc.seconds) * 100:.0f}%",
                     fmt_s(r.traced.seconds), fmt_s(r.timeline.seconds), kept, js2py,
                     fmt_s(r.node.seconds) if r.node else "-", ratio, ratio_tl, agreement(r)])
    return render(head, body)


# ---------------------------------------------------------------------------------------------- start-up
STARTUP_BREAKDOWN = r"""
import json, sys, time
clock = time.perf_counter if "--wall" in sys.argv else time.process_time
t0 = clock()
import engine
from engine.api import compile_program
from engine.vm import VM
t1 = clock()
compile_program("")
t2 = clock()
VM()
t3 = clock()
engine.trace("")
t4 = clock()
engine.trace("")
t5 = clock()
print(json.dumps({"import": t1 - t0, "first_compile": t2 - t1, "realm": t3 - t2, "trace_after": t4 - t3,
                  "warm_trace": t5 - t4}))
"""


@dataclass
class Startup:
    python: float
    engine: float
    js2py: float | None
    node: float | None
    parts: dict[str, float]


def measure_startup(runs: int, node: str | None, tmp: Path, js2py: bool) -> Startup:
    empty = tmp / "empty.js"
    empty.write_text("", encoding="utf-8")
    best = lambda cmd: min(timed_process(cmd)[0] for _ in range(max(1, runs)))  # noqa: E731
    python = best([sys.executable, "-c", "pass"])
    eng = best([sys.executable, "-m", "engine", "trace", str(empty)])
    js = best([sys.executable, str(JS2PY_RUNNER), str(empty)]) if js2py else None
    nd = best([node, str(empty)]) if node else None
    samples = [json.loads(timed_process([sys.executable, "-c", STARTUP_BREAKDOWN, *(["--wall"] if WALL else [])])[1]) for _ in range(max(1, runs))]
    parts = {k: min(s[k] for s in samples) for k in samples[0]}
    return Startup(python, eng, js, nd, parts)


def startup_text(s: Startup) -> str:
    rows = [["python -c pass (the interpreter alone)", fmt_s(s.python)],
            ["python -m engine trace empty.js", fmt_s(s.engine)],
            ["python bench/js2py_run.py empty.js", fmt_s(s.js2py) if s.js2py is not None else "-"],
            ["node empty.js", fmt_s(s.node) if s.node is not None else "-"]]
    p = s.parts
    rows += [["in a fresh process: import engine", fmt_s(p["import"])],
             ["  first compile_program('') (tree-sitter parser load + analysis + compile)", fmt_s(p["first_compile"])],
             ["  first VM() (the realm: every built-in)", fmt_s(p["realm"])],
             ["  then engine.trace('') (compile + realm + run)", fmt_s(p["trace_after"])],
             ["  a warm engine.trace('') again", fmt_s(p["warm_trace"])]]
    return render(["start-up of an empty program", "time"], rows)


# ---------------------------------------------------------------------------------------------- sweeps
STEPS_SWEEP = """\
let total = 0;
const stats = {count: 0};
for (let i = 0; i < {N}; i++) {
  total += i;
  stats.count++;
}
checkpoint("done");
"""
HEAP_SWEEP = """\
const live = [];
for (let i = 0; i < {N}; i++) {
  live.push({id: i, next: null});
}
{CHECKPOINTS}
"""


def best_time(runs: int, fn: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(max(1, runs)):
        start = clock()
        result = fn()
        best = min(best, clock() - start)
    return best, result


def steps_sweep(sizes: list[int], runs: int) -> str:
    body = []
    for n in sizes:
        src = STEPS_SWEEP.replace("{N}", str(n))
        t_cp, r_cp = best_time(runs, lambda: engine.trace(src, limits=LIMITS))  # noqa: B023
        t_tl, r_tl = best_time(1, lambda: engine.trace(src, limits=LIMITS, steps=True))  # noqa: B023
        steps = int(r_cp.stats["steps"])  # type: ignore[attr-defined]
        kept = len(r_tl.steps or [])  # type: ignore[attr-defined]
        body.append([f"{n:,}", f"{steps:,}", fmt_s(t_cp), f"{t_cp / steps * 1e6:.2f} us",
                     fmt_s(t_tl), f"{t_tl / steps * 1e6:.2f} us", f"{kept:,}",
                     f"{(t_tl - t_cp) / max(kept, 1) * 1e6:.1f} us"])
    head = ["iterations", "steps", "checkpoints only", "per step", "full timeline", "per step", "timeline entries",
            "timeline cost per entry"]
    return render(head, body)


def heap_sweep(sizes: list[int], runs: int, checkpoints: int = 5) -> str:
    body = []
    for n in sizes:
        base = HEAP_SWEEP.replace("{N}", str(n)).replace("{CHECKPOINTS}", "")
        with_cp = HEAP_SWEEP.replace("{N}", str(n)).replace(
            "{CHECKPOINTS}", "".join(f'checkpoint("c{k}");\n' for k in range(checkpoints)))
        t0, _ = best_time(runs, lambda: engine.trace(base, limits=LIMITS))  # noqa: B023
        t1, r = best_time(runs, lambda: engine.trace(with_cp, limits=LIMITS))  # noqa: B023
        live = int(r.stats["heap"])  # type: ignore[attr-defined]
        per_cp = max(t1 - t0, 0.0) / checkpoints
        size = len(json.dumps(r.checkpoints[-1]))  # type: ignore[attr-defined]
        body.append([f"{n:,}", f"{live:,}", fmt_s(t0), fmt_s(t1), fmt_s(per_cp), f"{per_cp / live * 1e6:.1f} us",
                     f"{size / 1024:,.0f} KiB"])
    head = ["objects made", "live objects", "no checkpoint", f"{checkpoints} checkpoints", "one checkpoint",
            "per live object", "one checkpoint's JSON"]
    return render(head, body)


# ---------------------------------------------------------------------------------------------- bars
def bars_text(rows: list[Row], startup: Startup | None) -> str:
    lines = []

    def bar(name: str, value: str, met: bool | None) -> None:
        verdict = "n/a" if met is None else ("MET" if met else "NOT MET")
        lines.append([name, value, verdict])

    with_js2py = [r for r in rows if r.js2py is not None]
    if with_js2py:
        worst = min(with_js2py, key=lambda r: r.js2py.seconds / r.traced.seconds)  # type: ignore[union-attr]
        ratio = worst.js2py.seconds / worst.traced.seconds  # type: ignore[union-attr]
        bar(f">= {BAR_CHECKPOINTS:g}x js2py on every program, checkpoints only",
            f"worst {ratio:.1f}x ({worst.name})", ratio >= BAR_CHECKPOINTS)
        worst = min(with_js2py, key=lambda r: r.js2py.seconds / r.timeline.seconds)  # type: ignore[union-attr]
        ratio = worst.js2py.seconds / worst.timeline.seconds  # type: ignore[union-attr]
        bar(f">= {BAR_TIMELINE:g}x js2py on every program, full timeline",
            f"worst {ratio:.1f}x ({worst.name})", ratio >= BAR_TIMELINE)
    else:
        bar(f">= {BAR_CHECKPOINTS:g}x js2py, checkpoints only", "js2py skipped", None)
        bar(f">= {BAR_TIMELINE:g}x js2py, full timeline", "js2py skipped", None)
    loop = next((r for r in rows if r.name == LOOP_PROGRAM), None)
    if loop is not None:
        rate = loop.inproc.steps / loop.inproc.seconds
        bar(f">= {BAR_STEPS_PER_S:,} steps/s on the 100,000-iteration loop ({LOOP_PROGRAM}, in-process)",
            f"{rate:,.0f} steps/s", rate >= BAR_STEPS_PER_S)
    else:
        bar(f">= {BAR_STEPS_PER_S:,} steps/s on {LOOP_PROGRAM}", "not run", None)
    if startup is not None:
        bar(f"start-up of an empty program < {BAR_STARTUP_S * 1000:.0f} ms (whole process)",
            fmt_s(startup.engine), startup.engine < BAR_STARTUP_S)
    return render(["bar (issue 11)", "measured", "verdict"], lines)


def node_version(node: str | None) -> str:
    if node is None:
        return "(not installed)"
    return subprocess.run([node, "--version"], capture_output=True, text=True, check=False).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Engine vs js2py vs node, whole processes, best of N runs.")
    parser.add_argument("--runs", type=int, default=3, help="runs per engine/node measurement (best is kept)")
    parser.add_argument("--timeline-runs", type=int, default=1,
                        help="runs per engine+timeline measurement (slow: see the table)")
    parser.add_argument("--js2py-runs", type=int, default=1, help="runs per js2py measurement (0 skips js2py)")
    parser.add_argument("--only", nargs="*", choices=ORDER, default=ORDER, help="programs to run")
    parser.add_argument("--quick", action="store_true",
                        help="one run of everything and small sweeps (overrides --runs)")
    parser.add_argument("--no-sweeps", action="store_true", help="skip the two sweeps")
    parser.add_argument("--only-sweeps", action="store_true", help="run the sweeps only")
    parser.add_argument("--wall", action="store_true",
                        help="time wall-clock instead of processor time (user + system; the default, as the machine "
                             "is shared)")
    parser.add_argument("--no-pyc", action="store_true",
                        help="child processes without a bytecode cache (as PYTHONDONTWRITEBYTECODE=1 makes them)")
    args = parser.parse_args(argv)
    global WALL, CHILD_ENV
    WALL = args.wall
    CHILD_ENV = child_env(not args.no_pyc)
    if not args.no_pyc:  # warm the cache: compile the engine and js2py once, untimed
        timed_process([sys.executable, "-c", "import engine, engine.api, js2py"])
    if args.quick:
        args.runs = 1
        args.timeline_runs = 1
    node = shutil.which("node")
    rows: list[Row] = []
    startup = None
    with tempfile.TemporaryDirectory(prefix="engine_bench") as tmpdir:
        tmp = Path(tmpdir)
        if not args.only_sweeps:
            for name in args.only:
                print(f"  {name}...", file=sys.stderr)
                rows.append(measure(name, args.runs, args.timeline_runs, args.js2py_runs, node, tmp))
            print("  start-up...", file=sys.stderr)
            startup = measure_startup(max(args.runs, 3), node, tmp, args.js2py_runs > 0)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"engine benchmark: best of {args.runs} (engine, node), {args.timeline_runs} (engine+timeline), "
          f"{args.js2py_runs} (js2py); {'wall-clock' if WALL else 'processor (user + system)'} time; "
          f"{'no bytecode cache' if args.no_pyc else 'warm bytecode cache'} for Python children; python {sys.version.split()[0]}, node {node_version(node)}, "
          f"{os.cpu_count()} CPUs, load average {load:.1f} at the end")
    if rows:
        print(table(rows))
        print("engine, engine+timeline, js2py and node are whole processes (`python -m engine trace [--steps] FILE`, "
              "`python bench/js2py_run.py FILE.es5.js`, `node FILE`), start-up included; the ratios are of those.")
        print("engine in-proc = engine.trace(src) inside this process (no interpreter start-up); steps/s = "
              "stats['steps'] / that time; checkpoints' share = 1 - (the same without its checkpoint() calls) / it.")
        print(f"The timeline keeps at most {MAX_TIMELINE:,} entries and stops after Limits.timeline_time "
              f"({engine.Limits().timeline_time:g} s, the CLI's default, wall-clock) of recording: '(time cap)' means "
              "it stopped there, so a loaded machine records fewer entries; later steps are run but not recorded.")
    if startup is not None:
        print()
        print(startup_text(startup))
    if rows or startup is not None:
        print()
        print(bars_text(rows, startup))
    if not args.no_sweeps:
        print(file=sys.stderr)
        print("  sweeps...", file=sys.stderr)
        steps_sizes = [10_000, 20_000, 40_000] if args.quick else [10_000, 20_000, 40_000, 80_000]
        heap_sizes = [1_000, 2_000, 4_000] if args.quick else [1_000, 2_000, 4_000, 8_000]
        sweep_runs = 1 if args.quick else 3
        print()
        print("Trace cost against steps (in-process; the loop writes a local and an object's property):")
        print(steps_sweep(steps_sizes, sweep_runs))
        print()
        print("A checkpoint's cost against the live heap (in-process; difference of runs with 5 and 0 checkpoints):")
        print(heap_sweep(heap_sizes, sweep_runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
