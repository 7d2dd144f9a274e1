"""Iteration (ECMA-262 7.4): the values for-of and spread see, and the built-in iterator objects.

:func:`iterate_values` is the engine's single entry point for ``for (x of v)`` and ``...v``. Array
iteration is live, like V8's array iterator: the length is re-read at every step, so pushing inside
the loop extends it. Map and Set iteration follow insertion order and see entries added while the
loop runs; entries deleted before they are reached are skipped.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from typing import Any

from engine import ops
from engine.builtins.common import array_like_length, describe, method, string_tag
from engine.values import (
    HOLE,
    NULL,
    SYM_ITERATOR,
    UNDEFINED,
    JSArray,
    JSMap,
    JSObject,
    JSSet,
    JSThrow,
    NativeFunction,
)


class JSIterator(JSObject):
    """A built-in iterator: Array/Map/Set/String iterators returned by keys(), values(), entries()."""

    __slots__ = ("source", "iter_kind", "mode", "index", "done")
    type_name = "object"

    def __init__(self, proto: JSObject | None, source: Any, kind: str, mode: str) -> None:
        super().__init__(proto, f"{kind} Iterator")
        self.source = source
        self.iter_kind = kind      # Array | Map | Set | String
        self.mode = mode           # keys | values | entries
        self.index = 0
        self.done = False

    def children(self) -> Iterator[Any]:
        yield from super().children()
        if isinstance(self.source, JSObject) and not self.done:
            yield self.source

    # -- collections: V8's OrderedHashTable iteration (see _Order)
    def _next_key(self) -> Any:
        order = _order_of(self.source)
        order.iterators.add(self)
        log = order.log
        p = self.index
        while p < len(log) and log[p] is _DEAD:
            p += 1
        if p >= len(log):
            self.index = p
            return HOLE
        self.index = p + 1
        return log[p]

    def step(self, vm: Any) -> Any:
        """The next value, or HOLE when the iterator is exhausted."""
        if self.done:
            return HOLE
        v = self._step(vm)
        if v is HOLE:
            self.done = True
            order = _orders.get(self.source) if isinstance(self.source, JSObject) else None
            if order is not None:
                order.iterators.discard(self)
        return v

    def _step(self, vm: Any) -> Any:
        src = self.source
        if self.iter_kind == "Array":
            items = src.items if isinstance(src, JSArray) else None
            n = len(items) if items is not None else array_like_length(vm, src)
            i = self.index
            if i >= n:
                return HOLE
            self.index += 1
            if self.mode == "keys":
                return float(i)
            v = vm.get(src, str(i)) if items is None or items[i] is HOLE else items[i]
            return vm.new_array([float(i), v]) if self.mode == "entries" else v
        if self.iter_kind == "String":
            if self.index >= len(src):
                return HOLE
            self.index += 1
            return src[self.index - 1]
        k = self._next_key()
        if k is HOLE:
            return HOLE
        if isinstance(src, JSMap):
            key, value = src.entries[k]
            if self.mode == "keys":
                return key
            if self.mode == "values":
                return value
            return vm.new_array([key, value])
        value = src.entries[k]
        return vm.new_array([value, value]) if self.mode == "entries" else value

    def remaining_preview(self) -> list[Any]:
        """What node's inspect shows for a Map/Set iterator (without advancing it)."""
        if self.done:
            return []
        src = self.source
        order = _order_of(src)
        keys = [k for k in order.log[self.index:] if k is not _DEAD]
        out: list[Any] = []
        for k in keys:
            if isinstance(src, JSMap):
                key, value = src.entries[k]
            else:
                key = value = src.entries[k]
            out.append((key, value) if self.mode == "entries" else key if self.mode == "keys" else value)
        return out


class _Order:
    """The insertion-ordered entry log V8 iterates a Map or Set by (its OrderedHashTable).

    Deleting an entry leaves a hole; adding appends, so an iterator sees entries added while it runs
    (also a key deleted and added again), and skips entries deleted before it reaches them. A log exists
    only while some iterator of the collection is unfinished; it is compacted as V8 rehashes, moving
    the iterators' positions along.
    """

    __slots__ = ("log", "index", "dead", "iterators")

    def __init__(self, keys: list[Any]) -> None:
        self.log: list[Any] = keys
        self.index: dict[Any, int] = {k: i for i, k in enumerate(keys)}
        self.dead = 0
        self.iterators: weakref.WeakSet[JSIterator] = weakref.WeakSet()

    def compact(self) -> None:
        alive_before = []
        count = 0
        for k in self.log:
            alive_before.append(count)
            if k is not _DEAD:
                count += 1
        alive_before.append(count)
        for it in self.iterators:
            it.index = alive_before[min(it.index, len(self.log))]
        self.log = [k for k in self.log if k is not _DEAD]
        self.index = {k: i for i, k in enumerate(self.log)}
        self.dead = 0


