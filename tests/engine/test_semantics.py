"""Table-driven semantics tests: every construct of the teaching subset (issue 2, item 2).

Each case is a small program and the lines node prints for it. `test_engine_prints_what_node_prints` runs the
engine; `test_table_agrees_with_node` runs every case in real node so the table cannot drift from V8.
Cases the engine gets wrong are marked xfail (strict) with the bug they show; /tmp/engine_bugs.md describes them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    output: list[str]
    engine_bug: str | None = field(default=None)


def lines(text: str) -> list[str]:
    return text.strip("\n").split("\n")


CASES: list[Case] = [
    # ---- var / let / const, block scope, TDZ -------------------------------------------------------------------
    Case("var-function-scoped", """
function f() { if (true) { var x = 1; } return x; }
console.log(f());
""", ["1"]),
    Case("var-hoisted-undefined", """
console.log(typeof v, v);
var v = 5;
console.log(v);
""", ["undefined undefined", "5"]),
    Case("let-block-scope", """
let x = 1;
{ let x = 2; console.log(x); }
console.log(x);
""", ["2", "1"]),
    Case("let-tdz-reference-error", """
try { console.log(y); let y = 1; } catch (e) { console.log(e.name + ": " + e.message); }
""", ["ReferenceError: Cannot access 'y' before initialization"]),
    Case("tdz-in-inner-function", """
function g() { return z; }
try { g(); } catch (e) { console.log(e.name); }
let z = 3;
console.log(g());
""", ["ReferenceError", "3"]),
    Case("const-assignment-type-error", """
const c = 1;
try { c = 2; } catch (e) { console.log(e.name + ": " + e.message); }
console.log(c);
""", ["TypeError: Assignment to constant variable.", "1"]),
    Case("const-object-mutable", """
const o = {a: 1};
o.a = 2;
console.log(o.a);
""", ["2"]),
    Case("undeclared-reference-error", """
try { nope + 1; } catch (e) { console.log(e.name + ": " + e.message); }
""", ["ReferenceError: nope is not defined"]),
    Case("implicit-global", """
function f() { leaked = 7; }
f();
console.log(leaked, globalThis.leaked);
""", ["7 7"]),
    Case("let-per-iteration-binding", """
const fs = [];
for (let i = 0; i < 3; i++) fs.push(() => i);
console.log(fs.map(f => f()).join(","));
""", ["0,1,2"]),
    Case("var-shared-loop-binding", """
const fs = [];
for (var i = 0; i < 3; i++) fs.push(() => i);
console.log(fs.map(f => f()).join(","));
""", ["3,3,3"]),
    Case("shadowing-in-nested-blocks", """
let a = "outer";
function f() { let a = "fn"; { let a = "block"; console.log(a); } return a; }
console.log(f(), a);
""", ["block", "fn outer"]),

    Case("block-function-declaration-is-var-scoped-in-sloppy-mode", """
function outer() {
  if (true) {
    function blockFn() { return 1; }
  }
  return typeof blockFn;
}
function strictOuter() {
  "use strict";
  if (true) {
    function blockFn() { return 1; }
  }
  return typeof blockFn;
}
console.log(outer(), strictOuter());
""", ["function undefined"]),

    # ---- functions -----------------------------------------------------------------------------------------------
    Case("function-declaration-hoisted", """
console.log(sq(4));
function sq(n) { return n * n; }
""", ["16"]),
    Case("function-expression-named-recursion", """
const fact = function f(n) { return n <= 1 ? 1 : n * f(n - 1); };
console.log(fact(5), fact.name);
""", ["120 f"]),
    Case("arrow-expression-and-block-body", """
const add = (a, b) => a + b;
const sign = n => { if (n < 0) return -1; return 1; };
const mk = () => ({v: 1});
console.log(add(2, 3), sign(-4), mk().v);
""", ["5 -1 1"]),
    Case("function-names", """
const f = () => 1;
const o = { m() {}, k: function () {}, get g() { return 1; } };
class C { static s() {} }
console.log(f.name, o.m.name, o.k.name, C.name, C.s.name);
console.log(Object.getOwnPropertyDescriptor(o, "g").get.name);
""", ["f m k C s", "get g"]),
    Case("missing-arguments-are-undefined", """
function f(a, b) { return b; }
console.log(f(1));
""", ["undefined"]),
    Case("default-parameters", """
function greet(name = "you", punct = name.length > 3 ? "!" : ".") { return "hi " + name + punct; }
console.log(greet(), greet("Ada"), greet("Grace"), greet(undefined, "?"));
""", ["hi you. hi Ada. hi Grace! hi you?"]),
    Case("rest-parameters", """
function f(first, ...rest) { return first + ":" + rest.length + ":" + rest.join("|"); }
console.log(f(1), f(1, 2, 3));
""", ["1:0: 1:2:2|3"]),
    Case("arguments-object", """
function f() { return arguments.length + ":" + arguments[1]; }
console.log(f("a", "b", "c"));
""", ["3:b"]),
    Case("function-length", """
function f(a, b = 1, ...c) {}
console.log(f.length, ((x, y) => 0).length);
""", ["1 2"]),

    # ---- closures ------------------------------------------------------------------------------------------------
    Case("closure-counter", """
function counter() { let n = 0; return () => ++n; }
const c1 = counter(), c2 = counter();
c1(); c1();
console.log(c1(), c2());
""", ["3 1"]),
    Case("closures-share-one-scope", """
function pair() { let v = 0; return { inc: () => v++, get: () => v }; }
const p = pair();
p.inc(); p.inc();
console.log(p.get());
""", ["2"]),
    Case("closure-sees-later-assignment", """
let x = 1;
const read = () => x;
x = 2;
console.log(read());
""", ["2"]),
    Case("iife", """
const r = (function (a) { return a * 2; })(21);
console.log(r);
""", ["42"]),

    # ---- spread --------------------------------------------------------------------------------------------------
    Case("spread-in-call-and-array", """
