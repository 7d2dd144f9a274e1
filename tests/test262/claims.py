"""Which test262 tests the engine claims, and why the others are skipped.

The engine claims the directories of test/language and test/built-ins in the slice (../shared/test262/README.md)
except those below, and in them every test whose ``features:`` are all within the engine. It follows V8 as node
20 ships it (V8 11.3), so features node 20 does not have are not claimed either. Each reason is one line of the
runner's skip list; they are grouped, so the list stays short.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from tests.test262.meta import Meta

CLAIMED_ROOTS = ("test/language", "test/built-ins")

UNCLAIMED_DIRS: dict[str, str] = {
    "test/language/module-code": "modules (programs are classic scripts)",
    "test/language/import": "modules (programs are classic scripts)",
    "test/language/export": "modules (programs are classic scripts)",
    "test/language/eval-code": "eval (not in the engine; built-ins/eval is not in the slice)",
    "test/built-ins/Iterator": "the Iterator global and iterator helpers (ES2025; node 20 has neither)",
    "test/built-ins/RegExp/property-escapes/generated": "generated \\p{...} tests: each builds strings of all of "
    "Unicode in JavaScript (over 3,000,000 steps, more than 10 s each in the engine)",
}

_MODULES = "modules (programs are classic scripts)"
_NOT_IN_ENGINE = "{} (not in the engine)"
_NOT_IN_NODE20 = "{} (newer than node 20's V8, which the engine follows)"
_HOST = "{} (a host capability of the test262 harness the engine does not provide)"


def _features(reason: str, *names: str) -> dict[str, str]:
    return {n: reason.format(n) for n in names}


SKIPPED_FEATURES: dict[str, str] = {
    **_features(_MODULES, "dynamic-import", "import-attributes", "import-defer", "source-phase-imports",
                "source-phase-imports-module-source", "top-level-await", "json-modules", "import.meta",
                "export-star-as-namespace-from-module", "arbitrary-module-namespace-names", "import-text",
                "import-bytes"),
    **_features(_NOT_IN_ENGINE, "Proxy", "Reflect", "Reflect.construct", "Reflect.set", "Reflect.setPrototypeOf",
                "TypedArray", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
                "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
                "ArrayBuffer", "DataView", "SharedArrayBuffer", "Atomics", "Atomics.waitAsync",
                "resizable-arraybuffer", "arraybuffer-transfer", "Intl"),
    **_features(_NOT_IN_NODE20, "decorators", "Temporal", "ShadowRealm", "explicit-resource-management",
                "iterator-helpers", "set-methods", "Array.fromAsync", "array-grouping", "promise-with-resolvers",
                "promise-try", "RegExp.escape", "regexp-modifiers", "regexp-duplicate-named-groups",
                "Error.isError", "Math.sumPrecise", "upsert", "await-dictionary", "joint-iteration",
                "iterator-chunking", "iterator-includes", "iterator-sequencing", "Iterator.prototype.join",
                "json-parse-with-source", "Float16Array", "immutable-arraybuffer", "uint8array-base64",
                "Atomics.pause", "error-stack-accessor", "iterator-zip"),
    **_features(_HOST, "cross-realm", "IsHTMLDDA", "host-gc-required"),
    "regexp-v-flag": "regexp-v-flag (README.md: not supported in memcourse, the v flag of regular expressions)",
    "tail-call-optimization": "tail-call-optimization (V8 does not do proper tail calls; node fails these)",
}

SKIPPED_FLAGS: dict[str, str] = {
    "module": _MODULES,
    "onlyStrict": "onlyStrict (tests run as sloppy classic scripts)",
    "CanBlockIsFalse": _NOT_IN_ENGINE.format("Atomics (CanBlock)"),
    "CanBlockIsTrue": _NOT_IN_ENGINE.format("Atomics (CanBlock)"),
}

# Host functions of $262 a single in-process run cannot provide (a second script or realm, agents...).
_HOST_USES = (
    (re.compile(r"\$262\.evalScript"), _HOST.format("$262.evalScript")),
    (re.compile(r"\$262\.createRealm"), _HOST.format("$262.createRealm")),
    (re.compile(r"\$262\.(detachArrayBuffer|agent)"), _HOST.format("$262.agent/detachArrayBuffer")),
    (re.compile(r"\beval\s*\("), "eval (not in the engine; built-ins/eval is not in the slice)"),
)

# What README.md's "Not supported" paragraph leaves out on purpose, found in the test's code (comments and string
# literals removed, so a message that says "called with (" or a comment about eval does not count).
_README = "{} (README.md: not supported in memcourse, {})"
_EVAL_REASON = _README.format("eval", "it compiles code from a string while the program runs")
_FUNCTION_REASON = _README.format("the Function constructor", "it compiles code from a string while the program runs")
_CODE_USES = (
    # A with statement: `with (` where a statement starts (not `.with(`, nor a method or accessor named with).
    (re.compile(r"(?m)(?:^|[;{})]|\belse)\s*with\s*\("), _README.format("with", "the course does not teach it")),
    # Indirect eval: `(0, eval)(...)`, `var e = eval;`.
    (re.compile(r"\beval\s*\)\s*\(|=\s*eval\s*[;,)]"), _EVAL_REASON),
    # Function(...), new Function(...), and the GeneratorFunction / AsyncFunction / AsyncGeneratorFunction
    # constructors (tests reach them through Object.getPrototypeOf(function* () {}).constructor).
    (re.compile(r"(?<![.\w$])(?:new\s+)?(?:Async)?(?:Generator)?Function\s*\(|\bnew\s+(?:Async)?(?:Generator)?Function\b"),
     _FUNCTION_REASON),
    # Tests that use these without saying so in their features.
    (re.compile(r"(?<![.\w$])Proxy\b"), _README.format("Proxy", "the course does not teach metaprogramming")),
    (re.compile(r"(?<![.\w$])Reflect\s*\."), _README.format("Reflect", "the course does not teach metaprogramming")),
    (re.compile(r"(?<![.\w$])(?:(?:Big)?(?:U?Int|Float|Uint8Clamped)\d*Array|ArrayBuffer|SharedArrayBuffer|DataView|Atomics)\b"),
     _README.format("typed arrays, ArrayBuffer, DataView and Atomics", "binary data is outside the course")),
    (re.compile(r"(?<![.\w$])Intl\s*\."), _README.format("Intl", "the course does not teach it")),
)
_STRIP = re.compile(r"""/\*.*?\*/|//[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`""", re.S)


