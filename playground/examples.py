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

EXAMPLES = [
    Example("recursion", "Recursion: a frame per call", RECURSION),
    Example("closures", "Closures sharing a scope (the leak)", CLOSURES),
    Example("cycle", "A cycle, garbage and gc()", CYCLE),
]
