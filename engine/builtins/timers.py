"""node's timers: setTimeout, setInterval, setImmediate, their clear functions, and queueMicrotask.

As in node, setTimeout and setInterval return a ``Timeout`` object and setImmediate an ``Immediate``
(objects made by a built-in: no site). A pending timer is held by the event loop (engine.eventloop) and
holds its callback and arguments. What a Timeout keeps after it is done follows node's own fields: one
that fired keeps its callback (``_onTimeout``) for as long as the program holds the Timeout; clearTimeout
drops the callback (node sets ``_onTimeout = null``) but not the arguments (``_timerArgs``).
Delays follow node: a number of milliseconds, and anything below 1, above 2**31 - 1 or not a number is 1.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from engine import ops
from engine.builtins.common import arg, method
from engine.values import NULL, SYM_TO_PRIMITIVE, UNDEFINED, JSObject, JSThrow

TIMEOUT_MAX = 2**31 - 1


class JSTimer(JSObject):
    """A Timeout (setTimeout/setInterval) or an Immediate (setImmediate)."""

    __slots__ = ("callback", "args", "delay", "due", "repeat", "seq", "active", "state", "kind", "refed", "fired",
                 "number")
    type_name = "timer"

    def __init__(self, proto: JSObject | None, cls: str, callback: Any, args: list[Any], kind: str) -> None:
        super().__init__(proto, cls)
        self.callback: Any = callback
        self.args = args
        self.delay = 1.0
        self.due = 0.0
        self.repeat: float | None = None
        self.seq = 0
        self.active = False
        self.state = "pending"      # pending | fired | cleared
        self.kind = kind            # timeout | interval | immediate
        self.refed = True
        self.fired = 0
        self.number = 0.0           # what `+timeout` gives (node: its async id)

    def children(self) -> Iterator[Any]:
        yield from super().children()
        if self.callback is not None:
            yield self.callback
        yield from (a for a in self.args if isinstance(a, JSObject))


def invalid_arg_type(vm: Any, name: str, v: Any) -> JSThrow:
    """node's ERR_INVALID_ARG_TYPE TypeError."""
    return vm.throw_type(f'The "{name}" argument must be of type function. Received {received(vm, v)}')


def received(vm: Any, v: Any) -> str:
    """How node's errors describe the value they received."""
    if v is UNDEFINED or v is NULL:
        return vm.to_string(v)
    if ops.is_callable(v):
        name = getattr(v, "name", "")
        return f"function {name}" if name else "function "
    if isinstance(v, JSObject):
        from engine.builtins.common import class_name_of

        cls = class_name_of(v)
        return f"an instance of {cls}" if cls not in ("Object", "") or v.proto is not None else "[Object: null prototype] {}"
    if type(v) is str:
        text = v if len(v) <= 28 else v[:25] + "..."
        return f"type string ('{text}')"
    if type(v) is bool:
        return f"type boolean ({'true' if v else 'false'})"
    if type(v) is float:
        return f"type number ({ops.num_to_str(v)})"
    return f"type {type(v).__name__}"


def _delay(vm: Any, v: Any) -> float:
    after = vm.to_number(v) if v is not UNDEFINED else 1.0
    if not (1 <= after <= TIMEOUT_MAX):
        return 1.0
    return after


def _make(vm: Any, args: list[Any], kind: str) -> JSTimer:
    callback = arg(args, 0)
    if not ops.is_callable(callback):
        raise invalid_arg_type(vm, "callback", callback)
    cls = "Immediate" if kind == "immediate" else "Timeout"
    proto = vm.ImmediatePrototype if kind == "immediate" else vm.TimeoutPrototype
    rest = args[1:] if kind == "immediate" else args[2:]
    t = JSTimer(proto, cls, callback, list(rest), kind)
    vm.register(t)
    vm.loop.timer_ids += 1
    t.number = float(vm.loop.timer_ids)
    return t


