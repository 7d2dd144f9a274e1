"""The Python replay of the step timeline, version 2 (../docs/timeline.md).

:func:`apply` applies one entry to a :class:`State`; :class:`Replay` keeps a keyframe every
``KEYFRAME_EVERY`` entries so that the state at any step is one copy plus a few entries away. From a
replayed state: :func:`reachable` and :func:`garbage` (mark from the frames, ephemerons as in
engine/gc.py), :func:`refcounts` and :func:`refcount_leaked` (what a reference-counting collector leaks).

Applying never mutates an object or frame description in place (a change replaces it with a new one), so
a keyframe is a shallow copy of the stack and heap.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from engine.record import dataclass, field

KEYFRAME_EVERY = 256


@dataclass
class State:
    """The full memory state after some entries: frames outermost first (``function``, ``line``,
    ``locals``, ``scope``, ``roots``), the heap by key, the output, and whether the heap is known."""

    stack: list[dict[str, Any]] = field(default_factory=list)
    heap: dict[str, dict[str, Any]] = field(default_factory=dict)
    output: list[str] = field(default_factory=list)
    heap_known: bool = True
    line: int = 0
    event: str | None = None
    loop: dict[str, Any] = field(default_factory=lambda: dict(EMPTY_LOOP))

    def copy(self) -> State:
        return State(list(self.stack), dict(self.heap), list(self.output), self.heap_known, self.line, self.event,
                     self.loop)

    @property
    def script_done(self) -> bool:
        """After the script: its finished frame stays at depth 0 (its variables live on) under the tasks."""
        return bool(self.loop.get("script_done"))


# The event loop before anything asynchronous happened (docs/event-loop.md).
EMPTY_LOOP: dict[str, Any] = {"task": {"kind": "script"}, "script_done": False, "now": 0, "timers": [],
                              "immediates": [], "microtasks": []}


class TimelineError(ValueError):
    """An entry that cannot be applied (a depth that does not exist, a patch of an unknown object)."""


def _frame(state: State, depth: str, index: int) -> dict[str, Any]:
    try:
        d = int(depth)
    except ValueError:
        raise TimelineError(f"entry {index}: depth {depth!r} is not a number") from None
    if not 0 <= d < len(state.stack):
        raise TimelineError(f"entry {index}: no frame at depth {d} (the stack has {len(state.stack)})")
    frame = dict(state.stack[d])
    state.stack[d] = frame
    return frame


def apply(state: State, entry: dict[str, Any], index: int = 0) -> None:
    """Apply one timeline entry, in the order the doc gives."""
    pop = entry.get("pop", 0)
    if pop:
        if pop > len(state.stack):
            raise TimelineError(f"entry {index}: pops {pop} frames of {len(state.stack)}")
        del state.stack[len(state.stack) - pop:]
    for f in entry.get("push", ()):
        state.stack.append({"function": f["function"], "line": f["line"], "locals": dict(f["locals"]),
                            "scope": f["scope"], "roots": list(f["roots"])})
    for d, line in entry.get("lines", {}).items():
        _frame(state, d, index)["line"] = line
    for d, changed in entry.get("locals", {}).items():
        frame = _frame(state, d, index)
        frame["locals"] = {**frame["locals"], **changed}
    for d, names in entry.get("unset", {}).items():
        frame = _frame(state, d, index)
        frame["locals"] = {n: v for n, v in frame["locals"].items() if n not in names}
    for d, scope in entry.get("scopes", {}).items():
        _frame(state, d, index)["scope"] = scope
    for d, roots in entry.get("roots", {}).items():
        _frame(state, d, index)["roots"] = list(roots)
    if state.stack:
        _frame(state, str(len(state.stack) - 1), index)["line"] = entry["line"]
    state.line = entry["line"]
    state.event = entry.get("event")
    if "loop" in entry:
        state.loop = entry["loop"]
    if entry.get("heap_omitted"):
        state.heap_known = False
    if entry.get("heap_reset"):
        state.heap = {}
        state.heap_known = True
    state.heap.update(entry.get("heap", {}))
    for key, patch in entry.get("patch", {}).items():
        old = state.heap.get(key)
        if old is None:
            raise TimelineError(f"entry {index}: patch of unknown object {key}")
        state.heap[key] = patched(old, patch)
    for key in entry.get("freed", ()):
        state.heap.pop(key, None)
    state.output.extend(entry.get("out", ()))


def patched(desc: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """A new description: `desc` with a patch applied (length, items, props, unprops)."""
    out = dict(desc)
    if "length" in patch or "items" in patch:
        items = list(desc.get("items", []))
        n = patch.get("length")
        if n is not None:
            if n < len(items):
                del items[n:]
            else:
                items.extend({"undefined": True} for _ in range(n - len(items)))
        for i, v in patch.get("items", {}).items():
            items[int(i)] = v
        out["items"] = items
    if "props" in patch or "unprops" in patch:
        props = dict(desc.get("props", {}))
        props.update(patch.get("props", {}))
        for name in patch.get("unprops", ()):
            props.pop(name, None)
        out["props"] = props
    return out


class Replay:
    """Random access to the states of a timeline: ``state(k)`` is the state after entries ``0..k``."""

    def __init__(self, steps: list[dict[str, Any]], every: int = KEYFRAME_EVERY) -> None:
        self.steps = steps
        self.every = every
        self.keyframes: list[State] = []
        state = State()
        for i, entry in enumerate(steps):
            apply(state, entry, i)
            if i % every == 0:
                self.keyframes.append(state.copy())

    def __len__(self) -> int:
        return len(self.steps)

    def state(self, k: int) -> State:
        if not 0 <= k < len(self.steps):
            raise IndexError(f"step {k} is not in a timeline of {len(self.steps)} entries")
        base = k // self.every
        state = self.keyframes[base].copy()
        for i in range(base * self.every + 1, k + 1):
            apply(state, self.steps[i], i)
        return state

    def states(self) -> Iterator[State]:
        """Every state in order (one pass, no keyframes needed)."""
        state = State()
        for i, entry in enumerate(self.steps):
            apply(state, entry, i)
            yield state


# ---------------------------------------------------------------- references
def refs(value: Any) -> Iterator[str]:
    """Heap keys a value refers to: ``{"site": key}``, ``{"ref": key}``, and getter/setter pairs."""
    if type(value) is dict:
        site = value.get("site")
        if isinstance(site, str):
            yield site
        ref = value.get("ref")
        if isinstance(ref, str):
            yield ref
        for part in ("getter", "setter"):
            v = value.get(part)
            if v is not None:
                yield from refs(v)


def frame_refs(frame: dict[str, Any]) -> Iterator[str]:
    """What a frame holds: its locals' values, its scope, its extra roots."""
    for v in frame["locals"].values():
        yield from refs(v)
    if frame.get("scope"):
        yield frame["scope"]
    yield from frame.get("roots", ())


