/* Hand-written traces in timeline v2 form (docs/timeline.md), for the unit tests and the browser check. */
"use strict";

const U = { uninitialized: true };

const closureCycleSource = [
  "function makeCounter() {",
  "  let count = 0;",
  "  return function () { count++; return count; };",
  "}",
  "const c = makeCounter();",
  "c();",
  'let a = {name: "a"};',
  'let b = {name: "b", other: a};',
  "a.other = b;",
  "a = null; b = null;",
  'checkpoint("before");',
  "gc();",
  'checkpoint("after");',
  'console.log("done");',
].join("\n");

const fnMake = { type: "function", class: "Function", name: "makeCounter", scope: null, props: {} };
const scope = (count) => ({ type: "scope", class: "Scope", props: { count } });
const script = (props) => ({ type: "scope", class: "Script", props });

const closureCycleSteps = [
  { line: 5, push: [{ function: "<global>", line: 5, locals: { c: U, a: U, b: U, makeCounter: { site: "1:1#1" } }, scope: "@1", roots: [] }],
    heap: { "1:1#1": fnMake, "@1": script({ c: U, a: U, b: U }) } },
  { line: 2, push: [{ function: "makeCounter", line: 2, locals: { count: U }, scope: "@2", roots: ["1:1#1", "@2"] }],
    heap: { "@2": scope(U) } },
  { line: 3, locals: { 1: { count: 0 } }, heap: { "@2": scope(0) } },
  { line: 6, pop: 1, locals: { 0: { c: { site: "3:10#1" } } },
    heap: { "3:10#1": { type: "function", class: "Function", name: "", scope: { ref: "@2" }, props: {} },
      "@1": script({ c: { site: "3:10#1" }, a: U, b: U }) } },
  { line: 3, push: [{ function: "<anonymous>", line: 3, locals: {}, scope: "@2", roots: ["3:10#1"] }], lines: { 0: 6 } },
  { line: 7, pop: 1, heap: { "@2": scope(1) } },
  { line: 8, locals: { 0: { a: { site: "7:9#1" } } }, heap: { "7:9#1": { type: "object", class: "Object", props: { name: "a" } } },
    patch: { "@1": { props: { a: { site: "7:9#1" } } } } },
  { line: 9, locals: { 0: { b: { site: "8:9#1" } } },
    heap: { "8:9#1": { type: "object", class: "Object", props: { name: "b", other: { site: "7:9#1" } } } },
    patch: { "@1": { props: { b: { site: "8:9#1" } } } } },
  { line: 10, patch: { "7:9#1": { props: { other: { site: "8:9#1" } } } } },
  { line: 10, locals: { 0: { a: null } }, patch: { "@1": { props: { a: null } } } },
  { line: 11, locals: { 0: { b: null } }, patch: { "@1": { props: { b: null } } } },
  { line: 11, event: "checkpoint", checkpoint: 0 },
  { line: 12 },
  { line: 12, event: "gc", freed: ["7:9#1", "8:9#1"] },
  { line: 13 },
  { line: 13, event: "checkpoint", checkpoint: 1 },
  { line: 14 },
  { line: 14, out: ["done"] },
];

/** A trace whose checkpoints are filled in from the timeline's own replay (the unit tests check the replay). */
function withCheckpoints(steps, names, output, extra) {
  const { Timeline } = require("../../exercises/static/exercises/js/memview/timeline.js");
  const { analyze } = require("../../exercises/static/exercises/js/memview/analysis.js");
  const tl = new Timeline({ steps });
  const checkpoints = [];
  const freed = [];
  steps.forEach((entry, k) => {
    if (entry.freed) freed.push(entry.freed.slice());
    if (entry.event !== "checkpoint") return;
    const s = tl.state(k);
    const a = analyze(s);
    const inner = s.stack.slice().reverse();
    checkpoints[entry.checkpoint] = {
      name: names[entry.checkpoint], line: entry.line,
      stack: inner.map((f) => ({ function: f.function, line: f.line })),
      locals: inner.map((f) => Object.assign({}, f.locals)),
      frames: inner.map((f) => ({ scope: f.scope, roots: f.roots.slice() })),
      reachable: Object.keys(a.reachable).filter((k2) => !k2.startsWith("@")).sort(),
      heap: Object.assign({}, s.heap), garbage: a.garbage, refcount_leaked: a.leaked,
      freed: freed.map((f) => f.slice()),
    };
  });
  return Object.assign({ output, error: null, checkpoints, steps, steps_version: 2 }, extra || {});
}

