"""A seeded generator of small JavaScript programs over the subset the engine supports.

A program is a short prelude (``show``, which prints a value with its type and tells -0 from 0) and a list of
*snippets*, each a self-contained block (its own names, wrapped in ``{ }``), so a disagreement can be shrunk by
dropping snippets. Every program is deterministic in node: no Math.random, no clock, timers only at the top
level with distinct delays, and nothing printed that node words its own way (stack traces, inspect of functions).

``generate(seed)`` is the whole interface; ``families`` lists the kinds of snippet, ``CI_FAMILIES`` those the CI
test uses (the others found disagreements: tests/fuzz/KNOWN.md).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

PRELUDE = """function show(v) {
  if (typeof v === "symbol") return "symbol:" + v.toString();
  if (typeof v === "function") return "function:" + v.name;
  if (typeof v === "object" && v !== null) {
    try { return "object:" + JSON.stringify(v); } catch (e) { return "object:<" + e.name + ">"; }
  }
  if (Object.is(v, -0)) return "number:-0";
  return typeof v + ":" + String(v);
}
"""


@dataclass
class Program:
    seed: int
    snippets: list[str]

    def source(self, snippets: list[str] | None = None) -> str:
        return PRELUDE + "\n".join(self.snippets if snippets is None else snippets) + "\n"


class Gen:
    """The random choices of one program; ``n`` numbers the names so snippets never clash."""

    def __init__(self, rng: random.Random, ci: bool = True) -> None:
        self.r = rng
        self.n = 0
        self.ci = ci
        self.timer_base = 0  # each async snippet's timers get their own 300 ms window (see asyncs)

    def known(self, *items: str) -> tuple[str, ...]:
        """Constructs on which the engine and node disagree today (tests/fuzz/KNOWN.md): left out under CI."""
        return () if self.ci else items

    def name(self, base: str) -> str:
        self.n += 1
        return f"{base}{self.n}"

    def pick(self, items: list[str] | tuple[str, ...]) -> str:
        return self.r.choice(items)

    # ------------------------------------------------------------ values

    NUMBERS = ("0", "1", "-1", "2", "3", "7", "10", "0.5", "-2.5", "1e21", "123456789", "NaN", "Infinity",
               "-Infinity", "0.1", "255", "-0", "2147483648", "4294967295", "9007199254740993")
    STRINGS = ('""', '"0"', '"3"', '"abc"', '" 12 "', '"0x1f"', '"1e3"', '"-7"', '"a,b,c"', '"Hello World"',
               '"true"', '"null"', '"  "', '"\\n5"', '"Infinity"')
    OTHERS = ("true", "false", "null", "undefined", "[]", "[1, 2]", "[3]", "[,]", "{}", "({ a: 1 })",
              "[null]", "[undefined, 1]", "({ valueOf() { return 4; } })", "({ toString() { return \"s\"; } })",
              "({ valueOf() { return \"9\"; }, toString() { return \"t\"; } })", "new Number(5)",
              "new String(\"ab\")", "new Boolean(false)", "Symbol.iterator")

    def number(self) -> str:
        return self.pick(self.NUMBERS)

    def small_int(self, lo: int = 0, hi: int = 9) -> str:
        return str(self.r.randint(lo, hi))

    def string(self) -> str:
        return self.pick(self.STRINGS)

    def value(self, allow_symbol: bool = False) -> str:
        kind = self.r.random()
        if kind < 0.35:
            return self.number()
        if kind < 0.65:
            return self.string()
        v = self.pick(self.OTHERS)
        return v if allow_symbol or v != "Symbol.iterator" else "null"

    def print(self, expr: str) -> str:
        return f"console.log(show({expr}));"

    def guarded(self, body: str) -> str:
        """Run ``body``; a throw prints the error's name and message (as node words them)."""
        return f"try {{ {body} }} catch (e) {{ console.log(e instanceof Error ? e.name + ': ' + e.message : 'threw ' + show(e)); }}"


# ---------------------------------------------------------------- snippet families