const xs = [1, 2, 3];
console.log(Math.max(...xs), [0, ...xs, 4].length);
""", ["3 5"]),
    Case("spread-string-and-set", """
console.log([..."abc"].join("-"), [...new Set([1, 1, 2])].length);
""", ["a-b-c 2"]),
    Case("object-spread", """
const a = {x: 1, y: 2};
const b = {...a, y: 3, z: 4};
console.log(b.x, b.y, b.z, Object.keys(b).join(""));
""", ["1 3 4 xyz"]),

    # ---- object and array literals -------------------------------------------------------------------------------
    Case("object-literal-computed-shorthand-method", """
const k = "dyn";
const x = 5;
const o = { x, [k + "1"]: 2, ["a" + "b"]: 3, m() { return this.x; } };
console.log(o.x, o.dyn1, o.ab, o.m());
""", ["5 2 3 5"]),
    Case("array-literal-holes-and-length", """
const a = [1, , 3];
console.log(a.length, a[1], 1 in a);
a[5] = 6;
console.log(a.length);
""", ["3 undefined false", "6"]),
    Case("nested-literals", """
const data = { list: [ {n: 1}, {n: 2} ], meta: { ok: true } };
console.log(data.list[1].n, data.meta.ok);
""", ["2 true"]),
    Case("array-length-truncates", """
const a = [1, 2, 3, 4];
a.length = 2;
console.log(a.join(","), a[3]);
""", ["1,2 undefined"]),

    # ---- property get / set / delete ---------------------------------------------------------------------------
    Case("property-dot-and-bracket", """
const o = {};
o.a = 1;
o["b c"] = 2;
const key = "a";
console.log(o[key], o["b c"], o.missing);
""", ["1 2 undefined"]),
    Case("numeric-keys-are-strings", """
const o = {};
o[1] = "one";
console.log(o["1"], Object.keys(o)[0] === "1");
""", ["one true"]),
    Case("delete-property", """
const o = {a: 1, b: 2};
console.log(delete o.a, "a" in o, o.a);
delete o["b"];
console.log(Object.keys(o).length);
""", ["true false undefined", "0"]),
    Case("property-order", """
const o = {b: 1, 2: "x", a: 2, 1: "y"};
console.log(Object.keys(o).join(","));
""", ["1,2,b,a"]),
    Case("read-property-of-undefined", """
try { const u = undefined; u.x; } catch (e) { console.log(e.name + ": " + e.message); }
try { const n = null; n.x; } catch (e) { console.log(e.message); }
""", ["TypeError: Cannot read properties of undefined (reading 'x')",
      "Cannot read properties of null (reading 'x')"]),
    Case("set-property-of-null", """
try { let n = null; n.x = 1; } catch (e) { console.log(e.name + ": " + e.message); }
""", ["TypeError: Cannot set properties of null (setting 'x')"]),
    Case("call-non-function", """
const o = {};
try { o.f(); } catch (e) { console.log(e.name + ": " + e.message); }
""", ["TypeError: o.f is not a function"]),

    # ---- this and method calls -----------------------------------------------------------------------------------
    Case("this-in-method", """
const o = { n: 3, get() { return this.n; } };
console.log(o.get());
""", ["3"]),
    Case("this-lost-when-extracted", """
"use strict";
const o = { n: 3, get() { return this === undefined; } };
const g = o.get;
console.log(g());
""", ["true"]),
    Case("arrow-captures-this", """
const o = { n: 4, later() { return [1].map(() => this.n)[0]; } };
console.log(o.later());
""", ["4"]),
    Case("call-apply-bind", """
function show(a, b) { return this.tag + a + b; }
const t = {tag: "T"};
console.log(show.call(t, 1, 2), show.apply(t, [3, 4]), show.bind(t, 5)(6));
""", ["T12 T34 T56"]),
    Case("top-level-this-is-global", """
var g1 = 10;
console.log(this.g1, this === globalThis);
""", ["10 true"]),

    # ---- new, constructors, prototypes --------------------------------------------------------------------------
    Case("new-constructor-function", """
function Point(x, y) { this.x = x; this.y = y; }
Point.prototype.sum = function () { return this.x + this.y; };
const p = new Point(1, 2);
console.log(p.sum(), p instanceof Point, p.constructor === Point);
""", ["3 true true"]),
    Case("constructor-returning-object", """
function F() { this.a = 1; return {b: 2}; }
const o = new F();
console.log(o.a, o.b);
""", ["undefined 2"]),
    Case("prototype-chain-lookup", """
const base = { hello() { return "hi from base"; } };
const child = Object.create(base);
child.own = 1;
console.log(child.hello(), Object.getPrototypeOf(child) === base, child.hasOwnProperty("hello"));
""", ["hi from base true false"]),
    Case("shadowing-prototype-property", """
function A() {}
A.prototype.v = 1;
const a = new A();
a.v = 2;
console.log(a.v, A.prototype.v);
delete a.v;
console.log(a.v);
""", ["2 1", "1"]),

    # ---- classes -------------------------------------------------------------------------------------------------
    Case("class-constructor-and-method", """
class Counter {
  constructor(start) { this.n = start; }
  inc() { this.n++; return this; }
}
console.log(new Counter(5).inc().inc().n);
""", ["7"]),
    Case("class-extends-super", """
class Animal {
  constructor(name) { this.name = name; }
  speak() { return this.name + " makes a sound"; }
}
class Dog extends Animal {
  constructor(name) { super(name); this.kind = "dog"; }
  speak() { return super.speak() + " (woof)"; }
}
const d = new Dog("Rex");
console.log(d.speak(), d instanceof Animal, d.kind);
""", ["Rex makes a sound (woof) true dog"]),
    Case("class-implicit-derived-constructor", """
