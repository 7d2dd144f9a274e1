"""Object, Object.prototype (ECMA-262 20.1) and Function.prototype (20.2.3).

Property attributes live on the object (``hidden``, ``ro``, ``nc``: engine/values.py); ``define_property``
validates a descriptor against them as ECMA-262 10.1.6.3 does, with V8's messages. ``Object.freeze`` and
``Object.seal`` set them for every own key (an array's class becomes ``RestrictedArray``, so its fast paths
are off).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from engine import ops
from engine.builtins.common import (
    NAME_LENGTH,
    arg,
    array_like_length,
    constructor,
    describe,
    function_name,
    function_source,
    getter,
    method,
    native,
)
from engine.builtins.iteration import iterate_values
from engine.values import (
    HOLE,
    NULL,
    SYM_TO_STRING_TAG,
    UNDEFINED,
    Accessor,
    BoundFunction,
    JSArray,
    JSError,
    JSObject,
    JSPrimitiveWrapper,
    Symbol,
    is_array_index,
    restrict,
)


def is_frozen_object(o: JSObject) -> bool:
    """TestIntegrityLevel(o, frozen) (7.3.16) without running code."""
    if o.extensible:
        return False
    nc, ro = o.nc or frozenset(), o.ro or frozenset()
    for k in o.own_keys():
        if k not in nc and not (k == "length" and isinstance(o, JSArray)):
            return False
        if k not in ro and not isinstance(o.get_own(k), Accessor):
            return False
    return True


def _is_sealed(o: JSObject) -> bool:
    if o.extensible:
        return False
    nc = o.nc or frozenset()
    return all(k in nc or (k == "length" and isinstance(o, JSArray)) for k in o.own_keys())


def require_object(vm: Any, v: Any) -> JSObject:
    if v is UNDEFINED or v is NULL:
        raise vm.throw_type("Cannot convert undefined or null to object")
    return vm.to_object(v)


def own_enumerable_string_keys(vm: Any, v: Any) -> list[str]:
    if type(v) is str:
        return [str(i) for i in range(len(v))]
    return require_object(vm, v).enumerable_keys()


# ---------------------------------------------------------------- Object
def _object_call(vm: Any, this: Any, args: list[Any]) -> Any:
    v = arg(args, 0)
    if v is UNDEFINED or v is NULL:
        return vm.new_object()
    return vm.to_object(v)


def _object_construct(vm: Any, args: list[Any], proto: Any) -> JSObject:
    v = arg(args, 0)
    if isinstance(v, JSObject):
        return v
    if v is UNDEFINED or v is NULL:
        obj = JSObject(proto if isinstance(proto, JSObject) else vm.ObjectPrototype)
        return vm.register(obj)
    return vm.to_object(v)


def _keys(vm: Any, this: Any, args: list[Any]) -> Any:
    return vm.new_array(list(own_enumerable_string_keys(vm, arg(args, 0))))


def _still_enumerable(v: Any, k: str) -> bool:
    """EnumerableOwnProperties (7.3.23) step 4.a: a key a getter removed or hid meanwhile is skipped."""
    return not isinstance(v, JSObject) or (v.has_own(k) and v.is_enumerable(k))


def _values(vm: Any, this: Any, args: list[Any]) -> Any:
    v = arg(args, 0)
    keys = own_enumerable_string_keys(vm, v)
    return vm.new_array([vm.get(v, k) for k in keys if _still_enumerable(v, k)])


def _entries(vm: Any, this: Any, args: list[Any]) -> Any:
    v = arg(args, 0)
    keys = own_enumerable_string_keys(vm, v)
    result = vm.new_array([])
    for k in keys:
        if _still_enumerable(v, k):
            result.items.append(vm.new_array([k, vm.get(v, k)]))
    return result


def _assign(vm: Any, this: Any, args: list[Any]) -> Any:
    target = require_object(vm, arg(args, 0))
    for src in args[1:]:
        if src is UNDEFINED or src is NULL:
            continue
        keys: list[Any] = list(own_enumerable_string_keys(vm, src))
        if isinstance(src, JSObject):
            keys += [k for k in src.props if isinstance(k, Symbol) and src.is_enumerable(k)]
        for k in keys:
            vm.put_strict(target, k, vm.get(src, k))
    return target


def freeze(o: JSObject) -> None:
    """SetIntegrityLevel(o, frozen) (7.3.15): every property non-configurable, every data property
    non-writable, the object non-extensible."""
    keys = o.own_keys()
    o.extensible = False
    restrict(o)
    o.nc = frozenset(keys) | (o.nc or frozenset()) or None
    ro = [k for k in keys if not isinstance(o.get_own(k), Accessor)]
    o.ro = frozenset(ro) | (o.ro or frozenset()) or None


def seal(o: JSObject) -> None:
    keys = o.own_keys()
    o.extensible = False
    restrict(o)
    o.nc = frozenset(keys) | (o.nc or frozenset()) or None


def _freeze(vm: Any, this: Any, args: list[Any]) -> Any:
    o = arg(args, 0)
    if isinstance(o, JSObject):
        freeze(o)
    return o


def _seal(vm: Any, this: Any, args: list[Any]) -> Any:
    o = arg(args, 0)
    if isinstance(o, JSObject):
        seal(o)
    return o


def _is_frozen(vm: Any, this: Any, args: list[Any]) -> Any:
    o = arg(args, 0)
    return not isinstance(o, JSObject) or is_frozen_object(o)


def _is_sealed_native(vm: Any, this: Any, args: list[Any]) -> Any:
    o = arg(args, 0)
    return not isinstance(o, JSObject) or _is_sealed(o)


def _prevent_extensions(vm: Any, this: Any, args: list[Any]) -> Any:
    o = arg(args, 0)
    if isinstance(o, JSObject):
        o.extensible = False
        restrict(o)
    return o


def _is_extensible(vm: Any, this: Any, args: list[Any]) -> Any:
    o = arg(args, 0)
    return isinstance(o, JSObject) and o.extensible


def _check_proto(vm: Any, p: Any) -> Any:
    if p is NULL or isinstance(p, JSObject):
        return None if p is NULL else p
    raise vm.throw_type(f"Object prototype may only be an Object or null: {describe(vm, p)}")


def _create(vm: Any, this: Any, args: list[Any]) -> Any:
    proto = _check_proto(vm, arg(args, 0))
    obj = vm.new_object(proto)
    props = arg(args, 1)
    if isinstance(props, JSObject):
        _define_properties(vm, obj, props)
    elif props is NULL:
        raise vm.throw_type("Cannot convert undefined or null to object")
    elif type(props) is str and props:  # ToObject: its characters would be the descriptors
        raise vm.throw_type(f"Property description must be an object: {props[0]}")
    return obj


def _get_prototype_of(vm: Any, this: Any, args: list[Any]) -> Any:
    o = require_object(vm, arg(args, 0))
    return NULL if o.proto is None else o.proto


def _set_prototype_of(vm: Any, this: Any, args: list[Any]) -> Any:
    o = arg(args, 0)
    if o is UNDEFINED or o is NULL:
        raise vm.throw_type("Object.setPrototypeOf called on null or undefined")
    proto = _check_proto(vm, arg(args, 1))
    if isinstance(o, JSObject):
        set_prototype(vm, o, proto)
    return o


def set_prototype(vm: Any, o: JSObject, proto: JSObject | None) -> None:
    p = proto
    while p is not None:
        if p is o:
            raise vm.throw_type("Cyclic __proto__ value")
        p = p.proto
    if not o.extensible and proto is not o.proto:
        raise vm.throw_type(f"{describe(vm, o)} is not extensible")
    o.proto = proto


_FIELDS = ("enumerable", "configurable", "value", "writable", "get", "set")


def to_descriptor(vm: Any, desc: Any) -> dict[str, Any]:
    """ToPropertyDescriptor (6.2.6.5): the fields present, read in the specification's order."""
    if not isinstance(desc, JSObject):
        raise vm.throw_type(f"Property description must be an object: {describe(vm, desc)}")
    d: dict[str, Any] = {}
    for f in _FIELDS:
        if vm.has_property(desc, f):
            v = vm.get(desc, f)
            d[f] = ops.truthy(v) if f in ("enumerable", "configurable", "writable") else v
    for f, label in (("get", "Getter"), ("set", "Setter")):
        if f in d and d[f] is not UNDEFINED and not ops.is_callable(d[f]):
            raise vm.throw_type(f"{label} must be a function: {describe(vm, d[f])}")
    if ("get" in d or "set" in d) and ("value" in d or "writable" in d):
        raise vm.throw_type("Invalid property descriptor. Cannot both specify accessors and a value or writable "
                            f"attribute, {describe(vm, desc)}")
    return d


