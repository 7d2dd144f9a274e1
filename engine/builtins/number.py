"""Number, Number.prototype, Boolean, parseInt/parseFloat (ECMA-262 21.1, 20.3, 19.2).

toFixed/toPrecision/toExponential round the exact binary value half-up, as V8's DoubleToFixedCString
does (``(1.005).toFixed(2)`` is ``"1.00"``); toString(radix) is V8's DoubleToRadixCString.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any

from engine import ops
from engine.builtins.common import arg, constant, constructor, method, to_integer
from engine.values import UNDEFINED, JSBigInt, JSObject, JSPrimitiveWrapper

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_FLOAT_PREFIX = re.compile(r"^[+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")


def this_number(vm: Any, this: Any, name: str) -> float:
    if type(this) is float:
        return this
    if isinstance(this, JSPrimitiveWrapper) and type(this.value) is float:
        return this.value
    raise vm.throw_type(f"Number.prototype.{name} requires that 'this' be a Number")


# ---------------------------------------------------------------- parsing
def parse_float(s: str) -> float:
    m = _FLOAT_PREFIX.match(s.lstrip(ops._WS))
    if not m:
        return math.nan
    text = m.group(0)
    if text.endswith("Infinity"):
        return -math.inf if text.startswith("-") else math.inf
    return float(text)


def parse_int(s: str, radix_v: Any, vm: Any) -> float:
    s = s.lstrip(ops._WS)
    sign = 1.0
    if s[:1] in ("+", "-"):
        sign = -1.0 if s[0] == "-" else 1.0
        s = s[1:]
    radix = ops.to_int32(vm.to_number(radix_v)) if radix_v is not UNDEFINED else 0
    strip_prefix = True
    if radix != 0:
        if radix < 2 or radix > 36:
            return math.nan
        strip_prefix = radix == 16
    else:
        radix = 10
    if strip_prefix and s[:2].lower() == "0x":
        s = s[2:]
        radix = 16
    digits = _DIGITS[:radix]
    end = 0
    while end < len(s) and s[end].isascii() and s[end].lower() in digits:  # not the Kelvin sign's "k"
        end += 1
    if end == 0:
        return math.nan
    if radix == 10:
        return sign * float(s[:end])  # exact decimal rounding for long digit strings
    return sign * float(int(s[:end], radix))


def _parse_int(vm: Any, this: Any, args: list[Any]) -> Any:
    return parse_int(vm.to_string(arg(args, 0)), arg(args, 1), vm)


def _parse_float(vm: Any, this: Any, args: list[Any]) -> Any:
    return parse_float(vm.to_string(arg(args, 0)))


# ---------------------------------------------------------------- Number
def number_value(vm: Any, v: Any) -> float:
    """Number(value) (21.1.1.1): ToNumeric, and a BigInt converted to the nearest number."""
    from engine.bigint import to_float, to_numeric

    n = to_numeric(vm, v)
    return to_float(n.v) if type(n) is JSBigInt else n


def _number_call(vm: Any, this: Any, args: list[Any]) -> Any:
    return number_value(vm, args[0]) if args else 0.0


def _number_construct(vm: Any, args: list[Any], proto: Any) -> JSObject:
    n = number_value(vm, args[0]) if args else 0.0
    w = JSPrimitiveWrapper(proto if isinstance(proto, JSObject) else vm.NumberPrototype, "Number", n)
    return vm.register(w)


def _is_finite_num(v: Any) -> bool:
    return type(v) is float and v == v and v not in (math.inf, -math.inf)


def _is_integer(vm: Any, this: Any, args: list[Any]) -> Any:
    v = arg(args, 0)
    return _is_finite_num(v) and v == math.trunc(v)


def _is_safe_integer(vm: Any, this: Any, args: list[Any]) -> Any:
    v = arg(args, 0)
    return _is_finite_num(v) and v == math.trunc(v) and abs(v) <= 2**53 - 1


def _number_is_finite(vm: Any, this: Any, args: list[Any]) -> Any:
    return _is_finite_num(arg(args, 0))


def _number_is_nan(vm: Any, this: Any, args: list[Any]) -> Any:
    v = arg(args, 0)
    return type(v) is float and v != v


def _global_is_nan(vm: Any, this: Any, args: list[Any]) -> Any:
    n = vm.to_number(arg(args, 0))
    return n != n


def _global_is_finite(vm: Any, this: Any, args: list[Any]) -> Any:
    return _is_finite_num(vm.to_number(arg(args, 0)))


# ---------------------------------------------------------------- Number.prototype
def to_radix_string(value: float, radix: int) -> str:
    """V8's DoubleToRadixCString."""
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    negative = value < 0
    value = -value if negative else value
    integer = float(math.floor(value))
    fraction = value - integer
    delta = max(0.5 * (math.nextafter(value, math.inf) - value), math.nextafter(0.0, 1.0))
    frac_digits: list[int] = []
    if fraction >= delta:
        while True:
            fraction *= radix
            delta *= radix
            digit = int(fraction)
            frac_digits.append(digit)
            fraction -= digit
            if fraction > 0.5 or (fraction == 0.5 and (digit & 1)):
                if fraction + delta > 1:
                    while True:
                        if not frac_digits:
                            integer += 1.0
                            break
                        d = frac_digits.pop()
                        if d + 1 < radix:
                            frac_digits.append(d + 1)
                            break
                    break
            if not fraction >= delta:
                break
    int_digits: list[str] = []
    while math.frexp(integer / radix)[1] - 53 > 0:
        integer /= radix
        int_digits.append("0")
    while True:
        remainder = math.fmod(integer, radix)
        int_digits.append(_DIGITS[int(remainder)])
        integer = (integer - remainder) / radix
        if integer <= 0:
            break
    text = "".join(reversed(int_digits))
    if frac_digits:
        text += "." + "".join(_DIGITS[d] for d in frac_digits)
    return ("-" if negative else "") + text


