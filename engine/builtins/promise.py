"""Promise (ECMA-262 27.2), with the specification's jobs, so output interleaves exactly as in V8.

A promise keeps its value once settled, and while pending its reactions: the handlers given to ``then``
and the promise ``then`` returned (what it will settle). Reactions are :class:`Reaction` records;
everything a job or a reaction will call is a function object on the heap (the handlers a program
passes, and the engine's own :class:`InternalFunction` for the closures the specification creates: the
resolving functions, ``Promise.all``'s element functions, ``finally``'s wrappers, and the closures that
resume an ``await``). So the collector sees every reference a promise holds, as V8's heap does.

Jobs go to the event loop's microtask queue (engine.eventloop); an unhandled rejection is noted there
(HostPromiseRejectionTracker, 27.2.1.9) and ends the run as node does when the queue has drained.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from engine import ops
from engine.builtins.common import arg, describe, getter, method, native, string_tag
from engine.builtins.regexp import SYM_SPECIES
from engine.values import (
    NULL,
    UNDEFINED,
    JSObject,
    JSThrow,
    NativeFunction,
)


class JSPromise(JSObject):
    __slots__ = ("state", "result", "reactions", "is_handled")
    type_name = "promise"

    def __init__(self, proto: JSObject | None) -> None:
        super().__init__(proto, "Promise")
        self.state = "pending"          # pending | fulfilled | rejected
        self.result: Any = UNDEFINED
        self.reactions: list[tuple[Reaction, Reaction]] = []  # (on fulfilment, on rejection) per then
        self.is_handled = False

    def children(self) -> Iterator[Any]:
        yield from super().children()
        if self.state != "pending":
            if isinstance(self.result, JSObject):
                yield self.result
            return
        for pair in self.reactions:
            for r in pair:
                yield from r.refs()


class Capability:
    """A PromiseCapability record (27.2.1.1) for the engine's own promises: the promise, and its
    resolving functions once something needs them as values."""

    __slots__ = ("promise", "done", "_resolve", "_reject")

    def __init__(self, promise: JSPromise) -> None:
        self.promise = promise
        self.done = [False]             # [[AlreadyResolved]], shared with the resolving functions
        self._resolve: Any = None
        self._reject: Any = None

    def resolve_fn(self, vm: Any) -> Any:
        if self._resolve is None:
            self._resolve, self._reject = resolving_functions(vm, self.promise, self.done)
        return self._resolve

    def reject_fn(self, vm: Any) -> Any:
        self.resolve_fn(vm)
        return self._reject

    def resolve(self, vm: Any, value: Any) -> None:
        if not self.done[0]:
            self.done[0] = True
            resolve_promise(vm, self.promise, value)

    def reject(self, vm: Any, reason: Any) -> None:
        if not self.done[0]:
            self.done[0] = True
            reject_promise(vm, self.promise, reason)

    def refs(self) -> Iterator[Any]:
        yield self.promise
        if self._resolve is not None:
            yield self._resolve
            yield self._reject


class ForeignCapability:
    """NewPromiseCapability(C) for a constructor C other than %Promise% (27.2.1.5), e.g. a subclass: the
    promise C made and the resolving functions its executor was given."""

    __slots__ = ("promise", "_resolve", "_reject")

    def __init__(self, promise: Any, resolve: Any, reject: Any) -> None:
        self.promise, self._resolve, self._reject = promise, resolve, reject

    def resolve_fn(self, vm: Any) -> Any:
        return self._resolve

    def reject_fn(self, vm: Any) -> Any:
        return self._reject

    def resolve(self, vm: Any, value: Any) -> None:
        vm.call_sync(self._resolve, UNDEFINED, [value])

    def reject(self, vm: Any, reason: Any) -> None:
        vm.call_sync(self._reject, UNDEFINED, [reason])

    def refs(self) -> Iterator[Any]:
        yield from (v for v in (self.promise, self._resolve, self._reject) if isinstance(v, JSObject))


def new_capability(vm: Any, ctor: Any) -> Capability | ForeignCapability:
    """NewPromiseCapability(C): the engine's own record for %Promise%, else `new C(executor)`."""
    if ctor is vm.PromiseCtor or ctor is None:
        return Capability(new_promise(vm))
    slots = [UNDEFINED, UNDEFINED]

    def executor(vm_: Any, this: Any, args: list[Any]) -> Any:
        if slots[0] is not UNDEFINED or slots[1] is not UNDEFINED:
            raise vm.throw_type("Promise executor has already been invoked with non-undefined arguments")
        slots[0], slots[1] = arg(args, 0), arg(args, 1)
        return UNDEFINED

    promise = vm.construct_sync(ctor, [internal(vm, executor, [], "capability executor")])
    if not ops.is_callable(slots[0]) or not ops.is_callable(slots[1]):
        raise vm.throw_type("Promise resolve or reject function is not callable")
    return ForeignCapability(promise, slots[0], slots[1])