class A { constructor(x) { this.x = x; } }
class B extends A {}
console.log(new B(9).x);
""", ["9"]),
    Case("class-getters-setters", """
class Temp {
  constructor() { this._c = 0; }
  get f() { return this._c * 9 / 5 + 32; }
  set f(v) { this._c = (v - 32) * 5 / 9; }
}
const t = new Temp();
t.f = 212;
console.log(t._c, t.f);
""", ["100 212"]),
    Case("class-static-members", """
class M {
  static count = 0;
  static make() { M.count++; return new M(); }
}
M.make(); M.make();
console.log(M.count, typeof M.make);
""", ["2 function"]),
    Case("class-fields", """
class P {
  x = 1;
  y = this.x + 1;
  arrow = () => this.y;
}
const p = new P();
const f = p.arrow;
console.log(p.x, p.y, f());
""", ["1 2 2"]),
    Case("named-class-expression-binds-its-name-inside", """
const Named = class Inner { who() { return Inner.name; } static make() { return new Inner(); } };
console.log(new Named().who(), Named.make() instanceof Named, typeof Inner);
""", ["Inner true undefined"]),
    Case("class-conversions-tostring-valueof-tojson", """
class Money { constructor(c) { this.c = c; } toString() { return "$" + this.c; } valueOf() { return this.c; } toJSON() { return {cents: this.c}; } }
const m = new Money(5);
console.log(`${m}`, m + 1, m * 2, String(m), JSON.stringify({m}), [m] + "", m > 4);
""", ['$5 6 10 $5 {"m":{"cents":5}} $5 true']),
    Case("class-without-new-throws", """
class K {}
try { K(); } catch (e) { console.log(e.name + ": " + e.message); }
""", ["TypeError: Class constructor K cannot be invoked without 'new'"]),
    Case("class-this-before-super", """
class A {}
class B extends A { constructor() { this.x = 1; super(); } }
try { new B(); } catch (e) { console.log(e.name); }
""", ["ReferenceError"]),
    Case("class-methods-on-prototype", """
class A { m() {} }
const a = new A();
console.log(a.hasOwnProperty("m"), Object.getPrototypeOf(a) === A.prototype, typeof A);
""", ["false true function"]),
    Case("class-tdz", """
try { new Late(); } catch (e) { console.log(e.name); }
class Late {}
""", ["ReferenceError"]),
    Case("super-method-in-object-chain", """
class A { static who() { return "A"; } }
class B extends A { static who() { return super.who() + "B"; } }
console.log(B.who());
""", ["AB"]),

    # ---- template literals ---------------------------------------------------------------------------------------
    Case("template-literals", """
const n = 3, who = "world";
console.log(`hello ${who}: ${n * 2} ${[1, 2]} ${{}} ${null} ${undefined}`);
console.log(`line1
line2`);
""", ["hello world: 6 1,2 [object Object] null undefined", "line1", "line2"]),
    Case("template-nested", """
const items = ["a", "b"];
console.log(`${items.map(i => `<${i}>`).join("")}`);
""", ["<a><b>"]),

    # ---- primitives, typeof, instanceof, in ----------------------------------------------------------------------
    Case("typeof-values", """
console.log(typeof 1, typeof "s", typeof true, typeof undefined, typeof null);
console.log(typeof {}, typeof [], typeof function () {}, typeof class {}, typeof Symbol());
console.log(typeof undeclaredName);
""", ["number string boolean undefined object", "object object function function symbol", "undefined"]),
    Case("instanceof", """
class A {}
class B extends A {}
const b = new B();
console.log(b instanceof B, b instanceof A, b instanceof Object, [] instanceof Array, {} instanceof A);
""", ["true true true true false"]),
    Case("in-operator", """
const o = {a: undefined};
console.log("a" in o, "b" in o, "toString" in o, 0 in [5], 1 in [5]);
""", ["true false true true false"]),
    Case("number-arithmetic", """
console.log(0.1 + 0.2, 7 / 2, 7 % 3, -7 % 3, 2 ** 10, 1 / 0, -1 / 0, 0 / 0);
console.log(1e21, 123456789012, 1 / 3, -0, 5e-7);
""", ["0.30000000000000004 3.5 1 -1 1024 Infinity -Infinity NaN",
      "1e+21 123456789012 0.3333333333333333 -0 5e-7"]),
    Case("string-concat-coercion", """
console.log("1" + 2, 1 + 2 + "3", "3" * "4", "a" - 1, true + 1, null + 1, undefined + 1);
""", ["12 33 12 NaN 2 1 NaN"]),
    Case("equality", """
console.log(1 == "1", 1 === "1", null == undefined, null === undefined, NaN === NaN, 0 === -0);
console.log([] == false, "" == 0, {} === {}, "b" > "a", "10" < "9", 10 < 9);
""", ["true false true false false true", "true true false true true false"]),
    Case("truthiness", """
const vals = [0, "", null, undefined, NaN, "0", [], {}, -1];
console.log(vals.map(v => !!v).join(","));
""", ["false,false,false,false,false,true,true,true,true"]),
    Case("number-conversions", """
console.log(Number("42"), Number(""), Number("x"), parseInt("42px"), parseFloat("3.5e1"), String(12), (255).toString(16));
console.log((3.14159).toFixed(2), Number.isInteger(4), isNaN("abc"), Number.MAX_SAFE_INTEGER);
""", ["42 0 NaN 42 35 12 ff", "3.14 true true 9007199254740991"]),

    # ---- operators -----------------------------------------------------------------------------------------------
    Case("optional-chaining", """
const o = {a: {b: 1}, f() { return "called"; }};
const n = null;
console.log(o?.a?.b, n?.a, n?.a.b.c, o.x?.y, o.f?.(), o.g?.(), o?.["a"]?.b);
""", ["1 undefined undefined undefined called undefined 1"]),
    Case("nullish-coalescing", """
