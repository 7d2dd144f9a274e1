"""String, Number, Boolean, Symbol, parseInt/parseFloat, Math and the URI functions; string positions count UTF-16 code units.

The expected lines are node v20's own output for each program (see builtin_table.py).
"""

from __future__ import annotations

from builtin_table import Case, table_tests

CASES: list[Case] = [
    Case('char-access', r"""
const s = "hello";
console.log(s.charAt(1), s.charAt(9) === "", s.charCodeAt(0), s.charCodeAt(9), s.codePointAt(1), s.at(-1), s.at(10), s[0], s.length);
""", [
        'e true 104 NaN 101 o undefined h 5',
    ]),
    Case('search', r"""
const s = "banana";
console.log(s.indexOf("an"), s.indexOf("an", 2), s.lastIndexOf("an"), s.lastIndexOf("an", 2), s.indexOf("x"), s.includes("nan"), s.includes("b", 1));
console.log(s.startsWith("ban"), s.startsWith("an", 1), s.endsWith("na"), s.endsWith("b", 1), s.indexOf(""), s.lastIndexOf(""));
""", [
        '1 3 3 1 -1 true false',
        'true true true true 0 6',
    ]),
    Case('slicing', r"""
const s = "JavaScript";
console.log(s.slice(0, 4), s.slice(-6), s.slice(4, 1), s.substring(4, 1), s.substring(-3, 2), s.substr(4, 3), s.substr(-6, 2), s.slice(), s.substring(3));
""", [
        'Java Script  ava Ja Scr Sc JavaScript aScript',
    ]),
    Case('case-and-trim', r"""
console.log("MiXeD".toUpperCase(), "MiXeD".toLowerCase(), "  pad  ".trim() + "|", "  pad  ".trimStart() + "|", "|" + "  pad  ".trimEnd(), "\t\n x \n".trim());
""", [
        'MIXED mixed pad| pad  | |  pad x',
    ]),
    Case('pad-repeat', r"""
console.log("5".padStart(3, "0"), "5".padEnd(3, "ab"), "abc".padStart(2), "x".padStart(6, "123"), "ab".repeat(3), "".repeat(5) === "", "x".repeat(0) === "");
try { "a".repeat(-1); } catch (e) { console.log(e.name + ": " + e.message); }
try { "abc".repeat(2 ** 28); } catch (e) { console.log(e.name + ": " + e.message); }
try { "a".repeat(Infinity); } catch (e) { console.log(e.name + ": " + e.message); }
""", [
        '005 5ab abc 12312x ababab true true',
        'RangeError: Invalid count value: -1',
        'RangeError: Invalid string length',
        'RangeError: Invalid count value: Infinity',
    ]),
    Case('split', r"""
console.log("a,b,,c".split(","), "abc".split(""), "a b c".split(" ", 2), "abc".split(), "".split(","), "".split(""), "a--b--c".split("--"), "abc".split("abc"));
""", [
        "[ 'a', 'b', '', 'c' ] [ 'a', 'b', 'c' ] [ 'a', 'b' ] [ 'abc' ] [ '' ] [] [ 'a', 'b', 'c' ] [ '', '' ]",
    ]),
    Case('replace', r"""
console.log("a-b-c".replace("-", "+"), "a-b-c".replaceAll("-", "+"), "aaa".replace("a", "$&$&"), "abc".replace("b", "[$`|$']"), "x".replace("y", "z"), "abc".replaceAll("", "."));
console.log("a1b2".replace("1", (m, i, s) => `<${m}@${i} of ${s}>`), "cost: $5".replace("$5", "$$10"));
""", [
        'a+b-c a+b+c aaaa a[a|c]c x .a.b.c.',
        'a<1@1 of a1b2>b2 cost: $10',
    ]),
    Case('concat-compare-misc', r"""
console.log("a".concat("b", 1, null), "a".localeCompare("b"), "b".localeCompare("a"), "a".localeCompare("a"), ["b", "a", "C"].sort((x, y) => x.localeCompare(y)));
console.log(String(123), String(null), String([1, 2]), String({}), String(Symbol("s")), new String("x").length, typeof String(1), typeof new String(1));
console.log(String.fromCharCode(72, 105), "x".toString(), "y".valueOf(), [..."héllo"].length, "abc"[Symbol.iterator]().next());
""", [
        "ab1null -1 1 0 [ 'a', 'b', 'C' ]",
        '123 null 1,2 [object Object] Symbol(s) 1 string object',
        "Hi x y 5 { value: 'a', done: false }",
    ]),
    Case('locale-compare', r"""
const words = ["banana", "Apple", "apple", "éclair", "eclair", "Zebra", "zebra", "_under", "10", "9", "a b", "ab", "Ä", "a", "A", "b", "-x", "x-", "résumé", "resume", "Resume", "ça", "co"];
console.log(words.slice().sort((x, y) => x.localeCompare(y)).join(" "));
console.log("a".localeCompare("B"), "B".localeCompare("a"), "a".localeCompare("A"), "é".localeCompare("f"), "10".localeCompare("9"), "".localeCompare("a"));
const ascii = []; for (let i = 32; i < 127; i++) ascii.push(String.fromCharCode(i)); console.log(ascii.sort((a, b) => a.localeCompare(b)).join(""));
""", [
        '_under -x 10 9 a A Ä a b ab apple Apple b banana ça co eclair éclair resume Resume résumé x- zebra Zebra',
        '-1 1 -1 -1 -1 -1',
        ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ',
    ]),
    Case('utf16-code-units', r"""
const s = "a\u{1F600}b";
console.log(s.length, s.slice(1, 3) === "\u{1F600}", [...s].length, "\u00e9".length, s.charCodeAt(1), s.charCodeAt(2), s.codePointAt(1), s.codePointAt(2));
console.log(s.indexOf("b"), s.lastIndexOf("\u{1F600}"), s.includes("\u{1F600}"), s.charAt(1) === "\uD83D", s.at(-1), s.substring(1, 3), s.substr(1, 2), s.split(""), s.split("\u{1F600}"));
console.log(s.padStart(6, "\u{1F600}"), s.padEnd(5, "*"), s.repeat(2), s.replace("b", "c"), s.replace("\u{1F600}", (m, i) => `[${i}]`), s.toUpperCase(), s.concat("\u{1F601}").length, s.startsWith("\u{1F600}", 1), s.endsWith("a\u{1F600}", 3));
console.log(JSON.stringify(s.slice(0, 2)), [s.slice(0, 2)], String.fromCharCode(0xD83D, 0xDE00) === "\u{1F600}", Array.from(s).length, Array.prototype.map.call("\u{1F600}", c => c.length));
""", [
        '4 true 3 1 55357 56832 128512 56832',
        "3 1 true true b 😀 😀 [ 'a', '\\ud83d', '\\ude00', 'b' ] [ 'a', 'b' ]",
        '😀a😀b a😀b* a😀ba😀b a😀c a[1]b A😀B 6 true true',
        '"a\\ud83d" [ \'a\\ud83d\' ] true 3 [ 1, 1 ]',
    ]),
    Case('sort-by-utf16-code-units', r"""
console.log(["\uD83D", "\u{1F600}", "\uFFFF", "a", "\uE000", ""].sort().map(s => s.length + ":" + s.charCodeAt(0)));
""", [
        "[ '0:NaN', '1:97', '1:55357', '2:55357', '1:57344', '1:65535' ]",
    ]),
    Case('template-and-conversion', r"""
const o = { toString() { return "custom"; } }; console.log(`${o}`, "" + o, String(o), [o].join());
console.log(`${[1, [2, 3]]}`, `${{}}`, `${null} ${undefined} ${-0} ${1e21} ${0.000001} ${1e-7}`);
""", [
        'custom custom custom custom',
        '1,2,3 [object Object] null undefined 0 1e+21 0.000001 1e-7',
    ]),
    Case('number-formatting', r"""
console.log((1.005).toFixed(2), (1.45).toFixed(1), (0).toFixed(2), (-1.5).toFixed(0), (1e21).toFixed(2), (123.456).toFixed(), (0.000001).toFixed(7));
console.log((255).toString(16), (255).toString(2), (-255).toString(36), (0.5).toString(2), (3.14159).toString(8), (1e21).toString(36), (0.1).toString(3));
console.log((123.456).toPrecision(4), (0.00001234).toPrecision(2), (123456).toPrecision(2), (1.5).toPrecision(1), (2.5).toPrecision(1), (99.99).toPrecision(3), (0).toPrecision(3));
console.log((123.456).toExponential(2), (0).toExponential(), (12345).toExponential(), (-1.5e-7).toExponential(3));
""", [
        '1.00 1.4 0.00 -2 1e+21 123 0.0000010',
        'ff 11111111 -73 0.1 3.11037476006703156 5v1j4f4ds7c000 0.0022002200220022002200220022002201',
        '123.5 0.000012 1.2e+5 2 3 100 0.00',
        '1.23e+2 0e+0 1.2345e+4 -1.500e-7',
    ]),
    Case('number-to-locale-string', r"""
console.log((1234567.891).toLocaleString(), (0.5).toLocaleString(), (-1234).toLocaleString(), (1e21).toLocaleString(), (2.0005).toLocaleString(), (0).toLocaleString(), NaN.toLocaleString());
""", [
        '1,234,567.891 0.5 -1,234 1,000,000,000,000,000,000,000 2.001 0 NaN',
    ]),
    Case('number-statics', r"""
console.log(Number.isInteger(5), Number.isInteger(5.5), Number.isInteger("5"), Number.isSafeInteger(2 ** 53), Number.isFinite("1"), isFinite("1"), Number.isNaN("x"), isNaN("x"));
console.log(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, Number.EPSILON, Number.MAX_VALUE, Number.MIN_VALUE, Number.POSITIVE_INFINITY, Number.NaN);
console.log(Number("  42  "), Number(""), Number("0x1F"), Number("1e3"), Number("12px"), Number(null), Number(undefined), Number([5]), Number(true), Number("-0"));
""", [
        'true false false false false true false true',
        '9007199254740991 -9007199254740991 2.220446049250313e-16 1.7976931348623157e+308 5e-324 Infinity NaN',
        '42 0 31 1000 NaN 0 NaN 5 1 -0',
    ]),
    Case('parse', r"""
console.log(parseInt("42px"), parseInt("  -17.9"), parseInt("0x1A"), parseInt("ff", 16), parseInt("101", 2), parseInt("z", 36), parseInt(""), parseInt("abc"), parseInt("12", 1), parseInt(0.0000005));
console.log(parseFloat("3.14abc"), parseFloat(".5"), parseFloat("-1e3x"), parseFloat("Infinityx"), parseFloat("x1"), parseFloat("1e"), Number.parseFloat === parseFloat);
""", [
        '42 -17 26 255 5 35 NaN NaN NaN 5',
        '3.14 0.5 -1000 Infinity NaN 1 true',
    ]),
    Case('number-errors', r"""
for (const f of [() => (1).toFixed(101), () => (1).toString(1), () => (1).toPrecision(0), () => Number.prototype.toFixed.call("1")]) {
  try { f(); } catch (e) { console.log(e.name + ": " + e.message); } }
""", [
        'RangeError: toFixed() digits argument must be between 0 and 100',
        'RangeError: toString() radix argument must be between 2 and 36',
        'RangeError: toPrecision() argument must be between 1 and 100',
        "TypeError: Number.prototype.toFixed requires that 'this' be a Number",
    ]),
    Case('math', r"""
console.log(Math.max(1, 3, 2), Math.max(), Math.min(), Math.max(1, NaN), Math.max(-0, 0), Math.min(0, -0), Math.max("7", 2));
console.log(Math.round(2.5), Math.round(-2.5), Math.round(-0.4), Math.round(0.49999999999999994), Math.floor(-1.5), Math.ceil(-0.5), Math.trunc(-4.7), Math.sign(-3));
console.log(Math.abs(-5), Math.sqrt(16), Math.sqrt(-1), Math.cbrt(27), Math.pow(2, 10), Math.pow(2, 0.5), Math.hypot(3, 4), Math.log(0), Math.log10(1000), Math.log2(8));
console.log(Math.PI, Math.E, Math.SQRT2, Math.exp(1), Math.sin(0), Math.cos(Math.PI), Math.atan2(1, 1), Math.fround(5.5), Math.clz32(1), Math.imul(3, 4));
const r = Math.random(); console.log(r >= 0 && r < 1, typeof Math.random());
""", [
        '3 -Infinity Infinity NaN 0 -0 7',
        '3 -2 -0 0 -2 -0 -4 -1',
        '5 4 NaN 3 1024 1.4142135623730951 5 -Infinity 3 3',
        '3.141592653589793 2.718281828459045 1.4142135623730951 2.718281828459045 0 -1 0.7853981633974483 5.5 31 12',
        'true number',
    ]),
    Case('booleans-symbols', r"""
console.log(Boolean(0), Boolean("0"), Boolean([]), !!NaN, new Boolean(false) ? "truthy" : "falsy", true.toString(), String(false));
const s = Symbol("desc"); console.log(s.toString(), s.description, typeof s, Symbol.iterator.toString(), Symbol() === Symbol());
const o = { [s]: 1, regular: 2 }; console.log(Object.keys(o), o[s]);
try { `${s}`; } catch (e) { console.log(e.name + ": " + e.message); }
try { new Symbol(); } catch (e) { console.log(e.name + ": " + e.message); }
""", [
        'false true true false truthy true false',
        'Symbol(desc) desc symbol Symbol(Symbol.iterator) false',
        "[ 'regular' ] 1",
        'TypeError: Cannot convert a Symbol value to a string',
        'TypeError: Symbol is not a constructor',
    ]),
    Case('uri-functions', r"""
const xs = ["a b&c=d/é?#", "\u{1F600}", "-_.!~*'()", ";/?:@&=+$,#", "%", "100%"];
for (const x of xs) console.log(encodeURI(x), encodeURIComponent(x), escape(x));
for (const x of ["%41%42", "%3B%2F%3f", "%E2%82%AC", "%F0%9F%98%80", "a%20b", "%e9"]) {
  try { console.log(decodeURI(x), decodeURIComponent(x)); } catch (e) { console.log(e.name, e.message); }
}
for (const x of ["%", "%4", "%G0", "%C0%80", "%ED%A0%80", "%F4%90%80%80", "%E2%82", "%80"]) {
  try { console.log(decodeURIComponent(x)); } catch (e) { console.log(x, e.name, e.message, e instanceof URIError); }
}
try { encodeURIComponent("\ud800"); } catch (e) { console.log(e.name, e.message); }
console.log(unescape("%u0041%41%zz%u00e9%"), unescape(escape("\u{1F600}é")) === "\u{1F600}é", escape("\u{1F600}"));
console.log(encodeURIComponent.length, typeof decodeURI, decodeURI.name, Object.keys(globalThis).includes("escape"));
console.log(encodeURIComponent(undefined), encodeURIComponent(12.5), decodeURIComponent());
""", [
        "a%20b&c=d/%C3%A9?# a%20b%26c%3Dd%2F%C3%A9%3F%23 a%20b%26c%3Dd/%E9%3F%23",
        "%F0%9F%98%80 %F0%9F%98%80 %uD83D%uDE00",
        "-_.!~*'() -_.!~*'() -_.%21%7E*%27%28%29",
        ";/?:@&=+$,# %3B%2F%3F%3A%40%26%3D%2B%24%2C%23 %3B/%3F%3A@%26%3D+%24%2C%23",
        "%25 %25 %25",
        "100%25 100%25 100%25",
        "AB AB",
        "%3B%2F%3f ;/?",
        "\u20ac \u20ac",
        "😀 😀",
        "a b a b",
        "URIError URI malformed",
        "% URIError URI malformed true",
        "%4 URIError URI malformed true",
        "%G0 URIError URI malformed true",
        "%C0%80 URIError URI malformed true",
        "%ED%A0%80 URIError URI malformed true",
        "%F4%90%80%80 URIError URI malformed true",
        "%E2%82 URIError URI malformed true",
        "%80 URIError URI malformed true",
        "URIError URI malformed",
        "AA%zz\u00e9% true %uD83D%uDE00",
        "1 function decodeURI false",
        "undefined 12.5 undefined",
    ]),
]


test_engine_prints_what_node_prints, test_table_agrees_with_node = table_tests(CASES)
