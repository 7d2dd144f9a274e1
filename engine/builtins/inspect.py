"""Node's ``util.inspect`` and ``util.format`` (no colours), ported from node 20's lib/internal/util/inspect.js.

The structure follows node's: :func:`format_value` -> :func:`_format_raw` -> a formatter per kind
(array, Set, Map, ...) -> :func:`_reduce_to_single_string`, with the same context fields (``seen``,
``circular``, ``indentation_lvl``, ``current_depth``), so line breaking and array grouping agree with
node byte for byte. Function and constant names keep node's so the two can be read side by side.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from engine import ops
from engine.builtins.common import function_name
from engine.record import dataclass, field
from engine.values import (
    HOLE,
    NULL,
    SYM_TO_STRING_TAG,
    UNDEFINED,
    Accessor,
    JSArray,
    JSBigInt,
    JSError,
    JSFunction,
    JSMap,
    JSObject,
    JSPrimitiveWrapper,
    JSSet,
    JSWeakMap,
    JSWeakSet,
    Symbol,
)

BREAK_LENGTH = 80
COMPACT = 3
MAX_ARRAY_LENGTH = 100
MAX_STRING_LENGTH = 10000
K_MIN_LINE_LENGTH = 16

_KEY_STR = re.compile(r"^[a-zA-Z_][a-zA-Z_0-9]*$")
_ESCAPE_TEST = re.compile(r"[\x00-\x1f\x27\x5c\x7f-\x9f\ud800-\udfff]")
_ESCAPE_TEST_SINGLE = re.compile(r"[\x00-\x1f\x5c\x7f-\x9f\ud800-\udfff]")
_META = {i: f"\\x{i:02X}" for i in list(range(0x20)) + list(range(0x7F, 0xA0))}
_META.update({8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r", 0x27: "\\'", 0x5C: "\\\\"})


@dataclass
class Ctx:
    vm: Any
    depth: float = 2
    show_hidden: bool = False
    break_length: float = BREAK_LENGTH
    max_array_length: int = MAX_ARRAY_LENGTH
    seen: list[Any] = field(default_factory=list)
    circular: dict[int, int] | None = None
    indentation_lvl: int = 0
    current_depth: int = 0


# ---------------------------------------------------------------- strings and numbers
def js_len(s: str) -> int:
    """String length in UTF-16 code units, as JavaScript counts it."""
    return len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF)


def str_escape(s: str) -> str:
    """Quote a string as node does: single quotes, or double/backtick quotes to avoid escaping ``'``."""
    quote = "'"
    test = _ESCAPE_TEST
    if "'" in s:
        if '"' not in s:
            quote = '"'
        elif "`" not in s and "${" not in s:
            quote = "`"
        if quote != "'":
            test = _ESCAPE_TEST_SINGLE
    if not test.search(s):
        return quote + s + quote
    out = []
    for ch in s:
        c = ord(ch)
        if (ch == "'" and quote == "'") or c == 92 or c < 32 or 126 < c < 160:
            out.append(_META[c])
        elif 0xD800 <= c <= 0xDFFF:
            out.append(f"\\u{c:x}")
        else:
            out.append(ch)
    return quote + "".join(out) + quote


def format_number(x: float) -> str:
    if x == 0 and math.copysign(1.0, x) < 0:
        return "-0"
    return ops.num_to_str(x)


def string_width(s: str) -> int:
    """node's getStringWidth: wide East Asian characters count 2, zero-width ones 0."""
    if s.isascii():
        return len(s)
    width = 0
    for ch in s:
        c = ord(ch)
        if c <= 0x1F or 0x7F <= c <= 0x9F or unicodedata.combining(ch) or 0x200B <= c <= 0x200F or 0xFE00 <= c <= 0xFE0F:
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("F", "W") else 1
    return width