def arith(g: Gen) -> str:
    binops = ("+", "-", "*", "/", "%", "**", "==", "===", "!=", "!==", "<", ">", "<=", ">=", "&", "|", "^",
              "<<", ">>", ">>>", "&&", "||", "??")
    lines = []
    for _ in range(g.r.randint(2, 5)):
        a, b = g.value(), g.value()
        op = g.pick(binops)
        if op == "**" and g.ci:  # V8's pow is fdlibm's, not libm's (KNOWN.md 4): small integer bases only
            a = g.small_int()
        if op == "**" and a.startswith("-"):
            a = f"({a})"
        lines.append(g.guarded(g.print(f"({a}) {op} ({b})")))
    unops = ("typeof", "-", "+", "!", "~", "void")
    for _ in range(g.r.randint(0, 2)):
        lines.append(g.guarded(g.print(f"{g.pick(unops)} ({g.value(allow_symbol=True)})")))
    return "{\n" + "\n".join(lines) + "\n}"


def numbers(g: Gen) -> str:
    n = g.number()
    calls = (f"({n}).toFixed({g.small_int(0, 4)})", f"({n}).toString({g.pick(('2', '8', '16', '36', ''))})",
             f"Number({g.string()})", f"parseInt({g.string()})", f"parseFloat({g.string()})",
             f"Math.max({n}, {g.number()})", f"Math.min({g.number()}, {n})", f"Math.floor({n})",
             f"Math.round({n})", f"Math.trunc({n})", f"Math.sign({n})", f"Math.abs({n})", f"Math.sqrt({n})",
             f"Number.isInteger({n})", f"Number.isSafeInteger({n})", f"isNaN({g.value()})",
             f"Number.isFinite({g.value()})", f"String({n})", f"({n}).toPrecision({g.small_int(1, 6)})",
             f"Math.hypot({g.small_int()}, {g.small_int()})", f"Math.pow({g.small_int() if g.ci else n}, {g.small_int(0, 3)})",
             f"({n}) | 0", f"~~({n})", f"({n}) >>> 0", f"Math.clz32({n})", f"Number.parseFloat({g.string()})")
    picks = g.r.sample(calls, g.r.randint(2, 4))
    return "{\n" + "\n".join(g.guarded(g.print(c)) for c in picks) + "\n}"


def strings(g: Gen) -> str:
    s = g.pick(('"Hello World"', '"a,b,,c"', '"  padded  "', '"abcabc"', '"x"', '""', '"MiXeD"'))
    v = g.name("s")
    i, j = g.small_int(-3, 8), g.small_int(-3, 8)
    needle = g.pick(('"a"', '"b"', '""'))
    calls = (f"{v}.slice({i}, {j})", f"{v}.substring({i}, {j})", f"{v}.indexOf({needle})",
             f"{v}.lastIndexOf(\"a\")", f"{v}.includes(\"c\")", f"{v}.padStart({g.small_int(0, 12)}, \"-*\")",
             f"{v}.padEnd({g.small_int(0, 12)})", f"{v}.repeat({g.small_int(0, 3)})", f"{v}.split(\",\")",
             f"{v}.split(\"\")", f"{v}.toUpperCase()", f"{v}.toLowerCase()", f"{v}.trim()", f"{v}.trimStart()",
             f"{v}.at({i})", f"{v}.charAt({i})", f"{v}.charCodeAt({i})", f"{v}.codePointAt(0)",
             f"{v}.replace(\"a\", \"[$&]\")", f"{v}.replaceAll(\"a\", \"_\")", f"{v}.startsWith(\"a\")",
             f"{v}.endsWith(\"c\")", f"{v}.concat({g.value()}, {g.value()})", f"{v}.length",
             f"`<${{{v}}}|${{{g.value()}}}>`", f"{v} < {g.string()}", f"[...{v}].reverse().join(\"\")",
             f"{v}.split(\",\", {g.small_int(0, 3)})", f"{v}[{i}]", f"String.fromCharCode(72, {g.small_int(60, 90)})",
             f"{v}.localeCompare === undefined", f"{v}.search === undefined")
    picks = g.r.sample(calls, g.r.randint(3, 6))
    body = [f"const {v} = {s};"] + [g.guarded(g.print(c)) for c in picks]
    return "{\n" + "\n".join(body) + "\n}"


