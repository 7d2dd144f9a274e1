"""Snapshots of memory: the trace format of ../shared/contracts/engine-trace.md and the step timeline of
../docs/timeline.md.

Trace shape (compared with node): ``{"output", "error", "checkpoints": [{"name", "line", "stack",
"locals", "reachable"}]}``; engine fields per checkpoint: ``heap``, ``garbage``, ``refcount_leaked``,
``freed``, ``frames``; with ``steps=True`` the top level also has ``steps`` (timeline version 2).

Values: numbers, strings, booleans and null as JSON (integral numbers as integers, ``-0`` as ``0``);
``{"undefined": true}``; ``{"number": "NaN" | "Infinity" | "-Infinity"}``; an object as
``{"site": "L:C#k"}`` or ``{"site": null}``; a binding in its TDZ as ``{"uninitialized": true}``.
Heap entries are keyed by site, or ``@id`` for objects without one.

The timeline is incremental: at each statement only the frames that can have changed are looked at (the
innermost frames that ran since the previous entry, frames reading a context that was written, the global
frame when a script or global variable changed), and only written objects are described again (the
write helpers and built-in calls mark them dirty, see :meth:`Recorder.watch`). Large arrays and objects
get ``patch`` entries instead of a whole new description.
"""

from __future__ import annotations

import gc as _pygc
import math
import time
from itertools import compress
from operator import is_, is_not
from typing import Any

