"""Helpers shared by the built-in library: argument access, defining natives, small conversions."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from engine import ops
from engine.values import (
    NULL,
    SYM_TO_STRING_TAG,
    UNDEFINED,
    Accessor,
    BoundFunction,
    JSArray,
    JSFunction,
    JSObject,
    NativeFunction,
    Symbol,
)

Native = Callable[..., Any]


def arg(args: list[Any], i: int) -> Any:
    """The i-th argument, or undefined when it was not passed."""
    return args[i] if i < len(args) else UNDEFINED


def method(vm: Any, obj: JSObject, name: Any, fn: Native, length: int = 0, gen: bool = False) -> NativeFunction:
    """Define a non-enumerable built-in method ``obj[name]``."""
    label = name if isinstance(name, str) else f"[{name.description}]"
    f = native(vm, label, fn, length, gen)
    obj.define_hidden(name, f)
    return f


def native(vm: Any, name: str, fn: Native, length: int = 0, gen: bool = False,
           construct: Native | None = None) -> NativeFunction:
    """A built-in function with its own ``name`` and ``length`` properties, as every built-in has."""
    f = vm.native(name, fn, length, gen, construct)
    f.define_hidden("length", float(length))
    f.define_hidden("name", name)
    f.ro = NAME_LENGTH
    return f


NAME_LENGTH = frozenset(("length", "name"))  # a function's name and length: non-writable, configurable


def getter(vm: Any, obj: JSObject, name: Any, fn: Native) -> None:
    """Define a non-enumerable accessor ``obj[name]`` with only a getter."""
    label = name if isinstance(name, str) else f"[{name.description}]"
    obj.define_hidden(name, Accessor(native(vm, f"get {label}", fn, 0), None))


def constant(obj: JSObject, name: Any, value: Any) -> None:
    """A value property of the library (NaN, Math.PI, Symbol.iterator...): non-writable, non-configurable."""
    obj.define_hidden(name, value)
    fix(obj, name)


def string_tag(obj: JSObject, tag: str) -> None:
    """``obj[Symbol.toStringTag] = tag``: non-writable, non-enumerable, configurable (as every built-in's is)."""
    obj.define_hidden(SYM_TO_STRING_TAG, tag)
    obj.ro = (obj.ro or frozenset()) | {SYM_TO_STRING_TAG}


def fix(obj: JSObject, name: Any) -> None:
    """Make ``obj[name]`` non-writable and non-configurable."""
    obj.ro = (obj.ro or frozenset()) | {name}
    obj.nc = (obj.nc or frozenset()) | {name}


def constructor(vm: Any, name: str, fn: Native, length: int, construct: Native | None,
                proto: JSObject) -> NativeFunction:
    """A global constructor ``name`` whose ``prototype`` is `proto` (and ``proto.constructor`` it)."""
    ctor = native(vm, name, fn, length, False, construct)
    ctor.define_hidden("prototype", proto)
    fix(ctor, "prototype")
    proto.define_hidden("constructor", ctor)
    vm.global_object.define_hidden(name, ctor)
    return ctor


def get_method(vm: Any, v: Any, key: Any) -> Any:
    """GetMethod (7.3.11): ``v[key]``, UNDEFINED when it is undefined or null, a TypeError when not callable."""
    f = vm.get(v, key)
    if f is UNDEFINED or f is NULL:
        return UNDEFINED
    if not ops.is_callable(f):
        raise vm.throw_type(f"{describe(vm, f)} is not a function")
    return f


def to_integer(vm: Any, v: Any) -> float:
    """ToIntegerOrInfinity (7.1.5)."""
    return ops.to_integer(vm.to_number(v))


def relative_index(vm: Any, v: Any, length: int, default: int) -> int:
    """A relative start/end argument (slice, splice, fill...) clamped to ``0..length``."""
    if v is UNDEFINED:
        return default
    n = to_integer(vm, v)
    if n < 0:
        return int(max(length + n, 0))
    return int(min(n, length))


def to_length(vm: Any, v: Any) -> int:
    n = to_integer(vm, v)
    if n <= 0:
        return 0
    return int(min(n, 2**53 - 1))


MAX_ARRAY_LIKE = 10_000_000


def array_like_length(vm: Any, obj: Any) -> int:
    """``LengthOfArrayLike`` with the engine's array size bound (V8 would run out of memory instead)."""
    n = to_length(vm, vm.get(obj, "length"))
    if n > MAX_ARRAY_LIKE:
        raise vm.throw_range("Invalid array length")
    return n


def function_name(f: Any) -> str:
    """The ``name`` a function shows (own data property first, as the language defines it)."""
    own = f.get_own("name") if isinstance(f, JSObject) else None
    if isinstance(own, str):
        return own
    name = getattr(f, "name", "")
    return name if isinstance(name, str) else ""


def class_name_of(v: JSObject) -> str:
    """The name V8 shows in ``#<Name>``: the constructor found on the prototype chain."""
    p: JSObject | None = v
    while p is not None:
        c = p.get_own("constructor")
        if ops.is_callable(c):
            name = function_name(c)
            if name:
                return name
        p = p.proto
    return "Object"


def describe(vm: Any, v: Any) -> str:
    """V8's short rendering of a value inside an error message (``3``, ``abc``, ``#<Foo>``)."""
    if isinstance(v, Symbol):
        return f"Symbol({v.description})"
    if isinstance(v, JSArray):
        return "[object Array]"
    if ops.is_callable(v):
        return function_source(v)
    if isinstance(v, JSObject):
        return f"#<{class_name_of(v)}>"
    if v is UNDEFINED:
        return "undefined"
    if v is NULL:
        return "null"
    if type(v) is float:
        return ops.num_to_str(v)
    if type(v) is bool:
        return "true" if v else "false"
    return str(v)


def function_source(f: Any) -> str:
    """Function.prototype.toString: the source text when the compiler kept it, else a native stub."""
    if isinstance(f, JSFunction):
        src = getattr(f.code, "source", None)
        if isinstance(src, str):
            return src
        if f.kind in ("class", "derived"):
            return f"class {f.name} {{ }}"
        return f"function {f.name}() {{ [code] }}"
    if isinstance(f, BoundFunction):
        return "function () { [native code] }"
    return f"function {function_name(f)}() {{ [native code] }}"


def require_callable(vm: Any, f: Any) -> Any:
    if not ops.is_callable(f):
        raise vm.throw_type(f"{describe(vm, f)} is not a function")
    return f


def js_round(x: float) -> float:
    """Math.round: halves round up (towards +Infinity)."""
    if x != x or x in (math.inf, -math.inf) or x == 0:  # NaN, the infinities and both zeros are themselves
        return x
    if -0.5 <= x < 0:
        return -0.0
    r = math.floor(x)
    return float(r + 1 if x - r >= 0.5 else r)
