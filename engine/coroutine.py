"""Generators and async functions (ECMA-262 27.5 and 27.7) as coroutines over suspended frames.

A call of a generator or async function makes its frame as any call does (:meth:`VM.js_frame`), but the
frame belongs to a :class:`Coroutine`. While the coroutine runs, its frame is on the VM's stack; when the
frame yields or awaits (a ``(YIELD, v)`` or ``(AWAIT, v)`` request, see engine.vm) the run loop takes it
off the stack and the coroutine keeps it, the compiled Python generator suspended with all of the
frame's variables. That is V8's model: a suspended generator's registers live in its generator object
(JSGeneratorObject, JSAsyncFunctionObject), which is garbage once nothing refers to it, locals and all.
An async function that awaits a promise nothing else can reach is held only by that promise's
reactions, so it is garbage too.

A coroutine is always resumed by a built-in frame below it that yields ``(RESUME, coroutine, mode,
value)``: ``Generator.prototype.next``/``return``/``throw``, or :func:`async_step` (started by the call
and, after each ``await``, by the promise job that resumes it). That frame gets the coroutine's
outcome: a :class:`engine.vm.Suspended` (it yielded or awaited), its return value, or its exception.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from engine import ops
from engine.builtins.common import arg, describe, method, string_tag
from engine.values import NULL, SYM_ITERATOR, UNDEFINED, JSFunction, JSObject, JSThrow
from engine.vm import AWAIT, GENSTART, RESUME, YIELD, YIELD_DELEGATE, GeneratorReturn, Suspended


class Coroutine(JSObject):
    """A generator object, or the activation of an async function (V8's JSAsyncFunctionObject, which the
    program never sees but which holds the suspended frame). ``state`` follows ECMA-262 27.5.3:
    suspendedStart, suspendedYield, executing, completed."""

    __slots__ = ("frame", "state", "kind", "func", "promise", "awaiting", "resumes", "queue", "saved")
    type_name = "generator"

    def __init__(self, proto: JSObject | None, frame: Any, kind: str) -> None:
        super().__init__(proto, _CLASS[kind])
        self.frame = frame
        self.state = "suspendedStart"
        self.kind = kind               # generator | async
        self.func: Any = frame.func
        self.promise: Any = None       # async: the promise the call returned
        self.awaiting: Any = None      # async: the promise it waits on while suspended
        self.resumes = 0               # how many times it was resumed (the timeline tells a resumed frame)
        self.queue: list[Any] = []     # asyncgen: the next/return/throw requests waiting (engine.asyncgen)
        self.saved: list[Any] = []     # what the generator object keeps once completed (see suspend)

    def suspend(self, kind: Any = YIELD) -> None:
        self.state = "suspendedStart" if kind is GENSTART else "suspendedYield"
        self.saved = _saved_at_suspend(self.frame)
        touch(self)

    def resume(self) -> None:
        self.resumes += 1
        self.state = "executing"
        self.awaiting = None
        touch(self)

    def finish(self) -> None:
        self.state = "completed"
        self.frame = None
        touch(self)

    def children(self) -> Iterator[Any]:
        yield from super().children()
        if self.func is not None:
            yield self.func
        if self.promise is not None:
            yield self.promise
        for r in self.queue:
            yield r.value
            yield r.promise
        fr = self.frame
        if fr is None:
            yield from self.saved
        else:
            from engine import gc
            from engine.errors import current_vm

            vm = current_vm()
            if vm is not None:
                yield from gc.frame_values(vm, fr)


def _saved_at_suspend(fr: Any) -> list[Any]:
    """What V8's JSGeneratorObject still holds after it completes: SuspendGenerator stored the receiver, the
    parameters' values and the current context at the last suspension, and nothing clears them (only the
    registers are cleared when it resumes). So a completed generator keeps its `this`, its parameters (as
    they were when it last yielded) and the context it last yielded in, but none of its other locals."""
    from engine.errors import current_vm
    from engine.values import Context

    vm = current_vm()
    frame = getattr(fr.gen, "gi_frame", None) if fr is not None else None
    program = vm.program if vm is not None else None
    if frame is None or program is None or fr.code is None:
        return []
    f_locals = frame.f_locals
    out = [fr.this, *fr.args]
    scope = program.scopes.get(program.pos_scopes[fr.pos])
    context = None
    while scope is not None:
        if context is None and scope.has_ctx:
            ctx = f_locals.get(scope.ctx_var)
            if isinstance(ctx, Context):
                context = ctx
        if scope.kind == "function":
            params = [b for b in scope.bindings.values() if b.kind == "param" and b.storage == "local"]
            out[1:] = [f_locals.get(b.py, UNDEFINED) for b in params]
            break
        scope = scope.parent
    if context is not None:
        out.append(context)
    return [v for v in out if isinstance(v, JSObject)]


_CLASS = {"generator": "Generator", "async": "AsyncFunction", "asyncgen": "AsyncGenerator"}


def touch(o: JSObject) -> None:
    """The timeline: this object changed (it is described again at the next step)."""
    from engine.errors import current_vm

    vm = current_vm()
    if vm is not None and vm.on_native is not None:
        vm.on_native(o, [])


# ---------------------------------------------------------------- calls
def start(vm: Any, f: JSFunction, this: Any, args: list[Any]) -> None:
    """Call generator or async function `f`: push the built-in frame that starts its coroutine."""
    code = f.code
    fr = vm.js_frame(f, this, args)
    if code.is_gen:
        proto = vm.get(f, "prototype")
        kind = "asyncgen" if code.is_async else "generator"
        fallback = vm.AsyncGeneratorPrototype if code.is_async else vm.GeneratorPrototype
        co = Coroutine(proto if isinstance(proto, JSObject) else fallback, fr, kind)
    else:
        co = Coroutine(None, fr, "async")
        from engine.builtins.promise import new_promise

        co.promise = new_promise(vm)
    vm.register(co)
    fr.coro = co
    fr.gen = code.py(vm, fr, f, fr.this, args)
    vm.push_native_gen(_generator_start(co) if code.is_gen else async_step(vm, co, "next", None), f, this, args)


def _generator_start(co: Coroutine) -> Any:
    """Run a new generator's prologue (its parameters are bound at the call, 27.5.3.1), then hand it back."""
    yield (RESUME, co, "next", None)
    return co


