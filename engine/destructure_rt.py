"""Run-time helpers of destructuring assignment (13.15.5), which compiled code calls (``_daiter``, ``_dastep``,
``_dareq``): installed into the compiled module's globals by its prelude (engine.compiler.Compiler.PRELUDE).

An array pattern steps a real iterator record, one IteratorStep per element after its target reference is
evaluated, and closes it when the pattern ends before the iterator does (or abruptly, ignoring errors of
``return()``); an object pattern requires an object-coercible value first. V8's messages name what failed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from engine import ops
from engine.values import NULL, UNDEFINED, JSArray, JSBigInt, JSObject, Symbol

_NOT_ITERABLE = " is not iterable (cannot read property Symbol(Symbol.iterator))"


def install(ns: dict[str, Any]) -> None:
    vm = ns["_vm"]
    from engine.builtins.iteration import JSIterator, _protocol_values
    from engine.values import SYM_ITERATOR, JSMap, JSSet

    def desc(v: Any) -> str:
        """How V8 names a value that is not iterable in an assignment pattern."""
        if v is UNDEFINED:
            return "undefined"
        if v is NULL:
            return "object null"
        if type(v) is bool:
            return "boolean true" if v else "boolean false"
        if type(v) is float:
            return f"number {vm.to_string(v)}"
        if isinstance(v, JSBigInt):
            return "bigint"
        if isinstance(v, Symbol):
            return "symbol"
        if ops.is_callable(v):
            return "function"
        if type(v) is str:
            return f'"{v}"'
        return "object"

    def daiter(v: Any, where: str | None = None) -> Iterator[Any]:
        """GetIterator(v, sync) for an array assignment pattern; `where` is the source V8 names when the pattern
        is the value of an object pattern's property."""
        if v is UNDEFINED or v is NULL:
            if where is not None:
                raise vm.throw_type(f"Cannot destructure property 'Symbol(Symbol.iterator)' of '{where}' as it is "
                                    f"{vm.to_string(v)}.")
            raise vm.throw_type(desc(v) + _NOT_ITERABLE)
        if type(v) is str or isinstance(v, (JSArray, JSIterator, JSMap, JSSet)) or (
                isinstance(v, JSObject) and v.cls == "Arguments"):
            return vm.iterate(v)
        fn = vm.get(v, SYM_ITERATOR)
        if not ops.is_callable(fn):
            raise vm.throw_type((where if where is not None else desc(v)) + _NOT_ITERABLE)
        return _protocol_values(vm, v, fn)

    def dastep(it: Iterator[Any]) -> Any:
        """IteratorStep then IteratorValue; undefined once the iterator is done."""
        return next(it, UNDEFINED)

    def dareq(v: Any, message: str) -> Any:
        """RequireObjectCoercible, with V8's message for the pattern (``@V@`` is the value's name)."""
        if v is UNDEFINED or v is NULL:
            raise vm.throw_type(message.replace("@V@", vm.to_string(v)))
        return v

    def objrest(src: Any, used: list[Any]) -> JSObject:
        """A rest property: CopyDataProperties from ToObject(src), own enumerable keys not named before (strings
        in order, then symbols)."""
        out = vm.new_object()
        if type(src) is str:
            for i, ch in enumerate(src):
                if str(i) not in used:
                    out.set_own(str(i), ch)
        elif isinstance(src, JSObject):
            keys = src.enumerable_keys() + [k for k in src.own_keys() if isinstance(k, Symbol) and src.is_enumerable(k)]
            for k in keys:
                if k not in used:
                    out.set_own(k, vm.get(src, k))
        return out

    ns.update({"_daiter": daiter, "_dastep": dastep, "_dareq": dareq, "_daobjrest": objrest})