def _to_string(vm: Any, this: Any, args: list[Any]) -> Any:
    x = this_number(vm, this, "toString")
    r = arg(args, 0)
    radix = 10 if r is UNDEFINED else to_integer(vm, r)
    if radix < 2 or radix > 36:
        raise vm.throw_range("toString() radix argument must be between 2 and 36")
    if radix == 10:
        return ops.num_to_str(x)
    return to_radix_string(x, int(radix))


def _non_finite(x: float) -> str | None:
    if x != x or x in (math.inf, -math.inf):
        return ops.num_to_str(x)
    return None


def _to_fixed(vm: Any, this: Any, args: list[Any]) -> Any:
    x = this_number(vm, this, "toFixed")
    d = to_integer(vm, arg(args, 0))
    if d < 0 or d > 100:
        raise vm.throw_range("toFixed() digits argument must be between 0 and 100")
    special = _non_finite(x)
    if special is not None:
        return special
    if abs(x) >= 1e21:
        return ops.num_to_str(x)
    q = Decimal(x).quantize(Decimal(1).scaleb(-int(d)), rounding=ROUND_HALF_UP, context=_EXACT)
    text = f"{q.copy_abs():f}"  # abs() would round to the default context's 28 digits
    return ("-" if x < 0 and q != 0 else "") + text


# Enough digits for any double with up to 100 more (a double's exact decimal value has at most 767 significant
# digits): the default context's 28 made toFixed(100)/toPrecision(100) raise decimal.InvalidOperation.
_EXACT = Context(prec=1200)


def _round_significant(x: float, p: int) -> tuple[str, int]:
    """The p significant digits of |x| (half-up on the exact value) and its decimal exponent."""
    if x == 0:
        return "0" * p, 0
    d = Decimal(x).copy_abs()
    e = d.adjusted()
    q = d.scaleb(-e, _EXACT).quantize(Decimal(1).scaleb(-(p - 1)), rounding=ROUND_HALF_UP, context=_EXACT)
    if q >= 10:
        e += 1
        q = d.scaleb(-e, _EXACT).quantize(Decimal(1).scaleb(-(p - 1)), rounding=ROUND_HALF_UP, context=_EXACT)
    digits = f"{q:f}".replace(".", "")
    return digits[:p], e


def _to_precision(vm: Any, this: Any, args: list[Any]) -> Any:
    x = this_number(vm, this, "toPrecision")
    if arg(args, 0) is UNDEFINED:
        return ops.num_to_str(x)
    p = to_integer(vm, arg(args, 0))
    special = _non_finite(x)
    if special is not None:
        return special
    if p < 1 or p > 100:
        raise vm.throw_range("toPrecision() argument must be between 1 and 100")
    p = int(p)
    sign = "-" if x < 0 else ""
    digits, e = _round_significant(x, p)
    if e < -6 or e >= p:
        mant = digits[0] + ("." + digits[1:] if p > 1 else "")
        return f"{sign}{mant}e{'+' if e >= 0 else '-'}{abs(e)}"
    if e == p - 1:
        return sign + digits
    if e >= 0:
        return f"{sign}{digits[:e + 1]}.{digits[e + 1:]}"
    return f"{sign}0.{'0' * (-e - 1)}{digits}"