def format_primitive(ctx: Ctx, v: Any) -> str:
    if type(v) is str:
        trailer = ""
        if len(v) > MAX_STRING_LENGTH:
            remaining = len(v) - MAX_STRING_LENGTH
            v = v[:MAX_STRING_LENGTH]
            trailer = f"... {remaining} more character{'s' if remaining > 1 else ''}"
        n = js_len(v)
        if n > K_MIN_LINE_LENGTH and n > ctx.break_length - ctx.indentation_lvl - 4:
            parts = [p for p in re.split(r"(?<=\n)", v) if p != ""] or [""]
            sep = " +\n" + " " * (ctx.indentation_lvl + 2)
            return sep.join(str_escape(p) for p in parts) + trailer
        return str_escape(v) + trailer
    if type(v) is float:
        return format_number(v)
    if type(v) is bool:
        return "true" if v else "false"
    if v is UNDEFINED:
        return "undefined"
    if isinstance(v, Symbol):
        return f"Symbol({v.description})"
    if type(v) is JSBigInt:
        return _bigint_text(v)
    return str(v)


def _bigint_text(v: JSBigInt) -> str:
    from engine.bigint import to_decimal

    return to_decimal(v.v) + "n"


# ---------------------------------------------------------------- constructor names and prefixes
def _has_in_chain(obj: JSObject, proto: Any) -> bool:
    p = obj.proto
    while p is not None:
        if p is proto:
            return True
        p = p.proto
    return False


def _is_instance(vm: Any, obj: JSObject, ctor: Any) -> bool:
    proto = ctor.get_own("prototype") if isinstance(ctor, JSObject) else HOLE
    return isinstance(proto, JSObject) and _has_in_chain(obj, proto)


def get_constructor_name(ctx: Ctx, obj: JSObject, recurse_times: int) -> str | None:
    vm = ctx.vm
    tmp = obj
    first_proto: Any = HOLE
    cur: JSObject | None = obj
    while cur is not None:
        if cur is vm.ObjectPrototype and _has_in_chain(tmp, cur):
            return "Object"
        if cur is vm.FunctionPrototype and _has_in_chain(tmp, cur):
            return "Function"
        desc = cur.get_own("constructor")
        if ops.is_callable(desc) and function_name(desc) != "" and _is_instance(vm, tmp, desc):
            return function_name(desc)
        cur = cur.proto
        if first_proto is HOLE:
            first_proto = cur
    if first_proto is None or first_proto is HOLE:
        return None
    res = tmp.cls
    if recurse_times > ctx.depth:
        return f"{res} <Complex prototype>"
    proto_constr = get_constructor_name(ctx, first_proto, recurse_times + 1)
    if proto_constr is None:
        inner = Ctx(vm, depth=-1)
        return f"{res} <{format_value(inner, first_proto, 0)}>"
    return f"{res} <{proto_constr}>"


def get_prefix(constructor: str | None, tag: str, fallback: str, size: str = "") -> str:
    if constructor is None:
        if tag != "" and fallback != tag:
            return f"[{fallback}{size}: null prototype] [{tag}] "
        return f"[{fallback}{size}: null prototype] "
    if tag != "" and constructor != tag:
        return f"{constructor}{size} [{tag}] "
    return f"{constructor}{size} "


def _ctx_style(value: JSObject, constructor: str | None, tag: str) -> str:
    fallback = ""
    if constructor is None:
        fallback = value.cls
        if fallback == tag:
            fallback = "Object"
    return get_prefix(constructor, tag, fallback)


def _tag_of(vm: Any, value: JSObject) -> str:
    """``value[Symbol.toStringTag]`` unless it is an own enumerable property (then it is printed as a key)."""
    t = vm.get(value, SYM_TO_STRING_TAG)
    if type(t) is not str or t == "":
        return ""
    if value.has_own(SYM_TO_STRING_TAG) and value.is_enumerable(SYM_TO_STRING_TAG):
        return ""
    return t