console.log(null ?? "d", undefined ?? "d", 0 ?? "d", "" ?? "d", false ?? "d");
""", ["d d 0  false"]),
    Case("logical-operators-short-circuit", """
let calls = 0;
const t = () => { calls++; return true; };
console.log(false && t(), true || t(), 0 || "x", 1 && "y", calls);
""", ["false true x y 0"]),
    Case("increment-decrement", """
let i = 5;
const a = i++, b = ++i, c = i--, d = --i;
const o = {n: 1};
o.n++; o["n"] += 10;
console.log(a, b, c, d, i, o.n);
""", ["5 7 7 5 5 12"]),
    Case("compound-assignment", """
let x = 10;
x += 5; x -= 3; x *= 2; x /= 4; x %= 4; x **= 3;
let s = "a"; s += "b";
let bits = 5; bits &= 3; bits |= 8; bits ^= 1; bits <<= 2; bits >>= 1;
console.log(x, s, bits);
""", ["8 ab 16"]),
    Case("logical-assignment", """
let a = null, b = 0, c = 1;
a ??= "A"; b ||= "B"; c &&= "C";
const o = {};
o.list ??= [];
o.list.push(1);
o.list ??= "never";
console.log(a, b, c, o.list.length);
""", ["A B C 1"]),
    Case("bitwise-and-shift", """
console.log(5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 4, -16 >> 2, -16 >>> 28);
""", ["1 7 6 -6 16 -4 15"]),
    Case("conditional-comma-void", """
const x = 3;
console.log(x > 2 ? "big" : "small", (1, 2, 3), void 0);
""", ["big 3 undefined"]),
    Case("unary-plus-minus-not", """
console.log(+"3", -"3", !"", +true, -(-2), +[], +{});
""", ["3 -3 true 1 2 0 NaN"]),

    # ---- control flow --------------------------------------------------------------------------------------------
    Case("if-else-chain", """
function grade(n) { if (n >= 90) return "A"; else if (n >= 80) return "B"; else return "C"; }
console.log(grade(95), grade(85), grade(10));
""", ["A B C"]),
    Case("switch-fallthrough-default", """
function f(x) {
  let out = "";
  switch (x) {
    case 1: out += "one ";
    case 2: out += "two "; break;
    default: out += "other ";
    case 3: out += "three";
  }
  return out;
}
console.log(f(1) + "|" + f(2) + "|" + f(3) + "|" + f(9));
""", ["one two |two |three|other three"]),
    Case("switch-strict-equality", """
switch ("1") { case 1: console.log("number"); break; case "1": console.log("string"); break; }
""", ["string"]),
    Case("for-loop-break-continue", """
let out = [];
for (let i = 0; i < 10; i++) { if (i % 2) continue; if (i > 6) break; out.push(i); }
console.log(out.join(","));
""", ["0,2,4,6"]),
    Case("for-of-array-string-map", """
let s = "";
for (const x of [1, 2]) s += x;
for (const ch of "ab") s += ch;
for (const [k, v] of new Map([["k", "v"]])) s += k + v;
console.log(s);
""", ["12abkv"]),
    Case("for-in-own-and-inherited", """
const proto = {inherited: 1};
const o = Object.create(proto);
o.own = 2;
const keys = [];
for (const k in o) keys.push(k);
for (const i in ["x", "y"]) keys.push(typeof i + i);
console.log(keys.join(","));
""", ["own,inherited,string0,string1"]),
    Case("while-and-do-while", """
let i = 0, n = 0;
while (i < 3) { i++; n += i; }
do { n += 100; } while (false);
console.log(i, n);
""", ["3 106"]),
    Case("nested-loops-break-inner", """
const out = [];
for (let i = 0; i < 3; i++) { for (let j = 0; j < 3; j++) { if (j > i) break; out.push(`${i}${j}`); } }
console.log(out.join(" "));
""", ["00 10 11 20 21 22"]),
    Case("return-from-inside-loop", """
function find(xs, t) { for (const x of xs) { if (x === t) return "found " + x; } return "none"; }
console.log(find([1, 2, 3], 2), find([], 1));
""", ["found 2 none"]),

    # ---- exceptions ----------------------------------------------------------------------------------------------
    Case("try-catch-finally-order", """
const log = [];
function f() { try { log.push("try"); throw new Error("boom"); } catch (e) { log.push("catch " + e.message); return "ret"; } finally { log.push("finally"); } }
log.push(f());
console.log(log.join(", "));
""", ["try, catch boom, finally, ret"]),
    Case("finally-overrides-return", """
function f() { try { return 1; } finally { console.log("cleanup"); } }
function g() { try { return 1; } finally { return 2; } }
console.log(f(), g());
""", ["cleanup", "1 2"]),
    Case("error-types", """
const errs = [new Error("e"), new TypeError("t"), new RangeError("r"), new ReferenceError("x")];
for (const e of errs) console.log(e.name, e.message, e instanceof Error, String(e));
""", ["Error e true Error: e", "TypeError t true TypeError: t", "RangeError r true RangeError: r",
      "ReferenceError x true ReferenceError: x"]),
    Case("throw-non-error-value", """
try { throw {code: 42}; } catch (e) { console.log(e.code); }
try { throw "str"; } catch (e) { console.log(typeof e, e); }
""", ["42", "string str"]),
    Case("catch-without-binding-and-rethrow", """
function risky() { throw new RangeError("too big"); }
try {
  try { risky(); } catch { console.log("inner"); throw new TypeError("again"); }
} catch (e) { console.log(e.name, e.message); }
""", ["inner", "TypeError again"]),
    Case("error-propagates-through-calls", """
function a() { b(); }
function b() { throw new Error("deep"); }
try { a(); } catch (e) { console.log("caught " + e.message); }
console.log("after");
""", ["caught deep", "after"]),
    Case("custom-error-subclass", """
