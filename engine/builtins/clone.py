"""structuredClone (HTML's StructuredSerialize/Deserialize, as node 20 exposes it globally).

A deep copy that keeps sharing and cycles: plain objects, arrays (with holes), Map, Set, Error and boxed
primitives. Class instances become plain objects (the prototype is not cloned), functions and symbols
throw a DataCloneError, as in node. The copies are made by a built-in, so they have no allocation site.
"""

from __future__ import annotations

from typing import Any

from engine import ops
from engine.builtins.common import describe, function_source, method
from engine.values import (
    HOLE,
    JSArray,
    JSError,
    JSMap,
    JSObject,
    JSPrimitiveWrapper,
    JSSet,
    JSThrow,
    Symbol,
    map_key,
)

MAX_DEPTH = 4000  # deeper structures end in a RangeError (as JSON.stringify's do) rather than Python's limit


def _data_clone_error(vm: Any, v: Any) -> JSThrow:
    text = function_source(v) if ops.is_callable(v) else describe(vm, v)
    err = vm.new_error("Error", f"{text} could not be cloned.")
    err.define_hidden("name", "DataCloneError")
    return JSThrow(err)


class _Cloner:
    def __init__(self, vm: Any) -> None:
        self.vm = vm
        self.memory: dict[int, JSObject] = {}
        self.depth = 0

    def clone(self, v: Any) -> Any:
        if isinstance(v, Symbol) or ops.is_callable(v):
            raise _data_clone_error(self.vm, v)
        if not isinstance(v, JSObject):
            return v
        done = self.memory.get(id(v))
        if done is not None:
            return done
        if self.depth >= MAX_DEPTH:
            raise self.vm.throw_range("Maximum call stack size exceeded")
        self.depth += 1
        try:
            return self._clone_object(v)
        finally:
            self.depth -= 1

    def _clone_object(self, v: JSObject) -> JSObject:
        vm = self.vm
        if isinstance(v, JSArray):
            arr: JSArray = vm.new_array([HOLE] * len(v.items))
            self.memory[id(v)] = arr
            for i, item in enumerate(list(v.items)):
                if item is not HOLE:
                    arr.items[i] = self.clone(vm.get(v, str(i)))
            return arr
        if isinstance(v, JSMap):
            m = JSMap(vm.MapPrototype)
            vm.register(m)
            self.memory[id(v)] = m
            for key, value in list(v.entries.values()):
                k = self.clone(key)
                m.entries[map_key(k)] = (k, self.clone(value))
            return m
        if isinstance(v, JSSet):
            s = JSSet(vm.SetPrototype)
            vm.register(s)
            self.memory[id(v)] = s
            for value in list(v.entries.values()):
                c = self.clone(value)
                s.entries[map_key(c)] = c
            return s
        if isinstance(v, JSError):
            return self._clone_error(v)
        if isinstance(v, JSPrimitiveWrapper):
            w = JSPrimitiveWrapper(v.proto, v.cls, v.value)
            vm.register(w)
            self.memory[id(v)] = w
            return w
        if hasattr(v, "tv"):  # a Date: a new Date with the same time value
            from engine.builtins.date import JSDate

            d = JSDate(vm.DatePrototype, v.tv)
            vm.register(d)
            self.memory[id(v)] = d
            return d
        if v.cls in ("WeakMap", "WeakSet", "WeakRef"):
            raise _data_clone_error(vm, v)
        obj = vm.new_object()
        self.memory[id(v)] = obj
        for k in v.enumerable_keys():
            obj.set_own(k, self.clone(vm.get(v, k)))
        return obj

    def _clone_error(self, v: JSError) -> JSError:
        vm = self.vm
        name = vm.get(v, "name")
        name = name if name in vm.error_prototypes else "Error"
        err = JSError(vm.error_prototypes[name], name)
        vm.register(err)
        self.memory[id(v)] = err
        message = vm.get(v, "message")
        if isinstance(message, str) and v.has_own("message"):
            err.define_hidden("message", message)
        err.stack_text = v.stack_text
        return err


def _structured_clone(vm: Any, this: Any, args: list[Any]) -> Any:
    if not args:
        raise vm.throw_type("The value argument must be specified")
    return _Cloner(vm).clone(args[0])


def install(vm: Any) -> None:
    method(vm, vm.global_object, "structuredClone", _structured_clone, 1)
