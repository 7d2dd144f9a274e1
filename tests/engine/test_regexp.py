"""RegExp and the String methods with patterns, engine against node (V8 is the reference).

Each case is a small program; node runs all of them once per session (in parallel) and the engine must print
the same lines and end with the same error. Without node the cases skip, except under CI=true (a failure).
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import require_node, run_engine, run_node_many

from engine import JSSyntaxError

# A helper every case may use: prints each match of `re` in `s` with its captures, index and lastIndex.
PRELUDE = r"""
function show(re, s) {
  const m = re.exec(s);
  console.log(JSON.stringify(m), m && m.index, re.lastIndex);
}
function err(f) {
  try { console.log(f()); } catch (e) { console.log(e.name + ": " + e.message); }
}
"""

CASES: dict[str, str] = {
    "basics": r"""
const r = /(\d+)-(\d+)/g;
console.log(r, typeof r, r.source, r.flags, r.global, r.lastIndex, r instanceof RegExp);
console.log(r.exec("10-20 30-40"), r.lastIndex);
show(r, "10-20 30-40"); show(r, "10-20 30-40");
console.log(String(/a\/b/g), /[/]/.source, new RegExp("a/b").source, new RegExp("").source, RegExp("\n").source);
console.log(JSON.stringify({r: /x/}), Object.prototype.toString.call(/a/), Object.keys(/a/), Object.getOwnPropertyNames(/a/));
""",
    "flags": r"""
const r = /a/dgimsuy;
console.log(r.flags, r.hasIndices, r.global, r.ignoreCase, r.multiline, r.dotAll, r.unicode, r.sticky);
console.log(new RegExp("a", "yg").flags, new RegExp(/x/gi).flags, new RegExp(/x/gi, "m").flags, RegExp.prototype.flags === "");
err(() => new RegExp("a", "gg")); err(() => new RegExp("a", "x")); err(() => new RegExp("a", "G"));
err(() => RegExp.prototype.global); err(() => RegExp.prototype.source);
err(() => Object.getOwnPropertyDescriptor(RegExp.prototype, "global").get.call({}));
err(() => Object.getOwnPropertyDescriptor(RegExp.prototype, "flags").get.call(1));
""",
    "syntax-errors": r"""
for (const [p, f] of [["(", ""], [")", ""], ["a**", ""], ["*", ""], ["a{2,1}", ""], ["{1}", ""], ["{", "u"],
    ["}", "u"], ["a{1", "u"], ["[b-a]", ""], ["[", ""], ["[\\d-z]", "u"], ["\\", ""], ["(?<a>x)(?<a>y)", ""],
    ["(?<1>x)", ""], ["\\k<a>(?<b>x)", ""], ["\\k", "u"], ["\\k(?<a>x)", ""], ["(?x)", ""], ["(?i:a)", ""],
    ["\\1", "u"], ["\\00", "u"], ["\\q", "u"], ["\\u{110000}", "u"], ["\\u12", "u"], ["\\x1", "u"], ["\\c", "u"],
    ["\\p{Foo}", "u"], ["[\\p{Foo}]", "u"], ["(?=a)*", "u"], ["(?<=a)*", ""], ["^*", ""], ["\\b+", ""],
    ["(?<a", ""], ["(?", ""], ["a|*", ""], ["x{2}{3}", ""], ["a/b(", ""], ["\\-", "u"]]) {
  err(() => new RegExp(p, f));
}
""",
    "annex-b-syntax": r"""
for (const [p, s] of [["{", "{"], ["a{", "a{"], ["a{1", "a{1"], ["a{1,", "xa{1,"], ["}", "}"], ["]", "]"],
    ["\\k<a>", "k<a>"], ["[\\d-z]", "-"], ["\\8", "8"], ["\\1", "\x01"], ["\\101", "A"], ["(a)\\10", "a\x08"],
    ["\\c", "\\c"], ["\\cJ", "\n"], ["[\\c1]", "\x11"], ["\\x4", "x4"], ["\\u00", "u00"], ["\\u{2}", "uu"],
    ["\\q", "q"], ["(?=a)*b", "b"], ["[\\b]", "\b"], ["\\0", "\0"], ["a{,5}", "a{,5}"], ["\\p{L}", "p{L}"]]) {
  const r = new RegExp(p);
  console.log(JSON.stringify(p), String(r), JSON.stringify(r.exec(s)));
}
""",
    "backtracking-semantics": r"""
