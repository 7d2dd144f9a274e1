"""JavaScript values as the engine represents them.

Primitives map onto Python values: numbers are always ``float``, strings ``str``, booleans ``bool``;
``undefined`` and ``null`` are the singletons :data:`UNDEFINED` and :data:`NULL`. Every object lives on
the engine's heap as a :class:`JSObject` (or a subclass), with a stable small ``id`` and, when the
program's syntax allocated it, a ``site`` such as ``"3:15#1"`` (contract: allocation sites).

Properties are kept in an insertion-ordered ``dict``; a property whose value is an :class:`Accessor`
is a getter/setter pair. The attributes of ECMA-262 6.1.7.1 that differ from an ordinary assignment's
default are kept as key sets: non-enumerable keys in ``hidden``, non-writable data properties in ``ro`` and
non-configurable ones in ``nc`` (``ro`` and ``nc`` are immutable frozensets, shared and replaced, never mutated;
None when empty, so the common path checks one attribute).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any


class _Singleton:
    __slots__ = ("label",)

    def __init__(self, label: str) -> None:
        self.label = label

    def __repr__(self) -> str:
        return self.label

    def __bool__(self) -> bool:  # pragma: no cover - guards against accidental truthiness
        raise AssertionError(f"use truthy() on {self.label}")


UNDEFINED: Any = _Singleton("undefined")
NULL: Any = _Singleton("null")
TDZ: Any = _Singleton("<uninitialized>")  # a let/const/class binding in its temporal dead zone
HOLE: Any = _Singleton("<hole>")
ACC: Any = _Singleton("<needs-call>")  # returned by an operation that must run JavaScript code


class Symbol:
    """A JavaScript Symbol (only well-known ones and `Symbol()` for keys)."""

    __slots__ = ("description", "registered")

    def __init__(self, description: str, registered: bool = False) -> None:
        self.description = description
        self.registered = registered  # made by Symbol.for: never a weak key (it can always be made again)

    def __repr__(self) -> str:
        return f"Symbol({self.description})"


class JSBigInt:
    """A BigInt primitive (ECMA-262 6.1.6.2): an immutable Python ``int`` in ``v``. Not a heap object (no id,
    no site); equal and hashable by value. Never a Python ``int`` itself, so that nothing mistakes it for a
    number (numbers are floats). Operators: engine.bigint."""

    __slots__ = ("v",)

    def __init__(self, v: int) -> None:
        self.v = v

    def __eq__(self, other: object) -> bool:
        return type(other) is JSBigInt and other.v == self.v

    def __hash__(self) -> int:
        return hash(("bigint", self.v))

    def __str__(self) -> str:  # as V8 shows it inside messages: the digits, without the "n"
        from engine.bigint import to_decimal

        return to_decimal(self.v)

    def __repr__(self) -> str:
        return f"{self.v}n"


SYM_ITERATOR = Symbol("Symbol.iterator")
SYM_TO_PRIMITIVE = Symbol("Symbol.toPrimitive")
SYM_HAS_INSTANCE = Symbol("Symbol.hasInstance")
SYM_TO_STRING_TAG = Symbol("Symbol.toStringTag")
SYM_ASYNC_ITERATOR = Symbol("Symbol.asyncIterator")


class Accessor:
    """A getter/setter pair stored as a property value."""

    __slots__ = ("get", "set")

    def __init__(self, get: Any = None, set: Any = None) -> None:
        self.get = get
        self.set = set


class JSThrow(Exception):
    """A JavaScript exception in flight; ``value`` is the thrown JavaScript value."""

    def __init__(self, value: Any, line: int | None = None) -> None:
        super().__init__()
        self.value = value
        self.line = line


class LimitExceeded(Exception):
    """A budget (steps, depth, heap, time) ran out; ends the run (not catchable by JavaScript)."""

    def __init__(self, limit: str, message: str) -> None:
        super().__init__(message)
        self.limit = limit
        self.message = message


class JSObject:
    """An ordinary object (ECMA-262 10.1)."""

    __slots__ = ("id", "proto", "props", "hidden", "ro", "nc", "site", "cls", "extensible", "priv", "__weakref__")
    type_name = "object"

    def __init__(self, proto: JSObject | None = None, cls: str = "Object") -> None:
        self.id = 0
        self.proto = proto
        self.props: dict[Any, Any] = {}
        self.hidden: set[Any] | None = None
        self.ro: frozenset[Any] | None = None   # non-writable data properties
        self.nc: frozenset[Any] | None = None   # non-configurable properties
        self.site: str | None = None
        self.cls = cls
        self.extensible = True
        self.priv: dict[Any, Any] | None = None  # private elements (#x), keyed by engine.syntax_rt.PrivateName

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.cls} #{self.id} {self.site}>"

    # Property primitives that never run JavaScript code ---------------------------------
    def own_keys(self) -> list[Any]:
        return list(self.props)

    def get_own(self, key: Any) -> Any:
        """The own property value (maybe an Accessor), or HOLE when absent."""
        return self.props.get(key, HOLE)

    def set_own(self, key: Any, value: Any) -> None:
        self.props[key] = value

    def delete_own(self, key: Any) -> bool:
        if self.nc is not None and key in self.nc:
            return False
        self.props.pop(key, None)
        if self.hidden:
            self.hidden.discard(key)
        if self.ro is not None and key in self.ro:
            self.ro = self.ro - {key} or None
        return True

    def has_own(self, key: Any) -> bool:
        return key in self.props

    def define_hidden(self, key: Any, value: Any) -> None:
        """Define a non-enumerable data property (methods of classes and built-ins)."""
        self.props[key] = value
        if self.hidden is None:
            self.hidden = set()
        self.hidden.add(key)

    def is_enumerable(self, key: Any) -> bool:
        return not (self.hidden and key in self.hidden)

    def enumerable_keys(self) -> list[str]:
        """Own enumerable string keys in ECMA-262 order: integer keys ascending, then insertion order."""
        keys = [k for k in self.own_keys() if isinstance(k, str) and self.is_enumerable(k)]
        ints = [k for k in keys if is_array_index(k)]
        if not ints:
            return keys
        rest = [k for k in keys if not is_array_index(k)]
        return sorted(ints, key=int) + rest

    def children(self) -> Iterator[Any]:
        """Every value this object references strongly (for the collector and the heap graph)."""
        if self.proto is not None:
            yield self.proto
        for v in self.props.values():
            if isinstance(v, Accessor):
                if v.get is not None:
                    yield v.get
                if v.set is not None:
                    yield v.set
            else:
                yield v
        if self.priv is not None:
            for v in self.priv.values():
                if isinstance(v, Accessor):
                    yield from (f for f in (v.get, v.set) if f is not None)
                else:
                    yield v


def is_array_index(key: Any) -> bool:
    return isinstance(key, str) and key.isdigit() and (key == "0" or key[0] != "0") and len(key) < 16


class JSArray(JSObject):
    """An Array exotic object (ECMA-262 10.4.2); elements live in ``items``."""

    __slots__ = ("items",)
    type_name = "array"

    def __init__(self, proto: JSObject | None, items: list[Any] | None = None) -> None:
        super().__init__(proto, "Array")
        self.items: list[Any] = items if items is not None else []

    def own_keys(self) -> list[Any]:
        return [str(i) for i, v in enumerate(self.items) if v is not HOLE] + ["length"] + list(self.props)

    def enumerable_keys(self) -> list[str]:
        return [str(i) for i, v in enumerate(self.items) if v is not HOLE] + [
            k for k in self.props if isinstance(k, str) and self.is_enumerable(k)
        ]

    def get_own(self, key: Any) -> Any:
        if type(key) is str:
            if key == "length":
                return float(len(self.items))
            if is_array_index(key):
                i = int(key)
                return self.items[i] if i < len(self.items) else HOLE
        return self.props.get(key, HOLE)

    def set_own(self, key: Any, value: Any) -> None:
        if type(key) is str:
            if key == "length":
                self.set_length(value)
                return
            if is_array_index(key):
                self.set_index(int(key), value)
                return
        self.props[key] = value

    def set_index(self, i: int, value: Any) -> None:
        items = self.items
        n = len(items)
        if i < n:
            items[i] = value
        elif i == n:
            items.append(value)
        else:
            if i > 10_000_000:
                raise JSThrow_range("Invalid array length")
            items.extend([HOLE] * (i - n))
            items.append(value)

    def set_length(self, value: Any) -> None:
        if not isinstance(value, float):  # ArraySetLength (10.4.2.4): ToNumber, then it must be a uint32
            from engine.errors import current_vm

            vm = current_vm()
            value = vm.to_number(value) if vm is not None else math.nan
        if value != value or value < 0 or value > 4294967295 or value != int(value):
            raise JSThrow_range("Invalid array length")
        n = int(value)
        if n > 10_000_000:
            raise JSThrow_range("Invalid array length")
        if n < len(self.items):
            del self.items[n:]
        else:
            self.items.extend([HOLE] * (n - len(self.items)))

    def delete_own(self, key: Any) -> bool:
        if is_array_index(key):
            if self.nc is not None and key in self.nc:
                return False
            i = int(key)
            if i < len(self.items):
                self.items[i] = HOLE
            if self.ro is not None and key in self.ro:
                self.ro = self.ro - {key} or None
            if self.hidden:
                self.hidden.discard(key)
            return True
        if key == "length":
            return False
        return super().delete_own(key)

    def has_own(self, key: Any) -> bool:
        if is_array_index(key):
            i = int(key)
            return i < len(self.items) and self.items[i] is not HOLE
        return key == "length" or key in self.props

    def is_enumerable(self, key: Any) -> bool:
        return key != "length" and super().is_enumerable(key)

    def children(self) -> Iterator[Any]:
        yield from super().children()
        yield from self.items


class RestrictedArray(JSArray):
    """An array with a property whose attributes are not the defaults (a non-writable, non-enumerable or
    non-configurable element or ``length``, an accessor element) or that is not extensible. Its class is
    swapped in (layout-compatible) so that every fast path testing ``type(o) is JSArray`` takes the general
    one, which honours ``ro``/``nc``/``hidden`` and accessors."""

    __slots__ = ()

    def enumerable_keys(self) -> list[str]:
        hidden = self.hidden or ()
        return [str(i) for i, v in enumerate(self.items) if v is not HOLE and str(i) not in hidden] + [
            k for k in self.props if isinstance(k, str) and k not in hidden
        ]

    def set_length(self, value: Any) -> None:
        """ArraySetLength (10.4.2.4): deletion stops above the last non-configurable element (the caller
        compares the resulting length with the one asked for, to throw in strict code)."""
        if self.nc is not None and isinstance(value, float) and 0 <= value < len(self.items):
            fixed = [int(k) for k in self.nc if is_array_index(k) and int(k) >= value]
            if fixed:
                value = float(max(fixed) + 1)
        super().set_length(value)
        if self.hidden or self.ro or self.nc:
            n = len(self.items)
            for attr in ("ro", "nc"):
                keys = getattr(self, attr)
                if keys and any(is_array_index(k) and int(k) >= n for k in keys):
                    setattr(self, attr, frozenset(k for k in keys if not (is_array_index(k) and int(k) >= n)) or None)

    def children(self) -> Iterator[Any]:
        yield from super(JSArray, self).children()
        for v in self.items:
            if isinstance(v, Accessor):
                if v.get is not None:
                    yield v.get
                if v.set is not None:
                    yield v.set
            else:
                yield v


def restrict(o: JSObject) -> None:
    """Mark an array as having non-default attributes (see RestrictedArray); no-op for other objects."""
    if type(o) is JSArray:
        o.__class__ = RestrictedArray


def JSThrow_range(message: str) -> Exception:
    """A RangeError raised from deep inside the object model (converted by the VM)."""
    from engine.errors import make_error_throw

    return make_error_throw("RangeError", message)


class Context(JSObject):
    """A V8 context: the scope object holding variables that closures use (one per scope activation)."""

    __slots__ = ("parent", "slots", "names")
    type_name = "scope"

    def __init__(self, parent: Context | None, names: tuple[str, ...]) -> None:
        super().__init__(None, "Scope")
        self.parent = parent
        self.names = names
        self.slots: list[Any] = [TDZ] * len(names)

    def children(self) -> Iterator[Any]:
        if self.parent is not None:
            yield self.parent
        yield from self.slots


class ScriptScope(JSObject):
    """The script scope: top-level let/const/class bindings of the classic script."""

    __slots__ = ("vars",)
    type_name = "scope"

    def __init__(self) -> None:
        super().__init__(None, "Script")
        self.vars: dict[str, Any] = {}

    def children(self) -> Iterator[Any]:
        yield from self.vars.values()


class JSFunction(JSObject):
    """A function object made from JavaScript source (ECMA-262 10.2)."""

    __slots__ = ("code", "scope", "this_val", "home", "fields", "kind", "parent_ctor", "name", "is_derived",
                 "new_target", "meta_done")
    type_name = "function"

    def __init__(self, proto: JSObject | None, code: Any, scope: Any, name: str) -> None:
        super().__init__(proto, "Function")
        self.code = code            # engine.compiler.FunctionCode
        self.scope = scope          # the Context (or None) the closure captured
        self.this_val: Any = None   # arrows: the captured frame whose `this` they see
        self.home: Any = None       # [[HomeObject]] for super lookups
        self.fields: list[Any] = []  # class fields: (key, initializer JSFunction | None)
        self.kind = "normal"        # normal | arrow | method | class | derived | accessor
        self.parent_ctor: Any = None
        self.name = name
        self.is_derived = False
        self.new_target: Any = None
        self.meta_done = False      # `length` and `name` defined (a deleted one does not come back)

    # V8 creates a function's `prototype` object lazily, on first use; so do we (it has no site).
    def _materialize_prototype(self) -> None:
        if self.kind in ("normal", "generator", "asyncgenerator") and "prototype" not in self.props:
            from engine.errors import current_vm

            vm = current_vm()
            if vm is not None:
                if self.kind == "generator":  # its generators' prototype: no `constructor` (27.3.4)
                    proto = JSObject(vm.GeneratorPrototype)
                elif self.kind == "asyncgenerator":  # (27.4.4)
                    proto = JSObject(vm.AsyncGeneratorPrototype)
                else:
                    proto = JSObject(vm.ObjectPrototype)
                    proto.define_hidden("constructor", self)
                vm.register(proto)
                self.define_hidden("prototype", proto)
                self.nc = (self.nc or frozenset()) | {"prototype"}
                if vm.on_native is not None:  # the timeline: this function changed
                    vm.on_native(self, [])

    def _materialize_meta(self) -> None:
        """`length` and `name` (ECMA-262 10.2.9, 10.2.10), non-enumerable, defined on first use."""
        if self.meta_done:
            return
        self.meta_done = True
        if "name" not in self.props and not (self.hidden and "name" in self.hidden and "name" not in self.props):
            self.define_hidden("length", float(getattr(self.code, "params", 0)))
            self.define_hidden("name", self.name)
            self.ro = (self.ro or frozenset()) | {"length", "name"}

    def get_own(self, key: Any) -> Any:
        if key == "prototype":
            self._materialize_prototype()
        elif (key == "name" or key == "length") and key not in self.props:
            self._materialize_meta()
        return self.props.get(key, HOLE)

    def has_own(self, key: Any) -> bool:
        if key == "prototype":
            self._materialize_prototype()
        elif key == "name" or key == "length":
            self._materialize_meta()
        return key in self.props

    def own_keys(self) -> list[Any]:
        self._materialize_meta()
        self._materialize_prototype()
        keys = list(self.props)
        if keys[:2] != ["length", "name"]:  # V8 lists length and name first (a class defines prototype before)
            keys = [k for k in ("length", "name") if k in self.props] + [k for k in keys if k not in ("length", "name")]
        return keys

    def delete_own(self, key: Any) -> bool:
        if key == "name" or key == "length":
            self._materialize_meta()
        return super().delete_own(key)

    def children(self) -> Iterator[Any]:
        yield from super().children()
        if self.scope is not None:
            yield self.scope
        if self.this_val is not None:
            yield self.this_val
        if self.home is not None:
            yield self.home
        for key, init in self.fields:
            if isinstance(key, JSObject):
                yield key
            if init is not None:
                yield init


class NativeFunction(JSObject):
    """A built-in function. ``fn(vm, this, args)`` returns a value, or is a generator function
    (``gen=True``) that yields call requests ``(callee, this, args)`` to run JavaScript callbacks.
    ``construct(vm, args, new_target)`` (optional) implements ``new``."""

    __slots__ = ("fn", "gen", "name", "construct", "length")
    type_name = "function"

    def __init__(self, proto: JSObject | None, name: str, fn: Callable[..., Any], gen: bool = False,
                 length: int = 0, construct: Callable[..., Any] | None = None) -> None:
        super().__init__(proto, "Function")
        self.fn = fn
        self.gen = gen
        self.name = name
        self.length = length
        self.construct = construct


class BoundFunction(JSObject):
    __slots__ = ("target", "bound_this", "bound_args", "name")
    type_name = "function"

    def __init__(self, proto: JSObject | None, target: Any, bound_this: Any, bound_args: list[Any]) -> None:
        super().__init__(proto, "Function")
        self.target = target
        self.bound_this = bound_this
        self.bound_args = bound_args
        self.name = "bound " + getattr(target, "name", "")

    def children(self) -> Iterator[Any]:
        yield from super().children()
        yield self.target
        yield self.bound_this
        yield from self.bound_args


class JSMap(JSObject):
    """Map: keys and values are strong. Keys are normalised by :func:`map_key`."""

    __slots__ = ("entries",)
    type_name = "map"

    def __init__(self, proto: JSObject | None) -> None:
        super().__init__(proto, "Map")
        self.entries: dict[Any, tuple[Any, Any]] = {}

    def children(self) -> Iterator[Any]:
        yield from super().children()
        for k, v in self.entries.values():
            yield k
            yield v


class JSSet(JSObject):
    __slots__ = ("entries",)
    type_name = "set"

    def __init__(self, proto: JSObject | None) -> None:
        super().__init__(proto, "Set")
        self.entries: dict[Any, Any] = {}

    def children(self) -> Iterator[Any]:
        yield from super().children()
        yield from self.entries.values()


class JSWeakMap(JSObject):
    """WeakMap: entries are ephemerons, keyed by the key object's id (the collector marks them)."""

    __slots__ = ("entries",)
    type_name = "weakmap"

    def __init__(self, proto: JSObject | None) -> None:
        super().__init__(proto, "WeakMap")
        self.entries: dict[int, tuple[JSObject, Any]] = {}


