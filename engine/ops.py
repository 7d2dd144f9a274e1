"""Type conversions and operators on primitives (ECMA-262 7.1 and 13), free of any realm."""

from __future__ import annotations

import math
from typing import Any

from engine.lazy import LazyPattern
from engine.values import NULL, UNDEFINED, BoundFunction, JSBigInt, JSFunction, JSObject, NativeFunction

INF = math.inf
NAN = math.nan

_WS = " \t\n\r\v\f\u00a0\ufeff\u2028\u2029\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_DECIMAL = LazyPattern(r"^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$")  # Unicode \d: compiled on first use


def join_surrogates(s: str) -> str:
    """A string as the engine keeps it: a UTF-16 surrogate pair is one code point, so "\\ud83d\\ude00" and
    "\\u{1F600}" are the same string (lone surrogates stay as they are)."""
    if s.isascii() or not any("\ud800" <= c <= "\udbff" for c in s):
        return s
    return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def concat(a: str, b: str) -> str:
    """a + b, joining a high surrogate at the end of `a` with a low one at the start of `b`."""
    if a and b and "\ud800" <= a[-1] <= "\udbff" and "\udc00" <= b[0] <= "\udfff":
        return a[:-1] + join_surrogates(a[-1] + b[0]) + b[1:]
    return a + b


def truthy(v: Any) -> bool:
    """ToBoolean (7.1.2)."""
    t = type(v)
    if t is bool:
        return v
    if t is float:
        return not (v == 0.0 or v != v)
    if t is str:
        return v != ""
    if v is UNDEFINED or v is NULL:
        return False
    if t is JSBigInt:
        return v.v != 0
    return True


def is_callable(v: Any) -> bool:
    return isinstance(v, (JSFunction, NativeFunction, BoundFunction))


def typeof(v: Any) -> str:
    t = type(v)
    if t is float:
        return "number"
    if t is str:
        return "string"
    if t is bool:
        return "boolean"
    if v is UNDEFINED:
        return "undefined"
    if v is NULL:
        return "object"
    if is_callable(v):
        return "function"
    if isinstance(v, JSObject):
        return "object"
    if t is JSBigInt:
        return "bigint"
    return "symbol"


def str_to_number(s: str) -> float:
    s = s.strip(_WS)
    if s == "":
        return 0.0
    if _DECIMAL.match(s):
        return float(s)
    low = s.lower()
    try:
        if low.startswith("0x"):
            return int_to_float(int(s[2:], 16))
        if low.startswith("0o"):
            return int_to_float(int(s[2:], 8))
        if low.startswith("0b"):
            return int_to_float(int(s[2:], 2))
    except ValueError:
        return NAN
    if s in ("Infinity", "+Infinity"):
        return INF
    if s == "-Infinity":
        return -INF
    return NAN


def num_to_str(x: float) -> str:
    """Number::toString (6.1.6.1.20): the shortest round-tripping digits, in JavaScript's layout."""
    if x != x:
        return "NaN"
    if x == 0:
        return "0"
    if x in (INF, -INF):
        return "Infinity" if x > 0 else "-Infinity"
    if x.is_integer() and abs(x) < 2**53:
        return str(int(x))
    sign = "-" if x < 0 else ""
    digits, n = _shortest_digits(abs(x))
    k = len(digits)
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    exp = n - 1
    es = f"e+{exp}" if exp >= 0 else f"e-{-exp}"
    if k == 1:
        return sign + digits + es
    return sign + digits[0] + "." + digits[1:] + es


def _shortest_digits(x: float) -> tuple[str, int]:
    """Digits d1..dk and exponent n with x = 0.d1..dk * 10**n (shortest round trip, via repr)."""
    r = repr(x)
    mant, _, exp = r.partition("e")
    e = int(exp) if exp else 0
    whole, _, frac = mant.partition(".")
    if frac == "0":
        frac = ""
    digits = (whole + frac).lstrip("0")
    lead_zeros = len(whole + frac) - len((whole + frac).lstrip("0"))
    n = len(whole) + e - lead_zeros
    return digits.rstrip("0") or "0", n


def to_int32(x: float) -> int:
    if x != x or x in (INF, -INF):
        return 0
    n = int(x) & 0xFFFFFFFF
    return n - 0x100000000 if n >= 0x80000000 else n


def to_uint32(x: float) -> int:
    if x != x or x in (INF, -INF):
        return 0
    return int(x) & 0xFFFFFFFF


def to_integer(x: float) -> float:
    if x != x:
        return 0.0
    if x in (INF, -INF):
        return x
    return float(math.trunc(x))


def js_mod(a: float, b: float) -> float:
    if 0.0 < b < INF and 0.0 <= a < INF:  # finite, a >= 0 (or -0), b > 0: no NaN, infinity or zero to test for
        r = math.fmod(a, b)
        return r if r else math.copysign(0.0, a)
    if b == 0 or a != a or b != b or a in (INF, -INF):
        return NAN
    if b in (INF, -INF):
        return a
    if a == 0:
        return a
    r = math.fmod(a, b)
    return r if r != 0 else math.copysign(0.0, a)


def js_div(a: float, b: float) -> float:
    try:
        return a / b
    except ZeroDivisionError:
        if a == 0 or a != a:
            return NAN
        return INF if (math.copysign(1, a) * math.copysign(1, b)) > 0 else -INF


def js_pow(a: float, b: float) -> float:
    if b != b:
        return NAN
    if b == 0:
        return 1.0
    if (a == 1 or a == -1) and b in (INF, -INF):
        return NAN
    try:
        r = a ** b
    except OverflowError:
        return INF if a > 0 or b % 2 == 0 else -INF
    except ZeroDivisionError:
        return INF if not (a == 0 and math.copysign(1, a) < 0 and b % 2 == 1) else -INF
    if isinstance(r, complex):
        return NAN
    return float(r)


def strict_equals(a: Any, b: Any) -> bool:
    """IsStrictlyEqual (7.2.15)."""
    ta = type(a)
    if ta is not type(b):
        return False
    if ta is float or ta is str or ta is bool or ta is JSBigInt:
        return bool(a == b)
    return a is b


def same_value_zero(a: Any, b: Any) -> bool:
    if type(a) is float and type(b) is float and a != a and b != b:
        return True
    return strict_equals(a, b)


def same_value(a: Any, b: Any) -> bool:
    if type(a) is float and type(b) is float:
        if a != a and b != b:
            return True
        if a == 0 and b == 0:
            return math.copysign(1, a) == math.copysign(1, b)
    return strict_equals(a, b)


def int_to_float(n: int) -> float:
    """An integer as a Number: one beyond the largest double (0x followed by 300 f's) is Infinity, as in V8."""
    try:
        return float(n)
    except OverflowError:
        return INF
