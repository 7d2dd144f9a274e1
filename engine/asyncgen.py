"""Async generators and ``for await`` (ECMA-262 27.6, 27.1.4, 14.7.5): on top of engine.coroutine.

An async generator is a :class:`~engine.coroutine.Coroutine` of kind ``asyncgen`` with a request queue
(27.6.3.1 AsyncGeneratorRequest): each ``next``/``return``/``throw`` call makes a promise and queues a request;
the body runs while requests wait and settles them in order, one per ``yield`` (or all of them, done, when it
ends). Its frame both awaits and yields: a ``yield v`` awaits ``v`` first, a ``return v`` awaits ``v``, and a
``return()`` request received at a ``yield`` awaits its value inside the body (27.6.3.7), so ``finally`` blocks
run in between, as in V8.

``for await`` gets its iterator from ``Symbol.asyncIterator``, else wraps a sync iterator
(CreateAsyncFromSyncIterator, 27.1.4.1), and awaits each ``next()`` result; a loop left early closes the
iterator with ``return()``, awaited (AsyncIteratorClose, 7.4.13).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from engine import ops
from engine.builtins.common import arg, describe, get_method, method, string_tag
from engine.coroutine import touch
from engine.values import (
    NULL,
    SYM_ASYNC_ITERATOR,
    SYM_ITERATOR,
    UNDEFINED,
    JSObject,
    JSThrow,
)
from engine.vm import AWAIT, RESUME, YIELD, GeneratorReturn, Suspended


class Request:
    """An AsyncGeneratorRequest: what was asked (next, return, throw), with what, and the promise it settles."""

    __slots__ = ("mode", "value", "promise")

    def __init__(self, mode: str, value: Any, promise: Any) -> None:
        self.mode, self.value, self.promise = mode, value, promise


# ---------------------------------------------------------------- running the body
def _set_state(co: Any, state: str) -> None:
    co.state = state
    touch(co)


def _complete(vm: Any, co: Any, mode: str, value: Any, done: bool) -> None:
    """AsyncGeneratorCompleteStep (27.6.3.4): settle the oldest request."""
    from engine.builtins import promise as P
    from engine.builtins.iteration import iter_result

    req = co.queue.pop(0)
    touch(co)
    if mode == "throw":
        P.reject_promise(vm, req.promise, value)
    else:
        P.resolve_promise(vm, req.promise, iter_result(vm, value, done))


def _drain(vm: Any, co: Any) -> None:
    """AsyncGeneratorDrainQueue (27.6.3.10): the body is over; answer what is still asked, in order."""
    while co.queue:
        head = co.queue[0]
        if head.mode == "return":
            _set_state(co, "awaiting-return")
            _await_return(vm, co)
            return
        if head.mode == "throw":
            _complete(vm, co, "throw", head.value, True)
        else:
            _complete(vm, co, "next", UNDEFINED, True)
    _set_state(co, "completed")


def _await_return(vm: Any, co: Any) -> None:
    """AsyncGeneratorAwaitReturn (27.6.3.9): a return() request on a finished generator awaits its value."""
    from engine.builtins import promise as P

    value = co.queue[0].value
    try:
        awaited = P.promise_resolve(vm, value)
    except JSThrow as e:
        _set_state(co, "completed")
        _complete(vm, co, "throw", e.value, True)
        _drain(vm, co)
        return

    def fulfilled(vm_: Any, this: Any, args: list[Any]) -> Any:
        _set_state(co, "completed")
        _complete(vm, co, "next", arg(args, 0), True)
        _drain(vm, co)
        return UNDEFINED

    def rejected(vm_: Any, this: Any, args: list[Any]) -> Any:
        _set_state(co, "completed")
        _complete(vm, co, "throw", arg(args, 0), True)
        _drain(vm, co)
        return UNDEFINED

    P.perform_then(vm, awaited, P.internal(vm, fulfilled, [co], "return resume"),
                   P.internal(vm, rejected, [co], "return throw"), None)


def run(vm: Any, co: Any, mode: str, value: Any) -> Any:
    """AsyncGeneratorResume: run the body until it awaits, or yields with no request left, or ends."""
    from engine.builtins import promise as P

    while True:
        try:
            out = yield (RESUME, co, mode, value)
        except JSThrow as e:
            _complete(vm, co, "throw", e.value, True)
            _drain(vm, co)
            return UNDEFINED
        if not isinstance(out, Suspended):
            _complete(vm, co, "next", out, True)
            _drain(vm, co)
            return UNDEFINED
        if out.kind is AWAIT:
            try:
                awaited = P.promise_resolve(vm, out.value)
            except JSThrow as e:
                mode, value = "throw", e.value
                continue
            co.awaiting = awaited
            P.perform_then(vm, awaited, *_await_closures(vm, co), None)
            return UNDEFINED
        _complete(vm, co, "next", out.value, False)
        if not co.queue:
            return UNDEFINED
        head = co.queue[0]  # asked while it ran: answered at once (AsyncGeneratorYield step 9)
        mode, value = head.mode, head.value


def _await_closures(vm: Any, co: Any) -> tuple[Any, Any]:
    from engine.builtins.promise import internal

    def fulfilled(vm_: Any, this: Any, args: list[Any]) -> Any:
        vm.run_native_gen(run(vm, co, "next", arg(args, 0)))
        return UNDEFINED

    def rejected(vm_: Any, this: Any, args: list[Any]) -> Any:
        vm.run_native_gen(run(vm, co, "throw", arg(args, 0)))
        return UNDEFINED

    return internal(vm, fulfilled, [co], "await resume"), internal(vm, rejected, [co], "await throw")


# ---------------------------------------------------------------- inside the body (used with `yield from`)
def body_yield(value: Any) -> Any:
    """``yield value`` in an async generator: Await(value), hand it out; a return() request's value is
    awaited before the generator returns (AsyncGeneratorUnwrapYieldResumption)."""
    value = yield (AWAIT, value)
    try:
        return (yield (YIELD, value))
    except GeneratorReturn as g:
        awaited = yield (AWAIT, g.value)
        raise GeneratorReturn(awaited) from None


def _yield_raw(value: Any) -> Any:
    """AsyncGeneratorYield as yield* uses it: no Await of the value; the resumption as (mode, value)."""
    try:
        return "next", (yield (YIELD, value))
    except JSThrow as e:
        return "throw", e.value
    except GeneratorReturn as g:
        try:
            awaited = yield (AWAIT, g.value)
        except JSThrow as e:
            return "throw", e.value
        return "return", awaited


def yield_star(vm: Any, it: tuple[JSObject, Any], pos: int) -> Any:
    """``yield*`` in an async generator (14.4.14, generatorKind async): each inner result is awaited."""
    iterator, next_fn = it
    mode, received = "next", UNDEFINED
    while True:
        if mode == "next":
            r = yield (AWAIT, (yield (next_fn, iterator, [received], pos)))
        elif mode == "throw":
            fn = get_method(vm, iterator, "throw")
            if fn is UNDEFINED:
                yield from close(vm, it, False, pos)
                raise vm.throw_type("The iterator does not provide a 'throw' method")
            r = yield (AWAIT, (yield (fn, iterator, [received], pos)))
        else:
            fn = get_method(vm, iterator, "return")
            if fn is UNDEFINED:
                raise GeneratorReturn((yield (AWAIT, received)))
            r = yield (AWAIT, (yield (fn, iterator, [received], pos)))
        if not isinstance(r, JSObject):
            raise vm.throw_type(f"Iterator result {describe(vm, r)} is not an object")
        done = ops.truthy(vm.get(r, "done"))
        value = vm.get(r, "value")
        if done:
            if mode == "return":
                raise GeneratorReturn(value)
            return value
        mode, received = yield from _yield_raw(value)


# ---------------------------------------------------------------- for await and yield*: the iterator
def get_async_iterator(vm: Any, obj: Any) -> tuple[JSObject, Any]:
    """GetIterator(obj, async) (7.4.3): the iterator and its `next` method."""
    if obj is UNDEFINED or obj is NULL:
        raise vm.throw_type(f"{describe(vm, obj)} is not async iterable")
    fn = get_method(vm, obj, SYM_ASYNC_ITERATOR)
    if fn is UNDEFINED:
        sync = get_method(vm, obj, SYM_ITERATOR)
        if sync is UNDEFINED:
            raise vm.throw_type(f"{describe(vm, obj)} is not async iterable")
        sync_it = vm.call_sync(sync, obj, [])
        if not isinstance(sync_it, JSObject):
            raise vm.throw_type("Result of the Symbol.iterator method is not an object")
        wrapper = AsyncFromSyncIterator(vm.AsyncFromSyncIteratorPrototype, sync_it, vm.get(sync_it, "next"))
        vm.register(wrapper)
        return wrapper, vm.get(wrapper, "next")
    it = vm.call_sync(fn, obj, [])
    if not isinstance(it, JSObject):
        raise vm.throw_type("Result of the Symbol.asyncIterator method is not an object")
    return it, vm.get(it, "next")


def step(vm: Any, r: Any) -> tuple[bool, Any]:
    """A for-await step's awaited `next()` result: (done, value)."""
    if not isinstance(r, JSObject):
        raise vm.throw_type(f"Iterator result {describe(vm, r)} is not an object")
    if ops.truthy(vm.get(r, "done")):
        return True, UNDEFINED
    return False, vm.get(r, "value")