def _with(keys: frozenset[Any] | None, key: Any, on: bool) -> frozenset[Any] | None:
    if on:
        return (keys or frozenset()) | {key}
    if keys is not None and key in keys:
        return keys - {key} or None
    return keys


def define_property(vm: Any, o: JSObject, key: Any, desc: JSObject | dict[str, Any], throw: bool = True) -> bool:
    """[[DefineOwnProperty]] with ValidateAndApplyPropertyDescriptor (10.1.6.3); V8's messages."""
    d = desc if isinstance(desc, dict) else to_descriptor(vm, desc)
    existed = o.has_own(key)

    def fail(message: str) -> bool:
        if throw:
            raise vm.throw_type(message)
        return False

    is_array = isinstance(o, JSArray)
    if is_array and key == "length":
        return _define_array_length(vm, o, d, fail)
    if is_array and o.ro and "length" in o.ro and is_array_index(key) and int(key) >= len(o.items):
        return fail(f"Cannot define property {vm._key_text(key)}, object is not extensible")
    accessor = "get" in d or "set" in d
    if not existed:
        if not o.extensible:
            return fail(f"Cannot define property {vm._key_text(key)}, object is not extensible")
        if accessor:
            value: Any = Accessor(None if d.get("get", UNDEFINED) is UNDEFINED else d["get"],
                                  None if d.get("set", UNDEFINED) is UNDEFINED else d["set"])
        else:
            value = d.get("value", UNDEFINED)
        _store(o, key, value)
        _set_attrs(o, key, not d.get("enumerable", False), not accessor and not d.get("writable", False),
                   not d.get("configurable", False))
        return True
    cur = o.get_own(key)
    cur_accessor = type(cur) is Accessor
    configurable = not (o.nc and key in o.nc)
    writable = not (o.ro and key in o.ro)
    enumerable = o.is_enumerable(key)
    if not configurable:
        redefine = f"Cannot redefine property: {vm._key_text(key)}"
        if d.get("configurable") is True:
            return fail(redefine)
        if "enumerable" in d and d["enumerable"] != enumerable:
            return fail(redefine)
        generic = not accessor and "value" not in d and "writable" not in d
        if not generic and accessor != cur_accessor:
            return fail(redefine)
        if cur_accessor:
            if "get" in d and (None if d["get"] is UNDEFINED else d["get"]) is not cur.get:
                return fail(redefine)
            if "set" in d and (None if d["set"] is UNDEFINED else d["set"]) is not cur.set:
                return fail(redefine)
        elif not writable:
            if d.get("writable") is True:
                return fail(redefine)
            if "value" in d and not ops.same_value(d["value"], cur):
                return fail(redefine)
    if accessor:
        new: Any = Accessor(cur.get, cur.set) if cur_accessor else Accessor()
        if "get" in d:
            new.get = None if d["get"] is UNDEFINED else d["get"]
        if "set" in d:
            new.set = None if d["set"] is UNDEFINED else d["set"]
        _store(o, key, new)
        read_only = False
    elif cur_accessor and ("value" in d or "writable" in d):  # accessor -> data: defaults for the rest
        _store(o, key, d.get("value", UNDEFINED))
        read_only = not d.get("writable", False)
    else:
        if "value" in d:
            _store(o, key, d["value"])
        read_only = not cur_accessor and not d.get("writable", writable)
    _set_attrs(o, key, not d.get("enumerable", enumerable), read_only, not d.get("configurable", configurable))
    return True


