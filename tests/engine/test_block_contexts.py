"""A block's context (the scope object of the variables its closures use) is dropped when the block is left, as V8
pops its context register: at the block's end, by break/continue out of it, and by a throw caught in the same
function. Only closures created in the block keep it. The expected `reachable` lists are V8's, measured with the
conformance harness (tests/conformance/programs/372_caught_error_dropped.js and 373_block_context_dropped.js check
the same against node on every run)."""

from __future__ import annotations

import engine


def _reachable(source: str) -> list[list[str]]:
    result = engine.trace(source).to_json()
    assert result["error"] is None, result["error"]
    return [cp["reachable"] for cp in result["checkpoints"]]


def test_a_caught_error_a_closure_captured_is_dropped_after_the_catch_block() -> None:
    src = """function f() {
  let fns = [];
  try {
    throw new Error("x");
  } catch (e) {
    fns.push(() => e.message);
  }
  fns = null;
  checkpoint("after");
}
f();
"""
    assert _reachable(src) == [["1:1#1"]]


def test_a_block_context_is_dropped_at_the_end_of_the_block_and_by_a_break() -> None:
    src = """function f() {
  let fns = [];
  {
    let o = {};
    fns.push(() => o);
  }
  for (let i = 0; i < 3; i++) {
    let p = { i };
    fns.push(() => p);
    if (i === 1) break;
  }
  fns = null;
  checkpoint("after");
}
f();
"""
    assert _reachable(src) == [["1:1#1"]]


def test_a_block_context_is_dropped_when_a_throw_leaves_it_for_a_catch_in_the_same_function() -> None:
    src = """function f() {
  let fns;
  try {
    {
      let inner = {};
      fns = [() => inner];
      throw new Error("x");
    }
  } catch (e) {
    fns = null;
  }
  checkpoint("after");
}
f();
"""
    assert _reachable(src) == [["1:1#1"]]


def test_closures_keep_their_block_contexts() -> None:
    src = """const keep = [];
for (let i = 0; i < 2; i++) {
  const o = { i };
  keep.push(() => o);
}
{
  let top = {};
  keep.push(() => top);
}
checkpoint("kept");
"""
    assert _reachable(src) == [["1:14#1", "3:13#1", "3:13#2", "4:13#1", "4:13#2", "7:13#1", "8:13#1"]]


def test_jumps_out_of_blocks_with_contexts_keep_the_loops_working() -> None:
    src = """const fns = [];
outer: for (let i = 0; i < 4; i++) {
  for (let j = 0; j < 3; j++) {
    const cell = { i, j };
    fns.push(() => cell.i * 10 + cell.j + i);
    if (j === 1) continue outer;
  }
}
for (let k = 0; k < 5; k++) {
  switch (k % 3) {
    case 0:
      let z = k;
      fns.push(() => z);
      continue;
    default:
      fns.push(() => k);
  }
  if (k === 3) break;
}
done: {
  let w = 7;
  fns.push(() => w);
  if (fns.length > 0) break done;
  fns.push(() => -1);
}
console.log(fns.map((f) => f()).join(" "));
"""
    result = engine.trace(src).to_json()
    assert result["error"] is None
    assert result["output"] == ["0 1 11 12 22 23 33 34 0 1 2 3 4 7"]  # what node prints
