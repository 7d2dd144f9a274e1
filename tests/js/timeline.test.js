"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { Timeline, replayTo, applyEntry, emptyState, stateFromCheckpoint, limitsOf } =
  require("../../exercises/static/exercises/js/memview/timeline.js");
const fx = require("./fixtures.js");

function plain(state) {
  return JSON.parse(JSON.stringify({ stack: state.stack, heap: state.heap, heapKnown: state.heapKnown, line: state.line,
    out: state.outputLength, freed: state.freedNow }));
}

test("a state from keyframes equals a straight replay at every step, in any visiting order", () => {
  const steps = fx.longSteps(700);
  const tl = new Timeline({ steps }, { keyframeEvery: 16 });
  const order = [];
  for (let k = 0; k < steps.length; k += 23) order.push(k);
  for (let k = steps.length - 1; k >= 0; k -= 29) order.push(k);
  // Straight replays are slow, so compare against one running replay for the forward pass.
  const running = emptyState();
  for (let k = 0; k < steps.length; k++) {
    applyEntry(running, steps[k], k);
    assert.deepEqual(plain(tl.state(k)), plain(running), "step " + k);
  }
  for (const k of order) assert.deepEqual(plain(tl.state(k)), plain(replayTo(steps, k)), "step " + k);
});

test("keyframes are not corrupted by patches applied after them", () => {
  const steps = [
    { line: 1, push: [{ function: "<global>", line: 1, locals: { a: { site: "1:9#1" } }, scope: null, roots: [] }],
      heap: { "1:9#1": { type: "array", class: "Array", props: {}, items: [1] } } },
    { line: 2, patch: { "1:9#1": { items: { 1: 2 } } } },
    { line: 3, patch: { "1:9#1": { items: { 2: 3 }, props: { x: 1 } } } },
    { line: 4, patch: { "1:9#1": { length: 1, unprops: ["x"] } } },
  ];
  const tl = new Timeline({ steps }, { keyframeEvery: 1 });
  assert.deepEqual(tl.state(3).heap["1:9#1"].items, [1]);
  assert.deepEqual(tl.state(2).heap["1:9#1"].items, [1, 2, 3]);
  assert.deepEqual(tl.state(2).heap["1:9#1"].props, { x: 1 });
  assert.deepEqual(tl.state(0).heap["1:9#1"].items, [1]);
  assert.deepEqual(tl.state(1).heap["1:9#1"].items, [1, 2]);
});

test("length extends an array with undefined slots", () => {
  const s = emptyState();
  applyEntry(s, { line: 1, heap: { k: { type: "array", items: [] } } }, 0);
  applyEntry(s, { line: 1, patch: { k: { length: 2 } } }, 1);
  assert.deepEqual(s.heap.k.items, [{ undefined: true }, { undefined: true }]);
});

test("pop, push, lines, locals, unset, scopes and roots apply in the documented order", () => {
  const s = emptyState();
  applyEntry(s, { line: 1, push: [{ function: "<global>", line: 1, locals: { x: 1 }, scope: null, roots: [] }] }, 0);
  applyEntry(s, { line: 5, push: [{ function: "f", line: 5, locals: {}, scope: null, roots: ["2:1#1"] }], lines: { 0: 9 },
    locals: { 1: { y: 2 } }, scopes: { 1: "@3" } }, 1);
  assert.equal(s.stack.length, 2);
  assert.equal(s.stack[0].line, 9);
  assert.equal(s.stack[1].line, 5);
  assert.deepEqual(s.stack[1].locals, { y: 2 });
  assert.equal(s.stack[1].scope, "@3");
  applyEntry(s, { line: 6, unset: { 1: ["y"] }, roots: { 1: [] } }, 2);
  assert.deepEqual(s.stack[1].locals, {});
  assert.deepEqual(s.stack[1].roots, []);
  applyEntry(s, { line: 10, pop: 1, locals: { 0: { x: 3 } } }, 3);
  assert.equal(s.stack.length, 1);
  assert.equal(s.stack[0].line, 10);
  assert.deepEqual(s.stack[0].locals, { x: 3 });
});

test("an entry naming a frame that does not exist says which entry and which frame", () => {
  const s = emptyState();
  assert.throws(() => applyEntry(s, { line: 1, locals: { 2: { x: 1 } } }, 7), /timeline entry 7: `locals` names frame 2/);
  assert.throws(() => applyEntry(s, { line: 1, pop: 1 }, 3), /timeline entry 3: pops 1 frames of 0/);
});

test("heap_omitted marks the heap unknown until heap_reset replaces it", () => {
  const tl = new Timeline({ steps: [
    { line: 1, heap: { a: { type: "object", props: {} } } },
    { line: 2, heap_omitted: true },
    { line: 3, heap_reset: true, heap: { b: { type: "object", props: {} } } },
  ] });
  assert.equal(tl.state(1).heapKnown, false);
  assert.deepEqual(Object.keys(tl.state(1).heap), ["a"]);
  assert.equal(tl.state(2).heapKnown, true);
  assert.deepEqual(Object.keys(tl.state(2).heap), ["b"]);
});

