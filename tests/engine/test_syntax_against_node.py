"""Syntax the engine must treat as V8 does (issue 10): early errors with V8's message and line, labels, escapes
in names, `super`/`arguments`/`new.target` in arrows, parameter scope, private members, static blocks, tagged
templates. Every case runs in the engine and in node (as a classic script, through `vm`, as the conformance
harness runs programs) in the same test: the output, and the error's name, message and line, must agree.
node is required under CI=true, else the comparison with node is skipped."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from engine import trace
from engine.errors import ProgramError

NODE = os.environ.get("MEMCOURSE_NODE") or shutil.which("node")
RUNNER = r"""
const vm = require('vm'), fs = require('fs');
const src = fs.readFileSync(process.argv[2], 'utf8');
try { vm.runInThisContext(src, {filename: 'prog.js'}); }
catch (e) {
  const m = /prog\.js:(\d+)/.exec(String(e && e.stack));
  process.stdout.write('\n@@ERROR ' + JSON.stringify({name: e && e.name, message: e && e.message,
                                                      line: m ? +m[1] : null}) + '\n');
}
"""


def node_run(source: str, tmp: Path) -> tuple[list[str], dict | None]:
    if NODE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is required under CI=true")
        pytest.skip("node is not installed")
    runner, prog = tmp / "runner.js", tmp / "prog.js"
    runner.write_text(RUNNER)
    prog.write_text(source)
    out = subprocess.run([NODE, str(runner), str(prog)], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "TZ": "UTC"}).stdout  # local time is UTC in the engine
    error = None
    if "\n@@ERROR " in out:
        out, _, tail = out.partition("\n@@ERROR ")
        error = json.loads(tail)
        if out == "":
            return [], error
    return out.splitlines(), error


def engine_run(source: str) -> tuple[list[str], dict | None]:
    try:
        result = trace(source)
    except ProgramError as e:
        return [], {"name": e.name, "message": e.message, "line": e.line}
    error = None
    if result.error is not None:
        error = {k: result.error.get(k) for k in ("name", "message", "line")}
    return result.output, error


# (id, program). The expected result is whatever node does with it.
PROGRAMS: list[tuple[str, str]] = [
    # ---- labels
    ("label-continue-outer", """
outer: for (let i = 0; i < 3; i++) {
  for (let j = 0; j < 3; j++) {
    if (j === 1) continue outer;
    if (i === 2) break outer;
    console.log(i, j);
  }
}"""),
    ("label-block", 'blk: { console.log("a"); if (true) break blk; console.log("b"); }\nconsole.log("c");'),
    ("label-switch-in-loop", """
let n = 0;
loop: while (true) {
  switch (n++) {
    case 0: continue loop;
    case 1: console.log("one"); break;
    case 3: break loop;
  }
  console.log("after switch", n);
}"""),
    ("label-nested-labels-for-of", """
a: b: for (const x of [1, 2, 3]) {
  for (;;) { if (x === 2) continue a; if (x === 3) break b; break; }
  console.log("x", x);
}"""),
    ("label-finally-runs", 'c: do { try { break c; } finally { console.log("fin"); } } while (false);'),
    ("label-continue-through-block", """
for (var k = 0; k < 3; k++) { lab: { if (k === 1) break lab; console.log("k", k); continue; } console.log("broke", k); }"""),
    ("label-break-switch-from-loop", "sw: switch (1) { case 1: for (;;) { break sw; } }\nconsole.log('out');"),
    ("label-do-while-continue", "let i = 0; d: do { i++; if (i < 3) continue d; console.log(i); } while (i < 5);"),
    ("label-for-in", "const o = {a: 1, b: 2}; k: for (const k in o) { for (;;) { console.log(k); continue k; } }"),
    ("label-in-generator", """
