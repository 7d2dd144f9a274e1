"""Keyed collections (ECMA-262 24): Map, Set, WeakMap, WeakSet, and WeakRef (26.1).

Map and Set keep keys and values strongly; WeakMap/WeakSet entries are ephemerons that the
collector clears (engine.gc). A WeakRef's target is added to ``vm.kept_objects`` when the WeakRef
is created and on every ``deref()``: the language keeps it alive until the current job ends
(contract rule 5), so within one synchronous script a ``gc()`` never clears a WeakRef.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from engine import ops
from engine.builtins.common import arg, constructor, describe, getter, method, string_tag
from engine.builtins.iteration import (
    JSIterator,
    ProtocolIterator,
    iterate_values,
    make_iterator,
    note_added,
    note_cleared,
    note_deleted,
)
from engine.builtins.regexp import SYM_SPECIES
from engine.values import (
    HOLE,
    NULL,
    SYM_ITERATOR,
    UNDEFINED,
    JSMap,
    JSObject,
    JSSet,
    JSThrow,
    JSWeakMap,
    JSWeakRef,
    JSWeakSet,
    NativeFunction,
    Symbol,
    map_key,
)

Gen = Generator[Any, Any, Any]


def _receiver(vm: Any, this: Any, cls: type, method_name: str) -> Any:
    if not isinstance(this, cls):
        raise vm.throw_type(f"Method {method_name} called on incompatible receiver {describe(vm, this)}")
    return this


def _requires_new(name: str) -> Any:
    def call(vm: Any, this: Any, args: list[Any]) -> Any:
        raise vm.throw_type(f"Constructor {name} requires 'new'")

    return call


def _source_values(vm: Any, src: Any) -> Any:
    if src is UNDEFINED or src is NULL:
        return ()
    if not isinstance(src, JSObject) and type(src) is not str:
        raise vm.throw_type(
            f"{ops.typeof(src)} {describe(vm, src)} is not iterable (cannot read property Symbol(Symbol.iterator))")
    return iterate_values(vm, src)


def _require_callback(vm: Any, fn: Any) -> Any:
    """V8's wording for a non-callable forEach callback of Map and Set (``string "s" is not a function``)."""
    if ops.is_callable(fn):
        return fn
    if isinstance(fn, JSObject):
        text = "object"
    elif fn is UNDEFINED:
        text = "undefined"
    elif type(fn) is str:
        text = f'string "{fn}"'
    else:
        text = f"{ops.typeof(fn)} {describe(vm, fn)}"
    raise vm.throw_type(f"{text} is not a function")


def _normalise_key(k: Any) -> Any:
    return 0.0 if type(k) is float and k == 0 else k


def _fill(vm: Any, coll: JSObject, src: Any, adder_name: str, builtin: Any, entries: bool) -> None:
    """The shared steps of the Map, Set, WeakMap and WeakSet constructors (24.1.1.2 AddEntriesFromIterable,
    24.2.1.1): the collection's own `set`/`add` (a subclass's override included) is called for every value of
    the iterable, and the iterator is closed when that throws. The built-in adder runs without a call."""
    if src is UNDEFINED or src is NULL:
        return
    adder = vm.get(coll, adder_name)
    if not ops.is_callable(adder):
        raise vm.throw_type(f"'{describe(vm, adder)}' returned for property '{adder_name}' of object "
                            f"'{describe(vm, coll)}' is not a function")
    direct = type(adder) is NativeFunction and adder.fn is builtin
    values = _source_values(vm, src)
    try:
        for v in values:
            if entries:
                if not isinstance(v, JSObject):
                    raise vm.throw_type(f"Iterator value {describe(vm, v)} is not an entry object")
                pair = [vm.get(v, "0"), vm.get(v, "1")]
            else:
                pair = [v]
            if direct:
                builtin(vm, coll, pair)
            else:
                vm.call_sync(adder, coll, pair)
    except JSThrow:
        if type(values) is ProtocolIterator:
            values.close(True)
        raise