def arrays(g: Gen) -> str:
    a = g.name("a")
    init = g.pick(("[3, 1, 2]", "[5, 10, 1, 25]", "[\"b\", \"a\", \"c\"]", "[1, [2, [3, [4]]]]", "[]",
                   "[0, -1, 2, -3, 4]", "[1, 2, 3, 4, 5, 6]", "[null, undefined, 0, \"\"]"))
    i = g.small_int(-2, 5)
    sep = g.pick(('"-"', '', '""'))
    zero = g.pick(('0', '""'))
    fn = g.pick(("x => x * 2", "(x, i) => x + i", "x => typeof x", "x => x > 1", "(x) => String(x)"))
    ops = (f"{a}.push({g.value()})", f"{a}.pop()", f"{a}.shift()", f"{a}.unshift({g.small_int()}, {g.small_int()})",
           f"{a}.splice({i}, {g.small_int(0, 2)}, {g.small_int()})", f"{a}.slice({i})", f"{a}.concat([7], 8)",
           f"{a}.join({sep})", f"{a}.reverse()", f"{a}.sort()",
           f"{a}.sort((x, y) => (x > y ? 1 : x < y ? -1 : 0))", f"{a}.map({fn})", f"{a}.filter({fn})",
           f"{a}.reduce((acc, x) => acc + x, {zero})", f"{a}.find({fn})",
           f"{a}.findIndex({fn})", f"{a}.some({fn})", f"{a}.every({fn})", f"{a}.includes({g.small_int()})",
           f"{a}.indexOf({g.small_int()})", f"{a}.flat(Infinity)", f"{a}.flat()", f"{a}.flatMap(x => [x, x])",
           f"{a}.at({i})", f"{a}.fill(0, 1, 2)", f"Array.from({a}, {fn})", f"Array.of({g.small_int()}, 2)",
           f"[...{a}.keys()]", f"[...{a}.entries()]", f"{a}.toSorted()", f"{a}.toReversed()",
           f"{a}.with(0, \"w\")", f"{a}.findLast({fn})", f"{a}.findLastIndex({fn})", f"{a}.length",
           f"({a}.length = {g.small_int(0, 4)}, {a})", f"Array.isArray({a})", f"{a}.lastIndexOf(1)",
           f"{a}.copyWithin(0, 1)", f"{a}.toSpliced(1, 1)", f"String({a})", f"{a}.toString()",
           f"Array.from({{ length: {g.small_int(0, 4)} }}, (_, k) => k * k)", f"new Array({g.small_int(0, 3)}).length")
    picks = g.r.sample(ops, g.r.randint(3, 6))
    body = [f"const {a} = {init};"]
    for op in picks:
        body.append(g.guarded(g.print(op)))
    body.append(g.print(a))
    if g.r.random() < 0.3:
        body.append(f"console.log({a});")
    return "{\n" + "\n".join(body) + "\n}"


def objects(g: Gen) -> str:
    o = g.name("o")
    text = g.pick(('"[1, 2]"', '"{\\"a\\": [true]}"', '"1e3"', '"x"'))
    k = g.pick(("\"k\"", "\"a\" + 1", "1 + 1", "`t${2}`"))
    body = [f"const {o} = {{ a: {g.value()}, b: {{ c: {g.value()} }}, [{k}]: {g.value()}, "
            f"get g() {{ return this.a; }}, set s(v) {{ this.a = v; }}, m() {{ return typeof this; }} }};"]
    ops = (f"{o}.a", f"{o}.b.c", f"{o}?.b?.c", f"{o}.x?.y", f"{o}.x?.y.z", f"{o}.m?.()", f"{o}.nope?.()",
           f"{o}.g", f"({o}.s = 5, {o}.a)", f"Object.keys({o})", f"Object.values({o}).length",
           f"Object.entries({o}.b)", f"\"a\" in {o}", f"delete {o}.a", f"{o}.hasOwnProperty(\"b\")",
           f"Object.hasOwn({o}, \"g\")", f"{{ ...{o}.b, d: 1 }}", f"Object.assign({{}}, {o}.b, {{ e: 2 }})",
           f"JSON.stringify({o})", f"JSON.parse(JSON.stringify({o}.b))", f"Object.freeze({o}.b) === {o}.b",
           f"Object.isFrozen({o}.b)", "Object.fromEntries([[\"x\", 1], [\"y\", 2]])",
           f"Object.getOwnPropertyNames({o}).length", f"typeof Object.getOwnPropertyDescriptor({o}, \"g\").get",
           f"{o}.toString()", f"String({o}.b)", f"{o}.b.c ?? \"dflt\"", f"({o}.b.c ||= 3, {o}.b.c)",
           f"({o}.b.z ??= 4, {o}.b.z)", f"Object.getPrototypeOf({o}) === Object.prototype",
           "JSON.stringify({ u: undefined, f() {}, n: null, d: [1, undefined] })",
           f"JSON.stringify({o}.b, null, 2)", f"JSON.parse({text})")
    picks = g.r.sample(ops, g.r.randint(3, 6))
    body += [g.guarded(g.print(op)) for op in picks]
    if g.r.random() < 0.3:
        body.append(f"console.log({o}.b);")
    return "{\n" + "\n".join(body) + "\n}"


