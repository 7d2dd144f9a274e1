"""Tagged templates and String.raw, compared with node in the same test: the strings object (frozen, with a
frozen raw array, the same object at every evaluation of one site), values, member tags keeping `this`, chained
tags, String.raw called directly, and errors. node is required under CI=true, else the comparison is skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.test_syntax_against_node import engine_run, node_run

PROGRAMS: list[tuple[str, str]] = [
    ("strings-and-values", """
function tag(s, ...v) { return JSON.stringify([s, s.raw, v]); }
const x = 5;
console.log(tag`a${x}b${x + 1}\\n\\u0041\\x41 end`);
console.log(tag``, tag`${1}${2}`);"""),
    ("frozen", """
function tag(s) { return [Object.isFrozen(s), Object.isFrozen(s.raw), Array.isArray(s), s.length,
  Object.getOwnPropertyDescriptor(s, 'raw').enumerable, Object.keys(s).join()]; }
console.log(tag`a${0}b`);"""),
    ("same-object-per-site", """
const seen = [];
function keep(s) { seen.push(s); return s; }
for (let i = 0; i < 3; i++) keep`same ${i}`;
keep`same ${0}`;
console.log(seen[0] === seen[1], seen[1] === seen[2], seen[0] === seen[3]);"""),
    ("member-tag-this", """
const obj = { name: 'o', tag(s, v) { return this.name + s[0] + v; } };
console.log(obj.tag`!${1}`, obj['tag']`?${2}`);"""),
    ("chained", "function f(s) { return (t) => s[0] + t[0]; }\nconsole.log(f`a``b`);"),
    ("tag-returns-non-string", "const t = (s, ...v) => v.reduce((a, b) => a + b, 0);\nconsole.log(t`${1} + ${2} + ${3}`);"),
    ("multiline-raw", "const r = String.raw`line1\nline2\\n${'x'}`;\nconsole.log(JSON.stringify(r));"),
    ("string-raw", """
console.log(String.raw`C:\\temp\\new ${1 + 1}`);
console.log(String.raw({ raw: ['a', 'b', 'c'] }, 1), String.raw({ raw: 'xyz' }, 0, 1, 2), String.raw({ raw: [] }));
console.log(String.raw.length, String.raw.name);"""),
    ("string-raw-undefined", "String.raw({});"),
    ("tag-not-a-function", "const t = 1;\nt`x`;"),
    ("tag-throws", "function t() { throw new TypeError('from tag'); }\ntry { t`x`; } catch (e) { console.log(e.message); }"),
]


@pytest.mark.parametrize("source", [p[1] for p in PROGRAMS], ids=[p[0] for p in PROGRAMS])
def test_tagged_template_as_node(source: str, tmp_path: Path) -> None:
    expected = node_run(source, tmp_path)
    assert engine_run(source) == expected