# ---------------------------------------------------------------- Map
def _map_construct(vm: Any, args: list[Any], proto: Any) -> JSMap:
    m = JSMap(proto if isinstance(proto, JSObject) else vm.MapPrototype)
    vm.register(m)
    _fill(vm, m, arg(args, 0), "set", _map_set, True)
    return m


def _map_get(vm: Any, this: Any, args: list[Any]) -> Any:
    m = _receiver(vm, this, JSMap, "Map.prototype.get")
    hit = m.entries.get(map_key(arg(args, 0)))
    return UNDEFINED if hit is None else hit[1]


def _map_set(vm: Any, this: Any, args: list[Any]) -> Any:
    m = _receiver(vm, this, JSMap, "Map.prototype.set")
    k = _normalise_key(arg(args, 0))
    mk = map_key(k)
    old = m.entries.get(mk)
    m.entries[mk] = (old[0] if old is not None else k, arg(args, 1))
    if old is None:
        note_added(m, mk)
    return m


def _map_has(vm: Any, this: Any, args: list[Any]) -> Any:
    return map_key(arg(args, 0)) in _receiver(vm, this, JSMap, "Map.prototype.has").entries


def _map_delete(vm: Any, this: Any, args: list[Any]) -> Any:
    m = _receiver(vm, this, JSMap, "Map.prototype.delete")
    mk = map_key(arg(args, 0))
    if m.entries.pop(mk, None) is None:
        return False
    note_deleted(m, mk)
    return True


def _map_clear(vm: Any, this: Any, args: list[Any]) -> Any:
    m = _receiver(vm, this, JSMap, "Map.prototype.clear")
    m.entries.clear()
    note_cleared(m)
    return UNDEFINED


def _map_size(vm: Any, this: Any, args: list[Any]) -> Any:
    return float(len(_receiver(vm, this, JSMap, "get Map.prototype.size").entries))


def _map_for_each(vm: Any, this: Any, args: list[Any]) -> Gen:
    m = _receiver(vm, this, JSMap, "Map.prototype.forEach")
    fn = _require_callback(vm, arg(args, 0))
    it = JSIterator(None, m, "Map", "keys")
    while True:
        k = it.step(vm)
        if k is HOLE:
            return UNDEFINED
        entry = m.entries.get(map_key(k))
        if entry is not None:
            yield (fn, arg(args, 1), [entry[1], k, m], 0)


def _map_iter(mode: str) -> Any:
    def make(vm: Any, this: Any, args: list[Any]) -> Any:
        return make_iterator(vm, _receiver(vm, this, JSMap, f"Map.prototype.{mode}"), "Map", mode)

    return make


# ---------------------------------------------------------------- Set
def _set_construct(vm: Any, args: list[Any], proto: Any) -> JSSet:
    s = JSSet(proto if isinstance(proto, JSObject) else vm.SetPrototype)
    vm.register(s)
    _fill(vm, s, arg(args, 0), "add", _set_add, False)
    return s


def _set_add(vm: Any, this: Any, args: list[Any]) -> Any:
    s = _receiver(vm, this, JSSet, "Set.prototype.add")
    v = _normalise_key(arg(args, 0))
    mk = map_key(v)
    if mk not in s.entries:
        s.entries[mk] = v
        note_added(s, mk)
    return s


def _set_has(vm: Any, this: Any, args: list[Any]) -> Any:
    return map_key(arg(args, 0)) in _receiver(vm, this, JSSet, "Set.prototype.has").entries


def _set_delete(vm: Any, this: Any, args: list[Any]) -> Any:
    s = _receiver(vm, this, JSSet, "Set.prototype.delete")
    mk = map_key(arg(args, 0))
    if s.entries.pop(mk, HOLE) is HOLE:
        return False
    note_deleted(s, mk)
    return True