def species_constructor(vm: Any, promise: JSObject) -> Any:
    """SpeciesConstructor(promise, %Promise%) (7.3.22); Promise[Symbol.species] is the constructor itself."""
    c = vm.get(promise, "constructor")
    if c is UNDEFINED:
        return vm.PromiseCtor
    if not isinstance(c, JSObject):
        raise vm.throw_type("The .constructor property is not an object")
    s = vm.get(c, SYM_SPECIES)
    if s is UNDEFINED or s is NULL:
        return vm.PromiseCtor
    if ops.is_callable(s):
        return s
    raise vm.throw_type("object.constructor[Symbol.species] is not a constructor")


class Reaction:
    """A PromiseReaction record (27.2.1.2): what to call when the promise settles, and what to settle then."""

    __slots__ = ("capability", "kind", "handler")

    def __init__(self, capability: Capability | None, kind: str, handler: Any) -> None:
        self.capability = capability
        self.kind = kind                # fulfill | reject
        self.handler = handler          # a callable, or None (pass the value or the reason on)

    def refs(self) -> Iterator[Any]:
        if isinstance(self.handler, JSObject):
            yield self.handler
        if self.capability is not None:
            yield from self.capability.refs()


class InternalFunction(NativeFunction):
    """A function object the specification creates (resolving functions, Promise.all element functions,
    finally wrappers, await closures): a built-in on the program's heap that holds `held` alive."""

    __slots__ = ("held", "role")

    def __init__(self, proto: JSObject | None, name: str, fn: Callable[..., Any], held: list[Any], role: str) -> None:
        super().__init__(proto, name, fn, False, 1)
        self.held = held
        self.role = role

    def children(self) -> Iterator[Any]:
        yield from super().children()
        yield from _flatten(self.held)


def _flatten(values: Any) -> Iterator[Any]:
    for v in values:
        if isinstance(v, JSObject):
            yield v
        elif isinstance(v, list):
            yield from _flatten(v)
        elif isinstance(v, Capability):
            yield from v.refs()


def internal(vm: Any, fn: Callable[..., Any], held: list[Any], role: str, name: str = "") -> InternalFunction:
    f = InternalFunction(vm.FunctionPrototype, name, fn, held, role)
    f.define_hidden("length", 1.0)
    f.define_hidden("name", name)
    vm.register(f)
    return f


# ---------------------------------------------------------------- the abstract operations
def new_promise(vm: Any, proto: JSObject | None = None) -> JSPromise:
    p = JSPromise(proto if proto is not None else vm.PromisePrototype)
    vm.register(p)
    return p


def resolving_functions(vm: Any, promise: JSPromise, done: list[bool] | None = None) -> tuple[Any, Any]:
    """CreateResolvingFunctions (27.2.1.3): the `resolve` and `reject` an executor receives."""
    record = done if done is not None else [False]

    def resolve(vm_: Any, this: Any, args: list[Any]) -> Any:
        if not record[0]:
            record[0] = True
            resolve_promise(vm, promise, arg(args, 0))
        return UNDEFINED

    def reject(vm_: Any, this: Any, args: list[Any]) -> Any:
        if not record[0]:
            record[0] = True
            reject_promise(vm, promise, arg(args, 0))
        return UNDEFINED

    return (internal(vm, resolve, [promise], "resolve"), internal(vm, reject, [promise], "reject"))