function closureCycleTrace() {
  return withCheckpoints(closureCycleSteps, ["before", "after"], ["done"]);
}

/** A long run: a loop that builds a linked list and drops every tenth node; n steps. */
function longSteps(n) {
  const steps = [{ line: 1, push: [{ function: "<global>", line: 1, locals: { head: null, i: 0 }, scope: null, roots: [] }] }];
  let head = null;
  for (let k = 1; k < n; k++) {
    const entry = { line: 2 + (k % 3) };
    const key = "2:10#" + k;
    if (k % 10 === 0) {
      entry.locals = { 0: { head: null, i: k } };
      head = null;
    } else {
      entry.heap = { [key]: { type: "object", class: "Node", props: { value: k, next: head ? { site: head } : null } } };
      entry.locals = { 0: { head: { site: key }, i: k } };
      head = key;
    }
    if (k % 500 === 0) {
      entry.event = "gc";
      entry.freed = [];
    }
    if (k % 1000 === 1) entry.out = ["at " + k];
    steps.push(entry);
  }
  return steps;
}

/* An async run (docs/event-loop.md): a timer with an argument, an async function suspended forever on a promise
   nothing else holds (garbage, with its variable), a generator kept by a variable, a queued microtask; after the
   script the finished script frame stays at depth 0, the microtask and then the timer run; a checkpoint in the
   timer's callback gives `globals`. */
const asyncSource = [
  "const big = { n: 1 };",
  "const t = setTimeout(function tick(x) { checkpoint(\"later\"); }, 50, big);",
  "async function f() {",
  "  const held = { kept: true };",
  "  await new Promise(() => {});",
  "}",
  "f();",
  "queueMicrotask(() => {});",
  "const g = (function* counter() { yield 1; })(); g.next();",
].join("\n");

const asyncLoop = (extra) => Object.assign({ task: { kind: "script" }, script_done: false, now: 0, timers: [], immediates: [], microtasks: [] }, extra);
const asyncTimer = { timer: { ref: "@T" }, kind: "timeout", callback: { site: "2:22#1" }, due: 50, repeat: null, args: [{ site: "1:13#1" }] };
const asyncJob = { job: "callback", label: "queueMicrotask callback", callback: { site: "8:16#1" } };
const fnDesc = (name, extra) => Object.assign({ type: "function", class: "Function", name, scope: null, props: {} }, extra || {});
const timerDesc = (state) => ({ type: "timer", class: "Timeout", props: {}, kind: "timeout", state, callback: { site: "2:22#1" },
  args: [{ site: "1:13#1" }], due: 50, repeat: null, internal: [{ site: "2:22#1" }, { site: "1:13#1" }] });
const activation = (state, more) => Object.assign({ type: "generator", class: "AsyncFunction", props: {}, kind: "async", state,
  function: { site: "3:1#1" }, name: "f", promise: { ref: "@P" } }, more);