def get_keys(value: JSObject, show_hidden: bool) -> list[Any]:
    keys: list[Any]
    if show_hidden:
        keys = [k for k in value.own_keys() if isinstance(k, str)]
    else:
        keys = list(value.enumerable_keys())
    keys += [k for k in value.props if isinstance(k, Symbol) and (show_hidden or value.is_enumerable(k))]
    return keys


def _non_index_keys(value: JSArray, show_hidden: bool) -> list[Any]:
    keys = [k for k in value.props if show_hidden or value.is_enumerable(k)]
    strs = [k for k in keys if isinstance(k, str)]
    syms = [k for k in keys if isinstance(k, Symbol)]
    return (["length"] if show_hidden else []) + strs + syms


# ---------------------------------------------------------------- the value formatter
def format_value(ctx: Ctx, value: Any, recurse_times: int) -> str:
    if not isinstance(value, JSObject):
        if value is NULL:
            return "null"
        return format_primitive(ctx, value)
    if any(s is value for s in ctx.seen):
        index = 1
        if ctx.circular is None:
            ctx.circular = {value.id: index}
        else:
            found = ctx.circular.get(value.id)
            if found is None:
                index = len(ctx.circular) + 1
                ctx.circular[value.id] = index
            else:
                index = found
        return f"[Circular *{index}]"
    return _format_raw(ctx, value, recurse_times)


_ARRAY, _OBJECT = 1, 0


def _format_raw(ctx: Ctx, value: JSObject, recurse_times: int) -> str:  # noqa: C901 - mirrors node's formatRaw
    constructor = get_constructor_name(ctx, value, recurse_times)
    tag = _tag_of(ctx.vm, value)
    base = ""
    formatter: Any = _empty
    braces = ["{", "}"]
    extras = _OBJECT
    keys: list[Any]
    if isinstance(value, JSArray):
        prefix = get_prefix(constructor, tag, "Array", f"({len(value.items)})") if (constructor != "Array" or tag) else ""
        keys = _non_index_keys(value, ctx.show_hidden)
        braces = [f"{prefix}[", "]"]
        if not value.items and not keys:
            return f"{braces[0]}]"
        extras = _ARRAY
        formatter = _format_array
    elif isinstance(value, JSSet):
        size = len(value.entries)
        prefix = get_prefix(constructor, tag, "Set", f"({size})")
        keys = get_keys(value, ctx.show_hidden)
        formatter = _format_set
        if size == 0 and not keys:
            return f"{prefix}{{}}"
        braces = [f"{prefix}{{", "}"]
    elif isinstance(value, JSMap):
        size = len(value.entries)
        prefix = get_prefix(constructor, tag, "Map", f"({size})")
        keys = get_keys(value, ctx.show_hidden)
        formatter = _format_map
        if size == 0 and not keys:
            return f"{prefix}{{}}"
        braces = [f"{prefix}{{", "}"]
    elif _iterator_kind(value) in ("Map", "Set"):
        keys = get_keys(value, ctx.show_hidden)
        kind = _iterator_kind(value)
        label = f"{kind} Entries" if getattr(value, "mode", "") == "entries" else (tag or f"{kind} Iterator")
        braces = [f"[{label}] {{", "}"]
        formatter = _format_collection_iterator
    else:
        keys = get_keys(value, ctx.show_hidden)
        if ops.is_callable(value):
            base = _function_base(ctx, value, constructor, tag)
            if not keys:
                return base
        elif value.cls == "RegExp" and hasattr(value, "program"):
            from engine.builtins.regexp import to_source_string

            base = to_source_string(value)
            prefix = get_prefix(constructor, tag, "RegExp")
            if prefix != "RegExp ":
                base = f"{prefix}{base}"
            if not keys or recurse_times > ctx.depth:
                return base
        elif hasattr(value, "tv"):
            from engine.builtins.date import iso_string

            base = "Invalid Date" if value.tv != value.tv else iso_string(value.tv)
            prefix = get_prefix(constructor, tag, "Date")
            if prefix != "Date ":
                base = f"{prefix}{base}"
            if not keys:
                return base
        elif constructor == "Object":
            if value.cls == "Arguments":
                braces[0] = "[Arguments] {"
            elif tag != "":
                braces[0] = f"{get_prefix(constructor, tag, 'Object')}{{"
            if not keys:
                return f"{braces[0]}}}"
        elif isinstance(value, JSError):
            base = _format_error(ctx, value, constructor, tag, keys)
            if not keys:
                return base
        elif value.type_name == "promise":
            braces[0] = f"{get_prefix(constructor, tag, 'Promise')}{{"
            formatter = _format_promise
        elif isinstance(value, JSWeakSet):
            braces[0] = f"{get_prefix(constructor, tag, 'WeakSet')}{{"
            formatter = _format_weak
        elif isinstance(value, JSWeakMap):
            braces[0] = f"{get_prefix(constructor, tag, 'WeakMap')}{{"
            formatter = _format_weak
        elif isinstance(value, JSPrimitiveWrapper):
            base = _boxed_base(ctx, value, keys, constructor, tag)
            if not keys:
                return base
        else:
            if not keys:
                return f"{_ctx_style(value, constructor, tag)}{{}}"
            braces[0] = f"{_ctx_style(value, constructor, tag)}{{"
    if recurse_times > ctx.depth:
        name = _ctx_style(value, constructor, tag)[:-1]
        return f"[{name}]" if constructor is not None else name
    recurse_times += 1
    ctx.seen.append(value)
    ctx.current_depth = recurse_times
    output = formatter(ctx, value, recurse_times)
    for key in keys:
        output.append(format_property(ctx, value, recurse_times, key, extras))
    if ctx.circular is not None:
        index = ctx.circular.get(value.id)
        if index is not None:
            reference = f"<ref *{index}>"
            base = reference if base == "" else f"{reference} {base}"
    ctx.seen.pop()
    return _reduce_to_single_string(ctx, output, base, braces, extras, recurse_times, value)


