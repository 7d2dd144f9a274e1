"""BigInt and BigInt.prototype (ECMA-262 21.2), with V8's messages. The operators are in engine.bigint."""

from __future__ import annotations

from typing import Any

from engine import bigint
from engine.builtins.common import arg, constructor, method, string_tag, to_integer
from engine.values import SYM_TO_STRING_TAG, UNDEFINED, JSBigInt, JSPrimitiveWrapper


def _call(vm: Any, this: Any, args: list[Any]) -> Any:
    """BigInt(value) (21.2.1.1); ``new BigInt`` has no [[Construct]] ("BigInt is not a constructor")."""
    prim = vm.to_primitive(arg(args, 0), "number")
    if type(prim) is float:
        return bigint.number_to_bigint(vm, prim)
    return bigint.to_bigint(vm, prim)


def _to_index(vm: Any, v: Any) -> int:
    """ToIndex (7.1.22) with V8's message."""
    n = to_integer(vm, v)
    if n < 0 or n > 2**53 - 1:
        raise vm.throw_range("Invalid value: not (convertible to) a safe integer")
    return int(n)


def _as_int_n(vm: Any, this: Any, args: list[Any]) -> Any:
    bits = _to_index(vm, arg(args, 0))
    n = bigint.to_bigint(vm, arg(args, 1)).v
    if bits == 0:
        return JSBigInt(0)
    if bits > n.bit_length() + 1:  # already representable in `bits` bits (two's complement)
        return JSBigInt(n)
    m = n & ((1 << bits) - 1)
    return JSBigInt(m - (1 << bits) if m >> (bits - 1) else m)


def _as_uint_n(vm: Any, this: Any, args: list[Any]) -> Any:
    bits = _to_index(vm, arg(args, 0))
    n = bigint.to_bigint(vm, arg(args, 1)).v
    if n >= 0 and bits >= n.bit_length():
        return JSBigInt(n)
    bigint.size_guard(vm, bits)
    return JSBigInt(n & ((1 << bits) - 1))


def _this_bigint(vm: Any, this: Any, name: str) -> int:
    """thisBigIntValue (21.2.3.4.1)."""
    if type(this) is JSBigInt:
        return this.v
    if isinstance(this, JSPrimitiveWrapper) and type(this.value) is JSBigInt:
        return this.value.v
    raise vm.throw_type(f"BigInt.prototype.{name} requires that 'this' be a BigInt")


def _to_string(vm: Any, this: Any, args: list[Any]) -> Any:
    n = _this_bigint(vm, this, "toString")
    r = arg(args, 0)
    radix = 10 if r is UNDEFINED else to_integer(vm, r)
    if radix < 2 or radix > 36:
        raise vm.throw_range("toString() radix argument must be between 2 and 36")
    return bigint.to_radix(n, int(radix))


def _to_locale_string(vm: Any, this: Any, args: list[Any]) -> Any:
    """The en-US default of Intl.NumberFormat: thousands grouped with commas."""
    n = _this_bigint(vm, this, "toLocaleString")
    digits = bigint.to_decimal(abs(n))
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return ("-" if n < 0 else "") + ",".join(groups)


def _value_of(vm: Any, this: Any, args: list[Any]) -> Any:
    return JSBigInt(_this_bigint(vm, this, "valueOf"))


def install(vm: Any) -> None:
    proto = vm.builtin_object(vm.ObjectPrototype)
    vm.BigIntPrototype = proto
    ctor = constructor(vm, "BigInt", _call, 1, None, proto)
    method(vm, ctor, "asIntN", _as_int_n, 2)
    method(vm, ctor, "asUintN", _as_uint_n, 2)
    method(vm, proto, "toString", _to_string, 0)
    method(vm, proto, "toLocaleString", _to_locale_string, 0)
    method(vm, proto, "valueOf", _value_of, 0)
    string_tag(proto, "BigInt")
    proto.ro = (proto.ro or frozenset()) | {SYM_TO_STRING_TAG}  # non-writable, configurable (21.2.3.5)