def closures(g: Gen) -> str:
    f, c = g.name("make"), g.name("c")
    step = g.small_int(1, 3)
    body = [f"function {f}(start) {{ let n = start; return {{ inc: () => (n += {step}), get: function () {{ return n; }} }}; }}",
            f"const {c} = {f}({g.small_int()});", f"{c}.inc(); {c}.inc();", g.print(f"{c}.get()"),
            f"const fs{g.n} = [];",
            f"for ({g.pick(('let', 'var'))} i = 0; i < 3; i++) {{ fs{g.n}.push(() => i); }}",
            g.print(f"fs{g.n}.map(h => h())"),
            f"const add{g.n} = (a) => (b) => (c2 = {g.small_int()}) => a + b + c2;",
            g.print(f"add{g.n}(1)(2)()"), g.print(f"add{g.n}(\"x\")(2)(3)"),
            f"function rec{g.n}(k) {{ return k <= 1 ? 1 : k * rec{g.n}(k - 1); }}", g.print(f"rec{g.n}({g.small_int(0, 12)})"),
            f"function argsf{g.n}() {{ return arguments.length + ':' + Array.prototype.slice.call(arguments).join('|'); }}",
            g.print(f"argsf{g.n}(1, 'a', null)"),
            f"function defs{g.n}(a, b = a + 1, ...rest) {{ return [a, b, rest.length]; }}",
            g.print(f"defs{g.n}({g.small_int()})"), g.print(f"defs{g.n}(1, undefined, 3, 4)")]
    return "{\n" + "\n".join(body) + "\n}"


def classes(g: Gen) -> str:
    A, B = g.name("Animal"), g.name("Dog")
    body = [f"class {A} {{",
            "  static count = 0;",
            "  legs = 4;",
            "  constructor(name) { this.name = name; " + A + ".count++; }",
            "  speak() { return `${this.name} makes a sound`; }",
            "  get upper() { return this.name.toUpperCase(); }",
            "  set upper(v) { this.name = v.toLowerCase(); }",
            "  static create(n) { return new this(n); }",
            "  toString() { return `Animal(${this.name})`; }",
            "}",
            f"class {B} extends {A} {{",
            "  constructor(name, trick) { super(name); this.trick = trick; }",
            "  speak() { return super.speak() + ' and barks'; }",
            "  get [Symbol.toStringTag]() { return 'Doggo'; }",
            "}",
            f"const d{g.n} = new {B}(\"rex\", {g.value()});"]
    d = f"d{g.n}"
    ops = (f"{d}.speak()", f"{d}.upper", f"({d}.upper = \"MAX\", {d}.name)", f"{A}.count",
           f"{d} instanceof {A}", f"{d} instanceof {B}", f"`${{{d}}}`", f"String({d})",
           f"Object.prototype.toString.call({d})", f"{B}.create(\"pup\").speak()", f"{d}.legs",
           f"Object.keys({d})", f"typeof {A}", f"{B}.name", f"{A}.prototype.speak.call({{ name: 7 }})",
           f"Object.getPrototypeOf({B}) === {A}", f"{d}.constructor.name", f"{d}.hasOwnProperty(\"speak\")",
           f"{A}.count = 10", f"new {A}().name", f"{A}()")
    picks = g.r.sample(ops, g.r.randint(3, 6))
    body += [g.guarded(g.print(op)) for op in picks]
    return "{\n" + "\n".join(body) + "\n}"


