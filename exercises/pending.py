"""What is still waiting to run at a checkpoint: the analysis behind the `pending` question kind (pure functions
over one checkpoint of the engine's trace; no database, no engine import).

A *waiting* function is a function of the program (it has an allocation site) that the event loop will still call
(docs/event-loop.md):

- the callback of every pending timer (`setTimeout`, `setInterval`) and immediate (`setImmediate`), read from the
  heap's timer objects, so an interval whose callback is running at the checkpoint is still waiting (it runs again);
- the callback of every queued microtask (`queueMicrotask`, a then-callback whose promise has settled);
- the `then`/`catch`/`finally` callbacks of every *reachable* pending promise: a pending promise that nothing
  reaches is garbage, and so is everything that waits on it; it can never run;
- every async function suspended at an `await` that can still resume: the engine resumes it with two functions it
  makes itself (they have no site), whose `internal` edge leads to the suspended call (an `AsyncFunction`
  activation), so those stand for the activation's `function`.

Engine-made functions stand for the program's functions they lead to: a bound function for its target, a finally
wrapper for the function given to `finally`, the resume functions of an `await` for the async function. Functions
without a site (built-ins, resolving functions) are not the program's and are left out. A function scheduled twice
(two timers with the same callback) is one function, so it is listed once. Generators suspended at `yield` are not
waiting for the event loop: only a call of `next()` resumes them.

Reachability: the engine's `reachable` lists only objects with a site, so the promises built-ins make (`then`'s
result, an async function's promise) are found by marking from those objects, the frames' and globals' roots and
the event loop's references, along the heap's strong edges (engine/timeline.py's rules). A site-less promise that
only a variable holds (no object, timer, job or other promise leads to it) is therefore taken as unreachable; in
the supported language nothing can settle such a promise any more, so its callbacks would never run either.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine.timeline import mark, refs

FUNCTION_TYPES = {"function"}  # classes are left out: calling one without `new` throws, so none is a callback


def _all_refs(value: Any) -> Iterator[str]:
    """Every heap key anywhere inside a value (the event loop's description)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Mapping):
            yield from refs(item)
            stack.extend(v for v in item.values() if isinstance(v, (Mapping, list)))
        elif isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, (Mapping, list)))


def live_keys(checkpoint: Mapping[str, Any]) -> set[str]:
    """Heap keys of the objects reachable at a checkpoint, with or without a site (see the module's note)."""
    heap: Mapping[str, Any] = checkpoint.get("heap", {})
    work: list[str] = list(checkpoint.get("reachable", []))
    frames = list(checkpoint.get("frames", []))
    if isinstance(checkpoint.get("globals"), Mapping):
        frames.append(checkpoint["globals"])
        work.extend(_all_refs(checkpoint["globals"].get("locals", {})))
    for frame in frames:
        if frame.get("scope"):
            work.append(frame["scope"])
        work.extend(frame.get("roots", ()))
    work.extend(_all_refs(checkpoint.get("locals", [])))
    work.extend(_all_refs(checkpoint.get("loop", {})))
    return mark(heap, work)


def _key(ref: Any) -> str | None:
    return next(refs(ref), None) if isinstance(ref, Mapping) else None


def is_user_function(key: str, heap: Mapping[str, Any]) -> bool:
    desc = heap.get(key)
    return not key.startswith("@") and isinstance(desc, Mapping) and desc.get("type") in FUNCTION_TYPES


@dataclass(frozen=True)
class Callee:
    """A program function that an event-loop reference stands for; `activation` is the heap key of the suspended
    async call when the reference is one of the engine's resume functions."""

    key: str
    activation: str | None = None
    via: str = ""  # "", "bound" (a bound function's target), "finally" (the function given to finally), "await"


def callees(ref: Any, heap: Mapping[str, Any]) -> list[Callee]:
    """The program's functions a callback reference stands for (see the module's note); [] for a built-in."""
    key = _key(ref)
    if key is None:
        return []
    if is_user_function(key, heap):
        return [Callee(key)]
    desc = heap.get(key)
    if not isinstance(desc, Mapping) or desc.get("type") not in FUNCTION_TYPES:
        return []
    if desc.get("target") is not None:  # a bound function
        target = _key(desc["target"])
        return [Callee(target, via="bound")] if target and is_user_function(target, heap) else []
    out: list[Callee] = []
    for inner in desc.get("internal", ()):
        inner_key = _key(inner)
        if inner_key is None:
            continue
        inner_desc = heap.get(inner_key)
        if isinstance(inner_desc, Mapping) and inner_desc.get("type") == "generator" and inner_desc.get("kind") == "async":
            function = _key(inner_desc.get("function"))
            if function and is_user_function(function, heap):
                out.append(Callee(function, activation=inner_key, via="await"))
        elif is_user_function(inner_key, heap):  # a finally wrapper holds the function given to finally
            out.append(Callee(inner_key, via="finally"))
    return out


