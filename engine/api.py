"""The engine's public API: parse -> compile -> run -> trace, each stage stopping on its own errors."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from tree_sitter import Node

from engine.builtins.common import describe
from engine.compiler import Compiler, Program
from engine.errors import JSSyntaxError, ProgramError, UnsupportedSyntax, set_current_vm
from engine.eventloop import UnhandledRejection
from engine.parse import parse
from engine.record import dataclass, field
from engine.runtime import make_namespace
from engine.scope import analyse
from engine.trace import Recorder
from engine.values import UNDEFINED, JSError, JSObject, JSThrow, LimitExceeded
from engine.vm import VM, Frame, Limits, call_mode

__all__ = ["JSSyntaxError", "Limits", "ProgramError", "Site", "Trace", "UnsupportedSyntax",
           "allocation_sites", "function_names", "step_snapshots", "trace", "compile_program"]


@dataclass
class Trace:
    """The result of one run, in the contract's shape."""

    output: list[str]
    error: dict[str, Any] | None
    checkpoints: list[dict[str, Any]]
    steps: list[dict[str, Any]] | None = None
    steps_truncated: bool = False
    stats: dict[str, Any] = field(default_factory=dict)
    steps_truncated_reason: str | None = None
    snapshots: list[dict[str, Any]] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"output": self.output, "error": self.error, "checkpoints": self.checkpoints}
        if self.steps is not None:
            out["steps"] = self.steps
            out["steps_version"] = STEPS_VERSION
            if self.steps_truncated:
                out["steps_truncated"] = True
                out["steps_truncated_reason"] = self.steps_truncated_reason
        if self.snapshots is not None:
            out["snapshots"] = self.snapshots
        return out

    def dumps(self, indent: int | None = None) -> str:
        return json_text(self.to_json(), indent)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(value: Any, indent: int | None = None) -> str:
    """JSON as UTF-8 text can carry it: characters as themselves, except the lone surrogates a JavaScript string
    may hold (``"\\ud83d"``), which have no UTF-8 encoding and are written as ``\\uXXXX`` escapes; a JSON parser
    reads back the same string."""
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    if text.isascii():
        return text
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@dataclass(frozen=True)
class Site:
    """An allocation site: the syntax that allocates objects (contract: sites)."""

    line: int
    column: int
    kind: str

    @property
    def key(self) -> str:
        return f"{self.line}:{self.column}"


def compile_program(source: str, steps: bool = False) -> Program:
    """Parse and compile; raises ProgramError (syntax error, unsupported construct, nesting too deep)."""
    src, root = parse(source)
    deep = _too_deep(root)
    if deep is not None:
        line, col = src.line_col(deep)
        raise UnsupportedSyntax("nesting this deep", line, col)
    if sys.getrecursionlimit() < 20000:  # analysis and code generation recurse along the syntax tree
        sys.setrecursionlimit(20000)
    try:
        analysis = analyse(src, root)
        program = Compiler(src, analysis, trace_steps=steps).compile_script(root)
        program.py_code = compile(program.py_source, "<memcourse>", "exec")
    except (RecursionError, SyntaxError, MemoryError) as exc:
        line, col = src.line_col(_deepest(root))
        raise UnsupportedSyntax("nesting this deep", line, col) from exc
    return program


MAX_NESTING = 1000


def _too_deep(root: Node) -> Node | None:
    """The first node nested more than MAX_NESTING levels deep (V8's parser also refuses such programs
    with a stack overflow); a left-nested operator chain `a + b + c ...` counts as one level."""
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            return node
        for c in node.named_children:
            flat = c.type == "binary_expression" and node.type == "binary_expression"
            stack.append((c, depth if flat else depth + 1))
    return None


def _deepest(root: Node) -> Node:
    """The most deeply nested node (where a program too deeply nested to compile is reported)."""
    best, best_depth = root, 0
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > best_depth:
            best, best_depth = node, depth
        stack.extend((c, depth + 1) for c in node.named_children)
    return best


STEPS_VERSION = 2


def trace(source: str, *, limits: Limits | None = None, steps: bool = False, snapshots: bool = False) -> Trace:
    """Run `source` as a classic script and return its trace; `steps` adds the step timeline
    (docs/timeline.md), `snapshots` also the engine's own full state at every timeline entry."""
    steps = steps or snapshots
    program = compile_program(source, steps)
    vm = VM(limits)
    vm.program = program
    recorder = Recorder(vm, program, steps, snapshots)
    _install_course_functions(vm, recorder)
    namespace = make_namespace(vm, program.codes)
    if steps:
        namespace["_hook"] = recorder.step
        namespace["_hook_end"] = recorder.end
        recorder.watch(namespace)
    exec(program.py_code, namespace)  # noqa: S102 - our own compiled code
    for code in program.codes:
        code.py = namespace[f"_f{code.id}"]
        code.call_mode = call_mode(code)
    error = _run(vm, program, recorder)
    recorder.finish(error)
    return Trace(vm.output, error, recorder.checkpoints, recorder.timeline, recorder.truncated,
                 {"steps": vm.steps, "heap": len(vm.heap)}, recorder.truncated_reason, recorder.snapshots)


def step_snapshots(source: str, *, limits: Limits | None = None) -> list[dict[str, Any]]:
    """The engine's own full state at every entry of the step timeline, taken directly while the program
    runs (not by replaying the timeline): ``{"line", "event", "stack", "heap", "garbage", "output"}``."""
    result = trace(source, limits=limits, snapshots=True)
    assert result.snapshots is not None
    return result.snapshots


