"""Date (ECMA-262 21.4), as V8 behaves with the time zone UTC.

Local time is UTC in the engine (the conformance harness and the tests run node with ``TZ=UTC``), so every
local getter and setter is its UTC twin and ``getTimezoneOffset()`` is 0. A Date is a heap object of class
``Date`` whose time value (a float, NaN when invalid) is in ``tv``; ``new Date()`` is an allocation site.

The current time (``new Date()``, ``Date()``, ``Date.now()``) is the real clock, in whole milliseconds:
programs that print it cannot be compared with node, so the tests never do.

``Date.parse`` and ``new Date(string)`` accept the ISO format of 21.4.1.32 (with V8's extensions: a space or
a lowercase ``t`` between date and time, one-digit months and days, offsets without a colon) and, like V8's
legacy parser, dates such as ``January 15, 2024``, ``15 Jan 2024 10:00 PM``, ``1/15/2024``,
``Mon Jan 15 2024 10:00:00 GMT+0000 (Coordinated Universal Time)`` or ``Mon, 15 Jan 2024 10:00:00 GMT``.
"""

from __future__ import annotations

import math
import re
import time
from typing import Any

from engine import ops
from engine.builtins.common import arg, constructor, describe, method
from engine.values import NULL, SYM_TO_PRIMITIVE, JSObject

MS_PER_DAY = 86_400_000.0
MAX_TIME = 8.64e15
DAYS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ZONE = "GMT+0000 (Coordinated Universal Time)"


class JSDate(JSObject):
    """A Date instance: its [[DateValue]] in ``tv`` (milliseconds since the epoch, NaN when invalid)."""

    __slots__ = ("tv",)

    def __init__(self, proto: JSObject | None, tv: float) -> None:
        super().__init__(proto, "Date")
        self.tv = tv


# ---------------------------------------------------------------- the abstract operations (21.4.1)
def time_clip(t: float) -> float:
    if t != t or abs(t) > MAX_TIME:
        return math.nan
    return float(int(t)) + 0.0


