"""Destructuring assignment as an expression (13.15.5), compared with node in the same test: the value of the
assignment, for-loop heads and updates, arrow bodies, sequences, nested patterns, defaults, rest elements,
computed keys, member targets, the order of getters, targets and iterator steps, iterator closing and V8's
TypeErrors. node is required under CI=true, else the comparison is skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.test_syntax_against_node import engine_run, node_run

PROGRAMS: list[tuple[str, str]] = [
    ("swap", "var a = 1, b = 2;\n[a, b] = [b, a];\nconsole.log(a, b);"),
    ("value-is-rhs", "let a; const arr = [9, 8];\nconst r = ([a] = arr);\nconsole.log(a, r === arr);"),
    ("object-value", "let x, y; const o = {x: 1, y: 2};\nconsole.log(({ x, y } = o) === o, x, y);"),
    ("for-head-fib", """
function fib(n) { let a, b, i; for ([a, b] = [0, 1], i = 0; i < n; [a, b] = [b, a + b], i++); return a; }
console.log(fib(10), fib(20));"""),
    ("for-head-update-only", "let a = 0, b = 1; for (let i = 0; i < 5; i++, [a, b] = [b, a + b]) {}\nconsole.log(a, b);"),
    ("arrow-body", "let p, q; const f = (o) => ({ p, q = 'dq' } = o);\nconsole.log(f({p: 1}).p, p, q);"),
    ("sequence", "let a, b, c; c = ([a] = [1], [b] = [2], a + b);\nconsole.log(a, b, c);"),
    ("nested-defaults-rest", """
let a, b, c, d, rest;
[a, [b = 'B', ...c], { d = 4, ...rest }] = [1, [undefined, 3, 4], { e: 5, f: 6 }];
console.log(a, b, c, d, rest);"""),
    ("computed-keys-and-members", """
const o = {}, arr = [];
let k = 'q', r;
({ p: o.a, [k]: arr[0], ...r } = { p: 1, q: 2, s: 3, t: 4 });
console.log(o, arr, r);
[o.b, arr[1], ...o.c] = 'xyz!';
console.log(o, arr);"""),
    ("elisions", "let a, b; [, a, , b, ,] = [1, 2, 3, 4, 5, 6];\nconsole.log(a, b);"),
    ("string-and-set", "let a, b, r; [a, ...r] = 'héllo'; [b] = new Set([7]);\nconsole.log(a, r, b);"),
    ("fn-name-default", "let f, g; [f = function () {}] = []; ({ g = () => 1 } = {});\nconsole.log(f.name, g.name);"),
    ("in-condition", "let x, n = 0; while (([x] = [n++])[0] < 3) console.log(x);"),
    ("ternary-and-logical", "let a = 0, b = 0; true ? [a] = [1] : [b] = [2]; false && ([b] = [3]);\nconsole.log(a, b);"),
    ("order-of-evaluation", """
const log = [];
const src = { get a() { log.push('get a'); return 1; }, get b() { log.push('get b'); return 2; } };
const t = () => { log.push('target'); return { set v(x) { log.push('set ' + x); } }; };
({ a: t().v, b: t().v } = src);
console.log(log.join(', '));"""),
    ("iterator-order-and-close", """
const log = [];
function* g() { try { log.push('next 1'); yield 1; log.push('next 2'); yield 2; log.push('next 3'); yield 3; }
  finally { log.push('closed'); } }
const t = (n) => { log.push('target ' + n); return {}; };
let x;
[t(1).v, x = (log.push('default'), 9)] = g();
console.log(log.join(', '), x);"""),
    ("close-on-throw", """
const log = [];
const it = { [Symbol.iterator]() { return this; }, next() { log.push('next'); return { value: 1, done: false }; },
  return() { log.push('return'); return {}; } };
try { [{}.x, (() => { throw new Error('boom'); })().y] = it; } catch (e) { log.push(e.message); }
console.log(log.join(', '));"""),
    ("no-close-when-done", """
const log = [];
const it = { [Symbol.iterator]() { return this; }, next() { log.push('next'); return { done: true }; },
  return() { log.push('return'); return {}; } };
let a, b;
[a, b] = it;
console.log(log.join(', '), a, b);"""),
    ("generator-yield-in-default", """
function* g() { let m; const r = ([m = yield 'ask'] = []); return [m, r.length]; }
const it = g(); console.log(it.next().value, it.next(42).value);"""),
    ("async-await-in-default", """
async function f() { let v; [v = await Promise.resolve(5)] = []; return v; }
f().then((v) => console.log('got', v));"""),
    ("closure-captured-target", """
function f() { let a, b; const get = () => [a, b]; [a, b] = [1, 2]; const r = ({ a, b } = { a: 3, b: 4 });
  return [get(), r.a]; }
console.log(f());"""),
    ("for-of-existing-vars", """
let a, b, x; const o = {};
for ([a, b] of [[1, 2], [3, 4]]) console.log(a, b);
for ({ x, y: o.y = 'dy' } of [{ x: 'q' }, { x: 'r', y: 's' }]) console.log(x, o.y);"""),
    ("for-in-pattern", "let a; for ([a] in { xy: 1 }) console.log(a);"),
    # ---- V8's TypeErrors
    ("err-null-object", "let a;\n({ a } = null);"),
    ("err-undefined-var", "let a, u;\nconsole.log(({ a } = u));"),
    ("err-empty-pattern", "let n = null;\n({} = n);"),
    ("err-computed-first", "let b, u;\n({ ['x']: b } = u);"),
    ("err-default-first", "let a, u;\n({ a = 1 } = u);"),
    ("err-member-rhs", "let a; const o = {};\n({ a } = o.q);"),
    ("err-call-rhs", "let a; function f() {}\nconst r = ({ a } = f());"),
    ("err-nested-object", "let b;\n({ a: { b } } = {});"),
    ("err-nested-in-array", "let a;\n[{ a }] = [];"),
    ("err-not-iterable-number", "let a;\n[a] = 5;"),
    ("err-not-iterable-object", "let a; const o = {};\nconst r = ([a] = o);"),
    ("err-not-iterable-null", "let a;\n[a] = null;"),
    ("err-not-iterable-nested", "let a;\n[[a]] = [1];"),
    ("err-not-iterable-in-object", "let b; const o = {};\n({ a: [b] } = o);"),
    ("err-set-on-undefined", "let u;\n[u.x] = [1];"),
    ("err-const", "const c = 1;\nconst r = ([c] = [2]);"),
    ("err-strict-undeclared", "'use strict';\nconst r = ([undeclared] = [1]);"),
    ("err-tdz", "const r = ([a] = [1]);\nlet a;"),
]


@pytest.mark.parametrize("source", [p[1] for p in PROGRAMS], ids=[p[0] for p in PROGRAMS])
def test_destructuring_assignment_as_node(source: str, tmp_path: Path) -> None:
    expected = node_run(source, tmp_path)
    assert engine_run(source) == expected