function* g() { outer: for (let i = 0; ; i++) { for (;;) { yield i; if (i === 2) break outer; continue outer; } } }
console.log([...g()].join());"""),
    ("label-undefined", "while (1) { break foo; }"),
    ("label-not-iteration", "console.log(1);\nfoo: { continue foo; }"),
    ("label-across-function", "foo: while (1) {\n  function g() { break foo; }\n}"),
    ("label-duplicate", "a: {\n  a: ;\n}"),
    ("label-continue-undefined", "while (0) { continue nope; }"),
    ("label-lexical-declaration", "L: let x = 1;"),
    ("label-generator-declaration", "L: function* g() {}"),
    ("if-lexical-declaration", "if (1) let x = 1;"),
    ("while-function-declaration", "while (0) function f() {}"),
    ("label-break-illegal", "console.log(0);\nbreak;"),
    # ---- early errors: V8's SyntaxError before anything runs
    ("let-redeclared", "console.log(1);\nlet x = 1;\nlet x = 2;"),
    ("let-and-var", "let x;\nvar x;"),
    ("var-then-let", "var x;\nlet x;"),
    ("class-and-var", "class C {}\nvar C;"),
    ("function-in-block-and-let", "{ function f() {}\n  let f; }"),
    ("strict-duplicate-block-functions", '"use strict";\n{ function f() {} function f() {} }'),
    ("sloppy-duplicate-block-functions", "{ function f() { return 1; } function f() { return 2; } console.log(f()); }"),
    ("var-in-block-under-let", "let a;\n{ var a; }"),
    ("var-under-for-const", "for (const x in {}) {\n  var x;\n}"),
    ("catch-param-and-let", "try {} catch (e) {\n  let e;\n}"),
    ("catch-param-and-var", "try { throw 1; } catch (e) { var e = 2; console.log(e); }"),
    ("catch-pattern-and-var", "try {} catch ([e]) {\n  var e;\n}"),
    ("first-error-wins", "let q = 1;\nreturn;\nlet q = 2;"),
    ("return-at-top", "console.log(1);\nreturn 1;"),
    ("assign-to-literal", "1 = 2;"),
    ("assign-to-sum", "let a = 1;\na + 1 = 2;"),
    ("postfix-on-sum", "let a, b;\n(a + b)++;"),
    ("prefix-on-literal", "--1;"),
    ("postfix-on-call", "function f() { return {}; }\ntry { f()++; } catch (e) { console.log(e.name, e.message); }"),
    ("duplicate-proto", "({__proto__: null,\n  '__proto__': 2});"),
    ("proto-computed-ok", "const o = {__proto__: null, ['__proto__']: 2}; console.log(Object.keys(o));"),
    ("new-target-at-top", "new.target;"),
    ("super-in-function", "function f() {\n  super.x;\n}"),
    ("super-call-in-method", "class A { m() { super(); } }"),
    ("super-call-in-base-constructor", "class D {\n  constructor() { super(); }\n}"),
    ("super-property-in-object-method", "const o = { m() { return super.toString === Object.prototype.toString; } };\nconsole.log(o.m());"),
    ("strict-duplicate-params", '"use strict";\nfunction f(a, a) {}'),
    ("sloppy-duplicate-params", "function f(a, a) { return a; }\nconsole.log(f(1, 2));"),
    ("arrow-duplicate-params", "const f = (a, a) => 1;"),
    ("default-duplicate-params", "function f(a = 1, a) {}"),
    ("strict-delete-identifier", '"use strict";\nvar x;\ndelete x;'),
    ("strict-with", '"use strict";\nwith ({}) {}'),
    ("strict-octal", '"use strict";\nvar n = 010;'),
    ("strict-leading-zero", '"use strict";\nvar n = 08;'),
    ("strict-octal-escape", '"use strict";\nvar s = "\\01";'),
    ("template-octal-escape", "var s = `\\01`;"),
    ("yield-in-generator", "function* g() {\n  var yield;\n}"),
    ("yield-strict", '"use strict";\nvar yield;'),
    ("await-in-async", "async function f() {\n  var await;\n}"),
    ("await-without-operand", "const f = async () => await;"),
    ("let-named-let", "let let = 1;"),
    ("strict-eval-binding", '"use strict";\nvar eval;'),
    ("strict-arguments-param", '"use strict";\nfunction f(arguments) {}'),
    ("strict-assign-eval", '"use strict";\neval = 1;'),
    ("strict-reserved", '"use strict";\nvar interface;'),
    ("enum", "var enum;"),
    ("use-strict-non-simple", "function q(a = 1) {\n  'use strict';\n}"),
    ("class-two-constructors", "class A {\n  constructor() {}\n  constructor() {}\n}"),
    ("class-static-prototype", "class A { static prototype() {} }"),
    ("class-accessor-constructor", "class A { get constructor() {} }"),
    ("class-field-constructor", "class A { constructor = 1; }"),
    ("const-without-initializer", "const x;"),
    ("escaped-keyword", "var bre\\u0061k = 1;"),
    # ---- parse errors
    ("missing-paren-in-call", "console.log(1, 2;"),
    ("missing-comma-in-call", "console.log(1 2);"),
    ("unexpected-identifier", "foo bar;"),
    ("unexpected-number", "var x = 1 2;"),
    ("unexpected-token", "var x = ;"),
    ("invalid-token", "var a = @;"),
    ("unterminated-string", 'var x = "abc\nconsole.log(x);'),
    ("identifier-after-number", "let 1x;"),
    ("end-of-input", "if (x) {\n"),
    ("for-in-bad-target", "for (1 in {}) {}"),
    ("object-in-args-unexpected-identifier", "var x = {a: 1 b: 2};"),
    # ---- names: keywords as property names, Unicode escapes
    ("keywords-as-property-names", """
