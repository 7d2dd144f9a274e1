"""The helpers compiled code calls (``_add``, ``_get``, ``_mkfn``...), bound to one VM.

Each helper implements one abstract operation of ECMA-262 with a fast path for the common case
(numbers, plain objects); the section numbers are given where it helps.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import islice
from math import copysign, fmod
from typing import Any

from engine import asyncgen, bigint, coroutine, ops
from engine.builtins.iteration import (
    ProtocolIterator,
    has_builtin_iterator,
    iterator_close,
    iterator_close_abrupt,
)
from engine.values import (
    HOLE,
    NULL,
    TDZ,
    UNDEFINED,
    Accessor,
    Context,
    JSArray,
    JSBigInt,
    JSFunction,
    JSObject,
    JSThrow,
)
from engine.vm import AWAIT, GENSTART, NEW, SUPER, VM, YIELD, GeneratorReturn


class _Spread:
    __repr__ = lambda self: "SPREAD"  # noqa: E731


SPREAD = _Spread()
MAX_STRING_LENGTH = 2**29 - 24
INF = math.inf


# Globals of JavaScript or of node that the engine leaves out: a program that uses one hears why.
UNSUPPORTED_GLOBALS = {
    "eval": "it runs code from a string at run time; write the code in the program",
    "Proxy": "the course does not teach metaprogramming", "Reflect": "the course does not teach metaprogramming",
    "Intl": "the course does not teach internationalisation",
    **{name: "binary data is outside the course" for name in (
        "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "Int8Array", "Uint8Array", "Uint8ClampedArray",
        "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array",
        "BigUint64Array")},
    **{name: "programs are classic scripts, not node modules" for name in (
        "require", "module", "exports", "__dirname", "__filename")},
    **{name: "node's host APIs are not modelled; the course teaches the language's own queues" for name in (
        "process", "Buffer")},
    **{name: "programs run outside a browser" for name in ("window", "document", "fetch", "navigator", "alert")},
}


def not_defined(name: str) -> str:
    """The ReferenceError message for an unknown global: V8's, or why memcourse leaves out a real one."""
    reason = UNSUPPORTED_GLOBALS.get(name)
    return f"{name} is not defined" if reason is None else f"{name} is not supported in memcourse ({reason})"


