"""Compile the syntax tree to Python generator functions, one per JavaScript function.

Each JavaScript function becomes ``def _fN(_vm, _f, _fn, _this, _args)``, a Python generator run by
:meth:`engine.vm.VM.run_loop`. Expressions become Python expressions over small runtime helpers
(``_add``, ``_get``...); a JavaScript call becomes ``(yield (callee, this, args, pos))``, so the run
loop, not Python, holds the call stack. Every statement first records its position
(``_f.pos = P``: line and scope, for snapshots, error lines and the timeline) and counts a step.

Variables live where :mod:`engine.scope` put them: Python locals (``v3_x``) for bindings no closure
uses, slots of context objects (``_c3.slots[0]``) for captured ones, the script scope for top-level
lexical bindings and the global object for top-level ``var`` and functions.
"""

from __future__ import annotations

from typing import Any

from tree_sitter import Node

from engine import ops
from engine.errors import JSSyntaxError, UnsupportedSyntax
from engine.parse import Source, _bad_escape, children
from engine.record import dataclass, field
from engine.scope import Analysis, Binding, FuncInfo, Scope

BINARY = {
    "+": "_add", "-": "_sub", "*": "_mul", "/": "_div", "%": "_mod", "**": "_pow",
    "<": "_lt", ">": "_gt", "<=": "_le", ">=": "_ge",
    "==": "_leq", "!=": "not _leq", "===": "_seq", "!==": "not _seq",
    "&": "_band", "|": "_bor", "^": "_bxor", "<<": "_shl", ">>": "_shr", ">>>": "_ushr",
    "instanceof": "_instof", "in": "_in",
}


# A step at a loop back-edge or a function entry: VM.tick inlined (the budgets are tested only past vm.tick_at).
TICK = "_vm.steps += 1; _vm.steps > _vm.tick_at and _vm.tick_check()"


@dataclass
class FunctionCode:
    """What the VM needs to know about one compiled function."""

    id: int
    name: str
    kind: str               # script | normal | arrow | method | class | derived | accessor | field
    strict: bool
    line: int
    lines: list[int]        # position id -> line (shared program table)
    pos_scopes: list[Any]   # position id -> scope id (shared program table)
    py: Any = None          # the compiled generator function
    source: str = ""        # the function's source text (Function.prototype.toString)
    uses_this: bool = False
    params: int = 0
    is_async: bool = False
    is_gen: bool = False
    coroutine: bool = False  # async or generator: a call runs through engine.coroutine
    call_mode = 0            # not a field: how the run loop calls it (engine.vm.call_mode; 0 until the run sets it)


@dataclass
class Program:
    """A compiled program: its functions, position table and locals layout per scope."""

    source: Source
    codes: list[FunctionCode] = field(default_factory=list)
    lines: list[int] = field(default_factory=lambda: [0])
    pos_scopes: list[int] = field(default_factory=lambda: [0])
    pos_temps: dict[tuple[int, int], set[str]] = field(default_factory=dict)
    scopes: dict[int, Scope] = field(default_factory=dict)
    py_source: str = ""
    py_code: Any = None
    function_names: list[str] = field(default_factory=list)


def has_use_strict(body: Node | None, src: Source) -> bool:
    """A "use strict" directive in the directive prologue of a body (11.2.1)."""
    if body is None or body.type not in ("program", "statement_block"):
        return False
    for stmt in children(body):
        if stmt.type != "expression_statement":
            return False
        inner = children(stmt)
        if not inner or inner[0].type != "string":
            return False
        if src.text_of(inner[0])[1:-1] == "use strict":
            return True
    return False


class _Loop:
    """A Python loop of the compiled code: a JavaScript loop, a switch, or a labelled statement that is not a
    loop (compiled as a loop run once). A jump that leaves more than the innermost one sets ``_jmp`` to its
    number and breaks; after each construct it leaves, a test passes it on until its target takes it."""

    def __init__(self, kind: str = "loop", labels: list[str] | None = None) -> None:
        self.kind = kind            # loop | switch | block
        self.labels = labels or []
        self.exits: dict[int, tuple[_Loop, str]] = {}

    @property
    def is_switch(self) -> bool:
        return self.kind == "switch"


LOOP_STATEMENTS = ("while_statement", "do_statement", "for_statement", "for_in_statement")
_BLOCK_KINDS = ("block", "for", "catch")  # scopes whose context V8 pops when the block is left