var obj = { bre\\u0061k: 1, \\u0069f: 2, class: 3, if() { return "if"; }, new: 4, get default() { return 5; } };
console.log(obj.break, obj.bre\\u0061k, obj.if, obj.cl\\u0061ss, obj["if"](), obj.new, obj.default);
var \\u0061bc = 7; console.log(abc, \\u{62}c = 8, bc);
class K { static delete() { return "del"; } typeof() { return "t"; } }
console.log(K.delete(), new K().typeof(), Object.keys(obj).join());
let { class: c, if: i } = obj; console.log(c, typeof i);"""),
    # ---- arguments, super and new.target in arrow functions; this before super()
    ("arguments-in-arrow", """
function f() { const g = () => arguments.length + ":" + arguments[0]; return g(9, 9, 9); }
console.log(f(1, 2));
function outer() { return [1, 2].map((x) => x + arguments[0]); }
console.log(outer(10).join());
class A { m() { const h = () => () => arguments[1]; return h()(); } }
console.log(new A().m("a", "b"));
function* gen() { const k = () => arguments.length; yield k(); }
console.log([...gen(1, 2, 3)]);"""),
    ("arguments-in-field-initializer", "class A {\n  x = arguments;\n}"),
    ("super-in-arrow", """
class A { greet() { return "A"; } static s() { return "sA"; } }
class B extends A {
  greet() { const f = () => super.greet() + "B"; return f(); }
  static s() { return (() => super.s() + "!")(); }
}
console.log(new B().greet(), B.s());"""),
    ("this-before-super", """
class A {}
class C extends A { constructor() { try { this.x = 1; } catch (e) { console.log(e.name, e.message); } super(); } }
new C();
class D extends A { constructor() { } }
try { new D(); } catch (e) { console.log(e.name, e.message); }"""),
    ("derived-returns-without-super", "class A {}\nclass D extends A {\n  constructor() {\n  }\n}\nnew D();"),
    ("new-target", """
function F() { console.log(new.target === F, typeof new.target); }
new F(); F();
class G { constructor() { console.log(new.target.name); } }
class H extends G {}
new G(); new H();"""),
    # ---- parameter scope
    ("default-refers-to-later-param", "function f(a = b, b = 1) { return a; }\nf();"),
    ("param-scope", """