def _to_exponential(vm: Any, this: Any, args: list[Any]) -> Any:
    x = this_number(vm, this, "toExponential")
    f = to_integer(vm, arg(args, 0))
    special = _non_finite(x)
    if special is not None:
        return special
    if f < 0 or f > 100:
        raise vm.throw_range("toExponential() argument must be between 0 and 100")
    sign = "-" if x < 0 else ""
    if arg(args, 0) is UNDEFINED:
        s = ops.num_to_str(abs(x))
        digits, e = ops._shortest_digits(abs(x)) if x != 0 else ("0", 1)
        e -= 1
        del s
    else:
        digits, e = _round_significant(x, int(f) + 1)
    mant = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return f"{sign}{mant}e{'+' if e >= 0 else '-'}{abs(e)}"


def _value_of(vm: Any, this: Any, args: list[Any]) -> Any:
    return this_number(vm, this, "valueOf")


def _to_locale_string(vm: Any, this: Any, args: list[Any]) -> Any:
    """The en-US default of Intl.NumberFormat: grouped thousands, at most three fraction digits."""
    x = this_number(vm, this, "toLocaleString")
    if x != x:
        return "NaN"
    if x in (math.inf, -math.inf):
        return "∞" if x > 0 else "-∞"
    d = Decimal(repr(x)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    sign = "-" if x < 0 or (x == 0 and math.copysign(1.0, x) < 0) else ""
    whole, _, frac = f"{abs(d):f}".partition(".")
    frac = frac.rstrip("0")
    return f"{sign}{int(whole):,}" + (f".{frac}" if frac else "")


# ---------------------------------------------------------------- Boolean
def _boolean_call(vm: Any, this: Any, args: list[Any]) -> Any:
    return ops.truthy(arg(args, 0))


def _boolean_construct(vm: Any, args: list[Any], proto: Any) -> JSObject:
    w = JSPrimitiveWrapper(proto if isinstance(proto, JSObject) else vm.BooleanPrototype, "Boolean",
                           ops.truthy(arg(args, 0)))
    return vm.register(w)


def _this_boolean(vm: Any, this: Any, name: str) -> bool:
    if type(this) is bool:
        return this
    if isinstance(this, JSPrimitiveWrapper) and type(this.value) is bool:
        return this.value
    raise vm.throw_type(f"Boolean.prototype.{name} requires that 'this' be a Boolean")


def install(vm: Any) -> None:
    proto = JSPrimitiveWrapper(vm.ObjectPrototype, "Number", 0.0)
    vm._builtin_id(proto)
    vm.NumberPrototype = proto
    ctor = constructor(vm, "Number", _number_call, 1, _number_construct, proto)
    for name, fn in (("isInteger", _is_integer), ("isSafeInteger", _is_safe_integer),
                     ("isFinite", _number_is_finite), ("isNaN", _number_is_nan)):
        method(vm, ctor, name, fn, 1)
    ctor.define_hidden("parseFloat", method(vm, vm.global_object, "parseFloat", _parse_float, 1))
    ctor.define_hidden("parseInt", method(vm, vm.global_object, "parseInt", _parse_int, 2))
    method(vm, vm.global_object, "isNaN", _global_is_nan, 1)
    method(vm, vm.global_object, "isFinite", _global_is_finite, 1)
    for name, value in (("MAX_SAFE_INTEGER", 2.0**53 - 1), ("MIN_SAFE_INTEGER", -(2.0**53 - 1)),
                        ("EPSILON", 2.0**-52), ("MAX_VALUE", 1.7976931348623157e308), ("MIN_VALUE", 5e-324),
                        ("POSITIVE_INFINITY", math.inf), ("NEGATIVE_INFINITY", -math.inf), ("NaN", math.nan)):
        constant(ctor, name, value)
    for name, fn, length in (("toString", _to_string, 1), ("toFixed", _to_fixed, 1),
                             ("toPrecision", _to_precision, 1), ("toExponential", _to_exponential, 1),
                             ("valueOf", _value_of, 0), ("toLocaleString", _to_locale_string, 0)):
        method(vm, proto, name, fn, length)

    bproto = JSPrimitiveWrapper(vm.ObjectPrototype, "Boolean", False)
    vm._builtin_id(bproto)
    vm.BooleanPrototype = bproto
    constructor(vm, "Boolean", _boolean_call, 1, _boolean_construct, bproto)
    method(vm, bproto, "toString", lambda vm, this, args: "true" if _this_boolean(vm, this, "toString") else "false")
    method(vm, bproto, "valueOf", lambda vm, this, args: _this_boolean(vm, this, "valueOf"))