const asyncSteps = [
  { line: 1, push: [{ function: "<global>", line: 1, locals: { big: U, t: U, g: U, f: { site: "3:1#1" } }, scope: null, roots: [] }],
    heap: { "3:1#1": fnDesc("f") } },
  { line: 2, locals: { 0: { big: { site: "1:13#1" } } }, heap: { "1:13#1": { type: "object", class: "Object", props: { n: 1 } } } },
  { line: 3, locals: { 0: { t: { ref: "@T" } } }, heap: { "2:22#1": fnDesc("tick"), "@T": timerDesc("pending") },
    loop: asyncLoop({ timers: [asyncTimer] }) },
  { line: 4, push: [{ function: "f", line: 4, locals: { held: U }, scope: null, roots: ["3:1#1", "@A"] }],
    heap: { "@P": { type: "promise", class: "Promise", props: {}, state: "pending", reactions: [] },
      "@A": activation("executing", { internal: [{ site: "3:1#1" }, { ref: "@P" }] }) } },
  { line: 5, locals: { 1: { held: { site: "4:16#1" } } }, heap: { "4:16#1": { type: "object", class: "Object", props: { kept: true } } } },
  { line: 8, pop: 1,
    heap: {
      "5:9#1": { type: "promise", class: "Promise", props: {}, state: "pending",
        reactions: [{ on_fulfilled: { ref: "@R1" }, on_rejected: { ref: "@R2" }, promise: null }], internal: [{ ref: "@R1" }, { ref: "@R2" }] },
      "@R1": { type: "function", class: "Function", props: { length: 1, name: "" }, internal: [{ ref: "@A" }] },
      "@R2": { type: "function", class: "Function", props: { length: 1, name: "" }, internal: [{ ref: "@A" }] },
      "@A": activation("suspendedYield", { awaiting: { site: "5:9#1" }, line: 5, locals: { held: { site: "4:16#1" } },
        internal: [{ site: "3:1#1" }, { ref: "@P" }, { site: "4:16#1" }] }),
    } },
  { line: 9, roots: { 0: ["8:16#1"] }, heap: { "8:16#1": fnDesc("") }, loop: asyncLoop({ timers: [asyncTimer], microtasks: [asyncJob] }) },
  { line: 9, locals: { 0: { g: { ref: "@G" } } },
    heap: { "9:11#1": fnDesc("counter"), "@G": { type: "generator", class: "Generator", props: {}, kind: "generator", state: "suspendedYield",
      function: { site: "9:11#1" }, name: "counter", line: 9, locals: {}, internal: [{ site: "9:11#1" }] } } },
  { line: 9, event: "script_end" },
  { line: 8, pop: 0, roots: { 0: [] }, push: [{ function: "<anonymous>", line: 8, locals: {}, scope: null, roots: ["8:16#1"] }],
    loop: asyncLoop({ task: { kind: "microtask", job: "callback", label: "queueMicrotask callback", callback: { site: "8:16#1" } },
      script_done: true, timers: [asyncTimer] }) },
  { line: 2, pop: 1, push: [{ function: "tick", line: 2, locals: { x: { site: "1:13#1" } }, scope: null, roots: ["2:22#1", "@T"] }],
    heap: { "@T": timerDesc("fired") },
    loop: asyncLoop({ task: { kind: "timeout", timer: { ref: "@T" }, callback: { site: "2:22#1" } }, script_done: true, now: 50 }) },
  { line: 2, event: "checkpoint", checkpoint: 0 },
  { line: 9, event: "end", pop: 1, loop: asyncLoop({ task: { kind: "done" }, script_done: true, now: 50 }) },
];

/** The async trace with its checkpoint (made from the replay, as the engine makes it: `globals` after the script). */
function asyncTrace() {
  const { Timeline } = require("../../exercises/static/exercises/js/memview/timeline.js");
  const { analyze } = require("../../exercises/static/exercises/js/memview/analysis.js");
  const tl = new Timeline({ steps: asyncSteps });
  const k = asyncSteps.findIndex((e) => e.event === "checkpoint");
  const s = tl.state(k);
  const a = analyze(s);
  const inner = s.stack.slice(1).reverse();
  const g = s.stack[0];
  const checkpoint = {
    name: "later", line: 2,
    stack: inner.map((f) => ({ function: f.function, line: f.line })),
    locals: inner.map((f) => Object.assign({}, f.locals)),
    frames: inner.map((f) => ({ scope: f.scope, roots: f.roots.slice() })),
    reachable: Object.keys(a.reachable).filter((key) => !key.startsWith("@")).sort(),
    heap: Object.assign({}, s.heap), garbage: a.garbage, refcount_leaked: a.leaked, freed: [],
    loop: s.loop, globals: { locals: Object.assign({}, g.locals), scope: g.scope, roots: g.roots.slice() },
  };
  return { output: [], error: null, checkpoints: [checkpoint], steps: asyncSteps, steps_version: 2 };
}

module.exports = { closureCycleSource, closureCycleSteps, closureCycleTrace, longSteps, withCheckpoints, U,
  asyncSource, asyncSteps, asyncTrace };