def _install_course_functions(vm: VM, recorder: Recorder) -> None:
    def checkpoint(vm_: VM, this: Any, args: list[Any]) -> Any:
        name = vm.to_string(args[0]) if args else ""
        recorder.checkpoint(name)
        return UNDEFINED

    def gc(vm_: VM, this: Any, args: list[Any]) -> Any:
        recorder.collect()
        return UNDEFINED

    vm.global_object.define_hidden("checkpoint", vm.native("checkpoint", checkpoint, 1))
    vm.global_object.define_hidden("gc", vm.native("gc", gc, 0))


def _run(vm: VM, program: Program, recorder: Recorder) -> dict[str, Any] | None:
    """Run the script, then the event loop (engine.eventloop) until nothing is left to run."""
    script = program.codes[0]
    fr = Frame(None, None, vm.global_object, [], script, False)
    vm.start_clock()
    fr.gen = script.py(vm, fr, None, vm.global_object, [])
    vm.stack.append(fr)
    try:
        vm.run_loop(0)
        vm.script_done = True
        vm.stack.append(fr)  # the finished script stays at the bottom of the stack, for the timeline
        if vm.loop.used:
            vm.loop.run()
            recorder.loop_ended()
        return None
    except UnhandledRejection as e:
        return _unhandled(vm, e)
    except JSThrow as e:
        return _uncaught(vm, e)
    except LimitExceeded as e:
        message = e.message
        if e.limit in ("steps", "time") and vm.loop.has_intervals():
            message += " (a setInterval that is never cleared keeps the program running)"
        return {"name": "LimitExceeded", "message": message, "limit": e.limit, "line": _current_line(vm)}
    except RecursionError:
        return {"name": "RangeError", "message": "Maximum call stack size exceeded", "line": _current_line(vm)}
    except MemoryError:  # the process's memory cap (python -m engine --max-memory), not a JavaScript error
        return {"name": "LimitExceeded", "message": "memory limit exceeded: the program needs more memory than allowed",
                "limit": "memory", "line": _current_line(vm)}
    finally:
        vm.aborting = True
        vm.stack.clear()
        set_current_vm(None)


def _unhandled(vm: VM, e: UnhandledRejection) -> dict[str, Any]:
    """node's report of a promise rejected with no handler: an Error as thrown (its line: where it was first
    thrown, else where it was made); any other value wrapped in node's ERR_UNHANDLED_REJECTION error."""
    v = e.value
    if isinstance(v, JSError) or (isinstance(v, JSObject) and _is_error(vm, v)):
        out = _uncaught(vm, e)
        if out["line"] is None and isinstance(v, JSError):
            out["line"] = v.line
        return out
    return {"name": "UnhandledPromiseRejection",
            "message": "This error originated either by throwing inside of an async function without a catch "
                       "block, or by rejecting a promise which was not handled with .catch(). The promise "
                       f'rejected with the reason "{describe(vm, v)}".',
            "line": None}


def _current_line(vm: VM) -> int | None:
    for fr in reversed(vm.stack):
        if not fr.native and fr.code is not None:
            return int(fr.code.lines[fr.pos])
    return None


def _uncaught(vm: VM, e: JSThrow) -> dict[str, Any]:
    v = e.value
    line = vm.first_throw_line(e)
    if isinstance(v, JSError) or (isinstance(v, JSObject) and _is_error(vm, v)):
        name = vm.to_string(vm.get(v, "name"))
        message = vm.to_string(vm.get(v, "message"))
        return {"name": name, "message": message, "line": line}
    return {"name": "Uncaught", "message": vm.inspect(v) if hasattr(vm, "inspect") else str(v), "line": line}


def _is_error(vm: VM, v: JSObject) -> bool:
    p = v.proto
    while p is not None:
        if p is vm.ErrorPrototype:
            return True
        p = p.proto
    return False


_SITE_KINDS = {
    "object": "object", "array": "array", "new_expression": "new", "function_expression": "function",
    "function": "function", "arrow_function": "arrow", "class": "class", "class_declaration": "class",
    "function_declaration": "function", "generator_function_declaration": "function",
    "generator_function": "function", "regex": "regexp",
}


def allocation_sites(source: str) -> list[Site]:
    """Every allocation site of the program, in source order (for labelling objects A, B, C...)."""
    src, root = parse(source)
    sites: list[Site] = []
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        kind = _SITE_KINDS.get(node.type)
        if kind is not None:
            line, col = src.line_col(node)
            sites.append(Site(line, col, kind))
        elif node.type == "method_definition":
            params = node.child_by_field_name("parameters")
            name = node.child_by_field_name("name")
            is_ctor = name is not None and src.text_of(name) == "constructor" and node.parent is not None \
                and node.parent.type == "class_body"
            if params is not None and not is_ctor:
                line, col = src.line_col(params)
                sites.append(Site(line, col, "method"))
        stack.extend(reversed(node.named_children))
    sites.sort(key=lambda s: (s.line, s.column))
    return sites


def function_names(source: str) -> list[str]:
    """The names this program's frames can show (V8's `.name`), in source order."""
    program = compile_program(source)
    return [n for n in program.function_names if n != "<static_initializer>"]