_DEAD = object()
_orders: weakref.WeakKeyDictionary[JSObject, _Order] = weakref.WeakKeyDictionary()


def _order_of(coll: Any) -> _Order:
    order = _orders.get(coll)
    if order is None:
        order = _Order(list(coll.entries))
        _orders[coll] = order
    return order


def _live_order(coll: JSObject) -> _Order | None:
    order = _orders.get(coll)
    if order is not None and not any(not it.done for it in order.iterators):
        del _orders[coll]
        return None
    return order


def note_added(coll: JSObject, key: Any) -> None:
    """A new key was inserted into Map/Set `coll` (call after inserting)."""
    order = _live_order(coll)
    if order is not None and key not in order.index:
        order.index[key] = len(order.log)
        order.log.append(key)


def note_deleted(coll: JSObject, key: Any) -> None:
    order = _live_order(coll)
    if order is None or key not in order.index:
        return
    order.log[order.index.pop(key)] = _DEAD
    order.dead += 1
    if order.dead > 16 and order.dead * 2 > len(order.log):
        order.compact()


def note_cleared(coll: JSObject) -> None:
    order = _live_order(coll)
    if order is None:
        return
    order.log = []
    order.index = {}
    order.dead = 0
    for it in order.iterators:
        it.index = 0


def make_iterator(vm: Any, source: Any, kind: str, mode: str) -> JSIterator:
    it = JSIterator(vm.iterator_prototypes[kind], source, kind, mode)
    vm.register(it)
    return it


def iter_result(vm: Any, value: Any, done: bool) -> JSObject:
    o = vm.new_object()
    o.set_own("value", value)
    o.set_own("done", done)
    return o


def _iterator_next(vm: Any, this: Any, args: list[Any]) -> Any:
    if not isinstance(this, JSIterator):
        raise vm.throw_type(f"next method called on incompatible receiver {describe(vm, this)}")
    v = this.step(vm)
    if v is HOLE:
        return iter_result(vm, UNDEFINED, True)
    return iter_result(vm, v, False)


def _return_this(vm: Any, this: Any, args: list[Any]) -> Any:
    return this


def install(vm: Any) -> None:
    base = vm.builtin_object(vm.ObjectPrototype)
    method(vm, base, SYM_ITERATOR, _return_this)
    vm.IteratorPrototype = base
    vm.iterator_prototypes = {}
    for kind in ("Array", "Map", "Set", "String"):
        proto = vm.builtin_object(base)
        method(vm, proto, "next", _iterator_next)

        string_tag(proto, f"{kind} Iterator")
        vm.iterator_prototypes[kind] = proto


# ---------------------------------------------------------------- for-of and spread
def iterate_values(vm: Any, v: Any, what: str | None = None) -> Iterator[Any]:
    """The values ``for (x of v)`` and ``[...v]`` see; `what` is the source text V8 names in its error."""
    if isinstance(v, JSArray) and has_builtin_iterator(vm, v):
        return _array_values(vm, v)
    if type(v) is str:
        return iter(list(v))
    if isinstance(v, JSIterator):
        return _drain(vm, v)
    if isinstance(v, JSMap) and _builtin_method(vm, v, vm.MapPrototype):
        return _drain(vm, make_iterator(vm, v, "Map", "entries"))
    if isinstance(v, JSSet) and _builtin_method(vm, v, vm.SetPrototype):
        return _drain(vm, make_iterator(vm, v, "Set", "values"))
    if isinstance(v, JSObject) and v.cls == "Arguments" and not v.has_own(SYM_ITERATOR):
        return _drain(vm, JSIterator(None, v, "Array", "values"))
    if isinstance(v, JSObject):
        fn = vm.get(v, SYM_ITERATOR)
        if ops.is_callable(fn):
            return _protocol_values(vm, v, fn)
    raise vm.throw_type(f"{what or _not_iterable_text(vm, v)} is not iterable")


def _not_iterable_text(vm: Any, v: Any) -> str:
    if isinstance(v, JSObject) and not ops.is_callable(v):
        return "object" if not isinstance(v, JSArray) else "array"
    if type(v) is str:
        return f'"{v}"'
    return describe(vm, v)


def has_builtin_iterator(vm: Any, arr: JSArray) -> bool:
    return _builtin_method(vm, arr, vm.ArrayPrototype)


