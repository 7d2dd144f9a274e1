"""Scope analysis: which binding every identifier means, and where each binding lives.

Follows V8's closure model (contract rules 2 and 3): a binding that some inner function uses is
*captured* and lives in a context object (:class:`engine.values.Context`) created once per activation
of its scope; every other binding lives in its frame (a Python local of the compiled generator).
Top-level ``let``/``const``/``class`` live in the script scope; top-level ``var`` and function
declarations are properties of the global object (ECMA-262 16.1.7 GlobalDeclarationInstantiation).
"""

from __future__ import annotations

import re
from typing import Any

from tree_sitter import Node

from engine.early import STRICT_RESERVED, EarlyErrors, syntax_error
from engine.errors import JSSyntaxError, UnsupportedSyntax
from engine.parse import Source, children
from engine.record import dataclass, field

LOOP_NODES = ("while_statement", "do_statement", "for_statement", "for_in_statement")
SINGLE_STATEMENT_FIELDS = {
    "if_statement": ("consequence", "alternative"), "while_statement": ("body",), "do_statement": ("body",),
    "for_statement": ("body",), "for_in_statement": ("body",), "labeled_statement": ("body",),
}
FUNCTION_NODES = ("function_declaration", "function_expression", "function", "arrow_function",
                  "method_definition", "generator_function_declaration", "generator_function")


@dataclass(eq=False)
class Binding:
    name: str
    kind: str                 # var | let | const | class | function | param | catch | private (#x)
    scope: Scope
    decl_end: int = 0         # byte offset after which the binding is surely initialised
    captured: bool = False
    storage: str = "local"    # local | ctx | script | global
    py: str = ""              # the Python local holding it (storage local)
    slot: int = -1            # its index in the scope's context (storage ctx)
    annexb: bool = False      # the var twin of a block-level function declaration (Annex B.3.3)


@dataclass(eq=False)
class Scope:
    id: int
    kind: str                 # script | function | block | for | catch | class
    parent: Scope | None
    func: FuncInfo
    bindings: dict[str, Binding] = field(default_factory=dict)
    ctx_names: list[str] = field(default_factory=list)

    @property
    def has_ctx(self) -> bool:
        return bool(self.ctx_names)

    @property
    def ctx_var(self) -> str:
        return f"_c{self.id}"


@dataclass(eq=False)
class FuncInfo:
    node: Node | None
    parent: FuncInfo | None
    is_arrow: bool = False
    uses_this: bool = False
    uses_arguments: bool = False
    scope: Scope | None = None
    id: int = 0
    strict: bool = False
    is_async: bool = False
    is_gen: bool = False
    body_scope: Scope | None = None   # the body's own scope, when the parameters have expressions
    param_tdz: bool = False           # the parameters have expressions: each is in its TDZ until bound

    @property
    def var_scope(self) -> Scope | None:
        return self.body_scope or self.scope


def function_flavour(node: Node) -> tuple[bool, bool]:
    """(async, generator) of a function, arrow or method node (the `async` and `*` tokens before its name)."""
    is_gen = node.type in ("generator_function_declaration", "generator_function")
    is_async = False
    for c in node.children:
        if c.type == "async":
            is_async = True
        elif c.type == "*":
            is_gen = True
        elif c.type in ("formal_parameters", "statement_block", "=>"):
            break
    return is_async, is_gen


def _plain_function(node: Node | None) -> bool:
    return node is not None and node.type == "function_declaration" and not function_flavour(node)[0]


class Analysis:
    """The result of analysing one program: scopes by node, and a resolver."""

    def __init__(self, src: Source) -> None:
        self.src = src
        self.scopes: dict[int, Scope] = {}      # node.id -> scope it opens
        self.funcs: dict[int, FuncInfo] = {}    # function node.id -> info
        self.refs: list[tuple[str, Scope, Node]] = []
        self.all_scopes: list[Scope] = []
        self._next = 0

    def new_scope(self, kind: str, parent: Scope | None, func: FuncInfo, node: Node | None) -> Scope:
        self._next += 1
        s = Scope(self._next, kind, parent, func)
        self.all_scopes.append(s)
        if node is not None:
            self.scopes[node.id] = s
        return s

    def lookup(self, name: str, scope: Scope) -> tuple[Binding | None, bool]:
        """The binding `name` means in `scope`, and whether the lookup crossed a function boundary."""
        s: Scope | None = scope
        crossed = False
        while s is not None:
            b = s.bindings.get(name)
            if b is not None:
                return b, crossed
            if s.kind == "function" and s.parent is not None:
                crossed = True
            s = s.parent
        return None, crossed