def _set_clear(vm: Any, this: Any, args: list[Any]) -> Any:
    s = _receiver(vm, this, JSSet, "Set.prototype.clear")
    s.entries.clear()
    note_cleared(s)
    return UNDEFINED


def _set_size(vm: Any, this: Any, args: list[Any]) -> Any:
    return float(len(_receiver(vm, this, JSSet, "get Set.prototype.size").entries))


def _set_for_each(vm: Any, this: Any, args: list[Any]) -> Gen:
    s = _receiver(vm, this, JSSet, "Set.prototype.forEach")
    fn = _require_callback(vm, arg(args, 0))
    it = JSIterator(None, s, "Set", "values")
    while True:
        v = it.step(vm)
        if v is HOLE:
            return UNDEFINED
        yield (fn, arg(args, 1), [v, v, s], 0)


def _set_iter(mode: str) -> Any:
    def make(vm: Any, this: Any, args: list[Any]) -> Any:
        return make_iterator(vm, _receiver(vm, this, JSSet, f"Set.prototype.{mode}"), "Set", mode)

    return make


# ---------------------------------------------------------------- WeakMap / WeakSet
def can_be_held_weakly(k: Any) -> bool:
    """CanBeHeldWeakly (9.13): an object, or a symbol that Symbol.for did not make. The engine's symbols
    are values, not heap objects: an entry keyed by one is kept while its table is (README, the engine)."""
    return isinstance(k, JSObject) or (isinstance(k, Symbol) and not k.registered)


def _weak_key(vm: Any, k: Any, message: str) -> Any:
    if not can_be_held_weakly(k):
        raise vm.throw_type(message)
    return k


def _weakmap_construct(vm: Any, args: list[Any], proto: Any) -> JSWeakMap:
    m = JSWeakMap(proto if isinstance(proto, JSObject) else vm.WeakMapPrototype)
    vm.register(m)
    _fill(vm, m, arg(args, 0), "set", _weakmap_set, True)
    return m


def _weakmap_get(vm: Any, this: Any, args: list[Any]) -> Any:
    m = _receiver(vm, this, JSWeakMap, "WeakMap.prototype.get")
    k = arg(args, 0)
    hit = m.entries.get(id(k)) if can_be_held_weakly(k) else None
    return UNDEFINED if hit is None or hit[0] is not k else hit[1]


def _weakmap_set(vm: Any, this: Any, args: list[Any]) -> Any:
    m = _receiver(vm, this, JSWeakMap, "WeakMap.prototype.set")
    k = _weak_key(vm, arg(args, 0), "Invalid value used as weak map key")
    m.entries[id(k)] = (k, arg(args, 1))
    return m


def _weakmap_has(vm: Any, this: Any, args: list[Any]) -> Any:
    m = _receiver(vm, this, JSWeakMap, "WeakMap.prototype.has")
    k = arg(args, 0)
    hit = m.entries.get(id(k)) if can_be_held_weakly(k) else None
    return hit is not None and hit[0] is k


def _weakmap_delete(vm: Any, this: Any, args: list[Any]) -> Any:
    m = _receiver(vm, this, JSWeakMap, "WeakMap.prototype.delete")
    k = arg(args, 0)
    if not can_be_held_weakly(k) or id(k) not in m.entries:
        return False
    del m.entries[id(k)]
    return True


def _weakset_construct(vm: Any, args: list[Any], proto: Any) -> JSWeakSet:
    s = JSWeakSet(proto if isinstance(proto, JSObject) else vm.WeakSetPrototype)
    vm.register(s)
    _fill(vm, s, arg(args, 0), "add", _weakset_add, False)
    return s


def _weakset_add(vm: Any, this: Any, args: list[Any]) -> Any:
    s = _receiver(vm, this, JSWeakSet, "WeakSet.prototype.add")
    o = _weak_key(vm, arg(args, 0), "Invalid value used in weak set")
    s.entries[id(o)] = o
    return s


