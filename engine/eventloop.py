"""The event loop, as node runs a classic script (docs/event-loop.md).

After the script, the microtask queue drains; then the loop turns: the **timers** phase runs every
timer that is due, in order of due time and then creation, each followed by a microtask drain; the
**check** phase runs the immediates queued before it began, each followed by a drain; when nothing is
due and no immediate waits, virtual time jumps to the next timer. Time is virtual: a 10-second timer
fires at once, in order, without waiting, and the script itself takes no time (so a `setTimeout(f, 0)`
from the script fires after a `setImmediate` from it, one of the two orders node may show).

What the loop holds is a root of the collector (contract rule 1, extended in docs/event-loop.md): every
pending timer and immediate (which hold their callbacks and arguments), and every queued job (the
reaction, the value it passes, the promise it settles). A promise's reactions are not roots: they live
in the promise, so a pending promise nothing refers to is garbage, with whatever waits on it.

When a drain ends, `WeakRef` targets kept for the job are released (ClearKeptObjects, as V8 does after
each microtask checkpoint), and a rejected promise that still has no handler ends the run, as node's
default ``--unhandled-rejections=throw`` does.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Iterator
from typing import Any

from engine.values import UNDEFINED, JSObject, JSThrow


class UnhandledRejection(JSThrow):
    """A promise was rejected and no handler was added by the end of the microtask drain."""


# ---------------------------------------------------------------- jobs (ECMA-262 9.5, 27.2.2)
class Job:
    kind = "job"

    def run(self, vm: Any) -> None:
        raise NotImplementedError

    def refs(self) -> Iterator[Any]:
        return iter(())

    def callback(self) -> Any:
        return None


class ReactionJob(Job):
    """NewPromiseReactionJob (27.2.2.1): call the reaction's handler with the value, settle what it returns."""

    kind = "reaction"
    __slots__ = ("reaction", "argument")

    def __init__(self, reaction: Any, argument: Any) -> None:
        self.reaction = reaction
        self.argument = argument

    def run(self, vm: Any) -> None:
        r = self.reaction
        cap = r.capability
        handler = r.handler
        try:
            if handler is None:
                if r.kind == "reject":
                    raise JSThrow(self.argument)
                result = self.argument
            else:
                result = vm.call_sync(handler, UNDEFINED, [self.argument])
        except JSThrow as e:
            if cap is None:
                raise
            cap.reject(vm, e.value)
            return
        if cap is not None:
            cap.resolve(vm, result)

    def refs(self) -> Iterator[Any]:
        yield from self.reaction.refs()
        if isinstance(self.argument, JSObject):
            yield self.argument

    def callback(self) -> Any:
        return self.reaction.handler

    @property
    def label(self) -> str:
        from engine.builtins.promise import InternalFunction

        h = self.reaction.handler
        if isinstance(h, InternalFunction):
            return h.role
        if h is None:
            return "pass the value on" if self.reaction.kind == "fulfill" else "pass the rejection on"
        return "then callback" if self.reaction.kind == "fulfill" else "catch callback"


class ThenableJob(Job):
    """NewPromiseResolveThenableJob (27.2.2.2): a promise resolved with a thenable follows it."""

    kind = "thenable"
    __slots__ = ("promise", "thenable", "then")
    label = "follow a thenable"

    def __init__(self, promise: Any, thenable: Any, then: Any) -> None:
        self.promise = promise
        self.thenable = thenable
        self.then = then

    def run(self, vm: Any) -> None:
        from engine.builtins.promise import reject_promise, resolving_functions

        record = [False]
        resolve, reject = resolving_functions(vm, self.promise, record)
        try:
            vm.call_sync(self.then, self.thenable, [resolve, reject])
        except JSThrow as e:
            if not record[0]:
                record[0] = True
                reject_promise(vm, self.promise, e.value)

    def refs(self) -> Iterator[Any]:
        yield self.promise
        yield self.thenable
        yield self.then

    def callback(self) -> Any:
        return self.then


class CallbackJob(Job):
    """queueMicrotask(callback)."""

    kind = "callback"
    __slots__ = ("fn",)
    label = "queueMicrotask callback"

    def __init__(self, fn: Any) -> None:
        self.fn = fn

    def run(self, vm: Any) -> None:
        vm.call_sync(self.fn, UNDEFINED, [])

    def refs(self) -> Iterator[Any]:
        yield self.fn

    def callback(self) -> Any:
        return self.fn