def async_step(vm: Any, co: Coroutine, mode: str, value: Any) -> Any:
    """Run async activation `co` until it awaits or ends (27.7.5.3 AsyncBlockStart, 27.7.5.3 Await)."""
    from engine.builtins import promise as P

    while True:
        try:
            out = yield (RESUME, co, mode, value)
        except JSThrow as e:
            P.reject_promise(vm, co.promise, e.value)
            return co.promise
        if not isinstance(out, Suspended):
            P.resolve_promise(vm, co.promise, out)
            return co.promise
        try:
            awaited = P.promise_resolve(vm, out.value)
        except JSThrow as e:  # PromiseResolve threw (a `constructor` getter): thrown at the await
            mode, value = "throw", e.value
            continue
        co.awaiting = awaited
        on_fulfilled, on_rejected = await_closures(vm, co)
        P.perform_then(vm, awaited, on_fulfilled, on_rejected, None)
        return co.promise


def await_closures(vm: Any, co: Coroutine) -> tuple[Any, Any]:
    """The two closures an ``await`` registers on the awaited promise (27.7.5.3 Await steps 3-7): each
    resumes the activation, so the promise's reactions are what keep a suspended async function alive."""
    from engine.builtins.promise import internal

    def fulfilled(vm_: Any, this: Any, args: list[Any]) -> Any:
        vm.run_native_gen(async_step(vm, co, "next", arg(args, 0)))
        return UNDEFINED

    def rejected(vm_: Any, this: Any, args: list[Any]) -> Any:
        vm.run_native_gen(async_step(vm, co, "throw", arg(args, 0)))
        return UNDEFINED

    return internal(vm, fulfilled, [co], "await resume"), internal(vm, rejected, [co], "await throw")


