"""BigInt (ECMA-262 6.1.6.2): the primitive's operators, conversions and comparisons.

A BigInt is a :class:`engine.values.JSBigInt`, an immutable wrapper of a Python ``int`` (a primitive: no heap
object, no allocation site). Numbers stay Python ``float``s, so a BigInt is never mistaken for a number.

The numeric operators of engine.runtime keep their fast path for two numbers and call :func:`binary` otherwise:
ToNumeric on both operands (in order), then the Number or the BigInt operation, or V8's TypeError for a mix.
Sizes follow V8: a result of more than 2**30 bits is a RangeError ("Maximum BigInt size exceeded"). The engine
refuses, as a limit (``LimitExceeded``, limit ``bigint``), results above :data:`ENGINE_MAX_BITS` bits, which a
pure-Python engine could not compute within its time budget; V8 computes them.
"""

from __future__ import annotations

import math
import re
from typing import Any

from engine import ops
from engine.values import UNDEFINED, JSBigInt, JSThrow, LimitExceeded, Symbol

MAX_BITS = 1 << 30            # V8's BigInt::kMaxLengthBits
ENGINE_MAX_BITS = 1 << 24     # about five million decimal digits
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_DECIMAL = re.compile(r"[+-]?[0-9]+")
_PREFIXED = {"0x": (16, re.compile(r"[0-9a-fA-F]+")), "0o": (8, re.compile(r"[0-7]+")), "0b": (2, re.compile(r"[01]+"))}
_WS = ops._WS + "\n\r\u2028\u2029"


# ---------------------------------------------------------------- text
def to_decimal(n: int) -> str:
    """The decimal digits of `n` (no limit on their number, unlike ``str`` in Python 3.11+)."""
    if n < 0:
        return "-" + to_decimal(-n)
    if n.bit_length() < 12_000:
        return str(n)
    half = int(n.bit_length() * 0.30102999566398) // 2
    hi, lo = divmod(n, 10**half)
    return to_decimal(hi) + to_decimal(lo).rjust(half, "0")


def _parse_decimal(digits: str) -> int:
    if len(digits) <= 4000:
        return int(digits)
    half = len(digits) // 2
    return _parse_decimal(digits[:-half]) * 10**half + _parse_decimal(digits[-half:])


def to_radix(n: int, radix: int) -> str:
    """BigInt::toString(radix) (6.1.6.2.23): lower-case digits, a leading '-' for a negative value."""
    if radix == 10:
        return to_decimal(n)
    if n < 0:
        return "-" + to_radix(-n, radix)
    if radix in (2, 8, 16):
        return format(n, {2: "b", 8: "o", 16: "x"}[radix])
    if n == 0:
        return "0"
    chunk_digits = max(1, int(60 / math.log2(radix)))
    chunk = radix**chunk_digits
    parts: list[str] = []
    while n:
        n, r = divmod(n, chunk)
        text = ""
        while r:
            r, d = divmod(r, radix)
            text = _DIGITS[d] + text
        parts.append(text.rjust(chunk_digits, "0") if n else text)
    return "".join(reversed(parts))


_LITERAL = re.compile(r"(?:0|[1-9](?:_?[0-9])*|0[xX][0-9a-fA-F](?:_?[0-9a-fA-F])*|0[oO][0-7](?:_?[0-7])*"
                      r"|0[bB][01](?:_?[01])*)n")


def literal_value(text: str) -> int | None:
    """The value of a BigInt literal's source text (``10n``, ``0x1Fn``, ``0o17n``, ``0b101n``, ``1_000n``),
    None when it is not one (``07n``, ``1.5n``: V8's "Invalid or unexpected token")."""
    if not _LITERAL.fullmatch(text):
        return None
    low = text[:-1].replace("_", "").lower()
    if low[:2] in _PREFIXED:
        return int(low[2:], _PREFIXED[low[:2]][0])
    return _parse_decimal(low)


def string_to_bigint(s: str) -> int | None:
    """StringToBigInt (7.1.14): None when the text is not a StringIntegerLiteral."""
    s = s.strip(_WS)
    if s == "":
        return 0
    prefix = s[:2].lower()
    if prefix in _PREFIXED:
        radix, pattern = _PREFIXED[prefix]
        return int(s[2:], radix) if pattern.fullmatch(s[2:]) else None
    if not _DECIMAL.fullmatch(s):
        return None
    if s[0] in "+-":
        n = _parse_decimal(s[1:])
        return -n if s[0] == "-" else n
    return _parse_decimal(s)


