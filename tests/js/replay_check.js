/* Replays engine timelines with memview (timeline.js + analysis.js) and compares every step with the engine's own
   snapshot (engine.api.step_snapshots): line, event, stack (function, line, locals, scope, roots), heap, garbage,
   output, the event loop (docs/event-loop.md); and at each checkpoint event, the checkpoint's garbage,
   refcount_leaked and loop, and the checkpoint's own state (stateFromCheckpoint: the finished script frame put back
   from `globals`) has the replay's frames.

   node replay_check.js DIR   reads DIR/NAME.trace.json and DIR/NAME.snapshots.json for every NAME and prints one
   JSON object {NAME: {steps, mismatches: [text, ...]}}; exits 1 when any step differs. */
"use strict";
const fs = require("fs");
const path = require("path");
const { isDeepStrictEqual, inspect } = require("util");
const { Timeline, stateFromCheckpoint } = require("../../exercises/static/exercises/js/memview/timeline.js");
const { analyze } = require("../../exercises/static/exercises/js/memview/analysis.js");

const MAX_REPORTED = 5;

function show(value) {
  return inspect(value, { depth: 6, breakLength: 160, maxArrayLength: 20, maxStringLength: 200 });
}

/** The first difference between two JSON values, as a path and the two sides. */
function firstDifference(a, b, at) {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set(Object.keys(a).concat(Object.keys(b)));
    for (const key of keys) {
      const d = firstDifference(a[key], b[key], at + (Array.isArray(a) ? "[" + key + "]" : "." + key));
      if (d) return d;
    }
  }
  return at + ": replay " + show(a) + " but engine " + show(b);
}

function plainStack(stack) {
  return stack.map((f) => ({ function: f.function, line: f.line, locals: f.locals, scope: f.scope, roots: f.roots }));
}

function checkCase(trace, snapshots) {
  const mismatches = [];
  const steps = trace.steps || [];
  if (steps.length !== snapshots.length) {
    mismatches.push("the timeline has " + steps.length + " entries but there are " + snapshots.length + " snapshots");
  }
  const tl = new Timeline(trace, { keyframeEvery: 16 });
  const n = Math.min(steps.length, snapshots.length);
  for (let k = 0; k < n && mismatches.length < MAX_REPORTED; k++) {
    const snap = snapshots[k];
    const state = tl.state(k);
    const report = (what) => mismatches.push("step " + k + " (line " + snap.line + (snap.event ? ", " + snap.event : "") + "): " + what);
    if (state.line !== snap.line) report("line: replay " + state.line + " but engine " + snap.line);
    if ((state.event || null) !== (snap.event || null)) report("event: replay " + state.event + " but engine " + snap.event);
    const stackDiff = firstDifference(plainStack(state.stack), snap.stack.map((f) => ({
      function: f.function, line: f.line, locals: f.locals, scope: f.scope === undefined ? null : f.scope, roots: f.roots || [],
    })), "stack");
    if (stackDiff) report(stackDiff);
    if (snap.loop !== undefined && !isDeepStrictEqual(state.loop, snap.loop)) report(firstDifference(state.loop, snap.loop, "loop"));
    const output = tl.outputAt(k);
    if (!isDeepStrictEqual(output, snap.output)) report(firstDifference(output, snap.output, "output"));
    if (!state.heapKnown) continue;   // the timeline recorded no heap here (heap_omitted): nothing to compare
    const heapDiff = firstDifference(state.heap, snap.heap, "heap");
    if (heapDiff) report(heapDiff);
    const analysis = analyze(state);
    if (!isDeepStrictEqual(analysis.garbage, snap.garbage)) report(firstDifference(analysis.garbage, snap.garbage, "garbage"));
    if (snap.event === "checkpoint" && typeof steps[k].checkpoint === "number") {
      const cp = trace.checkpoints[steps[k].checkpoint];
      // A checkpoint lists sites only; objects without one ("@17") are left out there.
      const sites = (keys) => keys.filter((key) => !key.startsWith("@"));
      if (cp && !isDeepStrictEqual(sites(analysis.leaked), sites((cp.refcount_leaked || []).slice().sort()))) {
        report(firstDifference(sites(analysis.leaked), cp.refcount_leaked, "refcount_leaked"));
      }
      if (cp && !isDeepStrictEqual(sites(analysis.garbage), sites((cp.garbage || []).slice().sort()))) {
        report(firstDifference(sites(analysis.garbage), cp.garbage, "checkpoint garbage"));
      }
      if (cp && cp.loop !== undefined && !isDeepStrictEqual(state.loop, cp.loop)) report(firstDifference(state.loop, cp.loop, "checkpoint loop"));
      if (cp) {
        // A checkpoint names objects without a site {"site": null}: compare frames by function, scope and roots.
        const own = stateFromCheckpoint(cp, steps[k].checkpoint).stack.map((f) => ({ function: f.function, scope: f.scope, roots: f.roots }));
        const replayed = state.stack.map((f) => ({ function: f.function, scope: f.scope, roots: f.roots }));
        const d = firstDifference(own, replayed, "checkpoint frames");
        if (d) report(d);
      }
    }
  }
  return { steps: steps.length, mismatches };
}

function main(dir) {
  const report = {};
  let failed = false;
  fs.readdirSync(dir).filter((f) => f.endsWith(".trace.json")).sort().forEach((file) => {
    const name = file.slice(0, -".trace.json".length);
    const trace = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    const snapshots = JSON.parse(fs.readFileSync(path.join(dir, name + ".snapshots.json"), "utf8"));
    let result;
    try {
      result = checkCase(trace, snapshots);
    } catch (error) {
      result = { steps: (trace.steps || []).length, mismatches: ["the replay failed: " + (error && error.message)] };
    }
    if (result.mismatches.length) failed = true;
    report[name] = result;
  });
  process.stdout.write(JSON.stringify(report, null, 1) + "\n");
  process.exitCode = failed ? 1 : 0;
}

if (require.main === module) {
  if (process.argv.length !== 3) {
    process.stderr.write("usage: node replay_check.js DIR\n");
    process.exitCode = 2;
  } else {
    main(process.argv[2]);
  }
}

module.exports = { checkCase, firstDifference };
