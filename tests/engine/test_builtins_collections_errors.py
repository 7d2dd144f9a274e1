"""Map, Set, WeakMap, WeakSet, WeakRef, FinalizationRegistry and the Error types.

The expected lines are node v20's own output for each program (see builtin_table.py).
"""

from __future__ import annotations

from builtin_table import Case, table_tests

CASES: list[Case] = [
    Case('map-basics', r"""
const m = new Map(); m.set("a", 1).set("b", 2).set("a", 3);
console.log(m.get("a"), m.get("zz"), m.has("b"), m.size, m.delete("b"), m.delete("b"), m.size, m);
const k = {}; m.set(k, "obj"); m.set(NaN, "nan"); m.set(-0, "zero");
console.log(m.get(k), m.get({}), m.get(NaN), m.get(0), [...m.keys()]);
m.clear(); console.log(m.size, m);
""", [
        "3 undefined true 2 true false 1 Map(1) { 'a' => 3 }",
        "obj undefined nan zero [ 'a', {}, NaN, 0 ]",
        '0 Map(0) {}',
    ]),
    Case('map-iteration-order-and-mutation', r"""
const m = new Map([["x", 1], ["y", 2], ["z", 3]]);
for (const [k, v] of m) { if (k === "x") { m.delete("y"); m.set("w", 4); } console.log(k, v); }
m.forEach((v, k, map) => console.log(k, v, map === m));
console.log([...m.entries()], [...m.values()], Array.from(m.keys()));
""", [
        'x 1',
        'z 3',
        'w 4',
        'x 1 true',
        'z 3 true',
        'w 4 true',
        "[ [ 'x', 1 ], [ 'z', 3 ], [ 'w', 4 ] ] [ 1, 3, 4 ] [ 'x', 'z', 'w' ]",
    ]),
    Case('set-basics', r"""
const s = new Set([1, 2, 2, "2", NaN, NaN]); s.add(3).add(1);
console.log(s.size, s.has(2), s.has("3"), s.delete(2), s.has(2), s, [...s]);
s.forEach((v, k, set) => console.log(v, k, set === s));
console.log([...new Set("hello")].join(""), new Set([[1], [1]]).size, [...s.entries()][0], s.keys === s.values);
""", [
        "5 true false true false Set(4) { 1, '2', NaN, 3 } [ 1, '2', NaN, 3 ]",
        '1 1 true',
        '2 2 true',
        'NaN NaN true',
        '3 3 true',
        'helo 2 [ 1, 1 ] true',
    ]),
    Case('set-mutation-during-iteration', r"""
const s = new Set([1, 2, 3]);
for (const v of s) { if (v < 3) s.add(v + 10); s.delete(2); console.log(v); }
console.log(s);
""", [
        '1',
        '3',
        '11',
        'Set(3) { 1, 3, 11 }',
    ]),
    Case('v8-ordered-table-iteration', r"""
const m2 = new Map([[1, "a"], [2, "b"]]); let n = 0; for (const [k] of m2) { m2.delete(k); m2.set(k, "again"); if (++n > 5) break; } console.log(m2, n);
const s = new Set([1, 2, 3, 4]); const seen = []; for (const v of s) { seen.push(v); if (v === 1) { s.delete(2); s.add(2); s.clear(); s.add(9); } } console.log(seen, s);
const big = new Map(); for (let i = 0; i < 100; i++) big.set(i, i); const out = []; for (const [k] of big) { if (k < 90) { big.delete(k); big.delete(k + 1); } out.push(k); } console.log(out.join(","), big.size);
const it = new Set([1, 2, 3]).values(); const s2 = new Set([5, 6, 7]); const it2 = s2.values(); it2.next(); s2.delete(5); s2.delete(6); console.log(it2.next(), it2, it);
const m3 = new Map([["a", 1]]); m3.forEach((v, k) => { if (k.length < 4) m3.set(k + "a", v + 1); }); console.log(m3);
""", [
        "Map(2) { 1 => 'again', 2 => 'again' } 6",
        '[ 1, 9 ] Set(1) { 9 }',
        '0,2,4,6,8,10,12,14,16,18,20,22,24,26,28,30,32,34,36,38,40,42,44,46,48,50,52,54,56,58,60,62,64,66,68,70,72,74,76,78,80,82,84,86,88,90,91,92,93,94,95,96,97,98,99 10',
        '{ value: 7, done: false } [Set Iterator] {  } [Set Iterator] { 1, 2, 3 }',
        "Map(4) { 'a' => 1, 'aa' => 2, 'aaa' => 3, 'aaaa' => 4 }",
    ]),
    Case('collection-errors', r"""
for (const f of [() => Map(), () => new Map([1]), () => new Map(5), () => Map.prototype.get.call({}, 1), () => Set.prototype.add.call([], 1),
  () => new WeakMap().set(1, 2), () => new WeakSet().add("s"), () => new WeakRef(1), () => new Set(5), () => new Map([[1, 2]]).forEach(3)]) {
  try { f(); console.log("no error"); } catch (e) { console.log(e.name + ": " + e.message); } }
""", [
        "TypeError: Constructor Map requires 'new'",
        'TypeError: Iterator value 1 is not an entry object',
        'TypeError: number 5 is not iterable (cannot read property Symbol(Symbol.iterator))',
        'TypeError: Method Map.prototype.get called on incompatible receiver #<Object>',
        'TypeError: Method Set.prototype.add called on incompatible receiver [object Array]',
        'TypeError: Invalid value used as weak map key',
        'TypeError: Invalid value used in weak set',
        'TypeError: WeakRef: invalid target',
        'TypeError: number 5 is not iterable (cannot read property Symbol(Symbol.iterator))',
        'TypeError: number 3 is not a function',
    ]),
    Case('weak-collections', r"""
const wm = new WeakMap(); const k1 = {}; const k2 = {};
wm.set(k1, "one"); console.log(wm.get(k1), wm.get(k2), wm.has(k1), wm.has(1), wm.delete(k1), wm.has(k1), wm.get("x"));
const ws = new WeakSet([k1]); console.log(ws.has(k1), ws.has(k2), ws.add(k2) === ws, ws.delete(k2), ws.has(k2), ws);
const wm2 = new WeakMap([[k1, 1], [k2, 2]]); console.log(wm2.get(k2), wm2);
""", [
        'one undefined true false true false undefined',
        'true false true true false WeakSet { <items unknown> }',
        '2 WeakMap { <items unknown> }',
    ]),
    Case('weakref', r"""
const target = { name: "t" }; const r = new WeakRef(target);
console.log(r.deref() === target, r.deref().name, typeof r, Object.prototype.toString.call(r));
""", [
        'true t object [object WeakRef]',
    ]),
    Case('finalization-registry', r"""
const r = new FinalizationRegistry(h => console.log("cleaned", h)); console.log(r);
const t = {}; r.register(t, "held", t); console.log(r.unregister(t), r.unregister(t), r.unregister({}));
for (const f of [() => new FinalizationRegistry(), () => FinalizationRegistry(() => 1), () => r.register(1, 2), () => r.register(t, t), () => r.unregister(1)]) { try { console.log(f()); } catch (e) { console.log(e.name + ": " + e.message); } }
console.log(Object.prototype.toString.call(r), r.register({}, 1));
""", [
        'FinalizationRegistry {}',
        'true false false',
        'TypeError: FinalizationRegistry: cleanup must be callable',
        "TypeError: Constructor FinalizationRegistry requires 'new'",
        'TypeError: FinalizationRegistry.prototype.register: invalid target',
        'TypeError: FinalizationRegistry.prototype.register: target and holdings must not be same',
        "TypeError: Invalid unregisterToken ('1')",
        '[object FinalizationRegistry] undefined',
    ]),
    Case('subclassing-collections', r"""
class Registry extends Map { register(k, v) { return this.set(k, v); } }
const r = new Registry(); r.register("a", 1); console.log(r.get("a"), r.size, r instanceof Map, r);
class Tags extends Set { constructor(items) { super(items); this.label = "tags"; } } console.log(new Tags(["x"]));
""", [
        "1 1 true Registry(1) [Map] { 'a' => 1 }",
        "Tags(1) [Set] { 'x', label: 'tags' }",
    ]),
    Case('errors-basics', r"""
const e = new Error("boom"); console.log(e.name, e.message, String(e), e.toString(), e instanceof Error, Object.keys(e));
const t = TypeError("no new"); console.log(t.name, t.message, t instanceof TypeError, t instanceof Error, Object.getPrototypeOf(TypeError) === Error);
console.log(new RangeError("r").name, new ReferenceError("x").name, new SyntaxError("s").name, new EvalError("e").name, new URIError("u").name);
console.log(new Error().message === "", String(new Error()), new Error(undefined).message, new Error(42).message, typeof new Error("x").stack);
const c = new Error("outer", { cause: "inner" }); console.log(c.cause);
""", [
        'Error boom Error: boom Error: boom true []',
        'TypeError no new true true true',
        'RangeError ReferenceError SyntaxError EvalError URIError',
        'true Error  42 string',
        'inner',
    ]),
    Case('error-subclasses', r"""
class ValidationError extends Error { constructor(msg, field) { super(msg); this.name = "ValidationError"; this.field = field; } }
try { throw new ValidationError("bad input", "email"); } catch (e) {
  console.log(e.name, e.message, e.field, e instanceof ValidationError, e instanceof Error, String(e), Object.keys(e)); }
class NotFound extends Error {} const n = new NotFound("missing"); console.log(n.name, String(n), n.constructor.name);
""", [
        "ValidationError bad input email true true ValidationError: bad input [ 'name', 'field' ]",
        'Error Error: missing NotFound',
    ]),
    Case('engine-raised-errors', r"""
for (const f of [() => null.x, () => undefined.y(), () => { const o = {}; o.method(); }, () => missingVar, () => { let a = 1; a(); }, () => new (class A {})().x.y]) {
  try { f(); } catch (e) { console.log(e.constructor.name, e instanceof Error, e.message); } }
""", [
        "TypeError true Cannot read properties of null (reading 'x')",
        "TypeError true Cannot read properties of undefined (reading 'y')",
        'TypeError true o.method is not a function',
        'ReferenceError true missingVar is not defined',
        'TypeError true a is not a function',
        "TypeError true Cannot read properties of undefined (reading 'y')",
    ]),
    Case('error-stack-first-line', r"""
function inner() { return new Error("deep"); } const e = inner();
console.log(e.stack.split("\n")[0], e.stack.split("\n").length > 1, e.stack.split("\n")[1].trim().startsWith("at "));
const t = new TypeError("typed"); console.log(t.stack.split("\n")[0]);
""", [
        'Error: deep true true',
        'TypeError: typed',
    ]),
    Case('error-to-string-variants', r"""
const e = new Error("m"); e.name = ""; console.log(String(e)); e.name = "Custom"; e.message = ""; console.log(String(e));
console.log(Error.prototype.toString.call({ name: "N", message: "M" }), Error.prototype.name, Error.prototype.message === "");
""", [
        'm',
        'Custom',
        'N: M Error true',
    ]),
]


test_engine_prints_what_node_prints, test_table_agrees_with_node = table_tests(CASES)
