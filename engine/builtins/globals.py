"""Global value properties (globalThis, NaN, Infinity, undefined) and Symbol (ECMA-262 19.1, 20.4)."""

from __future__ import annotations

import math
from typing import Any

from engine.builtins.common import arg, constant, describe, getter, method, native, string_tag
from engine.values import (
    SYM_ASYNC_ITERATOR,
    SYM_HAS_INSTANCE,
    SYM_ITERATOR,
    SYM_TO_PRIMITIVE,
    SYM_TO_STRING_TAG,
    UNDEFINED,
    JSPrimitiveWrapper,
    Symbol,
)


class AnonymousSymbol(Symbol):
    """``Symbol()``: prints as ``Symbol()`` like ``Symbol("")``, but its ``description`` is undefined."""

    __slots__ = ()


def _symbol_call(vm: Any, this: Any, args: list[Any]) -> Any:
    d = arg(args, 0)
    return AnonymousSymbol("") if d is UNDEFINED else Symbol(vm.to_string(d))


def _description(vm: Any, this: Any, args: list[Any]) -> Any:
    sym = _this_symbol(vm, this, "description")
    return UNDEFINED if isinstance(sym, AnonymousSymbol) else sym.description


def _this_symbol(vm: Any, this: Any, name: str) -> Symbol:
    if isinstance(this, Symbol):
        return this
    if isinstance(this, JSPrimitiveWrapper) and isinstance(this.value, Symbol):
        return this.value
    raise vm.throw_type(f"Symbol.prototype.{name} requires that 'this' be a Symbol")


def install(vm: Any) -> None:
    g = vm.global_object
    g.define_hidden("globalThis", g)
    constant(g, "NaN", math.nan)
    constant(g, "Infinity", math.inf)
    constant(g, "undefined", UNDEFINED)

    proto = vm.builtin_object(vm.ObjectPrototype)
    vm.SymbolPrototype = proto
    sym = native(vm, "Symbol", _symbol_call, 0)
    sym.define_hidden("prototype", proto)
    proto.define_hidden("constructor", sym)
    g.define_hidden("Symbol", sym)
    for name, s in (("iterator", SYM_ITERATOR), ("toPrimitive", SYM_TO_PRIMITIVE),
                    ("hasInstance", SYM_HAS_INSTANCE), ("toStringTag", SYM_TO_STRING_TAG),
                    ("asyncIterator", SYM_ASYNC_ITERATOR)):
        constant(sym, name, s)
    registry: dict[str, Symbol] = {}  # Symbol.for's GlobalSymbolRegistry, one per realm

    def _for(vm: Any, this: Any, args: list[Any]) -> Any:
        key = vm.to_string(arg(args, 0))
        if key not in registry:
            registry[key] = Symbol(key, registered=True)
        return registry[key]

    def _key_for(vm: Any, this: Any, args: list[Any]) -> Any:
        s = arg(args, 0)
        if not isinstance(s, Symbol):
            raise vm.throw_type(f"{describe(vm, s)} is not a symbol")
        return next((k for k, v in registry.items() if v is s), UNDEFINED)

    method(vm, sym, "for", _for, 1)
    method(vm, sym, "keyFor", _key_for, 1)
    string_tag(proto, "Symbol")
    proto.ro = (proto.ro or frozenset()) | {SYM_TO_STRING_TAG}
    method(vm, proto, "toString", lambda vm, this, args: f"Symbol({_this_symbol(vm, this, 'toString').description})")
    method(vm, proto, "valueOf", lambda vm, this, args: _this_symbol(vm, this, "valueOf"))
    # (20.4.3.5): a Symbol wrapper converts to its symbol, so String(Object(sym)) throws as for the symbol
    method(vm, proto, SYM_TO_PRIMITIVE, lambda vm, this, args: _this_symbol(vm, this, "[Symbol.toPrimitive]"), 1)
    proto.ro = (proto.ro or frozenset()) | {SYM_TO_PRIMITIVE}
    getter(vm, proto, "description", _description)