def _weakset_has(vm: Any, this: Any, args: list[Any]) -> Any:
    s = _receiver(vm, this, JSWeakSet, "WeakSet.prototype.has")
    o = arg(args, 0)
    return can_be_held_weakly(o) and s.entries.get(id(o)) is o


def _weakset_delete(vm: Any, this: Any, args: list[Any]) -> Any:
    s = _receiver(vm, this, JSWeakSet, "WeakSet.prototype.delete")
    o = arg(args, 0)
    if not can_be_held_weakly(o) or s.entries.get(id(o)) is not o:
        return False
    del s.entries[id(o)]
    return True


def _species(vm: Any, this: Any, args: list[Any]) -> Any:
    """get [Symbol.species]: the constructor itself."""
    return this


# ---------------------------------------------------------------- WeakRef
def _keep(vm: Any, target: Any) -> None:
    if isinstance(target, JSObject):
        vm.kept_objects.append(target)


def _weakref_construct(vm: Any, args: list[Any], proto: Any) -> JSWeakRef:
    target = arg(args, 0)
    if not can_be_held_weakly(target):
        raise vm.throw_type("WeakRef: invalid target")
    r = JSWeakRef(proto if isinstance(proto, JSObject) else vm.WeakRefPrototype, target)
    vm.register(r)
    _keep(vm, target)
    return r


def _weakref_deref(vm: Any, this: Any, args: list[Any]) -> Any:
    r = _receiver(vm, this, JSWeakRef, "WeakRef.prototype.deref")
    if r.target is None:
        return UNDEFINED
    _keep(vm, r.target)
    return r.target


def _proto(vm: Any, tag: str) -> JSObject:
    p = vm.builtin_object(vm.ObjectPrototype)
    string_tag(p, tag)
    return p


def install(vm: Any) -> None:
    vm.MapPrototype = mp = _proto(vm, "Map")
    getter(vm, constructor(vm, "Map", _requires_new("Map"), 0, _map_construct, mp), SYM_SPECIES, _species)
    for name, fn, n in (("get", _map_get, 1), ("set", _map_set, 2), ("has", _map_has, 1),
                        ("delete", _map_delete, 1), ("clear", _map_clear, 0),
                        ("keys", _map_iter("keys"), 0), ("values", _map_iter("values"), 0)):
        method(vm, mp, name, fn, n)
    entries = method(vm, mp, "entries", _map_iter("entries"), 0)
    mp.define_hidden(SYM_ITERATOR, entries)
    method(vm, mp, "forEach", _map_for_each, 1, gen=True)
    getter(vm, mp, "size", _map_size)

    vm.SetPrototype = sp = _proto(vm, "Set")
    getter(vm, constructor(vm, "Set", _requires_new("Set"), 0, _set_construct, sp), SYM_SPECIES, _species)
    for name, fn, n in (("add", _set_add, 1), ("has", _set_has, 1), ("delete", _set_delete, 1),
                        ("clear", _set_clear, 0), ("entries", _set_iter("entries"), 0)):
        method(vm, sp, name, fn, n)
    values = method(vm, sp, "values", _set_iter("values"), 0)
    sp.define_hidden("keys", values)
    sp.define_hidden(SYM_ITERATOR, values)
    method(vm, sp, "forEach", _set_for_each, 1, gen=True)
    getter(vm, sp, "size", _set_size)

    vm.WeakMapPrototype = wmp = _proto(vm, "WeakMap")
    constructor(vm, "WeakMap", _requires_new("WeakMap"), 0, _weakmap_construct, wmp)
    for name, fn, n in (("get", _weakmap_get, 1), ("set", _weakmap_set, 2), ("has", _weakmap_has, 1),
                        ("delete", _weakmap_delete, 1)):
        method(vm, wmp, name, fn, n)

    vm.WeakSetPrototype = wsp = _proto(vm, "WeakSet")
    constructor(vm, "WeakSet", _requires_new("WeakSet"), 0, _weakset_construct, wsp)
    for name, fn, n in (("add", _weakset_add, 1), ("has", _weakset_has, 1), ("delete", _weakset_delete, 1)):
        method(vm, wsp, name, fn, n)

    vm.WeakRefPrototype = wrp = _proto(vm, "WeakRef")
    constructor(vm, "WeakRef", _requires_new("WeakRef"), 1, _weakref_construct, wrp)
    method(vm, wrp, "deref", _weakref_deref, 0)
    install_finalization_registry(vm)