def _code(source: str) -> str:
    """The source without comments and string literals (each becomes a space)."""
    return _STRIP.sub(" ", source)


NODE_FAILS = Path(__file__).with_name("node_fails.txt")
NODE_FAILS_REASON = "node 20 fails it too (V8 departs from the specification here; the engine follows V8)"


@cache
def node_fails() -> frozenset[str]:
    """The claimed tests node 20 fails (``python -m bench.test262 --node-baseline`` writes the list)."""
    if not NODE_FAILS.exists():
        return frozenset()
    lines = NODE_FAILS.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.split("\t", 1)[0] for ln in lines if ln.strip() and not ln.startswith("#"))


def skip_reason(relpath: str, meta: Meta, source: str, with_node: bool = True) -> str | None:
    """Why the engine does not claim this test (``relpath`` from the test262 root), or None if it does;
    ``with_node=False`` leaves out the tests node fails (to measure node itself)."""
    if not relpath.startswith(CLAIMED_ROOTS):
        return "outside test/language and test/built-ins"
    if "_FIXTURE" in relpath:
        return "module fixture (not a test)"
    for directory, reason in UNCLAIMED_DIRS.items():
        if relpath.startswith(directory + "/"):
            return reason
    for flag, reason in SKIPPED_FLAGS.items():
        if flag in meta.flags:
            return reason
    for feature in meta.features:
        reason = SKIPPED_FEATURES.get(feature)
        if reason is not None:
            return reason
    if meta.negative is not None and meta.negative.phase == "resolution":
        return _MODULES
    for pattern, reason in _HOST_USES:
        if pattern.search(source):
            return reason
    code = _code(source)
    for pattern, reason in _CODE_USES:
        if pattern is _CODE_USES[0][0] and meta.negative is not None and meta.negative.phase == "parse":
            continue  # a with statement that must be a SyntaxError (in strict code): nothing runs
        if pattern.search(code):
            return reason
    if with_node and relpath in node_fails():
        return NODE_FAILS_REASON
    return None
