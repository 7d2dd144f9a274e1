"""Benchmark the engine's step timeline (version 2, docs/timeline.md) against its peers, in one run.

    .venv/bin/python bench/timeline_bench.py [--repeat 1] [--naive-max 4000]

For each program below, printed side by side:
  - engine time with checkpoints only (`trace(src)`) and with the timeline (`trace(src, steps=True)`), both with the
    default limits (`engine.Limits()`), processor time and wall-clock time, and the ratio;
  - the timeline's JSON size, raw and gzip, and bytes per step;
  - the naive peer, a full snapshot of the state at every step (what `engine.step_snapshots` gives), raw and gzip,
    for programs with at most --naive-max steps (beyond that it is too big to build), and how many times larger it is.
The last column says how the run ended (an error name, or "truncated"). This is a measurement, not a test: nothing
here asserts a time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from engine import Limits, step_snapshots, trace  # noqa: E402

LOOP_100K = """\
let total = 0;
const stats = {count: 0, last: null};
for (let i = 0; i < 45000; i++) {
  total += i;
  stats.count++;
}
function fact(n) {
  if (n <= 1) return 1;
  return n * fact(n - 1);
}
let sum = 0;
for (let k = 0; k < 500; k++) {
  sum += fact(20);
}
console.log(total, sum);
"""

LIST_AND_GC = """\
class Node { constructor(v, next) { this.v = v; this.next = next; } }
let head = null;
for (let i = 0; i < 400; i++) { head = new Node(i, head); if (i % 100 === 99) { head = null; gc(); } }
const cache = new Map();
for (let i = 0; i < 200; i++) cache.set("k" + i, {i});
checkpoint("end");
"""

CLOSURES = """\
function counter(start) {
  let n = start;
  const box = {history: []};
  return { inc() { n++; box.history.push(n); return n; }, get() { return n; } };
}
const counters = [];
for (let i = 0; i < 50; i++) counters.push(counter(i));
for (let r = 0; r < 20; r++) for (const c of counters) c.inc();
checkpoint("after");
"""

BIG_ARRAY = """\
const xs = [];
for (let i = 0; i < 3000; i++) { xs.push({i}); }
const ys = xs.map(o => o.i * 2);
console.log(ys.length);
"""

RECURSION = """\
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
function down(n) { const frame = {n}; if (n === 0) return 0; return down(n - 1) + 1; }
console.log(fib(15), down(2000));
"""

SMALL = (REPO / "tests" / "conformance" / "programs" / "11_shared_context_leak.js").read_text()

PROGRAMS = [("loop 100k steps", LOOP_100K), ("list + gc + map", LIST_AND_GC), ("closures", CLOSURES),
            ("array of 3000", BIG_ARRAY), ("recursion", RECURSION), ("11_shared_context_leak", SMALL)]


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    best_cpu = best_wall = float("inf")
    result = None
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        result = fn()
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return best_cpu, best_wall, result


def _size(data: Any) -> tuple[int, int]:
    raw = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    return len(raw), len(gzip.compress(raw, 6))


def _kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB" if n >= 10 * 1024 else f"{n:,.0f} B"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement, best kept (default 1)")
    parser.add_argument("--naive-max", type=int, default=4000, help="largest step count for the naive peer")
    args = parser.parse_args(argv)
    limits = Limits()
    print(f"engine limits: {limits}")
    header = (f"{'program':24} {'steps':>7} | {'cpu ckpt':>8} {'cpu steps':>9} {'x':>5} | {'wall ckpt':>9} "
              f"{'wall steps':>10} | {'v2 raw':>9} {'v2 gzip':>9} {'B/step':>6} {'gz B/step':>9} | "
              f"{'naive raw':>10} {'naive gzip':>10} {'raw x':>6} {'gz x':>5} | end")
    print(header)
    print("-" * len(header))
    for name, source in PROGRAMS:
        cpu0, wall0, _ = _timed(lambda s=source: trace(s, limits=limits), args.repeat)
        cpu1, wall1, result = _timed(lambda s=source: trace(s, limits=limits, steps=True), args.repeat)
        data = result.to_json()
        steps = data["steps"]
        raw, gz = _size({"steps": steps, "steps_version": 2})
        n = max(len(steps), 1)
        naive = "-", "-", "-", "-"
        if len(steps) <= args.naive_max:
            nraw, ngz = _size(step_snapshots(source, limits=limits))
            naive = _kb(nraw), _kb(ngz), f"{nraw / raw:.0f}", f"{ngz / gz:.0f}"
        end = data["error"]["name"] if data["error"] else "truncated" if data.get("steps_truncated") else "ok"
        print(f"{name:24} {len(steps):>7} | {cpu0:>7.2f}s {cpu1:>8.2f}s {cpu1 / max(cpu0, 1e-9):>5.1f} | "
              f"{wall0:>8.2f}s {wall1:>9.2f}s | {_kb(raw):>9} {_kb(gz):>9} {raw / n:>6.0f} {gz / n:>9.1f} | "
              f"{naive[0]:>10} {naive[1]:>10} {naive[2]:>6} {naive[3]:>5} | {end}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