def _builtin_method(vm: Any, obj: JSObject, proto: JSObject) -> bool:
    """True when ``obj[Symbol.iterator]`` is still the built-in one of `proto` (the common case)."""
    if SYM_ITERATOR in obj.props:
        return False
    p = obj.proto
    while p is not None and p is not proto:
        if SYM_ITERATOR in p.props:
            return False
        p = p.proto
    return p is proto and isinstance(proto.props.get(SYM_ITERATOR), NativeFunction)


def _array_values(vm: Any, arr: JSArray) -> Iterator[Any]:
    i = 0
    items = arr.items
    while i < len(items):
        v = items[i]
        yield vm.get(arr, str(i)) if v is HOLE else v
        i += 1


def _drain(vm: Any, it: JSIterator) -> Iterator[Any]:
    while True:
        v = it.step(vm)
        if v is HOLE:
            return
        yield v


def _protocol_values(vm: Any, obj: JSObject, fn: Any) -> Iterator[Any]:
    """A user-defined iterable: call ``[Symbol.iterator]()``, then ``next()`` until ``done``."""
    it = vm.call_sync(fn, obj, [])
    if not isinstance(it, JSObject):
        raise vm.throw_type("Result of the Symbol.iterator method is not an object")
    return ProtocolIterator(vm, obj, it)


class ProtocolIterator:
    """An iterator record (7.4.1) over a program's iterator object; :meth:`close` is IteratorClose (7.4.11),
    which a for-of loop left early (break, return, throw) calls, running a generator's `finally` blocks."""

    __slots__ = ("vm", "source", "it", "next_fn", "done", "fetch_pos", "close_pos")

    def __init__(self, vm: Any, source: Any, it: JSObject) -> None:
        self.vm = vm
        self.source = source
        self.it = it
        self.next_fn = vm.get(it, "next")
        self.done = False
        self.fetch_pos: int | None = None   # a for-of loop's: where its frame is while next() runs
        self.close_pos: int | None = None   # and while return() runs

    def _at(self, pos: int | None) -> Any:
        """Put the for-of frame (the running one) at `pos`; returns it and where it was."""
        fr = self.vm.stack[-1] if self.vm.stack else None
        if pos is None or fr is None or fr.native:
            return None, None
        was, fr.pos = fr.pos, pos
        return fr, was

    def __iter__(self) -> ProtocolIterator:
        return self

    def __next__(self) -> Any:
        if self.done:
            raise StopIteration
        vm = self.vm
        self._at(self.fetch_pos)
        try:
            r = vm.call_sync(self.next_fn, self.it, [])
            if not isinstance(r, JSObject):
                raise vm.throw_type(f"Iterator result {describe(vm, r)} is not an object")
            finished = ops.truthy(vm.get(r, "done"))
        except BaseException:
            self.done = True
            raise
        if finished:
            self.done = True
            raise StopIteration
        return vm.get(r, "value")

    def values(self) -> list[Any]:
        return [self.source, self.it] if not self.done else []

    def close(self, abrupt: bool) -> None:
        if self.done:
            return
        self.done = True
        fr, was = self._at(self.close_pos)
        try:
            self._close(abrupt)
        finally:
            if fr is not None:
                fr.pos = was  # an error leaving the loop keeps its own line

    def _close(self, abrupt: bool) -> None:
        vm = self.vm
        if abrupt:  # the completion that closes it wins over anything return() or getting it throws (7.4.11)
            try:
                ret = vm.get(self.it, "return")
                if ret is not UNDEFINED and ret is not NULL:
                    vm.call_sync(ret, self.it, [])
            except JSThrow:
                pass
            return
        ret = vm.get(self.it, "return")
        if ret is UNDEFINED or ret is NULL:
            return
        r = vm.call_sync(ret, self.it, [])
        if not isinstance(r, JSObject):
            raise vm.throw_type(f"Iterator result {describe(vm, r)} is not an object")


def iterator_close(it: Any) -> None:
    """After a for-of loop: close a program's iterator the loop did not run to its end."""
    if type(it) is ProtocolIterator and not it.done and not it.vm.aborting:
        it.close(False)


def iterator_close_abrupt(it: Any, exc: BaseException) -> None:
    """A for-of loop left by an exception: a JavaScript throw closes the iterator (its errors ignored), a
    generator's return() closes it normally, an engine limit closes nothing (no more JavaScript runs)."""
    if type(it) is not ProtocolIterator or it.done:
        return
    from engine.vm import GeneratorReturn

    if isinstance(exc, JSThrow):
        it.close(True)
    elif isinstance(exc, GeneratorReturn):
        it.close(False)
    else:
        it.done = True
