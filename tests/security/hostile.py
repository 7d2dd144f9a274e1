"""A generated corpus of hostile programs: templates with seeded parameters (names, sizes, depths, shapes), so a
seed gives the same programs every run and `corpus(n)` gives as many as asked for, spread over every family.

Families: infinite loops of every shape (while, for, do, labelled, for-of over an endless iterator, recursion
through getters, toString, valueOf, Symbol.iterator, promises, timers, async functions), allocation bombs, runaway
strings, deep and mutual recursion, recursion that keeps catching its own overflow, deeply nested source text,
huge literals, pathological sort comparators and JSON.stringify / JSON.parse inputs.

Each program says how it may end: `limit` (the engine stops it at a named budget), `error` (a JavaScript error the
program throws, such as RangeError or TypeError), `syntax` (the engine refuses the text: SyntaxError or
UnsupportedSyntax, e.g. nesting too deep) or `ok` (it finishes: a sort with a lying comparator must still end, and a
bomb within the engine's bounds may finish as in V8). An endless loop or recursion never may.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

LIMIT, ERROR, SYNTAX, OK = "limit", "error", "syntax", "ok"


@dataclass(frozen=True)
class Hostile:
    name: str  # family-index, e.g. "loop-17"
    family: str
    source: str
    ends: frozenset[str]


Template = Callable[[random.Random], str]


def _name(r: random.Random) -> str:
    return r.choice(["f", "go", "spin", "again", "loop", "rec", "g", "h", "walk", "tick"]) + str(r.randint(0, 99))


def _body(r: random.Random) -> str:
    """A statement or two of busy work inside a loop."""
    v = f"v{r.randint(0, 9)}"
    return r.choice([
        "", f"let {v} = 1;", f"const {v} = {{ n: 1 }};", f"var {v} = [1, 2];", f"let {v} = 'x' + 1;",
        f"let {v} = {r.randint(1, 9)} * {r.randint(1, 9)};", "if (Math.random() > 2) break;",
    ])


# --- infinite loops ---------------------------------------------------------------------------------------------

LOOPS: list[Template] = [
    lambda r: f"while (true) {{ {_body(r)} }}",
    lambda r: f"for (;;) {{ {_body(r)} }}",
    lambda r: f"do {{ {_body(r)} }} while (true);",
    lambda r: f"for (let i = 0; i >= 0; i += {r.randint(0, 1)}) {{ {_body(r)} }}",
    lambda r: f"let n = 0;\nwhile (n < 10) {{ n = (n + 1) % {r.randint(2, 9)}; {_body(r)} }}",
    lambda r: f"outer: for (;;) {{ for (let i = 0; i < {r.randint(1, 5)}; i++) {{ continue outer; }} }}",
    lambda r: f"while (true) {{ try {{ throw new Error('x{r.randint(0, 9)}'); }} catch (e) {{ {_body(r)} }} }}",
    lambda r: f"while (true) {{ try {{ {_body(r)} }} finally {{ {_body(r)} }} }}",
    lambda r: "function* forever() { let i = 0; while (true) yield i++; }\nfor (const x of forever()) { "
              + _body(r) + " }",
    lambda r: "const it = { [Symbol.iterator]() { return { next() { return { done: false, value: "
              + str(r.randint(0, 9)) + " }; } }; } };\nfor (const x of it) {}",
    lambda r: "const it = { [Symbol.iterator]() { return { next: () => ({ done: false, value: {} }) }; } };\n"
              + r.choice(["const all = [...it];", "const all = Array.from(it);", "const [a, ...rest] = it;",
                          "new Set(it);", "Promise.all(it);"]),
    lambda r: f"const o = {{ get {(n := _name(r))}() {{ return this.{n}; }} }};\no.{n};",
    lambda r: f"const o = {{ valueOf() {{ return o {r.choice(['+', '*', '-', '<'])} 1; }} }};\no + 1;",
    lambda r: "const o = { toString() { return `${o}`; } };\nString(o);",
    lambda r: "const o = { toString() { return o + ''; } };\n'' + o;",
    lambda r: "const o = { [Symbol.toPrimitive]() { return +o; } };\no * 2;",
    lambda r: f"class A {{ get x() {{ return new A().x; }} }}\nnew A().x{r.choice(['', ' + 1'])};",
    lambda r: f"function {(n := _name(r))}() {{ Promise.resolve().then({n}); }}\n{n}();",
    lambda r: f"function {(n := _name(r))}() {{ queueMicrotask({n}); }}\n{n}();",
    lambda r: f"setInterval(() => {{ {_body(r)} }}, {r.randint(0, 100)});",
    lambda r: f"function {(n := _name(r))}() {{ setTimeout({n}, {r.randint(0, 50)}); }}\n{n}();",
    lambda r: f"function {(n := _name(r))}() {{ setImmediate({n}); }}\n{n}();",
    lambda r: f"async function {(n := _name(r))}() {{ while (true) {{ await {r.choice(['null', '1', 'Promise.resolve()'])}; }} }}\n{n}();",
    lambda r: f"async function {(n := _name(r))}() {{ await null; return {n}(); }}\n{n}();",
    lambda r: "const p = { then(resolve) { resolve(p); } };\nPromise.resolve(p);",
    lambda r: f"(async () => {{ for await (const x of {{ [Symbol.asyncIterator]() {{ return {{ next: async () => ({{ done: false, value: {r.randint(0, 9)} }}) }}; }} }}) {{}} }})();",
]

# --- allocation bombs ------------------------------------------------------------------------------------------

BOMBS: list[Template] = [
    lambda r: f"const a = [];\nwhile (true) a.push({r.choice(['{}', '[]', '{ n: 1 }', '() => 1', 'new Map()'])});",
    lambda r: "let o = {};\nwhile (true) o = { next: o, pad: [1, 2, 3] };",
    lambda r: "const m = new Map();\nfor (let i = 0; ; i++) m.set(i, [i, { i }]);",
    lambda r: "const s = new Set();\nfor (let i = 0; ; i++) s.add({ i });",
    lambda r: f"const a = [];\nfor (let i = 0; ; i++) a[i] = new Array({r.randint(10, 1000)}).fill(i);",
    lambda r: f"new Array({r.choice(['1e9', '2 ** 32 - 1', '4294967295', '1e7', '2 ** 31'])}).fill(0);",
    lambda r: f"const a = [];\na.length = {r.choice(['2 ** 32 - 1', '1e9', '123456789'])};\na.fill({{}});",
    lambda r: "const fs = [];\nwhile (true) { const x = { big: [1, 2, 3] }; fs.push(() => x); }",
    lambda r: f"let a = [1];\nwhile (true) a = a.concat(a);{'' if r.random() < 0.5 else ' // doubling'}",
    lambda r: "let a = [[]];\nwhile (true) a = [a, a];",
    lambda r: f"const o = {{}};\nfor (let i = 0; ; i++) o['k' + i] = {{ v: i, w: '{r.choice('xyz') * r.randint(1, 40)}' }};",
    lambda r: "class Node { constructor(next) { this.next = next; this.data = [0, 0, 0, 0]; } }\n"
              "let head = null;\nwhile (true) head = new Node(head);",
    lambda r: f"const a = Array.from({{ length: {r.choice(['1e7', '1e8', '2 ** 30'])} }}, (_, i) => ({{ i }}));",
    lambda r: "const w = new WeakMap();\nconst keep = [];\nwhile (true) { const k = {}; keep.push(k); w.set(k, [k]); }",
]

# --- runaway strings -------------------------------------------------------------------------------------------

STRINGS: list[Template] = [
    lambda r: f"let s = '{r.choice('abcxyz')}';\nwhile (true) s += s;",
    lambda r: f"'{r.choice('ab')}'.repeat({r.choice(['2 ** 30', '2 ** 29', '1e9', '2 ** 28 + 1', 'Infinity'])});",
    lambda r: f"'x'.padStart({r.choice(['2 ** 30', '1e9', '2 ** 29'])}, 'ab');",
    lambda r: f"'x'.padEnd({r.choice(['2 ** 30', '1e9'])});",
    lambda r: "let s = 'ab';\nfor (;;) s = s.concat(s, s);",
    lambda r: f"let s = 'x'.repeat({r.choice(['2 ** 20', '2 ** 22', '2 ** 24'])});\nwhile (true) s = s + s.slice(0, 1000);",
    lambda r: f"const big = 'y'.repeat({r.choice(['2 ** 22', '2 ** 24'])});\nconst parts = [];\nwhile (true) parts.push(big + parts.length);",
    lambda r: f"const a = new Array({r.choice(['1e6', '1e7'])});\na.join('{r.choice(['x', 'xyz', '--'])}').repeat(1000);",
    lambda r: "let s = 'a';\nwhile (true) s = s.replace(/a/g, 'aa');",
    lambda r: f"let s = '{'ab' * r.randint(1, 5)}';\nwhile (true) s = JSON.stringify(s);",
    lambda r: "let s = 'x'.repeat(2 ** 24);\nwhile (true) s = s.split('').join('x');",
    lambda r: f"let s = '';\nfor (let i = 0; ; i++) s += String(i).repeat({r.randint(1, 100)});",
    lambda r: f"const s = 'a'.repeat({r.choice(['30', '25', '28'])}) + '!';\n/^(a+)+$/.test(s);",
    lambda r: f"const s = 'x'.repeat({r.choice(['5000', '20000'])});\n/(x|x)*y/.test(s);",
    lambda r: f"let n = {r.choice(['2n', '3n', '7n'])};\nwhile (true) n = n ** {r.choice(['2n', '3n', '10n'])};",
    lambda r: "let n = 1n;\nfor (;;) n <<= 1000000n;",
]

# --- deep and mutual recursion ---------------------------------------------------------------------------------

RECURSION: list[Template] = [
    lambda r: f"function {(n := _name(r))}(i) {{ return {n}(i + 1) + 1; }}\n{n}(0);",
    lambda r: f"function {(a := _name(r))}x() {{ return {a}y(); }}\nfunction {a}y() {{ return {a}x(); }}\n{a}x();",
    lambda r: "function a() { b(); }\nfunction b() { c(); }\nfunction c() { a(); }\na();",
    lambda r: f"const {(n := _name(r))} = (i) => {n}(i + 1);\n{n}(0);",
    lambda r: f"function {(n := _name(r))}() {{ [1].{r.choice(['map', 'forEach', 'filter', 'some', 'find', 'reduce'])}({n}); }}\n{n}();",
    lambda r: f"function {(n := _name(r))}() {{ return {n}.{r.choice(['call(null)', 'apply(null, [])', 'bind(null)()'])}; }}\n{n}();",
    lambda r: "class A { constructor() { new A(); } }\nnew A();",
    lambda r: "class A { m() { return this.m(); } }\nnew A().m();",
    lambda r: "function f() { [3, 1, 2].sort(() => { f(); return 0; }); }\nf();",
    lambda r: "function f(o) { return JSON.stringify(o, () => f(o)); }\nf({});",
    lambda r: f"function {(n := _name(r))}(" + ", ".join(f"p{i}" for i in range(r.randint(1, 30)))
              + f") {{ const local = [p0]; return {n}(...local); }}\n{n}(1);",
    lambda r: "function* g() { yield* g(); }\n[...g()];",
    lambda r: "const o = { get a() { return this.b; }, get b() { return this.a; } };\no.a;",
    lambda r: "function f() { return new Promise((res) => res(f())); }\nf();",
    lambda r: f"function {(n := _name(r))}(d) {{ if (d === 0) return 0; return {n}(d - 1) + 1; }}\n{n}({r.choice(['1e5', '50000', '1e6'])});",
    lambda r: "const f = function self() { return [self()]; };\nf();",
    lambda r: "function f() { try { return f(); } finally { f(); } }\nf();",
    lambda r: "const handler = {}; function f(x) { return String(x) + f({ toString: () => f(1) }); }\nf(0);",
]

# --- recursion that keeps catching its own overflow --------------------------------------------------------------

CATCHING: list[Template] = [
    lambda r: f"function {(n := _name(r))}() {{ try {{ {n}(); }} catch (e) {{ {n}(); }} }}\n{n}();",
    lambda r: f"function {(n := _name(r))}() {{ try {{ {n}(); }} catch (e) {{}} {n}(); }}\n{n}();",
    lambda r: f"let caught = 0;\nfunction {(n := _name(r))}() {{ try {{ {n}(); }} catch (e) {{ caught++; if (caught < {r.randint(10, 10000)}) {n}(); }} }}\n{n}();",
    lambda r: f"function {(n := _name(r))}() {{ try {{ {n}(); }} finally {{ {n}(); }} }}\n{n}();",
    lambda r: f"function {(n := _name(r))}() {{ try {{ return {n}(); }} catch (e) {{ return {n}() + 1; }} }}\n{n}();",
    lambda r: f"while (true) {{ try {{ (function {(n := _name(r))}() {{ {n}(); }})(); }} catch (e) {{ {_body(r)} }} }}",
    lambda r: "async function f() { try { await f(); } catch (e) { await f(); } }\nf();",
    lambda r: "function f(n) { try { f(n + 1); } catch (e) { if (e instanceof RangeError) f(n + 1); } }\nf(0);",
]

# --- deeply nested source text ---------------------------------------------------------------------------------


def _nest(r: random.Random) -> int:
    return r.choice([200, 500, 1000, 1500, 3000, 6000])


def _wrapped(opening: str, closing: str, depth: int, inner: str = "") -> str:
    return opening * depth + inner + closing * depth


NESTING: list[Template] = [
    lambda r: "let a = " + "[" * (d := _nest(r)) + "]" * d + ";",
    lambda r: "let a = " + "(" * (d := _nest(r)) + "1" + ")" * d + ";",
    lambda r: "{" * (d := _nest(r)) + "}" * d,
    lambda r: "let o = " + "{ a: " * (d := _nest(r)) + "1" + " }" * d + ";",
    lambda r: "let x = " + "- " * _nest(r) + "1;",
    lambda r: "let x = " + "!" * _nest(r) + "true;",
    lambda r: "let x = " + " + ".join("1" for _ in range(_nest(r) * 2)) + ";",
    lambda r: "let x = 1;\nlet y = " + " ? x : ".join("x" for _ in range(_nest(r))) + ";",
    lambda r: "let f = " + "() => " * _nest(r) + "1;",
    lambda r: _wrapped("function f() { ", "}", _nest(r)),
    lambda r: _wrapped("if (true) { ", "}", _nest(r)),
    lambda r: "let s = " + "`${" * (d := _nest(r) // 2) + "1" + "}`" * d + ";",
    lambda r: "let x = 0;\n" + "\n".join("x = x + 1;" for _ in range(r.choice([1000, 3000, 5000]))),
    lambda r: "let x = " + ".a" * 0 + "[" * (d := _nest(r)) + "0" + "][0]" * 0 + "]" * d + ";",
    lambda r: "let v = " + "new Array(" * (d := _nest(r) // 3) + ")" * d + ";",
    lambda r: "let x = " + "typeof " * _nest(r) + "1;",
    lambda r: "for (;;) " * _nest(r) + "break;",
    lambda r: "a: " + "".join(f"b{i}: " for i in range(_nest(r))) + "for (;;) break a;",
]

# --- huge literals ---------------------------------------------------------------------------------------------

LITERALS: list[Template] = [
    lambda r: "let n = " + "9" * r.choice([400, 5000, 15000]) + ";\nn * n;",
    lambda r: "let n = " + "7" * r.choice([1000, 10000, 15000]) + "n;\nlet m = n * n * n;",
    lambda r: "let s = '" + r.choice("ab✓") * r.choice([5000, 15000, 19000]) + "';\ns.length;",
    lambda r: "let a = [" + ",".join(str(r.randint(0, 9)) for _ in range(r.choice([2000, 6000]))) + "];",
    lambda r: "let o = {" + ",".join(f"k{i}: {i}" for i in range(r.choice([1000, 2000]))) + "};",
    lambda r: "let n = 1e" + str(r.choice([308, 309, 400, 99999])) + ";\nlet m = -n * 0;",
    lambda r: "let r = /" + "a" * r.choice([1000, 10000]) + "/;\nr.test('a');",
    lambda r: "let r = /" + "(" * (d := r.choice([50, 200, 500])) + "a" + ")" * d + "/;\nr.test('a');",
    lambda r: "let s = '" + "\\u{1F600}" * r.choice([500, 2000]) + "';\n[...s].length;",
    lambda r: "let x = 0x" + "f" * r.choice([100, 1000, 5000]) + ";",
    lambda r: "let t = `" + "${1}" * r.choice([1000, 3000]) + "`;",
    lambda r: "let " + ", ".join(f"v{i} = {i}" for i in range(r.choice([1000, 3000]))) + ";",
    lambda r: "function f(" + ", ".join(f"p{i}" for i in range(r.choice([500, 2000]))) + ") {}\nf();",
    lambda r: "f(" + ", ".join("1" for _ in range(r.choice([2000, 5000]))) + ");\nfunction f() {}",
]

# --- pathological sort comparators -----------------------------------------------------------------------------


QUOTED_X = '"x"'
GAP = '"' + 'x' * 20 + '"'


def _array(r: random.Random) -> str:
    return r.choice([f"Array.from({{ length: {r.choice([50, 500, 5000])} }}, (_, i) => i)",
                     "[5, 3, 1, 4, 2]", f"Array.from({{ length: {r.randint(10, 200)} }}, () => ({{ v: Math.random() }}))",
                     "[NaN, undefined, null, 0, -0, '', {}, []]"])


SORTS: list[Template] = [
    lambda r: f"{_array(r)}.sort(() => Math.random() - 0.5);",
    lambda r: f"{_array(r)}.sort(() => {r.choice(['NaN', '1', '-1', 'undefined', 'Infinity', '{}', 'null', QUOTED_X])});",
    lambda r: f"const a = {_array(r)};\na.sort((x, y) => {{ a.push(x); return 1; }});",
    lambda r: f"const a = {_array(r)};\na.sort((x, y) => {{ a.length = 0; return -1; }});",
    lambda r: f"const a = {_array(r)};\na.sort((x, y) => {{ a.sort(); return 0; }});",
    lambda r: f"{_array(r)}.sort(() => {{ throw new Error('cmp{r.randint(0, 9)}'); }});",
    lambda r: f"{_array(r)}.sort(() => {{ while (true) {{}} }});",
    lambda r: f"const a = {_array(r)};\na.sort((x, y) => ({{ valueOf() {{ return x < y ? -1 : 1; }} }}));",
    lambda r: f"{_array(r)}.sort((x, y) => {{ const junk = []; for (let i = 0; i < 100; i++) junk.push({{ i }}); return x - y; }});",
    lambda r: f"{_array(r)}.toSorted((x, y) => (x > y) - (x < y)).reverse().sort(() => 0);",
    lambda r: f"const a = {_array(r)};\na.sort((x, y) => {{ a[0] = {{ bad: true }}; return String(x).localeCompare(String(y)); }});",
]

# --- JSON.stringify and JSON.parse inputs ----------------------------------------------------------------------

JSONS: list[Template] = [
    lambda r: "const o = {};\no.self = o;\nJSON.stringify(o);",
    lambda r: "const a = [];\na.push(a);\nJSON.stringify(a);",
    lambda r: f"let o = {{}};\nfor (let i = 0; i < {r.choice(['1e4', '1e5', '5e4', '2000'])}; i++) o = {{ o }};\nJSON.stringify(o);",
    lambda r: f"let a = [];\nfor (let i = 0; i < {r.choice(['1e4', '1e5', '3000'])}; i++) a = [a];\nJSON.stringify(a);",
    lambda r: "JSON.stringify({}, (k, v) => ({ a: v }));",
    lambda r: "JSON.stringify({ toJSON() { return { toJSON: this.toJSON }; } });",
    lambda r: "const o = { toJSON() { return [o]; } };\nJSON.stringify(o);",
    lambda r: "JSON.stringify({ get x() { throw new Error('getter'); } });",
    lambda r: f"JSON.stringify(Array.from({{ length: {r.choice(['1e5', '1e6'])} }}, (_, i) => ({{ i, s: 'x'.repeat(10) }})));",
    lambda r: f"JSON.stringify({{ a: 1 }}, null, {r.choice(['1e9', '10', GAP])});",
    lambda r: f"JSON.parse('{'[' * (d := r.choice([1000, 10000, 100000]))}' + '{']' * d}');",
    lambda r: f"JSON.parse('[' .repeat({r.choice(['1e5', '1e6'])}) + ']'.repeat({r.choice(['1e5', '1e6'])}));",
    lambda r: "JSON.parse('{\"a\":' .repeat(1e5) + '1' + '}'.repeat(1e5));",
    lambda r: "JSON.parse('[1]', function reviver(k, v) { return JSON.parse('[1]', reviver); });",
    lambda r: f"let s = '\"' + 'x'.repeat({r.choice(['2 ** 24', '2 ** 20'])}) + '\"';\nwhile (true) s = JSON.stringify(JSON.parse(s) + s);",
    lambda r: "JSON.stringify(10n);",
    lambda r: "const m = new Map([[1, 2]]);\nm.toJSON = () => m;\nJSON.stringify({ m });",
]

FAMILIES: dict[str, tuple[list[Template], frozenset[str]]] = {
    "loop": (LOOPS, frozenset({LIMIT, ERROR})),
    # A bomb or a long string within the engine's bounds (new Array(1e7), 'a'.repeat(2 ** 28 + 1)) may finish, as in
    # V8; what matters is that it ends within the budgets.
    "bomb": (BOMBS, frozenset({LIMIT, ERROR, OK})),
    "string": (STRINGS, frozenset({LIMIT, ERROR, OK})),
    "recursion": (RECURSION, frozenset({LIMIT, ERROR})),
    "catching": (CATCHING, frozenset({LIMIT, ERROR})),
    "nesting": (NESTING, frozenset({LIMIT, ERROR, SYNTAX, OK})),
    "literal": (LITERALS, frozenset({LIMIT, ERROR, SYNTAX, OK})),
    "sort": (SORTS, frozenset({LIMIT, ERROR, OK})),
    "json": (JSONS, frozenset({LIMIT, ERROR, OK})),
}


def _dressed(r: random.Random, body: str) -> str:
    """The program with a seeded prelude (an object and a checkpoint, so the run records memory before it turns
    hostile), and half the time inside a function called at once; neither changes how the body ends."""
    tag = r.randint(0, 10**6)
    prelude = f"const seed{tag} = {{ id: {tag}, tags: ['t{tag % 97}'] }};\ncheckpoint(\"p{tag}\");\n"
    if r.random() < 0.5:
        body = f"(function run{tag}() {{\n{body}\n}})();"
    return prelude + body + "\n"


def corpus(n: int = 1000, seed: int = 13) -> list[Hostile]:
    """`n` programs, round-robin over the families and, within one, over its templates, each with its own seeded
    parameters: corpus(n, seed)[:k] == corpus(k, seed) for every k."""
    names = list(FAMILIES)
    programs = []
    for i in range(n):
        family = names[i % len(names)]
        templates, ends = FAMILIES[family]
        index = i // len(names)
        r = random.Random(f"{seed}:{family}:{index}")
        source = _dressed(r, templates[index % len(templates)](r))
        programs.append(Hostile(name=f"{family}-{index}", family=family, source=source, ends=ends))
    return programs


def sample(k: int, n: int = 1000, seed: int = 13) -> list[Hostile]:
    """A seeded sample of `k` programs of the corpus, every family represented."""
    every = corpus(n, seed)
    return random.Random(seed).sample(every, k)
