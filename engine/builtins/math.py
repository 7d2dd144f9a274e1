"""The Math object (ECMA-262 21.3).

``Math.random`` is deterministic on purpose: every run of a program draws the same sequence (a
``random.Random`` seeded with a constant per VM), so traces, answer keys and regrading are
reproducible. Programs that print random numbers therefore never match node's output.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

from engine.builtins.common import arg, constant, js_round, method, string_tag

RANDOM_SEED = 20241123


def _unary(fn: Callable[[float], float]) -> Any:
    def native(vm: Any, this: Any, args: list[Any]) -> Any:
        x = vm.to_number(arg(args, 0))
        try:
            return float(fn(x))
        except (ValueError, OverflowError):
            return _edge(fn, x)

    return native


def _edge(fn: Callable[[float], float], x: float) -> float:
    """Results where Python raises but IEEE-754/JavaScript returns a value."""
    if fn is math.log or fn is math.log2 or fn is math.log10:
        return -math.inf if x == 0 else math.nan
    if fn is math.log1p:
        return -math.inf if x == -1 else math.nan
    if fn in (math.exp, math.cosh, math.sinh, math.expm1):
        return math.inf if x > 0 else (-math.inf if fn is math.sinh else (0.0 if fn is math.exp else -1.0 if fn is math.expm1 else math.inf))
    if fn is math.atanh and abs(x) == 1:
        return math.copysign(math.inf, x)
    return math.nan


def _nan_or(fn: Callable[[float], float]) -> Callable[[float], float]:
    def guarded(x: float) -> float:
        if x != x:
            return math.nan
        return fn(x)

    return guarded


def _sign(x: float) -> float:
    if x != x or x == 0:
        return x
    return 1.0 if x > 0 else -1.0


def _trunc(x: float) -> float:
    if x != x or x in (math.inf, -math.inf) or x == 0:
        return x
    return math.copysign(float(math.trunc(x)), x)


def _floor(x: float) -> float:
    if x != x or x in (math.inf, -math.inf) or x == 0:
        return x
    return float(math.floor(x))


def _ceil(x: float) -> float:
    if x != x or x in (math.inf, -math.inf) or x == 0:
        return x
    r = float(math.ceil(x))
    return -0.0 if r == 0 and x < 0 else r


def _cbrt(x: float) -> float:
    if x != x or x in (math.inf, -math.inf) or x == 0:
        return x
    a = abs(x)
    r = a ** (1.0 / 3.0)
    r -= (r * r * r - a) / (3 * r * r)  # one Newton step, as fdlibm's cbrt ends with
    whole = float(round(r))
    if whole * whole * whole == a:
        r = whole
    return math.copysign(r, x)


def _fround(x: float) -> float:
    import struct

    try:
        return struct.unpack("f", struct.pack("f", x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)


def _clz32(x: float) -> float:
    from engine import ops

    n = ops.to_uint32(x)
    return float(32 - n.bit_length())


def _max(vm: Any, this: Any, args: list[Any]) -> Any:
    result = -math.inf
    nan = False
    for a in args:
        x = vm.to_number(a)
        if x != x:
            nan = True
        elif x > result or (x == 0 and result == 0 and math.copysign(1, result) < 0):
            result = x
    return math.nan if nan else result


def _min(vm: Any, this: Any, args: list[Any]) -> Any:
    result = math.inf
    nan = False
    for a in args:
        x = vm.to_number(a)
        if x != x:
            nan = True
        elif x < result or (x == 0 and result == 0 and math.copysign(1, x) < 0):
            result = x
    return math.nan if nan else result


def _pow(vm: Any, this: Any, args: list[Any]) -> Any:
    from engine import ops

    return ops.js_pow(vm.to_number(arg(args, 0)), vm.to_number(arg(args, 1)))


def _atan2(vm: Any, this: Any, args: list[Any]) -> Any:
    return math.atan2(vm.to_number(arg(args, 0)), vm.to_number(arg(args, 1)))


def _hypot(vm: Any, this: Any, args: list[Any]) -> Any:
    """V8's algorithm (builtins/math.tq), not libm's: normalised by the largest value, Kahan-summed, so the
    last digit agrees with node (``Math.hypot(3, 5)`` is 5.8309518948453, where math.hypot gives ...301)."""
    xs = [abs(vm.to_number(a)) for a in args]
    if math.inf in xs:
        return math.inf
    if any(math.isnan(x) for x in xs):
        return math.nan
    top = max(xs, default=0.0)
    if top == 0:
        return 0.0
    total = compensation = 0.0
    for x in xs:
        n = x / top
        summand = n * n - compensation
        preliminary = total + summand
        compensation = (preliminary - total) - summand
        total = preliminary
    return math.sqrt(total) * top


def _imul(vm: Any, this: Any, args: list[Any]) -> Any:
    from engine import ops

    r = (ops.to_int32(vm.to_number(arg(args, 0))) * ops.to_int32(vm.to_number(arg(args, 1)))) & 0xFFFFFFFF
    return float(r - 0x100000000 if r >= 0x80000000 else r)


def install(vm: Any) -> None:
    m = vm.builtin_object(vm.ObjectPrototype)
    string_tag(m, "Math")
    vm.global_object.define_hidden("Math", m)
    for name, value in (("PI", math.pi), ("E", math.e), ("LN2", math.log(2)), ("LN10", math.log(10)),
                        ("LOG2E", 1 / math.log(2)), ("LOG10E", 1 / math.log(10)), ("SQRT2", math.sqrt(2)),
                        ("SQRT1_2", math.sqrt(0.5))):
        constant(m, name, value)
    unary: dict[str, Callable[[float], float]] = {
        "abs": abs, "floor": _floor, "ceil": _ceil, "round": js_round, "trunc": _trunc, "sign": _sign,
        "sqrt": _nan_or(math.sqrt), "cbrt": _cbrt, "exp": math.exp, "expm1": math.expm1, "log": math.log,
        "log2": math.log2, "log10": math.log10, "log1p": math.log1p, "sin": math.sin, "cos": math.cos,
        "tan": math.tan, "asin": math.asin, "acos": math.acos, "atan": math.atan, "sinh": math.sinh,
        "cosh": math.cosh, "tanh": math.tanh, "asinh": math.asinh, "acosh": math.acosh, "atanh": math.atanh,
        "fround": _fround, "clz32": _clz32,
    }
    for name, fn in unary.items():
        method(vm, m, name, _unary(fn), 1)
    method(vm, m, "max", _max, 2)
    method(vm, m, "min", _min, 2)
    method(vm, m, "pow", _pow, 2)
    method(vm, m, "atan2", _atan2, 2)
    method(vm, m, "hypot", _hypot, 2)
    method(vm, m, "imul", _imul, 2)
    rng = random.Random(RANDOM_SEED)
    method(vm, m, "random", lambda vm, this, args: rng.random(), 0)