def make_namespace(vm: VM, codes: list[Any]) -> dict[str, Any]:
    """The globals of the compiled module: helpers closed over `vm`."""
    g = vm.global_object
    sv = vm.script_scope.vars
    to_number = vm.to_number
    to_primitive = vm.to_primitive
    to_string = vm.to_string

    def tdz(v: Any, name: str) -> Any:
        if v is TDZ:
            raise vm.throw_reference(f"Cannot access '{name}' before initialization")
        return v

    def gget(name: str) -> Any:
        v = sv.get(name, HOLE)
        if v is not HOLE:
            return tdz(v, name) if v is TDZ else v
        own = g.props.get(name, HOLE)  # the global object's own data property (its get_own), the common case
        if own is not HOLE and type(own) is not Accessor:
            return own
        obj: JSObject | None = g
        while obj is not None:
            own = obj.get_own(name)
            if own is not HOLE:
                if type(own) is Accessor:
                    return vm.call_sync(own.get, g, []) if own.get is not None else UNDEFINED
                return own
            obj = obj.proto
        raise vm.throw_reference(not_defined(name))

    def gtypeof(name: str) -> str:
        if name in sv or g.get_own(name) is not HOLE:
            return ops.typeof(gget(name))
        return "undefined"

    def gput(name: str, value: Any) -> Any:
        if name in sv:
            cur = sv[name]
            if cur is TDZ:
                raise vm.throw_reference(f"Cannot access '{name}' before initialization")
            sv[name] = value
            return value
        return vm.put(g, name, value)

    def gputs(name: str, value: Any) -> Any:
        """Assignment to an undeclared name in strict code is a ReferenceError (9.4.2 PutValue)."""
        if name not in sv and g.get_own(name) is HOLE:
            raise vm.throw_reference(f"{name} is not defined")
        if name not in sv and g.ro is not None and name in g.ro:
            return vm.put_strict(g, name, value)  # a read-only global (undefined, NaN, defineProperty'd)
        return gput(name, value)

    put_strict = vm.put_strict

    def putsv(o: Any, k: Any, value: Any) -> Any:
        if type(o) is JSArray and type(k) is float:
            i = int(k) if k.is_integer() else -1
            if 0 <= i < len(o.items):
                o.items[i] = value
                return value
        return put_strict(o, vm.to_key(k), value)

    def gdeclare(name: str) -> None:
        if g.get_own(name) is HOLE:
            g.set_own(name, UNDEFINED)
        if name not in vm.program_globals:
            vm.program_globals.append(name)

    def gdelete(name: str) -> bool:
        if name in vm.program_globals:
            vm.program_globals.remove(name)
        return g.delete_own(name)

    def constassign(_: Any) -> Any:
        raise vm.throw_type("Assignment to constant variable.")

    def setslot(ctx: Context, k: int, v: Any) -> Any:
        ctx.slots[k] = v
        return v

    def setscript(name: str, v: Any) -> Any:
        sv[name] = v
        return v

    # -- arithmetic (13.15.3 ApplyStringOrNumericBinaryOperator)
    def add(a: Any, b: Any) -> Any:
        ta, tb = type(a), type(b)
        if ta is float and tb is float:
            return a + b
        if ta is str and tb is str:
            return checked(a, b)
        a = to_primitive(a)
        b = to_primitive(b)
        if type(a) is str or type(b) is str:
            return checked(to_string(a), to_string(b))
        return numeric("+", a, b)

    def numeric(op: str, a: Any, b: Any) -> Any:
        """A numeric operator whose operands are not both numbers: BigInts, or values to convert."""
        return bigint.binary(vm, op, a, b)

    def to_numeric(a: Any) -> Any:
        return a if type(a) is float else bigint.to_numeric(vm, a)

    def checked(a: str, b: str) -> str:
        """String concatenation with V8's maximum string length (2**29 - 24)."""
        if len(a) + len(b) > MAX_STRING_LENGTH:
            raise vm.throw_range("Invalid string length")
        return ops.concat(a, b)

    def template(parts: list[str]) -> str:
        if sum(map(len, parts)) > MAX_STRING_LENGTH:
            raise vm.throw_range("Invalid string length")
        return ops.join_surrogates("".join(parts))

    def sub(a: Any, b: Any) -> float:
        if type(a) is float and type(b) is float:
            return a - b
        return numeric("-", a, b)

    def mul(a: Any, b: Any) -> float:
        if type(a) is float and type(b) is float:
            try:
                return a * b
            except OverflowError:  # pragma: no cover - floats overflow to inf
                return math.inf
        return numeric("*", a, b)

    def div(a: Any, b: Any) -> float:
        if type(a) is float and type(b) is float:
            return ops.js_div(a, b)
        return numeric("/", a, b)

    def mod(a: Any, b: Any) -> float:
        if type(a) is float and type(b) is float:
            if 0.0 < b < INF and 0.0 <= a < INF:  # finite, a >= 0 (or -0), b > 0: what % mostly sees
                r = fmod(a, b)
                return r if r else copysign(0.0, a)
            return ops.js_mod(a, b)
        return numeric("%", a, b)

    def pow_(a: Any, b: Any) -> float:
        if type(a) is float and type(b) is float:
            return ops.js_pow(a, b)
        return numeric("**", a, b)

    def neg(a: Any) -> float:
        return -a if type(a) is float else bigint.negate(vm, a)

    def inc(a: Any) -> float:
        return a + 1.0 if type(a) is float else bigint.step(to_numeric(a), 1)

    def dec(a: Any) -> float:
        return a - 1.0 if type(a) is float else bigint.step(to_numeric(a), -1)

    def i32(a: Any) -> int:
        return ops.to_int32(to_number(a))

    def from_int(n: int) -> float:
        return float(ops.to_int32(n))

    def compare(a: Any, b: Any) -> Any:
        """IsLessThan (7.2.13): True, False, or None for undefined (NaN)."""
        if type(a) is float and type(b) is float:
            return a < b
        a = to_primitive(a, "number")
        b = to_primitive(b, "number")
        if type(a) is str and type(b) is str:
            return a < b
        if type(a) is JSBigInt or type(b) is JSBigInt:
            return bigint.less_than(vm, a, b)
        x, y = to_number(a), to_number(b)
        if x != x or y != y:
            return None
        return x < y

    def lt(a: Any, b: Any) -> bool:
        if type(a) is float and type(b) is float:  # compare's own fast path, without the call
            return a < b
        return compare(a, b) is True

    def gt(a: Any, b: Any) -> bool:
        if type(a) is float and type(b) is float:
            return a > b
        return compare(b, a) is True

    def le(a: Any, b: Any) -> bool:
        if type(a) is float and type(b) is float:  # (NaN: compare's fast path says False, not undefined)
            return a <= b
        r = compare(b, a)
        return r is False

    def ge(a: Any, b: Any) -> bool:
        if type(a) is float and type(b) is float:
            return a >= b
        r = compare(a, b)
        return r is False

    def loose_equals(a: Any, b: Any) -> bool:
        """IsLooselyEqual (7.2.14)."""
        ta, tb = type(a), type(b)
        if ta is tb and ta in (float, str, bool):
            return bool(a == b)
        nullish_a = a is UNDEFINED or a is NULL
        nullish_b = b is UNDEFINED or b is NULL
        if nullish_a or nullish_b:
            return nullish_a and nullish_b
        if isinstance(a, JSObject) and isinstance(b, JSObject):
            return a is b
        if ta is bool:
            return loose_equals(1.0 if a else 0.0, b)
        if tb is bool:
            return loose_equals(a, 1.0 if b else 0.0)
        if isinstance(a, JSObject):
            return loose_equals(to_primitive(a), b)
        if isinstance(b, JSObject):
            return loose_equals(a, to_primitive(b))
        if (ta is float and tb is str) or (ta is str and tb is float):
            return to_number(a) == to_number(b)
        if ta is JSBigInt or tb is JSBigInt:
            return bigint.loose_equals(a, b)
        return ops.strict_equals(a, b)

    # -- objects
    def chain(op: Any, operands: list[Any]) -> Any:
        result = operands[0]
        for x in operands[1:]:
            result = op(result, x)
        return result

    def mkfn(code: Any, ctx: Any, site: str | None) -> JSFunction:
        return vm.make_function(code, ctx, site)

    def mkarrow(code: Any, ctx: Any, site: str, this: Any, home: Any) -> JSFunction:
        f = vm.make_function(code, ctx, site, this_val=this)
        f.home = home
        return f

    def mkmethod(code: Any, ctx: Any, site: str, home: JSObject) -> JSFunction:
        f = vm.make_function(code, ctx, site)
        f.home = home
        return f

    def mkclass(code: Any, ctx: Any, site: str, parent: Any) -> JSFunction:
        """ClassDefinitionEvaluation: the constructor, its prototype object and the chain."""
        proto_parent: JSObject | None = vm.ObjectPrototype
        ctor_parent: JSObject = vm.FunctionPrototype
        if parent is not HOLE:
            if parent is NULL:
                proto_parent = None
            elif not ops.is_callable(parent):
                raise vm.throw_type(f"Class extends value {vm.inspect(parent)} is not a constructor or null")
            else:
                pp = vm.get(parent, "prototype")
                if not isinstance(pp, JSObject) and pp is not NULL:
                    raise vm.throw_type("Class extends value does not have valid prototype property")
                proto_parent = pp if isinstance(pp, JSObject) else None
                ctor_parent = parent
        f = JSFunction(ctor_parent, code, ctx, code.name)
        f.kind = code.kind
        f.cls = "Function"
        vm.register(f, site)
        proto = JSObject(proto_parent)
        proto.define_hidden("constructor", f)
        vm.register(proto)
        f.define_hidden("prototype", proto)
        f.ro = f.nc = frozenset(("prototype",))
        return f

    def define_method(target: JSObject, key: Any, fn: JSFunction, kind: str, hidden: bool) -> None:
        """A method, getter or setter; class members are non-enumerable, object literal ones are not."""
        define = target.define_hidden if hidden else target.set_own
        if kind == "method":
            define(key, fn)
            return
        cur = target.get_own(key)
        acc = cur if type(cur) is Accessor else Accessor()
        if kind == "get":
            acc.get = fn
        else:
            acc.set = fn
        define(key, acc)

    def tokeyon(base: Any, key: Any) -> Any:
        """`base[key] op= v`: a null or undefined base is a TypeError before the key is converted (V8; the key's
        toString does not run)."""
        if (base is NULL or base is UNDEFINED) and isinstance(key, JSObject):
            from engine.builtins.common import describe

            raise vm.throw_type(f"Cannot read properties of {base!r} (reading '{describe(vm, key)}')")
        return vm.to_key(key)

    def staticname(key: Any) -> Any:
        """A static element's computed key: never "prototype" (15.7.14 ClassDefinitionEvaluation)."""
        if key == "prototype":
            raise vm.throw_type("Classes may not have a static property named 'prototype'")
        return key

    def defmethod(target: JSObject, key: Any, fn: JSFunction, kind: str) -> None:
        if type(target) is JSFunction and target.kind in ("class", "derived"):
            staticname(key)
        fn.home = target
        define_method(target, key, fn, kind, hidden=True)

    def defprop(obj: Any, key: Any, value: Any) -> None:
        if isinstance(obj, JSObject):
            obj.set_own(key, value)

    def newobj(site: str) -> JSObject:
        return vm.register(JSObject(vm.ObjectPrototype), site)

    def newarr(site: str) -> JSArray:
        arr = JSArray(vm.ArrayPrototype, [])
        vm.register(arr, site)
        return arr

    def newarr_nosite(items: list[Any]) -> JSArray:
        return vm.new_array(list(items))

    def arrfill(arr: JSArray, items: list[Any]) -> JSArray:
        arr.items = items
        return arr

    def objfill(obj: JSObject, *rest: Any) -> JSObject:
        for entry in rest[-1]:
            key = entry[0]
            if key is SPREAD:
                copy_own(obj, entry[1])
            elif len(entry) == 2:
                obj.set_own(key, entry[1])
            elif entry[2] == "proto":
                if isinstance(entry[1], JSObject):
                    obj.proto = entry[1]
                elif entry[1] is NULL:
                    obj.proto = None
            else:
                define_method(obj, key, entry[1], entry[2], hidden=False)
        return obj

    def copy_own(target: JSObject, source: Any) -> None:
        if isinstance(source, JSObject):
            for k in source.enumerable_keys():
                target.set_own(k, vm.get(source, k))
        elif type(source) is str:
            for i, ch in enumerate(source):
                target.set_own(str(i), ch)

    def spread(v: Any, what: str | None = None) -> list[Any]:
        if type(v) is JSArray and has_builtin_iterator(vm, v):
            return [UNDEFINED if x is HOLE else x for x in v.items]
        return list(vm.iterate(v, what))

    def forin_keys(v: Any) -> list[str]:
        """EnumerateObjectProperties (14.7.5.9): own then inherited enumerable string keys."""
        from engine.values import is_array_index
        if v is UNDEFINED or v is NULL:
            return []
        obj: JSObject | None = v if isinstance(v, JSObject) else vm.to_object(v)
        seen: set[str] = set()
        out: list[str] = []
        while obj is not None:
            keys = obj.own_keys()
            ints = [k for k in keys if is_array_index(k)]
            if ints:  # OrdinaryOwnPropertyKeys: integer keys ascending first, as Object.keys
                keys = sorted(ints, key=int) + [k for k in keys if not is_array_index(k)]
            for k in keys:
                if not isinstance(k, str) or k in seen:
                    continue
                seen.add(k)
                if obj.is_enumerable(k) and k != "length" or (not isinstance(obj, JSArray) and k == "length"
                                                              and obj.is_enumerable(k)):
                    out.append(k)
            obj = obj.proto
        return out

    def iter_values(v: Any, what: str | None = None, fetch_pos: int | None = None,
                    close_pos: int | None = None) -> Iterator[Any]:
        it = vm.iterate(v, what)
        if type(it) is ProtocolIterator:
            it.fetch_pos, it.close_pos = fetch_pos, close_pos
        return it

    def throw(value: Any, line: int) -> JSThrow:
        e = JSThrow(value, line)
        vm._note_throw(e)
        return e

    def caught(exc: JSThrow) -> Any:
        return exc.value

    def chkthis(v: Any) -> Any:
        if v is TDZ:
            raise vm.throw_reference(
                "Must call super constructor in derived class before accessing 'this' or returning from derived constructor")
        return v

    def superdone(frame: Any, value: Any) -> Any:
        if frame.this is not TDZ:
            raise vm.throw_reference("Super constructor may only be called once")
        frame.this = value
        return value

    def superget(fn: JSFunction, key: Any, this: Any) -> Any:
        home = fn.home
        if home is None:
            return UNDEFINED
        proto = home.proto
        obj = proto
        while obj is not None:
            own = obj.get_own(key)
            if own is not HOLE:
                if type(own) is Accessor:
                    return vm.call_sync(own.get, this, []) if own.get is not None else UNDEFINED
                return own
            obj = obj.proto
        return UNDEFINED

    def superput(fn: JSFunction, key: Any, this: Any, value: Any, strict: bool) -> Any:
        """``super[key] = value`` (13.3.7.3 MakeSuperPropertyReference, then PutValue): [[Set]] on the home
        object's prototype with `this` as the receiver (10.1.9.2 OrdinarySetWithOwnDescriptor): a setter found
        there runs on `this`, otherwise the property is written on `this` itself."""
        home = fn.home
        p = home.proto if home is not None else None
        while p is not None:
            own = p.get_own(key)
            if own is not HOLE:
                if type(own) is Accessor:
                    if own.set is None:
                        if strict:
                            raise vm._getter_only(this, key)
                        return value
                    return vm._call_setter(own, this, key, value)
                if p.ro is not None and key in p.ro:
                    if strict:
                        raise vm._read_only(this, key)
                    return value
                break
            p = p.proto
        if not isinstance(this, JSObject):
            return vm.put_strict(this, key, value) if strict else value
        existing = this.get_own(key)
        if existing is not HOLE and (type(existing) is Accessor or (this.ro is not None and key in this.ro)):
            if strict:
                raise vm._read_only(this, key)
            return value
        if existing is HOLE and not this.extensible:
            if strict:
                raise vm.throw_type(f"Cannot add property {vm._key_text(key)}, object is not extensible")
            return value
        this.set_own(key, value)
        return value

    def reqobj(v: Any) -> Any:
        if v is UNDEFINED or v is NULL:
            raise vm.throw_type(f"Cannot destructure '{to_string(v)}' as it is {to_string(v)}.")
        return v

    def destructure_list(v: Any, need: int | None = None) -> list[Any]:
        """The values an array pattern takes: `need` of them (then the iterator is closed), or all for a rest."""
        if need is None or (type(v) is JSArray and has_builtin_iterator(vm, v)):
            return spread(v)
        it = vm.iterate(v)
        out = list(islice(it, need))
        iterator_close(it)
        return out

    def objrest(src: Any, used: list[Any]) -> JSObject:
        out = vm.new_object()
        if isinstance(src, JSObject):
            for k in src.enumerable_keys():
                if k not in used:
                    out.set_own(k, vm.get(src, k))
        return out

    def mkargs(args: list[Any]) -> JSObject:
        obj = JSObject(vm.ObjectPrototype, "Arguments")
        for i, a in enumerate(args):
            obj.set_own(str(i), a)
        obj.define_hidden("length", float(len(args)))
        vm.register(obj)
        return obj

    def copyctx(ctx: Context) -> Context:
        new = vm.new_context(ctx.parent, ctx.names)
        new.slots = list(ctx.slots)
        return new

    return {
        "UNDEFINED": UNDEFINED, "NULL": NULL, "TDZ": TDZ, "HOLE": HOLE, "NEW": NEW, "SUPER": SUPER,
        "AWAIT": AWAIT, "YIELD": YIELD, "GENSTART": GENSTART, "_ystar": coroutine.yield_star,
        "_ydeleg": lambda v: coroutine.delegate_iterator(vm, v),
        "_agyield": asyncgen.body_yield, "_agystar": asyncgen.yield_star, "_agclose": asyncgen.close,
        "_agiter": lambda v: asyncgen.get_async_iterator(vm, v), "_agstep": lambda r: asyncgen.step(vm, r),
        "_GeneratorReturn": GeneratorReturn,
        "_iterclose": iterator_close, "_iterclose_abrupt": iterator_close_abrupt,
        "SPREAD": SPREAD, "JSThrow": JSThrow, "_CODES": codes, "_vm": vm,
        "_tick": vm.tick, "_sv": sv, "_tdz": tdz, "_gget": gget, "_gput": gput, "_gputs": gputs, "_puts": put_strict, "_putsv": putsv, "_deletes": vm.delete_strict, "_gdeclare": gdeclare,
        "_gtypeof": gtypeof, "_gdelete": gdelete, "_constassign": constassign, "_setslot": setslot,
        "_setscript": setscript, "_truthy": ops.truthy, "_typeof": ops.typeof,
        "_add": add, "_sub": sub, "_mul": mul, "_div": div, "_mod": mod, "_pow": pow_, "_neg": neg,
        "_tonum": to_number, "_tonumeric": to_numeric, "_big": JSBigInt, "_inc": inc, "_dec": dec,
        "_bnot": lambda a: from_int(~i32(a)) if type(a) is float else bigint.bitwise_not(vm, a),
        "_band": lambda a, b: from_int(i32(a) & i32(b)) if type(a) is float and type(b) is float else numeric("&", a, b),
        "_bor": lambda a, b: from_int(i32(a) | i32(b)) if type(a) is float and type(b) is float else numeric("|", a, b),
        "_bxor": lambda a, b: from_int(i32(a) ^ i32(b)) if type(a) is float and type(b) is float else numeric("^", a, b),
        "_shl": lambda a, b: from_int(i32(a) << (ops.to_uint32(b) & 31)) if type(a) is float and type(b) is float
        else numeric("<<", a, b),
        "_shr": lambda a, b: float(i32(a) >> (ops.to_uint32(b) & 31)) if type(a) is float and type(b) is float
        else numeric(">>", a, b),
        "_ushr": lambda a, b: float(ops.to_uint32(a) >> (ops.to_uint32(b) & 31)) if type(a) is float and type(b) is float
        else numeric(">>>", a, b),
        "_lt": lt, "_gt": gt, "_le": le, "_ge": ge, "_seq": ops.strict_equals, "_leq": loose_equals,
        "_instof": vm.instance_of, "_in": lambda k, o: vm.has_property(o, k),
        "_get": vm.get, "_getv": vm.getv, "_put": vm.put, "_putv": vm.putv, "_delete": vm.delete,
        "_tokey": vm.to_key, "_tokeyon": tokeyon, "_tostr": to_string,
        "_template": template, "_chain": chain, "_newctx": vm.new_context, "_copyctx": copyctx, "_mkfn": mkfn, "_mkarrow": mkarrow,
        "_mkmethod": mkmethod, "_mkclass": mkclass, "_defmethod": defmethod, "_defprop": defprop,
        "_newobj": newobj, "_newarr": newarr, "_newarr_nosite": newarr_nosite, "_arrfill": arrfill,
        "_objfill": objfill, "_spread": spread, "_iter": iter_values, "_forin_keys": forin_keys,
        "_throw": throw, "_caught": caught, "_chkthis": chkthis, "_superdone": superdone,
        "_superget": superget, "_superput": superput, "_staticname": staticname, "_reqobj": reqobj, "_destructure_list": destructure_list,
        "_objrest": objrest, "_mkargs": mkargs, "_hook": lambda f: None,
    }