def resolve_promise(vm: Any, promise: JSPromise, resolution: Any) -> None:
    """The Promise Resolve Functions' steps 7-16 (27.2.1.3.2): fulfil, or follow a thenable in a job."""
    if resolution is promise:
        reject_promise(vm, promise, vm.new_error("TypeError", "Chaining cycle detected for promise #<Promise>"))
        return
    if not isinstance(resolution, JSObject):
        fulfill_promise(vm, promise, resolution)
        return
    try:
        then = vm.get(resolution, "then")
    except JSThrow as e:
        reject_promise(vm, promise, e.value)
        return
    if not ops.is_callable(then):
        fulfill_promise(vm, promise, resolution)
        return
    from engine.eventloop import ThenableJob

    vm.loop.enqueue(ThenableJob(promise, resolution, then))


def fulfill_promise(vm: Any, promise: JSPromise, value: Any) -> None:
    _settle(vm, promise, "fulfilled", value)


def reject_promise(vm: Any, promise: JSPromise, reason: Any) -> None:
    if not promise.is_handled:
        vm.loop.note_rejected(promise)
    _settle(vm, promise, "rejected", reason)


def _settle(vm: Any, promise: JSPromise, state: str, value: Any) -> None:
    """FulfillPromise / RejectPromise and TriggerPromiseReactions (27.2.1.4, 27.2.1.7, 27.2.1.8)."""
    if promise.state != "pending":
        return
    from engine.eventloop import ReactionJob

    reactions = promise.reactions
    promise.state = state
    promise.result = value
    promise.reactions = []
    _touch(vm, promise)
    for on_fulfilled, on_rejected in reactions:
        vm.loop.enqueue(ReactionJob(on_fulfilled if state == "fulfilled" else on_rejected, value))


def _touch(vm: Any, o: JSObject) -> None:
    if vm.on_native is not None:
        vm.on_native(o, [])


def perform_then(vm: Any, promise: JSPromise, on_fulfilled: Any, on_rejected: Any,
                 capability: Capability | None) -> Any:
    """PerformPromiseThen (27.2.5.4.1)."""
    from engine.eventloop import ReactionJob

    fr = Reaction(capability, "fulfill", on_fulfilled if ops.is_callable(on_fulfilled) else None)
    rr = Reaction(capability, "reject", on_rejected if ops.is_callable(on_rejected) else None)
    if promise.state == "pending":
        promise.reactions.append((fr, rr))
        _touch(vm, promise)
    elif promise.state == "fulfilled":
        vm.loop.enqueue(ReactionJob(fr, promise.result))
    else:
        if not promise.is_handled:
            vm.loop.note_handled(promise)
        vm.loop.enqueue(ReactionJob(rr, promise.result))
    promise.is_handled = True
    return capability.promise if capability is not None else UNDEFINED


def promise_resolve(vm: Any, x: Any, ctor: Any = None) -> JSPromise:
    """PromiseResolve(%Promise%, x) (27.2.4.7.1): `x` itself when it is a promise made by that constructor."""
    c = ctor if ctor is not None else vm.PromiseCtor
    if isinstance(x, JSPromise) and vm.get(x, "constructor") is c:
        return x
    cap = new_capability(vm, c)
    cap.resolve(vm, x)
    return cap.promise


def _this_promise(vm: Any, this: Any, name: str) -> JSPromise:
    if not isinstance(this, JSPromise):
        raise vm.throw_type(f"Method Promise.prototype.{name} called on incompatible receiver {describe(vm, this)}")
    return this


def _invoke_then(vm: Any, target: Any, args: list[Any]) -> Any:
    """Invoke(target, "then", args): observable, so a user's `then` runs."""
    then = vm.get(target, "then")
    if not ops.is_callable(then):
        raise vm.throw_type(f"{describe(vm, then)} is not a function")
    return vm.call_sync(then, target, args)


# ---------------------------------------------------------------- Promise.prototype
def _then(vm: Any, this: Any, args: list[Any]) -> Any:
    p = _this_promise(vm, this, "then")
    return perform_then(vm, p, arg(args, 0), arg(args, 1), new_capability(vm, species_constructor(vm, p)))


def _catch(vm: Any, this: Any, args: list[Any]) -> Any:
    return _invoke_then(vm, this, [UNDEFINED, arg(args, 0)])