def close(vm: Any, it: tuple[JSObject, Any], abrupt: bool, pos: int) -> Any:
    """AsyncIteratorClose (7.4.13): call `return()` and await it; after a throw its errors are ignored."""
    iterator = it[0]
    try:
        fn = get_method(vm, iterator, "return")
        if fn is UNDEFINED:
            return UNDEFINED
        r = yield (AWAIT, (yield (fn, iterator, [], pos)))
    except JSThrow:
        if abrupt:
            return UNDEFINED
        raise
    if not abrupt and not isinstance(r, JSObject):
        raise vm.throw_type(f"Iterator result {describe(vm, r)} is not an object")
    return UNDEFINED


class AsyncFromSyncIterator(JSObject):
    """%AsyncFromSyncIteratorPrototype% objects (27.1.4): a sync iterator seen as an async one."""

    __slots__ = ("sync", "sync_next")

    def __init__(self, proto: JSObject, sync: JSObject, sync_next: Any) -> None:
        super().__init__(proto, "Object")
        self.sync, self.sync_next = sync, sync_next

    @property
    def held(self) -> list[Any]:
        return [self.sync, self.sync_next]

    def children(self) -> Iterator[Any]:
        yield from super().children()
        yield self.sync
        if isinstance(self.sync_next, JSObject):
            yield self.sync_next