# ---------------------------------------------------------------- conversions
def to_numeric(vm: Any, v: Any) -> Any:
    """ToNumeric (7.1.3): a float or a JSBigInt."""
    if type(v) is float or type(v) is JSBigInt:
        return v
    prim = vm.to_primitive(v, "number")
    if type(prim) is JSBigInt:
        return prim
    return vm.to_number(prim)


def number_to_bigint(vm: Any, x: float) -> JSBigInt:
    """NumberToBigInt (21.2.1.1.1)."""
    if x != x or x in (math.inf, -math.inf) or x != math.trunc(x):
        raise vm.throw_range(f"The number {ops.num_to_str(x)} cannot be converted to a BigInt because it is not an integer")
    return JSBigInt(int(x))


def to_bigint(vm: Any, v: Any) -> JSBigInt:
    """ToBigInt (7.1.13), with V8's messages."""
    prim = vm.to_primitive(v, "number")
    t = type(prim)
    if t is JSBigInt:
        return prim
    if t is bool:
        return JSBigInt(1 if prim else 0)
    if t is str:
        n = string_to_bigint(prim)
        if n is None:
            raise JSThrow(vm.new_error("SyntaxError", f"Cannot convert {prim} to a BigInt"))
        return JSBigInt(n)
    if t is float:
        raise vm.throw_type(f"Cannot convert {ops.num_to_str(prim)} to a BigInt")
    if isinstance(prim, Symbol):
        raise vm.throw_type(f"Cannot convert Symbol({prim.description}) to a BigInt")
    raise vm.throw_type(f"Cannot convert {'undefined' if prim is UNDEFINED else 'null'} to a BigInt")


def to_float(n: int) -> float:
    """Number(bigint): the nearest double (ties to even), Infinity beyond the largest."""
    try:
        return float(n)
    except OverflowError:
        return math.inf if n > 0 else -math.inf


# ---------------------------------------------------------------- operators
def checked(vm: Any, n: int) -> JSBigInt:
    bits = n.bit_length()
    if bits > ENGINE_MAX_BITS:
        if bits > MAX_BITS:
            raise vm.throw_range("Maximum BigInt size exceeded")
        raise _engine_limit()
    return JSBigInt(n)


def _engine_limit() -> LimitExceeded:
    return LimitExceeded("bigint", f"BigInt size limit exceeded: a result of more than {ENGINE_MAX_BITS} bits")


def size_guard(vm: Any, bits: int) -> None:
    """Refuse before computing a result of about `bits` bits."""
    if bits > MAX_BITS:
        raise vm.throw_range("Maximum BigInt size exceeded")
    if bits > ENGINE_MAX_BITS:
        raise _engine_limit()


def _divide(vm: Any, a: int, b: int) -> int:
    if b == 0:
        raise vm.throw_range("Division by zero")
    q = abs(a) // abs(b)
    return -q if (a < 0) != (b < 0) else q


def _remainder(vm: Any, a: int, b: int) -> int:
    if b == 0:
        raise vm.throw_range("Division by zero")
    r = abs(a) % abs(b)
    return -r if a < 0 else r


def _power(vm: Any, a: int, b: int) -> int:
    if b < 0:
        raise vm.throw_range("undefined must be positive")  # V8 20's own wording
    if a in (0, 1) or b == 0:
        return 1 if b == 0 else a
    if a == -1:
        return -1 if b & 1 else 1
    size_guard(vm, (abs(a).bit_length() - 1) * b + 1)
    return a**b


def _shift_left(vm: Any, a: int, b: int) -> int:
    if b < 0:
        return a >> min(-b, MAX_BITS + 1)
    if a == 0:
        return 0
    size_guard(vm, a.bit_length() + b)
    return a << b