def _finally(vm: Any, this: Any, args: list[Any]) -> Any:
    """Promise.prototype.finally (27.2.5.3): the callback runs either way; the value or reason passes on."""
    if not isinstance(this, JSObject):
        raise vm.throw_type(f"Method Promise.prototype.finally called on incompatible receiver {describe(vm, this)}")
    on_finally = arg(args, 0)
    ctor = species_constructor(vm, this)
    if not ops.is_callable(on_finally):
        return _invoke_then(vm, this, [on_finally, on_finally])

    def then_finally(vm_: Any, this_: Any, a: list[Any]) -> Any:
        value = arg(a, 0)
        result = vm.call_sync(on_finally, UNDEFINED, [])
        p = promise_resolve(vm, result, ctor)
        thunk = internal(vm, lambda vm__, t, b: value, [value], "value thunk")
        return _invoke_then(vm, p, [thunk])

    def catch_finally(vm_: Any, this_: Any, a: list[Any]) -> Any:
        reason = arg(a, 0)
        result = vm.call_sync(on_finally, UNDEFINED, [])
        p = promise_resolve(vm, result, ctor)

        def thrower(vm__: Any, t: Any, b: list[Any]) -> Any:
            raise JSThrow(reason)

        return _invoke_then(vm, p, [internal(vm, thrower, [reason], "thrower")])

    tf = internal(vm, then_finally, [on_finally], "then finally")
    cf = internal(vm, catch_finally, [on_finally], "catch finally")
    return _invoke_then(vm, this, [tf, cf])


# ---------------------------------------------------------------- the constructor and its statics
def _call(vm: Any, this: Any, args: list[Any]) -> Any:
    raise vm.throw_type("Promise constructor cannot be invoked without 'new'")


def _construct(vm: Any, args: list[Any], proto: Any) -> Any:
    executor = arg(args, 0)
    if not ops.is_callable(executor):
        raise vm.throw_type(f"Promise resolver {_resolver_text(vm, executor)} is not a function")
    p = new_promise(vm, proto if isinstance(proto, JSObject) else None)
    if vm.constructing_site is not None:
        # `new Promise(...)` has its site before the executor runs (it can reach the promise through resolve).
        p.site, vm.constructing_site = vm.constructing_site, None
    record = [False]
    resolve, reject = resolving_functions(vm, p, record)
    try:
        vm.call_sync(executor, UNDEFINED, [resolve, reject])
    except JSThrow as e:
        if not record[0]:
            record[0] = True
            reject_promise(vm, p, e.value)
    return p


def _resolver_text(vm: Any, v: Any) -> str:
    if isinstance(v, JSObject):
        from engine.builtins.common import class_name_of

        return "[object Array]" if v.type_name == "array" else f"#<{class_name_of(v)}>"
    return describe(vm, v)


def _resolve(vm: Any, this: Any, args: list[Any]) -> Any:
    if not isinstance(this, JSObject):
        raise vm.throw_type("PromiseResolve called on non-object")
    return promise_resolve(vm, arg(args, 0), this)


def _reject(vm: Any, this: Any, args: list[Any]) -> Any:
    if not isinstance(this, JSObject):
        raise vm.throw_type("PromiseReject called on non-object")
    cap = new_capability(vm, this)
    cap.reject(vm, arg(args, 0))
    return cap.promise


def _combinator(vm: Any, this: Any, args: list[Any], body: Callable[..., None]) -> Any:
    """The shared frame of all/allSettled/race/any: GetPromiseResolve, iterate, reject on an abrupt completion."""
    if not isinstance(this, JSObject):
        raise vm.throw_type("Promise.all called on non-object")
    cap = new_capability(vm, this)
    try:
        resolve_fn = vm.get(this, "resolve")
        if not ops.is_callable(resolve_fn):
            raise vm.throw_type("Promise resolve or reject function is not callable")
        body(vm, this, cap, resolve_fn, vm.iterate(arg(args, 0)))
    except JSThrow as e:
        cap.reject(vm, e.value)
    return cap.promise


