"""Benchmark memview in Chromium on a long run: the step player with keyframes against a naive peer, in one run.

    .venv/bin/python bench/render_bench.py [--iterations 9000] [--samples 200] [--naive-samples 40]
                                           [--keyframe-every 128] [--trace FILE.json]

It traces PROGRAM below with the engine's step timeline (`engine.trace(src, steps=True)`, about
100,000 timeline entries with the default iterations; or loads a trace given with --trace), writes a static page
with memview (exercises/static/exercises/js/memview/) and the trace, opens it in Playwright's Chromium
(/usr/bin/chromium, headless, --no-sandbox, --disable-background-networking, --disable-component-update), and prints
side by side:
  - time to build the player (read the timeline, keep keyframes, draw the first step);
  - time to show a random step (state + analysis + layout + SVG) with keyframes (the player) and with the naive
    peer, which replays the timeline from step 0 each time; and the state rebuild alone, both ways;
  - the trace payload: raw JSON bytes and gzip bytes, and memview's own JavaScript and CSS, raw and gzip.
This is a measurement, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

STATIC = REPO / "exercises" / "static" / "exercises"
MEMVIEW = STATIC / "js" / "memview"
MODULES = ["values", "timeline", "analysis", "layout", "render", "player"]
PROGRAM = """// A long run for bench/render_bench.py: a queue of tasks filled, trimmed, indexed in a Map, with a gc() now and then.
class Task {
  constructor(id, prev) { this.id = id; this.prev = prev; this.tags = [id % 7, id % 11]; }
}
let last = null;
const queue = [];
const seen = new Map();
function schedule(id) {
  const t = new Task(id, last);
  last = t;
  queue.push(t);
  if (queue.length > 150) {
    const old = queue.shift();
    old.prev = null;
  }
  return t;
}
for (let i = 0; i < __ITERATIONS__; i++) {
  const t = schedule(i);
  if (i % 50 === 0) { seen.set(i % 500, t); last = null; }
  if (i % 2000 === 0) { console.log("scheduled", i); gc(); }
}
checkpoint("end");
"""
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]

# Runs inside the page: every figure in milliseconds, from performance.now().
MEASURE = r"""
async ({samples, naiveSamples, keyframeEvery, seed}) => {
  const MV = window.MemView;
  const trace = window.TRACE;
  let x = seed >>> 0;
  const random = () => { x = (x * 1664525 + 1013904223) >>> 0; return x / 4294967296; };
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const stats = (times) => {
    const s = times.slice().sort((a, b) => a - b);
    const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
    return {n: s.length, median: at(0.5), p95: at(0.95), max: s[s.length - 1]};
  };
  const host = document.getElementById("player");
  let t0 = performance.now();
  const player = MV.mount(host, {trace, source: window.SOURCE, keyframeEvery});
  const build = performance.now() - t0;
  await frame();
  const n = player.length;
  const picks = Array.from({length: samples}, () => Math.floor(random() * n));
  const withKeyframes = [];
  for (const k of picks) {
    t0 = performance.now();
    player.goTo(k);
    document.body.offsetHeight;   // include style and layout of the new SVG
    withKeyframes.push(performance.now() - t0);
  }
  const stateKeyframes = [];
  for (const k of picks) {
    player.timeline._cursor = null;   // no help from the previous position: a cold jump from the nearest keyframe
    t0 = performance.now();
    player.timeline.state(k);
    stateKeyframes.push(performance.now() - t0);
  }
  const naiveHost = document.getElementById("diagram");
  const naive = [];
  const stateNaive = [];
  for (const k of picks.slice(0, naiveSamples)) {
    t0 = performance.now();
    const state = MV.timeline.replayTo(trace.steps, k);
    stateNaive.push(performance.now() - t0);
    const analysis = MV.analysis.analyze(state);
    const lay = MV.layout.layout(state, analysis, {});
    MV.render.renderDiagram(naiveHost, {state, analysis, layout: lay});
    document.body.offsetHeight;
    naive.push(performance.now() - t0);
  }
  naiveHost.textContent = "";
  const objects = picks.map((k) => Object.keys(player.timeline.state(k).heap).length);
  return {
    steps: n, build, keyframes: player.timeline.keyframes ? player.timeline.keyframes.length : 0,
    withKeyframes: stats(withKeyframes), naive: stats(naive),
    stateKeyframes: stats(stateKeyframes), stateNaive: stats(stateNaive),
    objectsMedian: stats(objects).median, objectsMax: stats(objects).max,
  };
}
"""


def make_trace(iterations: int) -> tuple[dict[str, Any], str]:
    from engine.api import trace
    from engine.vm import Limits

    source = PROGRAM.replace("__ITERATIONS__", str(iterations))
    started = time.perf_counter()
    budgets: dict[str, Any] = {"steps": 50_000_000, "heap": 5_000_000, "time": 3600.0}
    if "timeline_time" in getattr(Limits, "__dataclass_fields__", {}):  # the recording budget: room for a busy machine
        budgets["timeline_time"] = 3600.0
    limits = Limits(**budgets)
    result = trace(source, steps=True, limits=limits).to_json()
    print(f"engine trace: {time.perf_counter() - started:.1f} s, {len(result.get('steps') or []):,} timeline entries"
          + (f" (truncated: {result.get('steps_truncated_reason')})" if result.get("steps_truncated") else ""))
    return result, source


def page_html(directory: Path, source: str) -> Path:
    source_json = json.dumps(source).replace("</", "<\\/")
    scripts = "\n".join(f'<script src="{(MEMVIEW / (m + ".js")).as_uri()}"></script>' for m in MODULES)
    html = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>memview bench</title>
<link rel="stylesheet" href="{(STATIC / "css" / "app.css").as_uri()}">
<link rel="stylesheet" href="{(STATIC / "css" / "memview.css").as_uri()}"></head>
<body><div id="player"></div><div id="diagram"></div>
<script>window.SOURCE = {source_json};</script>
<script src="trace.js"></script>
{scripts}
</body></html>"""
    path = directory / "bench.html"
    path.write_text(html, encoding="utf-8")
    return path


