"""Class private members and static blocks (issue 10), against node in the same test: private fields, methods and
accessors (instance and static), `#x in obj`, lexical scoping of private names, the order fields are initialised
in, static blocks, and V8's errors (run-time and early) with their messages and lines. node is required under
CI=true, else the comparison with node is skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import trace
from tests.engine.test_syntax_against_node import engine_run, node_run

PROGRAMS: list[tuple[str, str]] = [
    ("fields-and-methods", """
class Counter {
  #count = 0;
  static #instances = 0;
  #unset;
  constructor(start) { this.#count = start; Counter.#instances++; }
  inc() { this.#count++; ++this.#count; this.#count += 2; this.#count ??= 9; return this.#count; }
  get #double() { return this.#count * 2; }
  set #double(v) { this.#count = v / 2; }
  #log(x) { return "log:" + x + ":" + this.#double; }
  run() { this.#double = 10; return this.#log(this.#count) + this.#unset; }
  static count() { return Counter.#instances; }
  static #reset() { Counter.#instances = 0; }
  static reset() { Counter.#reset(); return Counter.#instances; }
}
const a = new Counter(1), b = new Counter(3);
console.log(a.inc(), b.inc(), a.run(), Counter.count(), Counter.reset());
console.log(a, Object.keys(a), JSON.stringify(a), Object.getOwnPropertyNames(a).length);"""),
    ("other-instances-and-closures", """
class P {
  #v;
  constructor(v) { this.#v = v; }
  equals(o) { return this.#v === o.#v; }
  getter() { return () => this.#v; }
  later() { const self = this; return function () { return self.#v; }; }
  static sum(...ps) { return ps.reduce((s, p) => s + p.#v, 0); }
}
const p = new P(2), q = new P(2);
console.log(p.equals(q), p.getter()(), p.later()(), P.sum(p, q, new P(5)));"""),
    ("brand-check-in", """
class A { #x; #m() {} static #s = 1; static has(o) { return #x in o; } static hasM(o) { return #m in o; }
  static hasS(o) { return #s in o; } }
class B extends A {}
console.log(A.has(new A()), A.has({}), A.has(new B()), A.hasM(new A()), A.hasS(A), A.hasS(B));
try { A.has(1); } catch (e) { console.log(e.name, e.message); }
try { A.has("str"); } catch (e) { console.log(e.message); }
try { A.has(null); } catch (e) { console.log(e.message); }"""),
    ("optional-chain", """
class A { #x = 7; static get(o) { return o?.#x; } #m() { return 1; } static call(o) { return o?.#m(); } }
console.log(A.get(new A()), A.get(null), A.get(undefined), A.call(new A()), A.call(null));"""),
    ("init-order-base", """
const log = [];
class A {
  a = log.push("a");
  #b = log.push("#b " + this.a);
  constructor() { log.push("ctor " + this.#b); }
  static s = log.push("static s");
  static { log.push("block 1 " + this.s); }
  static #t = log.push("static #t");
  static { log.push("block 2 " + A.#t); }
}
log.push("defined");
new A();
console.log(log.join(", "));"""),
    ("init-order-derived", """
const log = [];
class Base { constructor() { log.push("base"); this.seen = "b" in this; } }
class D extends Base {
  #x = log.push("#x");
  b = 1;
  constructor() { log.push("before super"); super(); log.push("after super " + this.#x); }
  #m() { return "m"; }
  m() { return this.#m(); }
}
const d = new D();
console.log(log.join(", "), d.seen, d.m());"""),
    ("lexical-scoping", """
class Outer {
  #o = "outer";
  #shared = "outer-shared";
  inner() {
    const self = this;
    return new (class {
      #shared = "inner-shared";
      t() { return [self.#o, this.#shared, self.#x()].join(" "); }
      static peek(o) { try { return o.#shared; } catch (e) { return e.message; } }
      static outerOf(o) { return o.#o; }
    })();
  }
  #x() { return this.#o; }
}
const o = new Outer(), i = o.inner();
console.log(i.t(), i.constructor.peek(o), i.constructor.outerOf(o));"""),
    ("each-evaluation-new-names", """
const make = () => class { #p = 1; static get(o) { return o.#p; } };
const C1 = make(), C2 = make();
console.log(C1.get(new C1()));
try { C1.get(new C2()); } catch (e) { console.log(e.name + ": " + e.message); }"""),
    ("names-of-private-functions", """
class F { #f = () => 1; static #g = function () {}; #q() {} get #r() { return 1; }
  n() { return [this.#f.name, F.#g.name, this.#q.name]; } }
console.log(new F().n());"""),
    ("console-log-hides-private", """
class Q { #a = 1; b = 2; #c() {} static #d = 4; }
console.log(new Q(), [new Q()], { q: new Q() });
class E {}
class G { #only = 1; }
console.log(new E(), new G());"""),
    ("static-block-scope", """
var v = "outer";
class S {
  static x = 1;
  static {
    var v = "inner";
    let w = this.x + 1;
    this.y = w;
    function h() { return v; }
    this.h = h;
  }
}
console.log(v, S.y, S.h(), typeof w);"""),
    ("static-block-private-access", """
let reveal;
class Box { #secret; constructor(s) { this.#secret = s; } static { reveal = b => b.#secret; } }
console.log(reveal(new Box("hidden")));"""),
    ("static-block-super-and-this", """
class A { static greet() { return "hi"; } }
class B extends A { static { this.msg = super.greet() + " from " + this.name; } }
console.log(B.msg);"""),
    ("static-block-throws", """
try { class T { static { throw new Error("in block"); } } } catch (e) { console.log(e.message); }
class U { static {
  null.x;
} }"""),
    # ---- run-time errors
    ("read-undeclared", "class A { #x = 1; static r(o) {\n  return o.#x;\n} }\nA.r({});"),
    ("write-undeclared", "class A { #x = 1; static w(o) {\n  o.#x = 2;\n} }\nA.w([]);"),
    ("read-primitive", "class A { #x = 1; static r(o) { return o.#x; } }\nA.r(5);"),
    ("method-not-writable", "class A { #m() {}\n  t() { this.#m = 1; } }\nnew A().t();"),
    ("method-wrong-receiver", "class A { #m() {}\n  static t(o) { return o.#m(); } }\nA.t({});"),
    ("static-method-wrong-receiver", "class A { static #m() {}\n  static t(o) { return o.#m(); } }\nA.t({});"),
    ("getter-missing", "class A { set #s(v) {}\n  t() { return this.#s; } }\nnew A().t();"),
    ("setter-missing", "class A { get #s() { return 1; }\n  t() { this.#s = 2; } }\nnew A().t();"),
    ("compound-on-getter-only", "class A { get #s() { return 1; } t() { this.#s += 1; } }\nnew A().t();"),
    ("init-twice", """
class Base { constructor(o) { return o; } }
class Stamp extends Base { #x = 1; constructor(o) { super(o); } static has(o) { return #x in o; } }
const o = {};
new Stamp(o);
console.log(Stamp.has(o));
new Stamp(o);"""),
    ("init-methods-twice", """
class Base { constructor(o) { return o; } }
class M extends Base { #m() {} constructor(o) { super(o); } }
const o = {};
new M(o);
new M(o);"""),
    ("getter-throws", "class A { get #g() { throw new RangeError('g'); }\n  t() { return this.#g; } }\nnew A().t();"),
    # ---- early errors
    ("undeclared-in-method", "class A {\n  t() { return this.#y; }\n}"),
    ("undeclared-outside", "const o = {};\nconsole.log(1);\no.#x;"),
    ("undeclared-in", "class A { #x; t(o) {\n  return #y in o; } }"),
    ("duplicate", "class A {\n  #x;\n  #x = 2;\n}"),
    ("duplicate-method-field", "class A { #m() {}\n  #m; }"),
    ("duplicate-static-instance-accessors", "class A { static get #a() {}\n  set #a(v) {} }"),
    ("getter-setter-pair", "class A { get #a() { return 1; } set #a(v) {} t() { return this.#a; } }\n"
                           "console.log(new A().t());"),
    ("delete-private", "class A { #x;\n  t() { delete this.#x; } }"),
    ("delete-private-parens", "class A { #x;\n  t() { delete (this.#x); } }"),
    ("private-constructor", "class A {\n  #constructor() {} }"),
    ("static-block-await", "class A {\n  static { await; } }"),
    ("static-block-arguments", "class A {\n  static { arguments; } }"),
    ("static-block-return", "class A {\n  static { return; } }"),
    ("inner-class-sees-outer-undeclared", "class A { #a; m() { class B { #b; t(o) {\n  return o.#c; } } } }"),
]


@pytest.mark.parametrize(("source",), [(s,) for _, s in PROGRAMS], ids=[i for i, _ in PROGRAMS])
def test_the_engine_does_what_node_does(source: str, tmp_path: Path) -> None:
    assert engine_run(source) == node_run(source, tmp_path)


def test_private_fields_are_props_named_with_the_hash_and_keep_their_values_alive() -> None:
    src = ("class P {\n  #inner = { v: 1 };\n  pub = 2;\n  #m() {}\n}\n"
           "let p = new P();\ncheckpoint('made');\np = null;\ngc();\ncheckpoint('gone');\n")
    doc = trace(src).to_json()
    made, gone = doc["checkpoints"]
    inst = made["heap"]["6:9#1"]
    assert inst["props"] == {"pub": 2, "#inner": {"site": "2:12#1"}}
    assert inst["internal"] == [{"site": "4:5#1"}]  # the private method: the class's, held by its instances
    assert made["heap"][inst["proto"]["ref"]]["props"] == {"constructor": {"site": "1:1#1"}}
    assert "2:12#1" in made["reachable"] and "2:12#1" not in gone["reachable"]
    assert "4:5#1" in gone["reachable"]  # the class keeps it in its context
