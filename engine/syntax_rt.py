"""Run-time helpers of the syntax issue 10 added (compiled code calls them): installed into the compiled
module's globals by its first lines (engine.compiler.Compiler.PRELUDE), next to engine.runtime's."""

from __future__ import annotations

from typing import Any

from engine.values import UNDEFINED, JSFunction, JSObject


def install(ns: dict[str, Any]) -> None:
    vm = ns["_vm"]

    def throwref(message: str) -> Any:
        raise vm.throw_reference(message)

    def newtarget(frame: Any, fn: Any) -> Any:
        """new.target: the constructor `new` was applied to; undefined in a plain call."""
        c = frame.construct
        if c is None:
            return UNDEFINED
        if isinstance(c, JSFunction):  # a derived constructor's frame holds new.target itself
            return c
        if isinstance(c, JSObject):  # a base constructor's holds the object: made from new.target's prototype
            if c.proto is not None and c.proto is vm.get(fn, "prototype"):
                return fn
            if c.proto is not None:
                ctor = vm.get(c.proto, "constructor")
                if isinstance(ctor, JSFunction):
                    return ctor
        return fn

    ns.update({"_throwref": throwref, "_newtarget": newtarget})