function f2(a) { var a; return a; }
console.log(f2(5));
function f3(a) { var a = a + 1; return a; }
console.log(f3(5));
function f4(a, g = () => a) { var a = 2; return [a, g()]; }
console.log(f4(1));
function f5(x = 1, y = () => x) { x = 7; return y(); }
console.log(f5());
function f7(a, b = a * 2) { return b; }
console.log(f7(3));
function f8(a = () => b, b = 2) { return a(); }
console.log(f8());
function f9(a = b) { let b = 3; return a; }
try { f9(); } catch (e) { console.log(e.name, e.message); }
function f10({ x } = { x: 4 }) { var x; function g() { return x; } return g(); }
console.log(f10());"""),
    ("let-shadowing-param-with-default", "function f(a = 1) {\n  let a;\n}"),
    ("var-read-before-assignment", "function f() { console.log(x); var x = 1; console.log(x); }\nf();"),
    # ---- issue 10: more early errors (classes, for-in/of heads, patterns, escapes, numbers, html comments)
    ("getter-with-param", "class A { get x(a) {} }"),
    ("setter-without-param", "var o = {\n  set x() {}\n};"),
    ("setter-rest-param", "var o = { set x(...a) {} };"),
    ("private-constructor-field", "class C {\n  #constructor\n}"),
    ("super-private-field", "class C { m() {\n  super.#x; } #x }"),
    ("private-key-in-object", "class C { #x; m() {\n  return { #x: 1 }; } }"),
    ("private-key-in-pattern", "class C { #x; m() {\n  ({ #x: y } = this); } }"),
    ("void-yield-in-generator", "function* g() {\n  void yield;\n}"),
    ("void-yield-in-strict-generator", "class C { *#g() {\n  void yield;\n} }"),
    ("yield-identifier-sloppy", "var yield = 1;\nfunction f() { return yield; }\nconsole.log(f(), yield);"),
    ("yield-identifier-strict", "'use strict';\nvar x = yield;"),
    ("await-label-in-async", "async function f() {\n  await: ;\n}"),
    ("escaped-await-label", "async function f() {\n  \\u0061wait: ;\n}"),
    ("escaped-yield-label-in-generator", "function* g() {\n  yi\\u0065ld: ;\n}"),
    ("escaped-true-label", "\\u0074rue: 1;"),
    ("escaped-async-function", "\\u0061sync function f() {}"),
    ("escaped-let-reference", "var x = 1;\nl\\u0065t\ny = 2;"),
    ("rest-param-trailing-comma", "function f(a,\n  ...b,) {}"),
    ("rest-element-not-last", "var [...x, y] = [];"),
    ("rest-element-not-last-assignment", "var a, b;\n[...a, b] = [];"),
    ("rest-property-not-last", "({...a, b} = {});"),
    ("for-let-of", "for (let of x) ;"),
    ("for-async-of", "for (async of []) ;"),
    ("for-async-of-escaped-and-parenthesized", "var async;\nfor (\\u0061sync of []) ;\nfor ((async) of [1]) console.log(async);"),
    ("for-of-let-member", "var let = {};\nfor (let.x of []) ;"),
    ("for-of-initializer", "for (var i = 0 of []) ;"),
    ("for-in-initializer-pattern", "for (var [a] = 0 in {}) ;"),
    ("for-in-let-initializer", "for (let a = 0 in {}) ;"),
    ("for-in-var-initializer-annex-b", "for (var a = 7 in {}) ;\nconsole.log(a);"),
    ("for-await-let-pattern", "async function f() {\n  for await (let [x] of [[1]]) console.log(x);\n  for await (let {a} of [{a: 2}]) console.log(a);\n}\nf();"),
    ("async-function-redeclared-in-block", "{\n  async function f() {}\n  async function f() {}\n}"),
    ("generator-redeclared-in-block", "{ function* f() {}\n  function f() {} }"),
    ("plain-functions-redeclared-in-block", "{ function f() { return 1; } function f() { return 2; } console.log(f()); }"),
    ("parenthesized-destructuring-targets", "var a, o = {};\n[(a), (o.x)] = [1, 2];\n({ b: (o.y) = 3 } = {});\nconsole.log(a, o.x, o.y);"),
    ("parenthesized-default-target", "[(a = 1)] = [];"),
    ("parenthesized-nested-pattern", "[([a])] = [[]];"),
    ("parenthesized-object-pattern", "({ a: ({ b }) } = {});"),
    ("double-underscore-separator", "var x = 1__0;"),
    ("trailing-separator", "var x =\n  1_;"),
    ("separator-after-leading-zero", "0_1;"),
    ("separator-in-legacy-octal", "00_1;"),
    ("number-touching-name", "3in [];"),
    ("assignment-twice", "x = = 2;"),
    ("html-comments", "var x = 1; <!-- a comment\n--> another\nconsole.log(x); /* c\n */ --> too\nwhile (x --> 0) console.log(x);"),
    ("tagged-template-invalid-escapes", "function tag(s) { console.log(s[0], s.raw[0], s[1], s.raw[1]); }\ntag`\\unicode and ${1} \\u{110000} \\\\u ok`;\ntag`\\xg ${2}\\01`;\ntag`\\0 fine \\u0041`;"),
    ("escaped-get-and-async-methods", "class C {\n  \\u0061sync m() {} }"),
    ("escaped-get-in-object", "var o = {\n  g\\u0065t x() {} };"),
    ("let-newline-name-is-a-declaration", "let\nx = 1;\n{\n  let\n  y = 2, z\n  = 3;\n  console.log(x, y, z);\n}\nif (true) let\nw = 4;\nconsole.log(w);\nconsole.log(nope);"),
    ("number-then-nbsp", "var x = 1\u00a0; console.log(x);"),
    ("yield-in-arrow-params-in-generator", "function* g() {\n  (x = yield) => {};\n}"),
    ("hashbang-not-at-start", "\n#! not a comment here\n"),
    ("template-invalid-code-point", "var x = `a\nb\\u{110000}`;"),
    # ---- an assignment is never an operand; a `{` starting a statement or an arrow body is a block
    ("assignment-as-right-operand", "var x = 1, y = 2;\nconsole.log(x);\nx - y = 1;"),
    ("assignment-under-unary", "var o = {};\ndelete o.y = 1;"),
    ("compound-assignment-under-exponent", "var x, y;\nx ** y += 1;"),
    ("await-assignment-in-async", "async function f(x) {\n  await x = 1;\n}"),
    ("block-then-equals", "{} = 1;"),
    ("arrow-block-body-then-equals", "var f = () => {} = 1;"),
    ("assignment-in-class-heritage", "class C extends a = b {}"),
    ("assignments-that-are-fine", "var a, b, c = 0;\na ? b : c = 1; c ? b = 2 : a; var q = (a = 1) + 2; ({} = 1);\n"
                                  "console.log(a, b, c, q);"),
    ("optional-chain-assigned", "var a = {};\na?.b = 1;"),
    ("optional-chain-incremented", "var a = {};\na?.b.c++;"),
    ("optional-chain-destructuring-target", "var a = {};\n({ x: a?.[0] } = {});"),
    ("optional-chain-for-of-target", "var a = {};\nfor (a?.b of []);"),
    ("parenthesized-optional-chain-is-a-target", "var a = { b: {} };\n(a?.b).c = 1; for (a.q in { z: 1 });\n"
                                                 "for ([a.r] of [[5]]); console.log(a.b.c, a.q, a.r);"),
    ("unary-before-exponent", "var x = 3;\nconsole.log((-x) ** 2);\n-x ** 2;"),
    ("typeof-before-exponent", "typeof 1 ** 2;"),
    ("nullish-beside-and", "var a = 0;\nconsole.log((a && 1) ?? 2, a ?? (1 || 2));\na && 1 ?? 2;"),
    ("nullish-beside-or", "0 ?? 0 || true;"),
    ("yield-in-generator-params", "function* g(x = yield) {}"),
    ("yield-in-generator-method-params", "var o = {\n  *g(x = yield) {} };"),
    ("await-in-async-generator-params", "(async function*(x = await 1) { });"),
    ("generator-expression-named-yield", "var g = function* yield() {};"),
    ("async-generator-expression-named-await", "(async function* await() { });"),
    ("tagged-template-on-optional-chain", "var a = {};\na?.b.c`x`;"),
    ("block-then-operator", "console.log(1);\n{}\n* 1;"),
    ("block-then-member", "{}.x;"),
    ("object-literal-operands-in-parentheses", "({}) * 1; ({}).x; var o = {} * 1; x = {} + 1; console.log(o, x);"),
    ("logical-assignment-to-a-call", "function f() {}\n(f()) &&= 1;"),
    ("private-method-in-object-literal", "var o = {\n  #m() {}\n};"),
    ("private-name-in-declaration-pattern", "class C { #x = 1;\n  d() { const { #x: x } = this; } }"),
    ("arrow-as-class-heritage", "class C extends () => {} {}"),
    # ---- reserved words as names
    ("keyword-as-shorthand-target", "var x = { default } = { default: 42 };"),
    ("escaped-keyword-as-shorthand-target", "var x = { bre\\u0061k } = { break: 42 };"),
    ("keyword-shorthand-in-arrow-params", "var f = ({ extends }) => {};"),
    ("class-expression-named-let", "var C = class let {};"),
    ("class-expression-named-escaped-static", "var C = class st\\u0061tic {};"),
    # ---- class elements, super properties, collections
    ("computed-field-keys-once-in-order", """
