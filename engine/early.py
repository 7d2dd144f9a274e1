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
RESERVED_WORDS = frozenset(  # 12.7.2 ReservedWord, less the ones tree-sitter never reads as a name
    "break case catch class const continue debugger default delete do else export extends finally for function "
    "if import in instanceof new return super switch this throw try typeof var void while with".split())
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
        if b"\\" in raw and self._escaped_keyword(name, scope):
            self._syntax("Keyword must not contain escaped characters", node)
        if b"\\" not in raw and name in RESERVED_WORDS:  # `({ default } = x)`: a keyword is no shorthand name
            self._syntax(f"Unexpected token '{name}'", node)
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
        if name == "await":  # directly in a static block, not inside a function or arrow there (15.7.1)
            if f.node is not None and f.node.type == "class_static_block":
                self._syntax("Unexpected reserved word", node)
        if binding and f.strict and name in ("eval", "arguments"):
            self._syntax(EVAL_ARGUMENTS, node)

    def _escaped_keyword(self, name: str, scope: Scope) -> bool:
        """A name spelled with escapes that is a reserved word where it stands (12.7.2)."""
        f = scope.func
        if name == "await":
            return f.is_async
        if name == "yield":
            return f.is_gen or f.strict
        return name in KEYWORDS and (name not in STRICT_RESERVED or f.strict)

    def _label(self, label: Node, scope: Scope) -> None:
        """A label is an identifier too: `\\u0074rue:`, `await:` in an async function are errors."""
        raw = self.src.data[label.start_byte:label.end_byte]
        name = self.src.text_of(label)
        if b"\\" in raw and self._escaped_keyword(name, scope):
            self._syntax("Keyword must not contain escaped characters", label)
        if name in ("await", "yield") or (scope.func.strict and name in STRICT_RESERVED):
            self._ident(label, scope)

    def _rest_last(self, pattern: Node, message: str) -> None:
        """A rest element must be the last element of a pattern, with no comma after it."""
        rest: Node | None = None
        for c in pattern.children:
            if c.type in ("]", "}", ")", "comment", "html_comment"):
                continue
            if rest is not None:
                self._syntax(message, rest)
            if c.type == "rest_pattern" or (c.type == "spread_element" and pattern.type.endswith("pattern")):
                rest = c

    def _parenthesized(self, node: Node) -> bool:
        """Whether parentheses the parser took out (engine.parse._paren_targets) enclose exactly this node."""
        data = self.src.data
        return any(o < node.start_byte and node.end_byte <= c and not data[o + 1:node.start_byte].strip()
                   and not data[node.end_byte:c].strip() for o, c in self.src.paren_targets)

    def _paren_elements(self, pattern: Node, declaration: bool) -> None:
        """`[(a)] = x` is valid, `[(a = 1)] = x`, `[([a])] = x` and `var [(a)] = x` are not (13.15.5.1)."""
        if not self.src.paren_targets:
            return
        for c in children(pattern):
            targets = [c]
            if c.type in ("assignment_pattern", "object_assignment_pattern"):
                targets.append(c.child_by_field_name("left"))
            elif c.type == "rest_pattern":
                targets = children(c)[:1]
            elif c.type == "pair_pattern":
                v = c.child_by_field_name("value")
                targets = [v] + ([v.child_by_field_name("left")] if v.type == "assignment_pattern" else [])
            for t in targets:
                if t is not None and self._parenthesized(t) and (
                        declaration or t.type not in ("identifier", "member_expression", "subscript_expression")):
                    self._syntax("Invalid destructuring assignment target", t)

    def _accessor_params(self, node: Node) -> None:
        kinds = [c.type for c in node.children if not c.is_named]
        name = node.child_by_field_name("name")
        if name is None or name.prev_sibling is None or name.prev_sibling.type not in ("get", "set"):
            return
        params = node.child_by_field_name("parameters")
        plist = children(params) if params is not None else []
        if "get" in kinds and plist:
            self._syntax("Getter must not have any formal parameters.", params)
        if "set" in kinds:
            if len(plist) != 1:
                self._syntax("Setter must have exactly one formal parameter.", params)
            if plist[0].type == "rest_pattern":
                self._syntax("Setter function argument must not be a rest parameter", plist[0])

    def _yield_operand(self, node: Node, scope: Scope) -> None:
        """`void yield`, `yield + 1`: a YieldExpression only stands where an AssignmentExpression can."""
        parent = node.parent
        if parent is None:
            return
        t = parent.type
        bad = t in ("unary_expression", "update_expression", "await_expression", "new_expression") or (
            t == "binary_expression") or (
            t in ("member_expression", "subscript_expression") and parent.child_by_field_name("object") == node) or (
            t == "call_expression" and parent.child_by_field_name("function") == node) or (
            t == "ternary_expression" and parent.child_by_field_name("condition") == node)
        if bad:
            self._syntax("Unexpected strict mode reserved word" if scope.func.strict else
                         "Unexpected identifier 'yield'", node)

    def _for_in_head(self, node: Node, scope: Scope) -> None:
        """for-in/of heads (14.7.5.1): no `let`/`async` starting an of-loop's target, no initializer."""
        from engine.parse import _unexpected
        op = node.child_by_field_name("operator")
        is_of = op is not None and op.type == "of"
        kind = node.child_by_field_name("kind")
        left = node.child_by_field_name("left")
        raw = self.src.data[left.start_byte:left.end_byte]
        if kind is None and is_of:
            if left.type == "identifier" and raw == b"let":
                leaf = node.child_by_field_name("right")
                while leaf.child_count:
                    leaf = leaf.children[0]
                self._syntax(_unexpected(self.src, leaf), leaf)
            if left.type == "identifier" and raw == b"async" and not any(c.type == "await" for c in node.children):
                self._syntax("The left-hand side of a for-of loop may not be 'async'.", left)
            start = left
            while start.type in ("member_expression", "subscript_expression", "call_expression"):
                start = start.child_by_field_name("object") or start.child_by_field_name("function")
            if start is not left and start.type == "identifier" and self.src.data[
                    start.start_byte:start.end_byte] == b"let":
                self._syntax("The left-hand side of a for-of loop may not start with 'let'.", start)
        value = node.child_by_field_name("value")
        if value is not None and (is_of or kind is None or kind.type != "var" or left.type != "identifier"
                                  or scope.func.strict):
            self._syntax(f"for-{'of' if is_of else 'in'} loop variable declaration may not have an initializer.",
                         node)

    @staticmethod
    def _optional_chain(node: Node) -> bool:
        """`a?.b`, `a?.b.c`, `a?.[k]()`: an OptionalExpression, which is never an assignment target."""
        while node.type in ("member_expression", "subscript_expression", "call_expression"):
            if node.child_by_field_name("optional_chain") is not None or any(
                    c.type == "optional_chain" for c in node.children):
                return True
            node = node.child_by_field_name("function" if node.type == "call_expression" else "object")
        return False

    def _pattern_targets(self, pattern: Node) -> None:
        """The targets inside an assignment pattern (`[a?.b] = x` is V8's invalid destructuring target)."""
        for c in children(pattern):
            t = c
            if c.type in ("assignment_pattern", "object_assignment_pattern"):
                t = c.child_by_field_name("left")
            elif c.type == "pair_pattern":
                t = c.child_by_field_name("value")
            elif c.type == "rest_pattern":
                t = children(c)[0] if children(c) else c
            if t.type in ("object_pattern", "array_pattern"):
                self._pattern_targets(t)
            elif self._optional_chain(t):
                self._syntax("Invalid destructuring assignment target", t)

    def _assign_target(self, left: Node, scope: Scope, message: str) -> None:
        while left.type == "parenthesized_expression":
            inner = children(left)
            if len(inner) != 1:
                self._syntax(message, left)
            left = inner[0]
        if self._optional_chain(left):
            self._syntax(message, left)
        if left.type in ("object_pattern", "array_pattern"):
            self._pattern_targets(left)
        if left.type == "identifier":
            self._ident(left, scope, binding=True)
        elif left.type not in ("member_expression", "subscript_expression", "call_expression",
                               "object_pattern", "array_pattern"):
            self._syntax(message, left)

    # ---------------------------------------------------------------- statements
    def _operands(self, node: Node) -> None:
        """A binary expression's operands: `-3 ** 2` needs parentheses, and so does `??` beside `&&`/`||`
        (13.6, 13.13); V8 reports the operator it met second."""
        op = node.child_by_field_name("operator")
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if op is None:
            return
        if op.type == "**" and left.type in ("unary_expression", "await_expression"):
            self._syntax("Unary operator used immediately before exponentiation expression. Parenthesis must be "
                         "used to disambiguate operator precedence", node)
        logical = ("&&", "||")
        for side, child in (("left", left), ("right", right)):
            if child.type != "binary_expression":
                continue
            inner = child.child_by_field_name("operator")
            if inner is None:
                continue
            if (op.type == "??" and inner.type in logical) or (op.type in logical and inner.type == "??"):
                token = op if side == "left" else inner
                self._syntax(f"Unexpected token '{token.type}'", token)

    def _in_own_params(self, node: Node, scope: Scope, message: str) -> None:
        """`function* g(x = yield) {}`, `async function f(x = await 1) {}`: not in the function's parameters."""
        f = scope.func
        params = f.node.child_by_field_name("parameters") if f.node is not None else None
        if params is not None and params.start_byte <= node.start_byte < params.end_byte:
            self._syntax(message, node)

    def v_await_expression(self, node: Node, scope: Scope) -> None:
        if scope.func.is_async:
            self._in_own_params(node, scope, "Illegal await-expression in formal parameters of async function")
        self._children(node, scope)

    def v_call_expression(self, node: Node, scope: Scope) -> None:
        args = node.child_by_field_name("arguments")
        if args is not None and args.type == "template_string" and \
                self._optional_chain(node.child_by_field_name("function")):
            self._syntax("Invalid tagged template on optional chain", args)
        self._children(node, scope)

    def v_expression_statement(self, node: Node, scope: Scope) -> None:
        """A `{` that starts a statement opens a block (14.5: an ExpressionStatement cannot start with `{`):
        tree-sitter reads `{} * 1` as an object literal times one; V8 stops at the token after the block."""
        first = node.children[0] if node.children else None
        while first is not None and first.type != "object" and first.child_count and \
                first.start_byte == node.start_byte and first.type != "parenthesized_expression":
            first = first.children[0]
        if first is not None and first.type == "object" and first.start_byte == node.start_byte and \
                first.parent is not None and first.parent.id != node.id:
            from engine.parse import _next_leaf

            root = node
            while root.parent is not None:
                root = root.parent
            after = _next_leaf(root, first.end_byte)
            if after is not None:
                self._syntax(f"Unexpected token '{self.src.text_of(after)}'", after)
        self._children(node, scope)

    def v_shorthand_property_identifier_pattern(self, node: Node, scope: Scope) -> None:
        """A shorthand name in an assignment pattern (`({ x } = o)`); declarations check theirs themselves."""
        self._ident(node, scope, binding=True)

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

    def _assignment_place(self, node: Node) -> None:
        """tree-sitter nests `x - y = 1` as `x - (y = 1)` and `{} = 1` as a pattern assignment; in JavaScript
        an assignment is never an operand (its left side must be a LeftHandSideExpression, 13.15.1), and a
        `{` that starts a statement or an arrow's body opens a block."""
        parent = node.parent
        if parent is None:
            return
        op = node.child_by_field_name("operator") or node.children[1]
        left = node.child_by_field_name("left")
        if left.type == "object_pattern" and left.start_byte == node.start_byte and (
                (parent.type == "expression_statement" and parent.start_byte == node.start_byte)
                or (parent.type == "arrow_function" and parent.child_by_field_name("body") == node)):
            self._syntax("Unexpected token '='", op)
        if parent.type == "class_heritage":
            self._syntax("Unexpected token '='", op)
        operand = parent.type in ("binary_expression", "unary_expression", "update_expression", "await_expression")
        if parent.type == "ternary_expression" and parent.child_by_field_name("condition") == node:
            operand = True
        if not operand:
            return
        outer = parent  # V8 marks the whole left-hand side: the outermost operator applied to it
        while outer.parent is not None and outer.parent.type in (
                "binary_expression", "unary_expression", "update_expression", "await_expression") and \
                outer.parent.end_byte == outer.end_byte:
            outer = outer.parent
        self._syntax("Invalid left-hand side in assignment", outer)

    def v_assignment_expression(self, node: Node, scope: Scope) -> None:
        self._assignment_place(node)
        self._assign_target(node.child_by_field_name("left"), scope, "Invalid left-hand side in assignment")
        self._children(node, scope)

    def v_augmented_assignment_expression(self, node: Node, scope: Scope) -> None:
        self._assignment_place(node)
        left = node.child_by_field_name("left")
        if left.type in ("object_pattern", "array_pattern"):
            self._syntax("Invalid left-hand side in assignment", left)
        op = node.child_by_field_name("operator")
        inner = left
        while inner.type == "parenthesized_expression" and len(children(inner)) == 1:
            inner = children(inner)[0]
        if op is not None and op.type in ("&&=", "||=", "??=") and inner.type == "call_expression":
            self._syntax("Invalid left-hand side in assignment", left)  # no runtime error for these (V8)
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
            if c.type == "method_definition":  # `({ #m() {} })`: private names are only for classes
                name = c.child_by_field_name("name")
                if name is not None and name.type == "private_property_identifier":
                    self._syntax(f"Unexpected identifier '{self.src.text_of(name)}'", name)
            if c.type != "pair":
                continue
            key = c.child_by_field_name("key")
            if key.type == "private_property_identifier":
                self._syntax(f"Unexpected identifier '{self.src.text_of(key)}'", key)
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
            if f is not scope.func and f.scope is not None and f.node.type not in (
                    "field_definition", "class_static_block"):
                self._capture_new_target(f)

    def _capture_new_target(self, f: Any) -> None:
        """An arrow's new.target is its enclosing function's: an implicit binding of that function (kind
        "newtarget", captured), set when the function starts, as `arguments` is (engine.scope)."""
        from engine.scope import Binding

        b = f.scope.bindings.get("new.target")
        if b is None:
            b = f.scope.bindings["new.target"] = Binding("new.target", "newtarget", f.scope)
        b.captured = True

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
        after = self.src.data[node.end_byte:node.end_byte + 1]
        nxt = self.src.data[node.end_byte:node.end_byte + 4].decode("utf-8", errors="ignore")[:1]
        if re.match(rb"[A-Za-z_$\\0-9]", after) or (nxt > "\x7f" and ("a" + nxt).isidentifier()):
            self._syntax("Invalid or unexpected token", node)  # `3in []`: a number may not touch a name (12.9.3)
        if "_" in text and re.match(r"0[0-9]", text):
            self._syntax("Invalid or unexpected token", node)
        if text.startswith("0_"):
            self._syntax("Numeric separator can not be used after leading 0.", node)
        if scope.func.strict and re.fullmatch(r"0[0-9]+", text):
            if all(ch in "01234567" for ch in text):
                self._syntax("Octal literals are not allowed in strict mode.", node)
            self._syntax("Decimals with leading zeros are not allowed in strict mode.", node)

    def v_string(self, node: Node, scope: Scope) -> None:
        for c in node.named_children:
            if c.type == "escape_sequence":
                self._code_point(c)
        if not scope.func.strict:
            return
        for c in node.named_children:
            if c.type == "escape_sequence":
                self._octal_escape(c, "strict mode.")

    def _code_point(self, esc: Node) -> None:
        text = self.src.text_of(esc)
        if text.startswith("\\u{") and int(text[3:-1], 16) > 0x10FFFF:
            self._syntax("Undefined Unicode code-point", esc)

    def v_template_string(self, node: Node, scope: Scope) -> None:
        tagged = node.parent is not None and node.parent.type == "call_expression"
        for c in node.named_children:
            if c.type == "escape_sequence" and not tagged:
                self._octal_escape(c, "template strings.")
                self._code_point(c)
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
                if name == "constructor" or (key is not None and key.type == "private_property_identifier"
                                             and self.src.text_of(key) == "#constructor"):
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