def edges(desc: dict[str, Any]) -> Iterator[str]:
    """Strong references of a heap object, each occurrence (weak entries and WeakRef targets excluded;
    WeakMap values are ephemerons, see :func:`reachable`)."""
    for v in desc.get("props", {}).values():
        yield from refs(v)
    for v in desc.get("items", ()):
        yield from refs(v)
    kind = desc.get("type")
    if kind == "map":
        for k, v in desc.get("entries", ()):
            yield from refs(k)
            yield from refs(v)
    elif kind == "set":
        for v in desc.get("entries", ()):
            yield from refs(v)
    for name in ("scope", "parent", "proto"):
        v = desc.get(name)
        if v is not None:
            yield from refs(v)
    if kind != "weakref" and desc.get("target") is not None:
        yield from refs(desc["target"])
    for v in desc.get("internal", ()):
        yield from refs(v)


def reachable(state: State) -> set[str]:
    """Keys of heap objects reachable from the frames (ephemerons: a WeakMap value once its key is)."""
    return mark(state.heap, [k for f in state.stack for k in frame_refs(f)])


def mark(heap: Mapping[str, Any], roots: Iterable[str]) -> set[str]:
    """Keys of the described heap objects reachable from `roots` (ephemerons: a WeakMap value once its key is)."""
    marked: set[str] = set()
    work = list(roots)
    weakmaps: list[dict[str, Any]] = []
    while True:
        while work:
            key = work.pop()
            if key in marked or key not in heap:
                continue
            marked.add(key)
            desc = heap[key]
            if desc.get("type") == "weakmap":
                weakmaps.append(desc)
            work.extend(k for k in edges(desc) if k not in marked)
        for wm in weakmaps:
            for k, v in wm.get("entries", ()):
                if any(x in marked for x in refs(k)):
                    work.extend(x for x in refs(v) if x not in marked)
        if not work:
            return marked


def garbage(state: State) -> list[str]:
    """Heap objects no path of references reaches, sorted."""
    live = reachable(state)
    return sorted(k for k in state.heap if k not in live)


def refcounts(state: State) -> dict[str, int]:
    """For each heap object, the references to it from frames and from heap objects (strong edges)."""
    counts = dict.fromkeys(state.heap, 0)
    for f in state.stack:
        for k in frame_refs(f):
            if k in counts:
                counts[k] += 1
    for desc in state.heap.values():
        for k in edges(desc):
            if k in counts:
                counts[k] += 1
    return counts


def refcount_leaked(state: State) -> list[str]:
    """Garbage a reference-counting collector never frees: free garbage whose count is 0, subtracting its
    outgoing references, until nothing more can be freed; what remains leaks."""
    dead = set(garbage(state))
    counts = {k: 0 for k in dead}
    for k in dead:
        for child in edges(state.heap[k]):
            if child in counts:
                counts[child] += 1
    queue = [k for k, n in counts.items() if n == 0]
    freed: set[str] = set()
    while queue:
        k = queue.pop()
        freed.add(k)
        for child in edges(state.heap[k]):
            if child in counts and child not in freed:
                counts[child] -= 1
                if counts[child] == 0:
                    queue.append(child)
    return sorted(dead - freed)
