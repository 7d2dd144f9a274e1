"""The virtual machine: realm, heap, property access and the run loop over an explicit frame stack.

Each JavaScript function is compiled (engine.compiler) to a Python *generator function*. A call in
JavaScript code is a ``yield`` of a call request to :meth:`VM.run_loop`, which keeps every activation
on ``self.stack``: JavaScript recursion never grows the Python stack, so deep recursion ends in a
catchable ``RangeError`` at the configured depth, exactly where the program can see it.

Call requests yielded by compiled code and by generator built-ins:

* ``(callee, this, args, pos)``      an ordinary call (``pos`` is the call site's position id)
* ``(NEW, callee, args, pos, site)`` a ``new`` expression
* ``(SUPER, function, args, pos)``   a ``super(...)`` call in a derived constructor
* ``(RESUME, coroutine, mode, value)`` run a suspended generator or async function (engine.coroutine):
  its frame goes back on the stack and gets ``value`` (mode ``next``), has it thrown at its suspension point
  (``throw``) or returns there (``return``, running its ``finally`` blocks)
* ``(YIELD, value)`` / ``(AWAIT, value)`` / ``(GENSTART, None)`` from a coroutine's own frame: it leaves the
  stack, kept in its coroutine object, and the frame below gets a :class:`Suspended`
"""

from __future__ import annotations

import math
import sys
import time
import weakref
from collections.abc import Callable, Iterator
from typing import Any

from engine import ops
from engine.errors import set_current_vm
from engine.record import dataclass
from engine.values import (
    HOLE,
    NULL,
    SYM_TO_PRIMITIVE,
    TDZ,
    UNDEFINED,
    Accessor,
    BoundFunction,
    Context,
    JSArray,
    JSBigInt,
    JSError,
    JSFunction,
    JSObject,
    JSPrimitiveWrapper,
    JSThrow,
    LimitExceeded,
    NativeFunction,
    ScriptScope,
    Symbol,
    is_array_index,
)


class _Marker:
    __slots__ = ("label",)

    def __init__(self, label: str) -> None:
        self.label = label

    def __repr__(self) -> str:
        return self.label


NEW = _Marker("NEW")
SUPER = _Marker("SUPER")
RESUME = _Marker("RESUME")
YIELD = _Marker("YIELD")
AWAIT = _Marker("AWAIT")
GENSTART = _Marker("GENSTART")
YIELD_DELEGATE = _Marker("YIELD_DELEGATE")  # yield* hands the inner iterator's result object through as is
_SUSPENDS = (YIELD, AWAIT, GENSTART, YIELD_DELEGATE)


class Suspended:
    """What the frame below a coroutine receives when the coroutine's frame suspends (never a JS value)."""

    __slots__ = ("kind", "value")

    def __init__(self, kind: _Marker, value: Any) -> None:
        self.kind = kind
        self.value = value


class GeneratorReturn(Exception):
    """Thrown into a suspended generator by ``return()``: unwinds it through its ``finally`` blocks
    (compiled ``except JSThrow`` clauses do not catch it) and completes it with ``value``."""

    def __init__(self, value: Any) -> None:
        super().__init__()
        self.value = value


@dataclass(frozen=True)
class Limits:
    """Budgets for one run; hitting one ends the trace with a ``LimitExceeded`` error naming it."""

    steps: int = 1_000_000
    depth: int = 10_000
    heap: int = 1_000_000
    time: float = 5.0
    # Wall-clock seconds the step timeline may spend recording (not charged to `time`); then it stops, truncated.
    timeline_time: float = 8.0


class Frame:
    """One activation on the VM's stack (JavaScript or built-in)."""

    __slots__ = ("gen", "func", "this", "args", "pos", "code", "native", "construct", "site", "recv", "coro")

    def __init__(self, gen: Any, func: Any, this: Any, args: list[Any], code: Any, native: bool) -> None:
        self.gen = gen
        self.func = func
        self.this = this
        self.args = args
        self.pos = 0
        self.code = code
        self.native = native
        self.construct: Any = None  # for `new`: the object to return when the body returns no object
        self.site: str | None = None
        self.recv: Any = None       # the receiver passed to an arrow (V8 keeps it in the frame)
        self.coro: Any = None       # the generator object or async activation this frame belongs to


# How a call binds `this` for a compiled function (FunctionCode.call_mode, set by `call_mode`): the run loop pushes
# frames of modes 1-3 itself; 0 takes the general path (push_call: class constructors, generators, async functions).
CALL_GENERAL, CALL_STRICT, CALL_ARROW, CALL_SLOPPY = 0, 1, 2, 3


def call_mode(code: Any) -> int:
    """A compiled function's call mode (see CALL_GENERAL...): what `push_call` and `js_frame` would decide for every
    call of it, decided once."""
    if code.coroutine or code.kind in ("class", "derived"):
        return CALL_GENERAL
    if code.kind == "arrow":
        return CALL_ARROW
    return CALL_STRICT if code.strict else CALL_SLOPPY


