"""console: log/info/debug/warn/error append util.format's text to ``vm.output``, one entry per line.

warn, error and assert go to the same list as log (the trace has a single output stream; node writes
them to stderr); group/groupEnd indent by two spaces per level, and dir/count/countReset print as
node does.
"""

from __future__ import annotations

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


def _emit(vm: Any, text: str) -> None:
    indent = " " * getattr(vm, "console_indent", 0)
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


def install(vm: Any) -> None:
    console = vm.builtin_object(vm.ObjectPrototype)
    vm.global_object.define_hidden("console", console)
    vm.console_indent = 0
    for name in ("log", "info", "debug", "warn", "error", "trace"):
        method(vm, console, name, _printer, 0)
    method(vm, console, "group", _group, 0)
    method(vm, console, "groupEnd", _group_end, 0)
    method(vm, console, "dir", _dir, 0)
    method(vm, console, "assert", _assert, 0)
    vm.console_counts = {}
    method(vm, console, "count", _count, 0)
    method(vm, console, "countReset", _count_reset, 0)