def _set_timeout(vm: Any, this: Any, args: list[Any]) -> Any:
    t = _make(vm, args, "timeout")
    t.delay = _delay(vm, arg(args, 1))
    vm.loop.add_timer(t)
    return t


def _set_interval(vm: Any, this: Any, args: list[Any]) -> Any:
    t = _make(vm, args, "interval")
    t.delay = _delay(vm, arg(args, 1))
    t.repeat = t.delay
    vm.loop.add_timer(t)
    return t


def _set_immediate(vm: Any, this: Any, args: list[Any]) -> Any:
    t = _make(vm, args, "immediate")
    vm.loop.add_immediate(t)
    return t


def _clear(vm: Any, t: Any, cls: str) -> None:
    if not isinstance(t, JSTimer) or t.cls != cls:
        return
    if t.active:
        t.active = False
        vm.loop.changed()
    t.state = "cleared"
    t.callback = None
    if vm.on_native is not None:
        vm.on_native(t, [])


def _clear_timeout(vm: Any, this: Any, args: list[Any]) -> Any:
    _clear(vm, arg(args, 0), "Timeout")
    return UNDEFINED


def _clear_immediate(vm: Any, this: Any, args: list[Any]) -> Any:
    _clear(vm, arg(args, 0), "Immediate")
    return UNDEFINED


def _queue_microtask(vm: Any, this: Any, args: list[Any]) -> Any:
    callback = arg(args, 0)
    if not ops.is_callable(callback):
        raise invalid_arg_type(vm, "callback", callback)
    from engine.eventloop import CallbackJob

    vm.loop.enqueue(CallbackJob(callback))
    return UNDEFINED


# -- Timeout.prototype: ref/unref/hasRef/refresh/close and the numeric id
def _timer(vm: Any, this: Any) -> JSTimer:
    if not isinstance(this, JSTimer):
        raise vm.throw_type("Illegal invocation")
    return this


def _ref(vm: Any, this: Any, args: list[Any]) -> Any:
    _timer(vm, this).refed = True
    return this


def _unref(vm: Any, this: Any, args: list[Any]) -> Any:
    _timer(vm, this).refed = False
    return this


def _has_ref(vm: Any, this: Any, args: list[Any]) -> Any:
    return _timer(vm, this).refed


def _refresh(vm: Any, this: Any, args: list[Any]) -> Any:
    t = _timer(vm, this)
    if t.active:
        t.active = False
        vm.loop.add_timer(t)
    return this


def _close(vm: Any, this: Any, args: list[Any]) -> Any:
    _clear(vm, _timer(vm, this), "Timeout")
    return this


def _to_primitive(vm: Any, this: Any, args: list[Any]) -> Any:
    return _timer(vm, this).number


def install(vm: Any) -> None:
    from engine.builtins.common import native

    g = vm.global_object
    for name, fn, length in (("setTimeout", _set_timeout, 2), ("setInterval", _set_interval, 2),
                             ("setImmediate", _set_immediate, 1), ("clearTimeout", _clear_timeout, 1),
                             ("clearInterval", _clear_timeout, 1), ("clearImmediate", _clear_immediate, 1),
                             ("queueMicrotask", _queue_microtask, 1)):
        g.define_hidden(name, native(vm, name, fn, length))
    tproto = vm.builtin_object(vm.ObjectPrototype)
    for name, fn in (("ref", _ref), ("unref", _unref), ("hasRef", _has_ref), ("refresh", _refresh),
                     ("close", _close)):
        method(vm, tproto, name, fn)
    method(vm, tproto, SYM_TO_PRIMITIVE, _to_primitive)
    vm.TimeoutPrototype = tproto
    iproto = vm.builtin_object(vm.ObjectPrototype)
    for name, fn in (("ref", _ref), ("unref", _unref), ("hasRef", _has_ref)):
        method(vm, iproto, name, fn)
    vm.ImmediatePrototype = iproto
