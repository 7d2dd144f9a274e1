"""Error and its native subtypes (ECMA-262 20.5).

V8 formats ``stack`` lazily; until it is first read an error keeps the functions and receivers of the
frames that were live when it was made (contract rule 6, recorded in ``JSError.captured`` by
``vm.capture_stack``). Here the text is built when the error is made (V8 fixes the header then too:
changing ``message`` later does not change ``stack``), and reading ``stack`` returns it and drops the
captured frames.
"""

from __future__ import annotations

from typing import Any

from engine.builtins.common import arg, function_name, method, native
from engine.values import HOLE, UNDEFINED, Accessor, JSError, JSObject

ERROR_NAMES = ("Error", "TypeError", "RangeError", "ReferenceError", "SyntaxError", "EvalError", "URIError")


def error_header(vm: Any, err: JSObject) -> str:
    """Error.prototype.toString without running user code (own/inherited data properties only)."""
    name = _data(err, "name")
    msg = _data(err, "message")
    name = "Error" if name is UNDEFINED else _text(vm, name)
    msg = "" if msg is UNDEFINED else _text(vm, msg)
    if name == "":
        return msg
    if msg == "":
        return name
    return f"{name}: {msg}"


def _data(o: JSObject, key: str) -> Any:
    p: JSObject | None = o
    while p is not None:
        v = p.get_own(key)
        if v is not HOLE:
            return UNDEFINED if isinstance(v, Accessor) else v
        p = p.proto
    return UNDEFINED


def _text(vm: Any, v: Any) -> str:
    return v if type(v) is str else (vm.to_string(v) if not isinstance(v, JSObject) else "[object Object]")


def stack_frames(vm: Any) -> list[str]:
    """V8-like ``    at`` lines for the JavaScript frames on the stack, innermost first."""
    lines = []
    for fr in reversed(vm.stack):
        if fr.native:
            continue
        line = _frame_line(fr)
        where = f"<anonymous>:{line}" if line is not None else "<anonymous>"
        name = function_name(fr.func) if fr.func is not None else ""
        if fr.construct is not None and name:
            name = f"new {name}"
        lines.append(f"    at {name} ({where})" if name else f"    at {where}")
    return lines


def _frame_line(fr: Any) -> int | None:
    try:
        return int(fr.code.lines[fr.pos])
    except (AttributeError, IndexError, TypeError, ValueError):
        return None


def install_stack_capture(vm: Any) -> None:
    """Wrap ``vm.capture_stack`` so every error (also those the engine raises) gets its stack text."""
    original = vm.capture_stack

    def capture_stack(err: JSError) -> None:
        original(err)
        err.stack_text = "\n".join([error_header(vm, err), *stack_frames(vm)])

    vm.capture_stack = capture_stack


def _stack_get(vm: Any, this: Any, args: list[Any]) -> Any:
    if not isinstance(this, JSError):
        return UNDEFINED
    if this.stack_text is None:
        this.stack_text = error_header(vm, this)
    this.captured = []
    return this.stack_text


def _stack_set(vm: Any, this: Any, args: list[Any]) -> Any:
    if isinstance(this, JSObject):
        if isinstance(this, JSError):
            this.captured = []
        this.define_hidden("stack", arg(args, 0))
    return UNDEFINED


def _to_string(vm: Any, this: Any, args: list[Any]) -> Any:
    if not isinstance(this, JSObject):
        raise vm.throw_type("Error.prototype.toString requires that 'this' be an Object")
    name = vm.get(this, "name")
    msg = vm.get(this, "message")
    name = "Error" if name is UNDEFINED else vm.to_string(name)
    msg = "" if msg is UNDEFINED else vm.to_string(msg)
    if name == "":
        return msg
    if msg == "":
        return name
    return f"{name}: {msg}"


def make_error(vm: Any, name: str, args: list[Any], proto: Any) -> JSError:
    err = JSError(proto if isinstance(proto, JSObject) else vm.error_prototypes[name], name)
    vm.register(err)
    message = arg(args, 0)
    if message is not UNDEFINED:
        err.define_hidden("message", vm.to_string(message))
    options = arg(args, 1)
    if isinstance(options, JSObject) and vm.has_property(options, "cause"):
        err.define_hidden("cause", vm.get(options, "cause"))
    vm.capture_stack(err)
    return err


def _capture_stack_trace(vm: Any, this: Any, args: list[Any]) -> Any:
    target = arg(args, 0)
    if not isinstance(target, JSObject):
        raise vm.throw_type("Invalid argument")
    target.define_hidden("stack", "\n".join([error_header(vm, target), *stack_frames(vm)]))
    return UNDEFINED


def install(vm: Any) -> None:
    install_stack_capture(vm)
    vm.error_prototypes = {}
    base_ctor = None
    for name in ERROR_NAMES:
        parent = vm.ObjectPrototype if name == "Error" else vm.ErrorPrototype
        proto = vm.builtin_object(parent)
        proto.define_hidden("name", name)
        proto.define_hidden("message", "")
        vm.error_prototypes[name] = proto
        if name == "Error":
            vm.ErrorPrototype = proto
            method(vm, proto, "toString", _to_string, 0)
            proto.define_hidden("stack", Accessor(native(vm, "get stack", _stack_get),
                                                  native(vm, "set stack", _stack_set, 1)))

        def call(vm: Any, this: Any, args: list[Any], name: str = name) -> Any:
            return make_error(vm, name, args, vm.error_prototypes[name])

        def construct(vm: Any, args: list[Any], proto: Any, name: str = name) -> Any:
            return make_error(vm, name, args, proto)

        ctor = native(vm, name, call, 1, False, construct)
        ctor.define_hidden("prototype", proto)
        proto.define_hidden("constructor", ctor)
        vm.global_object.define_hidden(name, ctor)
        if base_ctor is None:
            base_ctor = ctor
            method(vm, ctor, "captureStackTrace", _capture_stack_trace, 2)
        else:
            ctor.proto = base_ctor