console.log(JSON.stringify(/(?:(a)|b)+/.exec("ab")), JSON.stringify(/(a*)*/.exec("b")), JSON.stringify(/(a*)+/.exec("b")));
console.log(JSON.stringify(/(z)((a+)?(b+)?(c))*/.exec("zaacbbbcac")));
console.log(JSON.stringify(/(?=(a+))a*b\1/.exec("baaabac")), JSON.stringify(/(?=(a+))/.exec("baaabac")));
console.log(JSON.stringify(/(.*?)a(?!(a+)b\2c)\2(.*)/.exec("baaabaac")));
console.log(JSON.stringify(/\1(a)/.exec("aa")), JSON.stringify(/(a)|\1b/.exec("b")), JSON.stringify(/(?:a|(b))*c\1/.exec("abac")));
console.log(JSON.stringify(/(a+?)(b*?)c/.exec("aabbc")), JSON.stringify(/x{2,3}?/.exec("xxxx")), JSON.stringify(/a??b/.exec("ab")));
console.log(JSON.stringify(/(a|ab)(c|bcd)(d*)/.exec("abcd")), JSON.stringify(/((a)|b)+/.exec("ab")));
console.log(JSON.stringify(/(?:()|a)*/.exec("aa")), JSON.stringify(/(?:a|())*?b/.exec("aab")), JSON.stringify(/(a?)*?b/.exec("ab")));
console.log(JSON.stringify(/^(?:(\d)|x){2,3}$/.exec("1x2")), JSON.stringify(/(?:(a)|(b)){2}/.exec("ab")));
""",
    "lookbehind": r"""
console.log(JSON.stringify(/(?<=\$)\d+(\.\d*)?/.exec("cost $10.53")), JSON.stringify(/(?<!\$)\b\d+/.exec("$10 20")));
console.log(JSON.stringify(/(?<=(\d+)(\d+))$/.exec("1053")), JSON.stringify(/(?<=\1(a))b/.exec("aab")));
console.log(JSON.stringify(/(?<=^|,)\w+/g[Symbol.match]("a,bb,ccc")), "x1y22z".replace(/(?<=\d)(?=[a-z])/g, "|"));
console.log(JSON.stringify(/(?<=a(?=b)b)c/.exec("abc")), JSON.stringify(/(?<!a.)c/.exec("abc xc")));
""",
    "assertions-and-classes": r"""
console.log(/^b/m.test("a\nb"), /^b/.test("a\nb"), /a$/.test("a\n"), /a$/m.test("a\nb"), /a$/m.test("a\r"), /a.c/.test("a\nc"), /a.c/s.test("a\nc"));
console.log(/a.c/.test("a\u2028c"), /a.c/.test("a\u0085c"), /^.$/.test("\u{1F600}"), /^.$/u.test("\u{1F600}"), /^..$/.test("\u{1F600}"));
console.log(JSON.stringify("a foo_bar, baz!".match(/\b\w+\b/g)), JSON.stringify("a1 b2".match(/\B\d/g)));
console.log(/\s/.test("\ufeff"), /\s/.test("\u00a0"), /\s/.test("\u180e"), /\s+/.exec(" \t\n\v\f\r\u2028\u3000")[0].length);
console.log(/\w/.test("é"), /\d/.test("٣"), /[^]/.test("\n"), /[]/.test("a"), /[^\d\s]/.exec("1 x")[0], /[\w-]+/.exec("a-b c")[0]);
console.log(/[a-z]/i.test("K"), /[^a-z]/i.test("K"), /\u212a/i.test("k"), /\u212a/iu.test("k"), /ſ/i.test("s"), /ſ/iu.test("S"), /\w/iu.test("ſ"), /\W/iu.test("ſ"));
console.log(/[\u00e0-\u00e5]/i.test("\u00c3"), /\u00df/i.test("SS"), /[\u{1F600}-\u{1F64F}]/u.test("\u{1F60A}"), /\u{61}/.test("a"), /\u{2}/.test("uu"));
console.log(/(.)\1/i.test("aA"), /(a)\1/i.exec("AA")[0], /Σ/i.test("ς"), /σ/iu.test("ς"), /ǅ/i.test("ǆ"));
""",
    "unicode-properties": r"""