def _store(o: JSObject, key: Any, value: Any) -> None:
    if isinstance(o, JSArray) and is_array_index(key):
        if type(value) is Accessor:
            restrict(o)
        o.set_index(int(key), value)
    else:
        o.props[key] = value


def _set_attrs(o: JSObject, key: Any, hidden: bool, read_only: bool, fixed: bool) -> None:
    if hidden:
        if o.hidden is None:
            o.hidden = set()
        o.hidden.add(key)
    elif o.hidden:
        o.hidden.discard(key)
    o.ro = _with(o.ro, key, read_only)
    o.nc = _with(o.nc, key, fixed)
    if hidden or read_only or fixed:
        restrict(o)


def _define_array_length(vm: Any, o: JSArray, d: dict[str, Any], fail: Any) -> bool:
    """ArraySetLength (10.4.2.4) through defineProperty."""
    redefine = "Cannot redefine property: length"
    if "get" in d or "set" in d or d.get("configurable") is True or d.get("enumerable") is True:
        return fail(redefine)
    writable = not (o.ro and "length" in o.ro)
    if "value" in d:
        n = vm.to_number(d["value"])
        if n != ops.to_uint32(n) or vm.to_number(d["value"]) != n:
            raise vm.throw_range("Invalid array length")
        if not writable and n != len(o.items):
            return fail(redefine)
        if n != len(o.items):
            o.set_length(float(n))
            if len(o.items) != n:
                o.ro = _with(o.ro, "length", d.get("writable") is False or not writable)
                restrict(o)
                return fail(f"Cannot delete property '{len(o.items) - 1}' of [object Array]")
    if d.get("writable") is True and not writable:
        return fail(redefine)
    if d.get("writable") is False:
        o.ro = _with(o.ro, "length", True)
        restrict(o)
    return True