def loops(g: Gen) -> str:
    acc = g.name("acc")
    n = g.small_int(0, 6)
    kind = g.r.randint(0, 4)
    if kind == 0:
        loop = f"for (let i = 0; i < {n}; i++) {{ if (i === 2) continue; if (i > 4) break; {acc}.push(i * i); }}"
    elif kind == 1:
        loop = f"let j = {n}; while (j-- > 0) {{ {acc}.push(j); }}"
    elif kind == 2:
        loop = f"let j = 0; do {{ {acc}.push(j); j += 2; }} while (j < {n});"
    elif kind == 3:
        loop = f"for (const k in {{ b: 1, a: 2, 1: 3, 0: 4 }}) {{ {acc}.push(k); }}"
    else:
        loop = (f"for (const [x, y] of [[1, 'a'], [2, 'b'], [{n}, 'c']]) {{ if (x === {n}) break; "
                f"{acc}.push(y + x); }}")
    sw = (f"switch ({g.value()}) {{ case 0: {acc}.push('zero'); case \"3\": {acc}.push('three'); break; "
          f"case null: {acc}.push('null'); break; default: {acc}.push('dflt'); }}")
    body = [f"const {acc} = [];", loop, sw, g.print(acc)]
    return "{\n" + "\n".join(body) + "\n}"


def errors(g: Gen) -> str:
    E = g.name("MyError")
    throws = ("null.x", "undefined.y.z", "let q = 1; q()", "[].reduce((a, b) => a)",
              "new Array(-1)", "(1).toFixed(200)", "'abc'.repeat(-1)", "x_undefined_var + 1", "Symbol() + ''",
              "JSON.parse('{bad')", "new (function () {}.prototype.constructor)(); null[0]",
              "const cc = 1; cc = 2", "BigIntNope.x", "({}).x.y", "[1, 2].at().toFixed()",
              "class K {}; K()", "Object.defineProperty(1, 'a', {})", "new Set().add.call(5, 1)",
              "throw new RangeError('custom ' + 1)", "throw new " + E + "('mine')",
              "throw { code: 42 }", "throw 'plain string'", "Object.freeze([1]).push(2)",
              "structuredClone(() => 1)", "new Map([1])",
              "null ?? undefined.x", "'use strict'; undefined_global_z = 1",
              *g.known("(void 0)()", "({}).f()", "[...123]", "for (const q of 5) {}"))
    body = [f"class {E} extends Error {{ constructor(m) {{ super(m); this.name = '{E}'; }} }}"]
    for t in g.r.sample(throws, g.r.randint(2, 4)):
        fin = " finally { console.log('finally'); }" if g.r.random() < 0.3 else ""
        body.append(f"try {{ {t}; console.log('no throw'); }} catch (e) {{ "
                    f"console.log(e instanceof Error ? [e.name, e.message, e instanceof {E}].join(' | ') : 'threw ' + show(e)); }}{fin}")
    body.append("try { try { throw new TypeError('inner'); } finally { console.log('cleanup'); } } "
                "catch ({ name, message }) { console.log(name, message); }")
    body.append(g.print("(() => { try { return 'try'; } finally { console.log('fin runs'); } })()"))
    body.append(g.print(f"new {E}('z').toString()"))
    body.append(g.print("String(new Error('e1', { cause: 1 }).cause)"))
    return "{\n" + "\n".join(body) + "\n}"


def destructuring(g: Gen) -> str:
    n = g.n = g.n + 1
    src = g.pick(("[1, 2, 3]", "[undefined, null]", "[]", "[[1, 2], { x: 3 }]", "'ab'"))
    obj = g.pick(("{ a: 1, b: { c: 2 }, d: [3, 4] }", "{ a: undefined, b: { c: null } }", "{ b: { c: 0 }, e: 5 }"))
    body = [f"const [p{n} = 'dp', q{n}, ...r{n}] = {src};", g.print(f"[p{n}, q{n}, r{n}]"),
            f"const {{ a: a{n} = 'da', b: {{ c: c{n} = 'dc' }} = {{}}, ...more{n} }} = {obj};",
            g.print(f"[a{n}, c{n}, more{n}]"),
            f"let x{n} = 1, y{n} = 2; [x{n}, y{n}] = [y{n}, x{n}];", g.print(f"x{n} * 10 + y{n}"),
            f"function f{n}({{ k = 1, m: [first{n}] = [9] }} = {{}}, [z{n}] = []) {{ return [k, first{n}, z{n}]; }}",
            g.print(f"f{n}()"), g.print(f"f{n}({{ k: 2, m: 'hi' }}, [3])"),
            *[g.guarded(g.print(k)) for k in g.known("(({ u }) => u)(null)")],
            g.guarded(f"const [w{n}] = {g.pick(('null', '1', 'undefined', *g.known('{}')))}; console.log(w{n});"),
            "for (const { id, tags: [t0 = 'none'] = [] } of [{ id: 1, tags: ['x'] }, { id: 2 }]) console.log(id, t0);"]
    return "{\n" + "\n".join(body) + "\n}"