def sizes(data: bytes) -> str:
    return f"{len(data):>12,} B raw  {len(gzip.compress(data, 6)):>10,} B gzip"


def ms(value: float) -> str:
    return f"{value:9.2f} ms"


def report(result: dict[str, Any], payload: bytes, keyframe_every: int) -> None:
    library = b"".join((MEMVIEW / (m + ".js")).read_bytes() for m in MODULES) + (STATIC / "css" / "memview.css").read_bytes()
    print(f"\ntimeline: {result['steps']:,} steps, {result['keyframes']:,} keyframes (every {keyframe_every}), "
          f"heap objects at the sampled steps: median {result['objectsMedian']}, max {result['objectsMax']}")
    print(f"trace payload (JSON):          {sizes(payload)}")
    print(f"memview JS + CSS:              {sizes(library)}")
    print(f"build the player (first step): {ms(result['build'])}")
    print()
    print(f"{'random step':<34}{'median':>12}{'p95':>12}{'max':>12}{'samples':>9}")
    rows = [
        ("show a step, keyframes (player)", result["withKeyframes"]),
        ("show a step, naive (replay from 0)", result["naive"]),
        ("rebuild state only, keyframes", result["stateKeyframes"]),
        ("rebuild state only, naive", result["stateNaive"]),
    ]
    for name, s in rows:
        print(f"{name:<34}{ms(s['median'])}  {ms(s['p95'])}  {ms(s['max'])}{s['n']:>9}")
    ratio = result["naive"]["median"] / max(result["withKeyframes"]["median"], 1e-9)
    state_ratio = result["stateNaive"]["median"] / max(result["stateKeyframes"]["median"], 1e-9)
    print(f"\nnaive / keyframes, median: {ratio:.1f}x to show a step, {state_ratio:.1f}x to rebuild the state")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=9000, help="loop iterations of the program")
    parser.add_argument("--samples", type=int, default=200, help="random steps shown with keyframes")
    parser.add_argument("--naive-samples", type=int, default=40, help="random steps shown by the naive peer")
    parser.add_argument("--keyframe-every", type=int, default=128)
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--trace", type=Path, help="a trace JSON file (with steps) to use instead of running the engine")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    if args.trace:
        trace_data, source = json.loads(args.trace.read_text(encoding="utf-8")), ""
    else:
        trace_data, source = make_trace(args.iterations)
    if not trace_data.get("steps"):
        sys.exit("the trace has no step timeline (steps): nothing to step through")
    payload = json.dumps(trace_data, separators=(",", ":")).encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        (directory / "trace.js").write_bytes(b"window.TRACE = " + payload + b";")
        page_path = page_html(directory, source)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            page.set_default_timeout(600_000)
            page.goto(page_path.as_uri())
            result = page.evaluate(MEASURE, {"samples": args.samples, "naiveSamples": args.naive_samples,
                                             "keyframeEvery": args.keyframe_every, "seed": args.seed})
            browser.close()
    report(result, payload, args.keyframe_every)


if __name__ == "__main__":
    main()
