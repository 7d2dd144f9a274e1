"""The built-in library of the memcourse engine: one module per part of the standard library.

:func:`install_all` fills a fresh realm. The VM creates ``ObjectPrototype``, ``FunctionPrototype`` and
the global object first; everything else (prototypes the core needs, such as ``vm.ArrayPrototype``,
and ``vm.inspect`` / ``vm.format_log``) is created here.

Modules: object (Object, Function.prototype), array (+ sort: V8's TimSort), string, number (Number,
Boolean, parseInt/parseFloat), math, json, clone (structuredClone), collections (Map, Set, WeakMap,
WeakSet, WeakRef, FinalizationRegistry), promise (Promise, AggregateError), timers (node's setTimeout
family and queueMicrotask, on engine.eventloop), error, iteration (for-of/spread and the iterator objects), inspect (node's
util.inspect/util.format), console, globals (globalThis, NaN, Infinity, undefined, Symbol), uri (encodeURI and
decodeURI with their Component forms, escape, unescape).

Every behaviour is checked against node 20 by the tables in tests/engine/test_builtins_*.py. Known,
deliberate differences from node:
- ``Math.random`` is a seeded generator: runs are reproducible, so printed random numbers differ.
- console.warn/error/assert write to the same output as console.log (node uses stderr).
- Error ``stack`` lines name the frames but not node's file and column (``at f (<anonymous>:3)``).
- localeCompare approximates ICU's root collation (exact for ASCII and accented Latin letters).
- FinalizationRegistry cleanup callbacks never run (V8 runs them in a later job, after the script).
- Not provided: Proxy, Reflect, typed arrays, Intl, eval (README: Not supported).
"""

from __future__ import annotations

from typing import Any

from engine.builtins import (
    array,
    bigint,
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
    promise,
    string,
    timers,
)


def install_all(vm: Any) -> None:
    """Create every built-in of the realm on `vm` (order matters: prototypes before their users)."""
    globals.install(vm)
    object.install(vm)
    iteration.install(vm)
    from engine import asyncgen, coroutine

    coroutine.install(vm)
    asyncgen.install(vm)
    array.install(vm)
    string.install(vm)
    from engine.builtins import regexp

    regexp.install(vm)
    number.install(vm)
    from engine.builtins import date

    date.install(vm)
    bigint.install(vm)
    math.install(vm)
    error.install(vm)
    collections.install(vm)
    promise.install(vm)
    timers.install(vm)
    json.install(vm)
    from engine.builtins import uri

    uri.install(vm)
    clone.install(vm)
    inspect.install(vm)
    console.install(vm)
    from engine.builtins.common import fix
    from engine.values import NativeFunction

    for v in list(vm.global_object.props.values()):  # a built-in constructor's prototype is fixed (20.1.2.x)
        if isinstance(v, NativeFunction) and "prototype" in v.props:
            fix(v, "prototype")


__all__ = ["install_all"]