def _define_property(vm: Any, this: Any, args: list[Any]) -> Any:
    o, desc = arg(args, 0), arg(args, 2)
    if not isinstance(o, JSObject):
        raise vm.throw_type("Object.defineProperty called on non-object")
    if not isinstance(desc, JSObject):
        raise vm.throw_type(f"Property description must be an object: {describe(vm, desc)}")
    define_property(vm, o, vm.to_key(arg(args, 1)), desc)
    return o


def _define_properties(vm: Any, o: JSObject, props: JSObject) -> None:
    """ObjectDefineProperties (20.1.2.3.1): every descriptor is read before any is applied."""
    pending = []
    for k in _ordered_keys(props):
        if props.has_own(k) and props.is_enumerable(k):
            pending.append((k, to_descriptor(vm, vm.get(props, k))))
    for k, d in pending:
        define_property(vm, o, k, d)


def _define_properties_native(vm: Any, this: Any, args: list[Any]) -> Any:
    o = arg(args, 0)
    if not isinstance(o, JSObject):
        raise vm.throw_type("Object.defineProperties called on non-object")
    _define_properties(vm, o, require_object(vm, arg(args, 1)))
    return o


def descriptor_object(vm: Any, o: JSObject, key: Any) -> Any:
    """FromPropertyDescriptor (6.2.6.4) of o's own property `key`, or undefined."""
    if not o.has_own(key):
        return UNDEFINED
    v = o.get_own(key)
    d = vm.new_object()
    if isinstance(v, Accessor):
        d.set_own("get", v.get if v.get is not None else UNDEFINED)
        d.set_own("set", v.set if v.set is not None else UNDEFINED)
    else:
        d.set_own("value", v)
        d.set_own("writable", not (o.ro is not None and key in o.ro))
    d.set_own("enumerable", o.is_enumerable(key))
    fixed = o.nc is not None and key in o.nc or (key == "length" and isinstance(o, JSArray))
    d.set_own("configurable", not fixed)
    return d


