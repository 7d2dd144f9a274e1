"""Snapshots of memory: the trace format of ../shared/contracts/engine-trace.md.

Trace shape (compared with node): ``{"output", "error", "checkpoints": [{"name", "line", "stack",
"locals", "reachable"}]}``; engine fields per checkpoint: ``heap``, ``garbage``,
``refcount_leaked``, ``freed``; with ``steps=True`` the top level also has ``steps``.

Values: numbers, strings, booleans and null as JSON (integral numbers as integers, ``-0`` as ``0``);
``{"undefined": true}``; ``{"number": "NaN" | "Infinity" | "-Infinity"}``; an object as
``{"site": "L:C#k"}`` or ``{"site": null}``; a binding in its TDZ as ``{"uninitialized": true}``.
Heap entries are keyed by site, or ``@id`` for objects without one.

The timeline (``steps``) is compact: one entry per executed statement with its line and stack, and
only what changed since the previous entry: ``frames`` (the locals of frames whose locals changed,
by depth), ``heap`` (objects added or changed), ``freed`` (objects gone). Replaying entries in order
rebuilds the full state at any step. It stops growing after ``MAX_TIMELINE`` entries or
once the stack is deeper than ``MAX_TIMELINE_DEPTH`` frames (``steps_truncated`` says so), and a step taken while more than ``MAX_TIMELINE_HEAP`` objects are live
records no heap diff (``heap_omitted``).
"""

from __future__ import annotations

import math
from typing import Any

from engine import gc as collector
from engine.scope import Binding, visible_bindings
from engine.values import (
    HOLE,
    NULL,
    TDZ,
    UNDEFINED,
    Accessor,
    BoundFunction,
    Context,
    JSArray,
    JSError,
    JSFunction,
    JSMap,
    JSObject,
    JSSet,
    JSWeakMap,
    JSWeakRef,
    JSWeakSet,
    ScriptScope,
)

MAX_TIMELINE = 5_000
# A step-through deeper than this is no longer something a person reads; recording stops there.
MAX_TIMELINE_DEPTH = 100
# Heap diffs cost a walk of the heap per step; beyond this many live objects and array items a step records
# only the stack and locals (``heap_omitted``) - the step-through is meant for small teaching programs.
MAX_TIMELINE_HEAP = 1_000


def encode(v: Any) -> Any:
    """A JavaScript value in the trace's JSON form."""
    t = type(v)
    if t is float:
        if v != v:
            return {"number": "NaN"}
        if v in (math.inf, -math.inf):
            return {"number": "Infinity" if v > 0 else "-Infinity"}
        if v.is_integer() and abs(v) < 2**53:
            return int(v)
        return v
    if t is str or t is bool:
        return v
    if v is NULL:
        return None
    if v is UNDEFINED or v is HOLE:
        return {"undefined": True}
    if v is TDZ:
        return {"uninitialized": True}
    if isinstance(v, JSObject):
        return {"site": v.site}
    return {"symbol": getattr(v, "description", str(v))}


def heap_ref(v: Any) -> Any:
    """Like :func:`encode`, but objects without a site are named by their engine id."""
    if isinstance(v, JSObject):
        return {"site": v.site} if v.site else {"ref": f"@{v.id}"}
    if type(v) is Accessor:
        return {"getter": heap_ref(v.get) if v.get else None, "setter": heap_ref(v.set) if v.set else None}
    return encode(v)


def heap_key(o: JSObject) -> str:
    return o.site or f"@{o.id}"


def _plain_props(o: JSObject) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in o.props.items():
        if type(k) is not str:
            continue
        if isinstance(v, JSObject):
            out[k] = {"site": v.site} if v.site else {"ref": f"@{v.id}"}
        else:
            out[k] = heap_ref(v)
    return out


def _proto_ref(o: JSObject) -> Any:
    """The prototype edge, when the prototype is one of the program's objects (not a built-in)."""
    p = o.proto
    if p is None:
        return None
    if p.site is not None:
        return {"site": p.site}
    return heap_ref(p) if _is_heap(p) else None