var log = [];
class C { constructor() { log.push("ctor"); } m() {} [(log.push("k1"), "a")] = 1;
  static [(log.push("k2"), "b")] = 2; [(log.push("k3"), "m2")]() {} }
new C(); new C();
console.log(log.join(), Object.keys(new C()), Object.keys(C), Object.getOwnPropertyNames(C.prototype).join());"""),
    ("yield-in-computed-field-key", """
var C;
function* g() { class K { [yield 9] = 9; } C = K; }
var it = g(); console.log(it.next().value); it.next("x"); console.log(new C().x);"""),
    ("super-property-assignments", """
var base = { set x(v) { console.log("setter", v, this === o); }, get x() { return 10; } };
var o = { __proto__: base, f() { super.x = 1; super.x += 2; super.x++; super.y ||= 5; super["z"] = 6;
  ({ a: super.r } = { a: 7 }); [super.s] = [8]; return [this.y, this.z, this.r, this.s]; } };
console.log(o.f());
class P {}
Object.defineProperty(P.prototype, "ro", { value: 1, writable: false });
class R extends P { m() { super.ro = 2; } }
try { new R().m(); } catch (e) { console.log(e.name, e.message); }"""),
    ("function-names-through-parentheses-and-generators", """
var f = ([cover = (function () {}), gen = function* () {}, xCover = (0, function () {})]) => {
  console.log(cover.name, gen.name, JSON.stringify(xCover.name)); };