def _get_own_property_descriptor(vm: Any, this: Any, args: list[Any]) -> Any:
    o = require_object(vm, arg(args, 0))
    key = vm.to_key(arg(args, 1))
    if isinstance(o, JSPrimitiveWrapper) and type(o.value) is str and (key == "length" or (
            is_array_index(key) and int(key) < len(o.value))):
        d = vm.new_object()
        for k, v in (("value", vm.get(o.value, key)), ("writable", False), ("enumerable", key != "length"),
                     ("configurable", False)):
            d.set_own(k, v)
        return d
    return descriptor_object(vm, o, key)


def _get_own_property_descriptors(vm: Any, this: Any, args: list[Any]) -> Any:
    o = require_object(vm, arg(args, 0))
    out = vm.new_object()
    for k in _ordered_keys(o):
        d = descriptor_object(vm, o, k)
        if d is not UNDEFINED:
            out.set_own(k, d)
    return out


def _ordered_keys(o: JSObject) -> list[Any]:
    """OrdinaryOwnPropertyKeys (10.1.11.1): integer keys ascending, strings, then symbols."""
    keys = o.own_keys()
    strs = [k for k in keys if isinstance(k, str)]
    ints = sorted((k for k in strs if is_array_index(k)), key=int)
    return ints + [k for k in strs if not is_array_index(k)] + [k for k in keys if isinstance(k, Symbol)]


def _from_entries(vm: Any, this: Any, args: list[Any]) -> Any:
    src = arg(args, 0)
    if src is UNDEFINED or src is NULL:
        raise vm.throw_type(f"{describe(vm, src)} is not iterable")
    obj = vm.new_object()
    for entry in iterate_values(vm, src):
        if not isinstance(entry, JSObject):
            raise vm.throw_type(f"Iterator value {describe(vm, entry)} is not an entry object")
        key = vm.to_key(vm.get(entry, "0"))
        obj.set_own(key, vm.get(entry, "1"))  # CreateDataPropertyOrThrow: no setter runs
    return obj


def _get_own_property_names(vm: Any, this: Any, args: list[Any]) -> Any:
    v = arg(args, 0)
    if type(v) is str:
        return vm.new_array([str(i) for i in range(len(v))] + ["length"])
    o = require_object(vm, v)
    keys = [k for k in o.own_keys() if isinstance(k, str)]
    ints = sorted((k for k in keys if k.isdigit()), key=int)
    if isinstance(o, JSPrimitiveWrapper) and type(o.value) is str and "length" not in keys:
        n = int(vm.get(o.value, "length"))  # a String object's indices and length (10.4.3.3)
        return vm.new_array([str(i) for i in range(n)] + ints + ["length"] + [k for k in keys if not k.isdigit()])
    return vm.new_array(ints + [k for k in keys if not k.isdigit()])


def _get_own_property_symbols(vm: Any, this: Any, args: list[Any]) -> Any:
    o = require_object(vm, arg(args, 0))
    return vm.new_array([k for k in o.own_keys() if isinstance(k, Symbol)])


def _is(vm: Any, this: Any, args: list[Any]) -> Any:
    return ops.same_value(arg(args, 0), arg(args, 1))


def _has_own(vm: Any, this: Any, args: list[Any]) -> Any:
    return require_object(vm, arg(args, 0)).has_own(vm.to_key(arg(args, 1)))


# ---------------------------------------------------------------- Object.prototype
def _has_own_property(vm: Any, this: Any, args: list[Any]) -> Any:
    key = vm.to_key(arg(args, 0))
    if type(this) is str:
        return key == "length" or (key.isdigit() and int(key) < len(this))
    return require_object(vm, this).has_own(key)


def builtin_tag(vm: Any, this: Any) -> str:
    if this is UNDEFINED:
        return "Undefined"
    if this is NULL:
        return "Null"
    o = vm.to_object(this)
    tag = vm.get(o, SYM_TO_STRING_TAG)
    if type(tag) is str:
        return tag
    if isinstance(o, JSArray):
        return "Array"
    if ops.is_callable(o):
        return "Function"
    if isinstance(o, JSError):
        return "Error"
    if isinstance(o, JSPrimitiveWrapper):
        return o.cls
    if o.cls == "Arguments":
        return "Arguments"
    if hasattr(o, "tv"):
        return "Date"
    if o.cls == "RegExp" and hasattr(o, "program"):
        return "RegExp"
    return "Object"