class FnEmitter:
    """Emits the Python source of one JavaScript function."""

    def __init__(self, comp: Compiler, info: FuncInfo, code: FunctionCode) -> None:
        self.c = comp
        self.info = info
        self.code = code
        self.out: list[str] = []
        self.indent = 1
        self.tmp = 0
        self.loops: list[_Loop] = []
        self.next_loop: _Loop | None = None   # the loop the statement being compiled opens (its labels)
        self.labels: list[str] = []           # labels of the statement being compiled
        self.jumps = 0
        self.block_ctxs: dict[int, tuple[Scope, int]] = {}  # block scopes with a context: (scope, loop depth at entry)
        self.scope: Scope = info.scope  # type: ignore[assignment]
        self.ctx_scope: Scope | None = None   # innermost scope whose context is in a Python local
        self.cur_pos = 0
        self.open_calls: list[int] = []
        self.stmt_temps: set[str] = set()
        self.da_helpers: list[tuple[Scope, set[str]]] = []  # destructuring helpers being emitted

    # ---------------------------------------------------------------- output
    def emit(self, line: str) -> None:
        self.out.append("    " * self.indent + line)

    def temp(self) -> str:
        """A Python local for an intermediate value of the statement being compiled. The collector
        treats it as a root only while its statement runs (contract rule 4)."""
        self.tmp += 1
        name = f"_t{self.tmp}"
        self.c.program.pos_temps.setdefault((self.code.id, self.cur_pos), set()).add(name)
        self.stmt_temps.add(name)
        return name

    def call_pos(self, node: Node) -> int:
        """The position of a call; the temporaries of its statement stay alive while it runs."""
        p = self.pos(node)
        self.open_calls.append(p)
        return p

    def flush_temps(self) -> None:
        table = self.c.program.pos_temps
        for p in self.open_calls:
            table.setdefault((self.code.id, p), set()).update(self.stmt_temps)
        self.open_calls = []
        self.stmt_temps = set()

    def err(self, what: str, node: Node) -> UnsupportedSyntax:
        line, col = self.c.src.line_col(node)
        return UnsupportedSyntax(what, line, col)

    def text(self, node: Node) -> str:
        return self.c.src.text_of(node)

    def pos(self, node: Node) -> int:
        return self.c.position(self.c.src.line_col(node)[0], self.scope.id)

    def site(self, node: Node) -> str:
        line, col = self.c.src.line_col(node)
        return f"{line}:{col}"

    # ---------------------------------------------------------------- contexts and bindings
    def cur_ctx(self) -> str:
        return self.ctx_scope.ctx_var if self.ctx_scope is not None else "None"

    def enter_scope(self, scope: Scope, copy_from: str | None = None) -> None:
        """Open `scope`: make its context (if any binding is captured) and put lets in their TDZ."""
        self.scope = scope
        if scope.has_ctx:
            names = tuple(scope.ctx_names)
            self.emit(f"{scope.ctx_var} = _newctx({self.cur_ctx()}, {names!r})")
            self.ctx_scope = scope
            if scope.kind in _BLOCK_KINDS:
                self.block_ctxs[scope.id] = (scope, len(self.loops))
        for b in scope.bindings.values():
            if b.kind in ("let", "const", "class") and b.storage == "local":
                self.emit(f"{b.py} = TDZ")
            elif b.kind == "var" and scope.kind in ("function", "body"):
                # a var starts undefined; in a body with its own scope, with the value of its parameter twin
                twin = scope.parent.bindings.get(b.name) if scope.kind == "body" and scope.parent else None
                value = self._binding_expr(twin) if twin is not None and twin.kind == "param" else "UNDEFINED"
                self.emit(self._store(b, b.name, value))
            elif b.kind == "param" and b.storage == "local" and scope.func.param_tdz:
                self.emit(f"{b.py} = TDZ")  # parameters with expressions have a dead zone (10.2.11 step 28)

    def _binding_expr(self, b: Binding) -> str:
        if b.storage == "local":
            return b.py
        if b.storage == "ctx":
            return f"{self.ctx_ref(b)}.slots[{b.slot}]"
        return "UNDEFINED"

    def leave_scope(self, scope: Scope, saved_scope: Scope, saved_ctx: Scope | None) -> None:
        self.scope = saved_scope
        self.ctx_scope = saved_ctx

    def pop_ctx(self, scope: Scope) -> None:
        """A block left normally: its context is no longer the frame's (V8's PopContext), so only closures
        created in it keep it alive (checked against node: a caught error a closure captured, block lets)."""
        if scope.has_ctx and scope.kind in _BLOCK_KINDS:
            self.emit(f"{scope.ctx_var} = None")

    def pop_ctxs(self, scopes: list[Scope]) -> None:
        """Blocks left by a jump or a throw: their contexts too (V8 restores the context register)."""
        if scopes:
            self.emit(" = ".join(s.ctx_var for s in scopes) + " = None")

    def ctxs_left_by_jump(self, target: _Loop) -> list[Scope]:
        """The block scopes with a context that a break or continue to `target` leaves."""
        depth = next(i for i, lp in enumerate(self.loops) if lp is target)
        out = []
        s: Scope | None = self.scope
        while s is not None and s.kind in _BLOCK_KINDS:
            entry = self.block_ctxs.get(s.id)
            if entry is not None and entry[1] > depth:
                out.append(s)
            s = s.parent
        return out

    def resolve(self, name: str) -> Binding | None:
        b, _ = self.c.an.lookup(name, self.scope)
        return b

    def ctx_ref(self, b: Binding) -> str:
        """The Python expression for the context holding captured binding `b`."""
        return b.scope.ctx_var

    def read_var(self, name: str, node: Node) -> str:
        b = self.resolve(name)
        if b is None:
            if name == "undefined":
                return "UNDEFINED"
            if name == "arguments" and self.info.uses_arguments:
                return "_arguments"
            return f"_gget({name!r})"
        needs_tdz = (b.kind in ("let", "const", "class") and not self._surely_initialised(b, node)) or (
            b.kind == "param" and b.scope.func.param_tdz and node.start_byte < b.decl_end)
        if b.storage == "local":
            expr = b.py
        elif b.storage == "ctx":
            expr = f"{self.ctx_ref(b)}.slots[{b.slot}]"
        elif b.storage == "script":
            expr = f"_sv[{name!r}]"
        else:
            return f"_gget({name!r})"
        if needs_tdz:
            return f"_tdz({expr}, {name!r})"
        return expr

    def _surely_initialised(self, b: Binding, node: Node) -> bool:
        """A use textually after the declaration, in the same function, cannot be in the TDZ."""
        if b.decl_end == 0:
            return True
        if b.scope.func is not self.info:
            return False
        return node.start_byte >= b.decl_end and b.scope.kind != "block" or (
            node.start_byte >= b.decl_end and not self.loops)

    def write_var(self, name: str, value: str, node: Node, init: bool = False) -> str:
        """A Python *statement* storing `value` into the binding `name`."""
        b = self.resolve(name)
        if b is None:
            return f"{'_gputs' if self.code.strict else '_gput'}({name!r}, {value})"
        if not init:
            if b.kind == "const":
                return f"_constassign({value})"
            if b.kind == "fname":
                return f"{value}"  # assigning to a function expression's own name is a no-op
            if b.kind in ("let", "class") and not self._surely_initialised(b, node):
                check = self.read_var(name, node)
                return f"{check}; " + self._store(b, name, value)
        return self._store(b, name, value)

    def _store(self, b: Binding, name: str, value: str) -> str:
        if b.storage == "local":
            if self.da_helpers:
                self.note_local_write(b)
            return f"{b.py} = {value}"
        if b.storage == "ctx":
            if self.c.trace_steps:  # the timeline notices the context changed
                return f"_setslot({self.ctx_ref(b)}, {b.slot}, {value})"
            return f"{self.ctx_ref(b)}.slots[{b.slot}] = {value}"
        if b.storage == "script":
            return f"_sv[{name!r}] = {value}"
        return f"_gput({name!r}, {value})"

    # ---------------------------------------------------------------- function prologue
    def compile_function(self, node: Node, is_script: bool) -> None:
        info = self.info
        fscope = info.scope
        assert fscope is not None
        self.emit(TICK)
        self.load_outer_contexts(fscope)
        if info.uses_arguments:
            self.emit("_arguments = _mkargs(_args)")
        self.enter_scope(fscope)
        for b in fscope.bindings.values():
            if b.kind == "fname":  # a named function expression sees itself (15.2.5)
                self.emit(self._store(b, b.name, "_fn"))
            elif b.kind == "arguments":  # the arguments object its arrow functions use
                self.emit(self._store(b, b.name, "_arguments"))
            elif b.kind == "newtarget":  # the new.target its arrow functions see
                self.emit(self._store(b, b.name, "_newtarget(_f, _fn)"))
        if is_script:
            self._script_prologue(node)
            self.emit_body(children(node))
            self.flush_temps()
            stmts = [c for c in children(node) if c.type not in ("comment", "html_comment", "hash_bang_line")]
            last = self.c.src.line_col(stmts[-1])[0] if stmts else 1
            # A position of its own (no scope, no temporaries): every block and statement has ended. The
            # finished script frame stays there while the event loop runs.
            self.emit(f"_f.pos = {self.c.position(last, -1)}")
            if self.c.trace_steps:  # the timeline's entry for the state after the last statement
                self.emit("_hook_end(_f)")
            self.emit("return UNDEFINED")
            return
        self._params(node)
        body = node.child_by_field_name("body")
        if body is None:
            self.emit("return UNDEFINED")
            return
        if info.body_scope is not None:
            self.enter_scope(info.body_scope)
        if body.type == "statement_block":
            self._hoist_functions(children(body))
            if self.code.is_gen:  # the generator object is returned once its parameters are bound (27.5.3.1)
                self.emit("(yield (GENSTART, None))")
            self.emit_body(children(body))
            self.emit("return UNDEFINED")
        else:
            self.statement_pos(body)
            self.emit(f"return {self.expr(body)}")

    def load_outer_contexts(self, fscope: Scope) -> None:
        """Prologue: the enclosing contexts this function can reach come from its closure's scope chain."""
        outer = self._outer_ctx_scope(fscope)
        if outer is None:
            return
        self.emit(f"{outer.ctx_var} = _fn.scope")
        p = outer
        for parent in self._ctx_chain(p)[1:]:
            self.emit(f"{parent.ctx_var} = {p.ctx_var}.parent")
            p = parent
        self.ctx_scope = outer

    def _outer_ctx_scope(self, fscope: Scope) -> Scope | None:
        s = fscope.parent
        while s is not None:
            if s.has_ctx:
                return s
            s = s.parent
        return None

    def _ctx_chain(self, s: Scope) -> list[Scope]:
        chain = []
        cur: Scope | None = s
        while cur is not None:
            if cur.has_ctx:
                chain.append(cur)
            cur = cur.parent
        return chain

    def _script_prologue(self, node: Node) -> None:
        """GlobalDeclarationInstantiation: vars and functions become global properties."""
        fscope = self.info.scope
        assert fscope is not None
        for name, b in fscope.bindings.items():
            if b.kind == "var":
                self.emit(f"_gdeclare({name!r})")
            elif b.kind in ("let", "const", "class"):
                self.emit(f"_sv[{name!r}] = TDZ")
        self._hoist_functions(children(node))

    def _hoist_functions(self, stmts: list[Node]) -> None:
        for s in stmts:
            if s.type in ("function_declaration", "generator_function_declaration"):
                name = self.text(s.child_by_field_name("name"))
                fexpr = self.function_value(s, name)
                self.emit(self.write_var(name, fexpr, s, init=True))
                twin = self.info.scope.bindings.get(name) if self.info.scope is not None else None
                if twin is not None and twin.annexb and self.scope is not self.info.scope:
                    self.emit(self._store(twin, name, self.read_var(name, s)))

    def _params(self, node: Node) -> None:
        params = node.child_by_field_name("parameters") or node.child_by_field_name("parameter")
        if params is None:
            return
        plist = [params] if params.type != "formal_parameters" else children(params)
        simple = 0
        for p in plist:
            if p.type in ("assignment_pattern", "rest_pattern"):
                break
            simple += 1
        self.code.params = simple
        for i, p in enumerate(plist):
            if p.type != "identifier":  # a default or a pattern can throw: its line is the parameter's
                self.emit(f"_f.pos = {self.pos(p)}")
            if p.type == "identifier":
                self.emit(self.write_var(self.text(p), f"_args[{i}] if len(_args) > {i} else UNDEFINED", p, True))
            elif p.type == "assignment_pattern":
                left = p.child_by_field_name("left")
                t = self.temp()
                self.emit(f"{t} = _args[{i}] if len(_args) > {i} else UNDEFINED")
                self.emit(f"if {t} is UNDEFINED:")
                self.indent += 1
                self.emit(f"{t} = {self.expr(p.child_by_field_name('right'), self._name_hint(left))}")
                self.indent -= 1
                self.bind_pattern(left, t, init=True)
            elif p.type == "rest_pattern":
                target = children(p)[0]
                self.bind_pattern(target, f"_newarr_nosite(list(_args[{i}:]))", init=True)
            else:
                self.bind_pattern(p, f"_args[{i}] if len(_args) > {i} else UNDEFINED", init=True)

    def _name_hint(self, node: Node | None) -> str | None:
        if node is not None and node.type == "identifier":
            return self.text(node)
        return None

    # ---------------------------------------------------------------- patterns (destructuring)
    def bind_pattern(self, pat: Node, value: str, init: bool) -> None:
        t = pat.type
        if t in ("identifier", "shorthand_property_identifier_pattern"):
            self.emit(self.write_var(self.text(pat), value, pat, init))
            return
        if t == "assignment_pattern":
            tmp = self.temp()
            self.emit(f"{tmp} = {value}")
            self.emit(f"if {tmp} is UNDEFINED:")
            self.indent += 1
            left = pat.child_by_field_name("left")
            self.emit(f"{tmp} = {self.expr(pat.child_by_field_name('right'), self._name_hint(left))}")
            self.indent -= 1
            self.bind_pattern(left, tmp, init)
            return
        if t == "object_pattern":
            src = self.temp()
            self.emit(f"{src} = _reqobj({value})")
            used: list[str] = []
            for c in children(pat):
                if c.type == "shorthand_property_identifier_pattern":
                    key = self.text(c)
                    used.append(repr(key))
                    self.bind_pattern(c, f"_get({src}, {key!r})", init)
                elif c.type == "object_assignment_pattern":
                    left = c.child_by_field_name("left")
                    key = self.text(left)
                    used.append(repr(key))
                    tmp = self.temp()
                    self.emit(f"{tmp} = _get({src}, {key!r})")
                    self.emit(f"if {tmp} is UNDEFINED:")
                    self.indent += 1
                    self.emit(f"{tmp} = {self.expr(c.child_by_field_name('right'), key)}")
                    self.indent -= 1
                    self.bind_pattern(left, tmp, init)
                elif c.type == "pair_pattern":
                    k = self.prop_key(c.child_by_field_name("key"))
                    used.append(k)
                    self.bind_pattern(c.child_by_field_name("value"), f"_get({src}, {k})", init)
                elif c.type == "rest_pattern":
                    self.bind_pattern(children(c)[0], f"_objrest({src}, [{', '.join(used)}])", init)
                else:
                    raise self.err(f"this destructuring pattern ({c.type})", c)
            return
        if t == "array_pattern":
            items = self.temp()
            elems = [c for c in pat.children if c.type == "," or (c.is_named and c.type not in ("comment", "html_comment", "hash_bang_line"))]
            has_rest = any(c.type == "rest_pattern" for c in elems)
            # one IteratorStep per element and per elision; a trailing comma adds none (`[a,]`, `[,]`, `[]`)
            need = "None" if has_rest else str(sum(1 for c in elems if c.type == ",")
                                              + (1 if elems and elems[-1].type != "," else 0))
            self.emit(f"{items} = _destructure_list({value}, {need})")
            i = 0
            for c in pat.children:
                if c.type == ",":
                    i += 1
                    continue
                if not c.is_named or c.type in ("comment", "html_comment", "hash_bang_line"):
                    continue
                if c.type == "rest_pattern":
                    self.bind_pattern(children(c)[0], f"_newarr_nosite({items}[{i}:])", init)
                else:
                    self.bind_pattern(c, f"({items}[{i}] if len({items}) > {i} else UNDEFINED)", init)
            return
        if not init and t in ("member_expression", "subscript_expression"):
            self.emit(self.assign_target(pat, value))
            return
        raise self.err(f"this destructuring pattern ({t})", pat)

    # ---------------------------------------------------------------- statements
    def statement_pos(self, node: Node) -> None:
        self.flush_temps()
        p = self.pos(node)
        self.cur_pos = p
        self.emit(f"_f.pos = {p}; _vm.steps += 1")
        if self.c.trace_steps:
            self.emit("_hook(_f)")

    def emit_body(self, stmts: list[Node]) -> None:
        if not stmts:
            self.emit("pass")
            return
        for s in stmts:
            self.statement(s)

    def statement(self, node: Node) -> None:
        t = node.type
        handler = getattr(self, "s_" + t, None)
        if handler is None:
            raise self.err(t.replace("_", " "), node)
        labels, self.labels = self.labels, []
        if t in LOOP_STATEMENTS or t == "switch_statement":
            loop = _Loop("switch" if t == "switch_statement" else "loop", labels)
            self.next_loop = loop
            handler(node)
            self.after_loop(loop)
            return
        if t == "labeled_statement":
            self.labels = labels
        handler(node)

    def new_loop(self) -> _Loop:
        """The _Loop of the loop statement being compiled (made by `statement`, with its labels)."""
        loop = self.next_loop or _Loop()
        self.next_loop = None
        return loop

    def after_loop(self, loop: _Loop) -> None:
        """After a Python loop: pass on the jumps that left it to the enclosing one, or take them there."""
        outer = self.loops[-1] if self.loops else None
        for k, (target, kind) in loop.exits.items():
            self.emit(f"if _jmp == {k}:")
            if outer is target:
                self.emit("    _jmp = 0")
                self.emit(f"    {kind}")
            else:
                assert outer is not None
                outer.exits[k] = (target, kind)
                self.emit("    break")

    def jump(self, kind: str, target: _Loop) -> None:
        self.pop_ctxs(self.ctxs_left_by_jump(target))
        inner = self.loops[-1]
        if inner is target:
            self.emit(kind)
            return
        if not self.jumps:
            self.out.insert(0, "    _jmp = 0")
        self.jumps += 1
        inner.exits[self.jumps] = (target, kind)
        self.emit(f"_jmp = {self.jumps}")
        self.emit("break")

    def s_labeled_statement(self, node: Node) -> None:
        labels = self.labels + [self.text(node.child_by_field_name("label"))]
        self.labels = []
        body = node.child_by_field_name("body")
        if body.type in LOOP_STATEMENTS or body.type in ("switch_statement", "labeled_statement"):
            self.labels = labels
            self.statement(body)
            return
        if body.type in ("function_declaration", "empty_statement"):
            self.statement(body)
            return
        loop = _Loop("block", labels)
        self.emit("while True:")
        self.indent += 1
        self.loops.append(loop)
        self.statement(body)
        self.emit("break")
        self.loops.pop()
        self.indent -= 1
        self.after_loop(loop)

    def s_comment(self, node: Node) -> None:
        return

    def s_empty_statement(self, node: Node) -> None:
        self.emit("pass")

    def s_debugger_statement(self, node: Node) -> None:
        self.emit("pass")

    def s_expression_statement(self, node: Node) -> None:
        e = children(node)
        if not e:
            return
        expr = e[0]
        self.statement_pos(node)
        t = expr.type
        if t == "assignment_expression":
            self.emit(self.assign(expr, as_statement=True))
            return
        if t == "call_expression" and expr.child_by_field_name("function").type == "super":
            self.super_call(expr)
            return
        if t == "update_expression":
            self.emit(self.update(expr, as_statement=True))
            return
        self.emit(self.expr(expr))

    def s_variable_declaration(self, node: Node) -> None:
        for d in children(node):
            if d.type != "variable_declarator":
                continue
            value = d.child_by_field_name("value")
            if value is None:
                continue
            self.statement_pos(d)
            name = d.child_by_field_name("name")
            self.bind_pattern(name, self.expr(value, self._name_hint(name)), init=False)

    def s_lexical_declaration(self, node: Node) -> None:
        for d in children(node):
            if d.type != "variable_declarator":
                continue
            value = d.child_by_field_name("value")
            name = d.child_by_field_name("name")
            self.statement_pos(d)
            v = self.expr(value, self._name_hint(name)) if value is not None else "UNDEFINED"
            self.bind_pattern(name, v, init=True)

    def s_function_declaration(self, node: Node) -> None:
        return  # hoisted to the start of its scope

    s_generator_function_declaration = s_function_declaration

    def s_class_declaration(self, node: Node) -> None:
        self.statement_pos(node)
        name = self.text(node.child_by_field_name("name"))
        value = self.class_value(node, name)
        self.emit(self.write_var(name, value, node, init=True))

    def s_return_statement(self, node: Node) -> None:
        self.statement_pos(node)
        e = children(node)
        if e and self.code.is_async and self.code.is_gen:  # an async generator awaits what it returns
            self.emit(f"return (yield (AWAIT, {self.expr(e[0])}))")
            return
        self.emit(f"return {self.expr(e[0]) if e else 'UNDEFINED'}")

    def s_throw_statement(self, node: Node) -> None:
        self.statement_pos(node)
        e = children(node)
        line = self.c.src.line_col(node)[0]
        self.emit(f"raise _throw({self.expr(e[0])}, {line})")

    def s_statement_block(self, node: Node) -> None:
        scope = self.c.an.scopes[node.id]
        saved, saved_ctx = self.scope, self.ctx_scope
        self.enter_scope(scope)
        stmts = children(node)
        self._hoist_functions(stmts)
        self.emit_body(stmts)
        self.pop_ctx(scope)
        self.leave_scope(scope, saved, saved_ctx)

    def s_if_statement(self, node: Node) -> None:
        self.statement_pos(node)
        cond = self.cond(node.child_by_field_name("condition"))
        self.emit(f"if {cond}:")
        self.sub_statement(node.child_by_field_name("consequence"))
        alt = node.child_by_field_name("alternative")
        if alt is not None:
            body = children(alt)[0]
            self.emit("else:")
            self.sub_statement(body)

    def sub_statement(self, node: Node) -> None:
        self.indent += 1
        self.statement(node)
        self.emit("pass")
        self.indent -= 1

    def cond(self, node: Node) -> str:
        return f"_truthy({self.expr(node)})"

    def s_while_statement(self, node: Node) -> None:
        self.statement_pos(node)
        self.emit("while True:")
        self.indent += 1
        self.emit(TICK)
        self.emit(f"if not {self.cond(node.child_by_field_name('condition'))}: break")
        self.loops.append(self.new_loop())
        self.statement(node.child_by_field_name("body"))
        self.loops.pop()
        self.indent -= 1

    def s_do_statement(self, node: Node) -> None:
        self.statement_pos(node)
        first = self.temp()
        self.emit(f"{first} = True")
        self.emit("while True:")
        self.indent += 1
        self.emit(TICK)
        cond = self.cond(node.child_by_field_name("condition"))
        self.emit(f"if not {first} and not {cond}: break")
        self.emit(f"{first} = False")
        self.loops.append(self.new_loop())
        self.statement(node.child_by_field_name("body"))
        self.loops.pop()
        self.indent -= 1

    def s_for_statement(self, node: Node) -> None:
        scope = self.c.an.scopes[node.id]
        saved, saved_ctx = self.scope, self.ctx_scope
        self.statement_pos(node)
        self.enter_scope(scope)
        init = node.child_by_field_name("initializer")
        if init is not None and init.type not in (";", "empty_statement"):
            if init.type in ("lexical_declaration", "variable_declaration"):
                self.statement(init)
            elif init.type == "expression_statement":
                self.s_expression_statement(init)
            else:
                self.emit(self.expr(init))
        cond_node = node.child_by_field_name("condition")
        if cond_node is not None and cond_node.type == "expression_statement":
            inner = children(cond_node)
            cond_node = inner[0] if inner else None
        if cond_node is not None and (not cond_node.is_named or cond_node.type == "empty_statement"):
            cond_node = None
        inc = node.child_by_field_name("increment")
        # The update runs at the top of every iteration but the first, so that `continue` is a plain
        # Python continue and a pending `finally` block runs before the update, as in JavaScript.
        first = self.temp()
        self.emit(f"{first} = True")
        self.emit("while True:")
        self.indent += 1
        self.emit(TICK)
        self.emit(f"if not {first}:")
        self.indent += 1
        self.emit("pass")
        if scope.has_ctx:  # CreatePerIterationEnvironment (14.7.4.4): a fresh context per iteration
            self.emit(f"{scope.ctx_var} = _copyctx({scope.ctx_var})")
        if inc is not None:
            self.emit(f"_f.pos = {self.pos(inc)}")
            self.emit(self.expr_statement_text(inc))
        self.indent -= 1
        self.emit(f"{first} = False")
        if cond_node is not None:
            self.emit(f"if not {self.cond(cond_node)}: break")
        self.loops.append(self.new_loop())
        self.statement(node.child_by_field_name("body"))
        self.loops.pop()
        self.indent -= 1
        self.pop_ctx(scope)
        self.leave_scope(scope, saved, saved_ctx)

    def expr_statement_text(self, node: Node) -> str:
        if node.type == "update_expression":
            return self.update(node, as_statement=True)
        if node.type == "assignment_expression":
            return self.assign(node, as_statement=True)
        if node.type == "sequence_expression":  # (a destructuring among them is a value: order kept)
            return "; ".join(self.expr(c) if c.type == "assignment_expression" and c.child_by_field_name(
                "left").type in ("array_pattern", "object_pattern") else self.expr_statement_text(c)
                for c in children(node))
        return self.expr(node)

    def s_for_in_statement(self, node: Node) -> None:
        scope = self.c.an.scopes[node.id]
        saved, saved_ctx = self.scope, self.ctx_scope
        if any(c.type == "await" for c in node.children) or node.start_byte in self.c.src.for_await:
            self._for_await(node, scope, saved, saved_ctx)
            return
        self.statement_pos(node)
        is_of = node.child_by_field_name("operator").type == "of"
        right_node = node.child_by_field_name("right")
        init = node.child_by_field_name("value")
        if init is not None:  # Annex B.3.5: `for (var x = init in o)` assigns init first
            self.emit(self.write_var(self.text(node.child_by_field_name("left")), self.expr(init),
                                     node.child_by_field_name("left")))
        right = self.expr(right_node)
        self.tmp += 1
        it = f"_i{self.tmp}"  # the iterator: a root while the loop runs (V8 keeps it in a register)
        # While a program's iterator runs next() the frame is at the `for`, in the loop's scope with its
        # bindings in their dead zone; while return() closes it, at the `for`, the loop's scope left (as V8).
        fetch_pos = self.c.position(self.c.src.line_col(node)[0], scope.id)
        dead = [b.py for b in scope.bindings.values() if b.kind in ("let", "const") and b.storage == "local"]
        if is_of:
            self.emit(f"{it} = _iter({right}, {self.callee_text(right_node)!r}, {fetch_pos}, {self.pos(node)})")
        else:
            self.emit(f"{it} = _forin_keys({right})")
        kind = node.child_by_field_name("kind")
        left = node.child_by_field_name("left")
        while kind is None and left.type == "parenthesized_expression" and len(children(left)) == 1:
            left = children(left)[0]
        if is_of:  # the value stays in a register until the next one (V8): a root while the loop runs
            self.tmp += 1
            val = f"_yv{self.tmp}"
        else:
            val = self.temp()
        if is_of:  # a loop left early closes the iterator (IteratorClose, 14.7.5.7)
            for name in dead:
                self.emit(f"{name} = TDZ")
            self.emit("try:")
            self.indent += 1
        self.emit(f"for {val} in {it}:")
        self.indent += 1
        if is_of and dead:
            self.emit("try:")
            self.indent += 1
        self.emit(TICK)
        self._loop_iteration(node, scope, val, kind, left)
        if is_of and dead:
            self.indent -= 1
            self.emit("finally:")
            self.emit(f"    {' = '.join(dead)} = TDZ")
        self.indent -= 1
        if is_of:
            self.indent -= 1
            self.tmp += 1
            self.emit(f"except BaseException as _e{self.tmp}:")
            # the exception is pending while return() runs: a root, as in V8
            self.emit(f"    _p{self.tmp} = _e{self.tmp}.value if isinstance(_e{self.tmp}, JSThrow) else None")
            self.emit(f"    _iterclose_abrupt({it}, _e{self.tmp})")
            self.emit(f"    _p{self.tmp} = None")
            self.emit("    raise")
            self.emit("finally:")
            self.emit(f"    _iterclose({it})")
        self.emit(f"{it} = None")  # the loop is over: its iterator keeps nothing alive
        self.pop_ctx(scope)
        self.leave_scope(scope, saved, saved_ctx)

    def _loop_iteration(self, node: Node, scope: Scope, val: str, kind: Node | None, left: Node) -> None:
        """One iteration of a for-in/of/await loop: enter its scope, bind the head to `val`, run the body."""
        self.enter_scope(scope)
        if kind is not None:
            self.bind_pattern(left, val, init=kind.type != "var")
        elif left.type == "identifier":
            self.emit(self.write_var(self.text(left), val, left))
        elif left.type in ("array_pattern", "object_pattern"):
            self.assign_pattern(left, val, ("top", "(intermediate value)"))
        else:
            self.bind_pattern(left, val, init=False)
        self.loops.append(self.new_loop())
        self.statement(node.child_by_field_name("body"))
        self.loops.pop()

    def _for_await(self, node: Node, scope: Any, saved: Any, saved_ctx: Any) -> None:
        """for await (14.7.5.6-7, iteratorKind async): each next() result is awaited; a loop left early (break,
        return, a throw, a generator's return()) awaits the iterator's return() (AsyncIteratorClose)."""
        if not self.code.is_async:
            line, col = self.c.src.line_col(node)
            raise JSSyntaxError("Unexpected reserved word", line, col)
        self.statement_pos(node)
        pos = self.pos(node)
        right = self.expr(node.child_by_field_name("right"))
        self.tmp += 1
        it = f"_i{self.tmp}"  # (iterator, next): a root while the loop runs
        state = f"_ya{self.tmp}"  # 0 while the body runs: leaving then closes the iterator
        self.emit(f"{it} = _agiter({right})")
        self.emit(f"{state} = 1")
        kind = node.child_by_field_name("kind")
        left = node.child_by_field_name("left")
        res, val = self.temp(), self.temp()
        self.emit("try:")
        self.indent += 1
        self.emit("while True:")
        self.indent += 1
        self.emit(TICK)
        self.emit(f"{state} = 1")
        self.emit(f"{res} = yield (AWAIT, (yield ({it}[1], {it}[0], [], {pos})))")
        self.emit(f"{res}, {val} = _agstep({res})")
        self.emit(f"if {res}:")
        self.emit("    break")
        self.emit(f"{state} = 0")
        self._loop_iteration(node, scope, val, kind, left)
        self.indent -= 2
        self.emit("except JSThrow:")
        self.emit(f"    if {state} == 0:")
        self.emit(f"        {state} = 1")
        self.emit(f"        yield from _agclose(_vm, {it}, True, {pos})")
        self.emit("    raise")
        self.emit("except _GeneratorReturn:")
        self.emit("    raise")
        self.emit("except BaseException:")
        self.emit(f"    {state} = 1")
        self.emit("    raise")
        self.emit("finally:")
        self.emit(f"    if {state} == 0:")
        self.emit(f"        {state} = 1")
        self.emit(f"        yield from _agclose(_vm, {it}, False, {pos})")
        self.emit(f"{it} = None")
        self.pop_ctx(scope)
        self.leave_scope(scope, saved, saved_ctx)

    def s_break_statement(self, node: Node) -> None:
        self.statement_pos(node)
        label = node.child_by_field_name("label")
        if label is not None:
            name = self.text(label)
            target = next((lp for lp in reversed(self.loops) if name in lp.labels), None)
        else:
            target = next((lp for lp in reversed(self.loops) if lp.kind != "block"), None)
        if target is None:  # the analysis reports these first
            line, col = self.c.src.line_col(node)
            raise JSSyntaxError("Illegal break statement", line, col)
        self.jump("break", target)

    def s_continue_statement(self, node: Node) -> None:
        self.statement_pos(node)
        label = node.child_by_field_name("label")
        if label is not None:
            name = self.text(label)
            target = next((lp for lp in reversed(self.loops) if name in lp.labels and lp.kind == "loop"), None)
        else:
            target = next((lp for lp in reversed(self.loops) if lp.kind == "loop"), None)
        if target is None:
            line, col = self.c.src.line_col(node)
            raise JSSyntaxError("Illegal continue statement: no surrounding iteration statement", line, col)
        self.jump("continue", target)

    def s_switch_statement(self, node: Node) -> None:
        self.statement_pos(node)
        disc = self.temp()
        self.emit(f"{disc} = {self.expr(node.child_by_field_name('value'))}")
        body = node.child_by_field_name("body")
        scope = self.c.an.scopes[body.id]
        saved, saved_ctx = self.scope, self.ctx_scope
        cases = children(body)
        k = self.temp()
        self.enter_scope(scope)
        self.emit(f"{k} = -1")
        default_index = -1
        first = True
        for i, case in enumerate(cases):
            if case.type == "switch_default":
                default_index = i
                continue
            test = self.expr(case.child_by_field_name("value"))
            self.emit(f"{'if' if first else 'elif'} _seq({disc}, {test}): {k} = {i}")
            first = False
        if default_index >= 0:
            if first:
                self.emit(f"{k} = {default_index}")
            else:
                self.emit(f"else: {k} = {default_index}")
        self.loops.append(self.new_loop())
        self.emit("while True:")
        self.indent += 1
        self.emit(f"if {k} < 0: break")
        for i, case in enumerate(cases):
            stmts = [c for c in case.children_by_field_name("body") if c.is_named and c.type not in ("comment", "html_comment", "hash_bang_line")]
            self.emit(f"if {k} <= {i}:")
            self.indent += 1
            self._hoist_functions(stmts)
            self.emit_body(stmts)
            self.indent -= 1
        self.emit("break")
        self.indent -= 1
        self.loops.pop()
        self.pop_ctx(scope)
        self.leave_scope(scope, saved, saved_ctx)

    def s_try_statement(self, node: Node) -> None:
        """try/catch/finally (14.15). While a finally block runs because of a throw, the pending
        exception stays alive (a root, as in V8), held in a ``_p`` local."""
        self.statement_pos(node)
        handler = node.child_by_field_name("handler")
        finalizer = node.child_by_field_name("finalizer")
        pending = None
        if finalizer is not None:
            self.tmp += 1
            pending = f"_p{self.tmp}"
            self.emit(f"{pending} = None")
            self.emit("try:")
            self.indent += 1
        self.emit("try:")
        self.indent += 1
        entered = len(self.block_ctxs)
        self.statement(node.child_by_field_name("body"))
        self.emit("pass")
        self.indent -= 1
        if handler is not None:
            exc = self.temp()
            self.emit(f"except JSThrow as {exc}:")
            self.indent += 1
            self.pop_ctxs([s for s, _ in list(self.block_ctxs.values())[entered:]])
            scope = self.c.an.scopes[handler.id]
            saved, saved_ctx = self.scope, self.ctx_scope
            self.enter_scope(scope)
            param = handler.child_by_field_name("parameter")
            if param is not None:
                self.bind_pattern(param, f"_caught({exc})", init=True)
            self.statement(handler.child_by_field_name("body"))
            # V8 drops the caught value when the catch block ends (checked against node).
            for b in scope.bindings.values():
                if b.storage == "local":
                    self.emit(f"{b.py} = UNDEFINED")
            self.pop_ctx(scope)
            self.leave_scope(scope, saved, saved_ctx)
            self.indent -= 1
        else:
            self.emit("finally:")
            self.indent += 1
            self.emit("pass")
            self.indent -= 1
        if finalizer is not None:
            self.indent -= 1
            exc = self.temp()
            self.emit(f"except JSThrow as {exc}:")
            self.indent += 1
            self.emit(f"{pending} = {exc}.value")
            self.pop_ctxs([s for s, _ in list(self.block_ctxs.values())[entered:]])
            self.emit("raise")
            self.indent -= 1
            self.emit("finally:")
            self.indent += 1
            self.emit("if not _vm.aborting:")
            self.indent += 1
            self.statement(children(finalizer)[0])
            self.emit("pass")
            self.indent -= 1
            self.emit(f"{pending} = None")
            self.indent -= 1

    # ---------------------------------------------------------------- expressions
    def expr(self, node: Node, name_hint: str | None = None) -> str:
        t = node.type
        handler = getattr(self, "e_" + t, None)
        if handler is None:
            raise self.err(t.replace("_", " "), node)
        if t in ("function_expression", "function", "generator_function", "arrow_function", "class",
                 "parenthesized_expression"):
            return handler(node, name_hint)
        return handler(node)

    def e_parenthesized_expression(self, node: Node, name_hint: str | None = None) -> str:
        inner = children(node)  # `x = (function () {})` names the function too (8.4.5 NamedEvaluation)
        return self.expr(inner[0], name_hint if len(inner) == 1 else None)

    def e_number(self, node: Node) -> str:
        text = self.text(node).replace("_", "")
        low = text.lower()
        if low.endswith("n"):  # a BigInt literal ("n" is no hex digit)
            from engine.bigint import literal_value

            n = literal_value(self.text(node))
            if n is None:
                line, col = self.c.src.line_col(node)
                raise JSSyntaxError("Invalid or unexpected token", line, col)
            return f"_big({hex(n)})"  # hex: Python limits the length of decimal int literals
        try:
            if low.startswith(("0x", "0o", "0b")):  # beyond the largest double: Infinity
                v = ops.int_to_float(int(low[2:], {"0x": 16, "0o": 8, "0b": 2}[low[:2]]))
            elif low.endswith("n"):
                raise self.err("BigInt", node)
            elif len(low) > 1 and low[0] == "0" and low.isdigit():
                v = float(int(low, 8)) if all(ch in "01234567" for ch in low) else float(low)
            else:
                v = float(low)
        except ValueError as exc:
            raise self.err(f"the number literal {text}", node) from exc
        if v != v or v in (float("inf"), float("-inf")):
            return f"float({str(v)!r})"
        return repr(v)

    def e_string(self, node: Node) -> str:
        return repr(self.c.string_value(node))

    def e_template_string(self, node: Node) -> str:
        parts: list[str] = []
        for c in node.named_children:
            if c.type == "template_substitution":
                parts.append(f"_tostr({self.expr(children(c)[0])})")
            elif c.type == "string_fragment":
                parts.append(repr(self.text(c)))
            elif c.type == "escape_sequence":
                parts.append(repr(self.c.unescape(self.text(c))))
        if not parts:
            return "''"
        return "_template([" + ", ".join(parts) + "])"

    def e_true(self, node: Node) -> str:
        return "True"

    def e_false(self, node: Node) -> str:
        return "False"

    def e_null(self, node: Node) -> str:
        return "NULL"

    def e_regex(self, node: Node) -> str:
        from engine.builtins.regexp import check_literal

        pattern = node.child_by_field_name("pattern")
        flags = node.child_by_field_name("flags")
        source = self.text(pattern) if pattern is not None else ""
        flag_text = self.text(flags) if flags is not None else ""
        message = check_literal(source, flag_text)
        if message is not None:
            line, col = self.c.src.line_col(node)
            raise JSSyntaxError(message, line, col)
        return f"_vm.regexp_literal({source!r}, {flag_text!r}, {self.site(node)!r})"

    def e_undefined(self, node: Node) -> str:
        return self.read_var("undefined", node)

    def e_this(self, node: Node) -> str:
        if self.code.kind == "derived":
            return "_chkthis(_this)"
        return "_this"

    def e_meta_property(self, node: Node) -> str:
        if self.text(node).replace(" ", "") != "new.target":
            raise self.err("import.meta", node)
        if self.code.kind == "arrow":  # its enclosing function's (engine.early._capture_new_target)
            b = self.resolve("new.target")
            return "UNDEFINED" if b is None else self._binding_expr(b)
        if self.code.kind == "field":
            return "UNDEFINED"
        return "_newtarget(_f, _fn)"

    def e_identifier(self, node: Node) -> str:
        return self.read_var(self.text(node), node)

    def e_shorthand_property_identifier(self, node: Node) -> str:
        return self.read_var(self.text(node), node)

    def e_sequence_expression(self, node: Node) -> str:
        parts = [self.expr(c) for c in children(node)]
        return "(" + ", ".join(parts) + ")[-1]"

    def e_ternary_expression(self, node: Node) -> str:
        c = self.cond(node.child_by_field_name("condition"))
        a = self.expr(node.child_by_field_name("consequence"))
        b = self.expr(node.child_by_field_name("alternative"))
        return f"({a} if {c} else {b})"

    def e_binary_expression(self, node: Node) -> str:
        op = self.text(node.child_by_field_name("operator"))
        chain = self._operand_chain(node, op)
        if chain is not None:
            operands = ", ".join(self.expr(n) for n in chain)
            return f"_chain({BINARY[op]}, [{operands}])"
        if op == "in" and node.child_by_field_name("left").type == "private_property_identifier":
            pn = self.private_name(node.child_by_field_name("left"))
            return f"_privin({pn}, {self.expr(node.child_by_field_name('right'))})"
        left = self.expr(node.child_by_field_name("left"))
        right = self.expr(node.child_by_field_name("right"))
        if op == "&&":
            t = self.temp()
            return f"({t} if not _truthy({t} := {left}) else {right})"
        if op == "||":
            t = self.temp()
            return f"({t} if _truthy({t} := {left}) else {right})"
        if op == "??":
            t = self.temp()
            return f"({t} if ({t} := {left}) is not UNDEFINED and {t} is not NULL else {right})"
        fn = BINARY.get(op)
        if fn is None:
            raise self.err(f"the operator {op}", node)
        if fn.startswith("not "):
            return f"(not {fn[4:]}({left}, {right}))"
        return f"{fn}({left}, {right})"

    CHAINABLE = ("+", "-", "*", "/", "%", "&", "|", "^")

    def _operand_chain(self, node: Node, op: str) -> list[Node] | None:
        """The operands of a long left-nested chain `a + b + c + ...`, or None for a short one. A long chain
        compiles to one flat helper call, not one nested Python call per operator (Python's parser allows 200
        levels). Its operands are all evaluated first, then combined left to right."""
        if op not in self.CHAINABLE:
            return None
        rights: list[Node] = []
        cur = node
        while cur.type == "binary_expression" and self.text(cur.child_by_field_name("operator")) == op:
            rights.append(cur.child_by_field_name("right"))
            cur = cur.child_by_field_name("left")
        if len(rights) < 16:
            return None
        return [cur, *reversed(rights)]

    def e_unary_expression(self, node: Node) -> str:
        op = self.text(node.child_by_field_name("operator"))
        arg = node.child_by_field_name("argument")
        if op == "typeof":
            if arg.type == "identifier" and self.resolve(self.text(arg)) is None:
                return f"_gtypeof({self.text(arg)!r})"
            return f"_typeof({self.expr(arg)})"
        if op == "delete":
            return self.delete(arg)
        a = self.expr(arg)
        if op == "!":
            return f"(not _truthy({a}))"
        if op == "-":
            return f"_neg({a})"
        if op == "+":
            return f"_tonum({a})"
        if op == "~":
            return f"_bnot({a})"
        if op == "void":
            return f"({a}, UNDEFINED)[1]"
        raise self.err(f"the operator {op}", node)

    def delete(self, arg: Node) -> str:
        while arg.type == "parenthesized_expression":
            arg = children(arg)[0]
        delete = "_deletes" if self.code.strict else "_delete"
        if arg.type == "member_expression":
            return f"{delete}({self.expr(arg.child_by_field_name('object'))}, {self.text(arg.child_by_field_name('property'))!r})"
        if arg.type == "subscript_expression":
            return f"{delete}({self.expr(arg.child_by_field_name('object'))}, {self.expr(arg.child_by_field_name('index'))})"
        if arg.type == "identifier":
            return f"_gdelete({self.text(arg)!r})" if self.resolve(self.text(arg)) is None else "False"
        return f"({self.expr(arg)}, True)[1]"

    def e_update_expression(self, node: Node) -> str:
        return self.update(node, as_statement=False)

    def update(self, node: Node, as_statement: bool) -> str:
        op = self.text(node.child_by_field_name("operator"))
        arg = node.child_by_field_name("argument")
        prefix = node.children[0].type in ("++", "--")
        fn = "_inc" if op == "++" else "_dec"
        if arg.type == "identifier":
            name = self.text(arg)
            cur = self.read_var(name, arg)
            if as_statement:
                return self.write_var(name, f"{fn}({cur})", arg)
            old, new = self.temp(), self.temp()
            store = self.assign_expr_to_var(name, f"{fn}({old} := _tonumeric({cur}))", arg, new)
            return f"({store} if True else 0)" if prefix else f"({store}, {old})[1]"
        if arg.type in ("member_expression", "subscript_expression"):
            obj, key = self.temp(), self.temp()
            on_super = arg.child_by_field_name("object").type == "super"
            o = "" if on_super else self.expr(arg.child_by_field_name("object"))
            if on_super:
                get = f"_superget(_fn, {key}, _this)"
                put = f"_superput(_fn, {key}, _this, {{v}}, {self.code.strict})"
                pre = f"({key} := {self.super_key(arg)}), "
            elif arg.type == "member_expression" and \
                    arg.child_by_field_name("property").type == "private_property_identifier":
                pn = self.private_name(arg.child_by_field_name("property"))
                get = f"_privget({obj}, {pn})"
                put = f"_privset({obj}, {pn}, {{v}})"
                pre = f"({obj} := {o}), "
            elif arg.type == "member_expression":
                k = repr(self.text(arg.child_by_field_name("property")))
                get = f"_get({obj}, {k})"
                put = f"{self.put_fn}({obj}, {k}, {{v}})"
                pre = f"({obj} := {o}), "
            else:
                kx = self.expr(arg.child_by_field_name("index"))
                get = f"_get({obj}, {key})"
                put = f"{self.put_fn}({obj}, {key}, {{v}})"
                pre = f"({obj} := {o}), ({key} := _tokeyon({obj}, {kx})), "
            old = self.temp()
            newv = f"{fn}({old})"
            if prefix:
                return f"({pre}({old} := _tonumeric({get})), {put.format(v=newv)})[-1]"
            return f"({pre}({old} := _tonumeric({get})), {put.format(v=newv)}, {old})[-1]"
        while arg.type == "parenthesized_expression":
            arg = children(arg)[0]
        if arg.type == "call_expression":  # evaluated, then a ReferenceError (V8; an early error in the spec)
            where = "prefix operation" if prefix else "postfix operation"
            return f"({self.expr(arg)}, _throwref('Invalid left-hand side expression in {where}'))[-1]"
        raise self.err("this update target", arg)

    def assign_expr_to_var(self, name: str, value: str, node: Node, tmp: str) -> str:
        """An *expression* that stores `value` into binding `name` and evaluates to it."""
        b = self.resolve(name)
        if b is None:
            return f"{'_gputs' if self.code.strict else '_gput'}({name!r}, {value})"
        if b.kind == "const":
            return f"_constassign({value})"
        if b.storage == "local":
            if self.da_helpers:
                self.note_local_write(b)
            if b.kind in ("let", "class") and not self._surely_initialised(b, node):
                return f"({self.read_var(name, node)}, {b.py} := {value})[-1]"
            return f"({b.py} := {value})"
        if b.storage == "ctx":
            return f"_setslot({self.ctx_ref(b)}, {b.slot}, {value})"
        if b.storage == "script":
            return f"_setscript({name!r}, {value})"
        return f"_gput({name!r}, {value})"

    def e_assignment_expression(self, node: Node) -> str:
        return self.assign(node, as_statement=False)

    def assign(self, node: Node, as_statement: bool) -> str:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        while left.type == "parenthesized_expression":
            left = children(left)[0]
        if left.type == "identifier":
            name = self.text(left)
            value = self.expr(right, name)
            if as_statement:
                return self.write_var(name, value, left)
            return self.assign_expr_to_var(name, value, left, "")
        if left.type in ("member_expression", "subscript_expression"):
            value_hint = None
            return self.assign_target(left, self.expr(right, value_hint))
        if left.type in ("object_pattern", "array_pattern"):
            where = self.source_name(right)
            if not as_statement:
                return self.destructuring_expr(left, self.expr(right), where)
            tmp = self.temp()
            self.emit(f"{tmp} = {self.expr(right)}")
            self.assign_pattern(left, tmp, ("top", where))
            return "pass"
        raise self.err("this assignment target", left)

    # -- destructuring assignment (13.15.5)
    def source_name(self, node: Node) -> str:
        """How V8 names the value of `node` in "Cannot destructure property 'a' of 'X'"."""
        while node.type == "parenthesized_expression" and len(children(node)) == 1:
            node = children(node)[0]
        if node.type == "object":
            return "{}" if not children(node) else "{(intermediate value)}"
        if node.type == "unary_expression" and self.text(node.child_by_field_name("operator")) == "void":
            return f"(void {self.source_name(node.child_by_field_name('argument'))})"
        return self.callee_text(node)

    def destructuring_expr(self, pat: Node, value: str, where: str) -> str:
        """A destructuring assignment used as a value: a nested generator of the function, defined just before
        the statement that uses it, runs the pattern's statements (writing the function's locals through
        `nonlocal`) and returns the right-hand side; the expression is ``(yield from _daN(value))``. Calls inside
        it yield to the run loop through it; the collector sees its locals as the frame's (engine.gc)."""
        self.tmp += 1
        name = f"_da{self.tmp}"
        saved_out, saved_indent = self.out, self.indent
        self.out, self.indent = [], saved_indent + 1
        self.da_helpers.append((self.scope, set()))
        try:
            self.assign_pattern(pat, "_v", ("top", where))
            self.emit("return _v")
            self.emit("if 0: yield")
        finally:
            _, names = self.da_helpers.pop()
            body, self.out, self.indent = self.out, saved_out, saved_indent
        self.emit(f"def {name}(_v):")
        if names:
            self.emit(f"    nonlocal {', '.join(sorted(names))}")
        self.out.extend(body)
        return f"(yield from {name}({value}))"

    def note_local_write(self, b: Binding) -> None:
        """A Python local of the function written inside destructuring helpers: `nonlocal` there, unless its
        scope was entered inside the helper (then it is the helper's own)."""
        for start, names in self.da_helpers:
            s: Scope | None = start
            while s is not None and s is not b.scope:
                s = s.parent
            if s is not None:
                names.add(b.py)

    def target_ref(self, node: Node) -> Any:
        """Evaluate an assignment target's reference (its object and key) now; returns how to store into it
        later (a function of the value's expression giving a statement), or None for a nested pattern."""
        while node.type == "parenthesized_expression" and len(children(node)) == 1:
            node = children(node)[0]
        t = node.type
        if t in ("array_pattern", "object_pattern"):
            return None
        if t in ("identifier", "shorthand_property_identifier_pattern"):
            name = self.text(node)
            return lambda v: self.write_var(name, v, node)
        obj_node = node.child_by_field_name("object")
        plain = obj_node is not None and obj_node.type != "super" and (
            t == "subscript_expression" or (
                t == "member_expression" and node.child_by_field_name("optional_chain") is None
                and node.child_by_field_name("property").type != "private_property_identifier"))
        if t == "subscript_expression" and node.child_by_field_name("optional_chain") is not None:
            plain = False
        if not plain:
            return lambda v: self.assign_target(node, v)
        o = self.temp()
        self.emit(f"{o} = {self.expr(obj_node)}")
        if t == "member_expression":
            prop = self.text(node.child_by_field_name("property"))
            return lambda v: f"{self.put_fn}({o}, {prop!r}, {v})"
        k = self.temp()
        self.emit(f"{k} = {self.expr(node.child_by_field_name('index'))}")
        return lambda v: f"{self.put_fn}v({o}, {k}, {v})"

    def _assign_element(self, target: Node, default: Node | None, fetch: str, where: tuple) -> None:
        """One AssignmentElement / AssignmentProperty: the target's reference, then the value (`fetch`, an
        expression), then the default if it is undefined, then the store or the nested pattern."""
        while target.type == "parenthesized_expression" and len(children(target)) == 1:
            target = children(target)[0]
        ref = self.target_ref(target)
        v = self.temp()
        self.emit(f"{v} = {fetch}")
        if default is not None:
            self.emit(f"if {v} is UNDEFINED:")
            self.indent += 1
            hint = self.text(target) if target.type in ("identifier", "shorthand_property_identifier_pattern") else None
            self.emit(f"{v} = {self.expr(default, hint)}")
            self.indent -= 1
        if ref is None:
            self.assign_pattern(target, v, where)
        else:
            self.emit(ref(v))

    def assign_pattern(self, pat: Node, value: str, where: tuple) -> None:
        """Emit DestructuringAssignmentEvaluation of `pat` with the value of expression `value`. `where` is how
        the value came: ("top", source name), ("elem",) from an array pattern, ("prop", key, outer source)."""
        while pat.type == "parenthesized_expression" and len(children(pat)) == 1:
            pat = children(pat)[0]
        if pat.type == "array_pattern":
            self.tmp += 1
            it, n = f"_i{self.tmp}", self.tmp  # the iterator record: a root while the pattern runs
            outer = repr(where[2]) if where[0] == "prop" else "None"
            self.emit(f"{it} = _daiter({value}, {outer})")
            self.emit("try:")
            self.indent += 1
            self.emit("pass")
            had_elem = False
            for c in pat.children:
                if c.type == ",":
                    if not had_elem:  # an elision: one IteratorStep
                        self.emit(f"_dastep({it})")
                    had_elem = False
                    continue
                if not c.is_named or c.type in ("comment", "html_comment", "hash_bang_line"):
                    continue
                had_elem = True
                if c.type == "rest_pattern":
                    target = children(c)[0]
                    self._assign_element(target, None, f"_newarr_nosite(list({it}))", ("elem",))
                elif c.type == "assignment_pattern":
                    self._assign_element(c.child_by_field_name("left"), c.child_by_field_name("right"),
                                         f"_dastep({it})", ("elem",))
                else:
                    self._assign_element(c, None, f"_dastep({it})", ("elem",))
            self.indent -= 1
            self.emit(f"except BaseException as _e{n}:")
            self.emit(f"    _iterclose_abrupt({it}, _e{n})")
            self.emit("    raise")
            self.emit(f"_iterclose({it})")
            self.emit(f"{it} = None")
            return
        if pat.type != "object_pattern":
            raise self.err(f"this destructuring pattern ({pat.type})", pat)
        props = [c for c in children(pat) if c.type not in ("comment", "html_comment", "hash_bang_line")]
        src = self.temp()
        self.emit(f"{src} = _dareq({value}, {self._coercible_message(props, where)!r})")
        here = where[1] if where[0] == "top" else "(intermediate value)"
        used: list[str] = []
        for c in props:
            if c.type == "shorthand_property_identifier_pattern":
                key = repr(self.text(c))
                used.append(key)
                self._assign_element(c, None, f"_get({src}, {key})", where)
            elif c.type == "object_assignment_pattern":
                left = c.child_by_field_name("left")
                key = repr(self.text(left))
                used.append(key)
                self._assign_element(left, c.child_by_field_name("right"), f"_get({src}, {key})", where)
            elif c.type == "pair_pattern":
                key_node = c.child_by_field_name("key")
                k = self.prop_key(key_node)
                if not k.startswith(("'", '"')):
                    kt = self.temp()
                    self.emit(f"{kt} = {k}")
                    k = kt
                used.append(k)
                target, default = c.child_by_field_name("value"), None
                if target.type == "assignment_pattern":
                    target, default = target.child_by_field_name("left"), target.child_by_field_name("right")
                name = self.c.key_name(key_node) if key_node.type != "computed_property_name" else None
                self._assign_element(target, default, f"_get({src}, {k})", ("prop", name, here))
            elif c.type == "rest_pattern":
                self._assign_element(children(c)[0], None, f"_daobjrest({src}, [{', '.join(used)}])", where)
            else:
                raise self.err(f"this destructuring pattern ({c.type})", c)

    def _coercible_message(self, props: list[Node], where: tuple) -> str:
        """V8's TypeError when an object pattern meets undefined or null (``@V@`` is which)."""
        first = props[0] if props else None
        key = None
        if first is not None:
            if first.type == "shorthand_property_identifier_pattern":
                key = self.text(first)
            elif first.type == "object_assignment_pattern":
                key = self.text(first.child_by_field_name("left"))
            elif first.type == "pair_pattern" and first.child_by_field_name("key").type != "computed_property_name":
                key = self.c.key_name(first.child_by_field_name("key"))
        reading = f"Cannot read properties of @V@ (reading '{key}')"
        if where[0] == "top":
            if key is None:
                return f"Cannot destructure '{where[1]}' as it is @V@."
            plain = first.type == "shorthand_property_identifier_pattern" or (
                first.type == "pair_pattern" and first.child_by_field_name("value").type in (
                    "identifier", "object_pattern", "array_pattern"))
            return f"Cannot destructure property '{key}' of '{where[1]}' as it is @V@." if plain else reading
        if key is not None:
            return reading
        if where[0] == "prop" and where[1] is not None and (first is None or first.type != "rest_pattern"):
            return f"Cannot destructure property '{where[1]}' of '{where[2]}' as it is @V@."
        return "Cannot read properties of @V@"

    def super_key(self, left: Node) -> str:
        """The key of a `super.x` / `super[k]` target, as an expression."""
        if left.type == "member_expression":
            return repr(self.text(left.child_by_field_name("property")))
        return f"_tokey({self.expr(left.child_by_field_name('index'))})"

    def assign_target(self, left: Node, value: str) -> str:
        if left.child_by_field_name("object").type == "super":
            return f"_superput(_fn, {self.super_key(left)}, _this, {value}, {self.code.strict})"
        obj = self.expr(left.child_by_field_name("object"))
        if left.type == "member_expression":
            if left.child_by_field_name("optional_chain") is not None:
                raise self.err("optional chaining on the left of =", left)
            prop = left.child_by_field_name("property")
            if prop.type == "private_property_identifier":
                return f"_privset({obj}, {self.private_name(prop)}, {value})"
            return f"{self.put_fn}({obj}, {self.text(prop)!r}, {value})"
        return f"{self.put_fn}v({obj}, {self.expr(left.child_by_field_name('index'))}, {value})"

    @property
    def put_fn(self) -> str:
        return "_puts" if self.code.strict else "_put"

    def e_augmented_assignment_expression(self, node: Node) -> str:
        op = self.text(node.child_by_field_name("operator"))[:-1]
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if op in ("&&", "||", "??"):
            return self._logical_assign(op, left, right)
        fn = BINARY[op]
        if left.type == "identifier":
            name = self.text(left)
            cur = self.read_var(name, left)
            return self.assign_expr_to_var(name, f"{fn}({cur}, {self.expr(right)})", left, "")
        if left.type in ("member_expression", "subscript_expression") and \
                left.child_by_field_name("object").type == "super":
            key = self.temp()
            return (f"_superput(_fn, ({key} := {self.super_key(left)}), _this, "
                    f"{fn}(_superget(_fn, {key}, _this), {self.expr(right)}), {self.code.strict})")
        if left.type in ("member_expression", "subscript_expression"):
            obj, key = self.temp(), self.temp()
            o = self.expr(left.child_by_field_name("object"))
            if left.type == "member_expression":
                prop = left.child_by_field_name("property")
                if prop.type == "private_property_identifier":
                    pn = self.private_name(prop)
                    return f"_privset(({obj} := {o}), {pn}, {fn}(_privget({obj}, {pn}), {self.expr(right)}))"
                k = repr(self.text(prop))
                return f"{self.put_fn}(({obj} := {o}), {k}, {fn}(_get({obj}, {k}), {self.expr(right)}))"
            kx = self.expr(left.child_by_field_name("index"))
            return (f"{self.put_fn}(({obj} := {o}), ({key} := _tokeyon({obj}, {kx})), "
                    f"{fn}(_get({obj}, {key}), {self.expr(right)}))")
        raise self.err("this assignment target", left)

    def _logical_assign(self, op: str, left: Node, right: Node) -> str:
        cur = self.expr(left)
        t = self.temp()
        if op == "&&":
            test = f"_truthy({t} := {cur})"
        elif op == "||":
            test = f"not _truthy({t} := {cur})"
        else:
            test = f"(({t} := {cur}) is UNDEFINED or {t} is NULL)"
        if left.type == "identifier":
            store = self.assign_expr_to_var(self.text(left), self.expr(right, self.text(left)), left, "")
        else:
            store = self.assign_target(left, self.expr(right))
        return f"({store} if {test} else {t})"

    # -- member access, calls and optional chains
    def e_member_expression(self, node: Node) -> str:
        return self.chain(node)

    def e_subscript_expression(self, node: Node) -> str:
        return self.chain(node)

    def e_call_expression(self, node: Node) -> str:
        fn = node.child_by_field_name("function")
        if fn.type == "import":
            raise self.err("import()", node)
        return self.chain(node)

    def chain(self, node: Node) -> str:
        """Compile a member/call chain; `?.` short-circuits the rest of the chain (13.3.9)."""
        links: list[Node] = []
        cur = node
        while cur.type in ("member_expression", "subscript_expression", "call_expression"):
            links.append(cur)
            inner = cur.child_by_field_name("object") if cur.type != "call_expression" else cur.child_by_field_name("function")
            if inner.type == "parenthesized_expression":
                break
            cur = inner
        links.reverse()
        base_node = links[0].child_by_field_name("object") if links[0].type != "call_expression" else links[0].child_by_field_name("function")
        if base_node.type == "super":
            return self.super_chain(links)
        base = self.expr(base_node)
        return self._links(base, links)

    def _links(self, base: str, links: list[Node]) -> str:
        """Apply `links` to the value `base`; a method call keeps its receiver."""
        value = base
        recv: str | None = None
        for i, link in enumerate(links):
            optional = link.child_by_field_name("optional_chain") is not None
            if optional:
                t = self.temp()
                rest = self._links_on(t, recv, links[i:])
                return f"(UNDEFINED if (({t} := {value}) is UNDEFINED or {t} is NULL) else {rest})"
            value, recv = self._apply(value, recv, link)
        return value

    def _links_on(self, t: str, recv: str | None, links: list[Node]) -> str:
        first = links[0]
        value, r = self._apply(t, recv, first, known_temp=True)
        if len(links) == 1:
            return value
        return self._links(value, links[1:]) if r is None else self._links_with_recv(value, r, links[1:])

    def _links_with_recv(self, value: str, recv: str, links: list[Node]) -> str:
        out = value
        rc: str | None = recv
        for i, link in enumerate(links):
            if link.child_by_field_name("optional_chain") is not None:
                t = self.temp()
                rest = self._links_on(t, rc, links[i:])
                return f"(UNDEFINED if (({t} := {out}) is UNDEFINED or {t} is NULL) else {rest})"
            out, rc = self._apply(out, rc, link)
        return out

    def _apply(self, value: str, recv: str | None, link: Node, known_temp: bool = False) -> tuple[str, str | None]:
        """One link of a chain. Returns (expression, receiver temp for a following call)."""
        t = link.type
        if t == "member_expression":
            prop = link.child_by_field_name("property")
            o = self.temp()
            if prop.type == "private_property_identifier":
                return f"_privget(({o} := {value}), {self.private_name(prop)})", o
            return f"_get(({o} := {value}), {self.text(prop)!r})", o
        if t == "subscript_expression":
            o = self.temp()
            idx = self.expr(link.child_by_field_name("index"))
            return f"_getv(({o} := {value}), {idx})", o
        # call
        args = self.arguments(link.child_by_field_name("arguments"))
        if args != "[]":
            args = f"({self.temp()} := {args})"
        p = self.call_pos(link.child_by_field_name("arguments") or link)
        callee = self.callee_text(link.child_by_field_name("function"))
        if recv is not None:
            return f"(yield ({value}, {recv}, {args}, {p}, {callee!r}))", None
        return f"(yield ({value}, UNDEFINED, {args}, {p}, {callee!r}))", None

    def callee_text(self, node: Node) -> str:
        """How V8's CallPrinter names a callee in "x is not a function"."""
        import re
        if node.type == "call_expression":
            return self.callee_text(node.child_by_field_name("function")) + "(...)"
        text = re.sub(r"\s+", "", self.text(node))
        text = re.sub(r"\[(['\"])([A-Za-z_$][\w$]*)\1\]", r".\2", text)
        if re.fullmatch(r"[\w$]+(?:\??\.#?[\w$]+|\[[^\[\]()]*\])*", text):
            big = re.match(r"\d\w*n(?![\w$])", text)  # V8 names a BigInt literal "(intermediate value)"
            if big is not None:
                return "(intermediate value)" + text[big.end():].replace("?.", ".")
            return text.replace("?.", ".")
        return "(intermediate value)"

    def arguments(self, node: Node) -> str:
        if node is None:
            return "[]"
        if node.type == "template_string":
            return self.template_arguments(node)
        parts = []
        for a in children(node):
            if a.type == "spread_element":
                inner = children(a)[0]
                parts.append(f"*_spread({self.expr(inner)}, {self.callee_text(inner)!r})")
            else:
                parts.append(self.expr(a))
        return "[" + ", ".join(parts) + "]"

    def template_arguments(self, node: Node) -> str:
        """A tagged template's arguments: its strings object (one per site, engine.template_rt), then the
        substitutions' values."""
        data = self.c.src.data
        cooked: list[str | None] = []
        raws: list[str] = []
        values: list[str] = []
        start = node.start_byte + 1
        piece: list[str] = []
        invalid = False
        for c in node.children:
            if c.type in ("template_substitution", "`") and c.start_byte >= start:
                if c.type == "`" and c.start_byte == node.start_byte:
                    continue
                raws.append(data[start:c.start_byte].decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))
                cooked.append(None if invalid else
                              ops.join_surrogates("".join(piece)).replace("\r\n", "\n").replace("\r", "\n"))
                piece = []
                invalid = False
                if c.type == "template_substitution":
                    values.append(self.expr(children(c)[0]))
                    start = c.end_byte
            elif c.type == "string_fragment":
                piece.append(self.text(c))
            elif c.type == "escape_sequence" and (c.start_byte in self.c.src.bad_escapes or _bad_escape(
                    self.text(c).encode(), 0, len(c.text)) is not None):
                invalid = True  # an invalid escape: the cooked string is undefined (13.2.8.3)
            elif c.type == "escape_sequence":
                piece.append(self.c.unescape(self.text(c)))
        site = self.site(node)
        return f"[_tplobj({site!r}, {cooked!r}, {raws!r}), {', '.join(values)}]"

    def super_chain(self, links: list[Node]) -> str:
        first = links[0]
        if first.type == "call_expression":
            if self.code.kind != "derived" or not self._super_call_first(first):
                raise self.err("super(...) inside an expression", first)
            self.super_call(first)  # evaluated first in its statement: run it before the rest, value `this`
            return self._links("_this", links[1:]) if len(links) > 1 else "_this"
        if first.type == "member_expression":
            key = repr(self.text(first.child_by_field_name("property")))
        else:
            key = f"_tokey({self.expr(first.child_by_field_name('index'))})"
        value = f"_superget(_fn, {key}, _this)"
        if len(links) > 1 and links[1].type == "call_expression":
            args = self.arguments(links[1].child_by_field_name("arguments"))
            call = f"(yield ({value}, _this, {args}, {self.pos(links[1])}))"
            return self._links(call, links[2:]) if len(links) > 2 else call
        return self._links(value, links[1:])

    @staticmethod
    def _super_call_first(call: Node) -> bool:
        """`return super(x)`, `value = super()`, `const t = super().x`: nothing in the statement is evaluated
        before the call, so it can run as a statement of its own just before."""
        node = call
        while node.parent is not None:
            parent = node.parent
            t = parent.type
            if t in ("return_statement", "expression_statement"):
                return True
            if t == "variable_declarator":
                return parent.child_by_field_name("value") == node and \
                    parent.child_by_field_name("name").type == "identifier" and \
                    parent.parent is not None and len(children(parent.parent)) == 1
            if t == "assignment_expression":
                if parent.child_by_field_name("right") != node or \
                        parent.child_by_field_name("left").type != "identifier":
                    return False
            elif t == "member_expression" or t == "subscript_expression":
                if parent.child_by_field_name("object") != node:
                    return False
            elif t != "parenthesized_expression":
                return False
            node = parent
        return False

    def super_call(self, node: Node) -> None:
        if self.code.kind != "derived":
            line, col = self.c.src.line_col(node)
            raise JSSyntaxError("'super' keyword unexpected here", line, col)
        args = self.arguments(node.child_by_field_name("arguments"))
        p = self.pos(node)
        self.emit(f"_this = _superdone(_f, (yield (SUPER, _fn, {args}, {p})))")
        self.emit_fields()

    def emit_fields(self) -> None:
        """Instance fields are defined on `this` right after it exists (base: at entry; derived: after super)."""
        cls = self.c.current_class
        if cls is None:
            return
        if cls.private_methods:  # the brand first, then the fields in order (7.3.35 InitializeInstanceElements)
            self.emit(f"_privbrand(_this, [{', '.join(cls.private_methods)}])")
        for key_expr, value_node, hint in cls.instance_fields:
            v = self.field_value(value_node, hint)
            if key_expr.startswith("#"):  # V8 reports a second initialisation at the field's line
                line = self.c.src.line_col(cls.private_fields[key_expr])[0]
                self.emit(f"_pp = _f.pos; _f.pos = {self.c.position(line, self.scope.id)}; "
                          f"_privinit(_this, {key_expr[1:]}, {v}); _f.pos = _pp")
            else:
                self.emit(f"_defprop(_this, {key_expr}, {v})")

    def field_value(self, value_node: Node | None, hint: str | None) -> str:
        if value_node is None:
            return "UNDEFINED"
        info = self.c.an.funcs[value_node.parent.id]
        saved_scope, saved_ctx, saved_info = self.scope, self.ctx_scope, self.info
        self.scope = info.scope  # type: ignore[assignment]
        try:
            return self.expr(value_node, hint)
        finally:
            self.scope, self.ctx_scope, self.info = saved_scope, saved_ctx, saved_info

    def e_new_expression(self, node: Node) -> str:
        ctor = node.child_by_field_name("constructor")
        args = self.arguments(node.child_by_field_name("arguments"))
        return (f"(yield (NEW, {self.expr(ctor)}, {args}, {self.call_pos(node)}, {self.site(node)!r}, "
                f"{self.callee_text(ctor)!r}))")

    def e_spread_element(self, node: Node) -> str:
        raise self.err("spread here", node)

    # -- literals that allocate
    def e_array(self, node: Node) -> str:
        items: list[str] = []
        expect_value = True
        for c in node.children:
            if c.type == "[":
                continue
            if c.type in (",", "]"):
                if expect_value and c.type == ",":
                    items.append("HOLE")
                expect_value = True
                continue
            if not c.is_named or c.type in ("comment", "html_comment", "hash_bang_line"):
                continue
            if c.type == "spread_element":
                inner = children(c)[0]
                items.append(f"*_spread({self.expr(inner)}, {self.callee_text(inner)!r})")
            else:
                items.append(self.expr(c))
            expect_value = False
        arr = self.temp()
        return f"_arrfill(({arr} := _newarr({self.site(node)!r})), [{', '.join(items)}])"

    def e_object(self, node: Node) -> str:
        obj = self.temp()
        methods: list[str] = []
        props: list[str] = []
        for c in children(node):
            t = c.type
            if t == "pair":
                key_node = c.child_by_field_name("key")
                if key_node.type in ("property_identifier", "string") and self.c.key_name(key_node) == "__proto__":
                    # B.3.1 __proto__ Property Names in Object Initializers: sets the prototype
                    props.append(f"('__proto__', {self.expr(c.child_by_field_name('value'))}, 'proto')")
                    continue
                key = self.prop_key(key_node)
                hint = self.c.key_name(key_node)
                props.append(f"({key}, {self.expr(c.child_by_field_name('value'), hint)})")
            elif t == "shorthand_property_identifier":
                props.append(f"({self.text(c)!r}, {self.read_var(self.text(c), c)})")
            elif t == "spread_element":
                props.append(f"(SPREAD, {self.expr(children(c)[0])})")
            elif t == "method_definition":
                m, key_expr, kind = self.method_value(c, obj)
                mt = self.temp()
                methods.append(f"({mt} := {m})")
                props.append(f"({key_expr}, {mt}, {kind!r})")
            else:
                raise self.err(f"{t.replace('_', ' ')} in an object literal", c)
        parts = [f"({obj} := _newobj({self.site(node)!r}))"] + methods
        return f"_objfill({', '.join(parts)}, {'[' + ', '.join(props) + ']'})" if methods else \
            f"_objfill({parts[0]}, [{', '.join(props)}])"

    def prop_key(self, key_node: Node) -> str:
        t = key_node.type
        if t in ("property_identifier", "identifier", "shorthand_property_identifier"):
            return repr(self.text(key_node))
        if t == "string":
            return repr(self.c.string_value(key_node))
        if t == "number":
            return f"_tokey({self.e_number(key_node)})"
        if t == "computed_property_name":
            return f"_tokey({self.expr(children(key_node)[0])})"
        if t == "private_property_identifier":  # (a private method's key is its Private Name, not a property)
            return repr(self.text(key_node))
        raise self.err(f"the property key {t}", key_node)

    def method_value(self, node: Node, home: str) -> tuple[str, str, str]:
        """(function expression, key expression, kind) for a method/getter/setter definition."""
        name_node = node.child_by_field_name("name")
        key_expr = self.prop_key(name_node)
        kind = "method"
        for ch in node.children:
            if ch.type in ("get", "set") and ch.next_sibling is not None and ch.next_sibling.is_named:
                kind = ch.type
        static_name = self.c.key_name(name_node)
        name = static_name or ""
        if kind in ("get", "set"):
            name = f"{kind} {name}"
        params = node.child_by_field_name("parameters")
        in_class = node.parent is not None and node.parent.type == "class_body"
        code = self.c.compile_function(node, name, "method", strict=in_class or self.code.strict)
        return f"_mkmethod({code}, {self.cur_ctx()}, {self.site(params)!r}, {home})", key_expr, kind

    def function_value(self, node: Node, name_hint: str | None) -> str:
        name_node = node.child_by_field_name("name")
        name = self.text(name_node) if name_node is not None else (name_hint or "")
        kind = "arrow" if node.type == "arrow_function" else "normal"
        code = self.c.compile_function(node, name, kind, strict=self.code.strict)
        info = self.c.an.funcs[node.id]
        site = self.site(node)
        if kind == "arrow":
            this = "_this" if info.uses_this else "None"
            home = "_fn.home" if self.info.node is not None else "None"
            return f"_mkarrow({code}, {self.cur_ctx()}, {site!r}, {this}, {home})"
        return f"_mkfn({code}, {self.cur_ctx()}, {site!r})"

    def e_function_expression(self, node: Node, name_hint: str | None = None) -> str:
        return self.function_value(node, name_hint)

    e_function = e_function_expression
    e_generator_function = e_function_expression

    def e_await_expression(self, node: Node) -> str:
        if not self.code.is_async:
            line, col = self.c.src.line_col(node)
            raise JSSyntaxError("await is only valid in async functions and the top level bodies of modules", line, col)
        return f"(yield (AWAIT, {self.expr(children(node)[0])}))"

    def e_yield_expression(self, node: Node) -> str:
        if not self.code.is_gen and not node.named_children and not any(c.type == "*" for c in node.children):
            return self.read_var("yield", node)  # an identifier in sloppy code outside generators
        if not self.code.is_gen:
            line, col = self.c.src.line_col(node)
            raise JSSyntaxError("Unexpected identifier 'yield'" if children(node) else "Unexpected strict mode reserved word",
                                line, col)
        inner = children(node)
        if any(c.type == "*" for c in node.children):
            self.tmp += 1
            it = f"_y{self.tmp}"  # the inner iterator: a root while the delegation runs
            if self.code.is_async:
                return (f"(yield from _agystar(_vm, ({it} := _agiter({self.expr(inner[0])})), "
                        f"{self.pos(node)}))")
            return f"(yield from _ystar(_vm, ({it} := _ydeleg({self.expr(inner[0])})), {self.pos(node)}))"
        value = self.expr(inner[0]) if inner else "UNDEFINED"
        if self.code.is_async:  # an async generator awaits what it yields
            return f"(yield from _agyield({value}))"
        return f"(yield (YIELD, {value}))"

    def e_arrow_function(self, node: Node, name_hint: str | None = None) -> str:
        return self.function_value(node, name_hint)

    def e_class(self, node: Node, name_hint: str | None = None) -> str:
        name_node = node.child_by_field_name("name")
        name = self.text(name_node) if name_node is not None else (name_hint or "")
        inner = self.c.an.scopes.get(node.id)
        if inner is None:
            return self.class_value(node, name)
        saved, saved_ctx = self.scope, self.ctx_scope
        self.enter_scope(inner)
        b = inner.bindings[name]
        value = self.class_value(node, name)
        if b.storage == "ctx":
            value = f"_setslot({b.scope.ctx_var}, {b.slot}, {value})"
        else:
            value = f"({b.py} := {value})"
        self.leave_scope(inner, saved, saved_ctx)
        return value

    def class_value(self, node: Node, name: str) -> str:
        """ClassDefinitionEvaluation (15.7.14), as one helper call plus static field setup."""
        heritage = next((c for c in node.named_children if c.type == "class_heritage"), None)
        parent = "HOLE"
        if heritage is not None:
            parent = self.expr(children(heritage)[0])
        body = node.child_by_field_name("body")
        pscope = self.c.an.scopes.get(body.id)  # the class's private names (engine.scope._private_scope)
        saved_scope, saved_ctx = self.scope, self.ctx_scope
        private_kinds: dict[str, tuple[str, bool]] = {}
        if pscope is not None:
            for m in children(body):
                key = m.child_by_field_name("name" if m.type == "method_definition" else "property")
                if key is not None and key.type == "private_property_identifier":
                    kind = "field" if m.type == "field_definition" else (
                        "method" if self._method_kind(m) == "method" else "accessor")
                    private_kinds[self.text(key)] = (kind, self._is_static(m))
            self.enter_scope(pscope)
            for pname, b in pscope.bindings.items():
                kind, static = private_kinds[pname]
                self.emit(self._store(b, pname, f"_privname({pname!r}, {kind!r}, {static})"))
        ctor_node = None
        methods: list[Node] = []
        instance_fields: list[tuple[str, Node | None, str | None]] = []
        static_fields: list[tuple[str, Node | None, str | None]] = []  # and static blocks: (None, block, None)
        private_methods: list[str] = []
        private_fields: dict[str, Node] = {}
        computed_keys: dict[int, str] = {}  # a field with a computed key: the temp holding the key
        n_instance_keys = 0
        for m in children(body):
            if m.type == "method_definition":
                name_node = m.child_by_field_name("name")
                if self.text(name_node) == "constructor" and not self._is_static(m):
                    ctor_node = m
                else:
                    methods.append(m)
                    if name_node.type == "private_property_identifier" and not self._is_static(m):
                        pn = self.private_name(name_node)
                        if pn not in private_methods:
                            private_methods.append(pn)
            elif m.type == "field_definition":
                prop = m.child_by_field_name("property")
                if prop.type == "private_property_identifier":
                    key = "#" + self.private_name(prop)
                    private_fields[key] = m
                elif prop.type == "computed_property_name":
                    # evaluated once, in element order, while the class is defined (15.7.14 step 31); an
                    # instance field's key is kept on the class for its constructor, a static one in a temp
                    t = self.temp()
                    computed_keys[m.id] = t
                    key = t if self._is_static(m) else f"_fn.fields[{n_instance_keys}][0]"
                    n_instance_keys += 0 if self._is_static(m) else 1
                else:
                    key = self.prop_key(prop)
                hint = self.c.key_name(prop) or (self.text(prop) if prop.type == "private_property_identifier" else None)
                entry = (key, m.child_by_field_name("value"), hint)
                (static_fields if self._is_static(m) else instance_fields).append(entry)
            elif m.type == "class_static_block":
                static_fields.append(("", m, None))
        derived = heritage is not None
        cls_info = _ClassInfo(instance_fields, private_methods, private_fields)
        saved = self.c.current_class
        self.c.current_class = cls_info
        ctor_code = self.c.compile_constructor(node, ctor_node, name, derived, cls_info, self.scope)
        self.c.current_class = saved
        cls = self.temp()
        proto_t = self.temp()
        site = self.site(node)
        out = [f"({cls} := _mkclass({ctor_code}, {self.cur_ctx()}, {site!r}, {parent}))",
               f"({proto_t} := _get({cls}, 'prototype'))"]
        if node.type == "class_declaration" and static_fields:
            out.append(self._init_class_name(node, name, cls))
        for m in children(body):
            if m.id in computed_keys:
                t = computed_keys[m.id]
                key = self.prop_key(m.child_by_field_name("property"))
                out.append(f"({t} := {f'_staticname({key})' if self._is_static(m) else key})")
                if not self._is_static(m):
                    out.append(f"{cls}.fields.append(({t}, None))")
                continue
            if m.type != "method_definition" or (ctor_node is not None and m.id == ctor_node.id):
                continue
            static = self._is_static(m)
            name_node = m.child_by_field_name("name")
            if name_node.type == "private_property_identifier":
                fn, _, kind = self.method_value(m, cls if static else proto_t)
                out.append(f"_privmethod({self.private_name(name_node)}, {fn}, {kind!r})")
                continue
            fn, key, kind = self.method_value(m, cls if static else proto_t)
            out.append(f"_defmethod({cls if static else proto_t}, {key}, {fn}, {kind!r})")
        if pscope is not None:  # static private methods are the class's before any static field is defined
            names = ", ".join(self.private_name_of(n) for n in pscope.bindings)
            out.append(f"_privclass({cls}, [{names}])")
        for key, value, hint in static_fields:
            if value is not None and value.type == "class_static_block":
                info = self.c.an.funcs[value.id]
                code = self.c.compile_static_block(value, info)
                init = f"_mkmethod({code}, {self.cur_ctx()}, None, {cls})"
                out.append(f"(yield ({init}, {cls}, [], {self.pos(value)}))")
                continue
            define = f"_privinit({cls}, {key[1:]}, " if key.startswith("#") else f"_defprop({cls}, {key}, "
            if value is None:
                out.append(f"{define}UNDEFINED)")
                continue
            info = self.c.an.funcs[value.parent.id]
            code = self.c.compile_field_init(value.parent, info, hint)
            init = f"_mkfn({code}, {self.cur_ctx()}, None)"
            out.append(f"{define}(yield ({init}, {cls}, [], {self.pos(value)})))")
        if pscope is not None:
            if pscope.has_ctx:  # the class's context is its closures' from now on (V8 pops it)
                out.append(f"({pscope.ctx_var} := None)")
            self.leave_scope(pscope, saved_scope, saved_ctx)
        return "(" + ", ".join(out) + f", {cls})[-1]"

    def _init_class_name(self, node: Node, name: str, cls: str) -> str:
        """A declared class's name is initialised before its static fields and blocks run (as the class scope's
        own binding of it is: 15.7.14 step 27), which may use it: as an expression."""
        b = self.resolve(name)
        if b is None:
            return f"_gput({name!r}, {cls})"
        if b.storage == "local":
            return f"({b.py} := {cls})"
        if b.storage == "ctx":
            return f"_setslot({self.ctx_ref(b)}, {b.slot}, {cls})"
        if b.storage == "script":
            return f"_sv.__setitem__({name!r}, {cls})"
        return f"_gput({name!r}, {cls})"

    def private_name(self, node: Node) -> str:
        """The expression for the Private Name `#x` means here (the innermost class declaring it)."""
        return self.private_name_of(self.text(node))

    def private_name_of(self, name: str) -> str:
        b = self.resolve(name)
        assert b is not None and b.kind == "private", name
        return self._binding_expr(b)

    def _method_kind(self, m: Node) -> str:
        for ch in m.children:
            if ch.type in ("get", "set") and ch.next_sibling is not None and ch.next_sibling.is_named:
                return ch.type
        return "method"

    def _is_static(self, m: Node) -> bool:
        return any(c.type == "static" for c in m.children)