def _all_body(kind: str) -> Callable[..., None]:
    """PerformPromiseAll / AllSettled / Any (27.2.4.1.2, 27.2.4.2.1, 27.2.4.3.1)."""

    def body(vm: Any, ctor: Any, cap: Capability, resolve_fn: Any, items: Iterator[Any]) -> None:
        values: list[Any] = []
        remaining = [1]
        elements: list[Any] = []  # they share `values`: one storing a value changes what all of them hold

        def finish() -> None:
            if kind == "any":
                err = _aggregate(vm, list(values), "All promises were rejected")
                cap.reject(vm, err)
            else:
                cap.resolve(vm, vm.new_array(list(values)))

        for index, item in enumerate(items):
            values.append(UNDEFINED)
            next_promise = vm.call_sync(resolve_fn, ctor, [item])
            called = [False]

            def element(outcome: str, index: int = index, called: list[bool] = called) -> Any:
                def fn(vm_: Any, this: Any, a: list[Any]) -> Any:
                    if called[0]:
                        return UNDEFINED
                    called[0] = True
                    x = arg(a, 0)
                    if kind == "allSettled":
                        o = vm.new_object()
                        o.set_own("status", outcome)
                        o.set_own("value" if outcome == "fulfilled" else "reason", x)
                        x = o
                    values[index] = x
                    for f in elements:
                        _touch(vm, f)
                    remaining[0] -= 1
                    if remaining[0] == 0:
                        finish()
                    return UNDEFINED
                f = internal(vm, fn, [values, cap], f"{kind} element")
                elements.append(f)
                return f

            remaining[0] += 1
            if kind == "all":
                handlers = [element("fulfilled"), cap.reject_fn(vm)]
            elif kind == "allSettled":
                handlers = [element("fulfilled"), element("rejected")]
            else:
                handlers = [cap.resolve_fn(vm), element("rejected")]
            _invoke_then(vm, next_promise, handlers)
        remaining[0] -= 1
        if remaining[0] == 0:
            finish()

    return body


def _race_body(vm: Any, ctor: Any, cap: Capability, resolve_fn: Any, items: Iterator[Any]) -> None:
    for item in items:
        next_promise = vm.call_sync(resolve_fn, ctor, [item])
        _invoke_then(vm, next_promise, [cap.resolve_fn(vm), cap.reject_fn(vm)])


def _aggregate(vm: Any, errors: list[Any], message: str) -> Any:
    err = vm.new_error("AggregateError", message, vm.error_prototypes["AggregateError"])
    err.define_hidden("errors", vm.new_array(errors))
    return err


def _aggregate_construct(vm: Any, args: list[Any], proto: Any) -> Any:
    errors = list(vm.iterate(arg(args, 0)))
    message = arg(args, 1)
    err = vm.new_error("AggregateError", "" if message is UNDEFINED else vm.to_string(message),
                       proto if isinstance(proto, JSObject) else vm.error_prototypes["AggregateError"])
    err.define_hidden("errors", vm.new_array(errors))
    return err


def install(vm: Any) -> None:
    proto = vm.builtin_object(vm.ObjectPrototype)
    vm.PromisePrototype = proto
    method(vm, proto, "then", _then, 2)
    method(vm, proto, "catch", _catch, 1)
    method(vm, proto, "finally", _finally, 1)
    string_tag(proto, "Promise")
    ctor = native(vm, "Promise", _call, 1, False, _construct)
    ctor.define_hidden("prototype", proto)
    proto.define_hidden("constructor", ctor)
    vm.global_object.define_hidden("Promise", ctor)
    vm.PromiseCtor = ctor
    getter(vm, ctor, SYM_SPECIES, lambda vm, this, args: this)
    method(vm, ctor, "resolve", _resolve, 1)
    method(vm, ctor, "reject", _reject, 1)
    for name, body in (("all", _all_body("all")), ("allSettled", _all_body("allSettled")),
                       ("any", _all_body("any")), ("race", _race_body)):
        method(vm, ctor, name, lambda vm_, this, args, body=body: _combinator(vm_, this, args, body), 1)
    # AggregateError (20.5.7), which Promise.any rejects with.
    eproto = vm.builtin_object(vm.ErrorPrototype)
    eproto.define_hidden("name", "AggregateError")
    eproto.define_hidden("message", "")
    vm.error_prototypes["AggregateError"] = eproto
    actor = native(vm, "AggregateError", lambda vm_, this, args: _aggregate_construct(vm_, args, None), 2, False,
                   _aggregate_construct)
    actor.define_hidden("prototype", eproto)
    eproto.define_hidden("constructor", actor)
    vm.global_object.define_hidden("AggregateError", actor)
