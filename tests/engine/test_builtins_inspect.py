"""console.log formatting: node's util.inspect and util.format, line breaking, array grouping, specifiers; console.dir/count/group/table.

The expected lines are node v20's own output for each program (see builtin_table.py).
"""

from __future__ import annotations

from builtin_table import Case, table_tests

CASES: list[Case] = [
    Case('numbers', r"""
console.log(-0, 0, 1e21, 0.1 + 0.2, 123456789012, 1e-7, NaN, -Infinity, 2**53);
console.log([-0, 1.5], { n: -0 });
""", [
        '-0 0 1e+21 0.30000000000000004 123456789012 1e-7 NaN -Infinity 9007199254740992',
        '[ -0, 1.5 ] { n: -0 }',
    ]),
    Case('strings-top-level-raw-nested-quoted', r"""
console.log("it's", ["it's", 'say "hi"', `both ' and "`, "a\nb", "tab\there", "back\\slash"]);
console.log({ s: 'x' }, ['']);
""", [
        "it's [",
        '  "it\'s",',
        '  \'say "hi"\',',
        '  `both \' and "`,',
        "  'a\\nb',",
        "  'tab\\there',",
        "  'back\\\\slash'",
        ']',
        "{ s: 'x' } [ '' ]",
    ]),
    Case('primitives', r"""
console.log(undefined, null, true, false, Symbol("tag"), Symbol());
console.log([undefined, null, Symbol.iterator]);
""", [
        'undefined null true false Symbol(tag) Symbol()',
        '[ undefined, null, Symbol(Symbol.iterator) ]',
    ]),
    Case('empty-containers', r"""
console.log([], {}, new Map(), new Set(), [[]], [{}]);
""", [
        '[] {} Map(0) {} Set(0) {} [ [] ] [ {} ]',
    ]),
    Case('holes', r"""
const a = [1, , 3]; console.log(a); const b = [, , ]; console.log(b);
const c = []; c[5] = 1; console.log(c); c.length = 8; console.log(c);
""", [
        '[ 1, <1 empty item>, 3 ]',
        '[ <2 empty items> ]',
        '[ <5 empty items>, 1 ]',
        '[ <5 empty items>, 1, <2 empty items> ]',
    ]),
    Case('nesting-depth', r"""
console.log({ a: { b: { c: { d: 1 } } } }); console.log([[[[1]]]], [[[[]]]]); console.log({ a: [{ b: { c: 1 } }] });
""", [
        '{ a: { b: { c: [Object] } } }',
        '[ [ [ [Array] ] ] ] [ [ [ [] ] ] ]',
        '{ a: [ { b: [Object] } ] }',
    ]),
    Case('class-instances', r"""
class Node { constructor(v) { this.value = v; this.next = null; } }
const n = new Node(1); n.next = new Node(2); console.log(n);
class Empty {} console.log(new Empty(), [new Empty()]);
class Pt { constructor() { this.x = 1; } } class Pt3 extends Pt { constructor() { super(); this.z = 3; } } console.log(new Pt3());
""", [
        'Node { value: 1, next: Node { value: 2, next: null } }',
        'Empty {} [ Empty {} ]',
        'Pt3 { x: 1, z: 3 }',
    ]),
    Case('constructor-functions-and-prototypes', r"""
function Person(name) { this.name = name; }
Person.prototype.greet = function () { return "hi"; };
const p = new Person("Ann"); console.log(p, [p], Object.create(Person.prototype), p.constructor.name);
function Animal() {} Animal.prototype = { speak() {} }; console.log(new Animal());
const noCtor = Object.create({}); console.log(noCtor);
function F() {} const f = new F(); F.prototype.constructor = undefined; console.log(f);
console.log(Object.prototype, Array.prototype, Function.prototype, Map.prototype);
console.log([function namedFn() {}, Person], Symbol().description, typeof Symbol("").description);
""", [
        "Person { name: 'Ann' } [ Person { name: 'Ann' } ] Person {} Person",
        '{}',
        '{}',
        '{}',
        '[Object: null prototype] {} Object(0) [] [Function (anonymous)] Object Object [Map] {}',
        '[ [Function: namedFn], [Function: Person] ] undefined string',
    ]),
    Case('weakref-and-to-string-tags', r"""
const t = { a: 1 }; const w = new WeakRef(t); console.log(w, [w]);
class X { get [Symbol.toStringTag]() { return "Y"; } } console.log(new X());
const o = { [Symbol.toStringTag]: "Tagged", v: 1 }; console.log(o);
class Z { static [Symbol.hasInstance]() { return true; } } console.log(Object.create(Z.prototype));
""", [
        'WeakRef {} [ WeakRef {} ]',
        'X [Y] {}',
        "{ v: 1, [Symbol(Symbol.toStringTag)]: 'Tagged' }",
        'Z {}',
    ]),
    Case('null-prototype', r"""
const o = Object.create(null); console.log(o); o.a = 1; console.log(o);
""", [
        '[Object: null prototype] {}',
        '[Object: null prototype] { a: 1 }',
    ]),
    Case('functions-and-classes', r"""
function f() {} const g = () => 1; const h = function () {};
class A {} class B extends A {}
console.log(f, g, [function () {}], A, B, [A]);
console.log({ f, m() {}, k: class {} });
f.extra = 1; console.log(f);
console.log(Math.max, [].push);
""", [
        '[Function: f] [Function: g] [ [Function (anonymous)] ] [class A] [class B extends A] [ [class A] ]',
        '{ f: [Function: f], m: [Function: m], k: [class k] }',
        '[Function: f] { extra: 1 }',
        '[Function: max] [Function: push]',
    ]),
    Case('maps-and-sets', r"""
const m = new Map([["a", 1], ["b", { c: [1, 2] }]]); console.log(m);
console.log(new Set([1, "two", [3]]), new Map([[{ k: 1 }, new Set([1])]]));
console.log(new WeakMap(), new WeakSet(), [new Map([[1, 2]])]);
console.log({ m: new Map([[1, { deep: { deeper: 1 } }]]) });
""", [
        "Map(2) { 'a' => 1, 'b' => { c: [ 1, 2 ] } }",
        "Set(3) { 1, 'two', [ 3 ] } Map(1) { { k: 1 } => Set(1) { 1 } }",
        'WeakMap { <items unknown> } WeakSet { <items unknown> } [ Map(1) { 1 => 2 } ]',
        '{ m: Map(1) { 1 => { deep: [Object] } } }',
    ]),
    Case('circular', r"""
const o = { name: "o" }; o.self = o; console.log(o);
const a = [1]; a.push(a); console.log(a);
const x = { y: { } }; x.y.back = x; x.y.again = x.y; console.log(x);
const m = new Map(); m.set("me", m); console.log(m);
""", [
        "<ref *1> { name: 'o', self: [Circular *1] }",
        '<ref *1> [ 1, [Circular *1] ]',
        '<ref *1> { y: <ref *2> { back: [Circular *1], again: [Circular *2] } }',
        "<ref *1> Map(1) { 'me' => [Circular *1] }",
    ]),
    Case('line-breaking', r"""
console.log({ alpha: "aaaaaaaaaaaa", beta: "bbbbbbbbbbbbbb", gamma: "cccccccccccccc", delta: 1 });
console.log({ alpha: "aaaaaaaaaaaa", beta: "bbbbbbbbbbbbbb", gamma: "cccccccccccccc" });
console.log({ a: { b: 1, c: [1, 2, 3], d: { e: "a long string value here" } }, f: "another long string value" });
console.log(["a fairly long string", "another fairly long one", "and a third long string", "x"]);
""", [
        '{',
        "  alpha: 'aaaaaaaaaaaa',",
        "  beta: 'bbbbbbbbbbbbbb',",
        "  gamma: 'cccccccccccccc',",
        '  delta: 1',
        '}',
        '{',
        "  alpha: 'aaaaaaaaaaaa',",
        "  beta: 'bbbbbbbbbbbbbb',",
        "  gamma: 'cccccccccccccc'",
        '}',
        '{',
        "  a: { b: 1, c: [ 1, 2, 3 ], d: { e: 'a long string value here' } },",
        "  f: 'another long string value'",
        '}',
        '[',
        "  'a fairly long string',",
        "  'another fairly long one',",
        "  'and a third long string',",
        "  'x'",
        ']',
    ]),
    Case('long-strings-in-objects', r"""
console.log({ text: "a".repeat(100) });
console.log(["line one\nline two that is long enough to break the limit of eighty characters, yes"]);
""", [
        '{',
        "  text: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'",
        '}',
        '[',
        "  'line one\\n' +",
        "    'line two that is long enough to break the limit of eighty characters, yes'",
        ']',
    ]),
    Case('array-grouping-numbers', r"""
console.log(Array.from({ length: 30 }, (_, i) => i * 3));
console.log([1, 2, 3, 4, 5, 6, 7]); console.log([1, 2, 3, 4, 5, 6]);
console.log(Array.from({ length: 26 }, (_, i) => i * i * i));
console.log([1.5, -2, 300, 4e21, 5, 6, 7, 8, 9, 10, 11, 12]);
""", [
        '[',
        '   0,  3,  6,  9, 12, 15, 18, 21, 24,',
        '  27, 30, 33, 36, 39, 42, 45, 48, 51,',
        '  54, 57, 60, 63, 66, 69, 72, 75, 78,',
        '  81, 84, 87',
        ']',
        '[',
        '  1, 2, 3, 4,',
        '  5, 6, 7',
        ']',
        '[ 1, 2, 3, 4, 5, 6 ]',
        '[',
        '      0,    1,     8,    27,    64,',
        '    125,  216,   343,   512,   729,',
        '   1000, 1331,  1728,  2197,  2744,',
        '   3375, 4096,  4913,  5832,  6859,',
        '   8000, 9261, 10648, 12167, 13824,',
        '  15625',
        ']',
        '[',
        '  1.5, -2, 300, 4e+21,',
        '    5,  6,   7,     8,',
        '    9, 10,  11,    12',
        ']',
    ]),
    Case('array-grouping-strings', r"""
console.log(["apple", "banana", "cherry", "date", "elderberry", "fig", "grape", "honeydew"]);
console.log("abcdefghijklmnopqrstuvwxyz".split(""));
console.log([true, false, null, undefined, 1, "a", 2, 3]);
""", [
        '[',
        "  'apple',",
        "  'banana',",
        "  'cherry',",
        "  'date',",
        "  'elderberry',",
        "  'fig',",
        "  'grape',",
        "  'honeydew'",
        ']',
        '[',
        "  'a', 'b', 'c', 'd', 'e', 'f',",
        "  'g', 'h', 'i', 'j', 'k', 'l',",
        "  'm', 'n', 'o', 'p', 'q', 'r',",
        "  's', 't', 'u', 'v', 'w', 'x',",
        "  'y', 'z'",
        ']',
        "[ true, false, null, undefined, 1, 'a', 2, 3 ]",
    ]),
    Case('array-more-than-100', r"""
console.log(Array.from({ length: 101 }, (_, i) => i));
console.log(Array.from({ length: 150 }, () => "x"));
""", [
        '[',
        '   0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11,',
        '  12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,',
        '  24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,',
        '  36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,',
        '  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,',
        '  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,',
        '  72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,',
        '  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,',
        '  96, 97, 98, 99,',
        '  ... 1 more item',
        ']',
        '[',
        "  'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',",
        "  'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',",
        "  'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',",
        "  'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',",
        "  'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',",
        "  'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',",
        "  'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',",
        "  'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',",
        "  'x', 'x', 'x', 'x',",
        '  ... 50 more items',
        ']',
    ]),
    Case('array-of-objects', r"""
console.log([{ id: 1, name: "Ada" }, { id: 2, name: "Grace" }, { id: 3, name: "Linus" }, { id: 4, name: "Barbara" }]);
console.log(Array.from({ length: 8 }, (_, i) => ({ i })));
""", [
        '[',
        "  { id: 1, name: 'Ada' },",
        "  { id: 2, name: 'Grace' },",
        "  { id: 3, name: 'Linus' },",
        "  { id: 4, name: 'Barbara' }",
        ']',
        '[',
        '  { i: 0 }, { i: 1 },',
        '  { i: 2 }, { i: 3 },',
        '  { i: 4 }, { i: 5 },',
        '  { i: 6 }, { i: 7 }',
        ']',
    ]),
    Case('extra-array-props', r"""
const a = [1, 2]; a.label = "pair"; console.log(a);
""", [
        "[ 1, 2, label: 'pair' ]",
    ]),
    Case('keys-needing-quotes', r"""
console.log({ "a-b": 1, "1x": 2, ok_1: 3, "": 4, 7: 5, "it's": 6, [Symbol("s")]: 7 });
""", [
        '{',
        "  '7': 5,",
        "  'a-b': 1,",
        "  '1x': 2,",
        '  ok_1: 3,',
        "  '': 4,",
        '  "it\'s": 6,',
        '  [Symbol(s)]: 7',
        '}',
    ]),
    Case('getters-setters', r"""
const o = { get a() { return 1; }, set b(v) {}, get c() { return 2; }, set c(v) {} }; console.log(o);
class T { get g() { return 1; } } console.log(new T());
""", [
        '{ a: [Getter], b: [Setter], c: [Getter/Setter] }',
        'T {}',
    ]),
    Case('errors-in-log', r"""
const e = new Error("boom"); console.log(e.message, e.name, String(e), e instanceof Error);
const t = new TypeError("bad"); console.log(`${t}`, Object.prototype.toString.call(t));
""", [
        'boom Error Error: boom true',
        'TypeError: bad [object Error]',
    ]),
    Case('format-specifiers', r"""
console.log("%s is %d years and %i%%", "Bob", 42.5, 7.9);
console.log("%f and %j and %o", "3.5", { a: [1] }, [1]);
console.log("%O!", { deep: { deeper: { deepest: {} } } });
console.log("%c styled", "color: red");
console.log("%s", { a: 1 }, "rest", 3);
console.log("no specifiers", 1, "two", { three: 3 });
console.log("%s %s", "only one");
console.log("100%", 5);
console.log("%s", Symbol("q"), "%d", -0);
console.log(5, "%s", "x");
""", [
        'Bob is 42.5 years and 7%',
        '3.5 and {"a":[1]} and [ 1, [length]: 1 ]',
        '{ deep: { deeper: { deepest: {} } } }!',
        ' styled',
        '{ a: 1 } rest 3',
        'no specifiers 1 two { three: 3 }',
        'only one %s',
        '100% 5',
        'Symbol(q) %d -0',
        '5 %s x',
    ]),
    Case('multiline-log', r"""
console.log("one\ntwo"); console.log(""); console.log(); console.log("a", "b\nc");
""", [
        'one',
        'two',
        '',
        '',
        'a b',
        'c',
    ]),
    Case('console-dir-and-count', r"""
console.dir({ a: { b: { c: { d: 1 } } } }); console.dir("str"); console.dir();
console.count(); console.count(); console.count("x"); console.countReset(); console.count(); console.count("x");
console.group("G"); console.count("x"); console.dir([1, 2]); console.groupEnd();
""", [
        '{ a: { b: { c: [Object] } } }',
        "'str'",
        'undefined',
        'default: 1',
        'default: 2',
        'x: 1',
        'default: 1',
        'x: 2',
        'G',
        '  x: 3',
        '  [ 1, 2 ]',
    ]),
    Case('console-table', r"""
console.table([{ a: 1, b: "x" }, { a: 3, c: [1, 2, 3, 4] }]);
console.table({ r1: { name: "Ann", age: 30 }, r2: { name: "Bob", nested: { x: 1, y: 2, z: 3 } } });
console.table([1, "two", { k: { deep: 1 } }]);
console.table(new Map([["a", 1], ["b", { c: 2 }]]));
console.table(new Set(["x", 10]));
console.table("not tabular"); console.table([]); console.table([[1, 2], [3]]);
console.table([{ "日本": "語", e: "😀" }]);
""", [
        '┌─────────┬───┬─────┬──────────────────────────────┐',
        '│ (index) │ a │ b   │ c                            │',
        '├─────────┼───┼─────┼──────────────────────────────┤',
        "│ 0       │ 1 │ 'x' │                              │",
        '│ 1       │ 3 │     │ [ 1, 2, 3, ... 1 more item ] │',
        '└─────────┴───┴─────┴──────────────────────────────┘',
        '┌─────────┬───────┬─────┬──────────┐',
        '│ (index) │ name  │ age │ nested   │',
        '├─────────┼───────┼─────┼──────────┤',
        "│ r1      │ 'Ann' │ 30  │          │",
        "│ r2      │ 'Bob' │     │ [Object] │",
        '└─────────┴───────┴─────┴──────────┘',
        '┌─────────┬─────────────┬────────┐',
        '│ (index) │ k           │ Values │',
        '├─────────┼─────────────┼────────┤',
        '│ 0       │             │ 1      │',
        "│ 1       │             │ 'two'  │",
        '│ 2       │ { deep: 1 } │        │',
        '└─────────┴─────────────┴────────┘',
        '┌───────────────────┬─────┬──────────┐',
        '│ (iteration index) │ Key │ Values   │',
        '├───────────────────┼─────┼──────────┤',
        "│ 0                 │ 'a' │ 1        │",
        "│ 1                 │ 'b' │ { c: 2 } │",
        '└───────────────────┴─────┴──────────┘',
        '┌───────────────────┬────────┐',
        '│ (iteration index) │ Values │',
        '├───────────────────┼────────┤',
        "│ 0                 │ 'x'    │",
        '│ 1                 │ 10     │',
        '└───────────────────┴────────┘',
        'not tabular',
        '┌─────────┐',
        '│ (index) │',
        '├─────────┤',
        '└─────────┘',
        '┌─────────┬───┬───┐',
        '│ (index) │ 0 │ 1 │',
        '├─────────┼───┼───┤',
        '│ 0       │ 1 │ 2 │',
        '│ 1       │ 3 │   │',
        '└─────────┴───┴───┘',
        '┌─────────┬──────┬──────┐',
        '│ (index) │ 日本 │ e    │',
        '├─────────┼──────┼──────┤',
        "│ 0       │ '語' │ '😀' │",
        '└─────────┴──────┴──────┘',
    ]),
    Case('boxed-primitives', r"""
console.log(new Number(3), new String("ab"), new Boolean(false), [new Number(-0)]);
""", [
        "[Number: 3] [String: 'ab'] [Boolean: false] [ [Number: -0] ]",
    ]),
    Case('console-methods', r"""
console.info("info"); console.debug("dbg"); console.group("g"); console.log("inside"); console.group(); console.log("deeper"); console.groupEnd(); console.groupEnd(); console.log("out");
""", [
        'info',
        'dbg',
        'g',
        '  inside',
        '    deeper',
        'out',
    ]),
    Case('iterators', r"""
const m = new Map([["a", 1]]); console.log(m.keys(), m.values(), m.entries());
console.log(new Set([1, 2]).values(), [1, 2].keys(), [1, 2][Symbol.iterator](), new Set([1]).entries());
const it = m.keys(); it.next(); console.log(it);
""", [
        "[Map Iterator] { 'a' } [Map Iterator] { 1 } [Map Entries] { [ 'a', 1 ] }",
        '[Set Iterator] { 1, 2 } Object [Array Iterator] {} Object [Array Iterator] {} [Set Entries] { [ 1, 1 ] }',
        '[Map Iterator] {  }',
    ]),
    Case('nested-line-breaks', r"""
const tree = { value: 1, left: { value: 2, left: null, right: null }, right: { value: 3, left: { value: 4, left: null, right: null }, right: null } };
console.log(tree);
console.log({ list: [1, 2, 3], map: new Map([["k", [1, 2]]]), set: new Set(["a"]) });
""", [
        '{',
        '  value: 1,',
        '  left: { value: 2, left: null, right: null },',
        '  right: {',
        '    value: 3,',
        '    left: { value: 4, left: null, right: null },',
        '    right: null',
        '  }',
        '}',
        '{',
        '  list: [ 1, 2, 3 ],',
        "  map: Map(1) { 'k' => [ 1, 2 ] },",
        "  set: Set(1) { 'a' }",
        '}',
    ]),
    Case('class-extends-builtins', r"""
class Stack extends Array {} const s = new Stack(); s.push(1, 2); console.log(s, s.length, Array.isArray(s));
class Cache extends Map {} console.log(new Cache([[1, 2]]));
class MyErr extends Error {} const e = new MyErr("x"); console.log(e.name, e.message, e instanceof MyErr, e instanceof Error);
""", [
        'Stack(2) [ 1, 2 ] 2 true',
        'Cache(1) [Map] { 1 => 2 }',
        'Error x true true',
    ]),
    Case('object-with-many-keys', r"""
const o = {}; for (let i = 0; i < 30; i++) o["k" + i] = i; console.log(o);
""", [
        '{',
        '  k0: 0,',
        '  k1: 1,',
        '  k2: 2,',
        '  k3: 3,',
        '  k4: 4,',
        '  k5: 5,',
        '  k6: 6,',
        '  k7: 7,',
        '  k8: 8,',
        '  k9: 9,',
        '  k10: 10,',
        '  k11: 11,',
        '  k12: 12,',
        '  k13: 13,',
        '  k14: 14,',
        '  k15: 15,',
        '  k16: 16,',
        '  k17: 17,',
        '  k18: 18,',
        '  k19: 19,',
        '  k20: 20,',
        '  k21: 21,',
        '  k22: 22,',
        '  k23: 23,',
        '  k24: 24,',
        '  k25: 25,',
        '  k26: 26,',
        '  k27: 27,',
        '  k28: 28,',
        '  k29: 29',
        '}',
    ]),
    Case('wide-and-astral-strings', r"""
console.log(["日本語", "中文字", "한국어", "ascii", "más", "ça", "ü"]); console.log({ emoji: "😀" });
""", [
        '[',
        "  '日本語', '中文字',",
        "  '한국어', 'ascii',",
        "  'más',    'ça',",
        "  'ü'",
        ']',
        "{ emoji: '😀' }",
    ]),
]


test_engine_prints_what_node_prints, test_table_agrees_with_node = table_tests(CASES)