def spread_templates(g: Gen) -> str:
    n = g.n = g.n + 1
    body = [f"const base{n} = [{g.value()}, {g.value()}];",
            g.print(f"[...base{n}, ...'hi', ...new Set([1, 1, 2])]"),
            g.print(f"Math.max(...[{g.small_int()}, {g.small_int()}], {g.small_int()})"),
            g.print(f"`${{base{n}}} / ${{{g.value()}}} / ${{[1, [2, 3]]}} / ${{{{}}}}`"),
            g.print("`multi\\nline ${1 + 1}`"),
            g.print("String.raw`a\\n${1}`"),
            g.print("[...new Map([[1, 'a'], [2, 'b']]).values()]"),
            g.print(f"Object.entries({{ ...base{n} }})"),
            g.print(f"((...xs) => xs.length)(...base{n}, ...[])")]
    return "{\n" + "\n".join(body) + "\n}"


def collections(g: Gen) -> str:
    n = g.n = g.n + 1
    body = [f"const m{n} = new Map(); m{n}.set('a', 1).set(NaN, 'nan').set({g.value()}, 'v');",
            g.print(f"[m{n}.size, m{n}.get(NaN), m{n}.has('a'), m{n}.delete('zz')]"),
            g.print(f"[...m{n}.keys()].map(String)"),
            f"const s{n} = new Set([3, 1, 3, '3', -0, 0]);",
            g.print(f"[s{n}.size, s{n}.has(0), [...s{n}].map(show)]"),
            f"const seen{n} = []; m{n}.forEach((v, k) => seen{n}.push(String(k) + '=' + String(v)));",
            g.print(f"seen{n}"),
            f"const wm{n} = new WeakMap(); const key{n} = {{}}; wm{n}.set(key{n}, 'w');",
            g.print(f"[wm{n}.get(key{n}), wm{n}.has({{}})]"),
            g.print("Array.from(new Set('hello')).join('')"),
            g.print("Symbol('d').description"), g.print("typeof Symbol.for('x')")]
    if g.r.random() < 0.4:
        body.append(f"console.log(m{n}, s{n});")
    return "{\n" + "\n".join(body) + "\n}"


def generators(g: Gen) -> str:
    n = g.n = g.n + 1
    lim = g.small_int(1, 5)
    body = [f"function* gen{n}(k) {{ try {{ for (let i = 0; i < k; i++) {{ const got = yield i; if (got) console.log('got', got); }} return 'done'; }} finally {{ console.log('gen finally'); }} }}",
            g.print(f"[...gen{n}({lim})]"),
            f"const it{n} = gen{n}({lim});",
            g.print(f"JSON.stringify([it{n}.next(), it{n}.next('x'), it{n}.return(7), it{n}.next()])"),
            f"function* del{n}() {{ yield* gen{n}(2); yield* 'ab'; return 1; }}",
            g.print(f"Array.from(del{n}())"),
            f"const iterable{n} = {{ *[Symbol.iterator]() {{ yield 'p'; yield 'q'; }} }};",
            f"for (const v of iterable{n}) {{ console.log(v); break; }}",
            g.guarded(f"const t{n} = gen{n}(3); t{n}.next(); t{n}.throw(new Error('into gen'));")]
    return "{\n" + "\n".join(body) + "\n}"