class ValidationError extends Error {
  constructor(field) { super("bad " + field); this.name = "ValidationError"; this.field = field; }
}
try { throw new ValidationError("age"); } catch (e) { console.log(e.name, e.message, e.field, e instanceof Error, e instanceof ValidationError); }
""", ["ValidationError bad age age true true"]),
    Case("finally-runs-before-the-for-update-on-continue", """
for (let i = 0; i < 3; i++) { try { if (i === 1) continue; } finally { console.log("let", i); } }
for (var j = 0; j < 2; j++) { try { continue; } finally { console.log("var", j); } }
""", ["let 0", "let 1", "let 2", "var 0", "var 1"]),
    Case("continue-inside-switch-continues-the-loop-every-time", """
const seen = [];
for (let i = 0; i < 4; i++) { switch (i) { case 1: continue; default: break; } seen.push(i); }
const nested = [];
for (let i = 0; i < 4; i++) { switch (i % 2) { case 0: switch (i) { case 2: continue; } break; } nested.push(i); }
console.log(seen.join(), nested.join());
""", ["0,2,3 0,1,3"]),
    Case("finally-runs-on-break", """
for (let i = 0; i < 3; i++) { try { if (i === 1) break; } finally { console.log("f" + i); } }
""", ["f0", "f1"]),

    # ---- destructuring -------------------------------------------------------------------------------------------
    Case("array-destructuring", """
const [a, , b = 9, ...rest] = [1, 2, undefined, 4, 5];
let x = 1, y = 2;
[x, y] = [y, x];
console.log(a, b, rest.join(","), x, y);
""", ["1 9 4,5 2 1"]),
    Case("object-destructuring", """
const {p, q: renamed, r = "def", s: {t} = {t: "deep"}, ...others} = {p: 1, q: 2, u: 3, v: 4};
console.log(p, renamed, r, t, Object.keys(others).join(""));
""", ["1 2 def deep uv"]),
    Case("destructuring-parameters", """
function f({name, age = 0}, [first, second]) { return `${name}:${age}:${first}${second}`; }
const g = ({a} = {a: "dflt"}) => a;
console.log(f({name: "Ann"}, "xy"), g());
""", ["Ann:0:xy dflt"]),
    Case("destructuring-in-for-of", """
const pairs = [[1, "a"], [2, "b"]];
for (const [n, ch] of pairs) console.log(n + ch);
for (const {k} of [{k: "K"}]) console.log(k);
""", ["1a", "2b", "K"]),
    Case("destructuring-null-throws", """
try { const {a} = null; } catch (e) { console.log(e.name); }
""", ["TypeError"]),

    # ---- built-ins: arrays ---------------------------------------------------------------------------------------
    Case("array-push-pop-shift-unshift", """
const a = [2];
console.log(a.push(3, 4), a.unshift(0, 1), a.pop(), a.shift(), a.join(","), a.length);
""", ["3 5 4 0 1,2,3 3"]),
    Case("array-slice-splice", """
const a = [1, 2, 3, 4, 5];
console.log(a.slice(1, 3).join(","), a.slice(-2).join(","));
const removed = a.splice(1, 2, "x", "y", "z");
console.log(removed.join(","), a.join(","));
""", ["2,3 4,5", "2,3 1,x,y,z,4,5"]),
    Case("array-map-filter-reduce", """
const xs = [1, 2, 3, 4];
console.log(xs.map(x => x * 2).join(","), xs.filter(x => x % 2 === 0).join(","), xs.reduce((s, x) => s + x, 0), xs.reduce((s, x) => s * x));
""", ["2,4,6,8 2,4 10 24"]),
    Case("array-foreach-with-index", """
const out = [];
["a", "b"].forEach((v, i, arr) => out.push(i + v + arr.length));
console.log(out.join(" "));
""", ["0a2 1b2"]),
    Case("array-find-indexof-includes", """
const xs = [5, 12, 8, 130, NaN];
console.log(xs.find(x => x > 10), xs.findIndex(x => x > 100), xs.indexOf(8), xs.indexOf(99), xs.includes(NaN), xs.indexOf(NaN), xs.find(x => x > 1000));
""", ["12 3 2 -1 true -1 undefined"]),
    Case("array-some-every-join-reverse", """
const xs = [1, 2, 3];
console.log(xs.some(x => x > 2), xs.every(x => x > 2), xs.join(), xs.join(""), xs.reverse().join("-"), [null, undefined, 1].join(","));
""", ["true false 1,2,3 123 3-2-1 ,,1"]),
    Case("array-sort", """
console.log([10, 9, 1, 100].sort().join(","), [10, 9, 1, 100].sort((a, b) => a - b).join(","), ["b", "a", "C"].sort().join(""));
""", ["1,10,100,9 1,9,10,100 Cab"]),
    Case("array-concat-flat-from-isarray", """
console.log([1].concat([2, 3], 4).join(","), [1, [2, [3]]].flat().length, Array.from("hi").join("+"), Array.from({length: 3}, (_, i) => i * i).join(","), Array.isArray([]), Array.isArray({}));
""", ["1,2,3,4 3 h+i 0,1,4 true false"]),
    Case("array-misc", """
console.log(new Array(3).length, Array.of(7, 8).join(","), [1, 2, 3].at(-1), [3, 1, 2].lastIndexOf(2), [1, 2, 3].fill(0, 1).join(","), [..."ab"].entries().next().value.join(":"));
""", ["3 7,8 3 2 1,0,0 0:a"]),

    # ---- built-ins: strings --------------------------------------------------------------------------------------
    Case("string-methods", """