console.log(/\p{Lu}/u.test("A"), /\p{Lu}/u.test("a"), /\p{L}+/u.exec("héllo wörld")[0], /\P{L}/u.exec("abc1")[0]);
console.log(/\p{Script=Greek}/u.test("α"), /\p{sc=Grek}/u.test("a"), /\p{General_Category=Decimal_Number}/u.test("5"), /\p{ASCII_Hex_Digit}/u.test("f"));
console.log(/[\p{N}\p{P}]+/u.exec("ab12,.c")[0], /\p{Any}/u.test("\n"), /\p{ASCII}/u.test("é"), /\p{Emoji_Presentation}/u.test("\u{1F600}"));
console.log("a\u{1F600}b".split(/(?:)/u), "a\u{1F600}b".split(""), "\u{1F600}".match(/./gu), "\u{1F600}".match(/./g).length);
""",
    "lastIndex-sticky": r"""
const g = /o/g; show(g, "foo"); show(g, "foo"); show(g, "foo");
const y = /o/y; show(y, "foo"); y.lastIndex = 1; show(y, "foo"); show(y, "foo"); show(y, "foo");
const n = /o/; n.lastIndex = 5; show(n, "foo");
const e = /a*/g; console.log(JSON.stringify("baaac".match(e)), e.lastIndex);
const big = /a/g; big.lastIndex = 10; show(big, "aaa");
const u = /\udf06/u; console.log(u.exec("\ud834\udf06"), /\udf06/.exec("\ud834\udf06").index);
const t = /a/g; console.log(t.test("aa"), t.lastIndex, t.test("aa"), t.lastIndex, t.test("aa"), t.lastIndex);
const yy = /b/y; console.log("abc".search(yy), "abc".replace(yy, "x"), "bbc".replace(/b/gy, "x"), "bcb".replace(/b/gy, "x"));
const s2 = /a/y; console.log("xaxa".split(s2));
""",
    "named-groups": r"""
const m = /(?<year>\d{4})-(?<month>\d{2})/.exec("on 2024-05");
console.log(m.groups.year, m.groups.month, Object.getPrototypeOf(m.groups), Object.keys(m.groups), m);
console.log(/(?<a>x)|(?<b>y)/.exec("y").groups, /\k<a>(?<a>b)/.exec("b"), /(?<a>.)\k<a>/.test("aa"), /(?<$1>x)(?<_é>y)/.exec("xy").groups);
console.log("2024-05".replace(/(?<y>\d+)-(?<m>\d+)/, "$<m>/$<y> [$<nope>] $<y"), "x".replace(/(x)/, "$<a>"));
console.log(/(?<\u{1d4d1}>q)/.exec("q").groups, /(?<\u0061b>.)/.exec("z").groups);
""",
    "indices": r"""
const m = /(?<w>b+)(x)?/d.exec("abbc");
console.log(m.indices, m.indices.groups.w, m.indices[2], Object.keys(m));
console.log("a\u{1F600}b".match(/b/d).indices[0], /$/gd.exec("").indices, /(a)|b/d.exec("b").indices);
""",
    "string-match": r"""
console.log("a1b2".match(/\d/g), "ab".match(/x/), "ab".match(/x/g), "aBc".match(/b/i), "x.y".match("."), "a+b".match("\\+"));
console.log("abc".match(), "abc".match(undefined), "nullx".match(null), "1.5".match(1.5));
const r = /a/g; r.lastIndex = 2; console.log("aaa".match(r), r.lastIndex);
console.log("".match(/^/g), "abc".match(/(?:)/g), "\u{1F600}\u{1F600}".match(/(?:)/gu).length, "\u{1F600}".match(/(?:)/g).length);
""",
    "string-matchAll": r"""
console.log([..."a1b22c333".matchAll(/\d+/g)].map(m => m[0] + "@" + m.index));
console.log([..."test1test2".matchAll(/t(e)(st(\d?))/g)].map(m => m.slice()));
console.log("aXbX".matchAll(/X/g), [..."abc".matchAll("b")].length, [..."a.b".matchAll(".")].length);
err(() => "a".matchAll(/a/)); err(() => "a".matchAll(/a/y));
const r = /a/g; r.lastIndex = 1; const it = "aaa".matchAll(r); console.log(r.lastIndex, [...it].length, r.lastIndex);
const it2 = "ab".matchAll(/./g); console.log(it2.next(), it2.next(), it2.next(), it2.next(), it2[Symbol.iterator]() === it2);
console.log(Object.prototype.toString.call(it2), [..."".matchAll(/(?:)/g)].length, [..."ab".matchAll(/(?:)/g)].length);
""",
    "string-replace": r"""