f([]);
var { c3 = (function () {}), g3 = function* () {} } = {}; var c4; [c4 = (class {})] = [];
console.log(c3.name, g3.name, c4.name, (function () { var p = (function* () {}); return p.name; })());"""),
    ("function-name-is-configurable", """
async function foo() {}
delete foo.name; console.log(foo.hasOwnProperty("name"), JSON.stringify(foo.name));
var d = Object.getOwnPropertyDescriptor(foo, "length"); console.log(JSON.stringify(d));"""),
    ("array-pattern-steps-once-per-element", """
var n = 0;
function* g() { n++; yield 1; n++; yield 2; n++; }
let [,] = g(); console.log("elision", n); n = 0;
let [] = g(); console.log("empty", n); n = 0;
let [a,] = g(); console.log("a,", n); n = 0;
let [b, ,] = g(); console.log("b,,", n); n = 0;
var [[,] = g()] = []; console.log("nested", n);
Array.prototype[Symbol.iterator] = function* () { yield 42; };
var [z] = [1]; function h([y]) { return y; } console.log(z, h([1]), [...[7]]);"""),
    ("function-to-string-of-static-methods-and-classes", """
class F { static /* before */f /* a */ ( /* b */ ) /* c */ { /* d */ }/* after */ static async *g() {}
  static get h() { return 1; } }
console.log(F.f.toString()); console.log(F.g.toString());
console.log(Object.getOwnPropertyDescriptor(F, "h").get.toString());
/* before */class /* a */ A /* b */ extends /* c */ Object /* d */ { /* e */ constructor /* f */ ( /* g */ ) { super(); } m() {} }
console.log(A.toString());"""),
    ("symbols-as-weak-keys", """
var wm = new WeakMap(), s = Symbol("x"); wm.set(s, 1); console.log(wm.get(s), wm.has(s), wm.delete(s), wm.has(s));
try { wm.set(Symbol.for("registered"), 1); } catch (e) { console.log(e.name, e.message); }
var ws = new WeakSet([s]); console.log(ws.has(s)); console.log(new WeakRef(s).deref() === s);
var fr = new FinalizationRegistry(() => {}); fr.register(s, 1, s); console.log(fr.unregister(s));"""),
    ("await-as-a-name-in-an-arrow-in-a-static-block", """
class C { static { (() => { var [await] = [5]; console.log(await); })(); } }"""),
    ("parameters-in-their-dead-zone", """