@dataclass
class _ClassInfo:
    instance_fields: list[tuple[str, Node | None, str | None]]  # a private field's key is "#" + its name's expr
    private_methods: list[str] = field(default_factory=list)     # instance private methods' names (exprs)
    private_fields: dict[str, Node] = field(default_factory=dict)  # key -> the field's node


class Compiler:
    """Compile an analysed program to Python source, then to generator functions."""

    def __init__(self, src: Source, analysis: Analysis, trace_steps: bool = False) -> None:
        self.src = src
        self.an = analysis
        self.trace_steps = trace_steps
        self.program = Program(src)
        self.defs: list[str] = []
        self.current_class: _ClassInfo | None = None
        self._pos_index: dict[tuple[int, int], int] = {}

    def position(self, line: int, scope_id: int) -> int:
        key = (line, scope_id)
        p = self._pos_index.get(key)
        if p is None:
            p = len(self.program.lines)
            self._pos_index[key] = p
            self.program.lines.append(line)
            self.program.pos_scopes.append(scope_id)
        return p

    def source_text(self, node: Node, kind: str) -> str:
        """What Function.prototype.toString gives (20.2.3.5): a class's whole text, also when its constructor
        is written out; a static method's text from its name (or `async`, `get`, `*`), after `static`."""
        if kind in ("class", "derived") and node.type == "method_definition":
            while node.parent is not None and node.type not in ("class", "class_declaration"):
                node = node.parent
        if node.type == "method_definition" and node.children and node.children[0].type == "static":
            rest = [c for c in node.children[1:] if c.type not in ("comment", "html_comment")]
            if rest:
                return self.src.data[rest[0].start_byte:node.end_byte].decode("utf-8", errors="replace")
        return self.src.text_of(node)

    def new_code(self, name: str, kind: str, node: Node | None, strict: bool) -> FunctionCode:
        line = self.src.line_col(node)[0] if node is not None else 1
        code = FunctionCode(len(self.program.codes), name, kind, strict, line, self.program.lines,
                            self.program.pos_scopes)
        if node is not None:
            code.source = self.source_text(node, kind)
        self.program.codes.append(code)
        if kind not in ("script", "field") and name not in self.program.function_names:
            self.program.function_names.append(name or "<anonymous>")
        return code

    PRELUDE = ("from engine.syntax_rt import install as _srt_install\n_srt_install(globals())\n"
               "from engine.destructure_rt import install as _drt_install\n_drt_install(globals())\n"
               "from engine.template_rt import install as _trt_install\n_trt_install(globals())\n")

    def compile_script(self, root: Node) -> Program:
        info = self.an.funcs[root.id]
        code = self.new_code("<global>", "script", None, strict=has_use_strict(root, self.src))
        em = FnEmitter(self, info, code)
        em.compile_function(root, is_script=True)
        self._finish(em, code)
        self.program.py_source = self.PRELUDE + "\n".join(self.defs)
        self.program.scopes = {s.id: s for s in self.an.all_scopes}
        return self.program

    def compile_function(self, node: Node, name: str, kind: str, strict: bool = False) -> str:
        info = self.an.funcs[node.id]
        strict = strict or has_use_strict(node.child_by_field_name("body"), self.src)
        code = self.new_code(name, kind, node, strict=strict)
        code.uses_this = info.uses_this
        code.is_async, code.is_gen = info.is_async, info.is_gen
        code.coroutine = info.is_async or info.is_gen
        em = FnEmitter(self, info, code)
        saved = self.current_class
        if kind != "method":
            self.current_class = None
        em.compile_function(node, is_script=False)
        self.current_class = saved
        self._finish(em, code)
        return f"_CODES[{code.id}]"

    def compile_constructor(self, cls_node: Node, ctor: Node | None, name: str, derived: bool,
                            cls: _ClassInfo, scope: Scope) -> str:
        kind = "derived" if derived else "class"
        code = self.new_code(name, kind, ctor or cls_node, strict=True)
        if ctor is not None:
            info = self.an.funcs[ctor.id]
            em = FnEmitter(self, info, code)
            if not derived:
                em.indent = 1
                em.compile_function_with_fields(ctor)
            else:
                em.compile_function(ctor, is_script=False)
        else:
            info = FuncInfo(None, scope.func)
            info.scope = _synthetic_scope(scope, info)
            em = FnEmitter(self, info, code)
            em.emit(TICK)
            em.load_outer_contexts(info.scope)
            if derived:
                em.emit(f"_f.pos = {self.position(self.src.line_col(cls_node)[0], -1)}")  # no own bindings
                em.emit("_this = _superdone(_f, (yield (SUPER, _fn, list(_args), _f.pos)))")
            em.emit_fields()
            em.emit("return UNDEFINED")
        self._finish(em, code)
        return f"_CODES[{code.id}]"

    def compile_field_init(self, field_node: Node, info: FuncInfo, hint: str | None) -> str:
        code = self.new_code("<static_initializer>", "field", field_node, strict=True)
        em = FnEmitter(self, info, code)
        em.emit(TICK)
        em.load_outer_contexts(info.scope)  # type: ignore[arg-type]
        em.enter_scope(info.scope)  # type: ignore[arg-type]
        em.statement_pos(field_node)
        em.emit(f"return {em.expr(field_node.child_by_field_name('value'), hint)}")
        self._finish(em, code)
        return f"_CODES[{code.id}]"

    def compile_static_block(self, node: Node, info: FuncInfo) -> str:
        """`static { ... }`: a method of the class, called on it once (15.7.11 ClassStaticBlockDefinition)."""
        code = self.new_code("<static_initializer>", "field", node, strict=True)
        code.uses_this = info.uses_this
        em = FnEmitter(self, info, code)
        saved = self.current_class
        self.current_class = None
        em.emit(TICK)
        em.load_outer_contexts(info.scope)  # type: ignore[arg-type]
        em.enter_scope(info.scope)  # type: ignore[arg-type]
        stmts = children(node.child_by_field_name("body"))
        em._hoist_functions(stmts)
        em.emit_body(stmts)
        em.emit("return UNDEFINED")
        self.current_class = saved
        self._finish(em, code)
        return f"_CODES[{code.id}]"

    def _finish(self, em: FnEmitter, code: FunctionCode) -> None:
        em.flush_temps()
        header = f"def _f{code.id}(_vm, _f, _fn, _this, _args):"
        body = em.out + ["    if 0: yield"]
        self.defs.append(header + "\n" + "\n".join(body) + "\n")

    # -- literal helpers
    def string_value(self, node: Node) -> str:
        parts: list[str] = []
        for c in node.named_children:
            if c.type == "string_fragment":
                parts.append(self.src.text_of(c))
            elif c.type == "escape_sequence":
                parts.append(self.unescape(self.src.text_of(c)))
        return ops.join_surrogates("".join(parts))

    def unescape(self, esc: str) -> str:
        simple = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
        body = esc[1:]
        if body in simple:
            return simple[body]
        if body.startswith("u{"):
            return chr(int(body[2:-1], 16))
        if body.startswith("u"):
            return chr(int(body[1:5], 16))
        if body.startswith("x"):
            return chr(int(body[1:3], 16))
        if body.startswith("\n") or body.startswith("\r"):
            return ""
        return body

    def key_name(self, key_node: Node | None) -> str | None:
        if key_node is None:
            return None
        t = key_node.type
        if t in ("property_identifier", "identifier", "shorthand_property_identifier", "private_property_identifier"):
            return self.src.text_of(key_node)
        if t == "string":
            return self.string_value(key_node)
        if t == "number":
            from engine.ops import int_to_float, num_to_str
            text = self.src.text_of(key_node)
            if text.endswith("n"):  # a BigInt literal key
                from engine.bigint import literal_value, to_decimal

                n = literal_value(text)
                return to_decimal(n) if n is not None else None
            low = text.replace("_", "").lower()  # 0x10, 0o10, 0b10, 010, 1_000 as V8 reads them (e_number)
            base = {"0x": 16, "0o": 8, "0b": 2}.get(low[:2])
            if base is not None:
                return num_to_str(int_to_float(int(low[2:], base)))
            if len(low) > 1 and low[0] == "0" and low.isdigit() and all(ch in "01234567" for ch in low):
                return num_to_str(float(int(low, 8)))
            return num_to_str(float(low))
        return None


def _synthetic_scope(parent: Scope, info: FuncInfo) -> Scope:
    return Scope(-parent.id - 100000, "function", parent, info)


def _compile_function_with_fields(self: FnEmitter, node: Node) -> None:
    """A base-class constructor: fields are defined before the body runs."""
    info = self.info
    fscope = info.scope
    assert fscope is not None
    self.emit(TICK)
    self.load_outer_contexts(fscope)
    if info.uses_arguments:
        self.emit("_arguments = _mkargs(_args)")
    self.enter_scope(fscope)
    for b in fscope.bindings.values():
        if b.kind == "arguments":
            self.emit(self._store(b, b.name, "_arguments"))
        elif b.kind == "newtarget":
            self.emit(self._store(b, b.name, "_newtarget(_f, _fn)"))
    self._params(node)
    if info.body_scope is not None:
        self.enter_scope(info.body_scope)
    self.emit_fields()
    body = node.child_by_field_name("body")
    self._hoist_functions(children(body))
    self.emit_body(children(body))
    self.emit("return UNDEFINED")


FnEmitter.compile_function_with_fields = _compile_function_with_fields  # type: ignore[attr-defined]