def describe(o: JSObject) -> dict[str, Any]:
    """One heap object for the diagram."""
    if type(o) is JSObject:  # the common case, kept fast: checkpoints describe every live object
        entry: dict[str, Any] = {"type": "object", "class": o.cls, "props": _plain_props(o)}
        proto = _proto_ref(o)
        if proto is not None:
            entry["proto"] = proto
        return entry
    entry = {"type": o.type_name, "class": _class_name(o)}
    if isinstance(o, JSError):
        entry["type"] = "error"
    if isinstance(o, JSFunction):
        entry["type"] = "class" if o.kind in ("class", "derived") else "function"
        entry["name"] = o.name
        entry["scope"] = heap_ref(o.scope) if o.scope is not None else None
    props = _plain_props(o)
    if isinstance(o, (JSFunction, BoundFunction)):
        props.pop("name", None)  # primitives V8 keeps on the function itself; not edges
        props.pop("length", None)
    if isinstance(o, Context):
        props = {n: heap_ref(v) for n, v in zip(o.names, o.slots, strict=False)}
        if o.parent is not None:
            entry["parent"] = heap_ref(o.parent)
    entry["props"] = props
    if isinstance(o, JSArray):
        entry["items"] = [heap_ref(v) for v in o.items]
    elif isinstance(o, (JSMap, JSWeakMap)):
        entry["entries"] = [[heap_ref(k), heap_ref(v)] for k, v in o.entries.values()]
    elif isinstance(o, (JSSet, JSWeakSet)):
        entry["entries"] = [heap_ref(v) for v in o.entries.values()]
    elif isinstance(o, JSWeakRef):
        entry["target"] = heap_ref(o.target) if o.target is not None else None
    elif isinstance(o, BoundFunction):
        entry["target"] = heap_ref(o.target)
    proto = _proto_ref(o)
    if proto is not None:
        entry["proto"] = proto
    return entry


def _is_heap(o: JSObject) -> bool:
    from engine.errors import current_vm

    vm = current_vm()
    return vm is not None and o.id in vm.heap


def _class_name(o: JSObject) -> str:
    if isinstance(o, (JSFunction, BoundFunction)) or o.type_name == "function":
        return "Function"
    if isinstance(o, ScriptScope):
        return "Script"
    return o.cls