def big_op(vm: Any, op: str, a: int, b: int) -> JSBigInt:
    """BigInt::op (6.1.6.2) on two Python ints."""
    if op == "+":
        r = a + b
    elif op == "-":
        r = a - b
    elif op == "*":
        size_guard(vm, a.bit_length() + b.bit_length() - 1)
        r = a * b
    elif op == "/":
        r = _divide(vm, a, b)
    elif op == "%":
        r = _remainder(vm, a, b)
    elif op == "**":
        r = _power(vm, a, b)
    elif op == "&":
        r = a & b
    elif op == "|":
        r = a | b
    elif op == "^":
        r = a ^ b
    elif op == "<<":
        r = _shift_left(vm, a, b)
    elif op == ">>":
        r = _shift_left(vm, a, -b)
    elif op == ">>>":
        raise vm.throw_type("BigInts have no unsigned right shift, use >> instead")
    else:  # pragma: no cover - the compiler emits only the operators above
        raise AssertionError(op)
    return checked(vm, r)


def _i32(x: float) -> int:
    return ops.to_int32(x)


def number_op(op: str, x: float, y: float) -> float:
    """Number::op (6.1.6.1) as engine.runtime computes it."""
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    if op == "/":
        return ops.js_div(x, y)
    if op == "%":
        return ops.js_mod(x, y)
    if op == "**":
        return ops.js_pow(x, y)
    if op == "&":
        return float(_i32(_i32(x) & _i32(y)))
    if op == "|":
        return float(_i32(_i32(x) | _i32(y)))
    if op == "^":
        return float(_i32(_i32(x) ^ _i32(y)))
    count = ops.to_uint32(y) & 31
    if op == "<<":
        return float(_i32(_i32(x) << count))
    if op == ">>":
        return float(_i32(x) >> count)
    return float(ops.to_uint32(x) >> count)  # >>>


def mix_error(vm: Any) -> Exception:
    return vm.throw_type("Cannot mix BigInt and other types, use explicit conversions")


def binary(vm: Any, op: str, a: Any, b: Any) -> Any:
    """ApplyStringOrNumericBinaryOperator (13.15.3) after the string case: ToNumeric both, then by type."""
    x = to_numeric(vm, a)
    y = to_numeric(vm, b)
    tx, ty = type(x), type(y)
    if tx is float and ty is float:
        return number_op(op, x, y)
    if tx is JSBigInt and ty is JSBigInt:
        return big_op(vm, op, x.v, y.v)
    raise mix_error(vm)


def negate(vm: Any, a: Any) -> Any:
    x = to_numeric(vm, a)
    return JSBigInt(-x.v) if type(x) is JSBigInt else -x


def bitwise_not(vm: Any, a: Any) -> Any:
    x = to_numeric(vm, a)
    return JSBigInt(~x.v) if type(x) is JSBigInt else float(ops.to_int32(~ops.to_int32(x)))


def step(x: Any, delta: int) -> Any:
    """The ++/-- of an already numeric value."""
    return JSBigInt(x.v + delta) if type(x) is JSBigInt else x + delta


# ---------------------------------------------------------------- comparisons
def less_than(vm: Any, px: Any, py: Any) -> Any:
    """IsLessThan (7.2.13) on two primitives, one of them a BigInt: True, False or None (undefined)."""
    if type(px) is JSBigInt and type(py) is str:
        ny = string_to_bigint(py)
        return None if ny is None else px.v < ny
    if type(px) is str and type(py) is JSBigInt:
        nx = string_to_bigint(px)
        return None if nx is None else nx < py.v
    x = px if type(px) is JSBigInt else vm.to_number(px)
    y = py if type(py) is JSBigInt else vm.to_number(py)
    xv = x.v if type(x) is JSBigInt else x
    yv = y.v if type(y) is JSBigInt else y
    if xv != xv or yv != yv:
        return None
    return xv < yv  # Python compares an int with a float exactly, infinities included


def loose_equals(a: Any, b: Any) -> bool:
    """IsLooselyEqual (7.2.14) once one side is a BigInt and neither is an object, a boolean or nullish."""
    if type(a) is not JSBigInt:
        a, b = b, a
    if type(b) is JSBigInt:
        return a.v == b.v
    if type(b) is str:
        n = string_to_bigint(b)
        return n is not None and a.v == n
    if type(b) is float:
        return b == b and b not in (math.inf, -math.inf) and a.v == b
    return False

