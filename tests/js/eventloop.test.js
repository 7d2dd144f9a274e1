/* The event loop in memview (docs/event-loop.md): the replay of `loop`, tasks and loop events, the finished script
   frame, promises, generators, async activations and timers as heap nodes, the loop's boxes and arrows, paths from
   the loop, and the marks of a checkpoint after the script. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { Timeline, replayTo, stateFromCheckpoint, EMPTY_LOOP } = require("../../exercises/static/exercises/js/memview/timeline.js");
const { analyze, pathTo } = require("../../exercises/static/exercises/js/memview/analysis.js");
const { layout } = require("../../exercises/static/exercises/js/memview/layout.js");
const values = require("../../exercises/static/exercises/js/memview/values.js");
const fx = require("./fixtures.js");

const steps = fx.asyncSteps;
const at = (event) => steps.findIndex((e) => e.event === event);
const lay = (s, options) => layout(s, analyze(s), options);

function overlaps(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

test("the replay starts from the empty loop and takes each entry's loop whole, keyframes or not", () => {
  const tl = new Timeline({ steps }, { keyframeEvery: 2 });
  assert.deepEqual(tl.state(0).loop, EMPTY_LOOP);
  assert.deepEqual(tl.state(2).loop.timers.map((t) => t.timer.ref), ["@T"]);
  assert.equal(tl.state(4).loop, steps[2].loop, "unchanged until the next entry with a loop");
  for (let k = steps.length - 1; k >= 0; k--) assert.deepEqual(tl.state(k).loop, replayTo(steps, k).loop, "step " + k);
  assert.equal(tl.state(at("end")).loop.task.kind, "done");
  assert.equal(tl.state(at("script_end")).event, "script_end");
});

test("the finished script frame stays at depth 0 after the script, under the tasks' frames", () => {
  const tl = new Timeline({ steps });
  const s = tl.state(at("checkpoint"));
  assert.deepEqual(s.stack.map((f) => f.function), ["<global>", "tick"]);
  assert.equal(s.loop.script_done, true);
  assert.deepEqual(tl.state(at("end")).stack.map((f) => f.function), ["<global>"]);
});

test("tasks: the script, then each job and timer; the loop's events", () => {
  const tl = new Timeline({ steps });
  assert.equal(tl.usesLoop, true);
  assert.deepEqual(tl.tasks.map((t) => [t.step, t.task.kind, t.now]), [[0, "script", 0], [9, "microtask", 0], [10, "timeout", 50], [12, "done", 50]]);
  assert.deepEqual(tl.loopEvents, [{ step: 8, event: "script_end" }, { step: 12, event: "end" }]);
  assert.equal(tl.taskIndexAt(8), 0);
  assert.equal(tl.taskIndexAt(11), 2);
  assert.equal(new Timeline({ steps: fx.closureCycleSteps }).usesLoop, false);
});

test("the same task again is a new task: an interval's next tick, a second job with the same callback", () => {
  const frame = { function: "<global>", line: 1, locals: {}, scope: null, roots: [] };
  const job = { job: "reaction", label: "then callback", callback: { site: "1:9#1" }, argument: 1, promise: null };
  const running = { kind: "microtask", job: "reaction", label: "then callback", callback: { site: "1:9#1" } };
  const interval = { timer: { ref: "@I" }, kind: "interval", callback: { site: "2:1#1" }, due: 10, repeat: 10, args: [] };
  const tick = { kind: "interval", timer: { ref: "@I" }, callback: { site: "2:1#1" } };
  const loop = (extra) => Object.assign({}, EMPTY_LOOP, { script_done: true }, extra);
  const tl = new Timeline({ steps: [
    { line: 1, push: [frame] },
    { line: 1, loop: loop({ microtasks: [job, job], timers: [interval] }) },
    { line: 1, loop: loop({ task: running, microtasks: [job], timers: [interval] }) },
    { line: 1, loop: loop({ task: running, microtasks: [job, job], timers: [interval] }) },   // the job queued one
    { line: 1, loop: loop({ task: running, microtasks: [job], timers: [interval] }) },
    { line: 2, loop: loop({ task: tick, now: 10 }) },
    { line: 2, loop: loop({ task: tick, now: 10, timers: [Object.assign({}, interval, { due: 20 })] }) },
    { line: 2, loop: loop({ task: tick, now: 20 }) },
  ] });
  assert.deepEqual(tl.tasks.map((t) => t.step), [0, 2, 4, 5, 7]);
});

test("a checkpoint after the script puts its globals back at depth 0 and keeps its loop", () => {
  const trace = fx.asyncTrace();
  const s = stateFromCheckpoint(trace.checkpoints[0], 0);
  assert.deepEqual(s.stack.map((f) => f.function), ["<global>", "tick"]);
  assert.equal(s.globalsFromCheckpoint, true);
  assert.equal(s.stack[0].locals.big.site, "1:13#1");
  assert.equal(s.loop.task.kind, "timeout");
  const tl = new Timeline({ checkpoints: trace.checkpoints });
  assert.equal(tl.usesLoop, true);
  assert.equal(tl.tasks.length, 1);
});

test("the loop's references, named as the diagram's rows are", () => {
  const loop = steps[6].loop;
  assert.deepEqual(values.loopRefs(loop).map((r) => [r.name, r.key]), [["timers.0", "@T"], ["microtasks.0.callback", "8:16#1"]]);
  const running = steps[9].loop;
  assert.deepEqual(values.loopRefs(running).map((r) => r.name), ["task.callback", "timers.0"]);
  assert.equal(values.loopUsed(EMPTY_LOOP), false);
  assert.equal(values.loopUsed(loop), true);
});

test("what runs, in words: the callback's name, or the async function a resume closure belongs to", () => {
  const heap = new Timeline({ steps }).state(5).heap;
  assert.equal(values.taskText(steps[10].loop.task, heap, {}), "timeout → tick");
  assert.equal(values.taskText({ kind: "microtask", label: "await resume", callback: { ref: "@R1" } }, heap, {}), "await resume → async f");
  assert.equal(values.taskText({ kind: "microtask", label: "queueMicrotask callback", callback: { site: "8:16#1" } }, { "8:16#1": { type: "function", name: "" } }, {}),
    "queueMicrotask callback → 8:16#1");
  assert.equal(values.taskText({ kind: "script" }), "the script");
  assert.equal(values.taskText({ kind: "done" }), "nothing: the event loop is empty");
});

test("promise, activation and timer fields; their internal edges keep their count and get names", () => {
  const heap = new Timeline({ steps }).state(5).heap;
  const act = values.fieldRows(heap["@A"]).map((f) => f.label);
  assert.deepEqual(act, ["state", "function", "variable held", "awaiting", "promise"]);
  assert.equal(values.fieldRows(heap["@A"])[0].value, "awaiting at line 5");
  assert.deepEqual(values.fieldRows(heap["5:9#1"]).map((f) => f.label), ["state", "on fulfilled", "on rejected"]);
  assert.deepEqual(values.objectEdges(heap["@A"]).map((e) => e.label), ["function", "promise", "variable held"]);
  assert.equal(values.objectEdges(heap["5:9#1"]).length, heap["5:9#1"].internal.length);
  assert.equal(values.kindText(heap["@A"]), "async function f · awaiting");
  assert.equal(values.kindText(heap["@T"]), "Timeout · pending");
  assert.equal(values.kindText({ type: "function", role: "await resume", props: {} }), "built-in · await resume");
  assert.equal(values.kindText({ type: "generator", kind: "asyncgen", name: "pages", state: "suspendedYield",
                                 awaiting: { ref: "@P" } }), "async generator pages · awaiting");
  assert.equal(values.kindText({ type: "generator", kind: "asyncgen", name: "pages", state: "suspendedYield" }),
               "async generator pages · suspended");
  const tl = new Timeline({ steps });
  assert.equal(tl.names["@A"], "activation 1");
  assert.equal(tl.names["@T"], "Timeout 1");
  assert.equal(tl.names["@G"], "generator 1");
  assert.equal(tl.names["@P"], "promise 1");
});

test("a suspended async function awaiting a promise nothing holds is garbage with its variables; the loop's roots change nothing counted", () => {
  const tl = new Timeline({ steps });
  const s = tl.state(6);
  const a = analyze(s);
  for (const key of ["@A", "5:9#1", "@R1", "@R2", "4:16#1", "@P"]) assert.ok(a.garbage.includes(key), key);
  assert.ok(a.reachable["@T"] && a.reachable["8:16#1"] && a.reachable["1:13#1"]);
  // The callback is counted once: from frame 0's roots (the loop's roots are among them), not again from the loop.
  assert.equal(a.refcounts["8:16#1"], 1);
});

test("why a queued callback is alive: a path from the event loop", () => {
  const tl = new Timeline({ steps });
  const s = tl.state(6);
  const a = analyze(s);
  const hops = pathTo(a, s, "8:16#1", tl.names);
  assert.equal(hops[0].kind, "loop");
  assert.equal(hops[0].name, "microtasks.0.callback");
  assert.match(hops[0].text, /event loop · microtask 1 \(queueMicrotask callback\)/);
  const viaVariable = pathTo(a, s, "@T", tl.names);
  assert.equal(viaVariable[0].kind, "frame", "a variable comes before the loop");
  const after = tl.state(at("end"));
  assert.match(pathTo(analyze(after), after, "1:13#1", tl.names)[0].text, /^globals of the finished script · variable big/);
});

test("the loop's boxes sit under the stack, clear of every other box, with arrows from the timers and jobs", () => {
  const tl = new Timeline({ steps });
  const s = tl.state(6);
  const l = lay(s, { labels: tl.names });
  assert.deepEqual(l.loop.map((b) => b.kind), ["task", "timers", "microtasks"]);
  const stackBottom = Math.max(...l.frames.map((f) => f.y + f.h));
  for (const b of l.loop) {
    assert.ok(b.y >= stackBottom, b.kind + " under the stack");
    assert.equal(b.x, l.frames[0].x);
    assert.equal(b.w, l.frames[0].w);
  }
  const boxes = l.frames.concat(l.loop, l.objects);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) assert.ok(!overlaps(boxes[i], boxes[j]), "boxes " + i + " and " + j + " overlap");
  }
  const arrows = l.arrows.map((a) => a.from + ">" + a.to);
  for (const a of ["loop:timers.0>@T", "loop:timers.0.callback>2:22#1", "loop:timers.0.args.0>1:13#1", "loop:microtasks.0.callback>8:16#1"]) {
    assert.ok(arrows.includes(a), a + " in " + arrows.join(", "));
  }
  assert.ok(!arrows.includes("frame:0:[[Root]]>8:16#1"), "a loop root is drawn from the loop, not again from frame 0");
  const timers = l.loop[1];
  assert.equal(timers.subtitle, "1 pending, in firing order");
  assert.deepEqual(timers.rows.map((r) => r.label), ["1. timeout at 50 ms", "↳ callback", "↳ argument 0"]);
  assert.equal(l.loop[0].title, "Event loop · now 0 ms");
  assert.equal(l.loop[0].subtitle, "running: the script");
  assert.ok(l.height >= Math.max(...l.loop.map((b) => b.y + b.h)));
});

test("while a task runs its box says so; after the script frame 0 is the globals", () => {
  const tl = new Timeline({ steps });
  const l = lay(tl.state(at("checkpoint")), { labels: tl.names });
  const task = l.loop[0];
  assert.equal(task.running, true);
  assert.equal(task.subtitle, "running: timeout → tick");
  assert.equal(task.title, "Event loop · now 50 ms");
  // The running frame already points to the callback and the Timeout: the task's rows name them, without arrows.
  assert.deepEqual(task.rows.map((r) => [r.label, r.ref]), [["callback", null], ["Timeout", null]]);
  const globals = l.frames.find((f) => f.depth === 0);
  assert.equal(globals.globals, true);
  assert.equal(globals.title, "globals · script finished");
  const end = lay(tl.state(at("end")), { labels: tl.names });
  assert.equal(end.frames[0].current, false, "nothing runs once the loop is empty");
  assert.equal(end.loop[0].subtitle, "running: nothing: the event loop is empty");
});

test("a suspended async function's node shows its state, variables and the promise it awaits", () => {
  const tl = new Timeline({ steps });
  const l = lay(tl.state(6), { labels: tl.names });
  const act = l.objects.find((o) => o.key === "@A");
  assert.equal(act.kind, "async function f · awaiting");
  assert.equal(act.garbage, true);
  assert.deepEqual(act.rows.map((r) => r.label), ["state", "function", "held", "awaiting", "promise"]);
  assert.ok(l.arrows.some((a) => a.from === "@A" && a.to === "5:9#1" && a.label === "awaiting"));
  const promise = l.objects.find((o) => o.key === "5:9#1");
  assert.deepEqual(promise.rows.map((r) => r.label), ["state", "on fulfilled", "on rejected"]);
  const timer = l.objects.find((o) => o.key === "@T");
  assert.deepEqual(timer.rows.map((r) => r.label + "=" + r.text), ["state=pending", "due=50 ms", "callback=→ 2:22#1", "argument 0=→ 1:13#1"]);
});

test("no loop boxes for a run that never used the loop, or when asked not to", () => {
  const tl = new Timeline({ steps: fx.closureCycleSteps });
  assert.deepEqual(lay(tl.state(5)).loop, []);
  const atl = new Timeline({ steps });
  assert.deepEqual(lay(atl.state(0), { showLoop: false }).loop, []);
  assert.equal(lay(atl.state(0), { showLoop: true }).loop.length, 3, "the player keeps the boxes for a whole async run");
  assert.equal(lay(atl.state(0)).loop.length, 0, "alone, the first state has nothing in the loop");
});