# Why a queued job's callback waits, by the job's label in the trace (engine/eventloop.py, engine/builtins/promise.py).
JOB_REASONS = {
    "then callback": "its promise was fulfilled, so this then callback is queued as a microtask",
    "catch callback": "its promise was rejected, so this callback is queued as a microtask",
    "then finally": "its promise has settled, so the function given to finally is queued as a microtask",
    "catch finally": "its promise has settled, so the function given to finally is queued as a microtask",
    "queueMicrotask callback": "it is queued with queueMicrotask",
    "follow a thenable": "it is the then method of a thenable that a promise follows, queued as a microtask",
}


# How a callback on a pending promise's reaction was registered: (Callee.via, which handler) -> the method.
REGISTERED_WITH = {("", "on_fulfilled"): "then", ("", "on_rejected"): "catch (or then's second argument)",
                   ("bound", "on_fulfilled"): "then", ("bound", "on_rejected"): "catch",
                   ("finally", "on_fulfilled"): "finally", ("finally", "on_rejected"): "finally"}


def _ms(value: Any) -> str:
    return f"{value} ms"


def _await_line(activation: str | None, heap: Mapping[str, Any]) -> str:
    desc = heap.get(activation or "", {})
    line = desc.get("line") if isinstance(desc, Mapping) else None
    return f" on line {line}" if line else ""


def waiting(checkpoint: Mapping[str, Any]) -> dict[str, list[str]]:
    """Heap key of every program function still waiting to run -> why, as phrases that follow "it is still
    waiting: " ("its setInterval (every 100 ms) has not been cleared"), first reason first."""
    heap: Mapping[str, Any] = checkpoint.get("heap", {})
    loop: Mapping[str, Any] = checkpoint.get("loop", {})
    now = loop.get("now", 0)
    out: dict[str, list[str]] = {}

    def add(found: Iterable[Callee], reason: str, awaiting: str = "", handler: str = "") -> None:
        for callee in found:
            text = awaiting.format(line=_await_line(callee.activation, heap)) if callee.activation and awaiting else reason
            text = text.replace("{how}", REGISTERED_WITH.get((callee.via, handler), "then"))
            if text not in out.setdefault(callee.key, []):
                out[callee.key].append(text)

    timers = {key: desc for key, desc in heap.items() if isinstance(desc, Mapping) and desc.get("type") == "timer"}
    for entry in [*loop.get("timers", []), *loop.get("immediates", [])]:
        timer = _key(entry.get("timer"))
        if timer and timer not in timers:  # a loop entry the heap does not describe
            timers[timer] = {"kind": entry.get("kind", "immediate"), "state": "pending", **entry}
    for desc in timers.values():
        if desc.get("state") != "pending":
            continue
        kind = desc.get("kind")
        if kind == "interval":
            reason = f"its setInterval (every {_ms(desc.get('repeat'))}) has not been cleared"
        elif kind == "timeout":
            reason = f"its setTimeout has not fired yet (it is due at {_ms(desc.get('due'))}; the clock is at {_ms(now)})"
        else:
            reason = "its setImmediate has not run yet"
        add(callees(desc.get("callback"), heap), reason)

    for job in loop.get("microtasks", []):
        reason = JOB_REASONS.get(str(job.get("label")), f"it is queued as a microtask ({job.get('label') or 'a job'})")
        reason += "; it runs as soon as the current task ends"
        add(callees(job.get("callback"), heap), reason,
            "it is suspended at await{line}, and what it awaits has settled: it resumes in a queued microtask")

    live = live_keys(checkpoint)
    for key, desc in heap.items():
        if not isinstance(desc, Mapping) or desc.get("type") != "promise" or desc.get("state") != "pending":
            continue
        if key not in live:
            continue
        for reaction in desc.get("reactions", []):
            for handler in ("on_fulfilled", "on_rejected"):
                add(callees(reaction.get(handler), heap), "it is registered with {how} on a promise that is still pending",
                    "it is suspended at await{line}, waiting for a promise that is still pending", handler)
    return out