_new_frame = object.__new__


class VM:
    """One run of one program: its realm (built-ins), heap, stack and budgets."""

    # The realm's intrinsics, set by engine.builtins.install_all.
    ArrayPrototype: JSObject
    StringPrototype: JSObject
    NumberPrototype: JSObject
    BooleanPrototype: JSObject
    SymbolPrototype: JSObject
    ErrorPrototype: JSObject
    MapPrototype: JSObject
    SetPrototype: JSObject
    WeakMapPrototype: JSObject
    WeakSetPrototype: JSObject
    WeakRefPrototype: JSObject
    error_prototypes: dict[str, JSObject]
    inspect: Callable[[Any], str]
    format_log: Callable[[list[Any]], str]

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self.stack: list[Frame] = []
        self.heap: dict[int, JSObject] = {}
        self.next_id = 1
        self.site_counts: dict[str, int] = {}
        self.steps = 0
        self.max_steps = self.limits.steps
        self.tick_at = min(self.max_steps, 256)  # see tick_check
        self.deadline = 0.0
        self.aborting = False
        self.output: list[str] = []
        self.observer: Any = None      # engine.trace.Recorder
        self.throw_lines: weakref.WeakKeyDictionary[JSObject, int] = weakref.WeakKeyDictionary()
        self.kept_objects: list[JSObject] = []
        self.script_scope = ScriptScope()
        self.script_done = False        # the script has run to its end; the event loop runs its tasks
        from engine.eventloop import EventLoop

        self.loop = EventLoop(self)
        self._make_realm()

    # ------------------------------------------------------------------ realm
    def _make_realm(self) -> None:
        self.ObjectPrototype = self.builtin_object(None)
        self.FunctionPrototype = NativeFunction(self.ObjectPrototype, "", lambda vm, this, args: UNDEFINED)
        self._builtin_id(self.FunctionPrototype)
        self.global_object = self.builtin_object(self.ObjectPrototype)
        self.global_object.cls = "global"
        self.program_globals: list[str] = []  # global properties the program created, in order
        from engine.builtins import install_all

        install_all(self)

    def _builtin_id(self, obj: JSObject) -> JSObject:
        obj.id = self.next_id
        self.next_id += 1
        return obj

    def builtin_object(self, proto: JSObject | None) -> JSObject:
        """An object that belongs to the realm (never on the program's heap)."""
        return self._builtin_id(JSObject(proto))

    def native(self, name: str, fn: Callable[..., Any], length: int = 0, gen: bool = False,
               construct: Callable[..., Any] | None = None) -> NativeFunction:
        f = NativeFunction(self.FunctionPrototype, name, fn, gen, length, construct)
        return self._builtin_id(f)  # type: ignore[return-value]

    # ------------------------------------------------------------------ heap
    def register(self, obj: JSObject, site: str | None = None) -> JSObject:
        """Put a new object on the program's heap, numbering its allocation site (``L:C#k``)."""
        obj.id = self.next_id
        self.next_id += 1
        if site is not None:
            k = self.site_counts.get(site, 0) + 1
            self.site_counts[site] = k
            obj.site = f"{site}#{k}"
        heap = self.heap
        heap[obj.id] = obj
        if len(heap) > self.limits.heap:
            self.collect_for_space(obj)
        return obj

    def reserve_site(self, site: str) -> str:
        k = self.site_counts.get(site, 0) + 1
        self.site_counts[site] = k
        return f"{site}#{k}"

    def collect_for_space(self, newest: JSObject) -> None:
        """The heap is full: collect (not recorded as a program gc()); still full means the limit is hit.

        The object being allocated is not stored anywhere yet, so it is an extra root."""
        from engine.gc import mark, roots, sweep

        self.check_time()
        marked = mark(self, [*roots(self), newest])
        sweep(self, marked, record=False)
        if len(self.heap) > self.limits.heap:
            raise LimitExceeded("heap", f"heap limit exceeded: more than {self.limits.heap} live objects")

    def new_object(self, proto: JSObject | None | Any = HOLE, site: str | None = None) -> JSObject:
        obj = JSObject(self.ObjectPrototype if proto is HOLE else proto)
        return self.register(obj, site)

    def new_array(self, items: list[Any] | None = None, site: str | None = None) -> JSArray:
        arr = JSArray(self.ArrayPrototype, items if items is not None else [])
        self.register(arr, site)
        return arr

    def new_error(self, name: str, message: str, proto: JSObject | None = None) -> JSError:
        err = JSError(proto or self.error_prototypes.get(name, self.ErrorPrototype), name)
        self.register(err)
        if message != "":
            err.define_hidden("message", message)
        self.capture_stack(err)
        return err

    def capture_stack(self, err: JSError) -> None:
        """Rule 6: the error keeps the frames' functions and receivers until `stack` is read."""
        captured: list[Any] = []
        for fr in reversed(self.stack):
            if not fr.native and fr.code is not None:
                err.line = int(fr.code.lines[fr.pos])
                break
        for fr in self.stack:
            if fr.native:
                continue
            if fr.func is not None:
                captured.append(fr.func)
            if isinstance(fr.this, JSObject):
                captured.append(fr.this)
        err.captured = captured

    def make_function(self, code: Any, scope: Any, site: str | None, this_val: Any = None) -> JSFunction:
        """A closure over `scope` (a Context or None) for compiled function `code`."""
        f = JSFunction(self.FunctionPrototype, code, scope, code.name)
        f.kind = code.kind
        if code.is_gen:
            f.kind = "asyncgenerator" if code.is_async else "generator"
        elif code.is_async and code.kind != "arrow":
            f.kind = "async"
        if this_val is not None:
            f.this_val = this_val
        self.register(f, site)
        return f

    def new_context(self, parent: Any, names: tuple[str, ...]) -> Context:
        ctx = Context(parent, names)
        self.register(ctx)
        return ctx

    # ------------------------------------------------------------------ conversions
    def to_primitive(self, v: Any, hint: str = "default") -> Any:
        """ToPrimitive (7.1.1); user-defined valueOf/toString run as nested calls."""
        if not isinstance(v, JSObject):
            return v
        exotic = self.get(v, SYM_TO_PRIMITIVE)  # GetMethod(input, @@toPrimitive): Date, user objects
        if exotic is not UNDEFINED and exotic is not NULL:
            if not ops.is_callable(exotic):
                raise self.throw_type(f"{self._describe(exotic)} is not a function")
            r = self.call_sync(exotic, v, [hint])
            if isinstance(r, JSObject):
                raise self.throw_type("Cannot convert object to primitive value")
            return r
        order = ("toString", "valueOf") if hint == "string" else ("valueOf", "toString")
        for name in order:
            fn = self.get(v, name)
            if ops.is_callable(fn):
                r = self.call_sync(fn, v, [])
                if not isinstance(r, JSObject):
                    return r
        raise self.throw_type("Cannot convert object to primitive value")

    def to_string(self, v: Any) -> str:
        t = type(v)
        if t is str:
            return v
        if t is float:
            return ops.num_to_str(v)
        if t is bool:
            return "true" if v else "false"
        if v is UNDEFINED:
            return "undefined"
        if v is NULL:
            return "null"
        if isinstance(v, Symbol):
            raise self.throw_type("Cannot convert a Symbol value to a string")
        if t is JSBigInt:
            from engine.bigint import to_decimal

            return to_decimal(v.v)
        return self.to_string(self.to_primitive(v, "string"))

    def to_number(self, v: Any) -> float:
        t = type(v)
        if t is float:
            return v
        if t is bool:
            return 1.0 if v else 0.0
        if t is str:
            return ops.str_to_number(v)
        if v is UNDEFINED:
            return math.nan
        if v is NULL:
            return 0.0
        if isinstance(v, Symbol):
            raise self.throw_type("Cannot convert a Symbol value to a number")
        if t is JSBigInt:
            raise self.throw_type("Cannot convert a BigInt value to a number")
        return self.to_number(self.to_primitive(v, "number"))

    def to_key(self, v: Any) -> Any:
        """ToPropertyKey (7.1.19)."""
        t = type(v)
        if t is str:
            return v
        if t is float:
            if v.is_integer() and abs(v) < 1e21:
                return str(int(v))
            return ops.num_to_str(v)
        if isinstance(v, Symbol):
            return v
        if isinstance(v, JSObject):  # ToPrimitive(string) first: an object may give a symbol key
            v = self.to_primitive(v, "string")
            if isinstance(v, Symbol):
                return v
        return self.to_string(v)

    def to_object(self, v: Any, what: str = "") -> JSObject:
        if isinstance(v, JSObject):
            return v
        if v is UNDEFINED or v is NULL:
            raise self.throw_type("Cannot convert undefined or null to object")
        proto = self.proto_of_primitive(v)
        if type(v) is str:
            from engine.builtins.string import string_wrapper
            return self.register(string_wrapper(proto, v))
        w = JSPrimitiveWrapper(proto, {str: "String", float: "Number", bool: "Boolean",
                                       JSBigInt: "BigInt"}.get(type(v), "Object"), v)
        self.register(w)
        return w

    def proto_of_primitive(self, v: Any) -> JSObject:
        t = type(v)
        if t is str:
            return self.StringPrototype
        if t is float:
            return self.NumberPrototype
        if t is bool:
            return self.BooleanPrototype
        if t is JSBigInt:
            return self.BigIntPrototype
        return self.SymbolPrototype

    # ------------------------------------------------------------------ errors
    def throw_type(self, message: str) -> JSThrow:
        return JSThrow(self.new_error("TypeError", message))

    def throw_range(self, message: str) -> JSThrow:
        return JSThrow(self.new_error("RangeError", message))

    def throw_reference(self, message: str) -> JSThrow:
        return JSThrow(self.new_error("ReferenceError", message))

    # ------------------------------------------------------------------ properties
    def get(self, o: Any, key: Any) -> Any:
        """[[Get]] (10.1.8) on any value; getters run as nested calls."""
        if isinstance(o, JSObject):
            obj: JSObject | None = o
        elif type(o) is str:
            if key == "length":  # UTF-16 code units, as JavaScript counts
                return float(len(o) if o.isascii() else len(o.encode("utf-16-le", "surrogatepass")) // 2)
            if type(key) is str and is_array_index(key):
                i = int(key)
                if o.isascii():
                    return o[i] if i < len(o) else UNDEFINED
                from engine.builtins.string import text, units

                view = units(o)  # index by UTF-16 code unit
                return text(view[i]) if i < len(view) else UNDEFINED
            obj = self.StringPrototype
        elif o is UNDEFINED or o is NULL:
            raise self.throw_type(f"Cannot read properties of {o!r} (reading '{self._key_text(key)}')")
        else:
            obj = self.proto_of_primitive(o)
        while obj is not None:
            v = obj.get_own(key)
            if v is not HOLE:
                if type(v) is Accessor:
                    return self.call_sync(v.get, o, []) if v.get is not None else UNDEFINED
                return v
            obj = obj.proto
        return UNDEFINED

    def _key_text(self, key: Any) -> str:
        return f"Symbol({key.description})" if isinstance(key, Symbol) else str(key)

    def getv(self, o: Any, k: Any) -> Any:
        """``o[k]`` with a computed key; fast path for array elements."""
        if type(o) is JSArray and type(k) is float:
            i = int(k) if k.is_integer() else -1
            items = o.items
            if 0 <= i < len(items):
                v = items[i]
                if v is not HOLE:
                    return v
        return self.get(o, self.to_key(k))

    def put(self, o: Any, key: Any, value: Any) -> Any:
        """[[Set]] (10.1.9): setters run as nested calls; returns the assigned value."""
        if not isinstance(o, JSObject):
            if o is UNDEFINED or o is NULL:
                raise self.throw_type(f"Cannot set properties of {o!r} (setting '{self._key_text(key)}')")
            return value  # sloppy mode: silently ignored on primitives
        own = o.get_own(key)
        if own is HOLE:
            p = o.proto
            while p is not None:
                inherited = p.get_own(key)
                if inherited is not HOLE:
                    if type(inherited) is Accessor:
                        return self._call_setter(inherited, o, key, value)
                    if p.ro is not None and key in p.ro:  # an inherited read-only property (10.1.9.2 2.a)
                        return value
                    break
                p = p.proto
            if not o.extensible or o.ro is not None and self._beyond_fixed_length(o, key):
                return value
        elif type(own) is Accessor:
            return self._call_setter(own, o, key, value)
        elif o.ro is not None and key in o.ro:
            return value
        o.set_own(key, value)
        if o is self.global_object and type(key) is str and key not in self.program_globals:
            self.program_globals.append(key)
        return value

    def put_strict(self, o: Any, key: Any, value: Any) -> Any:
        """[[Set]] as strict code and the built-ins do it (``Set(O, P, V, true)``): a refused write throws
        V8's TypeError instead of being ignored."""
        if not isinstance(o, JSObject):
            if o is UNDEFINED or o is NULL:
                raise self.throw_type(f"Cannot set properties of {o!r} (setting '{self._key_text(key)}')")
            what = {str: "string", float: "number", bool: "boolean"}.get(type(o), "symbol")
            shown = self._key_text(o) if what == "symbol" else self.to_string(o)
            if type(o) is str and (key == "length" or (is_array_index(key) and int(key) < len(o))):
                raise self.throw_type(f"Cannot assign to read only property '{key}' of string '{o}'")
            raise self.throw_type(f"Cannot create property '{self._key_text(key)}' on {what} '{shown}'")
        own = o.get_own(key)
        if own is HOLE:
            p = o.proto
            while p is not None:
                inherited = p.get_own(key)
                if inherited is not HOLE:
                    if type(inherited) is Accessor:
                        if inherited.set is None:
                            raise self._getter_only(o, key)
                        return self._call_setter(inherited, o, key, value)
                    if p.ro is not None and key in p.ro:
                        raise self._read_only(o, key)
                    break
                p = p.proto
            if not o.extensible:
                raise self.throw_type(f"Cannot add property {self._key_text(key)}, object is not extensible")
            if o.ro is not None and self._beyond_fixed_length(o, key):
                raise self._read_only(o, "length")
        elif type(own) is Accessor:
            if own.set is None:
                raise self._getter_only(o, key)
            return self._call_setter(own, o, key, value)
        elif o.ro is not None and key in o.ro:
            raise self._read_only(o, key)
        if key == "length" and isinstance(o, JSArray) and type(o) is not JSArray:
            o.set_own(key, value)
            n = self.to_number(value)
            if len(o.items) != n:
                raise self.throw_type(f"Cannot delete property '{len(o.items) - 1}' of [object Array]")
            return value
        o.set_own(key, value)
        if o is self.global_object and type(key) is str and key not in self.program_globals:
            self.program_globals.append(key)
        return value

    @staticmethod
    def _beyond_fixed_length(o: JSObject, key: Any) -> bool:
        """An index at or past the length of an array whose length is read-only (10.4.2.1 step 2.h)."""
        return (isinstance(o, JSArray) and "length" in o.ro and is_array_index(key)  # type: ignore[operator]
                and int(key) >= len(o.items))

    def _describe(self, o: Any) -> str:
        from engine.builtins.common import describe

        return describe(self, o)

    def _read_only(self, o: JSObject, key: Any) -> JSThrow:
        what = "function" if ops.is_callable(o) else "object"
        return self.throw_type(
            f"Cannot assign to read only property '{self._key_text(key)}' of {what} '{self._describe(o)}'")

    def _getter_only(self, o: JSObject, key: Any) -> JSThrow:
        return self.throw_type(
            f"Cannot set property {self._key_text(key)} of {self._describe(o)} which has only a getter")

    def delete_strict(self, o: Any, key: Any) -> bool:
        """``delete`` in strict code (and DeletePropertyOrThrow): a non-configurable property throws."""
        if isinstance(o, JSObject):
            k = self.to_key(key)
            if not o.delete_own(k):
                raise self.throw_type(f"Cannot delete property '{self._key_text(k)}' of {self._describe(o)}")
            return True
        return self.delete(o, key)

    def _call_setter(self, acc: Accessor, o: JSObject, key: Any, value: Any) -> Any:
        if acc.set is None:
            return value
        self.call_sync(acc.set, o, [value])
        return value

    def putv(self, o: Any, k: Any, value: Any) -> Any:
        if type(o) is JSArray and type(k) is float:
            i = int(k) if k.is_integer() else -1
            if 0 <= i < len(o.items):
                o.items[i] = value
                return value
        return self.put(o, self.to_key(k), value)

    def delete(self, o: Any, key: Any) -> bool:
        if isinstance(o, JSObject):
            return o.delete_own(self.to_key(key))
        if o is UNDEFINED or o is NULL:
            raise self.throw_type("Cannot convert undefined or null to object")
        return True

    def has_property(self, o: Any, key: Any) -> bool:
        if not isinstance(o, JSObject):
            raise self.throw_type(
                f"Cannot use 'in' operator to search for '{self.to_string(key)}' in {self.to_string(o)}")
        k = self.to_key(key)
        obj: JSObject | None = o
        while obj is not None:
            if obj.has_own(k):
                return True
            obj = obj.proto
        return False

    def instance_of(self, v: Any, f: Any) -> bool:
        if not isinstance(f, JSObject):
            raise self.throw_type("Right-hand side of 'instanceof' is not an object")
        if not ops.is_callable(f):
            raise self.throw_type("Right-hand side of 'instanceof' is not callable")
        if isinstance(f, BoundFunction):
            f = f.target
        if not isinstance(v, JSObject):
            return False
        proto = self.get(f, "prototype")
        p = v.proto
        while p is not None:
            if p is proto:
                return True
            p = p.proto
        return False

    # ------------------------------------------------------------------ calls
    def call_sync(self, f: Any, this: Any, args: list[Any]) -> Any:
        """Call `f` to completion from Python (getters, toString, built-ins that are not generators)."""
        if isinstance(f, NativeFunction) and not f.gen:
            if self.on_native is not None:  # the timeline: the built-in may change its receiver
                self.on_native(this, args)
            value = f.fn(self, this, args)
            if time.monotonic() > self.deadline:  # one built-in call can be long (see push_call)
                self.check_time()
            return value
        base = len(self.stack)
        self.push_call(f, this, args, None)
        if len(self.stack) == base:   # a plain native ran already
            return self._sync_value
        return self.run_loop(base)

    def push_call(self, f: Any, this: Any, args: list[Any], caller: Frame | None) -> None:
        """Push a frame for calling `f`; plain natives run at once (result in ``_sync_value``)."""
        tf = type(f)
        if tf is JSFunction:
            if f.kind in ("class", "derived"):
                raise self.throw_type(f"Class constructor {f.name} cannot be invoked without 'new'")
            if f.code.coroutine:
                from engine.coroutine import start

                start(self, f, this, args)
                return
            self._push_js(f, this, args)
            return
        if tf is NativeFunction or isinstance(f, NativeFunction):
            if self.on_native is not None:
                self.on_native(this, args)
            if f.gen:
                fr = Frame(f.fn(self, this, args), f, this, args, None, True)
                self._push_frame(fr)
                return
            self._sync_value = f.fn(self, this, args)
            # A built-in's work is not counted in steps (a replaceAll over a 16 MB string is one call): the
            # clock is read after each one, so a loop of a few long calls ends at the time limit, not 256
            # calls later.
            if time.monotonic() > self.deadline:
                self.check_time()
            return
        if tf is BoundFunction:
            self.push_call(f.target, f.bound_this, f.bound_args + args, caller)
            return
        raise self.throw_type(f"{self.describe_callee(f)} is not a function")

    def describe_callee(self, f: Any) -> str:
        if isinstance(f, JSObject):
            return "object"
        if isinstance(f, str):
            return f'"{f}"'
        return self.to_string(f) if not isinstance(f, Symbol) else "symbol"

    def _push_frame(self, fr: Frame) -> None:
        if len(self.stack) >= self.limits.depth:
            raise self.throw_range("Maximum call stack size exceeded")
        self.stack.append(fr)

    def _push_js(self, f: JSFunction, this: Any, args: list[Any]) -> Frame:
        fr = self.js_frame(f, this, args)
        if len(self.stack) >= self.limits.depth:
            raise self.throw_range("Maximum call stack size exceeded")
        self.stack.append(fr)
        fr.gen = f.code.py(self, fr, f, fr.this, args)
        return fr

    def js_frame(self, f: JSFunction, this: Any, args: list[Any]) -> Frame:
        """A frame for calling `f` (its `this` bound as the function's kind says), not yet running."""
        code = f.code
        recv = None
        if code.kind == "arrow":
            recv = this
            this = f.this_val if f.this_val is not None else UNDEFINED
        elif not code.strict and (this is UNDEFINED or this is NULL):
            this = self.global_object
        elif not code.strict and not isinstance(this, JSObject):
            this = self.to_object(this)  # OrdinaryCallBindThis: a sloppy function's this is ToObject(thisArgument)
        fr = _new_frame(Frame)  # Frame(None, f, this, args, code, False) without the cost of calling __init__
        fr.gen = None
        fr.func = f
        fr.this = this
        fr.args = args
        fr.pos = 0
        fr.code = code
        fr.native = False
        fr.construct = None
        fr.site = None
        fr.recv = recv
        fr.coro = None
        return fr

    def push_native_gen(self, gen: Any, func: Any = None, this: Any = UNDEFINED, args: list[Any] | None = None) -> None:
        """Push a built-in frame running the Python generator `gen` (it yields call requests)."""
        self._push_frame(Frame(gen, func, this, args if args is not None else [], None, True))

    def run_native_gen(self, gen: Any) -> Any:
        """Run a built-in generator to completion from Python (event-loop jobs); returns its result."""
        base = len(self.stack)
        self.push_native_gen(gen)
        return self.run_loop(base)

    def construct_sync(self, f: Any, args: list[Any]) -> Any:
        """``new f(...args)`` to completion from Python (a built-in that constructs a program's class)."""
        base = len(self.stack)
        r = self.construct(f, args, None)
        return self.run_loop(base) if r is HOLE else r

    def construct(self, f: Any, args: list[Any], site: str | None, text: str | None = None) -> Any:
        """``new f(...args)``: push the constructor frame (or build a built-in object at once)."""
        if isinstance(f, BoundFunction):
            return self.construct(f.target, f.bound_args + args, site, text)
        if isinstance(f, NativeFunction):
            if f.construct is None:
                raise self.throw_type(f"{text or f.name} is not a constructor")
            # The site is numbered before the built-in runs (as V8's `new` is evaluated first); a built-in that
            # runs program code while constructing (Promise's executor) takes it at once (`constructing_site`).
            label = self.reserve_site(site) if site is not None else None
            self.constructing_site = label
            try:
                obj = f.construct(self, args, self.get(f, "prototype"))
            finally:
                self.constructing_site = None
            if isinstance(obj, JSObject) and label is not None and obj.site is None:
                obj.site = label
            return obj
        if not isinstance(f, JSFunction) or f.kind not in ("normal", "class", "derived"):
            raise self.throw_type(f"{text or self.describe_callee(f)} is not a constructor")
        label = self.reserve_site(site) if site is not None else None
        if f.kind == "derived":
            fr = self._push_js(f, TDZ, args)
            fr.site = label
            fr.construct = f
            return HOLE
        proto = self.get(f, "prototype")
        obj = JSObject(proto if isinstance(proto, JSObject) else self.ObjectPrototype)
        obj.cls = f.name if f.kind == "class" else (f.name or "Object")
        self.register(obj)
        obj.site = label
        fr = self._push_js(f, obj, args)
        fr.construct = obj
        return HOLE

    def super_construct(self, fr: Frame, parent: Any, args: list[Any], new_target: JSFunction) -> Any:
        """``super(...)``: build the object with the parent constructor; returns it, or HOLE if a frame was pushed."""
        proto = self.get(new_target, "prototype")
        if isinstance(parent, NativeFunction):
            if parent.construct is None:
                raise self.throw_type("Super constructor is not a constructor")
            obj = parent.construct(self, args, proto)
            obj.site = fr.site
            obj.cls = new_target.name
            return obj
        if not isinstance(parent, JSFunction) or parent.kind not in ("normal", "class", "derived"):
            raise self.throw_type("Super constructor is not a constructor")
        if parent.kind == "derived":
            nf = self._push_js(parent, TDZ, args)
            nf.site = fr.site
            nf.construct = new_target
            return HOLE
        obj = JSObject(proto if isinstance(proto, JSObject) else self.ObjectPrototype)
        obj.cls = new_target.name
        self.register(obj)
        obj.site = fr.site
        nf = self._push_js(parent, obj, args)
        nf.construct = obj
        return HOLE

    # ------------------------------------------------------------------ the run loop
    def run_loop(self, base: int) -> Any:
        """Run until the stack is back to `base` frames; returns the last frame's result.

        The single dispatch point of the engine: every call, return and throw passes here.
        """
        stack = self.stack
        depth = self.limits.depth
        val: Any = None
        exc: BaseException | None = None
        while len(stack) > base:
            fr = stack[-1]
            try:
                if exc is None:
                    req = fr.gen.send(val)
                else:
                    e, exc = exc, None
                    req = fr.gen.throw(e)
            except StopIteration as stop:
                stack.pop()
                val = stop.value
                if fr.native:
                    if self.on_native is not None:
                        self.on_native(val, fr.args)
                    if time.monotonic() > self.deadline:  # a long built-in call (see push_call)
                        self.check_time()
                if fr.construct is not None:
                    try:  # a derived constructor that returns without calling super() throws in its caller
                        val = self._construct_result(fr, val)
                    except JSThrow as e:
                        if fr.code is not None:  # V8 reports the constructor's line
                            e.line = fr.code.line
                        self._note_throw(e)
                        exc, val = e, None
                if fr.coro is not None:
                    fr.coro.finish()
                continue
            except JSThrow as e:
                if e.line is None and not fr.native and fr.code is not None:
                    e.line = fr.code.lines[fr.pos]
                self._note_throw(e)
                stack.pop()
                if fr.coro is not None:
                    fr.coro.finish()
                exc = e
                val = None
                continue
            except GeneratorReturn as r:
                stack.pop()
                val = r.value
                if fr.coro is not None:
                    fr.coro.finish()
                continue
            except RecursionError:
                stack.pop()
                if fr.coro is not None:
                    fr.coro.finish()
                exc = self.throw_range("Maximum call stack size exceeded")
                continue
            val = None
            head = req[0]
            if type(head) is JSFunction and head.code.call_mode:
                # A call of a compiled function: its frame pushed here (what _dispatch, push_call, _push_js and
                # js_frame do for it, in the same order, without their tests for the other kinds of request).
                code = head.code
                if not fr.native:
                    fr.pos = req[3]
                this = req[1]
                recv = None
                mode = code.call_mode
                if mode == 2:  # CALL_ARROW
                    recv = this
                    this = head.this_val if head.this_val is not None else UNDEFINED
                elif mode == 3 and not isinstance(this, JSObject):  # CALL_SLOPPY
                    if this is UNDEFINED or this is NULL:
                        this = self.global_object
                    else:
                        try:
                            this = self.to_object(this)
                        except JSThrow as e:
                            if e.line is None and not fr.native and fr.code is not None:
                                e.line = fr.code.lines[fr.pos]
                            exc = e
                            continue
                if len(stack) >= depth:
                    exc = self.throw_range("Maximum call stack size exceeded")
                    if not fr.native and fr.code is not None:
                        exc.line = fr.code.lines[fr.pos]
                    continue
                args = req[2]
                nf = _new_frame(Frame)
                nf.func = head
                nf.this = this
                nf.args = args
                nf.pos = 0
                nf.code = code
                nf.native = False
                nf.construct = None
                nf.site = None
                nf.recv = recv
                nf.coro = None
                stack.append(nf)
                nf.gen = code.py(self, nf, head, this, args)
                continue
            try:
                val = self._dispatch(fr, req)
            except JSThrow as e:
                if e.line is None and not fr.native and fr.code is not None:
                    e.line = fr.code.lines[fr.pos]
                exc = e
            except GeneratorReturn as r:
                exc = r
        if exc is not None:
            raise exc
        return val

    def _dispatch(self, fr: Frame, req: tuple[Any, ...]) -> Any:
        head = req[0]
        if type(head) is _Marker and head in _SUSPENDS:
            return self._suspend(fr, head, req[1])
        if head is RESUME:
            return self._resume(req[1], req[2], req[3])
        if head is NEW:
            if not fr.native:
                fr.pos = req[3]
            callee = req[1]
            if not isinstance(callee, (JSFunction, NativeFunction, BoundFunction)):
                raise self.throw_type(f"{req[5] if len(req) > 5 else self.describe_callee(callee)} is not a constructor")
            r = self.construct(callee, req[2], req[4], req[5] if len(req) > 5 else None)
            return None if r is HOLE else r
        if head is SUPER:
            fr.pos = req[3]
            r = self.super_construct(fr, req[1].proto, req[2], fr.construct)
            return None if r is HOLE else r
        if not fr.native:
            fr.pos = req[3]
        if not isinstance(head, (JSFunction, NativeFunction, BoundFunction)):
            raise self.throw_type(f"{req[4] if len(req) > 4 else self.describe_callee(head)} is not a function")
        n = len(self.stack)
        self.push_call(head, req[1], req[2], fr)
        if len(self.stack) == n:
            return self._sync_value
        return None

    def _suspend(self, fr: Frame, kind: _Marker, value: Any) -> Suspended:
        """A coroutine's frame yields or awaits: it leaves the stack, kept by its coroutine object."""
        if fr.coro is None or self.stack[-1] is not fr:
            raise AssertionError("only a coroutine's own frame can suspend")
        self.stack.pop()
        fr.coro.suspend(kind)
        return Suspended(kind, value)

    def _resume(self, coro: Any, mode: str, value: Any) -> Any:
        """Put a suspended coroutine's frame back on the stack and deliver `value` as `mode` says."""
        fr = coro.frame
        self._push_frame(fr)
        coro.resume()
        if mode == "throw":
            raise JSThrow(value)
        if mode == "return":
            raise GeneratorReturn(value)
        return value

    def _construct_result(self, fr: Frame, val: Any) -> Any:
        if isinstance(val, JSObject):
            return val
        if val is not UNDEFINED and fr.code is not None and fr.code.kind == "derived":
            raise self.throw_type("Derived constructors may only return object or undefined")  # 10.2.2 step 10.c
        this = fr.this
        if this is TDZ or this is None:
            raise self.throw_reference(
                "Must call super constructor in derived class before accessing 'this' or returning from derived constructor")
        return this

    def _note_throw(self, e: JSThrow) -> None:
        v = e.value
        if isinstance(v, JSObject) and e.line is not None and v not in self.throw_lines:
            self.throw_lines[v] = e.line

    def first_throw_line(self, e: JSThrow) -> int | None:
        v = e.value
        if isinstance(v, JSObject) and v in self.throw_lines:
            return self.throw_lines[v]
        return e.line

    # ------------------------------------------------------------------ budgets
    def tick(self) -> None:
        """Called at loop back-edges and function entries (each counts as a step): enforce the step
        and time budgets. Time is read every 256 steps. Compiled code inlines it (engine.compiler.TICK):
        ``_vm.steps += 1`` and, only when ``steps > tick_at``, :meth:`tick_check`."""
        self.steps += 1
        if self.steps > self.tick_at:
            self.tick_check()

    def tick_check(self) -> None:
        """The budgets' test, once ``steps`` passed ``tick_at`` (the step limit or the next time check, whichever
        comes first): the step limit is more than ``max_steps`` steps; the clock is read when more than 256 steps
        ran since it was last read."""
        if self.steps > self.max_steps:
            raise LimitExceeded("steps", f"step limit exceeded: more than {self.limits.steps} steps")
        if self.steps - self._last_time_check > 256:
            self._last_time_check = self.steps
            self.check_time()
        self.tick_at = min(self.max_steps, self._last_time_check + 256)

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitExceeded("time", f"time limit exceeded: more than {self.limits.time:g} s")

    _last_time_check = 0
    _sync_value: Any = None

    def start_clock(self) -> None:
        self.deadline = time.monotonic() + self.limits.time
        set_current_vm(self)
        if sys.getrecursionlimit() < 20000:
            sys.setrecursionlimit(20000)

    def extra_roots(self) -> list[Any]:
        """Objects the engine itself holds for the program beyond the stack: the event loop's pending
        timers and immediates and its queued jobs (engine.eventloop)."""
        return self.loop.roots()

    def live_temps(self, fr: Frame) -> set[str]:
        """Temporaries of the statement `fr` is executing: values of an unfinished statement are alive."""
        if self.program is None or fr.code is None:
            return set()
        return self.program.pos_temps.get((fr.code.id, fr.pos), set())

    program: Any = None
    constructing_site: str | None = None   # the site of the `new` a built-in constructor is running for
    on_native: Any = None   # the timeline's hook: built-ins may change their receiver and arguments
    collections = 0         # how many sweeps have run (the timeline re-checks what was freed)

    def iterate(self, v: Any, what: str | None = None) -> Iterator[Any]:
        """The values a for-of loop or spread sees (arrays, strings, Map, Set, arguments); `what` is the
        source text V8 names in "x is not iterable"."""
        from engine.builtins.iteration import iterate_values

        return iterate_values(self, v, what)


