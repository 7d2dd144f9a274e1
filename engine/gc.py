"""Garbage collection: a full mark-and-sweep (McCarthy 1960) with ephemerons, as V8's full GC does.

* :func:`mark` - trace from the roots (contract rule 1): the global object, the script scope, every
  frame on the stack (its function, ``this``, arguments and the variables it holds), and the WeakRef
  targets the current job keeps alive (rule 5). WeakMap/WeakSet entries are ephemerons (Hayes 1997):
  a value is traced only once its key is marked, iterating to a fixed point.
* :func:`sweep` - free every registered object that was not marked, clearing weak entries to it.
* :func:`refcount_leaked` - which garbage a pure reference-counting collector could never free:
  simulate the cascade of frees from garbage whose count is zero (Kahn's algorithm); what remains lies
  on a cycle or is held only from one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from engine.values import UNDEFINED, Accessor, JSArray, JSObject, JSWeakMap, JSWeakRef, JSWeakSet

# Python locals of a compiled frame that hold JavaScript state; temporaries (_t1...) are excluded
# because values of finished statements keep nothing alive (contract rule 4).
_FRAME_STATE_PREFIXES = ("v", "_c", "_fn", "_this", "_args", "_arguments", "_p", "_y")


_TEMP, _ITER, _STATE, _OTHER = 1, 2, 3, 4
_KIND: dict[str, int] = {}
_INERT = (float, str, bool, type(None), type(UNDEFINED))  # values that keep nothing alive


def _kind(name: str) -> int:
    if name.startswith("_t"):
        k = _TEMP
    elif name.startswith("_i"):
        k = _ITER
    elif name.startswith(_FRAME_STATE_PREFIXES):
        k = _STATE
    else:
        k = _OTHER
    _KIND[name] = k
    return k


def frame_values(vm: Any, fr: Any, f_locals: dict[str, Any] | None = None) -> list[Any]:
    """The values one frame keeps alive (its function, ``this``, arguments, variables, live temporaries,
    running for-of iterators, a pending exception); `f_locals` may be passed when the caller has it."""
    out = [fr.this, *fr.args]
    if fr.func is not None:
        out.append(fr.func)
    if fr.recv is not None:
        out.append(fr.recv)
    if f_locals is None:
        gen = fr.gen
        frame = getattr(gen, "gi_frame", None) if gen is not None else None
        if frame is None:
            return out
        f_locals = frame.f_locals
    if fr.native:
        # A built-in's Python lists are roots, except the items list an array it holds still has: those items are
        # reached through the array (this keeps a forEach over a long array from rooting every element).
        held = {id(v.items) for v in (fr.this, *fr.args, *f_locals.values()) if isinstance(v, JSArray)}
        for value in f_locals.values():
            if held and type(value) is list and id(value) in held:
                continue
            out.extend(_flatten(value))
        return out
    kinds = _KIND
    inert = _INERT
    live_temps = None
    for name, value in f_locals.items():
        if type(value) in inert:
            continue
        k = kinds.get(name) or _kind(name)
        if k == _STATE:
            out.append(value)
        elif k == _TEMP:
            if live_temps is None:
                live_temps = vm.live_temps(fr)
            if name in live_temps:
                out.append(value)
        elif k == _ITER:  # a running for-of loop's iterator keeps what it iterates alive
            out.extend(_iterator_values(value))
    # A destructuring assignment used as a value runs in a nested generator of the function
    # (engine.compiler.FnEmitter.destructuring_expr): while it runs, its values are the frame's registers.
    sub = getattr(fr.gen, "gi_yieldfrom", None) if fr.gen is not None else None
    while sub is not None and getattr(getattr(sub, "gi_code", None), "co_name", "").startswith("_da"):
        frame = sub.gi_frame
        if frame is not None:
            for name, value in frame.f_locals.items():
                if name.startswith("_i"):
                    out.extend(_iterator_values(value))
                else:
                    out.extend(_flatten(value))
        sub = sub.gi_yieldfrom
    return out


def _iterator_values(it: Any) -> Iterator[Any]:
    if hasattr(it, "values") and hasattr(it, "close"):  # a program's iterator (engine.builtins.iteration)
        yield from _flatten(it.values())
        return
    frame = getattr(it, "gi_frame", None)
    if frame is not None:
        for v in frame.f_locals.values():
            yield from _flatten(v)
    elif isinstance(it, (list, tuple)):
        yield from _flatten(it)


def _flatten(value: Any) -> Iterator[Any]:
    if isinstance(value, JSObject):
        yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            if isinstance(v, JSObject):
                yield v
            elif isinstance(v, (list, tuple)):
                yield from _flatten(v)


def roots(vm: Any) -> Iterator[Any]:
    yield vm.global_object
    yield vm.script_scope
    for fr in vm.stack:
        yield from frame_values(vm, fr)
    yield from vm.kept_objects
    yield from vm.extra_roots()


def mark(vm: Any, start: Iterable[Any] | None = None) -> set[int]:
    """The ids (Python ``id``) of every object reachable from the roots."""
    marked: set[int] = set()
    work: list[Any] = [v for v in (start if start is not None else roots(vm)) if isinstance(v, JSObject)]
    weak_tables: list[JSObject] = []
    while True:
        while work:
            obj = work.pop()
            key = id(obj)
            if key in marked:
                continue
            marked.add(key)
            if type(obj) is JSObject and obj.priv is None:  # JSObject.children inline, the common case
                p = obj.proto
                if p is not None and id(p) not in marked:
                    work.append(p)
                for child in obj.props.values():
                    if type(child) is Accessor:
                        work.extend(f for f in (child.get, child.set) if isinstance(f, JSObject) and id(f) not in marked)
                    elif isinstance(child, JSObject) and id(child) not in marked:
                        work.append(child)
                continue
            if isinstance(obj, (JSWeakMap, JSWeakSet)):
                weak_tables.append(obj)
            for child in obj.children():
                if isinstance(child, JSObject) and id(child) not in marked:
                    work.append(child)
        # Ephemerons: a WeakMap value becomes reachable once its key is.
        for table in weak_tables:
            if isinstance(table, JSWeakMap):
                for key_obj, value in table.entries.values():
                    # a symbol key is no heap object: its entry holds the value while the table lives
                    if (id(key_obj) in marked or not isinstance(key_obj, JSObject)) and \
                            isinstance(value, JSObject) and id(value) not in marked:
                        work.append(value)
        if not work:
            return marked


def garbage(vm: Any, marked: set[int]) -> list[JSObject]:
    return [o for o in vm.heap.values() if id(o) not in marked]


def sweep(vm: Any, marked: set[int], record: bool = True) -> list[JSObject]:
    """Free every heap object that is not marked; returns the freed objects in allocation order."""
    freed = garbage(vm, marked)
    if not freed:
        return []
    vm.collections += 1
    dead = {id(o) for o in freed}
    for o in freed:
        del vm.heap[o.id]
    for o in vm.heap.values():
        if isinstance(o, JSWeakMap):
            for k in [k for k, (key_obj, _) in o.entries.items() if id(key_obj) in dead]:
                del o.entries[k]
        elif isinstance(o, JSWeakSet):
            for k in [k for k, key_obj in o.entries.items() if id(key_obj) in dead]:
                del o.entries[k]
        elif isinstance(o, JSWeakRef) and o.target is not None and id(o.target) in dead:
            o.target = None
    return freed


def refcount_leaked(objs: list[JSObject]) -> list[JSObject]:
    """The garbage that reference counting alone never frees (on a cycle, or held only from one)."""
    counts = {id(o): 0 for o in objs}
    edges: dict[int, list[Any]] = {}  # each object's edges to other garbage, listed once
    for o in objs:
        if type(o) is JSObject and o.priv is None:  # JSObject.children inline, the common case
            inner = [o.proto] if o.proto is not None and id(o.proto) in counts else []
            for child in o.props.values():
                if type(child) is Accessor:
                    inner.extend(f for f in (child.get, child.set) if f is not None and id(f) in counts)
                elif id(child) in counts:
                    inner.append(child)
        else:
            inner = [child for child in o.children() if id(child) in counts]
        if inner:
            edges[id(o)] = inner
            for child in inner:
                counts[id(child)] += 1
    queue = [o for o in objs if counts[id(o)] == 0]
    freed: set[int] = set()
    while queue:
        o = queue.pop()
        freed.add(id(o))
        for child in edges.get(id(o), ()):
            k = id(child)
            if k not in freed:
                counts[k] -= 1
                if counts[k] == 0:
                    queue.append(child)
    return [o for o in objs if id(o) not in freed]