def asyncs(g: Gen) -> str:
    n = g.n = g.n + 1
    d1, d2 = g.r.sample(range(1, 9), 2)
    # node's timers run on the real clock from when each is created, so timers of different statements are
    # kept >= 100 ms apart (a loaded machine may pause between statements); the two of one race are created
    # by one expression, 5 ms apart at least. The engine's virtual time orders them the same way.
    base = g.timer_base
    g.timer_base += 300
    body = [f"async function job{n}(x) {{ await null; console.log('job', x); if (x > {g.small_int(1, 3)}) throw new RangeError('big ' + x); return x * 2; }}",
            f"job{n}(1).then(v => console.log('then', v));",
            f"job{n}(5).catch(e => console.log('caught', e.name, e.message)).finally(() => console.log('fin'));",
            f"Promise.all([job{n}(0), {g.small_int()}, Promise.resolve('r')]).then(vs => console.log(show(vs)));",
            f"Promise.allSettled([job{n}(9), job{n}(1)]).then(rs => console.log(rs.map(r => r.status).join()));",
            f"Promise.race([new Promise(r => setTimeout(() => r('slow'), {base + d1 * 10 + 5})), new Promise(r => setTimeout(() => r('fast'), {base + d2 * 10}))]).then(v => console.log('race', v));",
            "Promise.any([Promise.reject(new Error('no')), Promise.resolve('yes')]).then(v => console.log('any', v));",
            f"setTimeout(() => console.log('timeout {d1}'), {base + 200});",
            f"queueMicrotask(() => console.log('microtask {n}'));",
            "(async () => { for await (const v of [Promise.resolve(1), 2]) console.log('fa', v); })();",
            f"async function* ag{n}() {{ yield 1; await null; yield 2; }}",
            f"(async () => {{ const out = []; for await (const v of ag{n}()) out.push(v); console.log('ag', out); }})();",
            f"console.log('sync end {n}');"]
    return "\n".join(body)  # top level: timers are created at once, in order (no races)


def getters_proto(g: Gen) -> str:
    n = g.n = g.n + 1
    who = g.pick(('"ann"', '"bo"'))
    body = [f"const proto{n} = {{ greet() {{ return 'hi ' + this.who; }}, get loud() {{ return this.who.toUpperCase(); }} }};",
            f"const child{n} = Object.create(proto{n}); child{n}.who = {who};",
            g.print(f"[child{n}.greet(), child{n}.loud, Object.keys(child{n}), 'greet' in child{n}]"),
            f"const obj{n} = {{}}; Object.defineProperty(obj{n}, 'ro', {{ value: 1, writable: false, enumerable: false }});",
            f"obj{n}.ro = 2;", g.print(f"[obj{n}.ro, Object.keys(obj{n}).length, JSON.stringify(obj{n})]"),
            f"function Ctor{n}(v) {{ this.v = v; }} Ctor{n}.prototype.twice = function () {{ return this.v * 2; }};",
            g.print(f"new Ctor{n}({g.small_int()}).twice()"),
            g.print(f"typeof Ctor{n}.prototype.constructor"),
            f"const bound{n} = function (a, b) {{ return [this.t, a, b]; }}.bind({{ t: 'T' }}, 1);",
            g.print(f"bound{n}(2)"), g.print(f"bound{n}.name"),
            g.print("Math.max.apply(null, [1, 5, 2])"),
            g.print("(function () { return typeof this; }).call(7)"),
            f"for (const k{n} in 'ab') console.log(k{n});"]
    return "{\n" + "\n".join(body) + "\n}"


def uncaught(g: Gen) -> str:
    """The last snippet, sometimes: an uncaught error ends the program (compared as name and message)."""
    return g.pick(("throw new TypeError('the end');", "null.end;", "undefined_at_the_end();",
                   "throw new RangeError(String(1 / 3));", "[].reduce((a, b) => a + b);",
                   *g.known("({}).method();"), "class Z { constructor() { throw new SyntaxError('in ctor'); } } new Z();"))


FAMILIES: dict[str, Callable[[Gen], str]] = {
    "arith": arith, "numbers": numbers, "strings": strings, "arrays": arrays, "objects": objects,
    "closures": closures, "classes": classes, "loops": loops, "errors": errors, "destructuring": destructuring,
    "spread_templates": spread_templates, "collections": collections, "generators": generators,
    "asyncs": asyncs, "getters_proto": getters_proto,
}
CI_FAMILIES = tuple(FAMILIES)


def generate(seed: int, families: tuple[str, ...] = CI_FAMILIES, size: int = 4, ci: bool = True) -> Program:
    """A program of ``size`` snippets (about), chosen by ``seed`` among ``families``; ``ci=False`` also uses
    the constructs of tests/fuzz/KNOWN.md."""
    rng = random.Random(seed)
    g = Gen(rng, ci)
    snippets = [FAMILIES[rng.choice(families)](g) for _ in range(rng.randint(max(1, size - 2), size + 2))]
    if rng.random() < 0.15:
        snippets.append(uncaught(g))
    return Program(seed, snippets)