def _object_to_string(vm: Any, this: Any, args: list[Any]) -> Any:
    return f"[object {builtin_tag(vm, this)}]"


def _to_locale_string(vm: Any, this: Any, args: list[Any]) -> Any:
    return vm.call_sync(vm.get(this, "toString"), this, [])


def _value_of(vm: Any, this: Any, args: list[Any]) -> Any:
    return require_object(vm, this)


def _is_prototype_of(vm: Any, this: Any, args: list[Any]) -> Any:
    v = arg(args, 0)
    if not isinstance(v, JSObject):
        return False
    o = require_object(vm, this)
    p = v.proto
    while p is not None:
        if p is o:
            return True
        p = p.proto
    return False


def _property_is_enumerable(vm: Any, this: Any, args: list[Any]) -> Any:
    key = vm.to_key(arg(args, 0))
    o = require_object(vm, this)
    return o.has_own(key) and o.is_enumerable(key)


def _proto_get(vm: Any, this: Any, args: list[Any]) -> Any:
    o = require_object(vm, this)
    return NULL if o.proto is None else o.proto


def _proto_set(vm: Any, this: Any, args: list[Any]) -> Any:
    p = arg(args, 0)
    if isinstance(this, JSObject) and (p is NULL or isinstance(p, JSObject)):
        set_prototype(vm, this, None if p is NULL else p)
    return UNDEFINED


def _define_accessor(kind: str) -> Any:
    """Object.prototype.__defineGetter__ / __defineSetter__ (B.2.2.2-3)."""
    def define(vm: Any, this: Any, args: list[Any]) -> Any:
        o = require_object(vm, this)
        f = arg(args, 1)
        if not ops.is_callable(f):
            raise vm.throw_type(f"Object.prototype.__define{kind.title()}ter__: Expecting function")
        define_property(vm, o, vm.to_key(arg(args, 0)), {kind: f, "enumerable": True, "configurable": True})
        return UNDEFINED

    return define


def _lookup_accessor(kind: str) -> Any:
    """Object.prototype.__lookupGetter__ / __lookupSetter__ (B.2.2.4-5)."""
    def lookup(vm: Any, this: Any, args: list[Any]) -> Any:
        o: JSObject | None = require_object(vm, this)
        key = vm.to_key(arg(args, 0))
        while o is not None:
            if o.has_own(key):
                v = o.get_own(key)
                f = getattr(v, kind) if isinstance(v, Accessor) else None
                return UNDEFINED if f is None else f
            o = o.proto
        return UNDEFINED

    return lookup


# ---------------------------------------------------------------- Function.prototype
def _call(vm: Any, this: Any, args: list[Any]) -> Generator[Any, Any, Any]:
    if not ops.is_callable(this):
        raise vm.throw_type(f"Function.prototype.call called on {describe(vm, this)}, which is not a function")
    return (yield (this, arg(args, 0), list(args[1:]), 0))


def _apply(vm: Any, this: Any, args: list[Any]) -> Generator[Any, Any, Any]:
    if not ops.is_callable(this):
        raise vm.throw_type(f"Function.prototype.apply was called on {describe(vm, this)}, which is a "
                            f"{ops.typeof(this)} and not a function")
    arr = arg(args, 1)
    if arr is UNDEFINED or arr is NULL:
        call_args: list[Any] = []
    elif isinstance(arr, JSArray):
        call_args = [UNDEFINED if v is HOLE else v for v in arr.items]
    elif isinstance(arr, JSObject):
        call_args = [vm.get(arr, str(i)) for i in range(array_like_length(vm, arr))]
    else:
        raise vm.throw_type("CreateListFromArrayLike called on non-object")
    return (yield (this, arg(args, 0), call_args, 0))


