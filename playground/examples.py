"""Example programs of the playground: each shows something the memory diagram is good at."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    slug: str
    title: str
    source: str


RECURSION = """// Each call of sum() gets its own frame with its own n.
function sum(n) {
  if (n === 0) {
    checkpoint("bottom");
    return 0;
  }
  return n + sum(n - 1);
}
const total = sum(3);
console.log(total);
"""

CLOSURES = """// Both inner functions share ONE scope object: report() uses big, so
// while counter (increment) lives, big stays alive too, though increment never uses it.
function makeCounter() {
  let count = 0;
  const big = { data: "a large buffer" };
  function increment() { count += 1; return count; }
  function report() { return big.data; }
  return increment;
}
const counter = makeCounter();
counter();
checkpoint("shared-scope");
console.log(counter());
"""

CYCLE = """// Two objects that point at each other: unreachable once the variables let go,
// freed by a mark-and-sweep gc(), but leaked by reference counting.
class Node {
  constructor(name) { this.name = name; this.peer = null; }
}
let a = new Node("a");
let b = new Node("b");
a.peer = b;
b.peer = a;
a = null;
b = null;
let kept = { note: "still referenced" };
checkpoint("before-gc");
gc();
checkpoint("after-gc");
"""

INTERVAL_LEAK = """// The classic asynchronous leak: an interval that is never cleared keeps its callback,
// the callback keeps the cache, and the cache grows at every tick. (Only the last line, there
// for the demo, stops it: without it the run would end at the step limit.)
const cache = [];
let ticks = 0;
const id = setInterval(() => {
  cache.push({ tick: ticks, data: "a large buffer" });
  ticks += 1;
  if (ticks === 3) checkpoint("still-growing");
}, 1000);
setTimeout(() => clearInterval(id), 4500);
"""

INTERVAL_FIXED = """// The fix: clear the interval when the work is done. Once the timer is gone nothing holds
// the callback, and a cache that only the callback used becomes garbage.
function startPolling() {
  const cache = [];
  let ticks = 0;
  const id = setInterval(() => {
    cache.push({ tick: ticks });
    ticks += 1;
    if (ticks === 3) {
      clearInterval(id);
      console.log("cleared after", cache.length, "ticks");
    }
  }, 1000);
}
startPolling();
setTimeout(() => {
  gc();
  checkpoint("after-clear");
}, 5000);
"""

ASYNC_PENDING = """// An async function suspended at an await keeps its locals in its generator object.
// Awaiting a promise that nothing else can reach makes all of it garbage.
async function load(name) {
  const buffer = { name, bytes: [1, 2, 3] };
  await new Promise(() => {});   // never settles, and nothing else refers to it
  return buffer;
}
load("forgotten");
const gate = new Promise((resolve) => setTimeout(resolve, 100));
async function waitForGate() {
  const kept = { note: "alive while the gate is reachable" };
  await gate;
  checkpoint("resumed");
  return kept;
}
waitForGate();
setTimeout(() => { gc(); checkpoint("pending"); }, 50);
"""

EXAMPLES = [
    Example("recursion", "Recursion: a frame per call", RECURSION),
    Example("closures", "Closures sharing a scope (the leak)", CLOSURES),
    Example("cycle", "A cycle, garbage and gc()", CYCLE),
    Example("interval-leak", "An interval never cleared (the async leak)", INTERVAL_LEAK),
    Example("interval-fixed", "The fix: clearInterval lets the cache go", INTERVAL_FIXED),
    Example("async-pending", "A suspended async function and what it keeps", ASYNC_PENDING),
]
