"""Run-time helpers of the syntax issue 10 added (compiled code calls them): installed into the compiled
module's globals by its first lines (engine.compiler.Compiler.PRELUDE), next to engine.runtime's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from engine.values import UNDEFINED, Accessor, JSFunction, JSObject, Symbol


class PrivateName(JSObject):
    """A Private Name (6.2.12): made each time its class is evaluated, held in the class's context. A field's
    value lives on each object that has it (``JSObject.priv``, keyed by this name); a private method or accessor
    is the class's (V8 keeps it in the class context): ``fn``/``get``/``set`` here, and each object of the class
    holds it under this name too, which is its brand. Never on the heap itself (it has no site)."""

    __slots__ = ("desc", "kind", "static", "fn", "get", "set", "cls_name")
    type_name = "private name"

    def __init__(self, desc: str, kind: str = "field", static: bool = False) -> None:
        super().__init__(None, "PrivateName")
        self.desc = desc
        self.kind = kind            # field | method | accessor
        self.static = static
        self.fn: Any = None
        self.get: Any = None
        self.set: Any = None
        self.cls_name = ""

    @property
    def description(self) -> str:
        return self.desc

    def element(self) -> Any:
        """What an object of the class holds under this name (a method or an accessor)."""
        if self.kind == "method":
            return self.fn
        return Accessor(self.get, self.set)

    def children(self) -> Iterator[Any]:
        for v in (self.fn, self.get, self.set):
            if v is not None:
                yield v


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

    def privname(desc: str, kind: str = "field", static: bool = False) -> PrivateName:
        return PrivateName(desc, kind, static)

    def privmethod(pn: PrivateName, fn: JSFunction, kind: str) -> None:
        """A private method or accessor of a class being defined (its function made once, for the class)."""
        if kind == "get":
            pn.get = fn
        elif kind == "set":
            pn.set = fn
        else:
            pn.fn = fn

    def privclass(cls: JSFunction, names: list[PrivateName]) -> None:
        for pn in names:
            pn.cls_name = cls.name if isinstance(cls.name, str) else ""
            if pn.static and pn.kind != "field":
                _add(cls, pn, pn.element())

    def _touch(obj: JSObject) -> None:
        """Steps mode: the timeline describes again an object whose private elements changed."""
        rec = vm.observer
        if rec is not None and getattr(rec, "timeline", None) is not None:
            rec.dirty.add(obj)

    def _add(obj: JSObject, pn: PrivateName, value: Any) -> None:
        if obj.priv is None:
            obj.priv = {}
        obj.priv[pn] = value
        _touch(obj)

    def privinit(obj: Any, pn: PrivateName, value: Any) -> None:
        """PrivateFieldAdd (7.3.31): a field defined on an object under construction."""
        if not isinstance(obj, JSObject):
            return
        if obj.priv is not None and pn in obj.priv:
            raise vm.throw_type(f"Cannot initialize {pn.desc} twice on the same object")
        _add(obj, pn, value)

    def privbrand(obj: Any, names: list[PrivateName]) -> None:
        """PrivateMethodOrAccessorAdd (7.3.32) for each instance private method of the class: the brand."""
        if not isinstance(obj, JSObject):
            return
        if obj.priv is not None and names[0] in obj.priv:
            cls = names[0].cls_name or "anonymous"
            raise vm.throw_type(f"Cannot initialize private methods of class {cls} twice on the same object")
        for pn in names:
            _add(obj, pn, pn.element())

    def _missing(pn: PrivateName, verb: str) -> Any:
        if pn.kind != "field":
            cls = pn.cls_name or "anonymous"
            return vm.throw_type(f"Receiver must be class {cls}" if pn.static
                                 else f"Receiver must be an instance of class {cls}")
        prep = "from" if verb == "read" else "to"
        return vm.throw_type(f"Cannot {verb} private member {pn.desc} {prep} an object whose class did not declare it")

    def privget(obj: Any, pn: PrivateName) -> Any:
        """PrivateGet (7.3.33)."""
        priv = obj.priv if isinstance(obj, JSObject) else None
        if priv is None or pn not in priv:
            raise _missing(pn, "read")
        if pn.kind == "accessor":
            if pn.get is None:
                raise vm.throw_type(f"'{pn.desc}' was defined without a getter")
            return vm.call_sync(pn.get, obj, [])
        return priv[pn]

    def privset(obj: Any, pn: PrivateName, value: Any) -> Any:
        """PrivateSet (7.3.34); the value of the assignment expression."""
        priv = obj.priv if isinstance(obj, JSObject) else None
        if priv is None or pn not in priv:
            raise _missing(pn, "write")
        if pn.kind == "method":
            raise vm.throw_type(f"Private method '{pn.desc}' is not writable")
        if pn.kind == "accessor":
            if pn.set is None:
                raise vm.throw_type(f"'{pn.desc}' was defined without a setter")
            vm.call_sync(pn.set, obj, [value])
            return value
        priv[pn] = value
        _touch(obj)
        return value

    def privin(pn: PrivateName, obj: Any) -> bool:
        """`#x in obj` (13.10.1): an ergonomic brand check."""
        if not isinstance(obj, JSObject):
            text = vm.to_string(obj) if not isinstance(obj, Symbol) else (
                f"Symbol({obj.description if isinstance(obj.description, str) else ''})")
            # V8 names a private method's brand by its class: "... search for 'Gadget' in 42"
            what = pn.desc if pn.kind == "field" else pn.cls_name
            raise vm.throw_type(f"Cannot use 'in' operator to search for '{what}' in {text}")
        return obj.priv is not None and pn in obj.priv

    ns.update({"_throwref": throwref, "_newtarget": newtarget, "_privname": privname, "_privmethod": privmethod,
               "_privclass": privclass, "_privinit": privinit, "_privbrand": privbrand, "_privget": privget,
               "_privset": privset, "_privin": privin})