const s = "Hello, World";
console.log(s.length, s.toUpperCase(), s.toLowerCase(), s.indexOf("o"), s.lastIndexOf("o"), s.includes("World"));
console.log(s.slice(0, 5), s.slice(-5), s.substring(7), s.charAt(1), s[4], s.at(-1), s.charCodeAt(0));
console.log(s.startsWith("Hell"), s.endsWith("d"), s.split(", ").join("|"), s.replace("l", "L"), s.replaceAll("l", "L"));
console.log("  pad  ".trim() + "|", "ab".repeat(3), "7".padStart(3, "0"), "7".padEnd(3, "."), "a-b-c".split("-").length);
""", ["12 HELLO, WORLD hello, world 4 8 true",
      "Hello World World e o d 72",
      "true true Hello|World HeLlo, World HeLLo, WorLd",
      "pad| ababab 007 7.. 3"]),
    Case("string-immutability-and-compare", """
let s = "abc";
s[0] = "z";
console.log(s, "a" < "b", "abc".localeCompare("abd") < 0, String.fromCharCode(65, 66), "x".concat("y", 1));
""", ["abc true true AB xy1"]),

    # ---- built-ins: Math, Object, JSON ---------------------------------------------------------------------------
    Case("math", """
console.log(Math.max(1, 5, 3), Math.min(), Math.floor(-1.5), Math.ceil(1.2), Math.round(2.5), Math.round(-2.5), Math.abs(-3));
console.log(Math.sqrt(16), Math.pow(2, 5), Math.trunc(-4.7), Math.sign(-3), Math.PI.toFixed(4), Math.hypot(3, 4));
const r = Math.random();
console.log(r >= 0 && r < 1);
""", ["5 Infinity -2 2 3 -2 3", "4 32 -4 -1 3.1416 5", "true"]),
    Case("object-keys-values-entries-assign", """
const o = {a: 1, b: 2};
console.log(Object.keys(o).join(","), Object.values(o).join(","), Object.entries(o).map(([k, v]) => k + "=" + v).join("&"));
const t = Object.assign({}, o, {c: 3});
console.log(Object.keys(t).length, t === o, Object.assign(o, {a: 9}) === o, o.a);
""", ["a,b 1,2 a=1&b=2", "3 false true 9"]),
    Case("object-freeze-and-fromentries", """
"use strict";
const f = Object.freeze({a: 1});
try { f.a = 2; } catch (e) { console.log(e.name); }
console.log(Object.isFrozen(f), Object.fromEntries([["x", 1]]).x);
""", ["TypeError", "true 1"]),
    Case("json-stringify", """
