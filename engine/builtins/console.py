"""console: log/info/debug/warn/error append util.format's text to ``vm.output``, one entry per line.

warn, error and assert go to the same list as log (the trace has a single output stream; node writes
them to stderr); group/groupEnd indent by two spaces per level, and dir/count/countReset print as
node does.
"""

from __future__ import annotations

import math
import re
from typing import Any

from engine.builtins.common import method
from engine.values import UNDEFINED


def _printer(vm: Any, this: Any, args: list[Any]) -> Any:
    _emit(vm, vm.format_log(args))
    return UNDEFINED


def _group(vm: Any, this: Any, args: list[Any]) -> Any:
    if args:
        _printer(vm, this, args)
    vm.console_indent = getattr(vm, "console_indent", 0) + 2
    return UNDEFINED


def _group_end(vm: Any, this: Any, args: list[Any]) -> Any:
    vm.console_indent = max(getattr(vm, "console_indent", 0) - 2, 0)
    return UNDEFINED


def _dir(vm: Any, this: Any, args: list[Any]) -> Any:
    _emit(vm, vm.inspect(args[0] if args else UNDEFINED))
    return UNDEFINED


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def printed(text: str) -> str:
    """What a terminal shows of `text`: node writes standard output as UTF-8, where a lone surrogate (half of a
    pair, which strings may hold) has no encoding and becomes U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def _emit(vm: Any, text: str) -> None:
    indent = " " * getattr(vm, "console_indent", 0)
    if not text.isascii():
        text = printed(text)
    for line in text.split("\n"):
        vm.output.append(indent + line if indent else line)


def _assert(vm: Any, this: Any, args: list[Any]) -> Any:
    from engine import ops

    if args and ops.truthy(args[0]):
        return UNDEFINED
    rest = list(args[1:])
    if rest:
        rest[0] = f"Assertion failed: {vm.to_string(rest[0])}"  # node: `Assertion failed: ${args[0]}`
    else:
        rest.append("Assertion failed")
    _emit(vm, vm.format_log(rest))
    return UNDEFINED


def _label(vm: Any, args: list[Any]) -> str:
    return "default" if not args or args[0] is UNDEFINED else vm.to_string(args[0])


def _count(vm: Any, this: Any, args: list[Any]) -> Any:
    label = _label(vm, args)
    vm.console_counts[label] = vm.console_counts.get(label, 0) + 1
    _emit(vm, f"{label}: {vm.console_counts[label]}")
    return UNDEFINED


def _count_reset(vm: Any, this: Any, args: list[Any]) -> Any:
    vm.console_counts[_label(vm, args)] = 0
    return UNDEFINED


# ---------------------------------------------------------------- console.table (node's lib/internal/cli_table.js)
def _table_cell(vm: Any, v: Any) -> str:
    from engine.builtins.inspect import Ctx, format_value
    from engine.values import JSArray, JSObject

    wide_object = isinstance(v, JSObject) and not isinstance(v, JSArray) and len(v.enumerable_keys()) > 2
    ctx = Ctx(vm, depth=-1 if wide_object else 0, break_length=math.inf, max_array_length=3)
    return format_value(ctx, v, 0)


def _render_row(row: list[str], widths: list[int]) -> str:
    from engine.builtins.inspect import string_width

    cells = [cell + " " * (width - string_width(cell)) for cell, width in zip(row, widths, strict=True)]
    return "│ " + " │ ".join(cells) + " │"


def render_table(head: list[str], columns: list[dict[int, str]]) -> str:
    from engine.builtins.inspect import string_width

    widths = [string_width(h) for h in head]
    longest = max((max(c) + 1 if c else 0) for c in columns) if columns else 0
    rows: list[list[str]] = [[""] * len(head) for _ in range(longest)]
    for i, column in enumerate(columns):
        for j in range(longest):
            value = column.get(j, "")
            rows[j][i] = value
            widths[i] = max(widths[i], string_width(value))
    divider = ["─" * (w + 2) for w in widths]
    lines = ["┌" + "┬".join(divider) + "┐", _render_row(head, widths), "├" + "┼".join(divider) + "┤"]
    lines += [_render_row(row, widths) for row in rows]
    lines.append("└" + "┴".join(divider) + "┘")
    return "\n".join(lines)


def _table(vm: Any, this: Any, args: list[Any]) -> Any:
    from engine.values import HOLE, JSMap, JSObject, JSSet

    data = args[0] if args else UNDEFINED
    if not isinstance(data, JSObject):
        return _printer(vm, this, args[:1])
    cell = lambda v: _table_cell(vm, v)  # noqa: E731
    if isinstance(data, JSMap):
        pairs = list(data.entries.values())
        index = {i: cell(float(i)) for i in range(len(pairs))}
        keys = {i: cell(k) for i, (k, _) in enumerate(pairs)}
        values = {i: cell(v) for i, (_, v) in enumerate(pairs)}
        _emit(vm, render_table(["(iteration index)", "Key", "Values"], [index, keys, values]))
        return UNDEFINED
    if isinstance(data, JSSet):
        items = list(data.entries.values())
        _emit(vm, render_table(["(iteration index)", "Values"],
                               [{i: cell(float(i)) for i in range(len(items))}, {i: cell(v) for i, v in enumerate(items)}]))
        return UNDEFINED
    columns: dict[str, dict[int, str]] = {}
    primitives: dict[int, str] = {}
    row_keys = data.enumerable_keys()
    for i, rk in enumerate(row_keys):
        item = vm.get(data, rk)
        if not isinstance(item, JSObject) or item is HOLE:
            primitives[i] = cell(item)
            continue
        for key in item.enumerable_keys():
            columns.setdefault(key, {})[i] = cell(vm.get(item, key))
    head = ["(index)", *columns]
    cols = [dict(enumerate(row_keys)), *columns.values()]
    if primitives:
        head.append("Values")
        cols.append(primitives)
    _emit(vm, render_table(head, cols))
    return UNDEFINED


def install(vm: Any) -> None:
    console = vm.builtin_object(vm.ObjectPrototype)
    vm.global_object.define_hidden("console", console)
    vm.console_indent = 0
    for name in ("log", "info", "debug", "warn", "error", "trace"):
        method(vm, console, name, _printer, 0)
    method(vm, console, "group", _group, 0)
    method(vm, console, "groupEnd", _group_end, 0)
    method(vm, console, "dir", _dir, 0)
    method(vm, console, "table", _table, 1)
    method(vm, console, "assert", _assert, 0)
    vm.console_counts = {}
    method(vm, console, "count", _count, 0)
    method(vm, console, "countReset", _count_reset, 0)