# ---------------------------------------------------------------- FinalizationRegistry
class JSFinalizationRegistry(JSObject):
    """FinalizationRegistry (26.2): targets and tokens are weak, held values strong (kept in a hidden
    array so the collector and the heap graph see them). Cleanup callbacks run in a later job in V8,
    never during the synchronous script, so here they never run."""

    __slots__ = ("cleanup", "cells")
    type_name = "object"

    def __init__(self, proto: JSObject | None, cleanup: Any) -> None:
        super().__init__(proto, "FinalizationRegistry")
        self.cleanup = cleanup
        self.cells: list[tuple[int, Any, int | None]] = []   # (target id, held, token id)


_HELD = Symbol("[[Cells]]")


def _registry_construct(vm: Any, args: list[Any], proto: Any) -> JSFinalizationRegistry:
    cleanup = arg(args, 0)
    if not ops.is_callable(cleanup):
        raise vm.throw_type("FinalizationRegistry: cleanup must be callable")
    r = JSFinalizationRegistry(proto if isinstance(proto, JSObject) else vm.FinalizationRegistryPrototype, cleanup)
    vm.register(r)
    r.define_hidden("cleanup", cleanup)
    r.define_hidden(_HELD, vm.new_array([]))
    return r


def _token_key(token: Any) -> Any:
    return token.id if isinstance(token, JSObject) else ("symbol", id(token))


def _registry_register(vm: Any, this: Any, args: list[Any]) -> Any:
    r = _receiver(vm, this, JSFinalizationRegistry, "FinalizationRegistry.prototype.register")
    target, held, token = arg(args, 0), arg(args, 1), arg(args, 2)
    if not can_be_held_weakly(target):
        raise vm.throw_type("FinalizationRegistry.prototype.register: invalid target")
    if target is held:
        raise vm.throw_type("FinalizationRegistry.prototype.register: target and holdings must not be same")
    if token is not UNDEFINED and not can_be_held_weakly(token):
        raise vm.throw_type(f"Invalid unregisterToken ('{describe(vm, token)}')")
    # a symbol target is never collected (its cell never fires); a token is matched by identity
    r.cells.append((target.id if isinstance(target, JSObject) else None, held,
                    _token_key(token) if token is not UNDEFINED else None))
    r.get_own(_HELD).items.append(held)
    return UNDEFINED


def _registry_unregister(vm: Any, this: Any, args: list[Any]) -> Any:
    r = _receiver(vm, this, JSFinalizationRegistry, "FinalizationRegistry.prototype.unregister")
    token = arg(args, 0)
    if not can_be_held_weakly(token):
        raise vm.throw_type(f"Invalid unregisterToken ('{describe(vm, token)}')")
    keep = [cell for cell in r.cells if cell[2] != _token_key(token)]
    removed = len(keep) != len(r.cells)
    r.cells = keep
    r.get_own(_HELD).items[:] = [held for _, held, _ in keep]
    return removed


def install_finalization_registry(vm: Any) -> None:
    vm.FinalizationRegistryPrototype = p = _proto(vm, "FinalizationRegistry")
    constructor(vm, "FinalizationRegistry", _requires_new("FinalizationRegistry"), 1, _registry_construct, p)
    method(vm, p, "register", _registry_register, 2)
    method(vm, p, "unregister", _registry_unregister, 1)