class Recorder:
    """Records checkpoints, collections and (optionally) the step timeline of one run."""

    def __init__(self, vm: Any, program: Any, steps: bool) -> None:
        self.vm = vm
        self.program = program
        self.checkpoints: list[dict[str, Any]] = []
        self.freed: list[list[str]] = []
        self.timeline: list[dict[str, Any]] | None = [] if steps else None
        self.truncated = False
        self._last_frames: list[Any] = []
        self._heap_stale = False
        self._visible: dict[int, list[Binding]] = {}
        self.dirty: set[JSObject] = set()
        self._known: dict[int, tuple[str, Any]] = {}
        self._next_seen = 0
        self._collections_seen = 0

    # ---------------------------------------------------------------- stack and locals
    def frames(self) -> list[Any]:
        return [fr for fr in reversed(self.vm.stack) if not fr.native]

    def frame_name(self, fr: Any) -> str:
        if fr.code is not None and fr.code.kind == "script":
            return "<global>"
        f = fr.func
        name = getattr(f, "name", "") if f is not None else ""
        return name or "<anonymous>"

    def frame_line(self, fr: Any) -> int:
        return int(self.program.lines[fr.pos]) if fr.code is not None else 0

    def stack(self) -> list[dict[str, Any]]:
        return [{"function": self.frame_name(fr), "line": self.frame_line(fr)} for fr in self.frames()]

    def frame_locals(self, fr: Any) -> dict[str, Any]:
        scope_id = self.program.pos_scopes[fr.pos]
        bindings = self._visible.get(scope_id)
        if bindings is None:
            scope = self.program.scopes.get(scope_id)
            bindings = [b for b in visible_bindings(scope) if b.storage != "global"] if scope is not None else []
            self._visible[scope_id] = bindings
        f_locals = fr.gen.gi_frame.f_locals if fr.gen is not None and fr.gen.gi_frame is not None else {}
        out: dict[str, Any] = {}
        for b in bindings:
            out[b.name] = encode(self.binding_value(b, f_locals))
        if fr.code is not None and fr.code.kind == "script":
            g = self.vm.global_object
            for name in self.vm.script_scope.vars:
                out.setdefault(name, encode(self.vm.script_scope.vars[name]))
            for name in self.vm.program_globals:
                v = g.get_own(name)
                if v is not HOLE:
                    out[name] = encode(v if type(v) is not Accessor else UNDEFINED)
        return out

    def binding_value(self, b: Binding, f_locals: dict[str, Any]) -> Any:
        if b.storage == "local":
            if b.py in f_locals:
                return f_locals[b.py]
            return TDZ if b.kind in ("let", "const", "class") else UNDEFINED
        if b.storage == "ctx":
            ctx = f_locals.get(b.scope.ctx_var)
            if isinstance(ctx, Context) and b.slot < len(ctx.slots):
                return ctx.slots[b.slot]
            return TDZ if b.kind in ("let", "const", "class") else UNDEFINED
        if b.storage == "script":
            return self.vm.script_scope.vars.get(b.name, TDZ)
        return UNDEFINED

    # ---------------------------------------------------------------- checkpoints and gc()
    def checkpoint(self, name: str) -> None:
        vm = self.vm
        marked = collector.mark(vm)
        live = [o for o in vm.heap.values() if id(o) in marked]
        dead = collector.garbage(vm, marked)
        frames = self.frames()
        self.checkpoints.append({
            "name": name,
            "line": self.frame_line(frames[0]) if frames else 0,
            "stack": self.stack(),
            "locals": [self.frame_locals(fr) for fr in frames],
            "reachable": sorted(o.site for o in live if o.site),
            "heap": {heap_key(o): describe(o) for o in vm.heap.values()},
            "garbage": sorted(o.site for o in dead if o.site),
            "refcount_leaked": sorted(o.site for o in collector.refcount_leaked(dead) if o.site),
            "freed": [list(f) for f in self.freed],
        })

    def collect(self) -> None:
        vm = self.vm
        freed = collector.sweep(vm, collector.mark(vm))
        self.freed.append(sorted(o.site for o in freed if o.site))

    # ---------------------------------------------------------------- the timeline
    def watch(self, namespace: dict[str, Any]) -> None:
        """Steps mode: route writes through helpers that mark the written object dirty, so each step
        describes only what changed (new objects, written objects, receivers of built-ins)."""
        dirty = self.dirty
        vm = self.vm

        def marking(fn: Any) -> Any:
            def wrapped(o: Any, *rest: Any) -> Any:
                if isinstance(o, JSObject):
                    dirty.add(o)
                return fn(o, *rest)
            return wrapped

        for name in ("_put", "_putv", "_puts", "_putsv", "_delete", "_defprop", "_setslot", "_objfill",
                     "_arrfill", "_defmethod"):
            namespace[name] = marking(namespace[name])

        def on_native(this: Any, args: list[Any]) -> None:
            if isinstance(this, JSObject):
                dirty.add(this)
            for a in args:
                if isinstance(a, JSObject):
                    dirty.add(a)

        vm.on_native = on_native

    def _heap_diff(self, entry: dict[str, Any]) -> None:
        heap = self.vm.heap
        known = self._known
        diff: dict[str, Any] = {}
        swept = self.vm.collections != self._collections_seen
        if swept:  # a sweep clears weak references and weak entries
            self.dirty.update(o for o in heap.values() if isinstance(o, (JSWeakRef, JSWeakMap, JSWeakSet)))
        for fr in self.vm.stack:  # built-ins still running may be filling objects they made
            if fr.native and fr.gen is not None and fr.gen.gi_frame is not None:
                for v in fr.gen.gi_frame.f_locals.values():
                    if isinstance(v, JSObject):
                        self.dirty.add(v)
        for oid in range(self._next_seen, self.vm.next_id):
            o = heap.get(oid)
            if o is not None:
                self.dirty.add(o)
        self._next_seen = self.vm.next_id
        for o in self.dirty:
            if o.id in heap:
                d = describe(o)
                key = heap_key(o)
                if known.get(o.id) != (key, d):
                    known[o.id] = (key, d)
                    diff[key] = d
        self.dirty.clear()
        if diff:
            entry["heap"] = diff
        if swept:
            self._collections_seen = self.vm.collections
            gone = [oid for oid in known if oid not in heap]
            if gone:
                entry["freed"] = [known.pop(oid)[0] for oid in gone]

    def _heap_size(self) -> int:
        """Objects plus array items, stopping early once over the budget."""
        heap = self.vm.heap
        if len(heap) > MAX_TIMELINE_HEAP:
            return len(heap)
        size = len(heap)
        for o in heap.values():
            if isinstance(o, JSArray):
                size += len(o.items)
                if size > MAX_TIMELINE_HEAP:
                    break
        return size

    def step(self, fr: Any) -> None:
        timeline = self.timeline
        if timeline is None or self.truncated:
            return
        if len(timeline) >= MAX_TIMELINE or len(self.vm.stack) > MAX_TIMELINE_DEPTH:
            self.truncated = True
            return
        frames = self.frames()
        entry: dict[str, Any] = {"line": self.frame_line(frames[0]) if frames else 0,
                                 "stack": [self.frame_name(f) for f in frames]}
        locals_now = [self.frame_locals(f) for f in reversed(frames)]  # outermost first: depth index
        changed = {str(d): loc for d, loc in enumerate(locals_now)
                   if d >= len(self._last_frames) or self._last_frames[d] != loc}
        if changed:
            entry["frames"] = changed
        self._last_frames = locals_now
        if self._heap_size() > MAX_TIMELINE_HEAP:
            entry["heap_omitted"] = True
            timeline.append(entry)
            self._heap_stale = True
            return
        if self._heap_stale:  # after omitted steps, send the whole heap again
            entry["heap_reset"] = True
            self._known = {}
            self._heap_stale = False
            self.dirty.update(self.vm.heap.values())
        self._heap_diff(entry)
        timeline.append(entry)
