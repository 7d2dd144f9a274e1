"""String and String.prototype (ECMA-262 22.1), for string patterns (RegExp patterns: engine.builtins.regexp).

Strings are Python ``str``; indices count code points, which equals JavaScript's UTF-16 indices for
every character of the Basic Multilingual Plane (all the text teaching programs use).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Generator
from typing import Any

from engine import ops
from engine.builtins.common import arg, constructor, method, relative_index, to_integer
from engine.builtins.iteration import make_iterator
from engine.values import NULL, SYM_ITERATOR, UNDEFINED, JSObject, JSPrimitiveWrapper, Symbol

MAX_STRING_LENGTH = 2**29 - 24
_WS = ops._WS


def units(s: str) -> str:
    """The UTF-16 view of `s`: every character above U+FFFF becomes its surrogate pair, so Python
    indices are JavaScript's (code units). Identity for the common all-BMP string."""
    if s.isascii() or max(s) <= "\uffff":
        return s
    return "".join(ch if ord(ch) <= 0xFFFF else _pair(ord(ch)) for ch in s)


def _pair(c: int) -> str:
    c -= 0x10000
    return chr(0xD800 + (c >> 10)) + chr(0xDC00 + (c & 0x3FF))


def text(view: str) -> str:
    """Back from the UTF-16 view: valid surrogate pairs become one character again; lone ones stay."""
    if view.isascii() or not any("\ud800" <= ch <= "\udfff" for ch in view):
        return view
    return view.encode("utf-16-be", "surrogatepass").decode("utf-16-be", "surrogatepass")


def this_string(vm: Any, this: Any, name: str) -> str:
    """The receiver as a string, in its UTF-16 view (see :func:`units`)."""
    if type(this) is str:
        return units(this)
    if this is UNDEFINED or this is NULL:
        raise vm.throw_type(f"String.prototype.{name} called on null or undefined")
    return units(vm.to_string(this))


def arg_string(vm: Any, args: list[Any], i: int) -> str:
    return units(vm.to_string(arg(args, i)))


def check_length(vm: Any, n: int) -> None:
    if n > MAX_STRING_LENGTH:
        raise vm.throw_range("Invalid string length")


def _string_call(vm: Any, this: Any, args: list[Any]) -> Any:
    if not args:
        return ""
    v = args[0]
    if isinstance(v, Symbol):
        return f"Symbol({v.description})"
    return vm.to_string(v)


def string_wrapper(proto: JSObject, s: str) -> JSPrimitiveWrapper:
    """A String object (10.4.3): its code units are own enumerable index properties and its length an own
    property, all non-writable and non-configurable."""
    w = JSPrimitiveWrapper(proto, "String", s)
    u = units(s)
    for i, ch in enumerate(u):
        w.set_own(str(i), ch)
    w.define_hidden("length", float(len(u)))
    fixed = frozenset([*(str(i) for i in range(len(u))), "length"])
    w.ro = fixed
    w.nc = fixed
    return w


def _string_construct(vm: Any, args: list[Any], proto: Any) -> JSObject:
    s = vm.to_string(args[0]) if args else ""
    return vm.register(string_wrapper(proto if isinstance(proto, JSObject) else vm.StringPrototype, s))


def _raw(vm: Any, this: Any, args: list[Any]) -> Any:
    """String.raw(template, ...substitutions) (22.1.2.4)."""
    from engine.builtins.common import to_length

    cooked = vm.to_object(arg(args, 0))
    raw = vm.get(cooked, "raw")
    vm.to_object(raw)  # (a TypeError for undefined and null; a string's characters are read from it as is)
    n = to_length(vm, vm.get(raw, "length"))
    out: list[str] = []
    for i in range(n):
        out.append(vm.to_string(vm.get(raw, str(i))))
        if i + 1 == n:
            break
        if i + 1 < len(args):
            out.append(vm.to_string(args[i + 1]))
    return "".join(out)


def _from_char_code(vm: Any, this: Any, args: list[Any]) -> Any:
    units = [ops.to_uint32(vm.to_number(a)) & 0xFFFF for a in args]
    return _from_utf16(units)


def _from_code_point(vm: Any, this: Any, args: list[Any]) -> Any:
    out = []
    for a in args:
        n = vm.to_number(a)
        if n != n or not 0 <= n <= 0x10FFFF or n != int(n):
            raise vm.throw_range(f"Invalid code point {vm.to_string(a)}")
        out.append(chr(int(n)))
    return "".join(out)


def _from_utf16(units: list[int]) -> str:
    data = b"".join(u.to_bytes(2, "big") for u in units)
    return data.decode("utf-16-be", errors="surrogatepass")