def _days_from_civil(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 of the proleptic Gregorian date y-m-d (m 1..12); exact for any year."""
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _civil_from_days(z: int) -> tuple[int, int, int]:
    z += 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + (3 if mp < 10 else -9)
    return y + (m <= 2), m, d


def fields(t: float) -> tuple[int, int, int, int, int, int, int, int]:
    """(year, month 0-11, date, hours, minutes, seconds, ms, weekday) of a valid time value."""
    ti = int(t)
    day, ms_in_day = divmod(ti, 86_400_000)
    y, m, d = _civil_from_days(day)
    h, rest = divmod(ms_in_day, 3_600_000)
    mi, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return y, m - 1, d, h, mi, s, ms, (day + 4) % 7


def make_time(h: float, m: float, s: float, ms: float) -> float:
    if not all(math.isfinite(x) for x in (h, m, s, ms)):
        return math.nan
    return ops.to_integer(h) * 3_600_000.0 + ops.to_integer(m) * 60_000.0 + ops.to_integer(s) * 1000.0 + \
        ops.to_integer(ms)


def make_day(year: float, month: float, date: float) -> float:
    if not all(math.isfinite(x) for x in (year, month, date)):
        return math.nan
    y, m, dt = ops.to_integer(year), ops.to_integer(month), ops.to_integer(date)
    ym = y + math.floor(m / 12)
    if abs(ym) > 400_000:
        return math.nan
    mn = int(m % 12)
    return float(_days_from_civil(int(ym), mn + 1, 1)) + dt - 1


def make_date(day: float, t: float) -> float:
    if not (math.isfinite(day) and math.isfinite(t)):
        return math.nan
    tv = day * MS_PER_DAY + t
    return tv if math.isfinite(tv) else math.nan


# ---------------------------------------------------------------- formatting (21.4.4.41)
def _year(y: int) -> str:
    return f"-{-y:04d}" if y < 0 else f"{y:04d}"


def date_string(t: float) -> str:
    y, m, d, *_, wd = fields(t)
    return f"{DAYS[wd]} {MONTHS[m]} {d:02d} {_year(y)}"


def time_string(t: float) -> str:
    _, _, _, h, mi, s, _, _ = fields(t)
    return f"{h:02d}:{mi:02d}:{s:02d} {ZONE}"


def to_date_string(t: float) -> str:
    if t != t:
        return "Invalid Date"
    return f"{date_string(t)} {time_string(t)}"


def utc_string(t: float) -> str:
    y, m, d, h, mi, s, _, wd = fields(t)
    return f"{DAYS[wd]}, {d:02d} {MONTHS[m]} {_year(y)} {h:02d}:{mi:02d}:{s:02d} GMT"


def iso_string(t: float) -> str:
    y, m, d, h, mi, s, ms, _ = fields(t)
    year = f"{y:04d}" if 0 <= y <= 9999 else (f"+{y:06d}" if y > 0 else f"-{-y:06d}")
    return f"{year}-{m + 1:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}.{ms:03d}Z"


def _locale_date(t: float) -> str:
    y, m, d, *_ = fields(t)
    return f"{m + 1}/{d}/{y if y > 0 else 1 - y}"  # en-US; years before 1 are counted in the BC era


def _locale_time(t: float) -> str:
    _, _, _, h, mi, s, _, _ = fields(t)
    return f"{h % 12 or 12}:{mi:02d}:{s:02d} {'AM' if h < 12 else 'PM'}"


# ---------------------------------------------------------------- parsing
_ISO = re.compile(
    r"([+-]\d{6}|\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?"
    r"(?:[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(?:([Zz])|([+-])(\d{2}):?(\d{2}))?")


def _parse_iso(s: str) -> float | None:
    """The date-time string format (21.4.1.32) and V8's lenient variants; None when it does not apply."""
    m = _ISO.fullmatch(s)
    if m is None:
        return None
    ys, mo, da, hh, mi, ss, frac, _z, sign, oh, om = m.groups()
    if ys == "-000000":
        return math.nan
    year, month, day = int(ys), int(mo or 1), int(da or 1)
    h, minute, sec = int(hh or 0), int(mi or 0), int(ss or 0)
    ms = int((frac or "0")[:3].ljust(3, "0"))
    if not (1 <= month <= 12 and 1 <= day <= 31 and minute < 60 and sec < 60):
        return math.nan
    if h > 24 or (h == 24 and (minute or sec or ms)):
        return math.nan
    t = make_date(make_day(year, month - 1, day), make_time(h, minute, sec, ms))
    if sign is not None:
        offset = int(oh) * 60 + int(om)
        if int(oh) > 23 or int(om) > 59:
            return math.nan
        t -= (offset if sign == "+" else -offset) * 60_000.0
    return time_clip(t)


_TOKEN = re.compile(r"\s+|\d+|[A-Za-z]+|\(|\)|.", re.S)
_ZONES = {"ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
          "mst": -420, "mdt": -360, "pst": -480, "pdt": -420}


def _parse_legacy(s: str) -> float:  # noqa: C901 - one pass over the tokens, as V8's DateParser
    """V8's legacy date parser (src/date/dateparser-inl.h), for the forms the ISO format does not cover."""
    tokens = [t for t in _TOKEN.findall(s) if not t.isspace()]
    nums: list[int] = []
    named_month = 0
    clock: list[int] | None = None
    ampm: int | None = None
    offset: int | None = None   # minutes east of UTC
    has_number = False
    depth = 0
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        i += 1
        if tok == "(":
            depth += 1
            continue
        if tok == ")":
            depth = max(depth - 1, 0)
            continue
        if depth:
            continue
        nxt = tokens[i] if i < n else ""
        if tok.isdigit():
            has_number = True
            value = int(tok)
            if nxt == ":" and clock is None:
                clock = [value]
                while i < n and tokens[i] == ":" and i + 1 < n and tokens[i + 1].isdigit() and len(clock) < 3:
                    clock.append(int(tokens[i + 1]))
                    i += 2
                if len(clock) == 3 and i + 1 < n and tokens[i] == "." and tokens[i + 1].isdigit():
                    clock.append(int(tokens[i + 1][:3].ljust(3, "0")))
                    i += 2
                if len(clock) < 2:
                    return math.nan
            else:
                nums.append(value)
            continue
        if tok.isalpha():
            word = tok.lower()
            if word in ("am", "pm"):
                ampm = 0 if word == "am" else 12
            elif word in _ZONES:
                offset = _ZONES[word]
            elif len(word) >= 3 and word[:3] in (m.lower() for m in MONTHS):
                named_month = [m.lower() for m in MONTHS].index(word[:3]) + 1
            elif len(word) >= 3 and word[:3] in (d.lower() for d in DAYS):
                pass
            elif word == "t" and clock is None:
                pass
            elif has_number:
                return math.nan
            continue
        if tok in "+-" and (offset is not None or clock is not None) and nxt.isdigit():
            i += 1
            if len(nxt) <= 2:
                minutes = int(nxt) * 60
                if i + 1 < n and tokens[i] == ":" and tokens[i + 1].isdigit():
                    minutes += int(tokens[i + 1])
                    i += 2
            else:
                minutes = int(nxt) // 100 * 60 + int(nxt) % 100
            offset = minutes if tok == "+" else -minutes
            continue
    # DayComposer::Write
    if len(nums) > 3 or (not nums and not named_month):
        return math.nan
    year: int | None = None
    day = 1
    if not named_month:
        if not nums:
            return math.nan
        if len(nums) == 3 and not 1 <= nums[0] <= 31:
            year, month, day = nums
        else:
            month = nums[0]
            if len(nums) > 1:
                day = nums[1]
            if len(nums) == 3:
                year = nums[2]
    else:
        month = named_month
        if len(nums) == 1:
            day = nums[0]
        elif len(nums) >= 2:
            if not 1 <= nums[0] <= 31:
                year, day = nums[0], nums[1]
            else:
                day, year = nums[0], nums[1]
    if year is None:
        year = 2001
    elif 0 <= year <= 49:
        year += 2000
    elif 50 <= year <= 99:
        year += 1900
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return math.nan
    h, mi, sec, ms = (clock or []) + [0] * (4 - len(clock or []))
    if ampm is not None:
        if not 0 <= h <= 12:
            return math.nan
        h = h % 12 + ampm
    if h > 24 or mi > 59 or sec > 59 or (h == 24 and (mi or sec or ms)):
        return math.nan
    t = make_date(make_day(year, month - 1, day), make_time(h, mi, sec, ms))
    if offset is not None:
        t -= offset * 60_000.0
    return time_clip(t)


def parse(s: str) -> float:
    s = s.strip()
    iso = _parse_iso(s)
    return iso if iso is not None else _parse_legacy(s)


# ---------------------------------------------------------------- constructor
def now() -> float:
    return float(int(time.time() * 1000))


def this_time(vm: Any, this: Any, name: str | None = None) -> float:
    """thisTimeValue: V8 words the error one way for the getters and valueOf, another for the rest."""
    if not isinstance(this, JSDate):
        if name is None:
            raise vm.throw_type("this is not a Date object.")
        raise vm.throw_type(f"Method Date.prototype.{name} called on incompatible receiver {describe(vm, this)}")
    return this.tv


def _date_call(vm: Any, this: Any, args: list[Any]) -> Any:
    return to_date_string(now())


def _from_components(vm: Any, args: list[Any]) -> float:
    nums = [vm.to_number(a) for a in args[:7]]
    y = nums[0]
    if y == y:
        yi = ops.to_integer(y)
        if 0 <= yi <= 99:
            y = 1900.0 + yi
    comp = nums + [0.0] * (7 - len(nums))
    month = comp[1]
    day = nums[2] if len(nums) > 2 else 1.0
    return make_date(make_day(y, month, day), make_time(comp[3], comp[4], comp[5], comp[6]))


def _date_construct(vm: Any, args: list[Any], proto: Any) -> JSDate:
    if not args:
        tv = now()
    elif len(args) == 1:
        v = args[0]
        if isinstance(v, JSDate):
            tv = v.tv
        else:
            p = vm.to_primitive(v)
            tv = parse(p) if type(p) is str else time_clip(vm.to_number(p))
    else:
        tv = time_clip(_from_components(vm, args))
    d = JSDate(proto if isinstance(proto, JSObject) else vm.DatePrototype, tv)
    vm.register(d)
    return d


def _now(vm: Any, this: Any, args: list[Any]) -> Any:
    return now()


def _parse(vm: Any, this: Any, args: list[Any]) -> Any:
    return parse(vm.to_string(arg(args, 0)))


def _utc(vm: Any, this: Any, args: list[Any]) -> Any:
    if not args:
        return math.nan
    return time_clip(_from_components(vm, args))


# ---------------------------------------------------------------- getters
def _getter(index: int) -> Any:
    def get(vm: Any, this: Any, args: list[Any]) -> Any:
        t = this_time(vm, this)
        if t != t:
            return math.nan
        return float(fields(t)[index])

    return get


def _get_time(vm: Any, this: Any, args: list[Any]) -> Any:
    return this_time(vm, this)


def _get_timezone_offset(vm: Any, this: Any, args: list[Any]) -> Any:
    t = this_time(vm, this)
    return math.nan if t != t else 0.0


def _get_year(vm: Any, this: Any, args: list[Any]) -> Any:
    t = this_time(vm, this, "getYear")
    return math.nan if t != t else float(fields(t)[0] - 1900)


# ---------------------------------------------------------------- setters (21.4.4.20-29)
def _set_time(vm: Any, this: Any, args: list[Any]) -> Any:
    this_time(vm, this, "setTime")
    this.tv = time_clip(vm.to_number(arg(args, 0)))
    return this.tv


def _setter(name: str, first: int, count: int) -> Any:
    """A setter of the fields first .. first+count-1 of (year, month, date, hours, minutes, seconds, ms)."""

    def set_(vm: Any, this: Any, args: list[Any]) -> Any:
        t = this_time(vm, this, name)
        given = [vm.to_number(a) for a in args[:count]] or [math.nan]
        if t != t:
            if first != 0:
                return math.nan
            t = 0.0  # setFullYear on an invalid date starts from +0 (21.4.4.21 step 3)
        parts: list[float] = [float(x) for x in fields(t)[:7]]
        for k, v in enumerate(given):
            parts[first + k] = v
        y, m, d, h, mi, s, ms = parts
        this.tv = time_clip(make_date(make_day(y, m, d), make_time(h, mi, s, ms)))
        return this.tv

    return set_


def _set_year(vm: Any, this: Any, args: list[Any]) -> Any:
    t = this_time(vm, this, "setYear")
    y = vm.to_number(arg(args, 0))
    if y != y:
        this.tv = math.nan
        return this.tv
    yi = ops.to_integer(y)
    if 0 <= yi <= 99:
        yi += 1900
    if t != t:
        t = 0.0
    _, m, d, h, mi, s, ms, _ = fields(t)
    this.tv = time_clip(make_date(make_day(yi, m, d), make_time(h, mi, s, ms)))
    return this.tv


# ---------------------------------------------------------------- conversions
def _formatter(name: str, fmt: Any) -> Any:
    def to_string(vm: Any, this: Any, args: list[Any]) -> Any:
        t = this_time(vm, this, name)
        return "Invalid Date" if t != t else fmt(t)

    return to_string


def _to_iso_string(vm: Any, this: Any, args: list[Any]) -> Any:
    t = this_time(vm, this, "toISOString")
    if t != t:
        raise vm.throw_range("Invalid time value")
    return iso_string(t)


def _to_json(vm: Any, this: Any, args: list[Any]) -> Any:
    o = vm.to_object(this)
    tv = vm.to_primitive(o, "number")
    if type(tv) is float and not math.isfinite(tv):
        return NULL
    f = vm.get(o, "toISOString")
    if not ops.is_callable(f):
        raise vm.throw_type("toISOString is not a function")
    return vm.call_sync(f, o, [])


def _value_of(vm: Any, this: Any, args: list[Any]) -> Any:
    return this_time(vm, this)


def _to_primitive(vm: Any, this: Any, args: list[Any]) -> Any:
    """Date.prototype[@@toPrimitive] (21.4.4.45): "default" means "string"."""
    if not isinstance(this, JSObject):
        raise vm.throw_type(f"Method Date.prototype [ @@toPrimitive ] called on incompatible receiver "
                            f"{describe(vm, this)}")
    hint = arg(args, 0)
    if hint not in ("string", "default", "number"):
        raise vm.throw_type(f"Invalid hint: {vm.to_string(hint) if type(hint) is str else vm.inspect(hint)}")
    order = ("valueOf", "toString") if hint == "number" else ("toString", "valueOf")
    for name in order:
        fn = vm.get(this, name)
        if ops.is_callable(fn):
            r = vm.call_sync(fn, this, [])
            if not isinstance(r, JSObject):
                return r
    raise vm.throw_type("Cannot convert object to primitive value")


def install(vm: Any) -> None:
    proto = vm.builtin_object(vm.ObjectPrototype)
    vm.DatePrototype = proto
    ctor = constructor(vm, "Date", _date_call, 7, _date_construct, proto)
    method(vm, ctor, "now", _now, 0)
    method(vm, ctor, "parse", _parse, 1)
    method(vm, ctor, "UTC", _utc, 7)
    fmts = {"toString": to_date_string, "toDateString": date_string, "toTimeString": time_string,
            "toUTCString": utc_string, "toLocaleString": lambda t: f"{_locale_date(t)}, {_locale_time(t)}",
            "toLocaleDateString": _locale_date, "toLocaleTimeString": _locale_time}
    index = {"FullYear": 0, "Month": 1, "Date": 2, "Hours": 3, "Minutes": 4, "Seconds": 5, "Milliseconds": 6,
             "Day": 7}
    count = {"FullYear": 3, "Month": 2, "Date": 1, "Hours": 4, "Minutes": 3, "Seconds": 2, "Milliseconds": 1}
    order = ("toString toDateString toTimeString toISOString toUTCString toGMTString getDate setDate getDay "
             "getFullYear setFullYear getHours setHours getMilliseconds setMilliseconds getMinutes setMinutes "
             "getMonth setMonth getSeconds setSeconds getTime setTime getTimezoneOffset getUTCDate setUTCDate "
             "getUTCDay getUTCFullYear setUTCFullYear getUTCHours setUTCHours getUTCMilliseconds "
             "setUTCMilliseconds getUTCMinutes setUTCMinutes getUTCMonth setUTCMonth getUTCSeconds setUTCSeconds "
             "valueOf getYear setYear toJSON toLocaleString toLocaleDateString toLocaleTimeString")
    special = {"toISOString": (_to_iso_string, 0), "getTime": (_get_time, 0), "setTime": (_set_time, 1),
               "getTimezoneOffset": (_get_timezone_offset, 0), "valueOf": (_value_of, 0),
               "getYear": (_get_year, 0), "setYear": (_set_year, 1), "toJSON": (_to_json, 1)}
    for name in order.split():
        field = name[3:].removeprefix("UTC")
        if name == "toGMTString":
            proto.define_hidden(name, proto.get_own("toUTCString"))
        elif name in special:
            method(vm, proto, name, *special[name])
        elif name in fmts:
            method(vm, proto, name, _formatter(name, fmts[name]), 0)
        elif name.startswith("get"):
            method(vm, proto, name, _getter(index[field]), 0)
        else:
            method(vm, proto, name, _setter(name, index[field], count[field]), count[field])
    method(vm, proto, SYM_TO_PRIMITIVE, _to_primitive, 1)
    proto.ro = (proto.ro or frozenset()) | {SYM_TO_PRIMITIVE}