class JSWeakSet(JSObject):
    __slots__ = ("entries",)
    type_name = "weakset"

    def __init__(self, proto: JSObject | None) -> None:
        super().__init__(proto, "WeakSet")
        self.entries: dict[int, JSObject] = {}


class JSWeakRef(JSObject):
    __slots__ = ("target",)
    type_name = "weakref"

    def __init__(self, proto: JSObject | None, target: JSObject) -> None:
        super().__init__(proto, "WeakRef")
        self.target: JSObject | None = target


class JSError(JSObject):
    """An Error instance. Until ``stack`` is first read it keeps alive the functions and ``this``
    values of the frames that were on the stack when it was made (contract rule 6)."""

    __slots__ = ("captured", "stack_text", "line")
    type_name = "error"

    def __init__(self, proto: JSObject | None, cls: str = "Error") -> None:
        super().__init__(proto, cls)
        self.captured: list[Any] = []
        self.stack_text: str | None = None
        self.line: int | None = None   # where it was made (the innermost JavaScript frame's line)

    def children(self) -> Iterator[Any]:
        yield from super().children()
        yield from self.captured


class JSPrimitiveWrapper(JSObject):
    """Number/String/Boolean objects (rare in teaching code, but `new String("x")` must work)."""

    __slots__ = ("value",)

    def __init__(self, proto: JSObject | None, cls: str, value: Any) -> None:
        super().__init__(proto, cls)
        self.value = value


def map_key(value: Any) -> Any:
    """SameValueZero as a Python dict key: objects by identity, -0 as +0, NaN equal to NaN."""
    if isinstance(value, JSObject):
        return ("o", value.id)
    if type(value) is float:
        if value != value:
            return ("nan",)
        return ("n", value + 0.0)
    if type(value) is bool:
        return ("b", value)
    if type(value) is str:
        return ("s", value)
    if type(value) is JSBigInt:
        return ("big", value.v)
    return ("u", id(value))