def _continuation(vm: Any, result: Any, promise: Any) -> Any:
    """AsyncFromSyncIteratorContinuation (27.1.4.4): the sync result's value, awaited, as an iterator result."""
    from engine.builtins import promise as P
    from engine.builtins.iteration import iter_result

    try:
        done = ops.truthy(vm.get(result, "done"))
        wrapper = P.promise_resolve(vm, vm.get(result, "value"))
    except JSThrow as e:
        P.reject_promise(vm, promise, e.value)
        return promise

    def unwrap(vm_: Any, this: Any, args: list[Any]) -> Any:
        return iter_result(vm, arg(args, 0), done)

    cap = P.Capability(promise)
    P.perform_then(vm, wrapper, P.internal(vm, unwrap, [], "async-from-sync value"), UNDEFINED, cap)
    return promise


def _from_sync(vm: Any, this: Any, mode: str, args: list[Any]) -> Any:
    from engine.builtins import promise as P
    from engine.builtins.iteration import iter_result

    promise = P.new_promise(vm)
    if not isinstance(this, AsyncFromSyncIterator):
        P.reject_promise(vm, promise, vm.new_error("TypeError", f"{mode} method called on incompatible receiver"))
        return promise
    try:
        if mode == "next":
            result = yield (this.sync_next, this.sync, args[:1])
        else:
            fn = get_method(vm, this.sync, mode)
            if fn is UNDEFINED:
                if mode == "return":
                    P.resolve_promise(vm, promise, iter_result(vm, arg(args, 0), True))
                else:
                    P.reject_promise(vm, promise, arg(args, 0))
                return promise
            result = yield (fn, this.sync, args[:1])
        if not isinstance(result, JSObject):
            raise vm.throw_type(f"Iterator result {describe(vm, result)} is not an object")
    except JSThrow as e:
        P.reject_promise(vm, promise, e.value)
        return promise
    return _continuation(vm, result, promise)