def _empty(ctx: Ctx, value: Any, recurse_times: int) -> list[str]:
    return []


def _iterator_kind(value: JSObject) -> str:
    return getattr(value, "iter_kind", "") if type(value).__name__ == "JSIterator" else ""


def _function_base(ctx: Ctx, value: JSObject, constructor: str | None, tag: str) -> str:
    if isinstance(value, JSFunction) and value.kind in ("class", "derived"):
        return _class_base(value, constructor, tag)
    kind = "Function"
    if isinstance(value, JSFunction):
        kind = {"generator": "GeneratorFunction", "async": "AsyncFunction",
                "asyncgenerator": "AsyncGeneratorFunction"}.get(value.kind, kind)
        if value.kind == "arrow" and getattr(value.code, "is_async", False):
            kind = "AsyncFunction"
        if kind != "Function" and constructor == "Function":
            constructor = kind  # node names the kind; the engine's async functions share Function.prototype
    base = f"[{kind}"
    if constructor is None:
        base += " (null prototype)"
    name = function_name(value)
    base += " (anonymous)" if name == "" else f": {name}"
    base += "]"
    if constructor != kind and constructor is not None:
        base += f" {constructor}"
    if tag != "" and constructor != tag:
        base += f" [{tag}]"
    return base


def _class_base(value: JSFunction, constructor: str | None, tag: str) -> str:
    own = value.get_own("name")
    name = (own if isinstance(own, str) else value.name) or "(anonymous)"
    base = f"class {name}"
    if constructor != "Function" and constructor is not None:
        base += f" [{constructor}]"
    if tag != "" and constructor != tag:
        base += f" [{tag}]"
    if constructor is not None:
        parent = value.proto
        super_name = function_name(parent) if ops.is_callable(parent) else ""
        if super_name:
            base += f" extends {super_name}"
    else:
        base += " extends [null prototype]"
    return f"[{base}]"