def _timer_word(kind: Any) -> str:
    return {"interval": "setInterval", "timeout": "setTimeout"}.get(str(kind), "setImmediate")


def waited_before(history: Sequence[Mapping[str, Any]]) -> set[str]:
    """Heap keys of the functions that were waiting at any of these checkpoints."""
    return {key for earlier in history for key in waiting(earlier)}


def not_waiting(checkpoint: Mapping[str, Any], key: str, history: Sequence[Mapping[str, Any]] = (),
                waited: set[str] | None = None) -> str:
    """Why a program function is not waiting at a checkpoint, as a phrase that follows "it is not waiting: ".
    `history` is the trace's earlier checkpoints (they still hold callbacks that clearTimeout has since dropped);
    `waited` is waited_before(history), when the caller has it already."""
    heap: Mapping[str, Any] = checkpoint.get("heap", {})
    loop: Mapping[str, Any] = checkpoint.get("loop", {})
    task = loop.get("task") or {}
    if any(c.key == key for c in callees(task.get("callback"), heap)):
        return "it is running right now (the checkpoint is inside it), and nothing schedules it again"
    for timer, desc in heap.items():
        if not isinstance(desc, Mapping) or desc.get("type") != "timer":
            continue
        word = _timer_word(desc.get("kind"))
        if desc.get("state") == "fired" and any(c.key == key for c in callees(desc.get("callback"), heap)):
            return f"it already ran: its {word} fired at {_ms(desc.get('due'))}"
        if desc.get("state") == "cleared":
            for earlier in history:
                old = earlier.get("heap", {}).get(timer)
                if isinstance(old, Mapping) and any(c.key == key for c in callees(old.get("callback"), earlier["heap"])):
                    return f"its {word} was cleared (clear{word[3:]}), so it will not run"
    live = live_keys(checkpoint)
    for promise, desc in heap.items():
        if not isinstance(desc, Mapping) or desc.get("type") != "promise" or desc.get("state") != "pending":
            continue
        if promise in live:
            continue
        for reaction in desc.get("reactions", []):
            for handler in ("on_fulfilled", "on_rejected"):
                for callee in callees(reaction.get(handler), heap):
                    if callee.key != key:
                        continue
                    if callee.activation:
                        return (f"it is suspended at await{_await_line(callee.activation, heap)}, but on a promise that "
                                "nothing can settle any more: the suspended call is garbage and never resumes")
                    return ("it is registered on a promise that is still pending but that nothing reaches any more: "
                            "the promise is garbage, so the callback can never run")
    for desc in heap.values():
        if (isinstance(desc, Mapping) and desc.get("type") == "generator" and desc.get("kind") == "generator"
                and _key(desc.get("function")) == key and str(desc.get("state", "")).startswith("suspended")):
            return "it is a generator suspended at yield: only a call of next() resumes it, not the event loop"
    if key in (waited_before(history) if waited is None else waited):
        return "it was waiting at an earlier checkpoint and has run (or been cancelled) since"
    return "no pending timer, queued job or pending promise holds it (it already ran, was cleared, or was never scheduled)"


def function_descriptions(checkpoint: Mapping[str, Any], trace: Mapping[str, Any] | None = None) -> dict[str, Mapping[str, Any]]:
    """Heap key -> description of every program function the checkpoint's heap describes, and of functions that
    other checkpoints of the trace describe (a function an earlier gc() freed is no longer in this heap)."""
    out: dict[str, Mapping[str, Any]] = {}
    heaps = [checkpoint.get("heap", {})] + [cp.get("heap", {}) for cp in (trace or {}).get("checkpoints", [])]
    for heap in heaps:
        for key, desc in heap.items():
            if key not in out and is_user_function(key, heap):
                out[key] = desc
    return out


def site_line(key: str) -> int:
    """The line of a heap key "L:C#k"."""
    try:
        return int(key.split(":", 1)[0])
    except ValueError:
        return 0


def function_title(name: str, label: str, line: int) -> str:
    """How feedback names a function: "tick (B)", or "the function B (line 9)" when it has no name."""
    return f"{name} ({label})" if name else f"the function {label} (line {line})"