def _from_sync_next(vm: Any, this: Any, args: list[Any]) -> Any:
    return (yield from _from_sync(vm, this, "next", args))


def _from_sync_return(vm: Any, this: Any, args: list[Any]) -> Any:
    return (yield from _from_sync(vm, this, "return", args))


def _from_sync_throw(vm: Any, this: Any, args: list[Any]) -> Any:
    return (yield from _from_sync(vm, this, "throw", args))


# ---------------------------------------------------------------- AsyncGenerator.prototype (27.6.1)
def _enqueue(vm: Any, this: Any, mode: str, args: list[Any]) -> Any:
    from engine.builtins import promise as P
    from engine.builtins.iteration import iter_result
    from engine.coroutine import Coroutine

    promise = P.new_promise(vm)
    value = arg(args, 0)
    if not isinstance(this, Coroutine) or this.kind != "asyncgen":
        P.reject_promise(vm, promise, vm.new_error(
            "TypeError", f"{mode} method called on incompatible receiver {describe(vm, this)}"))
        return promise
    co = this
    if mode == "throw" and co.state == "suspendedStart":
        co.finish()
    if co.state == "completed":
        if mode == "next":
            P.resolve_promise(vm, promise, iter_result(vm, UNDEFINED, True))
            return promise
        if mode == "throw":
            P.reject_promise(vm, promise, value)
            return promise
    # Running, or suspended at an `await` (the spec's "executing"): the request waits in the queue.
    running = co.state in ("executing", "awaiting-return") or co.awaiting is not None
    co.queue.append(Request(mode, value, promise))
    touch(co)
    if running:
        return promise
    if mode == "return" and co.state in ("suspendedStart", "completed"):
        if co.frame is not None:
            co.finish()
        _set_state(co, "awaiting-return")
        _await_return(vm, co)
    else:
        yield from run(vm, co, mode, value)
    return promise


def _next(vm: Any, this: Any, args: list[Any]) -> Any:
    return (yield from _enqueue(vm, this, "next", args))


def _return(vm: Any, this: Any, args: list[Any]) -> Any:
    return (yield from _enqueue(vm, this, "return", args))


def _throw(vm: Any, this: Any, args: list[Any]) -> Any:
    return (yield from _enqueue(vm, this, "throw", args))


def _return_this(vm: Any, this: Any, args: list[Any]) -> Any:
    return this


def install(vm: Any) -> None:
    """%AsyncIteratorPrototype%, %AsyncGeneratorPrototype% and %AsyncFromSyncIteratorPrototype%."""
    base = vm.builtin_object(vm.ObjectPrototype)
    method(vm, base, SYM_ASYNC_ITERATOR, _return_this)
    vm.AsyncIteratorPrototype = base
    proto = vm.builtin_object(base)
    method(vm, proto, "next", _next, 1, gen=True)
    method(vm, proto, "return", _return, 1, gen=True)
    method(vm, proto, "throw", _throw, 1, gen=True)
    string_tag(proto, "AsyncGenerator")
    vm.AsyncGeneratorPrototype = proto
    wrap = vm.builtin_object(base)
    method(vm, wrap, "next", _from_sync_next, 1, gen=True)
    method(vm, wrap, "return", _from_sync_return, 1, gen=True)
    method(vm, wrap, "throw", _from_sync_throw, 1, gen=True)
    vm.AsyncFromSyncIteratorPrototype = wrap


__all__ = ["AsyncFromSyncIterator", "body_yield", "close", "get_async_iterator", "install",
           "run", "step", "yield_star"]
