"""Array.prototype.sort is V8's TimSort: the comparator sees the same pairs in the same order (hashed per call).

The expected lines are node v20's own output for each program (see builtin_table.py).
"""

from __future__ import annotations

from builtin_table import Case, table_tests

CASES: list[Case] = [
    Case('sort-small-arrays-pairs', r"""
const log = []; [5, 1, 4, 2, 3].sort((a, b) => { log.push(a + "" + b); return a - b; }); console.log(log.join(" "));
const log2 = []; [1, 2, 3, 4, 5, 6].sort((a, b) => { log2.push(a + "" + b); return a - b; }); console.log(log2.join(" "));
const log3 = []; [6, 5, 4, 3, 2, 1].sort((a, b) => { log3.push(a + "" + b); return a - b; }); console.log(log3.join(" "));
""", [
        '15 41 45 41 24 21 34 32',
        '21 32 43 54 65',
        '56 45 34 23 12',
    ]),
    Case('sort-random-sizes', r"""
let seed = 12345;
function rand(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; }
function probe(arr, cmp) {
  let calls = 0, h = 0;
  const sorted = arr.slice().sort((a, b) => { calls++; h = (h * 31 + a * 1009 + b) % 1000003; return cmp(a, b); });
  let check = 0; for (let i = 0; i < sorted.length; i++) check = (check * 7 + sorted[i] * (i + 1)) % 1000003;
  return `${arr.length}: calls=${calls} hash=${h} check=${check}`;
}
const asc = (a, b) => a - b;
for (const n of [2, 3, 10, 22, 23, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 200, 500, 1000]) {
  const arr = Array.from({ length: n }, () => rand(1000)); console.log(probe(arr, asc)); }
""", [
        '2: calls=1 hash=815878 check=5858',
        '3: calls=4 hash=874768 check=25096',
        '10: calls=23 hash=625588 check=378423',
        '22: calls=71 hash=372093 check=112441',
        '23: calls=78 hash=221211 check=333585',
        '31: calls=112 hash=461653 check=848534',
        '32: calls=119 hash=33641 check=855410',
        '33: calls=124 hash=451796 check=223499',
        '63: calls=287 hash=555842 check=446445',
        '64: calls=302 hash=97848 check=74750',
        '65: calls=312 hash=933287 check=389047',
        '100: calls=540 hash=107770 check=17950',
        '127: calls=720 hash=488787 check=438745',
        '128: calls=733 hash=42018 check=667989',
        '129: calls=738 hash=775172 check=207148',
        '200: calls=1275 hash=450761 check=116905',
        '500: calls=3816 hash=761416 check=568823',
        '1000: calls=8653 hash=263839 check=151753',
    ]),
    Case('sort-with-many-duplicates', r"""
let seed = 12345;
function rand(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; }
function probe(arr, cmp) {
  let calls = 0, h = 0;
  const sorted = arr.slice().sort((a, b) => { calls++; h = (h * 31 + a * 1009 + b) % 1000003; return cmp(a, b); });
  let check = 0; for (let i = 0; i < sorted.length; i++) check = (check * 7 + sorted[i] * (i + 1)) % 1000003;
  return `${arr.length}: calls=${calls} hash=${h} check=${check}`;
}
const asc = (a, b) => a - b;
for (const n of [50, 300, 1000]) { const arr = Array.from({ length: n }, () => rand(5)); console.log(probe(arr, asc)); }
""", [
        '50: calls=215 hash=875248 check=854293',
        '300: calls=1697 hash=914865 check=719504',
        '1000: calls=5826 hash=964515 check=492565',
    ]),
    Case('sort-structured-inputs', r"""
let seed = 12345;
function rand(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; }
function probe(arr, cmp) {
  let calls = 0, h = 0;
  const sorted = arr.slice().sort((a, b) => { calls++; h = (h * 31 + a * 1009 + b) % 1000003; return cmp(a, b); });
  let check = 0; for (let i = 0; i < sorted.length; i++) check = (check * 7 + sorted[i] * (i + 1)) % 1000003;
  return `${arr.length}: calls=${calls} hash=${h} check=${check}`;
}
const asc = (a, b) => a - b;
const n = 400;
console.log(probe(Array.from({ length: n }, (_, i) => i), asc));
console.log(probe(Array.from({ length: n }, (_, i) => n - i), asc));
console.log(probe(Array.from({ length: n }, (_, i) => (i % 50) + (i > 200 ? 1000 : 0)), asc));
console.log(probe(Array.from({ length: n }, (_, i) => i < 300 ? i : rand(300)), asc));
console.log(probe(Array.from({ length: n }, (_, i) => (i * 37) % 101), (a, b) => b - a));
console.log(probe(Array.from({ length: 2000 }, (_, i) => i % 2 ? i : 2000 - i), asc));
""", [
        '400: calls=399 hash=794924 check=127915',
        '400: calls=399 hash=958836 check=591860',
        '400: calls=1218 hash=580215 check=4578',
        '400: calls=1229 hash=512149 check=451221',
        '400: calls=2947 hash=983531 check=500185',
        '2000: calls=11909 hash=653895 check=511918',
    ]),
    Case('sort-stable-objects', r"""
const people = Array.from({ length: 40 }, (_, i) => ({ id: i, age: 20 + (i * 7) % 5 }));
console.log(people.sort((a, b) => a.age - b.age).map(p => p.id).join(","));
console.log(["b", "a", "B", "A", "aa", "10", "9", "1"].sort().join(","), [3, 20, 100].sort().join(","));
""", [
        '0,5,10,15,20,25,30,35,3,8,13,18,23,28,33,38,1,6,11,16,21,26,31,36,4,9,14,19,24,29,34,39,2,7,12,17,22,27,32,37',
        '1,10,9,A,B,a,aa,b 100,20,3',
    ]),
    Case('sort-inconsistent-comparator', r"""
let seed = 12345;
function rand(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; }
function probe(arr, cmp) {
  let calls = 0, h = 0;
  const sorted = arr.slice().sort((a, b) => { calls++; h = (h * 31 + a * 1009 + b) % 1000003; return cmp(a, b); });
  let check = 0; for (let i = 0; i < sorted.length; i++) check = (check * 7 + sorted[i] * (i + 1)) % 1000003;
  return `${arr.length}: calls=${calls} hash=${h} check=${check}`;
}
const asc = (a, b) => a - b;
const arr = Array.from({ length: 100 }, () => rand(100)); console.log(probe(arr, () => rand(3) - 1));
console.log(probe(Array.from({ length: 50 }, () => rand(10)), () => NaN));
""", [
        '100: calls=488 hash=743352 check=805533',
        '50: calls=49 hash=697967 check=105690',
    ]),
]


test_engine_prints_what_node_prints, test_table_agrees_with_node = table_tests(CASES)
