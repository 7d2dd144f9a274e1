"""Array and Array.prototype: mutators, search, callbacks (live semantics, holes), reduce, sort, iterators, errors.

The expected lines are node v20's own output for each program (see builtin_table.py).
"""

from __future__ import annotations

from builtin_table import Case, table_tests

CASES: list[Case] = [
    Case('push-pop-shift-unshift', r"""
const a = [1, 2]; console.log(a.push(3, 4), a.pop(), a.shift(), a.unshift(0, 0.5), a);
console.log([].pop(), [].shift(), a.length);
""", [
        '4 4 1 4 [ 0, 0.5, 2, 3 ]',
        'undefined undefined 4',
    ]),
    Case('slice-splice-concat', r"""
const a = [1, 2, 3, 4, 5];
console.log(a.slice(1, 3), a.slice(-2), a.slice(), a.slice(3, 1), a.slice(-10, 2));
console.log(a.splice(1, 2), a); console.log(a.splice(1, 0, "x", "y"), a); console.log(a.splice(-1), a, a.splice(1), a);
console.log([1].concat([2, [3]], 4, [[5]]), [1, , 3].concat([4]));
""", [
        '[ 2, 3 ] [ 4, 5 ] [ 1, 2, 3, 4, 5 ] [] [ 1, 2 ]',
        '[ 2, 3 ] [ 1, 4, 5 ]',
        "[] [ 1, 'x', 'y', 4, 5 ]",
        "[ 5 ] [ 1 ] [ 'x', 'y', 4 ] [ 1 ]",
        '[ 1, 2, [ 3 ], 4, [ 5 ] ] [ 1, <1 empty item>, 3, 4 ]',
    ]),
    Case('join-tostring', r"""
console.log([1, null, undefined, 2].join(), [1, 2].join(" - "), [[1, 2], [3]].join(";"), String([1, [2, 3]]));
const c = [1]; c.push(c); console.log(c.join("|"), `${[]}`, [] + [], [1, 2] + "");
""", [
        '1,,,2 1 - 2 1,2;3 1,2,3',
        '1|   1,2',
    ]),
    Case('search', r"""
const a = [1, 2, NaN, 2, undefined, , "2"];
console.log(a.indexOf(2), a.lastIndexOf(2), a.indexOf(NaN), a.includes(NaN), a.includes(undefined), a.indexOf(undefined), a.indexOf("2"));
console.log(a.indexOf(2, 2), a.indexOf(2, -4), a.lastIndexOf(2, 2), a.includes(1, 1));
console.log([1, 2, 3].at(-1), [1, 2, 3].at(5), [5, 12, 8, 130].find(x => x > 10), [5, 12, 8, 130].findIndex(x => x > 100));
console.log([5, 12, 8, 130].findLast(x => x < 10), [5].findLastIndex(x => x > 10), [].find(x => true));
""", [
        '1 3 -1 true true 4 6',
        '3 3 1 false',
        '3 undefined 12 3',
        '8 -1 undefined',
    ]),
    Case('callbacks-args-and-holes', r"""
const seen = []; [1, , 3].forEach((v, i, arr) => seen.push([v, i, arr.length])); console.log(seen);
console.log([1, , 3].map(x => x * 2), [1, , 3].filter(() => true), [1, 2, 3].map((v, i) => v * i));
console.log([1, 2, 3, 4].filter(x => x % 2 === 0), [1, 2].some(x => x > 1), [1, 2].every(x => x > 1), [].every(x => false));
const obj = { factor: 10 }; console.log([1, 2].map(function (x) { return x * this.factor; }, obj));
""", [
        '[ [ 1, 0, 3 ], [ 3, 2, 3 ] ]',
        '[ 2, <1 empty item>, 6 ] [ 1, 3 ] [ 0, 2, 6 ]',
        '[ 2, 4 ] true false true',
        '[ 10, 20 ]',
    ]),
    Case('reduce', r"""
console.log([1, 2, 3].reduce((a, b) => a + b), [1, 2, 3].reduce((a, b) => a + b, 10), [[1], [2]].reduceRight((a, b) => a.concat(b)));
console.log([1, 2, 3].reduce((acc, v, i, arr) => acc + `${v}@${i}/${arr.length};`, ""));
try { [].reduce((a, b) => a); } catch (e) { console.log(e.name + ": " + e.message); }
console.log([, 5].reduce((a, b) => a + b), [3].reduce((a, b) => a + b));
""", [
        '6 16 [ 2, 1 ]',
        '1@0/3;2@1/3;3@2/3;',
        'TypeError: Reduce of empty array with no initial value',
        '5 3',
    ]),
    Case('mutation-during-iteration', r"""
const a = [1, 2, 3]; a.forEach((v, i) => { if (i === 0) a.push(99); console.log(v); }); console.log(a);
const b = [1, 2, 3, 4]; b.forEach((v) => { b.pop(); console.log(v); });
const c = [1, 2, 3]; for (const v of c) { if (c.length < 5) c.push(v * 10); console.log(v); }
""", [
        '1',
        '2',
        '3',
        '[ 1, 2, 3, 99 ]',
        '1',
        '2',
        '1',
        '2',
        '3',
        '10',
        '20',
    ]),
    Case('sort-default-and-comparator', r"""
console.log([10, 9, 1, 100, 25].sort(), ["b", "a", "C", "B"].sort(), [3, undefined, 1, , 2].sort());
console.log([10, 9, 1, 100, 25].sort((a, b) => a - b), [10, 9, 1].sort((a, b) => b - a));
const people = [{ n: "b", a: 30 }, { n: "a", a: 25 }, { n: "c", a: 30 }]; console.log(people.sort((x, y) => x.a - y.a).map(p => p.n).join(""));
const pairs = []; [3, 1, 2].sort((a, b) => { pairs.push(`${a}${b}`); return a - b; }); console.log(pairs.join(" "));
console.log([true, false, "x", null, 2].sort());
""", [
        "[ 1, 10, 100, 25, 9 ] [ 'B', 'C', 'a', 'b' ] [ 1, 2, 3, undefined, <1 empty item> ]",
        '[ 1, 9, 10, 25, 100 ] [ 10, 9, 1 ]',
        'abc',
        '13 21 23 21',
        "[ 2, false, null, true, 'x' ]",
    ]),
    Case('reverse-fill-flat', r"""
console.log([1, 2, 3].reverse(), new Array(3).fill(0), [1, 2, 3, 4].fill(9, 1, -1));
console.log([1, [2, [3, [4]]]].flat(), [1, [2, [3, [4]]]].flat(Infinity), [1, , [2, , 3]].flat(), [[1, 2], [3]].flatMap(x => x), [1, 2].flatMap(x => [x, [x * 2]]));
""", [
        '[ 3, 2, 1 ] [ 0, 0, 0 ] [ 1, 9, 9, 4 ]',
        '[ 1, 2, [ 3, [ 4 ] ] ] [ 1, 2, 3, 4 ] [ 1, 2, 3 ] [ 1, 2, 3 ] [ 1, [ 2 ], 2, [ 4 ] ]',
    ]),
    Case('array-constructor-and-statics', r"""
console.log(new Array(3), Array(2, 3), new Array("3"), Array.of(7), Array.of(1, 2), Array.isArray([]), Array.isArray({ length: 0 }));
console.log(Array.from("héllo"), Array.from(new Set([1, 1, 2])), Array.from(new Map([[1, 2]])), Array.from({ length: 3 }), Array.from({ length: 2, 0: "a", 1: "b" }));
console.log(Array.from([1, 2, 3], x => x * 2), Array.from({ length: 3 }, (_, i) => i));
try { new Array(-1); } catch (e) { console.log(e.name + ": " + e.message); }
try { [].length = -1; } catch (e) { console.log(e.name + ": " + e.message); }
""", [
        "[ <3 empty items> ] [ 2, 3 ] [ '3' ] [ 7 ] [ 1, 2 ] true false",
        "[ 'h', 'é', 'l', 'l', 'o' ] [ 1, 2 ] [ [ 1, 2 ] ] [ undefined, undefined, undefined ] [ 'a', 'b' ]",
        '[ 2, 4, 6 ] [ 0, 1, 2 ]',
        'RangeError: Invalid array length',
        'RangeError: Invalid array length',
    ]),
    Case('iterators-keys-values-entries', r"""
const a = ["x", "y"];
console.log([...a.keys()], [...a.values()], [...a.entries()]);
for (const [i, v] of a.entries()) console.log(i, v);
const it = a[Symbol.iterator](); console.log(it.next(), it.next(), it.next());
""", [
        "[ 0, 1 ] [ 'x', 'y' ] [ [ 0, 'x' ], [ 1, 'y' ] ]",
        '0 x',
        '1 y',
        "{ value: 'x', done: false } { value: 'y', done: false } { value: undefined, done: true }",
    ]),
    Case('callback-errors', r"""
try { [1].map(); } catch (e) { console.log(e.message); }
try { [1].forEach(3); } catch (e) { console.log(e.message); }
try { [1].filter({}); } catch (e) { console.log(e.message); }
try { [1, 2].sort(1); } catch (e) { console.log(e.message); }
try { Array.prototype.map.call(null, x => x); } catch (e) { console.log(e.message); }
""", [
        'undefined is not a function',
        '3 is not a function',
        '#<Object> is not a function',
        'The comparison function must be either a function or undefined',
        'Array.prototype.map called on null or undefined',
    ]),
    Case('change-array-by-copy', r"""
const a = [3, 1, , 2];
console.log(a.toSorted(), a.toSorted((x, y) => y - x), a.toReversed(), a.toSpliced(1, 2, "x"), a.with(0, 9), a.with(-1, 0), a);
try { a.with(10, 1); } catch (e) { console.log(e.name + ": " + e.message); }
""", [
        "[ 1, 2, 3, undefined ] [ 3, 2, 1, undefined ] [ 2, undefined, 1, 3 ] [ 3, 'x', 2 ] [ 9, 1, undefined, 2 ] [ 3, 1, undefined, 0 ] [ 3, 1, <1 empty item>, 2 ]",
        'RangeError: Invalid index : 10',
    ]),
    Case('array-likes', r"""
function f() { return Array.prototype.slice.call(arguments, 1); } console.log(f(1, 2, 3));
function g() { return [...arguments].concat(Array.from(arguments)); } console.log(g("p", "q"));
console.log(Array.prototype.map.call("abc", c => c.toUpperCase()), Array.prototype.join.call({ length: 2, 0: "a", 1: "b" }, "+"));
""", [
        '[ 2, 3 ]',
        "[ 'p', 'q', 'p', 'q' ]",
        "[ 'A', 'B', 'C' ] a+b",
    ]),
    Case('spread-and-destructure', r"""
const a = [1, 2]; const b = [...a, ...new Set([3]), ..."hi"]; console.log(b, Math.max(...b.filter(x => typeof x === "number")));
const m = new Map([["k", "v"]]); console.log([...m], [...m.keys()]);
try { const [x] = 5; } catch (e) { console.log(e.constructor.name); }
""", [
        "[ 1, 2, 3, 'h', 'i' ] 3",
        "[ [ 'k', 'v' ] ] [ 'k' ]",
        'TypeError',
    ]),
]


test_engine_prints_what_node_prints, test_table_agrees_with_node = table_tests(CASES)
