"""RegExp, RegExp.prototype and the String methods that take patterns (ECMA-262 22.2, 22.1.3).

Patterns are matched by :mod:`engine.jsregex` (JavaScript's semantics, not Python's). Everything here
follows the specification's algorithms: ``RegExpBuiltinExec`` with ``lastIndex`` for the ``g`` and ``y``
flags, ``RegExpExec`` calling a program's own ``exec``, the ``Symbol.match``/``matchAll``/``replace``/
``search``/``split`` methods, and the String methods that delegate to them. Strings are handled in
their UTF-16 view (``string.units``), so ``index``, ``lastIndex`` and ``indices`` count code units.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from engine import jsregex, ops
from engine.builtins.common import (
    arg,
    constant,
    constructor,
    describe,
    get_method,
    getter,
    method,
    string_tag,
    to_length,
)
from engine.builtins.string import text, units
from engine.values import (
    HOLE,
    NULL,
    UNDEFINED,
    JSArray,
    JSObject,
    Symbol,
)

SYM_MATCH = Symbol("Symbol.match")
SYM_MATCH_ALL = Symbol("Symbol.matchAll")
SYM_REPLACE = Symbol("Symbol.replace")
SYM_SEARCH = Symbol("Symbol.search")
SYM_SPLIT = Symbol("Symbol.split")
SYM_SPECIES = Symbol("Symbol.species")

_FLAG_ORDER = "dgimsuvy"
_FLAG_NAMES = (("hasIndices", "d"), ("global", "g"), ("ignoreCase", "i"), ("multiline", "m"),
               ("dotAll", "s"), ("unicode", "u"), ("unicodeSets", "v"), ("sticky", "y"))

Gen = Generator[Any, Any, Any]


class JSRegExp(JSObject):
    """A RegExp instance: [[OriginalSource]], [[OriginalFlags]] and the compiled [[RegExpMatcher]]."""

    __slots__ = ("source", "flags", "program")
    type_name = "object"

    def __init__(self, proto: JSObject | None) -> None:
        super().__init__(proto, "RegExp")
        self.source = ""
        self.flags = ""
        self.program: jsregex.Program | None = None


class RegExpStringIterator(JSObject):
    """%RegExpStringIteratorPrototype% objects (22.2.9): what ``matchAll`` returns."""

    __slots__ = ("matcher", "string", "is_global", "full_unicode", "done")

    def __init__(self, proto: JSObject | None, matcher: Any, string: str, is_global: bool,
                 full_unicode: bool) -> None:
        super().__init__(proto, "Object")
        self.matcher = matcher
        self.string = string
        self.is_global = is_global
        self.full_unicode = full_unicode
        self.done = False

    @property
    def held(self) -> Any:
        """The internal edge to the RegExp it iterates (engine.trace lists it as ``internal``)."""
        return self.matcher

    def children(self) -> Any:
        yield from super().children()
        if isinstance(self.matcher, JSObject):
            yield self.matcher


# ---------------------------------------------------------------------------------------------- creation


def syntax_message(source: str, flags: str, message: str) -> str:
    return f"Invalid regular expression: /{source}/{flags}: {message}"


def check_flags(flags: str) -> bool:
    return all(ch in _FLAG_ORDER for ch in flags) and len(set(flags)) == len(flags) and not (
        "u" in flags and "v" in flags)


def compile_or_throw(vm: Any, source: str, flags: str) -> jsregex.Program:
    if "v" in flags:
        raise vm.throw_type("The regular expression flag v (unicodeSets) is not supported in memcourse")
    try:
        return jsregex.compile_pattern(units(source), flags)
    except jsregex.RegExpSyntaxError as e:
        raise JSThrowSyntax(vm, syntax_message(source, flags, e.message)) from None
    except jsregex.RegExpUnsupported as e:
        raise vm.throw_type(f"{e} (not supported in memcourse)") from None


def JSThrowSyntax(vm: Any, message: str) -> Any:  # noqa: N802 - reads as the error it raises
    from engine.values import JSThrow

    return JSThrow(vm.new_error("SyntaxError", message))


def initialize(vm: Any, rx: JSRegExp, source: str, flags: str) -> JSRegExp:
    """RegExpInitialize (22.2.3.3) on an allocated object."""
    if not check_flags(flags):
        raise JSThrowSyntax(vm, f"Invalid flags supplied to RegExp constructor '{flags}'")
    rx.program = compile_or_throw(vm, source, flags)
    rx.source = source
    rx.flags = flags
    _put_last_index(vm, rx, 0.0)
    return rx


_LAST_INDEX_FIXED = frozenset({"lastIndex"})


def _put_last_index(vm: Any, rx: JSObject, value: Any) -> None:
    """lastIndex: a writable, non-enumerable, non-configurable own property (22.2.3.1)."""
    if isinstance(rx, JSRegExp) and rx.get_own("lastIndex") is HOLE:
        rx.define_hidden("lastIndex", value)
        rx.nc = _LAST_INDEX_FIXED if rx.nc is None else rx.nc | _LAST_INDEX_FIXED
        return
    vm.put_strict(rx, "lastIndex", value)


def new_literal(vm: Any, source: str, flags: str, site: str | None) -> JSRegExp:
    """A regular expression literal: a new object each evaluation (the pattern is compiled once)."""
    rx = JSRegExp(vm.RegExpPrototype)
    rx.program = jsregex.compile_pattern(units(source), flags)
    rx.source = source
    rx.flags = flags
    rx.define_hidden("lastIndex", 0.0)
    rx.nc = _LAST_INDEX_FIXED
    vm.register(rx, site)
    return rx


def check_literal(source: str, flags: str) -> str | None:
    """The early error of the literal ``/source/flags``, or None (for the compiler)."""
    if any(ch in source for ch in "\n\r\u2028\u2029"):
        return "Invalid regular expression: missing /"
    if not check_flags(flags):
        return "Invalid regular expression flags"
    if "v" in flags:
        return None  # refused when evaluated
    try:
        jsregex.compile_pattern(units(source), flags)
    except jsregex.RegExpSyntaxError as e:
        return syntax_message(source, flags, e.message)
    return None


def regexp_create(vm: Any, pattern: Any, flags: Any) -> JSRegExp:
    rx = JSRegExp(vm.RegExpPrototype)
    p = "" if pattern is UNDEFINED else vm.to_string(pattern)
    f = "" if flags is UNDEFINED else vm.to_string(flags)
    initialize(vm, rx, p, f)
    vm.register(rx)
    return rx


def is_regexp(vm: Any, v: Any) -> bool:
    if not isinstance(v, JSObject):
        return False
    m = vm.get(v, SYM_MATCH)
    if m is not UNDEFINED:
        return ops.truthy(m)
    return isinstance(v, JSRegExp)


def _pattern_and_flags(vm: Any, pattern: Any, flags: Any) -> tuple[str, str]:
    if isinstance(pattern, JSRegExp):
        p: Any = pattern.source
        f: Any = pattern.flags if flags is UNDEFINED else flags
    elif is_regexp(vm, pattern):
        p = vm.get(pattern, "source")
        f = vm.get(pattern, "flags") if flags is UNDEFINED else flags
    else:
        p, f = pattern, flags
    return ("" if p is UNDEFINED else vm.to_string(p)), ("" if f is UNDEFINED else vm.to_string(f))


def _regexp_call(vm: Any, this: Any, args: list[Any]) -> Any:
    pattern, flags = arg(args, 0), arg(args, 1)
    if is_regexp(vm, pattern) and flags is UNDEFINED:
        ctor = vm.get(pattern, "constructor")
        if ctor is vm.RegExpConstructor:
            return pattern
    return _regexp_construct(vm, args, vm.RegExpPrototype)


def _regexp_construct(vm: Any, args: list[Any], proto: Any) -> Any:
    p, f = _pattern_and_flags(vm, arg(args, 0), arg(args, 1))
    rx = JSRegExp(proto if isinstance(proto, JSObject) else vm.RegExpPrototype)
    initialize(vm, rx, p, f)
    vm.register(rx)
    return rx


def escape_source(source: str) -> str:
    """EscapeRegExpPattern (22.2.6.13.1) as V8 does it: `/` outside classes and line terminators."""
    if source == "":
        return "(?:)"
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\" and i + 1 < len(source):
            nxt = source[i + 1]
            if nxt == "\n":
                out.append("\\n")
            elif nxt == "\r":
                out.append("\\r")
            elif nxt == "\u2028":
                out.append("\\u2028")
            elif nxt == "\u2029":
                out.append("\\u2029")
            else:
                out.append(ch + nxt)
            i += 2
            continue
        if ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        if ch == "/" and not in_class:
            out.append("\\/")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\u2028":
            out.append("\\u2028")
        elif ch == "\u2029":
            out.append("\\u2029")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def to_source_string(rx: JSRegExp) -> str:
    """What RegExp.prototype.toString gives for an unmodified instance (node's inspect uses it)."""
    return f"/{escape_source(rx.source)}/{rx.flags}"


# ---------------------------------------------------------------------------------------------- exec


def _require_object(vm: Any, this: Any, name: str, shown: Any = HOLE) -> JSObject:
    if not isinstance(this, JSObject):
        who = describe(vm, this) if shown is HOLE else shown
        raise vm.throw_type(f"Method RegExp.prototype.{name} called on incompatible receiver {who}")
    return this


def advance(s: str, index: int, full_unicode: bool) -> int:
    """AdvanceStringIndex (22.2.7.3) on a UTF-16 view."""
    if not full_unicode or index + 1 >= len(s):
        return index + 1
    if "\ud800" <= s[index] <= "\udbff" and "\udc00" <= s[index + 1] <= "\udfff":
        return index + 2
    return index + 1


def builtin_exec(vm: Any, rx: JSRegExp, s: str) -> Any:
    """RegExpBuiltinExec (22.2.7.2); `s` is the subject's UTF-16 view."""
    prog = rx.program
    assert prog is not None
    flags = rx.flags
    is_global, sticky, has_indices = "g" in flags, "y" in flags, "d" in flags
    last_index = to_length(vm, vm.get(rx, "lastIndex"))
    if not is_global and not sticky:
        last_index = 0
    n = len(s)
    full_unicode = prog.unicode
    caps = None
    tick = vm.check_time
    while True:
        if last_index > n:
            if is_global or sticky:
                vm.put_strict(rx, "lastIndex", 0.0)
            return NULL
        caps = prog.match_at(s, last_index, tick)
        if caps is not None:
            break
        if sticky:
            vm.put_strict(rx, "lastIndex", 0.0)
            return NULL
        last_index = _next_start(prog, s, advance(s, last_index, full_unicode), full_unicode)
    if is_global or sticky:
        vm.put_strict(rx, "lastIndex", float(caps[1]))
    return _match_array(vm, prog, s, caps, has_indices)


def _next_start(prog: jsregex.Program, s: str, i: int, full_unicode: bool) -> int:
    """Skip ahead to where the pattern's required first character occurs (an exact shortcut)."""
    first = prog.first_char
    if first is None or i >= len(s):
        return i
    j = s.find(first, i)
    return len(s) + 1 if j < 0 else j


def _match_array(vm: Any, prog: jsregex.Program, s: str, caps: list[int], has_indices: bool) -> JSArray:
    items: list[Any] = []
    for k in range(prog.ngroups + 1):
        a, b = caps[2 * k], caps[2 * k + 1]
        items.append(UNDEFINED if a < 0 or b < 0 else text(s[a:b]))
    result = vm.new_array(items)
    result.set_own("index", float(caps[0]))
    result.set_own("input", text(s))
    groups: Any = UNDEFINED
    if prog.names:
        groups = vm.new_object(None)
        for name, k in prog.names.items():
            groups.set_own(name, items[k])
    result.set_own("groups", groups)
    if has_indices:
        pairs: list[Any] = []
        for k in range(prog.ngroups + 1):
            a, b = caps[2 * k], caps[2 * k + 1]
            pairs.append(UNDEFINED if a < 0 or b < 0 else vm.new_array([float(a), float(b)]))
        indices = vm.new_array(pairs)
        igroups: Any = UNDEFINED
        if prog.names:
            igroups = vm.new_object(None)
            for name, k in prog.names.items():
                igroups.set_own(name, pairs[k])
        indices.set_own("groups", igroups)
        result.set_own("indices", indices)
    return result


def regexp_exec(vm: Any, rx: JSObject, s: str) -> Gen:
    """RegExpExec (22.2.7.1): a program's own ``exec`` if it has one; `s` is a UTF-16 view."""
    exec_fn = vm.get(rx, "exec")
    if exec_fn is vm.RegExpExec and isinstance(rx, JSRegExp):
        return builtin_exec(vm, rx, s)
    if ops.is_callable(exec_fn):
        result = yield (exec_fn, rx, [text(s)], 0)
        if not isinstance(result, JSObject) and result is not NULL:
            raise vm.throw_type("RegExp exec method returned something other than an Object or null")
        return result
    if not isinstance(rx, JSRegExp):
        raise vm.throw_type(f"Method RegExp.prototype.exec called on incompatible receiver {describe(vm, rx)}")
    return builtin_exec(vm, rx, s)


def _exec(vm: Any, this: Any, args: list[Any]) -> Any:
    if not isinstance(this, JSRegExp):
        raise vm.throw_type(f"Method RegExp.prototype.exec called on incompatible receiver {describe(vm, this)}")
    return builtin_exec(vm, this, units(vm.to_string(arg(args, 0))))


def _test(vm: Any, this: Any, args: list[Any]) -> Gen:
    rx = _require_object(vm, this, "test", "undefined")
    s = units(vm.to_string(arg(args, 0)))
    result = yield from regexp_exec(vm, rx, s)
    return result is not NULL


def _to_string(vm: Any, this: Any, args: list[Any]) -> Any:
    rx = _require_object(vm, this, "toString")
    return f"/{vm.to_string(vm.get(rx, 'source'))}/{vm.to_string(vm.get(rx, 'flags'))}"


def _compile(vm: Any, this: Any, args: list[Any]) -> Any:
    if not isinstance(this, JSRegExp):
        raise vm.throw_type(
            f"Method RegExp.prototype.compile called on incompatible receiver {describe(vm, this)}")
    pattern, flags = arg(args, 0), arg(args, 1)
    if isinstance(pattern, JSRegExp):
        if flags is not UNDEFINED:
            raise vm.throw_type("Cannot supply flags when constructing one RegExp from another")
        p, f = pattern.source, pattern.flags
    else:
        p = "" if pattern is UNDEFINED else vm.to_string(pattern)
        f = "" if flags is UNDEFINED else vm.to_string(flags)
    initialize(vm, this, p, f)
    vm.put_strict(this, "lastIndex", 0.0)
    return this


def _flag_getter(name: str, ch: str) -> Any:
    def get(vm: Any, this: Any, args: list[Any]) -> Any:
        if isinstance(this, JSRegExp):
            return ch in this.flags
        if this is vm.RegExpPrototype:
            return UNDEFINED
        if not isinstance(this, JSObject):
            raise vm.throw_type(f"RegExp.prototype.{name} getter called on non-object {describe(vm, this)}")
        raise vm.throw_type(f"RegExp.prototype.{name} getter called on non-RegExp object")

    return get


def _source(vm: Any, this: Any, args: list[Any]) -> Any:
    if isinstance(this, JSRegExp):
        return escape_source(this.source)
    if this is vm.RegExpPrototype:
        return "(?:)"
    if not isinstance(this, JSObject):
        raise vm.throw_type(f"RegExp.prototype.source getter called on non-object {describe(vm, this)}")
    raise vm.throw_type("RegExp.prototype.source getter called on non-RegExp object")


def _flags(vm: Any, this: Any, args: list[Any]) -> Any:
    if not isinstance(this, JSObject):
        raise vm.throw_type(f"RegExp.prototype.flags getter called on non-object {describe(vm, this)}")
    return "".join(ch for name, ch in _FLAG_NAMES if ops.truthy(vm.get(this, name)))


# ---------------------------------------------------------------------------------------------- Symbol methods


def _flags_of(vm: Any, rx: JSObject) -> str:
    if isinstance(rx, JSRegExp) and _plain_flags(vm, rx):
        return rx.flags
    return vm.to_string(vm.get(rx, "flags"))


def _plain_flags(vm: Any, rx: JSRegExp) -> bool:
    """The `flags` the object shows are its own (nothing overridden on the instance or the prototype)."""
    return rx.proto is vm.RegExpPrototype and vm.RegExpPrototype.get_own("flags") is vm.RegExpFlagsAccessor \
        and not rx.props.keys() - {"lastIndex"} and vm.RegExpPrototypePristine()


def _last_index(vm: Any, rx: JSObject) -> int:
    return to_length(vm, vm.get(rx, "lastIndex"))


def _match_string(vm: Any, result: Any) -> str:
    return units(vm.to_string(vm.get(result, "0")))


def _symbol_match(vm: Any, this: Any, args: list[Any]) -> Gen:
    rx = _require_object(vm, this, "@@match")
    s = units(vm.to_string(arg(args, 0)))
    flags = _flags_of(vm, rx)
    if "g" not in flags:
        return (yield from regexp_exec(vm, rx, s))
    full_unicode = "u" in flags or "v" in flags
    vm.put_strict(rx, "lastIndex", 0.0)
    found: list[Any] = []
    while True:
        result = yield from regexp_exec(vm, rx, s)
        if result is NULL:
            return NULL if not found else vm.new_array(found)
        m = _match_string(vm, result)
        found.append(text(m))
        if m == "":
            vm.put_strict(rx, "lastIndex", float(advance(s, _last_index(vm, rx), full_unicode)))


def _symbol_search(vm: Any, this: Any, args: list[Any]) -> Gen:
    rx = _require_object(vm, this, "@@search")
    s = units(vm.to_string(arg(args, 0)))
    previous = vm.get(rx, "lastIndex")
    if not ops.same_value(previous, 0.0):
        vm.put_strict(rx, "lastIndex", 0.0)
    result = yield from regexp_exec(vm, rx, s)
    current = vm.get(rx, "lastIndex")
    if not ops.same_value(current, previous):
        vm.put_strict(rx, "lastIndex", previous)
    if result is NULL:
        return -1.0
    return vm.get(result, "index")


def _species_constructor(vm: Any, rx: JSObject) -> Any:
    c = vm.get(rx, "constructor")
    if c is UNDEFINED:
        return vm.RegExpConstructor
    if not isinstance(c, JSObject):
        raise vm.throw_type("object.constructor is not an object")  # V8: "The .constructor property is not an object"
    s = vm.get(c, SYM_SPECIES)
    if s is UNDEFINED or s is NULL:
        return vm.RegExpConstructor
    if ops.is_callable(s):
        return s
    raise vm.throw_type("object.constructor[Symbol.species] is not a constructor")


def _construct(vm: Any, c: Any, args: list[Any]) -> Any:
    if c is vm.RegExpConstructor:
        return _regexp_construct(vm, args, vm.RegExpPrototype)
    return vm.construct_sync(c, args)


def _symbol_split(vm: Any, this: Any, args: list[Any]) -> Gen:
    rx = _require_object(vm, this, "@@split")
    s = units(vm.to_string(arg(args, 0)))
    c = _species_constructor(vm, rx)
    flags = _flags_of(vm, rx)
    full_unicode = "u" in flags or "v" in flags
    new_flags = flags if "y" in flags else flags + "y"
    splitter = _construct(vm, c, [rx, new_flags])
    out: list[Any] = []
    lim_v = arg(args, 1)
    lim = 2**32 - 1 if lim_v is UNDEFINED else ops.to_uint32(vm.to_number(lim_v))
    if lim == 0:
        return vm.new_array([])
    size = len(s)
    if size == 0:
        z = yield from regexp_exec(vm, splitter, s)
        return vm.new_array([] if z is not NULL else [text(s)])
    p = q = 0
    fast = isinstance(splitter, JSRegExp) and vm.get(splitter, "exec") is vm.RegExpExec
    while q < size:
        if fast:
            # the same steps as below, without the property traffic a program cannot observe
            prog = splitter.program
            caps = prog.match_at(s, q, vm.check_time)
            if caps is None:
                q = advance(s, q, full_unicode)
                continue
            e = min(caps[1], size)
            if e == p:
                q = advance(s, q, full_unicode)
                continue
            out.append(text(s[p:q]))
            if len(out) == lim:
                return vm.new_array(out)
            p = e
            for k in range(1, prog.ngroups + 1):
                a, b = caps[2 * k], caps[2 * k + 1]
                out.append(UNDEFINED if a < 0 or b < 0 else text(s[a:b]))
                if len(out) == lim:
                    return vm.new_array(out)
            q = p
            continue
        vm.put_strict(splitter, "lastIndex", float(q))
        z = yield from regexp_exec(vm, splitter, s)
        if z is NULL:
            q = advance(s, q, full_unicode)
            continue
        e = min(_last_index(vm, splitter), size)
        if e == p:
            q = advance(s, q, full_unicode)
            continue
        out.append(text(s[p:q]))
        if len(out) == lim:
            return vm.new_array(out)
        p = e
        n_caps = max(to_length(vm, vm.get(z, "length")) - 1, 0)
        for i in range(1, n_caps + 1):
            out.append(vm.get(z, str(i)))
            if len(out) == lim:
                return vm.new_array(out)
        q = p
    out.append(text(s[p:]))
    return vm.new_array(out)


def get_substitution(vm: Any, matched: str, s: str, position: int, captures: list[Any], named: Any,
                     template: str) -> str:
    """GetSubstitution (22.1.3.19.1); every string in its UTF-16 view, captures as views or UNDEFINED."""
    if "$" not in template:
        return template
    out: list[str] = []
    i = 0
    n = len(template)
    m = len(captures)
    while i < n:
        ch = template[i]
        if ch != "$" or i + 1 >= n:
            out.append(ch)
            i += 1
            continue
        nxt = template[i + 1]
        if nxt == "$":
            out.append("$")
            i += 2
        elif nxt == "`":
            out.append(s[:position])
            i += 2
        elif nxt == "&":
            out.append(matched)
            i += 2
        elif nxt == "'":
            out.append(s[min(position + len(matched), len(s)):])
            i += 2
        elif "0" <= nxt <= "9":
            digits = 2 if i + 2 < n and "0" <= template[i + 2] <= "9" else 1
            index = int(template[i + 1:i + 1 + digits])
            if index > m and digits == 2:
                digits = 1
                index = int(nxt)
            if 1 <= index <= m:
                cap = captures[index - 1]
                out.append("" if cap is UNDEFINED else cap)
            else:
                out.append(template[i:i + 1 + digits])
            i += 1 + digits
        elif nxt == "<":
            gt = template.find(">", i)
            if gt < 0 or named is UNDEFINED:
                out.append("$<")
                i += 2
            else:
                group = template[i + 2:gt]
                cap = vm.get(named, text(group))
                out.append("" if cap is UNDEFINED else units(vm.to_string(cap)))
                i = gt + 1
        else:
            out.append("$")
            i += 1
    return "".join(out)


def _symbol_replace(vm: Any, this: Any, args: list[Any]) -> Gen:
    rx = _require_object(vm, this, "@@replace", "undefined")
    s = units(vm.to_string(arg(args, 0)))
    length = len(s)
    replace_value = arg(args, 1)
    functional = ops.is_callable(replace_value)
    template = "" if functional else units(vm.to_string(replace_value))
    flags = _flags_of(vm, rx)
    is_global = "g" in flags
    full_unicode = "u" in flags or "v" in flags
    if is_global:
        vm.put_strict(rx, "lastIndex", 0.0)
    results: list[Any] = []
    while True:
        result = yield from regexp_exec(vm, rx, s)
        if result is NULL:
            break
        results.append(result)
        if not is_global:
            break
        if _match_string(vm, result) == "":
            vm.put_strict(rx, "lastIndex", float(advance(s, _last_index(vm, rx), full_unicode)))
    acc: list[str] = []
    next_pos = 0
    for result in results:
        n_caps = max(to_length(vm, vm.get(result, "length")) - 1, 0)
        matched = _match_string(vm, result)
        position = int(max(min(ops.to_integer(vm.to_number(vm.get(result, "index"))), length), 0))
        captures: list[Any] = []
        for k in range(1, n_caps + 1):
            cap = vm.get(result, str(k))
            captures.append(cap if cap is UNDEFINED else units(vm.to_string(cap)))
        named = vm.get(result, "groups")
        if functional:
            call_args = [text(matched), *[c if c is UNDEFINED else text(c) for c in captures],
                         float(position), text(s)]
            if named is not UNDEFINED:
                call_args.append(named)
            r = yield (replace_value, UNDEFINED, call_args, 0)
            replacement = units(vm.to_string(r))
        else:
            if named is not UNDEFINED and type(named) is not str:  # a string reads as its wrapper would
                named = vm.to_object(named)
            replacement = get_substitution(vm, matched, s, position, captures, named, template)
        if position >= next_pos:
            acc.append(s[next_pos:position])
            acc.append(replacement)
            next_pos = position + len(matched)
    if next_pos < length:
        acc.append(s[next_pos:])
    return text("".join(acc))


def _symbol_match_all(vm: Any, this: Any, args: list[Any]) -> Any:
    rx = _require_object(vm, this, "@@matchAll")
    s = units(vm.to_string(arg(args, 0)))
    c = _species_constructor(vm, rx)
    flags = vm.to_string(vm.get(rx, "flags"))
    matcher = _construct(vm, c, [rx, flags])
    vm.put_strict(matcher, "lastIndex", float(_last_index(vm, rx)))
    it = RegExpStringIterator(vm.RegExpStringIteratorPrototype, matcher, s, "g" in flags,
                              "u" in flags or "v" in flags)
    vm.register(it)
    return it


def _iterator_next(vm: Any, this: Any, args: list[Any]) -> Gen:
    from engine.builtins.iteration import iter_result

    if not isinstance(this, RegExpStringIterator):
        raise vm.throw_type(
            f"Method %RegExpStringIterator%.prototype.next called on incompatible receiver {describe(vm, this)}")
    if this.done:
        return iter_result(vm, UNDEFINED, True)
    if vm.on_native is not None:  # the timeline: the matcher's lastIndex changes, though it is no argument
        vm.on_native(this.matcher, [])
    result = yield from regexp_exec(vm, this.matcher, this.string)
    if result is NULL:
        this.done = True
        return iter_result(vm, UNDEFINED, True)
    if not this.is_global:
        this.done = True
        return iter_result(vm, result, False)
    if _match_string(vm, result) == "":
        rx = this.matcher
        vm.put_strict(rx, "lastIndex", float(advance(this.string, _last_index(vm, rx), this.full_unicode)))
    return iter_result(vm, result, False)


# ---------------------------------------------------------------------------------------------- String methods


def _coercible(vm: Any, this: Any, name: str) -> None:
    if this is UNDEFINED or this is NULL:
        raise vm.throw_type(f"String.prototype.{name} called on null or undefined")


def _get_method(vm: Any, v: Any, key: Symbol) -> Any:
    return get_method(vm, v, key) if isinstance(v, JSObject) else UNDEFINED


def _string_by_pattern(vm: Any, this: Any, args: list[Any], name: str, key: Symbol) -> Gen:
    """String.prototype.match and search: the pattern's own method, else a new RegExp's (22.1.3.13, .21)."""
    _coercible(vm, this, name)
    regexp = arg(args, 0)
    method_ = _get_method(vm, regexp, key)
    if method_ is not UNDEFINED:
        return (yield (method_, regexp, [this], 0))
    s = vm.to_string(this)
    rx = regexp_create(vm, regexp, UNDEFINED)
    return (yield (vm.get(rx, key), rx, [s], 0))


def _string_match(vm: Any, this: Any, args: list[Any]) -> Gen:
    return (yield from _string_by_pattern(vm, this, args, "match", SYM_MATCH))


def _string_match_all(vm: Any, this: Any, args: list[Any]) -> Gen:
    _coercible(vm, this, "matchAll")
    regexp = arg(args, 0)
    if regexp is not UNDEFINED and regexp is not NULL:
        if is_regexp(vm, regexp):
            flags = vm.get(regexp, "flags")
            if flags is UNDEFINED or flags is NULL:
                raise vm.throw_type("String.prototype.matchAll called on null or undefined")
            if "g" not in vm.to_string(flags):
                raise vm.throw_type("String.prototype.matchAll called with a non-global RegExp argument")
        matcher = _get_method(vm, regexp, SYM_MATCH_ALL)
        if matcher is not UNDEFINED:
            return (yield (matcher, regexp, [this], 0))
    s = vm.to_string(this)
    rx = regexp_create(vm, regexp, "g")
    return (yield (vm.get(rx, SYM_MATCH_ALL), rx, [s], 0))


def _string_search(vm: Any, this: Any, args: list[Any]) -> Gen:
    return (yield from _string_by_pattern(vm, this, args, "search", SYM_SEARCH))


def _delegating(vm: Any, name: str, key: Symbol, old: Any, check_global: bool) -> Any:
    """Wrap String.prototype[name] (string patterns) so that a pattern object's own method runs first."""
    old_fn, old_gen = old.fn, old.gen

    def wrapper(vm: Any, this: Any, args: list[Any]) -> Gen:
        _coercible(vm, this, name)
        target = arg(args, 0)
        if isinstance(target, JSObject):
            if check_global and is_regexp(vm, target):
                flags = vm.get(target, "flags")
                if flags is UNDEFINED or flags is NULL:
                    raise vm.throw_type(f"String.prototype.{name} called on null or undefined")
                if "g" not in vm.to_string(flags):
                    raise vm.throw_type(f"String.prototype.{name} called with a non-global RegExp argument")
            f = _get_method(vm, target, key)
            if f is not UNDEFINED:
                return (yield (f, target, [this, arg(args, 1)], 0))
        if old_gen:
            return (yield from old_fn(vm, this, args))
        return old_fn(vm, this, args)

    return wrapper


# ---------------------------------------------------------------------------------------------- install


def install(vm: Any) -> None:
    sym = vm.global_object.get_own("Symbol")
    for name, s in (("match", SYM_MATCH), ("matchAll", SYM_MATCH_ALL), ("replace", SYM_REPLACE),
                    ("search", SYM_SEARCH), ("split", SYM_SPLIT), ("species", SYM_SPECIES)):
        constant(sym, name, s)

    proto = vm.builtin_object(vm.ObjectPrototype)
    vm.RegExpPrototype = proto
    ctor = constructor(vm, "RegExp", _regexp_call, 2, _regexp_construct, proto)
    vm.RegExpConstructor = ctor
    getter(vm, ctor, SYM_SPECIES, lambda vm, this, args: this)
    vm.RegExpExec = method(vm, proto, "exec", _exec, 1)
    getter(vm, proto, "dotAll", _flag_getter("dotAll", "s"))
    getter(vm, proto, "flags", _flags)
    vm.RegExpFlagsAccessor = proto.get_own("flags")
    for name, ch in (("global", "g"), ("hasIndices", "d"), ("ignoreCase", "i"), ("multiline", "m")):
        getter(vm, proto, name, _flag_getter(name, ch))
    getter(vm, proto, "source", _source)
    for name, ch in (("sticky", "y"), ("unicode", "u"), ("unicodeSets", "v")):
        getter(vm, proto, name, _flag_getter(name, ch))
    method(vm, proto, "compile", _compile, 2)
    method(vm, proto, "toString", _to_string, 0)
    method(vm, proto, "test", _test, 1, gen=True)
    method(vm, proto, SYM_MATCH, _symbol_match, 1, gen=True)
    method(vm, proto, SYM_MATCH_ALL, _symbol_match_all, 1)
    method(vm, proto, SYM_REPLACE, _symbol_replace, 2, gen=True)
    method(vm, proto, SYM_SEARCH, _symbol_search, 1, gen=True)
    method(vm, proto, SYM_SPLIT, _symbol_split, 2, gen=True)
    pristine = {k: proto.get_own(k) for k in ("global", "unicode", "unicodeSets", "sticky", "dotAll", "hasIndices",
                                               "ignoreCase", "multiline")}
    vm.RegExpPrototypePristine = lambda: all(proto.get_own(k) is v for k, v in pristine.items())

    it_proto = vm.builtin_object(vm.IteratorPrototype)
    method(vm, it_proto, "next", _iterator_next, 0, gen=True)
    string_tag(it_proto, "RegExp String Iterator")
    vm.RegExpStringIteratorPrototype = it_proto

    sp = vm.StringPrototype
    method(vm, sp, "match", _string_match, 1, gen=True)
    method(vm, sp, "matchAll", _string_match_all, 1, gen=True)
    method(vm, sp, "search", _string_search, 1, gen=True)
    for name, key, length, check in (("replace", SYM_REPLACE, 2, False), ("replaceAll", SYM_REPLACE, 2, True),
                                     ("split", SYM_SPLIT, 2, False)):
        old = sp.get_own(name)
        method(vm, sp, name, _delegating(vm, name, key, old, check), length, gen=True)
    vm.regexp_literal = lambda source, flags, site: new_literal(vm, source, flags, site)