def _boxed_base(ctx: Ctx, value: JSPrimitiveWrapper, keys: list[Any], constructor: str | None, tag: str) -> str:
    prim = value.value
    kind = {str: "String", float: "Number", bool: "Boolean", JSBigInt: "BigInt"}.get(type(prim), "Symbol")
    if kind == "String":
        del keys[: len(prim)]
    base = f"[{kind}"
    if kind != constructor:
        base += " (null prototype)" if constructor is None else f" ({constructor})"
    base += f": {format_primitive(Ctx(ctx.vm), prim)}]"
    if tag != "" and tag != constructor:
        base += f" [{tag}]"
    return base


# ---------------------------------------------------------------- errors
def _error_to_string(vm: Any, err: JSObject) -> str:
    name = vm.get(err, "name")
    msg = vm.get(err, "message")
    name = "Error" if name is UNDEFINED else vm.to_string(name)
    msg = "" if msg is UNDEFINED else vm.to_string(msg)
    if name == "":
        return msg
    if msg == "":
        return name
    return f"{name}: {msg}"


def _format_error(ctx: Ctx, err: JSError, constructor: str | None, tag: str, keys: list[Any]) -> str:
    vm = ctx.vm
    name_v = vm.get(err, "name")
    name = "Error" if name_v is UNDEFINED or name_v is NULL else vm.to_string(name_v)
    stack_v = vm.get(err, "stack")
    stack = vm.to_string(stack_v) if ops.truthy(stack_v) else _error_to_string(vm, err)
    if not ctx.show_hidden:
        for k in ("name", "message", "stack"):
            if k in keys:
                v = vm.get(err, k)
                if vm.to_string(v) in stack:
                    keys.remove(k)
    if vm.has_property(err, "cause") and "cause" not in keys:
        keys.append("cause")
    stack = _improve_stack(stack, constructor, name, tag)
    message = vm.get(err, "message")
    pos = -1
    if ops.truthy(message):
        m = vm.to_string(message)
        pos = stack.find(m)
        if pos == 0:
            pos = -1  # node's `(a && b) || -1` treats index 0 as "not found"
        if pos != -1:
            pos += len(m)
    stack_start = stack.find("\n    at", max(pos, 0))
    if stack_start == -1:
        stack = f"[{stack}]"
    if ctx.indentation_lvl != 0:
        stack = stack.replace("\n", "\n" + " " * ctx.indentation_lvl)
    return stack


def _improve_stack(stack: str, constructor: str | None, name: str, tag: str) -> str:
    length = len(name)
    looks_normal = name.endswith("Error") and stack.startswith(name) and (
        len(stack) == length or stack[length] in ":\n")
    if not (constructor is None or looks_normal):
        return stack
    fallback = "Error"
    if constructor is None:
        m = re.match(r"^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)", stack) or re.match(r"^([a-z_A-Z0-9-]*Error)$", stack)
        fallback = (m and m.group(1)) or ""
        length = len(fallback)
        fallback = fallback or "Error"
    prefix = get_prefix(constructor, tag, fallback)[:-1]
    if name != prefix:
        if name in prefix:
            stack = f"{prefix}: {stack}" if length == 0 else f"{prefix}{stack[length:]}"
        else:
            stack = f"{prefix} [{name}]{stack[length:]}"
    return stack


# ---------------------------------------------------------------- collections
def _remaining_text(remaining: int) -> str:
    return f"... {remaining} more item{'s' if remaining > 1 else ''}"


def _format_array(ctx: Ctx, value: JSArray, recurse_times: int) -> list[str]:
    items = value.items
    max_length = min(ctx.max_array_length, len(items))
    output: list[str] = []
    i = 0
    n = len(items)
    while i < n and len(output) < max_length:
        if items[i] is HOLE:
            j = i
            while j < n and items[j] is HOLE:
                j += 1
            empty = j - i
            output.append(f"<{empty} empty item{'s' if empty > 1 else ''}>")
            i = j
            continue
        output.append(_format_array_value(ctx, items[i], recurse_times))
        i += 1
    if i < n:
        output.append(_remaining_text(n - i))
    return output