def _bind(vm: Any, this: Any, args: list[Any]) -> Any:
    if not ops.is_callable(this):
        raise vm.throw_type("Bind must be called on a function")
    bf = BoundFunction(vm.FunctionPrototype, this, arg(args, 0), list(args[1:]))
    vm.register(bf)
    target_length = vm.get(this, "length")
    length = max(0.0, target_length - len(args[1:])) if type(target_length) is float else 0.0
    bf.define_hidden("length", length)
    bf.define_hidden("name", "bound " + function_name(this))
    bf.ro = NAME_LENGTH
    return bf


def _function_to_string(vm: Any, this: Any, args: list[Any]) -> Any:
    if not ops.is_callable(this):
        raise vm.throw_type("Function.prototype.toString requires that 'this' be a Function")
    return function_source(this)


def _function_call(vm: Any, this: Any, args: list[Any]) -> Any:
    raise vm.throw_type("The Function constructor is not supported in memcourse (it compiles code from a string at "
                        "run time; write the function in the program)")


def install(vm: Any) -> None:
    op = vm.ObjectPrototype
    ctor = constructor(vm, "Object", _object_call, 1, _object_construct, op)
    statics = {
        "keys": _keys, "values": _values, "entries": _entries, "assign": _assign, "freeze": _freeze,
        "isFrozen": _is_frozen, "create": _create, "getPrototypeOf": _get_prototype_of,
        "setPrototypeOf": _set_prototype_of, "defineProperty": _define_property,
        "defineProperties": _define_properties_native, "fromEntries": _from_entries,
        "getOwnPropertyNames": _get_own_property_names, "is": _is,
        "getOwnPropertySymbols": _get_own_property_symbols, "hasOwn": _has_own,
        "getOwnPropertyDescriptor": _get_own_property_descriptor, "preventExtensions": _prevent_extensions,
        "isExtensible": _is_extensible, "seal": _seal, "isSealed": _is_sealed_native,
        "getOwnPropertyDescriptors": _get_own_property_descriptors,
    }
    two = ("assign", "create", "defineProperties", "getOwnPropertyDescriptor", "hasOwn", "is", "setPrototypeOf")
    order = ("assign getOwnPropertyDescriptor getOwnPropertyDescriptors getOwnPropertyNames getOwnPropertySymbols "
             "hasOwn is preventExtensions seal create defineProperties defineProperty freeze getPrototypeOf "
             "setPrototypeOf isExtensible isFrozen isSealed keys entries fromEntries values").split()  # V8's order
    for name in order:
        fn = statics[name]
        method(vm, ctor, name, fn, 3 if name == "defineProperty" else 2 if name in two else 1)
    for name, fn in (("hasOwnProperty", _has_own_property), ("toString", _object_to_string),
                     ("valueOf", _value_of), ("isPrototypeOf", _is_prototype_of),
                     ("propertyIsEnumerable", _property_is_enumerable), ("toLocaleString", _to_locale_string)):
        method(vm, op, name, fn, 1 if name in ("hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable") else 0)
    for kind in ("get", "set"):
        method(vm, op, f"__define{kind.title()}ter__", _define_accessor(kind), 2)
        method(vm, op, f"__lookup{kind.title()}ter__", _lookup_accessor(kind), 1)
    getter(vm, op, "__proto__", _proto_get)
    acc = op.get_own("__proto__")
    acc.set = native(vm, "set __proto__", _proto_set, 1)

    fp = vm.FunctionPrototype
    fp.define_hidden("length", 0.0)  # Function.prototype is a function: length 0, name "" (20.2.3)
    fp.define_hidden("name", "")
    fp.ro = NAME_LENGTH
    constructor(vm, "Function", _function_call, 1, lambda vm_, args, proto: _function_call(vm_, UNDEFINED, args), fp)
    method(vm, fp, "call", _call, 1, gen=True)
    method(vm, fp, "apply", _apply, 2, gen=True)
    method(vm, fp, "bind", _bind, 1)
    method(vm, fp, "toString", _function_to_string, 0)