console.log("x-y".replace(/(\w)-(\w)/, "$2-$1 $& $` $' $$ $0 $3 $<n> $"), "aaa".replace(/a/g, (m, o, s) => o));
console.log("abc".replace(/b/, "[$`|$']"), "abc".replace(/(b)/, "$01$1$10$11$00"), "abcdefghijkl".replace(/(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)/, "$11-$10-$1$"));
console.log("john smith".replace(/(?<f>\w+) (?<l>\w+)/, "$<l>, $<f>"), "ab".replace(/(?<f>a)(x)?/, (...a) => JSON.stringify(a)));
console.log("aaa".replace(/a*?/g, "-"), "abc".replace(/(?:)/g, "-"), "\u{1F600}".replace(/(?:)/gu, "-"), "\u{1F600}".replace(/(?:)/g, "-").length);
console.log("Hello World".replace(/o/g, m => m.toUpperCase()), "a.b.c".replace(".", "-"), "a.b.c".replace(/\./g, "-"));
console.log("abc".replace(/b/, () => undefined), "abc".replace(/b/, 42), "aaa".replace(/a/gi, "$&$&"));
console.log("camelCaseString".replace(/([A-Z])/g, "_$1").toLowerCase(), "  trim  me ".replace(/^\s+|\s+$/g, ""));
const r = /a/g; r.lastIndex = 2; console.log("aaa".replace(r, "b"), r.lastIndex);
const ry = /a/y; ry.lastIndex = 1; console.log("aaa".replace(ry, "b"), ry.lastIndex);
""",
    "string-replaceAll": r"""
console.log("aaa".replaceAll(/a/g, "b"), "a.b.c".replaceAll(".", "-"), "aXbX".replaceAll(/x/gi, (m, o) => o));
err(() => "a".replaceAll(/a/, "b")); err(() => "a".replaceAll(/a/y, "b"));
console.log("xyx".replaceAll(/(?<c>x)/g, "[$<c>]"), "abab".replaceAll("ab", "$&$&"));
""",
    "string-split": r"""
console.log("a,b;c".split(/[,;]/), "a1b2c".split(/(\d)/), "abc".split(/(?:)/), "".split(/a/), "".split(/(?:)/), "abc".split(/b/, 1));
console.log("a, b ,c".split(/\s*,\s*/), "test".split(/(t)/), "ab".split(/(x)?b/), "A<B>bold</B>and<CODE>coded</CODE>".split(/<(\/)?([^<>]+)>/));
console.log("abc".split(/b/, 0), "abc".split(/(b)/, 2), "a b  c".split(/ +/, -1), "xyz".split(/$/), "x\ny".split(/^/m));
""",
    "string-search": r"""
console.log("abc".search(/c/), "abc".search(/z/), "abc".search("b"), "a.c".search("."), "abc".search(), "xnull".search(null));
const r = /b/g; r.lastIndex = 3; console.log("abcb".search(r), r.lastIndex);
""",
    "constructor": r"""
const re = /a/g;
console.log(RegExp(re) === re, new RegExp(re) === re, RegExp(re, "g") === re, String(new RegExp(re, "i")), String(RegExp("a", undefined)));
console.log(String(new RegExp()), String(new RegExp(undefined)), String(new RegExp(null)), String(new RegExp(123, "g")), String(new RegExp("[/]", "")));
err(() => new RegExp(Symbol())); err(() => RegExp("("));
console.log(RegExp.length, RegExp.name, RegExp.prototype.constructor === RegExp, RegExp[Symbol.species] === RegExp);
console.log(Object.getOwnPropertyNames(RegExp.prototype).sort().join());
console.log(String(new RegExp("\n")), String(new RegExp("a\\/b")), String(new RegExp("/", "g")), String(RegExp.prototype));
const like = { [Symbol.match]: true, source: "x+", flags: "g", constructor: RegExp };
console.log(String(new RegExp(like)), RegExp(like) === like);
class R extends RegExp { exec(s) { console.log("exec", s); return super.exec(s); } }
const sub = new R("b", "g"); console.log(sub instanceof R, sub.test("abc"), "abc".replace(sub, "X"), String(sub));
""",
    "exec-protocol": r"""