def _pos(vm: Any, args: list[Any], i: int = 0) -> float:
    return to_integer(vm, arg(args, i))


def _char_at(vm: Any, this: Any, args: list[Any]) -> Any:
    s = this_string(vm, this, "charAt")
    i = _pos(vm, args)
    return text(s[int(i)]) if 0 <= i < len(s) else ""


def _char_code_at(vm: Any, this: Any, args: list[Any]) -> Any:
    s = this_string(vm, this, "charCodeAt")
    i = _pos(vm, args)
    if not 0 <= i < len(s):
        return float("nan")
    return float(ord(s[int(i)]))


def _code_point_at(vm: Any, this: Any, args: list[Any]) -> Any:
    s = this_string(vm, this, "codePointAt")
    i = _pos(vm, args)
    if not 0 <= i < len(s):
        return UNDEFINED
    k = int(i)
    hi = ord(s[k])
    lo = ord(s[k + 1]) if k + 1 < len(s) else 0
    if 0xD800 <= hi <= 0xDBFF and 0xDC00 <= lo <= 0xDFFF:
        return float(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
    return float(hi)


def _at(vm: Any, this: Any, args: list[Any]) -> Any:
    s = this_string(vm, this, "at")
    i = _pos(vm, args)
    k = i if i >= 0 else len(s) + i
    return text(s[int(k)]) if 0 <= k < len(s) else UNDEFINED


def _index_of(vm: Any, this: Any, args: list[Any]) -> Any:
    s = this_string(vm, this, "indexOf")
    sub = arg_string(vm, args, 0)
    start = int(min(max(_pos(vm, args, 1), 0), len(s)))
    return float(s.find(sub, start))


def _last_index_of(vm: Any, this: Any, args: list[Any]) -> Any:
    s = this_string(vm, this, "lastIndexOf")
    sub = arg_string(vm, args, 0)
    n = vm.to_number(arg(args, 1))
    end = len(s) if n != n else int(min(max(ops.to_integer(n), 0), len(s)))
    return float(s.rfind(sub, 0, end + len(sub)))


def _includes(vm: Any, this: Any, args: list[Any]) -> Any:
    s = this_string(vm, this, "includes")
    start = int(min(max(_pos(vm, args, 1), 0), len(s)))
    return arg_string(vm, args, 0) in s[start:]


def _starts_with(vm: Any, this: Any, args: list[Any]) -> Any:
    s = this_string(vm, this, "startsWith")
    start = int(min(max(_pos(vm, args, 1), 0), len(s)))
    return s.startswith(arg_string(vm, args, 0), start)


def _ends_with(vm: Any, this: Any, args: list[Any]) -> Any:
    s = this_string(vm, this, "endsWith")
    end_v = arg(args, 1)
    end = len(s) if end_v is UNDEFINED else int(min(max(to_integer(vm, end_v), 0), len(s)))
    return s[:end].endswith(arg_string(vm, args, 0))


def _slice(vm: Any, this: Any, args: list[Any]) -> Any:
    s = this_string(vm, this, "slice")
    start = relative_index(vm, arg(args, 0), len(s), 0)
    end = relative_index(vm, arg(args, 1), len(s), len(s))
    return text(s[start:end]) if start < end else ""


def _substring(vm: Any, this: Any, args: list[Any]) -> Any:
    s = this_string(vm, this, "substring")
    n = len(s)
    start = int(min(max(_pos(vm, args, 0), 0), n))
    end_v = arg(args, 1)
    end = n if end_v is UNDEFINED else int(min(max(to_integer(vm, end_v), 0), n))
    lo, hi = min(start, end), max(start, end)
    return text(s[lo:hi])


def _substr(vm: Any, this: Any, args: list[Any]) -> Any:
    s = this_string(vm, this, "substr")
    n = len(s)
    start = relative_index(vm, arg(args, 0), n, 0)
    len_v = arg(args, 1)
    count = n - start if len_v is UNDEFINED else int(min(max(to_integer(vm, len_v), 0), n - start))
    return text(s[start:start + count]) if count > 0 else ""


def _case(name: str, upper: bool) -> Any:
    def convert(vm: Any, this: Any, args: list[Any]) -> Any:
        s = this_string(vm, this, name)
        return text(s).upper() if upper else text(s).lower()

    return convert


def _trimmer(name: str, left: bool, right: bool) -> Any:
    def trim(vm: Any, this: Any, args: list[Any]) -> Any:
        s = this_string(vm, this, name)
        if left:
            s = s.lstrip(_WS)
        if right:
            s = s.rstrip(_WS)
        return text(s)

    return trim


def _pad(name: str, at_start: bool) -> Any:
    def pad(vm: Any, this: Any, args: list[Any]) -> Any:
        s = this_string(vm, this, name)
        target = int(max(min(to_integer(vm, arg(args, 0)), 2**53), 0))
        fill_v = arg(args, 1)
        fill = " " if fill_v is UNDEFINED else units(vm.to_string(fill_v))
        if target <= len(s) or fill == "":
            return text(s)
        check_length(vm, target)
        need = target - len(s)
        padding = (fill * (need // len(fill) + 1))[:need]
        return text(padding + s if at_start else s + padding)

    return pad


def _repeat(vm: Any, this: Any, args: list[Any]) -> Any:
    s = this_string(vm, this, "repeat")
    n = to_integer(vm, arg(args, 0))
    if n < 0 or n == float("inf"):
        raise vm.throw_range(f"Invalid count value: {ops.num_to_str(vm.to_number(arg(args, 0)))}")
    if s == "" or n == 0:
        return ""
    check_length(vm, len(s) * int(n))
    return text(s * int(n))


def _split(vm: Any, this: Any, args: list[Any]) -> Any:
    s = this_string(vm, this, "split")
    sep_v, lim_v = arg(args, 0), arg(args, 1)
    limit = 2**32 - 1 if lim_v is UNDEFINED else ops.to_uint32(vm.to_number(lim_v))
    sep = "" if sep_v is UNDEFINED else units(vm.to_string(sep_v))  # (patterns: engine.builtins.regexp)
    if limit == 0:
        return vm.new_array([])
    if sep_v is UNDEFINED:
        return vm.new_array([s])
    parts = list(s) if sep == "" else s.split(sep)
    return vm.new_array([text(p) for p in parts[:limit]])


def _replacer(name: str, all_matches: bool) -> Any:
    def replace(vm: Any, this: Any, args: list[Any]) -> Generator[Any, Any, Any]:
        s = this_string(vm, this, name)
        pattern = arg_string(vm, args, 0)
        repl = arg(args, 1)
        functional = ops.is_callable(repl)
        template = "" if functional else units(vm.to_string(repl))
        if not functional and "$" not in template:  # no substitutions: the same string as the loop below
            result = s.replace(pattern, template, -1 if all_matches else 1)
            check_length(vm, len(result))
            return text(result)
        positions = _match_positions(vm, s, pattern, all_matches)
        out: list[str] = []
        last = 0
        for i, p in enumerate(positions):
            if not i & 0xFFF:
                vm.check_time()  # a built-in's own loop over a long string keeps to the time limit
            out.append(s[last:p])
            if functional:
                r = yield (repl, UNDEFINED, [text(pattern), float(p), text(s)], 0)
                out.append(units(vm.to_string(r)))
            else:
                out.append(_expand(template, pattern, p, s))
            last = p + len(pattern)
        out.append(s[last:])
        return text("".join(out))

    return replace


def _match_positions(vm: Any, s: str, pattern: str, all_matches: bool) -> list[int]:
    if not all_matches:
        p = s.find(pattern)
        return [] if p < 0 else [p]
    if pattern == "":
        return list(range(len(s) + 1))
    out = []
    p = s.find(pattern)
    while p >= 0:
        out.append(p)
        if not len(out) & 0xFFF:
            vm.check_time()
        p = s.find(pattern, p + len(pattern))
    return out


def _expand(template: str, matched: str, pos: int, s: str) -> str:
    """GetSubstitution (22.1.3.19.1) for string patterns: $$, $&, $` and $'."""
    if "$" not in template:
        return template
    out = []
    i = 0
    while i < len(template):
        ch = template[i]
        nxt = template[i + 1] if i + 1 < len(template) else ""
        if ch == "$" and nxt in "$&`'" and nxt:
            out.append({"$": "$", "&": matched, "`": s[:pos], "'": s[pos + len(matched):]}[nxt])
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _concat(vm: Any, this: Any, args: list[Any]) -> Any:
    s = this_string(vm, this, "concat")
    out = s + "".join(units(vm.to_string(a)) for a in args)
    check_length(vm, len(out))
    return text(out)


_PUNCTUATION_ORDER = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"  # ICU root order of ASCII punctuation


def collation_key(s: str) -> tuple[Any, ...]:
    """An approximation of ICU's root collation (what V8's localeCompare uses without a locale).

    Primary: punctuation and symbols, then digits, then letters, ignoring accents and case; secondary:
    accents; tertiary: case, lower case first. Exact for ASCII and Latin letters with diacritics.
    """
    primary, secondary, tertiary = [], [], []
    for ch in s:
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)) or ch
        folded = base.casefold()
        rank = 2 if folded.isalpha() else 1 if folded.isdigit() else 0
        order = _PUNCTUATION_ORDER.find(folded) if rank == 0 else -1
        primary.append((rank, order if order >= 0 else len(_PUNCTUATION_ORDER), folded))
        secondary.append(base != ch)
        tertiary.append(ch != ch.lower())
    return (primary, secondary, tertiary)


def _locale_compare(vm: Any, this: Any, args: list[Any]) -> Any:
    s = text(this_string(vm, this, "localeCompare"))
    t = vm.to_string(arg(args, 0))
    a, b = collation_key(s), collation_key(t)
    if a == b:
        return 0.0
    return -1.0 if a < b else 1.0


def _value_of(vm: Any, this: Any, args: list[Any]) -> Any:
    if type(this) is str:
        return this
    if isinstance(this, JSPrimitiveWrapper) and type(this.value) is str:
        return this.value
    raise vm.throw_type("String.prototype.valueOf requires that 'this' be a String")


def _iterator(vm: Any, this: Any, args: list[Any]) -> Any:
    return make_iterator(vm, text(this_string(vm, this, "[Symbol.iterator]")), "String", "values")


def _normalize(vm: Any, this: Any, args: list[Any]) -> Any:
    import unicodedata

    s = this_string(vm, this, "normalize")
    form = "NFC" if arg(args, 0) is UNDEFINED else vm.to_string(arg(args, 0))
    if form not in ("NFC", "NFD", "NFKC", "NFKD"):
        raise vm.throw_range("The normalization form should be one of NFC, NFD, NFKC, NFKD.")
    return unicodedata.normalize(form, s)


def _well_formed(s: str) -> str:
    """s with every lone surrogate (a UTF-16 code unit not in a pair) replaced by U+FFFD."""
    out = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if "\ud800" <= c <= "\udbff" and i + 1 < n and "\udc00" <= s[i + 1] <= "\udfff":
            out.append(s[i:i + 2])
            i += 2
            continue
        out.append("\ufffd" if "\ud800" <= c <= "\udfff" else c)
        i += 1
    return "".join(out)


def _is_well_formed(vm: Any, this: Any, args: list[Any]) -> Any:
    s = this_string(vm, this, "isWellFormed")
    return s.isascii() or _well_formed(s) == s


def _to_well_formed(vm: Any, this: Any, args: list[Any]) -> Any:
    s = this_string(vm, this, "toWellFormed")
    return s if s.isascii() else _well_formed(s)


def install(vm: Any) -> None:
    proto = JSPrimitiveWrapper(vm.ObjectPrototype, "String", "")
    vm._builtin_id(proto)
    vm.StringPrototype = proto
    ctor = constructor(vm, "String", _string_call, 1, _string_construct, proto)
    method(vm, ctor, "fromCharCode", _from_char_code, 1)
    method(vm, ctor, "fromCodePoint", _from_code_point, 1)
    method(vm, ctor, "raw", _raw, 1)
    table = {
        "charAt": (_char_at, 1), "charCodeAt": (_char_code_at, 1), "codePointAt": (_code_point_at, 1),
        "at": (_at, 1), "indexOf": (_index_of, 1), "lastIndexOf": (_last_index_of, 1),
        "includes": (_includes, 1), "startsWith": (_starts_with, 1), "endsWith": (_ends_with, 1),
        "slice": (_slice, 2), "substring": (_substring, 2), "substr": (_substr, 2),
        "toUpperCase": (_case("toUpperCase", True), 0), "toLowerCase": (_case("toLowerCase", False), 0),
        "toLocaleUpperCase": (_case("toLocaleUpperCase", True), 0),
        "toLocaleLowerCase": (_case("toLocaleLowerCase", False), 0),
        "trim": (_trimmer("trim", True, True), 0), "trimStart": (_trimmer("trimStart", True, False), 0),
        "trimEnd": (_trimmer("trimEnd", False, True), 0), "padStart": (_pad("padStart", True), 2),
        "padEnd": (_pad("padEnd", False), 2), "repeat": (_repeat, 1), "split": (_split, 2),
        "concat": (_concat, 1), "localeCompare": (_locale_compare, 1), "toString": (_value_of, 0),
        "valueOf": (_value_of, 0), "normalize": (_normalize, 0), "isWellFormed": (_is_well_formed, 0),
        "toWellFormed": (_to_well_formed, 0),
    }
    for name, (fn, length) in table.items():
        method(vm, proto, name, fn, length)
    proto.define_hidden("trimLeft", proto.get_own("trimStart"))  # Annex B: the same functions
    proto.define_hidden("trimRight", proto.get_own("trimEnd"))
    method(vm, proto, "replace", _replacer("replace", False), 2, gen=True)
    method(vm, proto, "replaceAll", _replacer("replaceAll", True), 2, gen=True)
    method(vm, proto, SYM_ITERATOR, _iterator, 0)