def _format_array_value(ctx: Ctx, v: Any, recurse_times: int) -> str:
    if isinstance(v, Accessor):
        return _accessor_label(v)
    ctx.indentation_lvl += 2
    s = format_value(ctx, v, recurse_times)
    ctx.indentation_lvl -= 2
    return s


def _format_set(ctx: Ctx, value: JSSet, recurse_times: int) -> list[str]:
    values = list(value.entries.values())
    output: list[str] = []
    ctx.indentation_lvl += 2
    for v in values[:ctx.max_array_length]:
        output.append(format_value(ctx, v, recurse_times))
    if len(values) > ctx.max_array_length:
        output.append(_remaining_text(len(values) - ctx.max_array_length))
    ctx.indentation_lvl -= 2
    return output


def _format_map(ctx: Ctx, value: JSMap, recurse_times: int) -> list[str]:
    pairs = list(value.entries.values())
    output: list[str] = []
    ctx.indentation_lvl += 2
    for k, v in pairs[:ctx.max_array_length]:
        output.append(f"{format_value(ctx, k, recurse_times)} => {format_value(ctx, v, recurse_times)}")
    if len(pairs) > ctx.max_array_length:
        output.append(_remaining_text(len(pairs) - ctx.max_array_length))
    ctx.indentation_lvl -= 2
    return output


def _format_promise(ctx: Ctx, value: Any, recurse_times: int) -> list[str]:
    """node's formatPromise: `<pending>`, the value, or `<rejected> reason`."""
    if value.state == "pending":
        return ["<pending>"]
    ctx.indentation_lvl += 2
    text = format_value(ctx, value.result, recurse_times)
    ctx.indentation_lvl -= 2
    return [f"<rejected> {text}" if value.state == "rejected" else text]


def _format_weak(ctx: Ctx, value: Any, recurse_times: int) -> list[str]:
    return ["<items unknown>"]


def _format_collection_iterator(ctx: Ctx, value: Any, recurse_times: int) -> list[str]:
    remaining = value.remaining_preview()
    ctx.indentation_lvl += 2
    if value.mode == "entries":
        out = [f"[ {format_value(ctx, k, recurse_times)}, {format_value(ctx, v, recurse_times)} ]"
               for k, v in remaining]
    else:
        out = [format_value(ctx, v, recurse_times) for v in remaining]
    ctx.indentation_lvl -= 2
    return out


# ---------------------------------------------------------------- properties and layout
def _accessor_label(desc: Accessor) -> str:
    if desc.get is not None:
        return "[Getter/Setter]" if desc.set is not None else "[Getter]"
    if desc.set is not None:
        return "[Setter]"
    return "undefined"


def format_property(ctx: Ctx, value: JSObject, recurse_times: int, key: Any, extras: int) -> str:
    desc = value.get_own(key)
    if desc is HOLE:
        desc = UNDEFINED
    if isinstance(desc, Accessor):
        s = _accessor_label(desc)
    else:
        ctx.indentation_lvl += 2
        s = format_value(ctx, desc, recurse_times)
        ctx.indentation_lvl -= 2
    if isinstance(key, Symbol):
        name = f"[Symbol({key.description})]"
    elif key == "__proto__":
        name = "['__proto__']"
    elif not value.is_enumerable(key):
        name = f"[{key}]"
    elif _KEY_STR.match(key):
        name = key
    else:
        name = str_escape(key)
    return f"{name}: {s}"


def _is_below_break_length(ctx: Ctx, output: list[str], start: int, base: str) -> bool:
    total = len(output) + start
    if total + len(output) > ctx.break_length:
        return False
    for entry in output:
        total += js_len(entry)
        if total > ctx.break_length:
            return False
    return base == "" or "\n" not in base