test("a gc entry removes the freed objects and keeps their last description as freedNow", () => {
  const trace = fx.closureCycleTrace();
  const tl = new Timeline(trace);
  const k = trace.steps.findIndex((e) => e.event === "gc");
  const s = tl.state(k);
  assert.deepEqual(Object.keys(s.freedNow).sort(), ["7:9#1", "8:9#1"]);
  assert.ok(!("7:9#1" in s.heap));
  assert.deepEqual(tl.state(k + 1).freedNow, {});
});

test("output so far grows with out entries; checkpoints map to their event steps", () => {
  const trace = fx.closureCycleTrace();
  const tl = new Timeline(trace);
  assert.deepEqual(tl.outputAt(tl.length - 2), []);
  assert.deepEqual(tl.outputAt(tl.length - 1), ["done"]);
  assert.equal(tl.stepOfCheckpoint(0), 11);
  assert.equal(tl.stepOfCheckpoint(1), 15);
  assert.equal(tl.stepOfCheckpoint(2), null);
  assert.equal(tl.checkpointAt(15), 1);
  assert.equal(tl.checkpointAt(14), null);
});

test("without steps the timeline is the checkpoints, innermost-first stacks turned outermost-first", () => {
  const trace = fx.closureCycleTrace();
  delete trace.steps;
  const tl = new Timeline(trace);
  assert.equal(tl.hasSteps, false);
  assert.equal(tl.length, 2);
  const s = tl.state(0);
  assert.equal(s.stack[0].function, "<global>");
  assert.equal(s.stack[0].scope, "@1");
  assert.deepEqual(s.garbage, ["7:9#1", "8:9#1"]);
  const inner = stateFromCheckpoint({ stack: [{ function: "f", line: 3 }, { function: "<global>", line: 9 }],
    locals: [{ x: 1 }, {}], frames: [{ scope: "@5", roots: ["2:1#1"] }, { scope: null, roots: [] }], heap: {} }, 0);
  assert.deepEqual(inner.stack.map((f) => f.function), ["<global>", "f"]);
  assert.equal(inner.stack[1].scope, "@5");
});

test("it rejects a step outside the timeline", () => {
  const tl = new Timeline(fx.closureCycleTrace());
  assert.throws(() => tl.state(-1), RangeError);
  assert.throws(() => tl.state(tl.length), RangeError);
});

test("limits say which limit stopped the run and that the timeline is truncated", () => {
  const limits = limitsOf({ error: { name: "LimitExceeded", message: "The program ran more than 1,000,000 steps.", line: 3 },
    steps_truncated: true, steps_truncated_reason: "The timeline stops after 200,000 steps." });
  assert.deepEqual(limits.map((l) => l.kind), ["limit", "truncated"]);
  assert.match(limits[0].message, /1,000,000 steps/);
  assert.match(limits[1].message, /200,000 steps/);
  assert.deepEqual(limitsOf({ error: null }), []);
  assert.equal(limitsOf({ error: { name: "TypeError", message: "x is not a function", line: 2 } })[0].kind, "error");
});

test("objects without a site get names per kind in the order the run creates them, stable at every step", () => {
  const tl = new Timeline({ steps: [
    { line: 1, heap: { "@9": { type: "scope", class: "Script", props: {} }, "@3": { type: "scope", class: "Scope", props: {} } } },
    { line: 2, heap: { "@1": { type: "array", class: "Array", props: {}, items: [] }, "@7": { type: "scope", class: "Scope", props: {} } } },
    { line: 3, heap: { "@2": { type: "object", class: "Map", props: {} }, "@4": { type: "object", class: "Object", props: {} }, "1:1#1": { type: "object", props: {} } } },
  ] });
  assert.deepEqual(tl.names, { "@9": "script scope", "@3": "scope 1", "@1": "array 1", "@7": "scope 2", "@2": "Map 1", "@4": "object 1" });
});

test("an older (version 1) timeline is not replayed: the timeline falls back to the checkpoints", () => {
  const trace = fx.closureCycleTrace();
  const v1 = Object.assign({}, trace, { steps: [{ line: 5, stack: ["<global>"], frames: { 0: {} } }] });
  delete v1.steps_version;
  const tl = new Timeline(v1);
  assert.equal(tl.hasSteps, false);
  assert.equal(tl.olderTimeline, true);
  assert.equal(tl.length, 2);
  assert.equal(new Timeline(Object.assign({}, trace, { steps_version: 1 })).hasSteps, false);
  assert.equal(new Timeline(trace).hasSteps, true);
});