const r = /a/; r.exec = (s) => { console.log("own exec", s); return null; };
console.log(r.test("a"), "a".replace(r, "b"), "a".search(r));
const bad = /a/; bad.exec = () => 1; err(() => bad.test("a"));
err(() => RegExp.prototype.exec.call({}, "a")); err(() => RegExp.prototype.test.call({}, "a"));
err(() => RegExp.prototype.toString.call(1)); err(() => RegExp.prototype[Symbol.match].call(1, "a"));
console.log(RegExp.prototype.toString.call({ source: "x", flags: "y" }));
const fake = { exec() { return { 0: "zz", length: 1, index: 1 }; }, flags: "", lastIndex: 0 };
console.log(RegExp.prototype[Symbol.replace].call(fake, "abcd", "<$&>"));
const o = { [Symbol.replace](s, v) { return "custom " + s + v; }, [Symbol.split]() { return "split!"; } };
console.log("abc".replace(o, 1), "abc".split(o), "abc".match({ [Symbol.match]: (s) => "m:" + s }));
""",
    "memory-and-inspect": r"""
const list = [/a/, /b/g];
console.log(list, { r: /c/i, n: [ /d/ ] }, Object.assign(/x/, { k: 1 }), new RegExp("\n/"));
function make() { return /x/g; }
const a = make(), b = make();
console.log(a === b, a.source === b.source, a.lastIndex = 3, b.lastIndex);
console.log([/a/, /b/, /c/].map(String).join(" "), `${/t/}`, /x/ + "", String(/[\]/]/));
""",
    "common-programs": r"""
const email = /^[\w.+-]+@[\w-]+\.[\w.]+$/;
console.log(["a@b.co", "bad@", "x.y+z@host.org"].map(s => email.test(s)));
const words = "The quick brown fox jumps over the lazy dog".match(/\b\w{5}\b/g); console.log(words);
const counts = {}; for (const w of "a b a c b a".split(/\s+/)) counts[w] = (counts[w] || 0) + 1; console.log(counts);
console.log("2024-01-15".replace(/(\d+)-(\d+)-(\d+)/, "$3/$2/$1"), "hello world".replace(/\b\w/g, c => c.toUpperCase()));
console.log("1,234,567.89".replace(/,/g, ""), (1234567).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ","));
console.log("<b>x</b><i>y</i>".match(/<(\w+)>.*?<\/\1>/g), "aaa bbb".match(/(\w)\1+/g));
const csv = 'a,"b,c",d'; console.log(csv.match(/("[^"]*"|[^,]+)/g));
let m; const re = /(\w+)=(\d+)/g; const kv = "x=1 y=22 z=333"; while ((m = re.exec(kv)) !== null) console.log(m[1], m[2], m.index, re.lastIndex);
""",
}


@pytest.fixture(scope="module")
def node_outputs() -> dict[str, Any]:
    node = require_node()
    return run_node_many({name: PRELUDE + src for name, src in CASES.items()}, node)


def _engine_lines(source: str) -> list[str]:
    result = run_engine(source)
    lines = list(result["output"])
    if result["error"]:
        lines.append(f"{result['error']['name']}: {result['error']['message']}")
    return lines


def _node_lines(run: Any) -> list[str]:
    lines = list(run.lines)
    if run.status != 0:
        for line in run.stderr.splitlines():
            if ": " in line and line.split(": ")[0].endswith("Error"):
                lines.append(line.strip())
                break
    return lines


@pytest.mark.parametrize("name", list(CASES))
def test_the_engine_agrees_with_node(name: str, node_outputs: dict[str, Any]) -> None:
    expected = _node_lines(node_outputs[name])
    assert _engine_lines(PRELUDE + CASES[name]) == expected


def test_an_invalid_literal_is_an_early_syntax_error() -> None:
    with pytest.raises(JSSyntaxError) as info:
        run_engine("console.log('never');\nconst r = /(/;\n")
    assert (info.value.message, info.value.line) == ("Invalid regular expression: /(/: Unterminated group", 2)
    with pytest.raises(JSSyntaxError) as info:
        run_engine("const r = /a/gg;\n")
    assert info.value.message == "Invalid regular expression flags"


def test_a_regexp_literal_is_a_new_object_at_its_site_each_time() -> None:
    source = "const rs = [];\nfor (let i = 0; i < 2; i++) rs.push(/a/g);\ncheckpoint();\n"
    result = run_engine(source)
    reachable = result["checkpoints"][0]["reachable"]
    assert "2:37#1" in reachable and "2:37#2" in reachable


def test_the_v_flag_is_refused_with_a_clear_message() -> None:
    result = run_engine("new RegExp('a', 'v');\n")
    assert result["error"]["name"] == "TypeError"
    assert "not supported in memcourse" in result["error"]["message"]