function f(a, b = a, {c, d = c} = {c: 3}, [e = d] = []) { return [a, b, c, d, e]; } console.log(f(1));
function g(x = () => y, y = 2) { return x(); } console.log(g());
function h(x = y, y) {} try { h(); } catch (e) { console.log(e.name, e.message); }
var k = (p = p) => p; try { k(); } catch (e) { console.log(e.name, e.message); }
class C { m(x = x) {} } try { new C().m(); } catch (e) { console.log(e.name, e.message); }"""),
    ("derived-constructor-returns", """
class D extends Object { constructor() { return 1; } }
try { new D(); } catch (e) { console.log(e.name, e.message); }
class E extends Object { constructor() { super(); return null; } }
try { new E(); } catch (e) { console.log(e.name, e.message); }
class F extends Object { constructor() { super(); return undefined; } } console.log(typeof new F());"""),
    ("static-computed-prototype", """
try { class G { static ["proto" + "type"] = 1; } } catch (e) { console.log(e.name, e.message); }
try { class G2 { static ["proto" + "type"]() {} } } catch (e) { console.log(e.name, e.message); }
class H { ["prototype"]() { return 1; } static ["x"]() { return 2; } } console.log(new H().prototype(), H.x());"""),
    ("new-target-in-arrows", """
function F() { return (_ => new.target)(); }
function H() { this.f = () => () => new.target; } var h = new H();
class K { constructor() { this.g = () => new.target; } } class L extends K {}
class M { x = () => new.target; }
console.log(F() === undefined, h.f()() === H, new L().g() === L, new M().x());
async function af() { return (async () => new.target)(); } af().then(v => console.log("async", v));"""),
    ("compound-assignment-on-null-before-the-key", """
var base = null, prop = { toString() { console.log("key converted"); return "p"; } };
try { base[prop] ^= 1; } catch (e) { console.log(e.name); }
try { base[prop]++; } catch (e) { console.log(e.name); }
try { base.x += 1; } catch (e) { console.log(e.name, e.message); }"""),
    ("super-call-as-a-value", """
var custom = {}, value;
function Parent() { return custom; }
class Child extends Parent { constructor() { value = super(); } }
new Child(); console.log(value === custom);
class A { constructor(x) { this.x = x; } }
class B extends A { y = 2; constructor() { return super(5); } }
var b = new B(); console.log(b.x, b.y, b instanceof B);
class C2 extends A { constructor() { const t = super(7).x; console.log("t", t, this.x); } } new C2();
class D extends A { constructor() { var z = (super(1)); console.log(z === this); } } new D();"""),
    ("string-tags-are-read-only", """
for (const o of [Math, JSON, Map.prototype, Set.prototype, WeakMap.prototype, Promise.prototype,
                 Object.getPrototypeOf(Object.getPrototypeOf((function* () {})())), Symbol.prototype])
  console.log(JSON.stringify(Object.getOwnPropertyDescriptor(o, Symbol.toStringTag)));"""),
    ("an-object-key-may-convert-to-a-symbol", """
var s = Symbol("k"), o = { [s]: 1 }, w = { toString() { return s; } };
console.log(Object.hasOwn(o, w), o.hasOwnProperty(w), o[w], ({ [w]: 2 })[s]);"""),
    ("collection-constructors-call-their-adder", """
class M extends Map { set(k, v) { console.log("set", k, v); return super.set(k, v); } }
new M([[1, 2]]);
class S extends Set { add(v) { console.log("add", v); return super.add(v); } }
new S([3, 4]);
Set.prototype.add = 5;
try { new Set([1]); } catch (e) { console.log(e.name, e.message); }
new Set(); WeakMap.prototype.set = null;
try { new WeakMap([]); } catch (e) { console.log(e.name, e.message); }
var closed = 0;
var it = { [Symbol.iterator]() { return { next() { return { value: 1, done: false }; },
                                          return() { closed++; return {}; } }; } };
try { new WeakSet(it); } catch (e) { console.log(e.name, e.message, closed); }
try { new Map(it); } catch (e) { console.log(e.name, e.message, closed); }"""),
]


@pytest.mark.parametrize(("source",), [(s,) for _, s in PROGRAMS], ids=[i for i, _ in PROGRAMS])
def test_the_engine_does_what_node_does(source: str, tmp_path: Path) -> None:
    assert engine_run(source) == node_run(source, tmp_path)
