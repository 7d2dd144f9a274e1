"""The built-in library of the memcourse engine: one module per part of the standard library.

:func:`install_all` fills a fresh realm. The VM creates ``ObjectPrototype``, ``FunctionPrototype`` and
the global object first; everything else (prototypes the core needs, such as ``vm.ArrayPrototype``,
and ``vm.inspect`` / ``vm.format_log``) is created here.
"""

from __future__ import annotations

from typing import Any

from engine.builtins import (
    array,
    clone,
    collections,
    console,
    error,
    globals,
    inspect,
    iteration,
    json,
    math,
    number,
    object,
    string,
)


def install_all(vm: Any) -> None:
    """Create every built-in of the realm on `vm` (order matters: prototypes before their users)."""
    globals.install(vm)
    object.install(vm)
    iteration.install(vm)
    array.install(vm)
    string.install(vm)
    number.install(vm)
    math.install(vm)
    error.install(vm)
    collections.install(vm)
    json.install(vm)
    clone.install(vm)
    inspect.install(vm)
    console.install(vm)


__all__ = ["install_all"]