def _reduce_to_single_string(ctx: Ctx, output: list[str], base: str, braces: list[str], extras: int,
                             recurse_times: int, value: Any) -> str:
    entries = len(output)
    if extras == _ARRAY and entries > 6:
        output = group_array_elements(ctx, output, value)
    if ctx.current_depth - recurse_times < COMPACT and entries == len(output):
        start = len(output) + ctx.indentation_lvl + js_len(braces[0]) + js_len(base) + 10
        if _is_below_break_length(ctx, output, start, base):
            joined = ", ".join(output)
            if "\n" not in joined:
                return f"{base + ' ' if base else ''}{braces[0]} {joined} {braces[1]}"
    indentation = "\n" + " " * ctx.indentation_lvl
    return f"{base + ' ' if base else ''}{braces[0]}{indentation}  {(',' + indentation + '  ').join(output)}{indentation}{braces[1]}"


def _js_round(x: float) -> int:
    return math.floor(x + 0.5)


def group_array_elements(ctx: Ctx, output: list[str], value: Any) -> list[str]:
    """node's groupArrayElements: lay out more than six short array entries in aligned columns."""
    total_length = 0
    max_length = 0
    output_length = len(output)
    if ctx.max_array_length < output_length:
        output_length -= 1  # leave the "... n more items" entry out of the columns
    separator_space = 2
    data_len = []
    for i in range(output_length):
        n = string_width(output[i])
        data_len.append(n)
        total_length += n + separator_space
        max_length = max(max_length, n)
    actual_max = max_length + separator_space
    if not (actual_max * 3 + ctx.indentation_lvl < ctx.break_length
            and (total_length / actual_max > 5 or max_length <= 6)):
        return output
    average_bias = math.sqrt(actual_max - total_length / len(output))
    biased_max = max(actual_max - 3 - average_bias, 1)
    columns = min(
        _js_round(math.sqrt(2.5 * biased_max * output_length) / biased_max),
        int((ctx.break_length - ctx.indentation_lvl) // actual_max) if math.isfinite(ctx.break_length) else 15,
        COMPACT * 4,
        15,
    )
    if columns <= 1:
        return output
    max_line_length = []
    for i in range(columns):
        line_max = 0
        for j in range(i, output_length, columns):
            line_max = max(line_max, data_len[j])
        max_line_length.append(line_max + separator_space)
    pad_start = _all_numbers(value, len(output))
    tmp = []
    for i in range(0, output_length, columns):
        last = min(i + columns, output_length)
        parts = []
        for j in range(i, last - 1):
            padding = max_line_length[j - i] + len(output[j]) - data_len[j]
            cell = f"{output[j]}, "
            parts.append(cell.rjust(padding) if pad_start else cell.ljust(padding))
        j = last - 1
        if pad_start:
            padding = max_line_length[j - i] + len(output[j]) - data_len[j] - separator_space
            parts.append(output[j].rjust(padding))
        else:
            parts.append(output[j])
        tmp.append("".join(parts))
    if output_length < len(output):
        tmp.append(output[output_length])
    return tmp


def _all_numbers(value: Any, count: int) -> bool:
    if not isinstance(value, JSArray):
        return False
    items = value.items
    for i in range(count):
        v = items[i] if i < len(items) else UNDEFINED
        if type(v) is not float and type(v) is not JSBigInt:
            return False
    return True


# ---------------------------------------------------------------- public entry points
def inspect(vm: Any, value: Any, depth: float = 2, show_hidden: bool = False) -> str:
    """util.inspect(value) with node's defaults (depth 2, breakLength 80, compact 3)."""
    return format_value(Ctx(vm, depth=depth, show_hidden=show_hidden), value, 0)


def _has_builtin_to_string(vm: Any, value: JSObject) -> bool:
    p: JSObject | None = value
    while p is not None:
        if p.has_own("toString"):
            if p is value:
                return False
            ctor = p.get_own("constructor")
            return ctor is not HOLE and ops.is_callable(ctor) and isinstance(ctor, JSObject) \
                and not isinstance(ctor, JSFunction)
        p = p.proto
    return True


def _format_s(vm: Any, v: Any) -> str:
    if type(v) is float:
        return format_number(v)
    if type(v) is JSBigInt:
        return _bigint_text(v)
    if not isinstance(v, JSObject) or not _has_builtin_to_string(vm, v):
        if isinstance(v, Symbol):
            return f"Symbol({v.description})"
        return vm.to_string(v)
    return format_value(Ctx(vm, depth=0), v, 0)


def _format_j(vm: Any, v: Any) -> str:
    from engine.builtins.json import stringify_sync

    try:
        text = stringify_sync(vm, v)
    except Exception as exc:  # a circular structure prints as [Circular], like node
        from engine.values import JSThrow

        if isinstance(exc, JSThrow) and isinstance(exc.value, JSError):
            msg = vm.get(exc.value, "message")
            if isinstance(msg, str) and msg.startswith("Converting circular structure to JSON"):
                return "[Circular]"
        raise
    return "undefined" if text is None else text


def _parse_int_text(vm: Any, v: Any) -> str:
    from engine.builtins.number import parse_int

    return format_number(parse_int(vm.to_string(v), UNDEFINED, vm))


def _parse_float_text(vm: Any, v: Any) -> str:
    from engine.builtins.number import parse_float

    return format_number(parse_float(vm.to_string(v)))


def _format_specifier(vm: Any, ch: str, v: Any) -> str | None:
    if ch == "s":
        return _format_s(vm, v)
    if ch == "j":
        return _format_j(vm, v)
    if type(v) is JSBigInt and ch in "di":
        return _bigint_text(v)
    if ch == "d":
        from engine.builtins.number import number_value

        return "NaN" if isinstance(v, Symbol) else format_number(number_value(vm, v))
    if ch == "O":
        return inspect(vm, v)
    if ch == "o":
        return inspect(vm, v, depth=4, show_hidden=True)
    if ch == "i":
        return "NaN" if isinstance(v, Symbol) else _parse_int_text(vm, v)
    if ch == "f":
        return "NaN" if isinstance(v, Symbol) else _parse_float_text(vm, v)
    if ch == "c":
        return ""
    return None


def format_log(vm: Any, args: list[Any]) -> str:
    """util.format(...args): printf-like specifiers in a first string argument, then the rest inspected."""
    if not args:
        return ""
    first = args[0]
    a = 0
    out: list[str] = []
    join = ""
    if type(first) is str:
        if len(args) == 1:
            return first
        last_pos = 0
        i = 0
        while i < len(first) - 1:
            if first[i] == "%":
                i += 1
                ch = first[i]
                if a + 1 != len(args):
                    if ch == "%":
                        out.append(first[last_pos:i])
                        last_pos = i + 1
                        i += 1
                        continue
                    if ch not in "sjdOoifc":
                        i += 1
                        continue
                    a += 1
                    text = _format_specifier(vm, ch, args[a])
                    if last_pos != i - 1:
                        out.append(first[last_pos:i - 1])
                    out.append(text or "")
                    last_pos = i + 1
                elif ch == "%":
                    out.append(first[last_pos:i])
                    last_pos = i + 1
            i += 1
        if last_pos != 0:
            a += 1
            join = " "
            if last_pos < len(first):
                out.append(first[last_pos:])
    while a < len(args):
        v = args[a]
        out.append(join)
        out.append(v if type(v) is str else inspect(vm, v))
        join = " "
        a += 1
    return "".join(out)


def install(vm: Any) -> None:
    vm.inspect = lambda value: inspect(vm, value)
    vm.format_log = lambda args: format_log(vm, args)


__all__ = ["format_log", "inspect", "install"]
