"""console: log/info/debug/warn/error append util.format's text to ``vm.output``, one entry per line.

warn and error go to the same list as log (the trace has a single output stream); group/groupEnd
indent by two spaces per level as node does.
"""

from __future__ import annotations

from typing import Any

from engine.builtins.common import method
from engine.values import UNDEFINED


def _printer(vm: Any, this: Any, args: list[Any]) -> Any:
    text = vm.format_log(args)
    indent = " " * getattr(vm, "console_indent", 0)
    for line in text.split("\n"):
        vm.output.append(indent + line if indent else line)
    return UNDEFINED


def _group(vm: Any, this: Any, args: list[Any]) -> Any:
    if args:
        _printer(vm, this, args)
    vm.console_indent = getattr(vm, "console_indent", 0) + 2
    return UNDEFINED


def _group_end(vm: Any, this: Any, args: list[Any]) -> Any:
    vm.console_indent = max(getattr(vm, "console_indent", 0) - 2, 0)
    return UNDEFINED


def install(vm: Any) -> None:
    console = vm.builtin_object(vm.ObjectPrototype)
    vm.global_object.define_hidden("console", console)
    vm.console_indent = 0
    for name in ("log", "info", "debug", "warn", "error", "trace"):
        method(vm, console, name, _printer, 0)
    method(vm, console, "group", _group, 0)
    method(vm, console, "groupEnd", _group_end, 0)