def _py_name(name: str, scope_id: int) -> str:
    safe = re.sub(r"[^0-9A-Za-z_]", lambda m: f"_{ord(m.group())}_", name)
    return f"v{scope_id}_{safe}"


@dataclass
class JumpContext:
    """What `break` and `continue` may jump to at a point of one function body (labels: name, is a loop)."""

    labels: list[tuple[str, bool]] = field(default_factory=list)
    breakable: int = 0
    iteration: int = 0


class Analyzer(EarlyErrors):
    """Walk the tree once: open scopes, declare bindings (with hoisting), record references, and report the
    early errors (engine.early) in source order."""

    def __init__(self, src: Source) -> None:
        self.a = Analysis(src)
        self.src = src
        self.jc = JumpContext()
        self.conflicts: list[JSSyntaxError] = []   # redeclarations, found ahead of the walk (declarations hoist)
        self.catch_patterns: set[int] = set()       # catch scopes whose parameter is a pattern
        self._offsets: dict[int, int] = {}
        self._decl_nodes: dict[int, Node] = {}

    def run(self, root: Node) -> Analysis:
        from engine.compiler import has_use_strict

        top = FuncInfo(None, None, strict=has_use_strict(root, self.src))
        script = self.a.new_scope("script", None, top, root)
        top.scope = script
        self.a.funcs[root.id] = top
        self._hoist_vars(root, script)
        self._declare_block(children(root), script)
        for c in children(root):
            self.visit(c, script)
        if self.conflicts:
            raise min(self.conflicts, key=lambda e: self._offsets[id(e)])
        self._resolve()
        self._assign_storage()
        return self.a

    # ---------------------------------------------------------------- declarations
    def _conflict(self, name: str, node: Node) -> None:
        e = syntax_error(self.src, f"Identifier '{name}' has already been declared", node)
        self._offsets[id(e)] = node.start_byte
        self.conflicts.append(e)

    def _syntax(self, message: str, node: Node) -> None:
        """Raise the earliest of this error and the redeclarations found so far before it."""
        e = syntax_error(self.src, message, node)
        earlier = [c for c in self.conflicts if self._offsets[id(c)] < node.start_byte]
        if earlier:
            raise min(earlier, key=lambda c: self._offsets[id(c)])
        raise e

    def declare(self, scope: Scope, name: str, kind: str, node: Node) -> None:
        existing = scope.bindings.get(name)
        parent = scope.parent
        if parent is not None and name in parent.bindings and (
                (kind in ("let", "const", "class", "function") and scope.kind == "block" and parent.kind == "catch")
                or (kind in ("let", "const", "class") and scope.kind == "body")):
            self._conflict(name, node)  # catch (e) { let e; } (14.15.1), f(a = 1) { let a; } (15.2.1)
        if existing is not None:
            if kind in ("let", "const", "class") or existing.kind in ("let", "const", "class"):
                if not (existing.kind == "param" and kind == "var"):
                    first = self._decl_nodes.get(id(existing))  # V8 reports the later one (vars are hoisted)
                    self._conflict(name, first if first is not None and first.start_byte > node.start_byte
                                   else node)
                    return
            if kind == "function" and existing.kind == "function" and scope.kind not in ("function", "script") \
                    and (scope.func.strict or not _plain_function(node) or not _plain_function(
                        self._decl_nodes.get(id(existing)))):  # Annex B.3.2.4: only plain functions
                self._conflict(name, node)
                return
            if kind == "function":
                existing.kind = "function"
            return
        b = scope.bindings[name] = Binding(name, kind, scope, decl_end=node.end_byte)
        self._decl_nodes[id(b)] = node

    def _pattern_names(self, node: Node) -> list[Node]:
        t = node.type
        if t in ("identifier", "shorthand_property_identifier_pattern"):
            return [node]
        if t == "assignment_pattern":
            return self._pattern_names(node.child_by_field_name("left"))
        if t == "rest_pattern":
            return self._pattern_names(children(node)[0])
        if t in ("object_pattern", "array_pattern"):
            out: list[Node] = []
            for c in children(node):
                if c.type == "pair_pattern":
                    out += self._pattern_names(c.child_by_field_name("value"))
                elif c.type == "object_assignment_pattern":
                    out += self._pattern_names(c.child_by_field_name("left"))
                else:
                    out += self._pattern_names(c)
            return out
        return []

    def _hoist_vars(self, root: Node, fscope: Scope) -> None:
        """Declare every `var` of a function body (not nested functions) in its function scope.
        Iterative: generated programs nest deeper than Python's recursion allows."""
        stack = list(reversed(children(root)))
        while stack:
            c = stack.pop()
            t = c.type
            if t in FUNCTION_NODES or t in ("class_declaration", "class"):
                continue
            if t == "variable_declaration":
                for d in children(c):
                    if d.type == "variable_declarator":
                        for n in self._pattern_names(d.child_by_field_name("name")):
                            self.declare(fscope, self.src.text_of(n), "var", n)
            elif t == "for_in_statement":
                kind = c.child_by_field_name("kind")
                if kind is not None and kind.type == "var":
                    for n in self._pattern_names(c.child_by_field_name("left")):
                        self.declare(fscope, self.src.text_of(n), "var", n)
            stack.extend(reversed(children(c)))

    def _declare_block(self, stmts: list[Node], scope: Scope) -> None:
        """Lexical declarations and function declarations directly in a statement list."""
        for s in stmts:
            t = s.type
            if t == "lexical_declaration":
                kind = s.child_by_field_name("kind")
                k = self.src.text_of(kind) if kind is not None else "let"
                for d in children(s):
                    if d.type == "variable_declarator":
                        for n in self._pattern_names(d.child_by_field_name("name")):
                            self.declare(scope, self.src.text_of(n), k, d)
            elif t == "class_declaration":
                n = s.child_by_field_name("name")
                self.declare(scope, self.src.text_of(n), "class", s)
            elif t == "function_declaration":
                n = s.child_by_field_name("name")
                self._ident(n, scope, binding=True)
                name = self.src.text_of(n)
                self.declare(scope, name, "function", s)
                scope.bindings[name].decl_end = 0
                fscope = scope.func.var_scope
                if (scope.kind not in ("function", "script", "body") and not scope.func.strict and fscope is not None
                        and name not in fscope.bindings):
                    # Annex B.3.3: in sloppy code a function declared in a block is also a var of its function.
                    self.declare(fscope, name, "var", s)
                    fscope.bindings[name].annexb = True
            elif t == "generator_function_declaration":
                n = s.child_by_field_name("name")
                self.declare(scope, self.src.text_of(n), "function", s)
                scope.bindings[self.src.text_of(n)].decl_end = 0

    def _single_statement(self, parent: Node, body: Node, scope: Scope) -> None:
        """A declaration as the body of if/while/for/a label (14.6-14.13 early errors, V8's messages)."""
        t = body.type
        if t == "lexical_declaration":
            kind = body.child_by_field_name("kind")
            if kind is not None and kind.type == "const":
                self._syntax("Unexpected token 'const'", body)
            self._syntax("Lexical declaration cannot appear in a single-statement context", body)
        elif t == "class_declaration":
            self._syntax("Unexpected token 'class'", body)
        elif t == "generator_function_declaration":
            self._syntax("Generators can only be declared at the top level or inside a block.", body)
        elif t == "function_declaration":
            if function_flavour(body)[0]:
                self._syntax("Async functions can only be declared at the top level or inside a block.", body)
            if scope.func.strict:
                self._syntax("In strict mode code, functions can only be declared at top level or inside a block.", body)
            if parent.type not in ("if_statement", "labeled_statement"):
                self._syntax("In non-strict mode code, functions can only be declared at top level, inside a block, "
                             "or as the body of an if statement.", body)

    def _unsupported(self, what: str, node: Node) -> None:
        line, col = self.src.line_col(node)
        raise UnsupportedSyntax(what, line, col)

    # ---------------------------------------------------------------- the walk
    def visit(self, node: Node, scope: Scope) -> None:
        t = node.type
        if t in SINGLE_STATEMENT_FIELDS:
            for f in SINGLE_STATEMENT_FIELDS[t]:
                body = node.child_by_field_name(f)
                if body is not None:
                    self._single_statement(node, body.named_children[0] if f == "alternative" else body, scope)
        handler = getattr(self, "v_" + t, None)
        if t in LOOP_NODES or t == "switch_statement":
            self._loop(node, scope, handler or self._children, t != "switch_statement")
            return
        if handler is not None:
            handler(node, scope)
            return
        if t == "identifier":
            self._ident(node, scope)
            self.a.refs.append((self.src.text_of(node), scope, node))
            return
        if t == "shorthand_property_identifier":
            self._ident(node, scope)
            self.a.refs.append((self.src.text_of(node), scope, node))
            return
        if t == "this":
            self._mark_this(scope)
            return
        self._children(node, scope)

    def _children(self, node: Node, scope: Scope) -> None:
        for c in node.named_children:
            self.visit(c, scope)

    def _mark_this(self, scope: Scope) -> None:
        f: FuncInfo | None = scope.func
        while f is not None and f.is_arrow:
            f.uses_this = True
            f = f.parent
        if f is not None:
            f.uses_this = True

    def v_binary_expression(self, node: Node, scope: Scope) -> None:
        """Left-nested chains (`a + b + c + ...`, thousands long in generated code) are walked in a loop."""
        rights: list[Node] = []
        cur = node
        while cur.type == "binary_expression":
            self._operands(cur)
            rights.append(cur.child_by_field_name("right"))
            cur = cur.child_by_field_name("left")
        self.visit(cur, scope)
        for r in reversed(rights):
            self.visit(r, scope)

    def v_statement_block(self, node: Node, scope: Scope) -> None:
        stmts = children(node)
        inner = self.a.new_scope("block", scope, scope.func, node)
        self._declare_block(stmts, inner)
        for c in stmts:
            self.visit(c, inner)

    def v_switch_body(self, node: Node, scope: Scope) -> None:
        inner = self.a.new_scope("block", scope, scope.func, node)
        stmts: list[Node] = []
        for case in children(node):
            body = [c for c in case.children_by_field_name("body") if c.is_named and c.type not in ("comment", "html_comment", "hash_bang_line")]
            stmts.extend(body)
        self._declare_block(stmts, inner)
        for case in children(node):
            for c in case.named_children:
                self.visit(c, inner)

    def v_lexical_declaration(self, node: Node, scope: Scope) -> None:
        kind = node.child_by_field_name("kind")
        for d in children(node):
            if d.type != "variable_declarator":
                continue
            for n in self._pattern_names(d.child_by_field_name("name")):
                self._ident(n, scope, binding=True, lexical=True)
            if kind is not None and kind.type == "const" and d.child_by_field_name("value") is None:
                self._syntax("Missing initializer in const declaration", d)
            self.visit(d, scope)

    def v_class_declaration(self, node: Node, scope: Scope) -> None:
        n = node.child_by_field_name("name")
        if self.src.text_of(n) in STRICT_RESERVED:
            self._syntax("Unexpected strict mode reserved word", n)
        self._ident(n, scope, binding=True, lexical=True)
        self._class(node, scope)

    def _var_conflict(self, pattern: Node, scope: Scope) -> None:
        """A `var` may not redeclare a lexical binding of a block it is in (14.2.1, 14.15.1)."""
        for n in self._pattern_names(pattern):
            name = self.src.text_of(n)
            s: Scope | None = scope
            while s is not None and s.kind not in ("function", "script", "body"):
                b = s.bindings.get(name)
                if b is not None and b.kind != "var" and (b.kind != "catch" or s.id in self.catch_patterns):
                    self._syntax(f"Identifier '{name}' has already been declared", n)
                s = s.parent

    def v_variable_declarator(self, node: Node, scope: Scope) -> None:
        if node.parent is not None and node.parent.type == "variable_declaration":
            self._var_conflict(node.child_by_field_name("name"), scope)
        self._visit_pattern(node.child_by_field_name("name"), scope)
        value = node.child_by_field_name("value")
        if value is not None:
            self.visit(value, scope)

    def _visit_pattern(self, node: Node, scope: Scope) -> None:
        """Patterns declare names (already declared); only their defaults and keys are expressions."""
        t = node.type
        if t == "assignment_pattern":
            self._visit_pattern(node.child_by_field_name("left"), scope)
            self.visit(node.child_by_field_name("right"), scope)
        elif t == "object_assignment_pattern":
            self._visit_pattern(node.child_by_field_name("left"), scope)
            self.visit(node.child_by_field_name("right"), scope)
        elif t == "pair_pattern":
            key = node.child_by_field_name("key")
            if key is not None and key.type == "private_property_identifier":  # `const { #x: x } = o`
                self._syntax(f"Unexpected identifier '{self.src.text_of(key)}'", key)
            if key is not None and key.type == "computed_property_name":
                self.visit(key, scope)
            self._visit_pattern(node.child_by_field_name("value"), scope)
        elif t in ("object_pattern", "array_pattern", "rest_pattern"):
            if t != "rest_pattern":
                self._rest_last(node, "Rest element must be last element")
                self._paren_elements(node, True)
            for c in children(node):
                self._visit_pattern(c, scope)
        elif t in ("identifier", "shorthand_property_identifier_pattern"):
            self._ident(node, scope, binding=True)
            # A declaration site is also a write of the binding; record it as a reference so that
            # a pattern in a nested function (assignment) resolves like any other use.
            self.a.refs.append((self.src.text_of(node), scope, node))
        else:
            self.visit(node, scope)

    def v_function_declaration(self, node: Node, scope: Scope) -> None:
        self._function(node, scope, is_arrow=False)

    def v_function_expression(self, node: Node, scope: Scope) -> None:
        self._function(node, scope, is_arrow=False)

    v_function = v_function_expression

    def v_arrow_function(self, node: Node, scope: Scope) -> None:
        self._function(node, scope, is_arrow=True)

    def v_method_definition(self, node: Node, scope: Scope) -> None:
        self._accessor_params(node)
        name = node.child_by_field_name("name")
        if name is not None and name.type == "computed_property_name":
            self.visit(name, scope)
        self._function(node, scope, is_arrow=False)

    def v_generator_function_declaration(self, node: Node, scope: Scope) -> None:
        self._function(node, scope, is_arrow=False)

    v_generator_function = v_generator_function_declaration

    def v_yield_expression(self, node: Node, scope: Scope) -> None:
        self._yield_in_arrow_params(node, scope)
        if not scope.func.is_gen and not node.named_children and not any(c.type == "*" for c in node.children):
            self._ident(node, scope)  # `yield` is an identifier outside generators (in sloppy code)
            self.a.refs.append(("yield", scope, node))
            return
        if scope.func.is_gen:
            self._in_own_params(node, scope, "Yield expression not allowed in formal parameter")
            self._yield_operand(node, scope)
        self._children(node, scope)

    def _yield_in_arrow_params(self, node: Node, scope: Scope) -> None:
        f: FuncInfo | None = scope.func
        arrow = f
        while f is not None and f.is_arrow:
            f = f.parent
        if arrow is None or not arrow.is_arrow or f is None or not f.is_gen or arrow.node is None:
            return
        params = arrow.node.child_by_field_name("parameters") or arrow.node.child_by_field_name("parameter")
        if params is not None and params.start_byte <= node.start_byte < params.end_byte:
            self._syntax("Yield expression not allowed in formal parameter", node)

    def v_array_pattern(self, node: Node, scope: Scope) -> None:
        self._rest_last(node, "Rest element must be last element")
        self._paren_elements(node, False)
        for c in children(node):
            key = c.child_by_field_name("key") if c.type == "pair_pattern" else None
            if key is not None and key.type == "private_property_identifier":
                self._syntax(f"Unexpected identifier '{self.src.text_of(key)}'", key)
        self._children(node, scope)

    v_object_pattern = v_array_pattern

    def v_regex(self, node: Node, scope: Scope) -> None:
        pass  # a literal: checked and compiled by the compiler (engine.jsregex)

    def v_labeled_statement(self, node: Node, scope: Scope) -> None:
        name = self.src.text_of(node.child_by_field_name("label"))
        self._label(node.child_by_field_name("label"), scope)
        if any(lb == name for lb, _ in self.jc.labels):
            self._syntax(f"Label '{name}' has already been declared", node.child_by_field_name("label"))
        body = node.child_by_field_name("body")
        inner = body
        while inner.type == "labeled_statement":
            inner = inner.child_by_field_name("body")
        self.jc.labels.append((name, inner.type in LOOP_NODES))
        self.visit(body, scope)
        self.jc.labels.pop()

    def _loop(self, node: Node, scope: Scope, handler: Any, iteration: bool) -> None:
        self.jc.breakable += 1
        self.jc.iteration += iteration
        handler(node, scope)
        self.jc.breakable -= 1
        self.jc.iteration -= iteration

    def v_import_statement(self, node: Node, scope: Scope) -> None:
        self._unsupported("import", node)

    def v_export_statement(self, node: Node, scope: Scope) -> None:
        self._unsupported("export", node)

    def _function(self, node: Node, scope: Scope, is_arrow: bool) -> None:
        saved, self.jc = self.jc, JumpContext()
        self._function_body(node, scope, is_arrow)
        self.jc = saved

    def _function_body(self, node: Node, scope: Scope, is_arrow: bool) -> None:
        is_async, is_gen = function_flavour(node)
        from engine.compiler import has_use_strict

        in_class = node.parent is not None and node.parent.type == "class_body"
        info = FuncInfo(node, scope.func, is_arrow=is_arrow, is_async=is_async, is_gen=is_gen)
        info.strict = scope.func.strict or in_class or has_use_strict(node.child_by_field_name("body"), self.src)
        info.id = len(self.a.funcs)
        self.a.funcs[node.id] = info
        fscope = self.a.new_scope("function", scope, info, node)
        info.scope = fscope
        if node.type in ("function_expression", "function", "generator_function"):
            name = node.child_by_field_name("name")
            if name is not None:  # a named function expression sees its own name
                self._ident(name, fscope, binding=True)
                self.declare(fscope, self.src.text_of(name), "const", name)
                fscope.bindings[self.src.text_of(name)].kind = "fname"
        params = node.child_by_field_name("parameters") or node.child_by_field_name("parameter")
        plist = [params] if params is not None and params.type != "formal_parameters" else (
            children(params) if params is not None else [])
        names = [n for p in plist for n in self._pattern_names(p)]
        if params is not None and params.type == "formal_parameters":
            self._rest_last(params, "Rest parameter must be last formal parameter")
        self._check_params(node, plist, names, info.strict, is_arrow)
        info.param_tdz = any(p.type != "identifier" for p in plist)
        for p in plist:  # a parameter is initialised once its whole element is: `(x = x)` reads it in its TDZ
            for n in self._pattern_names(p):
                self.declare(fscope, self.src.text_of(n), "param", n)
                fscope.bindings[self.src.text_of(n)].decl_end = max(p.end_byte, n.end_byte)
        body = node.child_by_field_name("body")
        for p in plist:
            self._visit_pattern(p, fscope)
        if body is None:
            return
        if body.type == "statement_block":
            stmts = children(body)
            bscope = fscope
            if any(p.type != "identifier" for p in plist):
                # Parameters with expressions (defaults, patterns) have a scope of their own; the body's vars
                # and lexical declarations another (10.2.11 FunctionDeclarationInstantiation, steps 20-30).
                bscope = self.a.new_scope("body", fscope, info, None)
                info.body_scope = bscope
            self._hoist_vars(body, bscope)
            self._declare_block(stmts, bscope)
            self.a.scopes[body.id] = bscope
            for c in stmts:
                self.visit(c, bscope)
        else:
            self.visit(body, fscope)

    def v_class(self, node: Node, scope: Scope) -> None:
        n = node.child_by_field_name("name")
        if n is not None:  # a class's name is strict code (15.7.1): `class let {}`, `class yield {}`
            if self.src.text_of(n) in STRICT_RESERVED:
                self._syntax("Unexpected strict mode reserved word", n)
            self._ident(n, scope, binding=True)
        self._class(node, scope)

    def _class(self, node: Node, scope: Scope) -> None:
        for c in node.named_children:
            if c.type == "class_heritage":
                for h in c.named_children:
                    if h.type == "arrow_function":  # a heritage is a LeftHandSideExpression (15.7.1)
                        arrow = next((t for t in h.children if t.type == "=>"), h)
                        self._syntax("Unexpected token '=>'", arrow)
                    self.visit(h, scope)
        name = node.child_by_field_name("name")
        if node.type == "class" and name is not None:
            # A named class expression binds its own name inside its body (15.7.15 ClassDefinitionEvaluation).
            inner = self.a.new_scope("block", scope, scope.func, node)
            self.declare(inner, self.src.text_of(name), "const", name)
            inner.bindings[self.src.text_of(name)].decl_end = 0
            scope = inner
        body = node.child_by_field_name("body")
        self._check_class(body)
        scope = self._private_scope(body, scope)
        for member in children(body):
            if member.type == "method_definition":
                self.v_method_definition(member, scope)
            elif member.type == "field_definition":
                self._field(member, scope)
            elif member.type == "class_static_block":
                self._static_block(member, scope)
            else:
                self.visit(member, scope)

    def _private_scope(self, body: Node, scope: Scope) -> Scope:
        """A class that declares private names (#x) gets a scope holding them (15.7.14 step 6: the class's
        PrivateEnvironment), one binding of kind "private" per name, always in the class's context: each
        evaluation of the class makes new private names, which its methods, fields and closures share."""
        declared: list[tuple[str, Node, str]] = []
        for m in children(body):
            key = None
            if m.type == "method_definition":
                key = m.child_by_field_name("name")
            elif m.type == "field_definition":
                key = m.child_by_field_name("property")
            if key is None or key.type != "private_property_identifier":
                continue
            kind = "field"
            if m.type == "method_definition":
                kind = "method"
                for ch in m.children:
                    if ch.type in ("get", "set") and ch.next_sibling is not None and ch.next_sibling.is_named:
                        kind = ch.type
            static = "static" if any(c.type == "static" for c in m.children) else ""
            declared.append((self.src.text_of(key), key, static + kind))
        if not declared:
            return scope
        inner = self.a.new_scope("block", scope, scope.func, body)
        seen: dict[str, str] = {}
        for name, key, kind in declared:
            prev = seen.get(name)
            if prev is not None:
                pair = {prev, kind} in ({"get", "set"}, {"staticget", "staticset"})
                if not pair:
                    self._syntax(f"Identifier '{name}' has already been declared", key)
                seen[name] = "pair"
                continue
            seen[name] = kind
            b = inner.bindings[name] = Binding(name, "private", inner)
            b.captured = True
        return inner

    def v_private_property_identifier(self, node: Node, scope: Scope) -> None:
        """A use of a private name (`o.#x`, `#x in o`): it must be declared by an enclosing class."""
        name = self.src.text_of(node)
        b, _ = self.a.lookup(name, scope)
        if b is None or b.kind != "private":
            self._syntax(f"Private field '{name}' must be declared in an enclosing class", node)

    def _static_block(self, node: Node, scope: Scope) -> None:
        """`static { ... }` runs like the body of a method called on the class, with its own var scope."""
        saved, self.jc = self.jc, JumpContext()
        info = FuncInfo(node, scope.func)
        info.strict = True
        info.id = len(self.a.funcs)
        self.a.funcs[node.id] = info
        fscope = self.a.new_scope("function", scope, info, node)
        info.scope = fscope
        body = node.child_by_field_name("body")
        stmts = children(body)
        self._hoist_vars(body, fscope)
        self._declare_block(stmts, fscope)
        self.a.scopes[body.id] = fscope
        for c in stmts:
            self.visit(c, fscope)
        self.jc = saved

    def _field(self, node: Node, scope: Scope) -> None:
        """A field initialiser behaves like the body of a method (its own `this`)."""
        saved, self.jc = self.jc, JumpContext()
        self._field_body(node, scope)
        self.jc = saved

    def _field_body(self, node: Node, scope: Scope) -> None:
        prop = node.child_by_field_name("property")
        if prop is not None and prop.type == "computed_property_name":
            self.visit(prop, scope)
        value = node.child_by_field_name("value")
        if value is None:
            return
        info = FuncInfo(node, scope.func)
        info.id = len(self.a.funcs)
        self.a.funcs[node.id] = info
        fscope = self.a.new_scope("function", scope, info, node)
        info.scope = fscope
        self.visit(value, fscope)

    def v_for_statement(self, node: Node, scope: Scope) -> None:
        inner = self.a.new_scope("for", scope, scope.func, node)
        init = node.child_by_field_name("initializer")
        if init is not None and init.type == "lexical_declaration":
            self._declare_block([init], inner)
        for c in node.named_children:
            self.visit(c, inner)

    def v_for_in_statement(self, node: Node, scope: Scope) -> None:
        self._for_in_head(node, scope)
        right = node.child_by_field_name("right")
        self.visit(right, scope)
        inner = self.a.new_scope("for", scope, scope.func, node)
        kind = node.child_by_field_name("kind")
        left = node.child_by_field_name("left")
        if kind is not None and kind.type in ("let", "const"):
            for n in self._pattern_names(left):
                self.declare(inner, self.src.text_of(n), kind.type, n)
                inner.bindings[self.src.text_of(n)].decl_end = 0
            self._visit_pattern(left, inner)
        elif kind is not None:
            self._var_conflict(left, scope)
            self._visit_pattern(left, inner)
        else:
            self._assign_target(left, inner, "Invalid left-hand side in for-loop")
            self.visit(left, inner)
        self.visit(node.child_by_field_name("body"), inner)

    def v_catch_clause(self, node: Node, scope: Scope) -> None:
        inner = self.a.new_scope("catch", scope, scope.func, node)
        param = node.child_by_field_name("parameter")
        if param is not None:
            if param.type != "identifier":
                self.catch_patterns.add(inner.id)
            for n in self._pattern_names(param):
                self.declare(inner, self.src.text_of(n), "catch", n)
                inner.bindings[self.src.text_of(n)].decl_end = 0
            self._visit_pattern(param, inner)
        self.visit(node.child_by_field_name("body"), inner)

    def v_member_expression(self, node: Node, scope: Scope) -> None:
        self.visit(node.child_by_field_name("object"), scope)
        prop = node.child_by_field_name("property")
        if prop is not None and prop.type == "private_property_identifier":
            if node.child_by_field_name("object").type == "super":
                self._syntax("Unexpected private field", prop)
            self.v_private_property_identifier(prop, scope)

    def v_pair(self, node: Node, scope: Scope) -> None:
        key = node.child_by_field_name("key")
        if key is not None and key.type == "computed_property_name":
            self.visit(key, scope)
        self.visit(node.child_by_field_name("value"), scope)

    def v_statement_identifier(self, node: Node, scope: Scope) -> None:
        return

    def v_break_statement(self, node: Node, scope: Scope) -> None:
        label = node.child_by_field_name("label")
        if label is not None:
            name = self.src.text_of(label)
            if not any(lb == name for lb, _ in self.jc.labels):
                self._syntax(f"Undefined label '{name}'", label)
        elif not self.jc.breakable:
            self._syntax("Illegal break statement", node)

    def v_continue_statement(self, node: Node, scope: Scope) -> None:
        label = node.child_by_field_name("label")
        if label is not None:
            name = self.src.text_of(label)
            found = [it for lb, it in self.jc.labels if lb == name]
            if not found:
                self._syntax(f"Undefined label '{name}'", label)
            if not found[-1]:
                self._syntax(f"Illegal continue statement: '{name}' does not denote an iteration statement", label)
        elif not self.jc.iteration:
            self._syntax("Illegal continue statement: no surrounding iteration statement", node)

    # ---------------------------------------------------------------- resolution
    def _resolve(self) -> None:
        for name, scope, node in self.a.refs:
            b, crossed = self.a.lookup(name, scope)
            if b is None:
                if name == "arguments":
                    self._mark_arguments(scope, node)
                continue
            if crossed:
                b.captured = True

    def _mark_arguments(self, scope: Scope, node: Node) -> None:
        """`arguments` of the innermost non-arrow function; an arrow sees its enclosing function's, through an
        implicit binding of that function (kind "arguments", captured: it lives in the function's context)."""
        f: FuncInfo | None = scope.func
        while f is not None and f.is_arrow:
            f = f.parent
        if f is None or f.node is None:
            return
        if f.node.type in ("field_definition", "class_static_block"):
            self._syntax("'arguments' is not allowed in class field initializer or static initialization block", node)
        f.uses_arguments = True
        if f is not scope.func and f.scope is not None:
            b = f.scope.bindings.get("arguments")
            if b is None:
                b = f.scope.bindings["arguments"] = Binding("arguments", "arguments", f.scope)
            b.captured = True

    def _assign_storage(self) -> None:
        for s in self.a.all_scopes:
            for b in s.bindings.values():
                if s.kind == "script":
                    b.storage = "script" if b.kind in ("let", "const", "class") else "global"
                elif b.captured:
                    b.storage = "ctx"
                    b.slot = len(s.ctx_names)
                    s.ctx_names.append(b.name)
                else:
                    b.storage = "local"
                    b.py = _py_name(b.name, s.id)


def analyse(src: Source, root: Node) -> Analysis:
    return Analyzer(src).run(root)


def visible_bindings(scope: Scope) -> list[Binding]:
    """Bindings a frame shows at a position in `scope` (inner blocks shadow outer), up to its function."""
    seen: dict[str, Binding] = {}
    chain: list[Scope] = []
    s: Scope | None = scope
    while s is not None:
        chain.append(s)
        if s.kind in ("function", "script"):
            break
        s = s.parent
    for sc in reversed(chain):
        for name, b in sc.bindings.items():
            if b.kind in ("fname", "arguments", "private"):
                continue
            seen[name] = b
    return list(seen.values())

