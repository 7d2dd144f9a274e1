"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { layout } = require("../../exercises/static/exercises/js/memview/layout.js");
const { analyze } = require("../../exercises/static/exercises/js/memview/analysis.js");
const { Timeline } = require("../../exercises/static/exercises/js/memview/timeline.js");
const { objectEdges } = require("../../exercises/static/exercises/js/memview/values.js");
const fx = require("./fixtures.js");

const ref = (key) => (key.startsWith("@") ? { ref: key } : { site: key });
const obj = (props, extra) => Object.assign({ type: "object", class: "Node", props }, extra || {});

function lay(s, options) {
  return layout(s, analyze(s), options);
}

function overlaps(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function allBoxes(l) {
  return l.frames.map((f) => Object.assign({ id: "frame " + f.depth }, f)).concat(l.objects.map((o) => Object.assign({ id: o.key }, o)));
}

/** Boxes that must stay clear of the garbage region: the frames and the reachable objects. */
function outsideRegion(l) {
  return allBoxes(l).filter((b) => !(b.garbage || b.freed));
}

function recursion(depth, extraObjects) {
  const stack = [{ function: "<global>", line: 20, locals: { root: ref("T1") }, scope: null, roots: [] }];
  for (let d = 1; d <= depth; d++) {
    stack.push({ function: "walk", line: 7, locals: { node: ref("T" + d), n: d }, scope: d % 2 ? "@S" + d : null, roots: ["F"] });
  }
  const heap = { F: { type: "function", class: "Function", name: "walk", scope: null, props: {} } };
  for (let d = 1; d <= depth; d++) {
    heap["T" + d] = obj({ value: d, next: d < depth ? ref("T" + (d + 1)) : null, back: d > 1 ? ref("T" + (d - 1)) : null });
    if (d % 2) heap["@S" + d] = { type: "scope", class: "Scope", props: { node: ref("T" + d) } };
  }
  for (let i = 0; i < extraObjects; i++) heap["G" + i] = obj({ i, peer: ref("G" + ((i + 1) % extraObjects)) }, { items: [1, 2, 3] });
  return { stack, heap };
}

test("no two boxes overlap, nor the garbage region a reachable box, for small and crowded states", () => {
  for (const [depth, extra] of [[1, 0], [5, 3], [12, 40], [30, 150]]) {
    const l = lay(recursion(depth, extra));
    for (const r of l.regions) for (const b of outsideRegion(l)) assert.ok(!overlaps(r, b), `region overlaps ${b.id}`);
    const boxes = allBoxes(l);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        assert.ok(!overlaps(boxes[i], boxes[j]), `${boxes[i].id} overlaps ${boxes[j].id} (depth ${depth}, ${extra} extra)`);
      }
    }
  }
});

test("the stack is on the left, innermost frame on top, each labelled with function, scope and line", () => {
  const l = lay(recursion(4, 0));
  assert.deepEqual(l.frames.map((f) => f.depth), [4, 3, 2, 1, 0]);
  for (let i = 1; i < l.frames.length; i++) assert.ok(l.frames[i].y >= l.frames[i - 1].y + l.frames[i - 1].h);
  assert.equal(l.frames[0].title, "walk · line 7");
  assert.equal(l.frames[4].title, "<global> · line 20");
  assert.equal(l.frames[1].subtitle, "scope @S3");
  assert.equal(l.frames[0].subtitle, "no closure scope");
  assert.ok(l.frames[0].current && !l.frames[1].current);
  const stackRight = Math.max(...l.frames.map((f) => f.x + f.w));
  for (const o of l.objects) assert.ok(o.x > stackRight, o.key + " is right of the stack");
});

test("primitives are written inline and every reference becomes an arrow that ends on its target's box", () => {
  const s = recursion(6, 5);
  const l = lay(s);
  const byKey = Object.fromEntries(l.objects.map((o) => [o.key, o]));
  const frameRow = l.frames.find((f) => f.depth === 3).rows.find((r) => r.label === "n");
  assert.equal(frameRow.text, "3");
  assert.equal(frameRow.ref, null);
  const expected = [];
  s.stack.forEach((f, depth) => {
    Object.entries(f.locals).forEach(([name, v]) => { if (v && v.site) expected.push(`frame:${depth}:${name}->${v.site}`); });
    if (f.scope) expected.push(`frame:${depth}:[[Scope]]->${f.scope}`);
    f.roots.forEach((r) => expected.push(`frame:${depth}:[[Root]]->${r}`));
  });
  Object.entries(s.heap).forEach(([key, o]) => objectEdges(o).forEach((e) => expected.push(`${key}->${e.key}`)));
  const got = l.arrows.map((a) => `${a.from}->${a.to}`);
  assert.deepEqual(got.slice().sort(), expected.slice().sort());
  for (const a of l.arrows) {
    const t = byKey[a.to];
    const onLeft = a.x2 === t.x, onRight = a.x2 === t.x + t.w;
    assert.ok(onLeft || onRight, `arrow ${a.from}->${a.to} ends on a side of its box`);
    assert.ok(a.y2 > t.y && a.y2 < t.y + t.h, `arrow ${a.from}->${a.to} ends within its box's height`);
    assert.ok(a.d.endsWith(` ${a.x2} ${a.y2}`));
  }
});

