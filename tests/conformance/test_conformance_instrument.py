"""The instrumentation keeps every line, finds every allocation site and names functions as the language does."""

from __future__ import annotations

import re

import pytest
from tree_sitter import Node

from tests.conformance.instrument import InstrumentError, binding_name, instrument, parse


def _first(root: Node, kind: str) -> Node:
    stack = [root]
    while stack:
        node = stack.pop(0)
        if node.type == kind:
            return node
        stack.extend(node.children)
    raise AssertionError(f"no {kind}")


def test_it_keeps_every_original_line_on_its_line() -> None:
    source = "let a = {x: [1, 2]};\nfunction f() {\n  return new Map();\n}\nconst g = () => ({});\n"
    plan = instrument(source)
    rewritten_lines = plan.source.split("\n")
    assert rewritten_lines[len(source.split("\n")) :] == [";void 0;", ""]
    for original, rewritten in zip(source.split("\n"), rewritten_lines, strict=False):
        words = set(re.findall(r"\w+", original)) - {"new"}
        assert words <= set(re.findall(r"\w+", rewritten)), (original, rewritten)


def test_it_lists_sites_with_one_based_columns_in_source_order() -> None:
    source = "function f() {}\nconst o = { m() {}, list: [1] };\nconst p = new Map();\n"
    assert instrument(source).sites == ["1:1", "2:11", "2:14", "2:27", "3:11"]


def test_columns_count_utf16_code_units() -> None:
    source = 'const s = "😀"; const o = {};\n'
    assert instrument(source).sites == ["1:27"]


def test_a_class_its_methods_and_accessors_are_sites() -> None:
    source = "class A {\n  get x() { return 1; }\n  static make() {}\n  constructor() {}\n}\n"
    assert instrument(source).sites == ["1:1", "2:8", "3:14"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("const f = () => 1;", "f"),
        ("let f; f = function () {};", "f"),
        ("const o = { f: () => 1 };", "f"),
        ("function g(f = () => 1) {}", "f"),
        ("const f = (() => 1);", "f"),
        ("o.f = () => 1;", ""),
        ("call(() => 1);", ""),
    ],
)
def test_anonymous_functions_take_the_name_of_their_binding(source: str, expected: str) -> None:
    assert (
        binding_name(
            _first(parse(source), "arrow_function")
            if "=>" in source
            else _first(parse(source), "function_expression")
        )
        == expected
    )


def test_frame_names_are_keyed_by_where_v8_says_a_function_starts() -> None:
    plan = instrument("function area(w) {}\nconst o = { get size() {} };\n")
    assert "area" in plan.functions.values()
    assert "get size" in plan.functions.values()


def test_it_records_let_const_and_class_bindings_for_the_dead_zone() -> None:
    plan = instrument("{\n  let a = 1;\n  class B {}\n}\n")
    assert [binding["name"] for binding in plan.lexicals] == ["a", "B"]


def test_it_ends_the_script_with_void_0_so_its_completion_value_is_empty() -> None:
    assert instrument("1 + 1;").source.rstrip().endswith(";void 0;")


def test_a_syntax_error_is_reported_with_its_line() -> None:
    with pytest.raises(InstrumentError, match="line 2"):
        instrument("let a = 1;\nlet = = 2;\n")


def test_async_and_generator_functions_are_sites_at_their_first_character() -> None:
    source = "\n".join(
        [
            "async function a() {}",
            "function* g() {}",
            "const e = async function () {};",
            "const f = async () => 1;",
            "const h = function* () {};",
            "class K { async m() {} *n() {} static async *o() {} }",
        ]
    )
    assert instrument(source).sites == ["1:1", "2:1", "3:11", "4:11", "5:11", "6:1", "6:18", "6:26", "6:47"]


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("async function load() {}", "load"),
        ("const load = async function () {};", "load"),
        ("const load = async () => {};", "load"),
        ("const load = async id => id;", "load"),
        ("function* walk() {}", "walk"),
        ("const walk = function* () {};", "walk"),
        ("class K { async load() {} }", "load"),
        ("class K { *walk() {} }", "walk"),
        ("const o = { async load() {} };", "load"),
        ("const o = { *[Symbol.iterator]() {} };", "[Symbol.iterator]"),
        ("class K { [Symbol.iterator]() {} }", "[Symbol.iterator]"),
        ("const o = { [Symbol.toPrimitive]: function () {} };", "[Symbol.toPrimitive]"),
        ("const o = { ['text']() {} };", "text"),
    ],
)
def test_async_generator_and_symbol_keyed_functions_get_the_language_name(source: str, name: str) -> None:
    assert name in instrument(source).functions.values()


def test_a_well_known_symbol_method_is_tagged_by_its_symbol() -> None:
    plan = instrument("class Range {\n  *[Symbol.iterator]() {}\n}\n")
    assert plan.sites == ["1:1", "2:21"]
    assert '\\"symbol\\": \\"iterator\\"' in plan.source


def test_a_computed_constructor_key_is_an_ordinary_method() -> None:
    plan = instrument("class K {\n  ['constructor']() {}\n}\n")
    assert plan.sites == ["1:1", "2:18"]
    assert "constructor" in plan.functions.values()