console.log(JSON.stringify({a: 1, b: [1, "two", null, true], c: undefined, d: () => 1, e: {f: {}}}));
console.log(JSON.stringify([undefined, NaN]), JSON.stringify("q\\"uote"), JSON.stringify({a: [1, 2]}, null, 2));
""", ['{"a":1,"b":[1,"two",null,true],"e":{"f":{}}}',
      '[null,null] "q\\"uote" {', '  "a": [', "    1,", "    2", "  ]", "}"]),
    Case("json-parse", """
const v = JSON.parse('{"a": [1, {"b": null}], "s": "x"}');
console.log(v.a[1].b, v.a.length, v.s);
try { JSON.parse("{bad"); } catch (e) { console.log(e.name); }
""", ["null 2 x", "SyntaxError"]),

    # ---- built-ins: Map, Set, WeakMap, WeakSet, WeakRef ----------------------------------------------------------
    Case("map", """
const m = new Map();
const k = {};
m.set("a", 1).set(k, "obj");
console.log(m.get("a"), m.get(k), m.get({}), m.has(k), m.size);
m.delete("a");
console.log(m.size, [...m.keys()].length, [...new Map([[1, "x"], [2, "y"]]).values()].join(""));
const seen = [];
new Map([["p", 1], ["q", 2]]).forEach((v, key) => seen.push(key + v));
console.log(seen.join(","));
""", ["1 obj undefined true 2", "1 1 xy", "p1,q2"]),
    Case("set", """
const s = new Set([1, 2, 2, 3]);
s.add(4).add(1);
console.log(s.size, s.has(2), s.delete(2), s.has(2), [...s].join(","));
""", ["4 true true false 1,3,4"]),
    Case("weakmap-weakset", """
const wm = new WeakMap();
const ws = new WeakSet();
const key = {};
wm.set(key, "meta");
ws.add(key);
console.log(wm.get(key), wm.has({}), ws.has(key), ws.has({}));
try { wm.set("str", 1); } catch (e) { console.log(e.name); }
""", ["meta false true false", "TypeError"]),
    Case("weakref-deref", """
const target = {v: 1};
const ref = new WeakRef(target);
gc();
console.log(ref.deref() === target, ref.deref().v);
""", ["true 1"]),

    # ---- console.log formatting (util.inspect) -------------------------------------------------------------------
    Case("console-log-primitives", """
console.log(1, "str", true, null, undefined, -0, NaN);
console.log("");
console.log();
console.log("a\\nb");
""", ["1 str true null undefined -0 NaN", "", "", "a", "b"]),
    Case("console-log-arrays-objects", """
console.log([1, "two", [3, [4, [5]]]]);
console.log({a: 1, "b-c": "s", nested: {x: {y: {z: {}}}}});
console.log([], {}, [undefined, null], [ , 1]);
""", ["[ 1, 'two', [ 3, [ 4, [Array] ] ] ]",
      "{ a: 1, 'b-c': 's', nested: { x: { y: [Object] } } }",
      "[] {} [ undefined, null ] [ <1 empty item>, 1 ]"]),
    Case("console-log-class-instance-and-functions", """
class Point { constructor() { this.x = 1; this.y = 2; } }
function named() {}
console.log(new Point(), named, () => 1, Point);
""", ["Point { x: 1, y: 2 } [Function: named] [Function (anonymous)] [class Point]"]),
    Case("console-log-map-set", """
console.log(new Map([["a", 1], [{}, [2]]]), new Set([1, "x"]), new Map(), new Set());
""", ["Map(2) { 'a' => 1, {} => [ 2 ] } Set(2) { 1, 'x' } Map(0) {} Set(0) {}"]),
    Case("console-log-format-specifiers", """
console.log("%s is %d years", "Ann", 42, "extra");
console.log("100%", "literal");
""", ["Ann is 42 years extra", "100% literal"]),
    Case("console-log-long-array-breaks-lines", """
console.log(Array.from({length: 30}, (_, i) => i * 1000));
""", lines("""
[
      0,  1000,  2000,  3000,  4000,
   5000,  6000,  7000,  8000,  9000,
  10000, 11000, 12000, 13000, 14000,
  15000, 16000, 17000, 18000, 19000,
  20000, 21000, 22000, 23000, 24000,
  25000, 26000, 27000, 28000, 29000
]
""")),
    Case("console-log-cycle", """
const a = {name: "a"};
a.self = a;
console.log(a);
""", ["<ref *1> { name: 'a', self: [Circular *1] }"]),
    Case("console-log-errors-and-strings-in-objects", """
console.log({s: "it's"}, ["q\\"d"]);
const e = new TypeError("bad");
console.log(String(e), e.message);
""", ["{ s: \"it's\" } [ 'q\"d' ]", "TypeError: bad bad"]),

    # ---- more edge cases ----------------------------------------------------------------------------------------
    Case("object-literal-getter-setter", """
const o = { _v: 1, get v() { return this._v * 10; }, set v(x) { this._v = x; } };
o.v = 5;
console.log(o.v, Object.keys(o).join(","));
""", ["50 _v,v"]),
    Case("super-in-object-method", """
const base = { hi() { return "base"; } };
const derived = { hi() { return super.hi() + "+derived"; } };
Object.setPrototypeOf(derived, base);
console.log(derived.hi());
""", ["base+derived"]),
    Case("proto-in-object-literal-sets-the-prototype", """
const base = { hi() { return "base"; } };
const child = { __proto__: base };
console.log(Object.getPrototypeOf(child) === base, child.hi(), Object.keys(child).length);
""", ["true base 0"]),
    Case("sort-comparator-sees-v8-pairs", """
const pairs = [];
[3, 1, 2, 5, 4].sort((a, b) => { pairs.push(`${a}${b}`); return a - b; });
console.log(pairs.join(" "));
""", ["13 21 23 21 52 53 43 45"]),
    Case("in-on-a-primitive-type-error", """
try { "a" in 1; } catch (e) { console.log(e.name + ": " + e.message); }
""", ["TypeError: Cannot use 'in' operator to search for 'a' in 1"]),
    Case("instanceof-type-errors", """
try { ({}) instanceof 5; } catch (e) { console.log(e.name + ": " + e.message); }
try { ({}) instanceof {}; } catch (e) { console.log(e.name + ": " + e.message); }
""", ["TypeError: Right-hand side of 'instanceof' is not an object",
      "TypeError: Right-hand side of 'instanceof' is not callable"]),
    Case("utf16-string-length", """
const s = "a\\u{1F600}b";
console.log(s.length, s.slice(1, 3) === "\\u{1F600}", [...s].length, "\\u00e9".length, s.charCodeAt(1));
""", ["4 true 3 1 55357"]),
    Case("delete-array-element-leaves-hole", """
const a = [1, 2, 3];
delete a[1];
console.log(a, a.length, 1 in a);
""", ["[ 1, <1 empty item>, 3 ] 3 false"]),
    Case("comma-in-for-and-do-while-continue", """
const out = [];
for (let i = 0, j = 5; i < j; i++, j--) out.push(i + ":" + j);
let k = 0;
do { k++; if (k < 3) continue; out.push("k" + k); } while (k < 4);
console.log(out.join(" "));
""", ["0:5 1:4 2:3 k3 k4"]),
    Case("switch-case-block-scope", """
function f(x) {
  switch (x) {
    case "a": { let msg = "A"; return msg; }
    case "b": { let msg = "B"; return msg; }
  }
  return "none";
}
console.log(f("a"), f("b"), f("c"));
""", ["A B none"]),
    Case("arrow-this-from-outer", """
function outer(greeting) { const inner = () => greeting + this.tag; return inner(); }
console.log(outer.call({tag: "!"}, "hi"));
""", ["hi!"]),
    Case("exception-from-callback-propagates", """
try { [1, 2, 3].forEach(x => { if (x === 2) throw new Error("stop at " + x); }); } catch (e) { console.log(e.message); }
""", ["stop at 2"]),
    Case("getter-that-throws", """
const o = { get bad() { throw new RangeError("nope"); } };
try { o.bad; } catch (e) { console.log(e.name, e.message); }
""", ["RangeError nope"]),
    Case("spread-map-and-entries-of-array", """
const m = new Map([["a", 1]]);
console.log([...m][0].join("="), Object.entries(["x", "y"]).join(";"));
""", ["a=1 0,x;1,y"]),
    Case("lazy-default-in-destructuring", """
let calls = 0;
const dflt = () => { calls++; return "d"; };
const {a = dflt(), b = dflt()} = {a: "given"};
console.log(a, b, calls);
""", ["given d 1"]),
    Case("number-formatting", """
console.log(0.000001, 1e-7, 123e20, 2 ** 53 + 2, (1.005).toFixed(2), (0.1 * 3), 100 / 3, -1e-7);
console.log(parseInt("ff", 16), parseInt("0x1A"), (25).toString(2), Number("  12  "), 5 / 2 | 0);
""", ["0.000001 1e-7 1.23e+22 9007199254740994 1.00 0.30000000000000004 33.333333333333336 -1e-7",
      "255 26 11001 12 2"]),
    Case("json-stringify-instances-and-maps", """
class P { constructor() { this.x = 1; } }
console.log(JSON.stringify(new P()), JSON.stringify(new Map([[1, 2]])), JSON.stringify({d: new Set([1])}), JSON.stringify(null));
""", ['{"x":1} {} {"d":{}} null']),
    Case("console-log-long-object-breaks-lines", """
console.log({alpha: "a".repeat(30), beta: "b".repeat(30), gamma: 3});
""", ["{", "  alpha: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',", "  beta: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',", "  gamma: 3", "}"]),
    Case("console-log-special-objects", """
console.log(Object.create(null), [-0], {f() {}}, [Symbol("s")], {m: new Map([["k", {a: 1}]])});
""", ["[Object: null prototype] {} [ -0 ] { f: [Function: f] } [ Symbol(s) ] { m: Map(1) { 'k' => { a: 1 } } }"]),
    Case("console-log-nested-class-and-array-of-objects", """
class Node { constructor(v, next) { this.v = v; this.next = next; } }
console.log(new Node(1, new Node(2, new Node(3, null))));
console.log([{a: 1}, {b: [1, 2]}]);
""", ["Node { v: 1, next: Node { v: 2, next: Node { v: 3, next: null } } }", "[ { a: 1 }, { b: [ 1, 2 ] } ]"]),
    Case("console-log-errors", """
const e = new RangeError("too far");
console.log(e.message, `${e}`, [e.name]);
""", ["too far RangeError: too far [ 'RangeError' ]"]),
    Case("console-log-weak-collections-and-weakref", """
console.log(new WeakMap(), new WeakSet(), typeof new WeakRef({}));
""", ["WeakMap { <items unknown> } WeakSet { <items unknown> } object"]),
    Case("console-log-and-builtins-potpourri", """
console.log("a,b,c".split(",", 2), "abc".split(""), "a b".split(" ", 0), "abcabc".indexOf("c", 3), " x ".trimStart() + "|");
console.log([1, 2, 3].findLast(x => x < 3), [1, 2, 3].reduceRight((a, b) => a + b), [].some(x => x), [].every(x => x));
console.log("%i %f %s %o %O %j %%", 42.9, "3.5", {a: 1}, [1], {b: {c: {}}}, 1);
console.log("%c styled", "color: red");
console.log([new Map([[1, {a: 1}]]), new Set([{}])]);
class G { constructor() { this.x = 1; } get y() { return 2; } }
console.log(new G(), Object.keys(new G()));
console.log([1.5, -0, 1e21, 0.1], {n: -0}, [undefined, , null]);
console.log("tab\\there", ["tab\\there"], ["new\\nline"], ['single\\'quote'], ["both'\\""]);
console.log(Symbol("s"), [Symbol.iterator], {[Symbol("k")]: 1});
console.log([function named() {}, class K {}, () => {}, async => 1]);
console.log(Number.parseFloat("1.2e3x"), (1234.5678).toFixed(1), (0.5).toString(2), (-7) % 2, 2 ** -1);
console.log([3, 20, 100].sort(), ["b", undefined, "a"].sort(), [5, 1, 4].sort((a, b) => b - a));
console.log(Object.entries({x: [1], y: {z: 2}}));
console.log(JSON.stringify([{a: [1, {b: 2}]}], null, "--"));
console.log(Array(3), new Array(2, 3), Array.from(new Set([1, 2])), [,,].length);
console.log(String(null), String(undefined));
""", [
        "[ 'a', 'b' ] [ 'a', 'b', 'c' ] [] 5 x |",
        '2 6 false true',
        '42 3.5 { a: 1 } [ 1, [length]: 1 ] { b: { c: {} } } 1 %',
        ' styled',
        '[ Map(1) { 1 => { a: 1 } }, Set(1) { {} } ]',
        "G { x: 1 } [ 'x' ]",
        '[ 1.5, -0, 1e+21, 0.1 ] { n: -0 } [ undefined, <1 empty item>, null ]',
        'tab\there [ \'tab\\there\' ] [ \'new\\nline\' ] [ "single\'quote" ] [ `both\'"` ]',
        'Symbol(s) [ Symbol(Symbol.iterator) ] { [Symbol(k)]: 1 }',
        '[',
        '  [Function: named],',
        '  [class K],',
        '  [Function (anonymous)],',
        '  [Function (anonymous)]',
        ']',
        '1200 1234.6 0.1 -1 0.5',
        "[ 100, 20, 3 ] [ 'a', 'b', undefined ] [ 5, 4, 1 ]",
        "[ [ 'x', [ 1 ] ], [ 'y', { z: 2 } ] ]",
        '[',
        '--{',
        '----"a": [',
        '------1,',
        '------{',
        '--------"b": 2',
        '------}',
        '----]',
        '--}',
        ']',
        '[ <3 empty items> ] [ 2, 3 ] [ 1, 2 ] 2',
        'null undefined',
    ]),
]


def _params() -> list[Any]:
    params = []
    for case in CASES:
        marks = []
        if case.engine_bug is not None:
            marks.append(pytest.mark.xfail(strict=True, reason=f"engine bug: {case.engine_bug}"))
        params.append(pytest.param(case, id=case.id, marks=marks))
    return params


def test_case_ids_are_unique() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", _params())
def test_engine_prints_what_node_prints(case: Case, js: Callable[..., dict[str, Any]]) -> None:
    result = js(case.source)
    assert result["error"] is None
    assert result["output"] == case.output


@pytest.fixture(scope="module")
def node_outputs(node: str, node_many: Callable[[dict[str, str], str], dict[str, Any]]) -> dict[str, Any]:
    """Every case run once in node, in parallel (a per-case process would make the table slow to check)."""
    return node_many({case.id: case.source for case in CASES}, node)


@pytest.mark.parametrize("case", [pytest.param(case, id=case.id) for case in CASES])
def test_table_agrees_with_node(case: Case, node_outputs: dict[str, Any]) -> None:
    ran = node_outputs[case.id]
    assert ran.status == 0, ran.stderr
    assert ran.lines == case.output
