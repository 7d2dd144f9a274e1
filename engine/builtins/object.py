"""Object, Object.prototype (ECMA-262 20.1) and Function.prototype (20.2.3).

Property attributes are reduced to what the object model keeps: enumerability (``hidden``) and
accessors. ``Object.freeze`` makes an object non-extensible and swaps its Python class for a
layout-compatible subclass whose ``set_own``/``delete_own`` ignore writes, which is what a frozen
object does in sloppy-mode code (functions are only made non-extensible).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from engine import ops
from engine.builtins.common import (
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
    JSFunction,
    JSObject,
    JSPrimitiveWrapper,
    NativeFunction,
    Symbol,
)

_FROZEN: dict[type, type] = {}


def _frozen_class(cls: type) -> type:
    if cls not in _FROZEN:
        def set_own(self: Any, key: Any, value: Any) -> None:
            return None

        def delete_own(self: Any, key: Any) -> bool:
            return False

        _FROZEN[cls] = type(f"Frozen{cls.__name__}", (cls,), {
            "__slots__": (), "set_own": set_own, "delete_own": delete_own, "frozen": True})
    return _FROZEN[cls]


def is_frozen_object(o: JSObject) -> bool:
    return bool(getattr(type(o), "frozen", False))


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


def _values(vm: Any, this: Any, args: list[Any]) -> Any:
    v = arg(args, 0)
    keys = own_enumerable_string_keys(vm, v)
    return vm.new_array([vm.get(v, k) for k in keys])


def _entries(vm: Any, this: Any, args: list[Any]) -> Any:
    v = arg(args, 0)
    keys = own_enumerable_string_keys(vm, v)
    result = vm.new_array([])
    for k in keys:
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
            vm.put(target, k, vm.get(src, k))
    return target


def freeze(o: JSObject) -> None:
    o.extensible = False
    if isinstance(o, (JSFunction, NativeFunction, BoundFunction)) or is_frozen_object(o):
        return
    o.__class__ = _frozen_class(type(o))


def _freeze(vm: Any, this: Any, args: list[Any]) -> Any:
    o = arg(args, 0)
    if isinstance(o, JSObject):
        freeze(o)
    return o


def _is_frozen(vm: Any, this: Any, args: list[Any]) -> Any:
    o = arg(args, 0)
    if not isinstance(o, JSObject):
        return True
    return not o.extensible and (is_frozen_object(o) or not o.own_keys() or o.own_keys() == ["length"])


def _prevent_extensions(vm: Any, this: Any, args: list[Any]) -> Any:
    o = arg(args, 0)
    if isinstance(o, JSObject):
        o.extensible = False
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


def define_property(vm: Any, o: JSObject, key: Any, desc: JSObject) -> None:
    """[[DefineOwnProperty]] reduced to value / get / set / enumerable."""
    get_v = vm.get(desc, "get") if vm.has_property(desc, "get") else HOLE
    set_v = vm.get(desc, "set") if vm.has_property(desc, "set") else HOLE
    existed = o.has_own(key)
    for f, label in ((get_v, "Getter"), (set_v, "Setter")):
        if f is not HOLE and f is not UNDEFINED and not ops.is_callable(f):
            raise vm.throw_type(f"{label} must be a function: {describe(vm, f)}")
    if get_v is not HOLE or set_v is not HOLE:
        old = o.get_own(key)
        acc = old if isinstance(old, Accessor) else Accessor()
        if get_v is not HOLE:
            acc.get = None if get_v is UNDEFINED else get_v
        if set_v is not HOLE:
            acc.set = None if set_v is UNDEFINED else set_v
        value: Any = Accessor(acc.get, acc.set)
    elif vm.has_property(desc, "value"):
        value = vm.get(desc, "value")
    else:
        value = o.get_own(key) if existed else UNDEFINED
    if not existed and not o.extensible:
        raise vm.throw_type(f"Cannot define property {vm._key_text(key)}, object is not extensible")
    if existed and is_frozen_object(o):
        raise vm.throw_type(f"Cannot redefine property: {vm._key_text(key)}")
    if vm.has_property(desc, "enumerable"):
        enumerable = ops.truthy(vm.get(desc, "enumerable"))
    else:
        enumerable = o.is_enumerable(key) if existed else False
    if isinstance(o, JSArray) and isinstance(key, str) and (key == "length" or key.isdigit()):
        o.set_own(key, value)
        return
    o.props[key] = value
    if enumerable:
        if o.hidden:
            o.hidden.discard(key)
    else:
        if o.hidden is None:
            o.hidden = set()
        o.hidden.add(key)


def _define_property(vm: Any, this: Any, args: list[Any]) -> Any:
    o, desc = arg(args, 0), arg(args, 2)
    if not isinstance(o, JSObject):
        raise vm.throw_type("Object.defineProperty called on non-object")
    if not isinstance(desc, JSObject):
        raise vm.throw_type(f"Property description must be an object: {describe(vm, desc)}")
    define_property(vm, o, vm.to_key(arg(args, 1)), desc)
    return o


def _define_properties(vm: Any, o: JSObject, props: JSObject) -> None:
    for k in props.enumerable_keys():
        d = vm.get(props, k)
        if not isinstance(d, JSObject):
            raise vm.throw_type(f"Property description must be an object: {describe(vm, d)}")
        define_property(vm, o, k, d)


def _define_properties_native(vm: Any, this: Any, args: list[Any]) -> Any:
    o = arg(args, 0)
    if not isinstance(o, JSObject):
        raise vm.throw_type("Object.defineProperties called on non-object")
    _define_properties(vm, o, require_object(vm, arg(args, 1)))
    return o


def _get_own_property_descriptor(vm: Any, this: Any, args: list[Any]) -> Any:
    o = require_object(vm, arg(args, 0))
    key = vm.to_key(arg(args, 1))
    if not o.has_own(key):
        return UNDEFINED
    v = o.get_own(key)
    d = vm.new_object()
    if isinstance(v, Accessor):
        d.set_own("get", v.get if v.get is not None else UNDEFINED)
        d.set_own("set", v.set if v.set is not None else UNDEFINED)
    else:
        d.set_own("value", v)
        d.set_own("writable", not is_frozen_object(o))
    d.set_own("enumerable", o.is_enumerable(key))
    d.set_own("configurable", not is_frozen_object(o))
    return d


def _from_entries(vm: Any, this: Any, args: list[Any]) -> Any:
    src = arg(args, 0)
    if src is UNDEFINED or src is NULL:
        raise vm.throw_type(f"{describe(vm, src)} is not iterable")
    obj = vm.new_object()
    for entry in iterate_values(vm, src):
        if not isinstance(entry, JSObject):
            raise vm.throw_type(f"Iterator value {describe(vm, entry)} is not an entry object")
        vm.put(obj, vm.to_key(vm.get(entry, "0")), vm.get(entry, "1"))
    return obj


def _get_own_property_names(vm: Any, this: Any, args: list[Any]) -> Any:
    v = arg(args, 0)
    if type(v) is str:
        return vm.new_array([str(i) for i in range(len(v))] + ["length"])
    o = require_object(vm, v)
    keys = [k for k in o.own_keys() if isinstance(k, str)]
    ints = sorted((k for k in keys if k.isdigit()), key=int)
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
    return bf


def _function_to_string(vm: Any, this: Any, args: list[Any]) -> Any:
    if not ops.is_callable(this):
        raise vm.throw_type("Function.prototype.toString requires that 'this' be a Function")
    return function_source(this)


def _function_call(vm: Any, this: Any, args: list[Any]) -> Any:
    raise vm.throw_type("The Function constructor is not supported in memcourse")


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
        "isExtensible": _is_extensible, "seal": _prevent_extensions,
    }
    for name, fn in statics.items():
        method(vm, ctor, name, fn, 1)
    for name, fn in (("hasOwnProperty", _has_own_property), ("toString", _object_to_string),
                     ("valueOf", _value_of), ("isPrototypeOf", _is_prototype_of),
                     ("propertyIsEnumerable", _property_is_enumerable), ("toLocaleString", _to_locale_string)):
        method(vm, op, name, fn, 1 if name in ("hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable") else 0)
    getter(vm, op, "__proto__", _proto_get)
    acc = op.get_own("__proto__")
    acc.set = native(vm, "set __proto__", _proto_set, 1)

    fp = vm.FunctionPrototype
    constructor(vm, "Function", _function_call, 1, None, fp)
    method(vm, fp, "call", _call, 1, gen=True)
    method(vm, fp, "apply", _apply, 2, gen=True)
    method(vm, fp, "bind", _bind, 1)
    method(vm, fp, "toString", _function_to_string, 0)