# ---------------------------------------------------------------- the loop
class EventLoop:
    """The microtask queue, the timer list, the immediate queue and virtual time of one run."""

    def __init__(self, vm: Any) -> None:
        self.vm = vm
        self.microtasks: deque[Job] = deque()
        self.timers: list[tuple[float, int, Any]] = []   # a heap of (due, seq, timer)
        self.immediates: list[Any] = []
        self.now = 0.0
        self.seq = 0
        self.unhandled: list[Any] = []
        self.task: tuple[str, Any] = ("script", None)
        self.script_done = False
        self.version = 0        # bumped at every change (the timeline re-describes the loop)
        self.used = False       # any asynchronous API was used
        self.timer_ids = 0

    def changed(self) -> None:
        self.version += 1
        self.used = True

    # -- queues
    def enqueue(self, job: Job) -> None:
        self.microtasks.append(job)
        self.changed()

    def add_timer(self, timer: Any) -> None:
        self.seq += 1
        timer.seq = self.seq
        timer.due = self.now + timer.delay
        timer.active = True
        heapq.heappush(self.timers, (timer.due, timer.seq, timer))
        self.changed()

    def add_immediate(self, imm: Any) -> None:
        self.seq += 1
        imm.seq = self.seq
        imm.active = True
        self.immediates.append(imm)
        self.changed()

    def note_rejected(self, promise: Any) -> None:
        self.unhandled.append(promise)
        self.used = True

    def note_handled(self, promise: Any) -> None:
        if promise in self.unhandled:
            self.unhandled.remove(promise)

    def pending_timers(self) -> list[Any]:
        """Active timers in the order they will fire."""
        return [t for _, seq, t in sorted(self.timers, key=lambda e: (e[0], e[1])) if t.active and t.seq == seq]

    def pending_immediates(self) -> list[Any]:
        return [i for i in self.immediates if i.active]

    def roots(self) -> list[Any]:
        out: list[Any] = []
        kind, running = self.task
        if kind == "microtask" and running is not None:
            # V8's RunMicrotasks holds the job while it runs: its handler, its argument and the promise it
            # will settle (with what waits on that promise) stay reachable until the job returns.
            out.extend(running.refs())
        for job in self.microtasks:
            out.extend(job.refs())
        out.extend(self.pending_timers())
        out.extend(self.pending_immediates())
        return out

    # -- running
    def run(self) -> None:
        """Everything after the script: drain, then turn the loop until nothing is left to run."""
        self.script_done = True
        self.task = ("idle", None)
        self.changed()
        self.drain()
        while True:
            while self.timers and self.timers[0][0] <= self.now:
                _, seq, timer = heapq.heappop(self.timers)
                if timer.active and timer.seq == seq:
                    self._fire(timer)
                    self.task = ("idle", None)
            if any(i.active for i in self.immediates):
                batch, self.immediates = self.immediates, []
                for imm in batch:
                    if imm.active:
                        self._fire(imm)
                        self.task = ("idle", None)
                continue
            self.immediates = []
            nxt = self._next_due()
            if nxt is None:
                break
            self.now = max(self.now, nxt)
        self.task = ("done", None)
        self.changed()

    def _next_due(self) -> float | None:
        """The due time of the next active timer that keeps the loop alive (an `unref()`ed one does not)."""
        live = [(due, seq) for due, seq, t in self.timers if t.active and t.seq == seq and t.refed]
        if not live:
            return None
        return min(live)[0]

    def _fire(self, timer: Any) -> None:
        vm = self.vm
        self.task = (timer.kind, timer)
        repeat = timer.repeat
        if repeat is None or timer.cls == "Immediate":
            timer.active = False
            timer.state = "fired"
        self.changed()
        vm.tick()
        timer.fired += 1
        vm.on_native is not None and vm.on_native(timer, [])
        callback = timer.callback
        vm.call_sync(callback, timer, list(timer.args))
        if repeat is not None and timer.cls == "Timeout" and timer.active:
            self.seq += 1
            timer.seq = self.seq
            timer.due = self.now + repeat
            heapq.heappush(self.timers, (timer.due, timer.seq, timer))
            vm.on_native is not None and vm.on_native(timer, [])   # its `due` changed (the timeline's heap)
            self.changed()
        self.drain()

    def drain(self) -> None:
        """A microtask checkpoint: run every job, including the ones queued meanwhile; then release the
        WeakRef targets kept for the job, and end the run on a rejection nobody handled."""
        vm = self.vm
        queue = self.microtasks
        outer = self.task
        while queue:
            job = queue.popleft()
            self.task = ("microtask", job)
            self.changed()
            vm.tick()
            job.run(vm)
        if self.task is not outer:
            self.task = outer
            self.changed()
        if vm.kept_objects:
            vm.kept_objects.clear()
            self.changed()
        for p in self.unhandled:
            if not p.is_handled:
                raise UnhandledRejection(p.result)
        self.unhandled.clear()

    def has_intervals(self) -> bool:
        """An interval is pending or running (the run can only end at a limit)."""
        running = self.task[1] if self.task[0] == "interval" else None
        return running is not None or any(t.repeat is not None for t in self.pending_timers())

    # -- for the trace (docs/event-loop.md)
    def describe(self) -> dict[str, Any]:
        from engine.trace import heap_ref

        def ref(v: Any) -> Any:
            return heap_ref(v) if v is not None else None

        kind, obj = self.task
        task: dict[str, Any] = {"kind": kind}
        if kind in ("timeout", "interval", "immediate") and obj is not None:
            task["timer"] = ref(obj)
            task["callback"] = ref(obj.callback)
        elif kind == "microtask" and obj is not None:
            task["job"] = obj.kind
            task["label"] = obj.label
            task["callback"] = ref(obj.callback())
        return {
            "task": task,
            "script_done": self.script_done,
            "now": _num(self.now),
            "timers": [{"timer": ref(t), "kind": t.kind, "callback": ref(t.callback), "due": _num(t.due),
                        "repeat": _num(t.repeat) if t.repeat is not None else None,
                        "args": [heap_ref(a) for a in t.args]} for t in self.pending_timers()],
            "immediates": [{"timer": ref(i), "callback": ref(i.callback), "args": [heap_ref(a) for a in i.args]}
                           for i in self.pending_immediates()],
            "microtasks": [_describe_job(j) for j in self.microtasks],
        }


def _num(v: float) -> Any:
    return int(v) if float(v).is_integer() else v


def _describe_job(job: Job) -> dict[str, Any]:
    from engine.trace import heap_ref

    cb = job.callback()
    out: dict[str, Any] = {"job": job.kind, "label": getattr(job, "label", job.kind),
                           "callback": heap_ref(cb) if cb is not None else None}
    if isinstance(job, ReactionJob):
        out["argument"] = heap_ref(job.argument)
        cap = job.reaction.capability
        out["promise"] = heap_ref(cap.promise) if cap is not None else None
    elif isinstance(job, ThenableJob):
        out["promise"] = heap_ref(job.promise)
    return out
