"""Early errors (ECMA-262 "Static Semantics: Early Errors"), with V8's messages: a program that has one is a
SyntaxError before anything runs. :class:`EarlyErrors` is mixed into the scope analysis
(:class:`engine.scope.Analyzer`), which walks the tree once in source order, so the first error reported is
the first one V8's parser meets. The messages are V8's (node 20), checked by tests/engine/test_syntax_against_node.py.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tree_sitter import Node

from engine.errors import JSSyntaxError
from engine.parse import children

if TYPE_CHECKING:
    from engine.parse import Source
    from engine.scope import Scope

KEYWORDS = frozenset(
    "await break case catch class const continue debugger default delete do else enum export extends false finally "
    "for function if import in instanceof new null return super switch this throw true try typeof var void while "
    "with yield let static implements interface package private protected public".split())
STRICT_RESERVED = frozenset("implements interface let package private protected public static yield".split())
EVAL_ARGUMENTS = "Unexpected eval or arguments in strict mode"


def syntax_error(src: Source, message: str, node: Node) -> JSSyntaxError:
    line, col = src.line_col(node)
    return JSSyntaxError(message, line, col)


class EarlyErrors:
    """Checks run while the analyser walks the tree (it calls `_ident` for every identifier it meets)."""

    src: Source

    if TYPE_CHECKING:
        def visit(self, node: Node, scope: Scope) -> None: ...
        def _children(self, node: Node, scope: Scope) -> None: ...

    def _syntax(self, message: str, node: Node) -> None:
        raise syntax_error(self.src, message, node)

    # ---------------------------------------------------------------- names
    def _ident(self, node: Node, scope: Scope, binding: bool = False, lexical: bool = False) -> None:
        """An identifier, as a reference or (binding) as a name being declared or assigned."""
        raw = self.src.data[node.start_byte:node.end_byte]
        name = self.src.text_of(node)
        if b"\\" in raw and name in KEYWORDS and (name not in STRICT_RESERVED or scope.func.strict
                                                  or name in ("let", "yield")):
            self._syntax("Keyword must not contain escaped characters", node)
        if name == "enum":
            self._syntax("Unexpected reserved word", node)
        f = scope.func
        if lexical and name == "let":
            self._syntax("let is disallowed as a lexically bound name", node)
        if f.strict and name in STRICT_RESERVED:
            self._syntax("Unexpected strict mode reserved word", node)
        if name == "yield" and f.is_gen:
            self._syntax("Unexpected identifier 'yield'", node)
        if name == "await" and f.is_async:
            after = self.src.data[node.end_byte:].lstrip()[:1].decode("utf-8", errors="replace")
            if not binding and after and after in ";)]},:":  # V8 reads an await expression, with no operand
                self._syntax(f"Unexpected token '{after}'", node)
            self._syntax("Unexpected reserved word", node)
        if name == "await":  # a static block is parsed as if in an async function (15.7.1, ContainsAwait)
            g = f
            while g is not None and g.is_arrow:
                g = g.parent
            if g is not None and g.node is not None and g.node.type == "class_static_block":
                self._syntax("Unexpected reserved word", node)
        if binding and f.strict and name in ("eval", "arguments"):
            self._syntax(EVAL_ARGUMENTS, node)

    def _assign_target(self, left: Node, scope: Scope, message: str) -> None:
        while left.type == "parenthesized_expression":
            inner = children(left)
            if len(inner) != 1:
                self._syntax(message, left)
            left = inner[0]
        if left.type == "identifier":
            self._ident(left, scope, binding=True)
        elif left.type not in ("member_expression", "subscript_expression", "call_expression",
                               "object_pattern", "array_pattern"):
            self._syntax(message, left)

    # ---------------------------------------------------------------- statements
    def v_return_statement(self, node: Node, scope: Scope) -> None:
        f = scope.func
        if f.node is None or f.node.type == "class_static_block":
            self._syntax("Illegal return statement", node)
        self._children(node, scope)

    def v_with_statement(self, node: Node, scope: Scope) -> None:
        if scope.func.strict:
            self._syntax("Strict mode code may not include a with statement", node)
        from engine.errors import UnsupportedSyntax
        line, col = self.src.line_col(node)
        raise UnsupportedSyntax("with", line, col)

    # ---------------------------------------------------------------- expressions
    def v_update_expression(self, node: Node, scope: Scope) -> None:
        prefix = node.children[0].type in ("++", "--")
        arg = node.child_by_field_name("argument")
        self._assign_target(arg, scope, "Invalid left-hand side expression in "
                            + ("prefix operation" if prefix else "postfix operation"))
        self._children(node, scope)

    def v_assignment_expression(self, node: Node, scope: Scope) -> None:
        self._assign_target(node.child_by_field_name("left"), scope, "Invalid left-hand side in assignment")
        self._children(node, scope)

    def v_augmented_assignment_expression(self, node: Node, scope: Scope) -> None:
        left = node.child_by_field_name("left")
        if left.type in ("object_pattern", "array_pattern"):
            self._syntax("Invalid left-hand side in assignment", left)
        self._assign_target(left, scope, "Invalid left-hand side in assignment")
        self._children(node, scope)

    def v_unary_expression(self, node: Node, scope: Scope) -> None:
        op = node.child_by_field_name("operator")
        arg = node.child_by_field_name("argument")
        if op is not None and op.type == "delete":
            inner = arg
            while inner.type == "parenthesized_expression" and len(children(inner)) == 1:
                inner = children(inner)[0]
            prop = inner.child_by_field_name("property") if inner.type == "member_expression" else None
            if prop is not None and prop.type == "private_property_identifier":
                self._syntax("Private fields can not be deleted", prop)
        if op is not None and op.type == "delete" and scope.func.strict:
            inner = arg
            while inner.type == "parenthesized_expression" and len(children(inner)) == 1:
                inner = children(inner)[0]
            if inner.type == "identifier":
                self._syntax("Delete of an unqualified identifier in strict mode.", node)
        self._children(node, scope)

    def v_object(self, node: Node, scope: Scope) -> None:
        seen = False
        for c in children(node):
            if c.type != "pair":
                continue
            key = c.child_by_field_name("key")
            text = self.src.text_of(key)
            if (key.type == "property_identifier" and text == "__proto__") or (
                    key.type == "string" and text[1:-1] == "__proto__"):
                if seen:
                    self._syntax("Duplicate __proto__ fields are not allowed in object literals", key)
                seen = True
        self._children(node, scope)

    def v_meta_property(self, node: Node, scope: Scope) -> None:
        if self.src.text_of(node).replace(" ", "") == "new.target":
            f: Any = scope.func
            while f is not None and f.is_arrow:
                f = f.parent
            if f is None or f.node is None:
                self._syntax("new.target expression is not allowed here", node)

    def v_super(self, node: Node, scope: Scope) -> None:
        f: Any = scope.func
        while f is not None and f.is_arrow:
            f = f.parent
        owner = f.node if f is not None else None
        parent = node.parent
        is_call = parent is not None and parent.type == "call_expression" and \
            parent.child_by_field_name("function") == node
        ok = False
        if owner is not None:
            if is_call:
                ok = (owner.type == "method_definition" and owner.parent is not None
                      and owner.parent.type == "class_body"
                      and self.src.text_of(owner.child_by_field_name("name")) == "constructor"
                      and any(c.type == "class_heritage" for c in owner.parent.parent.named_children))
            else:
                ok = owner.type in ("method_definition", "field_definition", "class_static_block")
        if not ok:
            self._syntax("'super' keyword unexpected here", node)

    def v_number(self, node: Node, scope: Scope) -> None:
        text = self.src.text_of(node)
        if scope.func.strict and re.fullmatch(r"0[0-9]+", text):
            if all(ch in "01234567" for ch in text):
                self._syntax("Octal literals are not allowed in strict mode.", node)
            self._syntax("Decimals with leading zeros are not allowed in strict mode.", node)

    def v_string(self, node: Node, scope: Scope) -> None:
        if not scope.func.strict:
            return
        for c in node.named_children:
            if c.type == "escape_sequence":
                self._octal_escape(c, "strict mode.")

    def v_template_string(self, node: Node, scope: Scope) -> None:
        tagged = node.parent is not None and node.parent.type == "call_expression"
        for c in node.named_children:
            if c.type == "escape_sequence" and not tagged:
                self._octal_escape(c, "template strings.")
        self._children(node, scope)

    def _octal_escape(self, esc: Node, where: str) -> None:
        text = self.src.text_of(esc)
        nxt = self.src.data[esc.end_byte:esc.end_byte + 1]
        if re.fullmatch(r"\\[1-7][0-7]*", text) or (text.startswith("\\0") and (len(text) > 2 or nxt.isdigit())):
            if text[:2] in ("\\8", "\\9") or nxt in (b"8", b"9"):
                pass
            else:
                self._syntax(f"Octal escape sequences are not allowed in {where}", esc)
        if text in ("\\8", "\\9") or (text == "\\0" and nxt in (b"8", b"9")):
            self._syntax("\\8 and \\9 are not allowed in " + where if where == "strict mode." else
                         "\\8 and \\9 are not allowed in template strings.", esc)

    # ---------------------------------------------------------------- functions and classes
    def _check_params(self, node: Node, plist: list[Node], names: list[Node], strict: bool, is_arrow: bool) -> None:
        simple = all(p.type == "identifier" for p in plist)
        body = node.child_by_field_name("body")
        if not simple and body is not None and body.type == "statement_block":
            from engine.compiler import has_use_strict
            if has_use_strict(body, self.src):
                directive = children(body)[0]
                self._syntax("Illegal 'use strict' directive in function with non-simple parameter list", directive)
        if strict or is_arrow or not simple or node.type == "method_definition":
            seen: set[str] = set()
            for n in names:
                name = self.src.text_of(n)
                if name in seen:
                    self._syntax("Duplicate parameter name not allowed in this context", n)
                seen.add(name)

    def _check_class(self, body: Node) -> None:
        ctor = 0
        for m in children(body):
            static = any(c.type == "static" for c in m.children)
            if m.type == "method_definition":
                key = m.child_by_field_name("name")
                name = self._static_key(key)
                kinds = {c.type for c in m.children if not c.is_named}
                if key.type == "private_property_identifier" and self.src.text_of(key) == "#constructor":
                    self._syntax("Class constructor may not be a private method", key)
                if static and name == "prototype":
                    self._syntax("Classes may not have a static property named 'prototype'", key)
                if not static and name == "constructor":
                    if ("get" in kinds or "set" in kinds) and key.prev_sibling is not None and \
                            key.prev_sibling.type in ("get", "set"):
                        self._syntax("Class constructor may not be an accessor", key)
                    if "*" in kinds:
                        self._syntax("Class constructor may not be a generator", key)
                    if "async" in kinds:
                        self._syntax("Class constructor may not be an async method", key)
                    ctor += 1
                    if ctor > 1:
                        self._syntax("A class may only have one constructor", key)
            elif m.type == "field_definition":
                key = m.child_by_field_name("property")
                name = self._static_key(key)
                if name == "constructor":
                    self._syntax("Classes may not have a field named 'constructor'", key)
                if static and name == "prototype":
                    self._syntax("Classes may not have a static property named 'prototype'", key)

    def _static_key(self, key: Node | None) -> str | None:
        if key is None:
            return None
        if key.type == "property_identifier":
            return self.src.text_of(key)
        if key.type == "string":
            return self.src.text_of(key)[1:-1]
        return None
