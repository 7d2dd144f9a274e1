"""Allocation-site instrumentation of a JavaScript program for the V8 reference harness.

The harness (``harness/run.js``) cannot ask V8 where an object was allocated, so this module rewrites the
program so that every allocation tags its object with its site ``L:C#k`` (the rules of
``../shared/contracts/engine-trace.md``, section "Shape"). The rewrite only inserts text (and replaces the
``new`` token and the ``(`` of its arguments), never across a line break, so every line of the rewritten
program is the line of the original: stack lines reported by V8 are the original lines.

Calls the rewritten program makes (helpers defined by the harness as non-enumerable globals):

- ``{...__mc_sp(site), ...}``: an object literal first spreads a source whose one enumerable property is the
  tag, so the object carries its site from the moment V8 creates it (before its values are evaluated, which
  is when the contract counts it); ``__mc_o(object, methods)`` then hides the tag (non-enumerable) and tags
  the methods, getters and setters (counted right after the object is created, in source order).
- ``__mc_t(__mc_k(site), [...])``: an array literal reserves its ``#k`` when it starts and is tagged when it
  is complete; while its elements are being evaluated the harness knows it is open (``Plan.arrays``).
- ``__mc_n(site, text, Constructor, ...args)`` replaces ``new Constructor(...args)``: counted after the
  arguments are evaluated and before the constructor body runs (``text`` is the callee's source, for V8's
  "X is not a constructor").
- ``__mc_f(site, fn, name)`` tags a function, arrow or class expression when it is evaluated; because the
  wrapper call hides the binding name the language would give an anonymous function, the name is passed in
  and restored.
- ``__mc_d(site, fn)`` tags a hoisted function declaration on entry to its scope, in source order.
- ``__mc_c(site, class, name, methods)`` tags a class (declaration or expression) and its methods.
- ``__mc_this(new.target, this)`` at the start of every function and base-class constructor body, and
  ``__mc_s(new.target, super(...))`` around every ``super`` call, tag the object under construction as soon
  as the program can see it (``__mc_n`` reserved its site before calling the constructor).
- ``__mc_z(0, 0, ...)`` after every statement overwrites V8's temporary registers (contract, rule 4), and the
  script ends with ``void 0;`` so its completion value keeps nothing alive.

Besides the program, ``instrument`` returns the tables the harness needs to name frames (V8 reports a
frame's function by its start position; the language's ``.name`` is computed here from the syntax) and to
tell a binding in its temporal dead zone from one holding ``undefined`` (V8's debugger shows both as
``undefined``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import tree_sitter_javascript
from tree_sitter import Language, Node, Parser

_LANGUAGE = Language(tree_sitter_javascript.language())

# Enough zero arguments to overwrite the temporary registers any statement of a teaching program uses.
_CLEAR_ARGUMENTS = 32
_CLEAR_CALL = ";__mc_z(" + ",".join(["0"] * _CLEAR_ARGUMENTS) + ");"

_FUNCTION_DECLARATIONS = {"function_declaration", "generator_function_declaration"}
_FUNCTION_EXPRESSIONS = {"function_expression", "generator_function", "arrow_function"}
_NO_CLEAR_AFTER = {
    "return_statement",
    "throw_statement",
    "break_statement",
    "continue_statement",
    "empty_statement",
}
_STATEMENT_LISTS = {"program", "statement_block", "switch_case", "switch_default", "class_static_block"}
_LEXICAL_SCOPES = {
    "program",
    "statement_block",
    "switch_body",
    "for_statement",
    "for_in_statement",
    "class_static_block",
}
_NAMING_ASSIGNMENT_OPERATORS = {"&&=", "||=", "??="}

# Order of insertions at one offset: hoisted declarations first (they open a scope), then the closers of
# syntax ending there (inner first), then a class's tagging call and the register clearing that end a
# statement, then the openers of syntax starting there (outer first).
_RANK_THIS = (-2, 0)
_RANK_DECLARATION = (-1, 0)
_RANK_LITERAL_TAG = (-1, 1)
_RANK_CLASS_TAG = (0, 1 << 40)
_RANK_CLEAR = (0, (1 << 40) + 1)


class InstrumentError(ValueError):
    """The program cannot be instrumented (tree-sitter found a syntax error)."""


@dataclass(frozen=True)
class Edit:
    """Replace bytes ``start:end`` of the original with ``text``; ``rank`` orders edits at one offset."""

    start: int
    end: int
    text: str
    rank: tuple[int, int]


@dataclass
class Plan:
    """What the node harness needs to run one program: the rewritten source and its lookup tables."""

    original: str
    source: str
    # "row:column" (0-based, UTF-16, rewritten coordinates) of a function's start as V8 reports it -> name.
    functions: dict[str, str] = field(default_factory=dict)
    # let/const/class bindings: name, scope range and the position from which the binding is initialised.
    lexicals: list[dict[str, Any]] = field(default_factory=list)
    # Every allocation site "L:C" of the original program, in source order.
    sites: list[str] = field(default_factory=list)
    # Array literals: site and source range (rewritten coordinates), to tell which are being evaluated.
    arrays: list[dict[str, Any]] = field(default_factory=list)
    # True: run the original program untagged (a cross-check of everything but `reachable`).
    plain: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "original": self.original,
            "source": self.source,
            "functions": self.functions,
            "lexicals": self.lexicals,
            "sites": self.sites,
            "arrays": self.arrays,
            "plain": self.plain,
        }


def parse(source: str) -> Node:
    """Parse ``source`` with tree-sitter; raise InstrumentError on a syntax error."""
    tree = Parser(_LANGUAGE).parse(source.encode("utf-8"))
    root = tree.root_node
    if root.has_error:
        bad = _first_error(root)
        row, column = (bad.start_point.row + 1, bad.start_point.column + 1) if bad else (1, 1)
        raise InstrumentError(f"syntax error near line {row}, byte column {column}")
    return root


def _first_error(node: Node) -> Node | None:
    if node.type == "ERROR" or node.is_missing:
        return node
    for child in node.children:
        found = _first_error(child)
        if found is not None:
            return found
    return None


class _Positions:
    """Byte offsets of a UTF-8 text to 0-based (row, UTF-16 column) pairs, as V8 and the contract count."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._line_starts = [0]
        for index, byte in enumerate(data):
            if byte == 0x0A:
                self._line_starts.append(index + 1)

    def point(self, offset: int) -> tuple[int, int]:
        row = self._row_of(offset)
        prefix = self._data[self._line_starts[row] : offset].decode("utf-8", errors="replace")
        return row, len(prefix.encode("utf-16-le")) // 2

    def _row_of(self, offset: int) -> int:
        low, high = 0, len(self._line_starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self._line_starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low


def site_of(node: Node, positions: _Positions) -> str:
    """The contract's ``L:C`` (1-based line, 1-based UTF-16 column) of the syntax starting at ``node``."""
    row, column = positions.point(node.start_byte)
    return f"{row + 1}:{column + 1}"


def _text(node: Node | None) -> str:
    if node is None or node.text is None:
        return ""
    return node.text.decode("utf-8")


def _unparenthesised_parent(node: Node) -> tuple[Node | None, Node]:
    """The parent of ``node`` seen through parentheses, and the child of that parent holding ``node``."""
    child = node
    parent = node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        child = parent
        parent = parent.parent
    return parent, child


def well_known_symbol(key: Node | None) -> str | None:
    """``iterator`` for a computed key ``[Symbol.iterator]`` (any ``[Symbol.<name>]``), else None."""
    if key is None or key.type != "computed_property_name" or len(key.named_children) != 1:
        return None
    expression = key.named_children[0]
    if expression.type != "member_expression":
        return None
    target = expression.child_by_field_name("object")
    member = expression.child_by_field_name("property")
    if target is None or member is None or target.type != "identifier" or _text(target) != "Symbol":
        return None
    return _text(member) if member.type == "property_identifier" else None


def property_key_name(key: Node | None) -> str | None:
    """The property name a key denotes (a computed key only when it is a string or number literal), or
    None; a well-known symbol key ``[Symbol.iterator]`` is not a name (see ``well_known_symbol``)."""
    if key is None:
        return None
    if key.type == "computed_property_name" and len(key.named_children) == 1:
        inner = key.named_children[0]
        return property_key_name(inner) if inner.type in {"string", "number"} else None
    if key.type in {
        "property_identifier",
        "identifier",
        "private_property_identifier",
        "shorthand_property_identifier",
    }:
        return _text(key)
    if key.type == "string":
        return _string_value(key)
    if key.type == "number":
        return _number_name(_text(key))
    return None


def _string_value(node: Node) -> str:
    raw = _text(node)
    try:
        value = json.loads('"' + raw[1:-1].replace("\\'", "'") + '"') if raw[0] == "'" else json.loads(raw)
    except (json.JSONDecodeError, IndexError):
        return raw[1:-1]
    return value if isinstance(value, str) else raw[1:-1]


def _number_name(raw: str) -> str:
    try:
        value = float(int(raw, 0)) if raw[:2].lower() in {"0x", "0o", "0b"} else float(raw.replace("_", ""))
    except ValueError:
        return raw
    return str(int(value)) if value.is_integer() and abs(value) < 1e21 else repr(value)


def binding_name(expression: Node) -> str:
    """The name NamedEvaluation gives an anonymous function/class ``expression`` (ECMA-262 8.4), or ''."""
    parent, child = _unparenthesised_parent(expression)
    if parent is None:
        return ""
    kind = parent.type
    if kind == "variable_declarator" and parent.child_by_field_name("value") == child:
        target = parent.child_by_field_name("name")
        return _text(target) if target is not None and target.type == "identifier" else ""
    if kind in {"assignment_expression", "assignment_pattern", "object_assignment_pattern"}:
        return _assignment_name(parent, child)
    if kind == "augmented_assignment_expression":
        operator = parent.child_by_field_name("operator")
        if operator is None or _text(operator) not in _NAMING_ASSIGNMENT_OPERATORS:
            return ""
        return _assignment_name(parent, child)
    if kind == "pair" and parent.child_by_field_name("value") == child:
        return _key_function_name(parent.child_by_field_name("key"))
    if kind == "field_definition" and parent.child_by_field_name("value") == child:
        return _key_function_name(parent.child_by_field_name("property"))
    return ""


def _key_function_name(key: Node | None) -> str:
    """The ``.name`` a function gets from a property key: the name, ``[Symbol.iterator]`` for a well-known
    symbol, '' for another computed key."""
    symbol = well_known_symbol(key)
    if symbol is not None:
        return f"[Symbol.{symbol}]"
    return property_key_name(key) or ""


def _assignment_name(parent: Node, child: Node) -> str:
    if parent.child_by_field_name("right") != child:
        return ""
    target = parent.child_by_field_name("left")
    if target is None or target.type not in {"identifier", "shorthand_property_identifier_pattern"}:
        return ""
    return _text(target)


def function_name(node: Node) -> str:
    """The language's ``.name`` of the function, arrow, method or class that ``node`` defines."""
    if node.type == "method_definition":
        return _method_name(node)
    own = node.child_by_field_name("name")
    if own is not None and node.type != "arrow_function":
        return _text(own)
    return binding_name(node)


def _method_name(node: Node) -> str:
    klass = _enclosing_class(node)
    if _is_constructor_key(node.child_by_field_name("name")) and _method_kind(node) == "method" and klass is not None:
        return function_name(klass)
    prefix = {"get": "get ", "set": "set "}.get(_method_kind(node), "")
    return prefix + _key_function_name(node.child_by_field_name("name"))


def _is_constructor_key(key: Node | None) -> bool:
    """A class member named ``constructor`` by a plain key (``["constructor"]`` is an ordinary method)."""
    return key is not None and key.type != "computed_property_name" and property_key_name(key) == "constructor"


def _method_kind(node: Node) -> str:
    for child in node.children:
        if child.type in {"get", "set"}:
            return child.type
    return "method"


def _is_static(node: Node) -> bool:
    return any(child.type == "static" for child in node.children)


def _enclosing_class(method: Node) -> Node | None:
    body = method.parent
    if body is None or body.type != "class_body":
        return None
    return body.parent


class _Instrumenter:
    def __init__(self, source: str) -> None:
        self.source = source
        self.data = source.encode("utf-8")
        self.positions = _Positions(self.data)
        self.edits: list[Edit] = []
        self.sites: list[str] = []
        self.function_starts: list[tuple[int, str]] = []  # (original byte offset, name)
        self.lexicals: list[tuple[str, int, int, int]] = []  # name, scope start, scope end, ready (bytes)
        self.arrays: list[tuple[str, int, int]] = []  # site, start, end (bytes)

    # -- edits ---------------------------------------------------------------------------------------------
    def open_at(self, node: Node, text: str) -> None:
        # Openers at one offset: outer syntax (ending later) first.
        self.edits.append(Edit(node.start_byte, node.start_byte, text, (1, -node.end_byte)))

    def close_at(self, node: Node, text: str) -> None:
        # Closers at one offset come before openers; inner syntax (starting later) first.
        self.edits.append(Edit(node.end_byte, node.end_byte, text, (0, -node.start_byte)))

    def insert_after(self, offset: int, text: str, rank: tuple[int, int]) -> None:
        self.edits.append(Edit(offset, offset, text, rank))

    def replace(self, start: int, end: int, text: str) -> None:
        self.edits.append(Edit(start, end, text, (1, 0)))

    # -- walk ----------------------------------------------------------------------------------------------
    def run(self, root: Node) -> None:
        self.declare_functions(root, 0)
        self.walk(root)

    def walk(self, node: Node) -> None:
        handler = getattr(self, "visit_" + node.type, None) if node.is_named else None
        if handler is not None:
            handler(node)
        if node.type in _STATEMENT_LISTS:
            self.clear_after_statements(node)
        if node.type in {"lexical_declaration", "class_declaration"}:
            self.record_lexicals(node)
        for child in node.children:
            self.walk(child)

    def record_site(self, node: Node) -> str:
        site = site_of(node, self.positions)
        self.sites.append(site)
        return site

    def visit_object(self, node: Node) -> None:
        tag = self.record_site(node)
        methods = self.method_specs(node)
        self.open_at(node, "__mc_o(")
        # V8 creates the object before it evaluates the values: spreading a tagged source first tags it then.
        self.insert_after(node.start_byte + 1, f'...__mc_sp("{tag}"),', _RANK_LITERAL_TAG)
        self.close_at(node, f",{json.dumps(json.dumps(methods))})" if methods else ")")

    def visit_array(self, node: Node) -> None:
        tag = self.record_site(node)
        self.arrays.append((tag, node.start_byte, node.end_byte))
        self.open_at(node, f'__mc_t(__mc_k("{tag}"),')
        self.close_at(node, ")")

    def visit_regex(self, node: Node) -> None:
        # A regular expression literal makes a new object each time it is evaluated; nothing runs inside it.
        tag = self.record_site(node)
        self.open_at(node, f'__mc_t(__mc_k("{tag}"),')
        self.close_at(node, ")")

    def visit_new_expression(self, node: Node) -> None:
        site = self.record_site(node)
        constructor = node.child_by_field_name("constructor")
        arguments = node.child_by_field_name("arguments")
        if constructor is None:
            return
        # The callee's text lets the harness word a failure as V8 does ("X is not a constructor").
        callee = json.dumps(_text(constructor))
        self.replace(node.start_byte, constructor.start_byte, f'__mc_n("{site}",{callee},')
        if arguments is None or arguments.type != "arguments":
            self.close_at(constructor, ")")
            return
        opening = arguments.children[0]
        has_arguments = any(child.is_named for child in arguments.children)
        self.replace(opening.start_byte, opening.end_byte, "," if has_arguments else "")

    def visit_function_expression(self, node: Node) -> None:
        self.wrap_function(node)

    def visit_generator_function(self, node: Node) -> None:
        self.wrap_function(node)

    def visit_arrow_function(self, node: Node) -> None:
        self.wrap_function(node)

    def wrap_function(self, node: Node) -> None:
        site = self.record_site(node)
        name = function_name(node)
        self.note_function(node, name)
        self.open_at(node, f'__mc_f("{site}",')
        named = node.child_by_field_name("name") is None and name
        self.close_at(node, f",{json.dumps(name)})" if named else ")")

    def visit_function_declaration(self, node: Node) -> None:
        self.note_function(node, function_name(node))

    def visit_generator_function_declaration(self, node: Node) -> None:
        self.note_function(node, function_name(node))

    def visit_method_definition(self, node: Node) -> None:
        self.note_function(node, function_name(node))

    def visit_class(self, node: Node) -> None:
        site = self.record_site(node)
        name = function_name(node)
        self.note_class(node, name)
        methods = self.method_specs(node.child_by_field_name("body"))
        self.open_at(node, f'__mc_c("{site}",')
        self.close_at(node, f",{json.dumps(name)},{json.dumps(json.dumps(methods))})")

    def visit_class_declaration(self, node: Node) -> None:
        site = self.record_site(node)
        name = function_name(node)
        self.note_class(node, name)
        methods = self.method_specs(node.child_by_field_name("body"))
        call = f';__mc_c("{site}",{name},"",{json.dumps(json.dumps(methods))});'
        self.insert_after(node.end_byte, call, _RANK_CLASS_TAG)

    def note_class(self, node: Node, name: str) -> None:
        # An implicit constructor starts where the class does.
        self.function_starts.append((node.start_byte, name))

    def note_function(self, node: Node, name: str) -> None:
        """Remember where V8 says this function starts: its parameter list, or its single parameter."""
        parameters = node.child_by_field_name("parameters") or node.child_by_field_name("parameter")
        start = parameters.start_byte if parameters is not None else node.start_byte
        self.function_starts.append((start, name))
        if start != node.start_byte and node.type == "arrow_function":
            self.function_starts.append((node.start_byte, name))

    def method_specs(self, body: Node | None) -> list[dict[str, Any]]:
        """Methods, getters and setters of an object literal or class body, in source order."""
        if body is None:
            return []
        specs: list[dict[str, Any]] = []
        for member in body.named_children:
            if member.type != "method_definition":
                continue
            key = property_key_name(member.child_by_field_name("name"))
            kind = _method_kind(member)
            if (
                _is_constructor_key(member.child_by_field_name("name"))
                and kind == "method"
                and body.type == "class_body"
                and not _is_static(member)
            ):
                continue
            parameters = member.child_by_field_name("parameters")
            if parameters is None:
                continue
            site = self.record_site(parameters)
            spec = {"site": site, "key": key, "kind": kind, "static": _is_static(member)}
            symbol = well_known_symbol(member.child_by_field_name("name"))
            if symbol is not None:
                spec["symbol"] = symbol
            specs.append(spec)
        return specs

    # -- hoisted function declarations --------------------------------------------------------------------
    def declare_functions(self, scope: Node, offset: int) -> None:
        """Tag the function declarations of a statement list on entry, in source order."""
        for statement in scope.named_children:
            if statement.type not in _FUNCTION_DECLARATIONS:
                continue
            name_node = statement.child_by_field_name("name")
            site = self.record_site(statement)
            self.insert_after(offset, f'__mc_d("{site}",{_text(name_node)});', _RANK_DECLARATION)

    def visit_statement_block(self, node: Node) -> None:
        self.declare_functions(node, node.start_byte + 1)
        if _may_construct(node.parent):
            self.insert_after(node.start_byte + 1, "__mc_this(new.target,this);", _RANK_THIS)

    def visit_call_expression(self, node: Node) -> None:
        callee = node.child_by_field_name("function")
        if callee is not None and callee.type == "super":
            self.open_at(node, "__mc_s(new.target,")
            self.close_at(node, ")")

    # -- temporaries ---------------------------------------------------------------------------------------
    def clear_after_statements(self, node: Node) -> None:
        for statement in node.named_children:
            if statement.type in _NO_CLEAR_AFTER or statement.type == "comment":
                continue
            if not statement.type.endswith(("statement", "declaration")):
                continue
            if statement.type == "class_declaration":
                continue  # its tagging call is inserted there; the clear goes after it
            self.insert_after(statement.end_byte, _CLEAR_CALL, _RANK_CLEAR)

    # -- temporal dead zone --------------------------------------------------------------------------------
    def record_lexicals(self, node: Node) -> None:
        scope = node.parent
        while scope is not None and scope.type not in _LEXICAL_SCOPES:
            scope = scope.parent
        if scope is None:
            return
        if node.type == "class_declaration":
            class_name = node.child_by_field_name("name")
            self.lexicals.append((_text(class_name), scope.start_byte, scope.end_byte, node.end_byte))
            self.insert_after(node.end_byte, _CLEAR_CALL, _RANK_CLEAR)
            return
        for declarator in node.named_children:
            if declarator.type != "variable_declarator":
                continue
            for name in _pattern_names(declarator.child_by_field_name("name")):
                self.lexicals.append((name, scope.start_byte, scope.end_byte, declarator.end_byte))

    def visit_for_in_statement(self, node: Node) -> None:
        kind = node.child_by_field_name("kind")
        body = node.child_by_field_name("body")
        if kind is None or _text(kind) not in {"let", "const"} or body is None:
            return
        for name in _pattern_names(node.child_by_field_name("left")):
            self.lexicals.append((name, node.start_byte, node.end_byte, body.start_byte))


def _may_construct(function: Node | None) -> bool:
    """Can ``new`` run this body with a fresh ``this``? Plain functions and base-class constructors."""
    if function is None:
        return False
    if function.type in {"function_declaration", "function_expression"}:
        return not any(child.type == "async" for child in function.children)
    if function.type != "method_definition" or _method_kind(function) != "method":
        return False
    if not _is_constructor_key(function.child_by_field_name("name")) or _is_static(function):
        return False
    klass = _enclosing_class(function)
    return klass is not None and not any(child.type == "class_heritage" for child in klass.children)


def _pattern_names(pattern: Node | None) -> list[str]:
    """The identifiers a binding pattern declares."""
    if pattern is None:
        return []
    if pattern.type in {"identifier", "shorthand_property_identifier_pattern"}:
        return [_text(pattern)]
    if pattern.type == "pair_pattern":
        return _pattern_names(pattern.child_by_field_name("value"))
    if pattern.type in {"assignment_pattern", "object_assignment_pattern"}:
        return _pattern_names(pattern.child_by_field_name("left"))
    names: list[str] = []
    for child in pattern.named_children:
        names.extend(_pattern_names(child))
    return names


def _apply(data: bytes, edits: list[Edit]) -> tuple[bytes, list[Edit]]:
    ordered = sorted(edits, key=lambda edit: (edit.start, edit.rank))
    pieces: list[bytes] = []
    cursor = 0
    for edit in ordered:
        pieces.append(data[cursor : edit.start])
        pieces.append(edit.text.encode("utf-8"))
        cursor = max(cursor, edit.end)
    pieces.append(data[cursor:])
    return b"".join(pieces), ordered


def _shift(offset: int, edits: list[Edit]) -> int:
    """Where original byte ``offset`` (the start of a character) lands in the rewritten program."""
    moved = offset
    for edit in edits:
        if edit.end > offset or (edit.start == offset and edit.end > edit.start):
            break
        moved += len(edit.text.encode("utf-8")) - (edit.end - edit.start)
    return moved


def instrument(source: str) -> Plan:
    """Rewrite ``source`` so every allocation carries its site; raise InstrumentError on a syntax error."""
    root = parse(source)
    worker = _Instrumenter(source)
    worker.run(root)
    rewritten, edits = _apply(worker.data, worker.edits)
    rewritten += b"\n;void 0;\n"
    positions = _Positions(rewritten)

    def point(offset: int) -> list[int]:
        return list(positions.point(_shift(offset, edits)))

    plan = Plan(original=source, source=rewritten.decode("utf-8"), sites=worker.sites)
    _fill_tables(plan, worker, point)
    return plan


def plain_plan(source: str) -> Plan:
    """The program as written, with the tables in its own coordinates: the harness then measures everything
    but ``reachable`` (no site tags), which shows what the instrumentation does not change."""
    root = parse(source)
    worker = _Instrumenter(source)
    worker.run(root)
    positions = _Positions(worker.data)
    plan = Plan(original=source, source=source, sites=worker.sites, plain=True)
    _fill_tables(plan, worker, lambda offset: list(positions.point(offset)))
    plan.arrays = []
    return plan


def _fill_tables(plan: Plan, worker: _Instrumenter, point: Callable[[int], list[int]]) -> None:
    for start, name in worker.function_starts:
        row, column = point(start)
        plan.functions.setdefault(f"{row}:{column}", name)
    for name, scope_start, scope_end, ready in worker.lexicals:
        plan.lexicals.append(
            {"name": name, "start": point(scope_start), "end": point(scope_end), "ready": point(ready)}
        )
    for site, start, end in worker.arrays:
        plan.arrays.append({"site": site, "start": point(start), "end": point(end)})
