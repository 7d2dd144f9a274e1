"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { analyze, pathTo } = require("../../exercises/static/exercises/js/memview/analysis.js");

const ref = (key) => (key.startsWith("@") ? { ref: key } : { site: key });
const obj = (props, extra) => Object.assign({ type: "object", class: "Object", props }, extra || {});

function state(frames, heap) {
  return { stack: frames.map((f) => Object.assign({ function: "f", line: 1, locals: {}, scope: null, roots: [] }, f)), heap };
}

test("objects reachable from locals, a frame's scope and its roots are alive; the rest is garbage", () => {
  const s = state([{ function: "<global>", locals: { a: ref("A") } }, { function: "g", scope: "@S", roots: ["F"] }], {
    A: obj({ next: ref("B") }), B: obj({}), "@S": { type: "scope", class: "Scope", props: { x: ref("C") } },
    C: obj({}), F: { type: "function", class: "Function", name: "g", scope: null, props: {} },
    G1: obj({ other: ref("G2") }), G2: obj({ other: ref("G1") }),
  });
  const a = analyze(s);
  assert.deepEqual(Object.keys(a.reachable).sort(), ["@S", "A", "B", "C", "F"]);
  assert.deepEqual(a.garbage, ["G1", "G2"]);
});

test("every strong edge kind keeps its target alive: items, map entries, set entries, accessors, scope, parent, proto, bound target", () => {
  const s = state([{ locals: { r: ref("R") } }], {
    R: obj({ acc: { getter: ref("GET"), setter: null } }, { items: undefined }),
    GET: { type: "function", class: "Function", name: "get x", scope: ref("@C1"), props: {} },
    "@C1": { type: "scope", class: "Scope", props: {}, parent: ref("@C2") },
    "@C2": { type: "scope", class: "Scope", props: { arr: ref("ARR") } },
    ARR: { type: "array", class: "Array", props: {}, items: [1, ref("M")] },
    M: { type: "map", class: "Map", props: {}, entries: [[ref("MK"), ref("MV")]] },
    MK: obj({}), MV: { type: "set", class: "Set", props: {}, entries: [ref("SE")] },
    SE: obj({}, { proto: ref("P") }), P: obj({ b: ref("BF") }),
    BF: { type: "function", class: "Function", name: "bound f", props: {}, target: ref("T") }, T: obj({}),
  });
  assert.deepEqual(analyze(s).garbage, []);
});

test("weak references do not keep objects alive: weakset entries, weakref targets, weakmap keys", () => {
  const s = state([{ locals: { ws: ref("WS"), wr: ref("WR"), wm: ref("WM") } }], {
    WS: { type: "weakset", class: "WeakSet", props: {}, entries: [ref("X")] },
    WR: { type: "weakref", class: "WeakRef", props: {}, target: ref("Y") },
    WM: { type: "weakmap", class: "WeakMap", props: {}, entries: [[ref("K"), ref("V")]] },
    X: obj({}), Y: obj({}), K: obj({}), V: obj({}),
  });
  assert.deepEqual(analyze(s).garbage, ["K", "V", "X", "Y"]);
});

test("a weakmap value is alive exactly when its key is (ephemeron), even when the key is found later", () => {
  const heap = {
    WM: { type: "weakmap", class: "WeakMap", props: {}, entries: [[ref("K"), ref("V")], [ref("K2"), ref("V2")]] },
    K: obj({}), V: obj({ k2: ref("K2") }), K2: obj({}), V2: obj({}),
    HOLD: obj({ deep: ref("HOLD2") }), HOLD2: obj({ key: ref("K") }),
  };
  // K is reached only after the weakmap has been traced (through a longer path): V, then K2 and V2 follow.
  const alive = analyze(state([{ locals: { wm: ref("WM"), h: ref("HOLD") } }], heap));
  assert.deepEqual(alive.garbage, []);
  const hops = pathTo(alive, state([{ locals: { wm: ref("WM"), h: ref("HOLD") } }], heap), "V2");
  assert.equal(hops[hops.length - 2].key, "WM");
  const dead = analyze(state([{ locals: { wm: ref("WM") } }], heap));
  assert.deepEqual(dead.garbage, ["HOLD", "HOLD2", "K", "K2", "V", "V2"]);
});

test("reference counts count every reference from frames and from heap objects, weak ones excepted", () => {
  const s = state([{ locals: { a: ref("A"), b: ref("A") }, scope: "@S", roots: ["A"] }], {
    A: obj({ self: ref("A"), b: ref("B") }, { items: [ref("B"), ref("B")] }),
    "@S": { type: "scope", class: "Scope", props: {} },
    B: obj({}),
    WR: { type: "weakref", class: "WeakRef", props: {}, target: ref("B") },
  });
  const counts = analyze(s).refcounts;
  assert.equal(counts.A, 4);
  assert.equal(counts.B, 3);
  assert.equal(counts["@S"], 1);
  assert.equal(counts.WR, 0);
});

test("reference counting leaks cycles and what only they hold, and frees garbage chains", () => {
  const s = state([{ locals: {} }], {
    C1: obj({ o: ref("C2") }), C2: obj({ o: ref("C1"), held: ref("H") }), H: obj({}),
    CHAIN1: obj({ n: ref("CHAIN2") }), CHAIN2: obj({}),
    SELF: obj({ me: ref("SELF") }),
    // a closure cycle: the function's scope holds the function
    FN: { type: "function", class: "Function", name: "f", scope: ref("@X"), props: {} },
    "@X": { type: "scope", class: "Scope", props: { f: ref("FN") } },
  });
  const a = analyze(s);
  assert.deepEqual(a.leaked, ["@X", "C1", "C2", "FN", "H", "SELF"]);
  assert.ok(a.garbage.includes("CHAIN1") && !a.leaked.includes("CHAIN1"));
});

test("the shortest path names the frame, the variable and every edge, innermost frame first", () => {
  const s = state([
    { function: "<global>", locals: { list: ref("A") } },
    { function: "main", locals: { list: ref("A"), far: ref("Z") } },
  ], {
    A: obj({ next: ref("B") }), B: obj({ next: ref("C") }), C: obj({}), Z: obj({ c: ref("C") }),
  });
  const a = analyze(s);
  const hops = pathTo(a, s, "B", { A: "A#1", B: "B#2" });
  assert.deepEqual(hops.map((h) => h.text), ['frame "main" · variable list', "A#1 .next", "B#2"]);
  assert.equal(hops[0].depth, 1);
  const toC = pathTo(a, s, "C");
  assert.deepEqual(toC.map((h) => h.text), ['frame "main" · variable far', "Z .c", "C"]);
  assert.equal(pathTo(a, s, "nope"), null);
});

test("a path through a frame's scope says so", () => {
  const s = state([{ function: "counter", scope: "@S" }], { "@S": { type: "scope", class: "Scope", props: { n: ref("N") } }, N: obj({}) });
  const hops = pathTo(analyze(s), s, "N");
  assert.deepEqual(hops.map((h) => h.text), ['frame "counter" · its scope', "@S .n", "N"]);
});

test("garbage has no path", () => {
  const s = state([{ locals: {} }], { G: obj({}) });
  assert.equal(pathTo(analyze(s), s, "G"), null);
});