from engine import gc as collector
from engine.bigint import to_decimal
from engine.errors import current_vm as _current_vm
from engine.gc import _INERT
from engine.scope import Binding, visible_bindings
from engine.timeline import EMPTY_LOOP
from engine.values import (
    HOLE,
    NULL,
    TDZ,
    UNDEFINED,
    Accessor,
    BoundFunction,
    Context,
    JSArray,
    JSBigInt,
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

# The timeline stops after this many entries (``steps_truncated``); the entries before are exact.
MAX_TIMELINE = 200_000
# A written array is compared with its previous items at each step (a C-speed identity scan); beyond this
# many live objects plus array items a step records only the stack and locals (``heap_omitted``), and the
# first step back under the budget sends the whole heap again (``heap_reset``).
MAX_TIMELINE_HEAP = 20_000
# Recording is not charged to the program's time budget (a program behaves the same with and without
# --steps); it has a budget of its own, ``Limits.timeline_time`` seconds of wall-clock time, after which the
# timeline stops (``steps_truncated``) and the program runs on.
# Arrays and plain objects with at least this many items and properties get ``patch`` entries for small
# changes (a push, one property set) instead of a whole new description.
PATCH_MIN = 16
# Python's cyclic collector during a run: the engine's objects and the timeline are long-lived, and the
# collector's young-generation passes (every 700 allocations by default) walk ever more of them; what exists
# before the run is frozen out of its reach and the first threshold raised, both restored by `finish`.
PY_GC_THRESHOLD = 100_000


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
    if t is JSBigInt:
        return {"bigint": to_decimal(v.v)}
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
    if o.priv is not None:  # private fields are the object's own slots, named "#x" (as V8's heap snapshot does)
        for pn, v in o.priv.items():
            if pn.kind == "field":
                out[pn.desc] = heap_ref(v)
    return out


_SAFE_INT = 2.0**53


def describe_heap(heap: dict[int, JSObject]) -> dict[str, Any]:
    """``{heap_key(o): describe(o) for o in heap.values()}``, as a checkpoint describes the whole heap, with the
    common cases inline: a plain object's properties encoded in one loop (no call per property) and each
    prototype's reference worked out once, not once per object (a checkpoint describes tens of thousands of
    objects of a few classes). The entries are the ones `describe` makes, key for key and in the same order."""
    out: dict[str, Any] = {}
    protos: dict[int, Any] = {}  # id(prototype) -> ("site" | "ref", text), or None when it is not shown
    plain = JSObject

    def proto_entry(entry: dict[str, Any], p: JSObject) -> None:  # _proto_ref, once per prototype
        ref = protos.get(id(p), _MISSING)
        if ref is _MISSING:
            if p.site is not None:
                ref = ("site", p.site)
            elif p.id in heap:  # _is_heap: the prototype is one of the program's objects
                ref = ("site", p.site) if p.site else ("ref", f"@{p.id}")
            else:
                ref = None
            protos[id(p)] = ref
        if ref is not None:
            entry["proto"] = {ref[0]: ref[1]}

    for o in heap.values():
        key = o.site or f"@{o.id}"
        t = type(o)
        if t is not plain or o.priv is not None:
            if t is JSFunction and o.priv is None and all(type(k) is str for k in o.props):
                # describe's function branch: no symbol-keyed property, no private element
                props = _plain_props(o)
                props.pop("name", None)
                props.pop("length", None)
                entry = {"type": "class" if o.kind in ("class", "derived") else "function", "class": "Function",
                         "name": o.name, "scope": heap_ref(o.scope) if o.scope is not None else None,
                         "props": props}
                if o.proto is not None:
                    proto_entry(entry, o.proto)
                edges = [] if o.this_val is None else [o.this_val]
                if o.home is not None:
                    edges.append(o.home)
                for fkey, init in o.fields:
                    edges.append(fkey)
                    if init is not None:
                        edges.append(init)
                if edges:
                    internal = [heap_ref(v) for v in edges if isinstance(v, JSObject) and v.id in heap]
                    if internal:
                        entry["internal"] = internal
                out[key] = entry
            elif t is Context and not o.props and o.priv is None and not any(n.startswith("#") for n in o.names):
                # describe's scope branch: slots only (no private method, no property of its own)
                entry = {"type": "scope", "class": o.cls}
                if o.parent is not None:
                    entry["parent"] = heap_ref(o.parent)
                entry["props"] = {n: heap_ref(v) for n, v in zip(o.names, o.slots, strict=False)}
                out[key] = entry
            else:
                out[key] = describe(o)
            continue
        props: dict[str, Any] = {}
        for k, v in o.props.items():
            if type(k) is not str:
                break  # a symbol key: an internal edge, described the general way
            t = type(v)
            if t is float:
                if v.is_integer():
                    props[k] = int(v) if -_SAFE_INT < v < _SAFE_INT else v
                elif v != v or v == math.inf or v == -math.inf:
                    props[k] = encode(v)
                else:
                    props[k] = v
            elif t is str or t is bool:
                props[k] = v
            elif isinstance(v, plain):
                props[k] = {"site": v.site} if v.site else {"ref": f"@{v.id}"}
            else:
                props[k] = heap_ref(v)
        else:
            entry = {"type": "object", "class": o.cls, "props": props}
            if o.proto is not None:
                proto_entry(entry, o.proto)
            out[key] = entry
            continue
        out[key] = describe(o)
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
        if len(entry["props"]) != len(o.props) + (len(o.priv) if o.priv is not None else 0):
            internal = [heap_ref(v) for v in _internal_edges(o) if isinstance(v, JSObject) and _is_heap(v)]
            if internal:
                entry["internal"] = internal
        return entry
    entry = {"type": o.type_name, "class": _class_name(o)}
    if isinstance(o, JSError):
        entry["type"] = "error"
    if isinstance(o, JSFunction):
        entry["type"] = "class" if o.kind in ("class", "derived") else "function"
        entry["name"] = o.name
        entry["scope"] = heap_ref(o.scope) if o.scope is not None else None
    elif hasattr(o, "role"):  # a function the engine made (resolving functions, await's resume closures...)
        entry["role"] = o.role
    props = _plain_props(o)
    if isinstance(o, (JSFunction, BoundFunction)):
        props.pop("name", None)  # primitives V8 keeps on the function itself; not edges
        props.pop("length", None)
    if isinstance(o, Context):
        props = {n: heap_ref(v) for n, v in zip(o.names, o.slots, strict=False) if not n.startswith("#")}
        for n, v in zip(o.names, o.slots, strict=False):
            if n.startswith("#") and getattr(v, "kind", "field") != "field":  # a class's private method
                props[n] = heap_ref(v.element())
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
    if o.type_name in _ASYNC_KINDS:
        _describe_async(o, entry)
    internal = [heap_ref(v) for v in _internal_edges(o) if isinstance(v, JSObject) and _is_heap(v)]
    if internal:
        entry["internal"] = internal
    return entry


_ASYNC_KINDS = ("promise", "generator", "timer")


def _describe_async(o: Any, entry: dict[str, Any]) -> None:
    """What the diagram shows of a promise, a generator or async activation, a timer (docs/event-loop.md);
    their references are also in ``internal``, so reachability needs nothing more."""
    t = o.type_name
    if t == "promise":
        entry["state"] = o.state
        if o.state != "pending":
            entry["value"] = heap_ref(o.result)
        entry["reactions"] = [{"on_fulfilled": _ref_or_none(f.handler), "on_rejected": _ref_or_none(r.handler),
                               "promise": _ref_or_none(f.capability.promise if f.capability else None)}
                              for f, r in o.reactions]
    elif t == "generator":
        entry["kind"] = o.kind
        entry["state"] = o.state
        entry["function"] = _ref_or_none(o.func)
        entry["name"] = getattr(o.func, "name", "") or "<anonymous>"
        if o.promise is not None:
            entry["promise"] = heap_ref(o.promise)
        if o.awaiting is not None:
            entry["awaiting"] = heap_ref(o.awaiting)
        if o.queue:  # an async generator's waiting next/return/throw calls
            entry["queue"] = [{"mode": r.mode, "value": heap_ref(r.value), "promise": heap_ref(r.promise)}
                              for r in o.queue]
        fr = o.frame
        if fr is not None and o.state != "executing":
            from engine.errors import current_vm

            vm = current_vm()
            rec = vm.observer if vm is not None else None
            if rec is not None:
                entry["line"] = rec.frame_line(fr)
                entry["locals"] = {n: heap_ref(v) for n, v in rec.raw_locals(fr, rec._f_locals(fr)).items()}
    else:
        entry["kind"] = o.kind
        entry["state"] = o.state
        entry["callback"] = _ref_or_none(o.callback)
        entry["args"] = [heap_ref(a) for a in o.args]
        if o.kind != "immediate":
            entry["due"] = int(o.due) if float(o.due).is_integer() else o.due
            entry["repeat"] = o.repeat if o.repeat is None or not float(o.repeat).is_integer() else int(o.repeat)


def _object_id(o: JSObject) -> int:
    return o.id


def _ref_or_none(v: Any) -> Any:
    return heap_ref(v) if isinstance(v, JSObject) else None


def _internal_edges(o: JSObject) -> list[Any]:
    """References the engine keeps that the program cannot see as properties: values of symbol-keyed
    properties, an arrow's `this`, a method's home object, class field keys and initializers, a bound
    function's `this` and arguments, the functions and receivers an Error captured (contract rule 6)."""
    out: list[Any] = []
    for k, v in o.props.items():
        if type(k) is not str:
            if type(v) is Accessor:
                out.extend(x for x in (v.get, v.set) if x is not None)
            else:
                out.append(v)
    if o.priv is not None:  # private methods and accessors: the class's, each object holds them (its brand)
        for pn, v in o.priv.items():
            if pn.kind != "field":
                out.extend(x for x in ((v.get, v.set) if type(v) is Accessor else (v,)) if x is not None)
    if isinstance(o, JSFunction):
        if o.this_val is not None:
            out.append(o.this_val)
        if o.home is not None:
            out.append(o.home)
        for key, init in o.fields:
            out.append(key)
            if init is not None:
                out.append(init)
    elif isinstance(o, BoundFunction):
        out.append(o.bound_this)
        out.extend(o.bound_args)
    elif isinstance(o, JSError):
        out.extend(o.captured)
    elif o.type_name == "generator":
        # A running coroutine's frame is on the stack (its values are that frame's); a suspended one holds them.
        out.extend(v for v in (o.func, o.promise) if v is not None)
        for r in o.queue:
            out.extend((r.value, r.promise))
        if o.frame is None:  # completed: what it held at its last suspension (engine.coroutine.Coroutine.saved)
            out.extend(o.saved)
        elif o.state != "executing":
            from engine import gc
            from engine.errors import current_vm

            out.extend(gc.frame_values(current_vm(), o.frame))
    elif o.type_name in _ASYNC_KINDS or hasattr(o, "held"):
        props = set(map(id, o.props.values()))
        out.extend(v for v in o.children() if id(v) not in props)
    return out


def _is_heap(o: JSObject) -> bool:
    vm = _current_vm()
    return vm is not None and o.id in vm.heap


def _class_name(o: JSObject) -> str:
    if isinstance(o, (JSFunction, BoundFunction)) or o.type_name == "function":
        return "Function"
    if isinstance(o, ScriptScope):
        return "Script"
    return o.cls



_MISSING: Any = object()
_NO_TEMPS: frozenset[str] = frozenset()


def same(a: Any, b: Any) -> bool:
    """Equality of two JSON values that tells ``1`` from ``true`` (Python's ``==`` does not)."""
    if type(a) is not type(b):
        return False
    if type(a) is dict:
        if len(a) != len(b):
            return False
        for k, v in a.items():
            w = b.get(k, _MISSING)
            if w is _MISSING or not same(v, w):
                return False
        return True
    if type(a) is list:
        return len(a) == len(b) and all(map(same, a, b))
    return bool(a == b)


def _same_leaf(a: Any, b: Any) -> bool:
    """Equality of two encoded values (flat: numbers, strings, booleans, null, or a dict of strings)."""
    return a is b or (type(a) is type(b) and a == b)


class _WatchedVars(dict):  # type: ignore[type-arg]
    """The script scope's variables, telling the recorder when one is written."""

    __slots__ = ("recorder",)

    def __setitem__(self, key: Any, value: Any) -> None:
        self.recorder.globals_dirty = True
        dict.__setitem__(self, key, value)


def _same_values(a: list[Any], b: list[Any]) -> bool:
    return len(a) == len(b) and all(map(is_, a, b))


class FrameState:
    """One frame as the timeline shows it (``line``, ``locals``, ``scope``, ``roots``) and what the
    recorder needs to refresh it (the Frame, its index on the VM stack, the contexts its locals read)."""

    __slots__ = ("fr", "index", "function", "line", "locals", "raw", "scope", "roots", "ctxs", "pos", "held",
                 "resumes")

    def __init__(self, fr: Any, index: int, function: str) -> None:
        self.fr = fr
        self.index = index
        self.function = function
        self.line = 0
        self.locals: dict[str, Any] = {}
        self.raw: dict[str, Any] = {}
        self.pos = -1
        self.held: list[Any] | None = None  # what the roots were computed from (None: recompute next time)
        self.scope: str | None = None
        self.roots: list[str] = []
        self.ctxs: set[int] = set()
        self.resumes = fr.coro.resumes if fr.coro is not None else 0

    def to_json(self) -> dict[str, Any]:
        return {"function": self.function, "line": self.line, "locals": dict(self.locals), "scope": self.scope,
                "roots": list(self.roots)}


class _Known:
    """What the timeline last said about one object: its key and description, and for plain objects and
    arrays the raw values it was made from (compared by identity to find what changed)."""

    __slots__ = ("key", "desc", "keys", "vals", "items", "proto", "cls")

    def __init__(self, key: str, desc: dict[str, Any]) -> None:
        self.key = key
        self.desc = desc
        self.keys: list[Any] | None = None
        self.vals: list[Any] = []
        self.items: list[Any] | None = None
        self.proto: Any = None
        self.cls = ""


def _patchable(o: JSObject) -> bool:
    t = type(o)
    return (t is JSObject or t is JSArray) and o.priv is None


def _copy_desc(d: dict[str, Any]) -> dict[str, Any]:
    out = dict(d)
    out["props"] = dict(d["props"])
    if "items" in d:
        out["items"] = list(d["items"])
    return out


class Recorder:
    """Records checkpoints, collections and (optionally) the step timeline of one run, and (for tests and
    tools) the engine's own full state at every timeline entry."""

    def __init__(self, vm: Any, program: Any, steps: bool, snapshots: bool = False) -> None:
        self.vm = vm
        self.program = program
        self.checkpoints: list[dict[str, Any]] = []
        self.freed: list[list[str]] = []
        self.timeline: list[dict[str, Any]] | None = [] if steps or snapshots else None
        self.snapshots: list[dict[str, Any]] | None = [] if snapshots else None
        self.truncated = False
        self.truncated_reason: str | None = None
        self.dirty: set[JSObject] = set()
        self._visible: dict[int, list[Binding]] = {}
        self._ctx_vars: dict[int, tuple[str, ...]] = {}
        self._frames: list[FrameState] = []
        self._known: dict[int, _Known] = {}
        self._next_seen = 0
        self._collections_seen = 0
        self._out_seen = 0
        self._heap_stale = False
        self._sizes: dict[int, int] = {}
        self._items_total = 0
        self._realm: list[JSObject] | None = None
        self._realm_sig: tuple[int, int] = (-1, -1)
        self._builtin_seen: dict[int, list[Any]] = {}
        self.globals_dirty = True
        self._kept_seen = 0
        self.recording_time = 0.0
        self._loop_seen = 0
        self._py_gc = _pygc.get_threshold()
        _pygc.freeze()
        _pygc.set_threshold(max(PY_GC_THRESHOLD, self._py_gc[0]), *self._py_gc[1:])
        vm.observer = self
        if self.timeline is not None:
            watched = _WatchedVars(vm.script_scope.vars)
            watched.recorder = self
            vm.script_scope.vars = watched

    # ---------------------------------------------------------------- stack and locals
    def frames(self) -> list[Any]:
        """The contract's frames, innermost first: JavaScript frames, without the finished script's."""
        done = self.vm.script_done
        return [fr for fr in reversed(self.vm.stack) if not fr.native and not (done and fr.code.kind == "script")]

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

    def _bindings(self, scope_id: int) -> list[Binding]:
        bindings = self._visible.get(scope_id)
        if bindings is None:
            scope = self.program.scopes.get(scope_id)
            bindings = [b for b in visible_bindings(scope) if b.storage != "global"] if scope is not None else []
            self._visible[scope_id] = bindings
        return bindings

    def _scope_ctx_vars(self, scope_id: int) -> tuple[str, ...]:
        """The Python locals that may hold the current context at a position in this scope, innermost first."""
        names = self._ctx_vars.get(scope_id)
        if names is None:
            out = []
            s = self.program.scopes.get(scope_id)
            while s is not None:
                if s.has_ctx:
                    out.append(s.ctx_var)
                s = s.parent
            names = tuple(out)
            self._ctx_vars[scope_id] = names
        return names

    @staticmethod
    def _f_locals(fr: Any) -> dict[str, Any]:
        gen = fr.gen
        frame = gen.gi_frame if gen is not None else None
        return frame.f_locals if frame is not None else {}

    def raw_locals(self, fr: Any, f_locals: dict[str, Any], ctxs: set[int] | None = None) -> dict[str, Any]:
        """The frame's visible bindings (contract: locals) as engine values; `ctxs` collects the contexts read."""
        out: dict[str, Any] = {}
        for b in self._bindings(self.program.pos_scopes[fr.pos]):
            if b.storage == "ctx":
                ctx = f_locals.get(b.scope.ctx_var)
                if isinstance(ctx, Context):
                    if ctxs is not None:
                        ctxs.add(id(ctx))
                    if b.slot < len(ctx.slots):
                        out[b.name] = ctx.slots[b.slot]
                        continue
                out[b.name] = TDZ if b.kind in ("let", "const", "class") else UNDEFINED
            else:
                out[b.name] = self.binding_value(b, f_locals)
        if fr.code is not None and fr.code.kind == "script":
            g = self.vm.global_object
            sv = self.vm.script_scope.vars
            for name in sv:
                if name not in out:
                    out[name] = sv[name]
            for name in self.vm.program_globals:
                v = g.get_own(name)
                if v is not HOLE:
                    out[name] = v if type(v) is not Accessor else UNDEFINED
        return out

    def frame_locals(self, fr: Any) -> dict[str, Any]:
        """The contract's locals of one frame (objects without a site as ``{"site": null}``)."""
        return {n: encode(v) for n, v in self.raw_locals(fr, self._f_locals(fr)).items()}

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

    def frame_scope(self, fr: Any, f_locals: dict[str, Any]) -> Context | None:
        """The context the frame uses at its current position (the innermost one of its scope chain)."""
        for name in self._scope_ctx_vars(self.program.pos_scopes[fr.pos]):
            ctx = f_locals.get(name)
            if isinstance(ctx, Context):
                return ctx
        return None

    def realm_roots(self, fresh: bool = False) -> list[JSObject]:
        """Heap objects the realm holds outside the frames' locals: reached from the global object (its
        built-ins and properties that are not program globals, accessors of program globals) and from the
        script scope's shadowed variables, through built-in objects only. Cached until a built-in changes."""
        vm = self.vm
        g = vm.global_object
        sig = (len(g.props), len(vm.program_globals))
        if not fresh and self._realm is not None and sig == self._realm_sig:
            return self._realm
        heap = vm.heap
        program_globals = set(vm.program_globals)
        out: list[JSObject] = []
        seen = {id(g)}
        work: list[Any] = []
        for k, v in g.props.items():
            if k in program_globals and type(v) is not Accessor:
                continue
            if type(v) is Accessor:
                work.extend(x for x in (v.get, v.set) if x is not None)
            else:
                work.append(v)
        if g.proto is not None:
            work.append(g.proto)
        while work:
            o = work.pop()
            if not isinstance(o, JSObject):
                continue
            if heap.get(o.id) is o:
                out.append(o)
                continue
            if id(o) in seen:
                continue
            seen.add(id(o))
            work.extend(o.children())
        if not fresh:
            self._realm = out
            self._realm_sig = sig
        return out

    def frame_state(self, fr: Any, index: int, natives: list[Any], depth0: bool,
                    fresh: bool = False, prev: FrameState | None = None, realm_same: bool = False) -> FrameState:
        """One frame's full state, computed from the engine (natives: the built-in frames it called, whose
        values it keeps alive as roots; depth0: the global frame also holds the realm's roots). With
        `prev` (the same frame's previous state), values that did not change keep their encoding, and the
        roots are kept when the frame holds the same objects at the same position (and, for the global frame,
        `realm_same`: no script variable, global or built-in changed)."""
        vm = self.vm
        heap = vm.heap
        f_locals = self._f_locals(fr)
        st = FrameState(fr, index, prev.function if prev is not None else self.frame_name(fr))
        st.line = self.frame_line(fr)
        raw = self.raw_locals(fr, f_locals, st.ctxs)
        st.raw = raw
        if prev is None:
            st.locals = {n: heap_ref(v) for n, v in raw.items()}
        else:
            praw, plocals = prev.raw, prev.locals
            st.locals = {n: plocals[n] if praw.get(n, _MISSING) is v else heap_ref(v) for n, v in raw.items()}
        scope = self.frame_scope(fr, f_locals)
        st.scope = heap_key(scope) if scope is not None and heap.get(scope.id) is scope else None
        st.pos = fr.pos
        if not natives and (realm_same or not depth0):
            inert = _INERT
            held = [fr.this, *fr.args, *(v for v in f_locals.values() if type(v) not in inert),
                    *(v for v in raw.values() if type(v) not in inert)]
            st.held = held
            if (prev is not None and prev.held is not None and _same_values(prev.held, held)
                    and (prev.pos == fr.pos or (prev.scope == st.scope and self._roots_pos_free(fr, f_locals, prev.pos)))):
                st.roots = prev.roots
                return st
        skip = {id(v) for v in raw.values() if isinstance(v, JSObject)}
        if scope is not None:
            skip.add(id(scope))
        values = collector.frame_values(vm, fr, f_locals)
        for n in natives:
            values.extend(collector.frame_values(vm, n))
        if depth0:
            values.extend(vm.script_scope.vars.values())  # a script variable shadowed by a block binding
            values.extend(self.realm_roots(fresh))
            values.extend(vm.kept_objects)
            values.extend(vm.extra_roots())
        st.roots = sorted({heap_key(v) for v in values
                           if isinstance(v, JSObject) and id(v) not in skip and heap.get(v.id) is v})
        return st

    def _roots_pos_free(self, fr: Any, f_locals: dict[str, Any], old_pos: int) -> bool:
        """Do the frame's roots come out the same at `old_pos` as at its current position, given the same
        values? They depend on the position only through the statement's live temporaries (the same ones
        must hold objects), running for-of iterators and a nested destructuring generator (never assumed)."""
        code = fr.code
        program = self.vm.program
        gen = fr.gen
        if code is None or program is None or (gen is not None and getattr(gen, "gi_yieldfrom", None) is not None):
            return False
        pos_temps = program.pos_temps
        new = pos_temps.get((code.id, fr.pos), _NO_TEMPS)
        old = pos_temps.get((code.id, old_pos), _NO_TEMPS)
        inert = _INERT
        kinds = collector._KIND
        for name, v in f_locals.items():
            if type(v) in inert:
                continue
            k = kinds.get(name) or collector._kind(name)
            if k == collector._ITER:
                return False
            if k == collector._TEMP and (name in new) != (name in old):
                return False
        return True

    def _natives_after(self, index: int) -> list[Any]:
        stack = self.vm.stack
        out = []
        i = index + 1
        while i < len(stack) and stack[i].native:
            out.append(stack[i])
            i += 1
        return out

    def stack_state(self) -> list[FrameState]:
        """Every JavaScript frame's state, outermost first, computed afresh."""
        stack = self.vm.stack
        out = []
        for i, fr in enumerate(stack):
            if not fr.native:
                out.append(self.frame_state(fr, i, self._natives_after(i), depth0=not out, fresh=True))
        return out

    # ---------------------------------------------------------------- checkpoints and gc()
    def checkpoint(self, name: str) -> None:
        vm = self.vm
        marked = collector.mark(vm)
        live = [o for o in vm.heap.values() if id(o) in marked]
        dead = collector.garbage(vm, marked)
        frames = self.frames()
        states = self.stack_state()
        shown = states[1:] if vm.script_done and states else states
        entry: dict[str, Any] = {
            "name": name,
            "line": self.frame_line(frames[0]) if frames else 0,
            "stack": self.stack(),
            "locals": [self.frame_locals(fr) for fr in frames],
            "reachable": sorted(o.site for o in live if o.site),
            "heap": describe_heap(vm.heap),
            "garbage": sorted(o.site for o in dead if o.site),
            "refcount_leaked": sorted(o.site for o in collector.refcount_leaked(dead) if o.site),
            "freed": [list(f) for f in self.freed],
            "frames": [{"scope": st.scope, "roots": st.roots} for st in reversed(shown)],
            "loop": vm.loop.describe(),
        }
        if vm.script_done and states:  # code after the script: the finished script's variables and roots
            g = states[0]
            entry["globals"] = {"locals": {n: encode(v) for n, v in g.raw.items()}, "scope": g.scope,
                                "roots": g.roots}
        self.checkpoints.append(entry)
        self._record("checkpoint", len(self.checkpoints) - 1)

    def collect(self) -> None:
        vm = self.vm
        freed = collector.sweep(vm, collector.mark(vm))
        self.freed.append(sorted(o.site for o in freed if o.site))
        self._record("gc")

    def finish(self, error: dict[str, Any] | None) -> None:
        """The run ended with an uncaught error or a limit: the timeline ends with an ``error`` event. The
        state there is the one of the last step (the frames have unwound or their code was stopped); only
        the output printed since is added."""
        if self._py_gc is not None:
            _pygc.set_threshold(*self._py_gc)
            _pygc.unfreeze()
            self._py_gc = None
        timeline = self.timeline
        if error is None or timeline is None or self.truncated:
            return
        if len(timeline) >= MAX_TIMELINE:
            self.truncated = True
            self.truncated_reason = f"The timeline stops after {MAX_TIMELINE:,} steps."
            return
        last = self._frames[-1].line if self._frames else 0
        line = error.get("line") if isinstance(error.get("line"), int) else last
        entry: dict[str, Any] = {"line": line, "event": "error", "error": error}
        self._output(entry)
        if self._frames:
            self._frames[-1].line = line
        timeline.append(entry)
        if self.snapshots is not None:
            prev = self.snapshots[-1] if self.snapshots else {"stack": [], "heap": {}, "garbage": []}
            stack = [dict(f) for f in prev["stack"]]
            if stack:
                stack[-1]["line"] = line
            self.snapshots.append({"line": line, "event": "error", "stack": stack, "heap": prev["heap"],
                                   "garbage": prev["garbage"], "output": list(self.vm.output),
                                   "loop": prev.get("loop", dict(EMPTY_LOOP))})

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

        def flagging(fn: Any) -> Any:
            def wrapped(*args: Any) -> Any:
                self.globals_dirty = True
                return fn(*args)
            return wrapped

        for name in ("_gput", "_gputs", "_gdeclare", "_gdelete"):
            namespace[name] = flagging(namespace[name])

    def step(self, fr: Any) -> None:
        """The hook compiled before every statement (steps mode)."""
        if self.timeline is not None and not self.truncated:
            self._record(None)

    def end(self, fr: Any) -> None:
        """Compiled after the script's last statement: the state the program ends in, unless the event loop
        still has work (then ``script_end``; ``end`` comes when the loop is empty)."""
        loop = self.vm.loop
        self._loop_runs = bool(loop.microtasks or loop.pending_timers() or loop.pending_immediates())
        self._record("script_end" if self._loop_runs else "end")

    def loop_ended(self) -> None:
        """The event loop has nothing left to run: the program's final state."""
        if self._loop_runs:
            self._record("end")

    _loop_runs = False

    def _record(self, event: str | None, checkpoint: int | None = None) -> None:
        timeline = self.timeline
        if timeline is None or self.truncated:
            return
        if len(timeline) >= MAX_TIMELINE:
            self.truncated = True
            self.truncated_reason = f"The timeline stops after {MAX_TIMELINE:,} steps."
            return
        started = time.monotonic()
        entry: dict[str, Any] = {"line": 0}
        if event is not None:
            entry["event"] = event
        if checkpoint is not None:
            entry["checkpoint"] = checkpoint
        loop = self.vm.loop
        if loop.version != self._loop_seen:  # the event loop changed: its roots are the global frame's
            self._loop_seen = loop.version
            self.globals_dirty = True
            entry["loop"] = loop.describe()
        ran_from = self._sync_frames(entry)
        self._sync_heap(entry, ran_from)
        self._output(entry)
        timeline.append(entry)
        if self.snapshots is not None:
            self.snapshots.append(self.snapshot(entry))
        spent = time.monotonic() - started
        self.vm.deadline += spent  # recording is not the program's time
        self.recording_time += spent
        if self.recording_time > self.vm.limits.timeline_time and self.snapshots is None:
            self.truncated = True
            self.truncated_reason = (f"The timeline stops after {len(timeline):,} steps: recording it took more than "
                                     f"{self.vm.limits.timeline_time:g} s.")

    def _output(self, entry: dict[str, Any]) -> None:
        out = self.vm.output
        if len(out) > self._out_seen:
            entry["out"] = out[self._out_seen:]
            self._out_seen = len(out)

    def _globals_changed(self) -> bool:
        """Was a script variable or a global written, or a WeakRef target kept, since the last entry?"""
        vm = self.vm
        changed = self.globals_dirty or vm.global_object in self.dirty or len(vm.kept_objects) != self._kept_seen
        self.globals_dirty = False
        self._kept_seen = len(vm.kept_objects)
        return changed

    def _realm_changed(self) -> bool:
        """Did a built-in object (not on the program's heap) change since the realm roots were cached?"""
        heap = self.vm.heap
        changed = False
        for o in self.dirty:
            if heap.get(o.id) is o or o is self.vm.global_object:
                continue
            values = [*o.props.values(), *(o.items if isinstance(o, JSArray) else ())]
            old = self._builtin_seen.get(id(o))
            self._builtin_seen[id(o)] = values
            if old is None or not _same_values(old, values):
                changed = True
        if changed:
            self._realm = None
        return changed

    def _sync_frames(self, entry: dict[str, Any]) -> int:
        """Pop and push frames, refresh the frames that can have changed; returns the VM stack index from
        which frames ran since the previous entry."""
        stack = self.vm.stack
        frames = self._frames
        popped = 0
        while frames:
            top = frames[-1]
            if top.index < len(stack) and stack[top.index] is top.fr and (
                    top.fr.coro is None or top.fr.coro.resumes == top.resumes):
                break
            frames.pop()
            popped += 1
        if popped:
            entry["pop"] = popped
        kept = len(frames)
        base = frames[-1].index + 1 if frames else 0
        ran_from = frames[-1].index if frames else 0
        dirty_ctx = {id(o) for o in self.dirty if type(o) is Context}
        realm = self._realm_changed()
        globals_changed = self._globals_changed() or realm
        refresh = set()
        if kept:
            refresh.add(kept - 1)
        if kept and globals_changed:
            refresh.add(0)
        if dirty_ctx:
            for d in range(kept - 1):
                if frames[d].ctxs & dirty_ctx:
                    refresh.add(d)
        for d in sorted(refresh):
            old = frames[d]
            st = self.frame_state(old.fr, old.index, self._natives_after(old.index), d == 0, prev=old,
                                  realm_same=not globals_changed)
            self._frame_diff(entry, d, old, st)
            frames[d] = st
        pushed = []
        for i in range(base, len(stack)):
            fr = stack[i]
            if not fr.native:
                st = self.frame_state(fr, i, self._natives_after(i), not frames)
                frames.append(st)
                pushed.append(st.to_json())
        if pushed:
            entry["push"] = pushed
        innermost = frames[-1] if frames else None
        if innermost is not None:
            entry["line"] = innermost.line
            if not pushed and kept - 1 in refresh:
                entry.get("lines", {}).pop(str(kept - 1), None)
                if not entry.get("lines"):
                    entry.pop("lines", None)
        return ran_from

    @staticmethod
    def _frame_diff(entry: dict[str, Any], d: int, old: FrameState, new: FrameState) -> None:
        key = str(d)
        if new.line != old.line:
            entry.setdefault("lines", {})[key] = new.line
        olocals = old.locals
        changed = {n: v for n, v in new.locals.items() if not _same_leaf(v, olocals.get(n, _MISSING))}
        if changed:
            entry.setdefault("locals", {})[key] = changed
        gone = [n for n in old.locals if n not in new.locals]
        if gone:
            entry.setdefault("unset", {})[key] = gone
        if new.scope != old.scope:
            entry.setdefault("scopes", {})[key] = new.scope
        if new.roots != old.roots:
            entry.setdefault("roots", {})[key] = new.roots

    # ---------------------------------------------------------------- heap changes
    def _track_size(self, o: JSObject) -> None:
        if type(o) is JSArray or isinstance(o, JSArray):
            n = len(o.items)
            self._items_total += n - self._sizes.get(o.id, 0)
            self._sizes[o.id] = n

    def _sync_heap(self, entry: dict[str, Any], ran_from: int) -> None:
        vm = self.vm
        heap = vm.heap
        dirty = self.dirty
        swept = vm.collections != self._collections_seen
        if swept:  # a sweep clears weak references and weak entries, and frees objects
            self._collections_seen = vm.collections
            dirty.update(o for o in heap.values() if isinstance(o, (JSWeakRef, JSWeakMap, JSWeakSet)))
            for oid in [oid for oid in self._sizes if oid not in heap]:
                self._items_total -= self._sizes.pop(oid)
        stack = vm.stack
        for i in range(ran_from, len(stack)):  # built-ins that ran may be filling objects they made
            fr = stack[i]
            if fr.native and fr.gen is not None and fr.gen.gi_frame is not None:
                for v in fr.gen.gi_frame.f_locals.values():
                    if isinstance(v, JSObject):
                        dirty.add(v)
        for oid in range(self._next_seen, vm.next_id):
            o = heap.get(oid)
            if o is not None:
                dirty.add(o)
        self._next_seen = vm.next_id
        for o in dirty:
            if isinstance(o, JSArray) and heap.get(o.id) is o:
                self._track_size(o)
        if len(heap) + self._items_total > MAX_TIMELINE_HEAP:
            entry["heap_omitted"] = True
            self._heap_stale = True
            dirty.clear()
            return
        known = self._known
        if self._heap_stale:  # after omitted steps, send the whole heap again
            entry["heap_reset"] = True
            known.clear()
            self._heap_stale = False
            dirty.update(heap.values())
            swept = False
        diff: dict[str, Any] = {}
        patches: dict[str, Any] = {}
        for o in sorted(dirty, key=_object_id):  # allocation order: the same bytes whatever the memory layout
            if heap.get(o.id) is o:
                self._diff_object(o, diff, patches)
        dirty.clear()
        if diff:
            entry["heap"] = diff
        if patches:
            entry["patch"] = patches
        if swept:
            gone = [oid for oid in known if heap.get(oid) is None]
            if gone:
                entry["freed"] = [known.pop(oid).key for oid in gone]

    def _diff_object(self, o: JSObject, diff: dict[str, Any], patches: dict[str, Any]) -> None:
        key = heap_key(o)
        k = self._known.get(o.id)
        if not _patchable(o):
            t = type(o)
            if (t is JSMap or t is JSSet) and o.priv is None:
                # A Map or Set is marked dirty by every built-in call on it (get, has...): when its properties,
                # prototype and entries are the same objects as last time, so is its description.
                props = o.props
                entries = list(o.entries.values())
                if (k is not None and k.key == key and k.keys is not None and o.proto is k.proto and o.cls == k.cls
                        and k.items is not None and _same_values(k.vals, list(props.values()))
                        and k.keys == list(props)):
                    old_raw = k.items
                    if _same_values(old_raw, entries):
                        return
                    # Only the entries changed: encode the new ones, keep the encoding of the same entries.
                    old_enc = k.desc["entries"]
                    changed = len(entries) != len(old_raw)
                    n = min(len(entries), len(old_raw))
                    enc: list[Any] = []
                    pair = t is JSMap
                    for i, e in enumerate(entries):
                        if i < n and e is old_raw[i]:
                            enc.append(old_enc[i])
                            continue
                        x = [heap_ref(e[0]), heap_ref(e[1])] if pair else heap_ref(e)
                        if not changed and not same(x, old_enc[i]):
                            changed = True
                        enc.append(x)
                    k.items = entries
                    if changed:
                        d = dict(k.desc)
                        d["entries"] = enc
                        k.desc = d
                        diff[key] = d
                    return
                d = describe(o)
                if k is None or k.key != key or not same(k.desc, d):
                    k = _Known(key, d)
                    self._known[o.id] = k
                    diff[key] = d
                k.keys = list(props)
                k.vals = list(props.values())
                k.items = entries
                k.proto = o.proto
                k.cls = o.cls
                return
            d = describe(o)
            if k is None or k.key != key or not same(k.desc, d):
                self._known[o.id] = _Known(key, d)
                diff[key] = d
            return
        props = o.props
        items = o.items if type(o) is JSArray else None
        if k is not None and k.key == key and k.keys is not None and o.proto is k.proto and o.cls == k.cls:
            same_props = _same_values(k.vals, list(props.values())) and k.keys == list(props)
            same_items = items is None or (k.items is not None and _same_values(k.items, items))
            if same_props and same_items:
                return
            size = len(props) + (len(items) if items is not None else 0)
            if size >= PATCH_MIN:
                patch = self._patch(o, k, items)
                if patch is not None:
                    if patch:
                        patches[key] = patch
                    self._remember_raw(k, o, items)
                    return
        d = describe(o)
        if k is not None and k.key == key and same(k.desc, d):
            self._remember_raw(k, o, items)
            return
        k = _Known(key, _copy_desc(d))
        self._remember_raw(k, o, items)
        self._known[o.id] = k
        diff[key] = d

    @staticmethod
    def _remember_raw(k: _Known, o: JSObject, items: list[Any] | None) -> None:
        k.keys = list(o.props)
        k.vals = list(o.props.values())
        k.items = list(items) if items is not None else None
        k.proto = o.proto
        k.cls = o.cls

    def _patch(self, o: JSObject, k: _Known, items: list[Any] | None) -> dict[str, Any] | None:
        """The small change from what the timeline knows to `o`, applied to the known description; None
        when the change is not small (a whole description is sent instead)."""
        desc = k.desc
        props = o.props
        old_keys = k.keys or []
        kept_keys = [x for x in old_keys if x in props]
        if list(props)[:len(kept_keys)] != kept_keys:
            return None  # properties were reordered
        patch: dict[str, Any] = {}
        dprops = desc["props"]
        new_props: dict[str, Any] = {}
        old_vals = dict(zip(old_keys, k.vals, strict=False))
        for name, v in props.items():
            if old_vals.get(name, _MISSING) is v:
                continue
            if type(name) is not str:
                return None  # a symbol-keyed property: an internal edge, sent with the whole description
            enc = heap_ref(v)
            if not same(enc, dprops.get(name, _MISSING)):
                new_props[name] = enc
        if any(type(x) is not str and x not in props for x in old_keys):
            return None
        gone = [x for x in old_keys if type(x) is str and x not in props and x in dprops]
        changes = len(new_props) + len(gone)
        set_items: dict[str, Any] = {}
        length = None
        if items is not None:
            old_items = k.items or []
            ditems = desc["items"]
            changed = list(compress(range(min(len(items), len(old_items))), map(is_not, items, old_items)))
            changed.extend(range(len(old_items), len(items)))
            if len(changed) * 4 > len(items) + 4:
                return None
            for i in changed:
                enc = heap_ref(items[i])
                if i >= len(ditems) or not same(enc, ditems[i]):
                    set_items[str(i)] = enc
            if len(items) != len(ditems):
                length = len(items)
            changes += len(set_items)
        size = len(props) + (len(items) if items is not None else 0)
        if changes * 4 > size + 4:
            return None
        if length is not None:
            patch["length"] = length
            if length < len(desc["items"]):
                del desc["items"][length:]
            else:
                desc["items"].extend({"undefined": True} for _ in range(length - len(desc["items"])))
        if set_items:
            patch["items"] = set_items
            for i, v in set_items.items():
                desc["items"][int(i)] = v
        if new_props:
            patch["props"] = new_props
            dprops.update(new_props)
        if gone:
            patch["unprops"] = gone
            for x in gone:
                dprops.pop(x, None)
        return patch

    # ---------------------------------------------------------------- full snapshots (tests and tools)
    def snapshot(self, entry: dict[str, Any]) -> dict[str, Any]:
        """The engine's own full state now, computed directly (not from the timeline)."""
        vm = self.vm
        dead = collector.garbage(vm, collector.mark(vm))
        return {
            "line": entry["line"],
            "event": entry.get("event"),
            "stack": [st.to_json() for st in self.stack_state()],
            "heap": {heap_key(o): describe(o) for o in vm.heap.values()},
            "garbage": sorted(heap_key(o) for o in dead),
            "output": list(vm.output),
            "loop": vm.loop.describe(),
        }