test("closure scopes are nodes of their own that functions and frames point to", () => {
  const trace = fx.closureCycleTrace();
  const tl = new Timeline(trace);
  const s = tl.state(tl.stepOfCheckpoint(0));
  const l = lay(s);
  const scopeBox = l.objects.find((o) => o.key === "@2");
  assert.equal(scopeBox.type, "scope");
  assert.equal(scopeBox.kind, "closure scope");
  assert.ok(l.arrows.some((a) => a.from === "3:10#1" && a.to === "@2" && a.label === "[[Scope]]"));
  // Inside the closure's call, its frame points at the same scope.
  const inCall = tl.state(4);
  assert.ok(lay(inCall).arrows.some((a) => a.from === "frame:1:[[Scope]]" && a.to === "@2"));
  // The script scope repeats the <global> frame's bindings: it is not drawn.
  assert.ok(!l.objects.some((o) => o.key === "@1"));
});

test("garbage and leaked objects are flagged and drawn after the reachable ones; freed ones at their gc step", () => {
  const trace = fx.closureCycleTrace();
  const tl = new Timeline(trace);
  const l = lay(tl.state(tl.stepOfCheckpoint(0)));
  const garbage = l.objects.filter((o) => o.garbage);
  assert.deepEqual(garbage.map((o) => o.key).sort(), ["7:9#1", "8:9#1"]);
  assert.ok(garbage.every((o) => o.leaked));
  const reachableBottom = Math.max(...l.objects.filter((o) => !o.garbage).map((o) => o.y + o.h));
  assert.ok(garbage.every((o) => o.y > reachableBottom), "garbage is drawn under the reachable objects");
  assert.equal(l.regions.length, 1);
  const r = l.regions[0];
  assert.match(r.label, /Garbage/);
  assert.ok(garbage.every((o) => o.x >= r.x && o.x + o.w <= r.x + r.w && o.y >= r.y && o.y + o.h <= r.y + r.h), "inside the garbage region");
  const gcStep = trace.steps.findIndex((e) => e.event === "gc");
  const freed = lay(tl.state(gcStep)).objects.filter((o) => o.freed).map((o) => o.key).sort();
  assert.deepEqual(freed, ["7:9#1", "8:9#1"]);
  assert.match(lay(tl.state(gcStep)).regions[0].label, /Freed by gc\(\) at this step/);
  assert.deepEqual(lay(tl.state(gcStep + 1)).objects.filter((o) => o.freed), []);
});

test("the same input gives the same layout", () => {
  const s = recursion(8, 20);
  assert.deepEqual(lay(s), lay(JSON.parse(JSON.stringify(s))));
});

test("marks attach to objects, frames and variables; marks naming nothing drawn become notes", () => {
  const s = recursion(2, 0);
  const l = lay(s, { marks: {
    objects: { T1: { kind: "extra", note: "You said garbage; it is reachable" }, NOPE: { kind: "missing", note: "gone" } },
    frames: { 1: { kind: "wrong", note: "wrong line" }, 7: { kind: "extra", note: "There is no frame h" } },
    variables: { "2.n": { kind: "wrong", note: "n is 2" } },
  } });
  assert.equal(l.objects.find((o) => o.key === "T1").mark.kind, "extra");
  assert.equal(l.frames.find((f) => f.depth === 1).mark.kind, "wrong");
  assert.equal(l.frames.find((f) => f.depth === 2).rows.find((r) => r.label === "n").mark.kind, "wrong");
  assert.deepEqual(l.notes.map((n) => n.text), ["NOPE: gone"]);
  // The extra frame is a ghost box on top of the stack, marked.
  assert.equal(l.frames[0].depth, 7);
  assert.ok(l.frames[0].ghost);
  assert.equal(l.frames[0].mark.kind, "extra");
  assert.equal(l.frames[0].rows.map((r) => r.label).join(" "), "There is no frame h");
  assert.equal(l.frames[1].depth, 2);
  assert.ok(l.frames[1].y >= l.frames[0].y + l.frames[0].h);
});

test("a crowded heap is capped with a note, and rows of a long array with a row saying how many more", () => {
  const s = { stack: [{ function: "<global>", line: 1, locals: { a: ref("ARR") }, scope: null, roots: [] }],
    heap: { ARR: { type: "array", class: "Array", props: {}, items: Array.from({ length: 500 }, (_, i) => i) } } };
  for (let i = 0; i < 600; i++) s.heap["O" + i] = obj({ i });
  const l = lay(s);
  assert.equal(l.objects.length, 120);
  assert.ok(l.notes.some((n) => /481 more objects/.test(n.text)));
  const arr = l.objects.find((o) => o.key === "ARR");
  assert.equal(arr.rows[arr.rows.length - 1].text, "476 more");
});

test("a reference to a key the heap does not hold is a built-in object, without an arrow", () => {
  const s = { stack: [{ function: "<global>", line: 1, locals: { f: { ref: "@5" }, g: { site: null }, s: { ref: "@1" } }, scope: "@1", roots: [] }],
    heap: { "@1": { type: "scope", class: "Script", props: {} } } };
  const l = lay(s);
  const rows = Object.fromEntries(l.frames[0].rows.map((r) => [r.label, r]));
  assert.equal(rows.f.text, "built-in object");
  assert.equal(rows.g.text, "built-in object");
  assert.equal(rows.s.text, "→ @1");
  assert.deepEqual(l.arrows, []);
});