# ---------------------------------------------------------------- Generator.prototype
def _generator(vm: Any, this: Any, name: str) -> Coroutine:
    if not isinstance(this, Coroutine) or this.kind != "generator":
        raise vm.throw_type(f"{name} method called on incompatible receiver {describe(vm, this)}")
    return this


def _resume(vm: Any, this: Any, args: list[Any], mode: str) -> Any:
    """GeneratorResume / GeneratorResumeAbrupt (27.5.3.3, 27.5.3.4)."""
    from engine.builtins.iteration import iter_result

    co = _generator(vm, this, mode)
    value = arg(args, 0)
    if co.state == "executing":
        raise vm.throw_type("Generator is already running")
    if co.state == "suspendedStart" and mode != "next":
        co.finish()
    if co.state == "completed":
        if mode == "throw":
            raise JSThrow(value)
        return iter_result(vm, value if mode == "return" else UNDEFINED, True)
    out = yield (RESUME, co, mode, value)
    if isinstance(out, Suspended):
        if out.kind is YIELD_DELEGATE:
            return out.value
        return iter_result(vm, out.value, False)
    return iter_result(vm, out, True)


def _next(vm: Any, this: Any, args: list[Any]) -> Any:
    return (yield from _resume(vm, this, args, "next"))


def _return(vm: Any, this: Any, args: list[Any]) -> Any:
    return (yield from _resume(vm, this, args, "return"))


def _throw(vm: Any, this: Any, args: list[Any]) -> Any:
    return (yield from _resume(vm, this, args, "throw"))


def install(vm: Any) -> None:
    """%GeneratorFunction.prototype.prototype% (the generator objects' prototype), with next/return/throw."""
    proto = vm.builtin_object(vm.IteratorPrototype)
    method(vm, proto, "next", _next, 1, gen=True)
    method(vm, proto, "return", _return, 1, gen=True)
    method(vm, proto, "throw", _throw, 1, gen=True)
    string_tag(proto, "Generator")
    vm.GeneratorPrototype = proto


# ---------------------------------------------------------------- yield* (14.4.14)
def delegate_iterator(vm: Any, iterable: Any) -> JSObject:
    """GetIterator(iterable, sync) for ``yield*``."""
    fn = vm.get(iterable, SYM_ITERATOR) if iterable is not UNDEFINED and iterable is not NULL else UNDEFINED
    if not ops.is_callable(fn):
        raise vm.throw_type(f"{describe(vm, iterable)} is not iterable")
    it = vm.call_sync(fn, iterable, [])
    if not isinstance(it, JSObject):
        raise vm.throw_type("Result of the Symbol.iterator method is not an object")
    return it


def yield_star(vm: Any, it: JSObject, pos: int) -> Any:
    """The delegation loop of ``yield*``, run inside the delegating generator's frame with ``yield from``:
    next/throw/return sent to the generator go on to the inner iterator; its results pass through."""
    next_fn = vm.get(it, "next")
    mode, received = "next", UNDEFINED
    while True:
        if mode == "next":
            r = yield (next_fn, it, [received], pos)
        elif mode == "throw":
            fn = vm.get(it, "throw")
            if not ops.is_callable(fn):
                close = vm.get(it, "return")
                if ops.is_callable(close):
                    yield (close, it, [], pos)
                raise vm.throw_type("The iterator does not provide a 'throw' method")
            r = yield (fn, it, [received], pos)
        else:
            fn = vm.get(it, "return")
            if not ops.is_callable(fn):
                raise GeneratorReturn(received)
            r = yield (fn, it, [received], pos)
        if not isinstance(r, JSObject):
            raise vm.throw_type(f"Iterator result {describe(vm, r)} is not an object")
        if ops.truthy(vm.get(r, "done")):
            value = vm.get(r, "value")
            if mode == "return":
                raise GeneratorReturn(value)
            return value
        try:
            received = yield (YIELD_DELEGATE, r)
            mode = "next"
        except JSThrow as e:
            mode, received = "throw", e.value
        except GeneratorReturn as g:
            mode, received = "return", g.value


__all__ = ["AWAIT", "Coroutine", "YIELD", "YIELD_DELEGATE", "async_step", "delegate_iterator", "install", "start",
           "yield_star"]
