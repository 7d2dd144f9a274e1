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

module.exports = { closureCycleSource, closureCycleSteps, closureCycleTrace, longSteps, withCheckpoints, U };
