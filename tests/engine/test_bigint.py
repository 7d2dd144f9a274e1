"""BigInt (ECMA-262 6.1.6.2, 21.2): literals, BigInt(), operators, comparisons, conversions, printing, collections.

Every group of expressions runs in the engine and in node (v20) in the same test; the engine must print exactly what
node prints, errors (their class and V8's message) included. node is required under CI=true, skipped elsewhere.
Engine-only tests below cover what node cannot show: the trace's encoding of a BigInt ({"bigint": "10"}), the engine's
size limit, and the exactness of the arithmetic on large values.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

import pytest

import engine
from engine.errors import JSSyntaxError
from tests.engine.conftest import NodeRun

SHOW = (
    "function show(f) {\n"
    "  try { const r = f(); console.log(typeof r, r); }\n"
    "  catch (e) { console.log('ERR', e.constructor.name, e.message); }\n"
    "}\n"
)

GROUPS: dict[str, list[str]] = {
    "literals": [
        "10n", "0x1Fn", "0o17n", "0b101n", "1_000_000n", "0n", "-0n", "123456789012345678901234567890n",
        "0XABCDEFn", "typeof 10n", "typeof Object(10n)", "-(2n ** 64n)",
    ],
    "constructor": [
        "BigInt(10)", "BigInt(-0)", "BigInt(1e21)", "BigInt(2 ** 60)", "BigInt(Number.MAX_SAFE_INTEGER + 2)",
        "BigInt(1.5)", "BigInt(NaN)", "BigInt(Infinity)", "BigInt(-Infinity)", "BigInt(true)", "BigInt(false)",
        "BigInt(' 12 ')", "BigInt('0x1f')", "BigInt('0o17')", "BigInt('0b101')", "BigInt('-12')", "BigInt('+12')",
        "BigInt('')", "BigInt('  ')", "BigInt('9007199254740993')", "BigInt('1.5')", "BigInt('abc')",
        "BigInt('-0x1f')", "BigInt('1e3')", "BigInt('1_000')", "BigInt(' 0x ')", "BigInt('12n')",
        "BigInt(undefined)", "BigInt(null)", "BigInt(Symbol('s'))", "BigInt()", "BigInt(10n)",
        "BigInt({ valueOf() { return 7; } })", "BigInt({ valueOf() { return 7n; } })", "BigInt([5])",
        "new BigInt(1)", "BigInt.length", "BigInt.name", "typeof BigInt", "(1n).constructor === BigInt",
        "Object.getPrototypeOf(5n) === BigInt.prototype",
    ],
    "arithmetic": [
        "1n + 2n", "5n - 7n", "6n * 7n", "5n / 2n", "-5n / 2n", "5n / -2n", "-5n % 2n", "5n % -2n", "7n % 7n",
        "2n ** 100n", "(-2n) ** 3n", "2n ** 0n", "0n ** 0n", "1n ** 100000000n", "(-1n) ** 100000001n",
        "1n / 0n", "1n % 0n", "2n ** -1n", "-(-3n)", "-0n", "2n ** 100000000000n", "1n << 10000000000n",
        "(2n ** 64n) * (2n ** 64n)", "10n ** 30n / 7n", "(10n ** 30n) % 97n",
    ],
    "mixing": [
        "1n + 1", "1 + 1n", "1n - 1", "1n * '2'", "1n / 1", "1n ** 2", "1n % 1", "1n & 1", "1n | 1", "1n << 1",
        "+1n", "1n + undefined", "1n + null", "1n + true", "Math.max(1n)", "Math.abs(-1n)", "isNaN(1n)",
        "Symbol() + 1n", "1n + ''", "'x' + 1n", "1n + {}", "1n + [1]", "Object(1n) + 1n", "Number(2n ** 64n)",
        "Number(-5n)", "Number(2n ** 1100n)", "Number(9007199254740993n)", "Number(Object(3n))", "+Object(1n)",
        "parseInt('12n')", "parseFloat(12n)", "Number('1n')", "Number.isInteger(1n)", "Number.isNaN(1n)",
        "1n >>> 0n", "1n >>> 1",
    ],
    "bitwise": [
        "~5n", "~-1n", "5n & 3n", "-5n | 2n", "5n ^ -1n", "5n << 2n", "-5n >> 1n", "5n << -1n", "5n >> -2n",
        "-1n >> 1000n", "1n << 64n", "(2n ** 64n - 1n) & -(2n ** 32n)", "~0n",
    ],
    "comparison": [
        "1n == 1", "1n === 1", "2n == '2'", "2n == ' 2 '", "1n < 1.5", "2n > '1'", "1n == true", "0n == ''",
        "1n < 'x'", "1n > 'x'", "1n == NaN", "1n < NaN", "2n ** 64n > Infinity", "2n ** 64n < Infinity",
        "-(2n ** 64n) > -Infinity", "10n > 9.999999", "9007199254740993n > 9007199254740992",
        "9007199254740993n == 9007199254740992", "1n < 2n", "2n <= 2n", "3n >= 4n", "1n == 1n", "1n === 1n",
        "0n === -0n", "Object.is(0n, -0n)", "Object.is(1n, 1n)", "1n != 1", "1n !== 1n", "Object(1n) == 1n",
        "Object(1n) === Object(1n)", "'10' > 9n", "[1n] == 1n", "null == 0n", "undefined == 0n", "1n < true",
        "1 >= NaN", "NaN <= 1", "NaN >= -Infinity", "1n >= NaN", "NaN <= 1n",
    ],
    "truthiness-and-update": [
        "0n ? 't' : 'f'", "1n ? 't' : 'f'", "!0n", "!!-1n", "0n || 'alt'", "1n && 'yes'", "0n ?? 'alt'",
        "(() => { let x = 1n; x++; return x; })()", "(() => { let x = 1n; return x++; })()",
        "(() => { let x = 1n; return ++x; })()", "(() => { let x = 1n; x--; --x; return x; })()",
        "(() => { const o = { n: 5n }; o.n++; ++o.n; return o.n; })()",
        "(() => { const a = [5n]; a[0]--; return a[0]; })()", "(() => { let x = 3n; x += 2n; x *= 3n; return x; })()",
        "(() => { let x = 3n; x **= 3n; x %= 10n; x <<= 2n; return x; })()", "(() => { let x = 3n; x += 1; return x; })()",
        "(() => { let s = 0n; for (let i = 0n; i < 10n; i++) s += i; return s; })()",
        "(() => { let x = { valueOf() { return 4n; } }; x++; return x; })()",
    ],
    "strings": [
        "String(10n)", "String(-0n)", "`${10n}`", "10n + 'x'", "(255n).toString(16)", "(-255n).toString(2)",
        "(35n).toString(36)", "(10n ** 20n).toString(7)", "(1n).toString(1)", "(1n).toString(37)",
        "(1234567n).toLocaleString()", "(-1234567n).toLocaleString()", "(123n).toLocaleString()",
        "String(12345678901234567890123n)", "[1n, 2n].join()", "[3n, 1n, 10n, 2n].sort().join()",
        "BigInt.prototype.toString.call(Object(7n))", "BigInt.prototype.toString.call('x')",
        "BigInt.prototype.valueOf.call(1)", "Object(3n).valueOf()", "typeof Object(3n).valueOf()",
        "Object.prototype.toString.call(1n)", "BigInt.prototype[Symbol.toStringTag]", "(5n).toString.length",
        "JSON.stringify({ a: 1n })", "JSON.stringify(1n)", "JSON.stringify(Object(3n))",
        "JSON.stringify([1n], (k, v) => typeof v === 'bigint' ? v.toString() : v)",
        "(() => { BigInt.prototype.toJSON = function () { return this.toString() + '!'; };"
        " const r = JSON.stringify({ a: 1n }); delete BigInt.prototype.toJSON; return r; })()",
        "'abc'.at(1n)", "[1, 2, 3].slice(1n)", "({ 1: 'one' })[1n]", "[5, 6][1n]", "1n in { 1: 0 }",
        "Object.keys({ [10n]: 1 })[0]", "({ 10n: 'ten' })[10]", "(2n ** 200n).toString().length",
    ],
    "asIntN-asUintN": [
        "BigInt.asUintN(8, 257n)", "BigInt.asIntN(8, 255n)", "BigInt.asIntN(8, 127n)", "BigInt.asIntN(8, 128n)",
        "BigInt.asUintN(64, -1n)", "BigInt.asIntN(64, 2n ** 63n)", "BigInt.asIntN(64, 2n ** 63n - 1n)",
        "BigInt.asIntN(0, 5n)", "BigInt.asUintN(0, 5n)", "BigInt.asIntN(1, 1n)", "BigInt.asIntN(2 ** 53 - 1, 5n)",
        "BigInt.asIntN(2 ** 53 - 1, -5n)", "BigInt.asUintN(2 ** 53 - 1, 5n)", "BigInt.asIntN(-1, 1n)",
        "BigInt.asIntN(2 ** 53, 5n)", "BigInt.asUintN(3, 'x')", "BigInt.asUintN(3, 10)", "BigInt.asUintN('3', '10')",
        "BigInt.asUintN(2 ** 53 - 1, -5n)",
    ],
    "collections": [
        "new Map([[1n, 'a']]).get(1n)", "new Map([[1n, 'a']]).get(1)", "new Set([1n, 1n, 1]).size",
        "new Set([0n, -0n]).size", "[1n, 2n].includes(2n)", "[1n].indexOf(1n)", "[1n].indexOf(1)",
        "[1n, 2n].map(x => x * 2n)", "[3n, 1n, 2n].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))",
        "[1n, 2n, 3n].reduce((a, b) => a + b)", "structuredClone(5n)", "structuredClone({ a: 5n }).a",
        "(() => { const m = new Map(); m.set(2n ** 64n, 'big'); return m.get(18446744073709551616n); })()",
        "(() => { const wm = new WeakMap(); try { wm.set(1n, 1); } catch (e) { return e.message; } })()",
    ],
    "calls-and-messages": [
        "1n()", "5n.foo()", "(() => { let x = 1n; x(); })()", "(() => { const o = { b: 2n }; o.b(); })()",
        "new 1n", "(() => { let x = 3n; new x(); })()", "1n.x.y", "1n instanceof 1n", "'a' in 1n",
        "(() => { for (const x of 1n) {} })()", "[...1n]", "Object.defineProperty(1n, 'x', {})",
        "Object.create(1n)", "Object.setPrototypeOf({}, 1n)", "Symbol(1n).toString()", "Object.keys(1n)",
        "({ ...1n })", "Array.from({ length: 2n })", "new Array(2n)", "String.fromCharCode(65n)",
        "(5n).x = 1",
    ],
}

PRINTED = """console.log(1n, [1n, -2n], { a: 10n }, new Map([[1n, 2n]]), new Set([3n]));
console.log(Object(5n), [Object(-5n)], { big: Object(7n) });
console.log("%d %i %s %f", 5n, 6n, 7n, 8n);
console.log("%d %i", Object(5n), Object(6n));
console.log("%s", Object(9n));
console.log([1n, 22n, 333n, 4444n, 55555n, 666666n, 7777777n, 88888888n]);
console.log(String(1n), `${10n}`, 10n + "x", [10n].toString());
console.log(2n ** 100n, -(2n ** 70n));
console.log([0n, -0n, 1n], typeof 1n);
"""

UNCAUGHT = {
    "mix": "let a = 1n;\nlet b = a + 1;\n",
    "division": "let a = 1n;\n\nlet b = a / 0n;\n",
    "plus": "const c = +5n;\n",
    "json": "JSON.stringify({ n: 1n });\n",
    "not-a-constructor": "new BigInt(5);\n",
    "syntax-from-string": "BigInt('x1');\n",
}


def _program(exprs: list[str]) -> str:
    return SHOW + "".join(f"show(() => {e});\n" for e in exprs)


def _engine_lines(source: str) -> list[str]:
    result = engine.trace(source).to_json()
    assert result["error"] is None, result["error"]
    return result["output"]


@pytest.fixture(scope="module")
def node_runs(node: str, node_many: Callable[[dict[str, str], str], dict[str, NodeRun]]) -> dict[str, NodeRun]:
    sources = {name: _program(exprs) for name, exprs in GROUPS.items()}
    sources["printed"] = PRINTED
    sources.update({f"uncaught-{k}": v for k, v in UNCAUGHT.items()})
    return node_many(sources, node)


@pytest.mark.parametrize("group", list(GROUPS))
def test_bigint_expressions_agree_with_node(group: str, node_runs: dict[str, NodeRun]) -> None:
    run = node_runs[group]
    assert run.status == 0, run.stderr
    engine_lines = _engine_lines(_program(GROUPS[group]))
    mismatches = [f"{expr}\n    node:   {n}\n    engine: {e}"
                  for expr, n, e in zip(GROUPS[group], run.lines, engine_lines, strict=True) if n != e]
    assert not mismatches, "\n".join(mismatches)


def test_console_log_prints_bigints_as_node_does(node_runs: dict[str, NodeRun]) -> None:
    run = node_runs["printed"]
    assert run.status == 0, run.stderr
    assert _engine_lines(PRINTED) == run.lines


def _node_error(run: NodeRun) -> dict[str, Any]:
    """The uncaught error node printed: `Name: message` (an Error) or the value (anything else), and its line."""
    lines = run.stderr.strip().splitlines()
    line = int(re.match(r".*:(\d+)$", lines[0]).group(1))  # type: ignore[union-attr]
    text = lines[4] if len(lines) > 4 else ""
    m = re.match(r"^(\w*Error): (.*)$", text)
    if m:
        return {"name": m.group(1), "message": m.group(2), "line": line}
    return {"name": "Uncaught", "message": text, "line": line}


@pytest.mark.parametrize("name", list(UNCAUGHT))
def test_uncaught_bigint_errors_agree_with_node(name: str, node_runs: dict[str, NodeRun]) -> None:
    run = node_runs[f"uncaught-{name}"]
    assert run.status != 0
    assert engine.trace(UNCAUGHT[name]).to_json()["error"] == _node_error(run)


# ---------------------------------------------------------------- engine only


def test_a_thrown_bigint_is_reported_as_util_inspect_shows_it() -> None:
    """As every thrown non-Error value (contract: name "Uncaught"; the conformance harness's message is
    util.inspect(value), as node's REPL prints it: `Uncaught 10n`)."""
    assert engine.trace("let a = 1;\nthrow 10n;\n").to_json()["error"] == {"name": "Uncaught", "message": "10n", "line": 2}


def test_a_bigint_in_locals_and_in_the_heap_is_encoded_as_its_decimal_digits() -> None:
    src = "let a = 10n;\nlet b = -(2n ** 70n);\nconst o = { big: 5n };\ncheckpoint('c');\n"
    cp = engine.trace(src).to_json()["checkpoints"][0]
    assert cp["locals"][0]["a"] == {"bigint": "10"}
    assert cp["locals"][0]["b"] == {"bigint": "-1180591620717411303424"}
    assert cp["heap"][cp["locals"][0]["o"]["site"]]["props"] == {"big": {"bigint": "5"}}


def test_bigints_are_primitives_without_allocation_sites() -> None:
    src = "let a = 10n;\nlet b = a * 3n;\nlet w = Object(1n);\ncheckpoint('c');\n"
    cp = engine.trace(src).to_json()["checkpoints"][0]
    assert cp["reachable"] == []
    assert cp["locals"][0]["w"] == {"site": None}


def test_values_beyond_the_digit_limit_of_python_ints_convert_both_ways() -> None:
    src = "const big = 7n ** 20000n;\nconst text = String(big);\nconsole.log(BigInt(text) === big, text);\n"
    same, text = engine.trace(src).to_json()["output"][0].split(" ")
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        assert (same, text) == ("true", str(7**20000))
    finally:
        sys.set_int_max_str_digits(old)


def test_a_literal_longer_than_pythons_int_digit_limit_compiles() -> None:
    literal = "9" * 5000
    result = engine.trace(f"const x = {literal}n;\nconsole.log(String(x + 1n).length);\n").to_json()
    assert result["output"] == ["5001"]


def test_a_result_too_large_for_the_engine_ends_the_run_as_a_limit() -> None:
    result = engine.trace("let x = 3n ** 20000000n;\n").to_json()
    assert result["error"]["name"] == "LimitExceeded"
    assert "BigInt" in result["error"]["message"]


@pytest.mark.parametrize("source", ["let x = 07n;", "let x = 08n;"])
def test_malformed_bigint_literals_are_syntax_errors(source: str) -> None:
    with pytest.raises(JSSyntaxError) as error:
        engine.trace(source)
    assert (error.value.message, error.value.line, error.value.column) == ("Invalid or unexpected token", 1, 9)
