"""Object, Object.prototype, Function.prototype (call/apply/bind), structuredClone and JSON (stringify, parse, V8's error messages).

The expected lines are node v20's own output for each program (see builtin_table.py).
"""

from __future__ import annotations

from builtin_table import Case, table_tests

CASES: list[Case] = [
    Case('keys-values-entries', r"""
const o = { b: 1, a: 2, 10: "ten", 2: "two" };
console.log(Object.keys(o), Object.values(o), Object.entries(o));
console.log(Object.keys("hi"), Object.keys([4, 5]), Object.entries([7]));
try { Object.keys(null); } catch (e) { console.log(e.name + ": " + e.message); }
""", [
        "[ '2', '10', 'b', 'a' ] [ 'two', 'ten', 1, 2 ] [ [ '2', 'two' ], [ '10', 'ten' ], [ 'b', 1 ], [ 'a', 2 ] ]",
        "[ '0', '1' ] [ '0', '1' ] [ [ '0', 7 ] ]",
        'TypeError: Cannot convert undefined or null to object',
    ]),
    Case('assign-and-spread', r"""
const t = { a: 1 }; const r = Object.assign(t, { b: 2 }, null, { a: 3 }); console.log(r === t, t);
console.log(Object.assign({}, "ab"), { ...{ x: 1 }, y: 2 });
""", [
        'true { a: 3, b: 2 }',
        "{ '0': 'a', '1': 'b' } { x: 1, y: 2 }",
    ]),
    Case('freeze', r"""
const f = Object.freeze({ a: 1, nested: { b: 2 } }); f.a = 9; f.c = 3; delete f.a; f.nested.b = 5;
console.log(f, Object.isFrozen(f), Object.isFrozen(f.nested), Object.isFrozen({}), Object.isFrozen(Object.preventExtensions({})));
const arr = Object.freeze([1, 2]); arr[0] = 9; console.log(arr);
try { arr.push(3); } catch (e) { console.log(e.name + ": " + e.message); }
""", [
        '{ a: 1, nested: { b: 5 } } true false false true',
        '[ 1, 2 ]',
        'TypeError: Cannot add property 2, object is not extensible',
    ]),
    Case('frozen-arrays-and-objects', r"""
const a = Object.freeze([3, 1, 2]);
for (const m of ["push", "pop", "shift", "unshift", "splice", "reverse", "fill"]) { try { a[m](0, 1); console.log(m, "ok", a); } catch (e) { console.log(m, e.name + ": " + e.message); } }
try { a.sort(); } catch (e) { console.log(e.message); } console.log(a);
const e = Object.freeze([]); try { e.pop(); console.log("pop empty ok"); } catch (x) { console.log(x.message); }
const o = Object.freeze({ x: 1 }); try { Object.defineProperty(o, "x", { value: 2 }); } catch (x) { console.log(x.message); } try { Object.defineProperty(o, "y", { value: 2 }); } catch (x) { console.log(x.message); }
const p = Object.preventExtensions([1]); try { p.push(2); } catch (x) { console.log(x.message); } p.pop(); console.log(p, Object.isExtensible(p));
""", [
        'push TypeError: Cannot add property 3, object is not extensible',
        "pop TypeError: Cannot delete property '2' of [object Array]",
        "shift TypeError: Cannot assign to read only property '0' of object '[object Array]'",
        'unshift TypeError: Cannot add property 4, object is not extensible',
        "splice TypeError: Cannot assign to read only property '0' of object '[object Array]'",
        "reverse TypeError: Cannot assign to read only property '0' of object '[object Array]'",
        "fill TypeError: Cannot assign to read only property '1' of object '[object Array]'",
        "Cannot assign to read only property '0' of object '[object Array]'",
        '[ 3, 1, 2 ]',
        "Cannot assign to read only property 'length' of object '[object Array]'",
        'Cannot redefine property: x',
        'Cannot define property y, object is not extensible',
        'Cannot add property 1, object is not extensible',
        '[] false',
    ]),
    Case('create-and-prototypes', r"""
const proto = { greet() { return "hi " + this.name; } };
const o = Object.create(proto); o.name = "ann"; console.log(o.greet(), Object.getPrototypeOf(o) === proto, proto.isPrototypeOf(o), o);
const n = Object.create(null); console.log(Object.getPrototypeOf(n), typeof n.toString);
Object.setPrototypeOf(o, { greet() { return "yo"; } }); console.log(o.greet());
try { Object.create(5); } catch (e) { console.log(e.name + ": " + e.message); }
console.log(o.__proto__ === Object.getPrototypeOf(o), ({}).__proto__ === Object.prototype);
""", [
        "hi ann true true { name: 'ann' }",
        'null undefined',
        'yo',
        'TypeError: Object prototype may only be an Object or null: 5',
        'true true',
    ]),
    Case('define-property', r"""
const o = {}; Object.defineProperty(o, "hidden", { value: 1 }); Object.defineProperty(o, "shown", { value: 2, enumerable: true });
Object.defineProperty(o, "computed", { get() { return 42; }, enumerable: true });
console.log(o, Object.keys(o), o.hidden, o.computed, JSON.stringify(o), Object.getOwnPropertyNames(o));
const d = Object.getOwnPropertyDescriptor(o, "shown"); console.log(d.value, d.enumerable);
try { Object.defineProperty(1, "a", {}); } catch (e) { console.log(e.name + ": " + e.message); }
""", [
        '{ shown: 2, computed: [Getter] } [ \'shown\', \'computed\' ] 1 42 {"shown":2,"computed":42} [ \'hidden\', \'shown\', \'computed\' ]',
        '2 true',
        'TypeError: Object.defineProperty called on non-object',
    ]),
    Case('from-entries-and-has-own', r"""
console.log(Object.fromEntries([["a", 1], ["b", [2]]]), Object.fromEntries(new Map([["k", "v"]])));
const o = { own: 1 }; console.log(o.hasOwnProperty("own"), o.hasOwnProperty("toString"), "toString" in o, Object.hasOwn(o, "own"), o.propertyIsEnumerable("own"));
try { Object.fromEntries([1]); } catch (e) { console.log(e.name + ": " + e.message); }
""", [
        "{ a: 1, b: [ 2 ] } { k: 'v' }",
        'true false true true true',
        'TypeError: Iterator value 1 is not an entry object',
    ]),
    Case('own-property-symbols', r"""
const s = Symbol("k"); const o = { a: 1, [s]: 2 }; console.log(Object.getOwnPropertySymbols(o), Object.getOwnPropertySymbols([]), Object.getOwnPropertyNames(o), Object.assign({}, o));
""", [
        "[ Symbol(k) ] [] [ 'a' ] { a: 1, [Symbol(k)]: 2 }",
    ]),
    Case('object-to-string', r"""
const ts = Object.prototype.toString;
console.log(ts.call([]), ts.call(null), ts.call(undefined), ts.call(1), ts.call("s"), ts.call(() => 1), ts.call(new Map()), ts.call(new Error("x")), ts.call(JSON), ts.call(Math));
console.log(String({}), `${{}}`, ({}).toString(), [1, { a: 1 }] + "", Object.is(NaN, NaN), Object.is(0, -0));
""", [
        '[object Array] [object Null] [object Undefined] [object Number] [object String] [object Function] [object Map] [object Error] [object JSON] [object Math]',
        '[object Object] [object Object] [object Object] 1,[object Object] true false',
    ]),
    Case('function-call-apply-bind', r"""
function show(greeting, punct) { return greeting + ", " + this.name + punct; }
const p = { name: "Ann" };
console.log(show.call(p, "Hi", "!"), show.apply(p, ["Yo", "?"]), show.bind(p, "Hey")("."), show.apply(p));
const bound = show.bind(p); console.log(bound.name, typeof bound, bound("Hello", ""));
console.log(Math.max.apply(null, [1, 5, 3]), Array.prototype.slice.call([1, 2, 3], 1));
function Counter() { this.n = 0; } const C = Counter.bind(null); console.log(new C() instanceof Counter);
""", [
        'Hi, Ann! Yo, Ann? Hey, Ann. undefined, Annundefined',
        'bound show function Hello, Ann',
        '5 [ 2, 3 ]',
        'true',
    ]),
    Case('structured-clone', r"""
const o = { a: [1, , { b: 2 }], m: new Map([[1, { c: 3 }]]), s: new Set([1]), n: null, u: undefined }; o.self = o;
const c = structuredClone(o); console.log(c, c.self === c, c.a[2] === o.a[2], c.m.get(1) === o.m.get(1));
const shared = { v: 1 }; const pair = structuredClone([shared, shared]); console.log(pair[0] === pair[1], pair[0] === shared);
class P { constructor() { this.x = 1; } get y() { return 2; } } console.log(structuredClone(new P()), structuredClone([new P()]), structuredClone(new P()) instanceof P);
for (const v of [Symbol("s"), [Symbol()], new WeakMap()]) { try { structuredClone(v); } catch (e) { console.log(e.name, e.message, e instanceof Error); } }
const e = structuredClone(new TypeError("bad")); console.log(e instanceof TypeError, e.message, e.name);
console.log(structuredClone(5), structuredClone("s"), structuredClone(null), structuredClone(new Number(3)));
try { structuredClone(); } catch (e) { console.log(e.name, e.message); }
""", [
        '<ref *1> {',
        '  a: [ 1, <1 empty item>, { b: 2 } ],',
        '  m: Map(1) { 1 => { c: 3 } },',
        '  s: Set(1) { 1 },',
        '  n: null,',
        '  u: undefined,',
        '  self: [Circular *1]',
        '} true false false',
        'true false',
        '{ x: 1 } [ { x: 1 } ] false',
        'DataCloneError Symbol(s) could not be cloned. true',
        'DataCloneError Symbol() could not be cloned. true',
        'DataCloneError #<WeakMap> could not be cloned. true',
        'true bad TypeError',
        '5 s null [Number: 3]',
        'TypeError The value argument must be specified',
    ]),
    Case('deep-nesting-limits', r"""
let head = null; for (let i = 0; i < 3000; i++) head = { v: i, next: head };
console.log(JSON.stringify(head).length);
let deep = null; for (let i = 0; i < 10000; i++) deep = { next: deep };
try { console.log(JSON.stringify(deep).length); } catch (e) { console.log(e.name, e.message); }
let arr = []; for (let i = 0; i < 10000; i++) arr = [arr];
try { console.log(JSON.stringify(arr).length); } catch (e) { console.log(e.name, e.message); }
try { console.log(String(arr).length); } catch (e) { console.log(e.name, e.message); }
const parsed = JSON.parse("[".repeat(3000) + "]".repeat(3000)); console.log(Array.isArray(parsed));
""", [
        '52894',
        'RangeError Maximum call stack size exceeded',
        'RangeError Maximum call stack size exceeded',
        'RangeError Maximum call stack size exceeded',
        'true',
    ]),
    Case('json-parse-deep-and-unterminated', r"""
console.log(Array.isArray(JSON.parse("[".repeat(50000) + "]".repeat(50000))), JSON.parse('{"a":[{"b":[1,{}]},[]],"c":{},"d":[[1,2],[3]]}'));
for (const bad of ['{"a":1', "[1,", '{"a":', '{"a" 1', '[{"a":1}', '{"a":[1,]}', "[[[", '{"x":{"y":}}']) { try { JSON.parse(bad); } catch (e) { console.log(e.message); } }
""", [
        'true { a: [ { b: [Array] }, [] ], c: {}, d: [ [ 1, 2 ], [ 3 ] ] }',
        "Expected ',' or '}' after property value in JSON at position 6",
        'Unexpected end of JSON input',
        'Unexpected end of JSON input',
        "Expected ':' after property name in JSON at position 5",
        "Expected ',' or ']' after array element in JSON at position 8",
        'Unexpected token \']\', "{"a":[1,]}" is not valid JSON',
        'Unexpected end of JSON input',
        'Unexpected token \'}\', "{"x":{"y":}}" is not valid JSON',
    ]),
    Case('json-stringify', r"""
console.log(JSON.stringify({ a: [1, { b: 2 }], c: "x", u: undefined, f() {}, n: null, nan: NaN, inf: -Infinity, neg: -0 }));
console.log(JSON.stringify([undefined, function () {}, Symbol("s")]), JSON.stringify(undefined), JSON.stringify("he said \"hi\"\n"), JSON.stringify(null), JSON.stringify(1e21));
console.log(JSON.stringify({ a: 1, b: [1, 2], c: {} }, null, 2));
console.log(JSON.stringify([[]], null, "--"), JSON.stringify({ a: 1, b: { a: 2, c: 3 } }, ["a", "b"]), JSON.stringify({ a: 1 }, null, 20));
console.log(JSON.stringify({ d: { toJSON(k) { return "key:" + k; } } }), JSON.stringify({ a: 1, b: 2 }, (k, v) => typeof v === "number" ? v * 10 : v));
console.log(JSON.stringify(new Map([[1, 2]])), JSON.stringify(new Set([1])), JSON.stringify(new Error("e")), JSON.stringify(Object.create({ inherited: 1 })));
console.log(JSON.stringify([new Number(3), new String("s"), new Boolean(true)]), JSON.stringify({ date: { toJSON() { return "2020"; } } }));
""", [
        '{"a":[1,{"b":2}],"c":"x","n":null,"nan":null,"inf":null,"neg":0}',
        '[null,null,null] undefined "he said \\"hi\\"\\n" null 1e+21',
        '{',
        '  "a": 1,',
        '  "b": [',
        '    1,',
        '    2',
        '  ],',
        '  "c": {}',
        '}',
        '[',
        '--[]',
        '] {"a":1,"b":{"a":2}} {',
        '          "a": 1',
        '}',
        '{"d":"key:d"} {"a":10,"b":20}',
        '{} {} {} {}',
        '[3,"s",true] {"date":"2020"}',
    ]),
    Case('json-circular', r"""
const o = { name: "o" }; o.self = o;
try { JSON.stringify(o); } catch (e) { console.log(e.name + ": " + e.message); }
const a = { b: { c: {} } }; a.b.c.back = a;
try { JSON.stringify(a); } catch (e) { console.log(e.message); }
const arr = [1]; arr.push({ x: arr }); try { JSON.stringify(arr); } catch (e) { console.log(e.message); }
const q = {}; q.a = { b: { c: { d: { e: { f: q } } } } }; try { JSON.stringify(q); } catch (e) { console.log(e.message); }
class K { constructor() { this.me = this; } } try { JSON.stringify([new K()]); } catch (e) { console.log(e.message); }
""", [
        'TypeError: Converting circular structure to JSON',
        "    --> starting at object with constructor 'Object'",
        "    --- property 'self' closes the circle",
        'Converting circular structure to JSON',
        "    --> starting at object with constructor 'Object'",
        "    |     property 'b' -> object with constructor 'Object'",
        "    |     property 'c' -> object with constructor 'Object'",
        "    --- property 'back' closes the circle",
        'Converting circular structure to JSON',
        "    --> starting at object with constructor 'Array'",
        "    |     index 1 -> object with constructor 'Object'",
        "    --- property 'x' closes the circle",
        'Converting circular structure to JSON',
        "    --> starting at object with constructor 'Object'",
        "    |     property 'a' -> object with constructor 'Object'",
        "    |     property 'b' -> object with constructor 'Object'",
        '    |     ...',
        "    |     property 'e' -> object with constructor 'Object'",
        "    --- property 'f' closes the circle",
        'Converting circular structure to JSON',
        "    --> starting at object with constructor 'K'",
        "    --- property 'me' closes the circle",
    ]),
    Case('json-parse', r"""
console.log(JSON.parse('{"a": [1, 2.5e1, -0, true, null], "b": {"c": "\\u0041\\n"}}'), JSON.parse("3"), JSON.parse('"s"'), JSON.parse(" [ ] "));
console.log(JSON.parse('{"a": 1, "b": [1, 2]}', (k, v) => typeof v === "number" ? v + 1 : v));
console.log(JSON.parse('{"a": 1, "a": 2}'), JSON.parse('{"__proto__": 1}'), Object.keys(JSON.parse('{"2": 1, "1": 2}')));
for (const bad of ["abc", '{"a": 1,}', "[1, 2", '{"a" 1}', '{"a": 1 "b"}', "[1 2]", '"abc', "-", "1e", "1.", '"\\x"', '"\\u12"', "tru", "[1,]", "{'a':1}", "01", "12 3", "", '{"aaaaaaaaaaaaaaaaaaaaaaaaa": 1, x}', "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, x]", '[1, 2, 3, 4, 5, 6, 7, x, 8, 9, 10, 11, 12, 13]', "undefined", "{", '{"a":1', "nul"]) {
  try { JSON.parse(bad); console.log("parsed", bad); } catch (e) { console.log(e.name + ": " + e.message); } }
""", [
        "{ a: [ 1, 25, -0, true, null ], b: { c: 'A\\n' } } 3 s []",
        '{ a: 2, b: [ 2, 3 ] }',
        "{ a: 2 } { ['__proto__']: 1 } [ '1', '2' ]",
        'SyntaxError: Unexpected token \'a\', "abc" is not valid JSON',
        'SyntaxError: Expected double-quoted property name in JSON at position 8',
        "SyntaxError: Expected ',' or ']' after array element in JSON at position 5",
        "SyntaxError: Expected ':' after property name in JSON at position 5",
        "SyntaxError: Expected ',' or '}' after property value in JSON at position 8",
        "SyntaxError: Expected ',' or ']' after array element in JSON at position 3",
        'SyntaxError: Unterminated string in JSON at position 4',
        'SyntaxError: No number after minus sign in JSON at position 1',
        'SyntaxError: Exponent part is missing a number in JSON at position 2',
        'SyntaxError: Unterminated fractional number in JSON at position 2',
        'SyntaxError: Bad escaped character in JSON at position 2',
        'SyntaxError: Bad Unicode escape in JSON at position 5',
        'SyntaxError: Unexpected end of JSON input',
        'SyntaxError: Unexpected token \']\', "[1,]" is not valid JSON',
        "SyntaxError: Expected property name or '}' in JSON at position 1",
        'SyntaxError: Unexpected number in JSON at position 1',
        'SyntaxError: Unexpected non-whitespace character after JSON at position 3',
        'SyntaxError: Unexpected end of JSON input',
        'SyntaxError: Expected double-quoted property name in JSON at position 33',
        'SyntaxError: Unexpected token \'x\', ...", 10, 11, x]" is not valid JSON',
        'SyntaxError: Unexpected token \'x\', ..." 5, 6, 7, x, 8, 9, 1"... is not valid JSON',
        'SyntaxError: "undefined" is not valid JSON',
        "SyntaxError: Expected property name or '}' in JSON at position 1",
        "SyntaxError: Expected ',' or '}' after property value in JSON at position 6",
        'SyntaxError: Unexpected end of JSON input',
    ]),
]


test_engine_prints_what_node_prints, test_table_agrees_with_node = table_tests(CASES)
