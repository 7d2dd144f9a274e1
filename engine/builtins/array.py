"""Array, Array.prototype (ECMA-262 23.1).

Methods that call JavaScript callbacks are generator natives: each callback call is a ``yield`` of a
call request to the VM's run loop, so a checkpoint inside a callback sees the real stack. Callback
methods follow the specification's live semantics: the length is read once, and an element deleted
(or an array shortened) while the loop runs is skipped.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from engine import ops
from engine.builtins.common import (
    arg,
    array_like_length,
    constant,
    constructor,
    describe,
    getter,
    method,
    relative_index,
    require_callable,
    to_integer,
)
from engine.builtins.iteration import iterate_values, make_iterator
from engine.builtins.regexp import SYM_SPECIES
from engine.builtins.sort import TimSort
from engine.values import HOLE, NULL, SYM_ITERATOR, UNDEFINED, JSArray, JSObject, Symbol

SYM_UNSCOPABLES = Symbol("Symbol.unscopables")
SYM_IS_CONCAT_SPREADABLE = Symbol("Symbol.isConcatSpreadable")
_UNSCOPABLES = ("at", "copyWithin", "entries", "fill", "find", "findIndex", "findLast", "findLastIndex", "flat",
                "flatMap", "includes", "keys", "values", "toReversed", "toSorted", "toSpliced")

Gen = Generator[Any, Any, Any]


# ---------------------------------------------------------------- ArraySpeciesCreate
def species_create(vm: Any, original: Any, n: int) -> JSObject | None:
    """ArraySpeciesCreate (10.4.2.3): the object a species constructor makes for the result, or None when the
    result is a plain array (``original`` is not an array, or its constructor's species is Array or undefined)."""
    if not isinstance(original, JSArray):
        return None
    c = vm.get(original, "constructor")
    if isinstance(c, JSObject):
        c = vm.get(c, SYM_SPECIES)
        if c is NULL:
            c = UNDEFINED
    if c is UNDEFINED or c is vm.ArrayConstructor:
        return None
    if not ops.is_callable(c):
        raise vm.throw_type("object.constructor[Symbol.species] is not a constructor")
    return vm.construct_sync(c, [float(n)])


def create_data(vm: Any, o: JSObject, k: int, v: Any) -> None:
    """CreateDataPropertyOrThrow(o, k, v)."""
    from engine.builtins.object import define_property

    define_property(vm, o, str(k), {"value": v, "writable": True, "enumerable": True, "configurable": True})


def _species_result(vm: Any, this: Any, values: list[Any], create_len: int = 0, set_length: bool = False) -> Any:
    """The result of a method that builds a new array from ``values`` (holes are left out), through
    ArraySpeciesCreate(this, create_len); its length is set afterwards when the method does (slice, splice,
    concat)."""
    a = species_create(vm, this, create_len)
    if a is None:
        return vm.new_array(values)
    for k, v in enumerate(values):
        if v is not HOLE:
            create_data(vm, a, k, v)
    if set_length:
        vm.put_strict(a, "length", float(len(values)))
    return a


# ---------------------------------------------------------------- receivers
def fast_array(vm: Any, this: Any, name: str) -> JSArray | None:
    """The receiver when it is a plain array (every element a writable data property, extensible, and no
    element on Array.prototype to show through its holes): the mutators then work on its list. None for anything else (array-likes, frozen or sealed arrays, arrays with
    accessors or read-only elements), which the generic algorithms of the specification handle."""
    if type(this) is JSArray and not vm.ArrayPrototype.items:
        return this
    if this is UNDEFINED or this is NULL:
        raise vm.throw_type(f"Array.prototype.{name} called on null or undefined")
    return None


def _generic(vm: Any, this: Any) -> tuple[JSObject, int]:
    o = vm.to_object(this)
    return o, array_like_length(vm, o)


def this_items(vm: Any, this: Any, name: str) -> list[Any]:
    """The elements of an array, or a snapshot of an array-like (``arguments``, ``{length: 2}``)."""
    if type(this) is JSArray and not vm.ArrayPrototype.items:  # (elements on Array.prototype show in holes)
        return this.items
    if this is UNDEFINED or this is NULL:
        raise vm.throw_type(f"Array.prototype.{name} called on null or undefined")
    obj = vm.to_object(this)
    if type(this) is str:
        from engine.builtins.string import text, units

        return [text(u) for u in units(this)]
    return LazyItems(vm, obj, array_like_length(vm, obj))  # type: ignore[return-value]


class LazyItems:
    """The elements of an array-like (or of an array with accessors or read-only elements) as the methods'
    loops see them: the length is read once, and element k is read when the loop reaches it, with HasProperty
    then Get as the specification does (HOLE when absent), so getters and inherited elements behave."""

    __slots__ = ("vm", "obj", "n")

    def __init__(self, vm: Any, obj: JSObject, n: int) -> None:
        self.vm, self.obj, self.n = vm, obj, n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, k: Any) -> Any:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(self.n))]
        key = str(k)
        return self.vm.get(self.obj, key) if self.vm.has_property(self.obj, key) else HOLE

    def __iter__(self) -> Any:
        return (self[i] for i in range(self.n))

    def __reversed__(self) -> Any:
        return (self[i] for i in range(self.n - 1, -1, -1))


def _item(items: list[Any], k: int) -> Any:
    """Element k (HOLE when absent), read once: a loop tests ``is not HOLE`` on this value."""
    return items[k] if k < len(items) else HOLE


def _value(vm: Any, items: list[Any], k: int) -> Any:
    v = items[k] if k < len(items) else HOLE
    return UNDEFINED if v is HOLE else v


# ---------------------------------------------------------------- constructor
def _array_from_args(vm: Any, args: list[Any], proto: JSObject) -> JSArray:
    if len(args) == 1 and type(args[0]) is float:
        n = args[0]
        if not 0 <= n <= 4294967295 or n != int(n):
            raise vm.throw_range("Invalid array length")
        arr = JSArray(proto, [])
        vm.register(arr)
        arr.set_length(n)
        return arr
    arr = JSArray(proto, list(args))
    vm.register(arr)
    return arr


def _array_call(vm: Any, this: Any, args: list[Any]) -> Any:
    return _array_from_args(vm, args, vm.ArrayPrototype)


def _array_construct(vm: Any, args: list[Any], proto: Any) -> JSArray:
    return _array_from_args(vm, args, proto if isinstance(proto, JSObject) else vm.ArrayPrototype)


def _is_array(vm: Any, this: Any, args: list[Any]) -> Any:
    return isinstance(arg(args, 0), JSArray)


def _of(vm: Any, this: Any, args: list[Any]) -> Any:
    return vm.new_array(list(args))


def _from(vm: Any, this: Any, args: list[Any]) -> Gen:
    src, fn, this_arg = arg(args, 0), arg(args, 1), arg(args, 2)
    if fn is not UNDEFINED:
        require_callable(vm, fn)
    if src is UNDEFINED or src is NULL:
        what = "object null" if src is NULL else "undefined"
        raise vm.throw_type(f"{what} is not iterable (cannot read property Symbol(Symbol.iterator))")
    result = vm.new_array([])
    if isinstance(src, JSObject) and not ops.is_callable(vm.get(src, SYM_ITERATOR)):
        n = array_like_length(vm, src)
        values: Any = (vm.get(src, str(i)) for i in range(n))
    elif isinstance(src, JSObject) or type(src) is str:
        values = iterate_values(vm, src)
    else:
        values = iter(())
    for i, v in enumerate(values):
        if fn is not UNDEFINED:
            v = yield (fn, this_arg, [v, float(i)], 0)
        result.items.append(v)
    return result


# ---------------------------------------------------------------- mutators
# Each has a fast path for plain arrays and the specification's generic algorithm (23.1.3) for the rest,
# which reads and writes through [[Get]]/[[Set]]/[[Delete]] and throws V8's TypeErrors on refused writes.
def _push(vm: Any, this: Any, args: list[Any]) -> Any:
    arr = fast_array(vm, this, "push")
    if arr is not None:
        arr.items.extend(args)
        return float(len(arr.items))
    o, n = _generic(vm, this)
    for v in args:
        vm.put_strict(o, str(n), v)
        n += 1
    vm.put_strict(o, "length", float(n))
    return float(n)


def _pop(vm: Any, this: Any, args: list[Any]) -> Any:
    arr = fast_array(vm, this, "pop")
    if arr is not None:
        if not arr.items:
            return UNDEFINED
        v = arr.items.pop()
        return UNDEFINED if v is HOLE else v
    o, n = _generic(vm, this)
    if n == 0:
        vm.put_strict(o, "length", 0.0)
        return UNDEFINED
    key = str(n - 1)
    v = vm.get(o, key)
    vm.delete_strict(o, key)
    vm.put_strict(o, "length", float(n - 1))
    return v


def _move(vm: Any, o: JSObject, src: int, dst: int) -> None:
    """One step of the generic shifting loops: o[dst] = o[src], or delete o[dst] when src is absent."""
    if vm.has_property(o, str(src)):
        vm.put_strict(o, str(dst), vm.get(o, str(src)))
    else:
        vm.delete_strict(o, str(dst))


def _shift(vm: Any, this: Any, args: list[Any]) -> Any:
    arr = fast_array(vm, this, "shift")
    if arr is not None:
        if not arr.items:
            return UNDEFINED
        v = arr.items.pop(0)
        return UNDEFINED if v is HOLE else v
    o, n = _generic(vm, this)
    if n == 0:
        vm.put_strict(o, "length", 0.0)
        return UNDEFINED
    first = vm.get(o, "0")
    for k in range(1, n):
        _move(vm, o, k, k - 1)
    vm.delete_strict(o, str(n - 1))
    vm.put_strict(o, "length", float(n - 1))
    return first


def _unshift(vm: Any, this: Any, args: list[Any]) -> Any:
    arr = fast_array(vm, this, "unshift")
    if arr is not None:
        arr.items[0:0] = args
        return float(len(arr.items))
    o, n = _generic(vm, this)
    if args:
        for k in range(n, 0, -1):
            _move(vm, o, k - 1, k + len(args) - 1)
        for j, v in enumerate(args):
            vm.put_strict(o, str(j), v)
    vm.put_strict(o, "length", float(n + len(args)))
    return float(n + len(args))


def _splice_count(vm: Any, args: list[Any], n: int, start: int) -> int:
    if not args:
        return 0
    if len(args) == 1:
        return n - start
    return int(min(max(to_integer(vm, args[1]), 0), n - start))


def _splice(vm: Any, this: Any, args: list[Any]) -> Any:
    arr = fast_array(vm, this, "splice")
    if arr is not None:
        items = arr.items
        n = len(items)
        start = relative_index(vm, arg(args, 0), n, 0)
        count = _splice_count(vm, args, n, start)
        removed = items[start:start + count]
        result = _species_result(vm, this, removed, count, True)
        items[start:start + count] = args[2:]
        return result
    o, n = _generic(vm, this)
    start = relative_index(vm, arg(args, 0), n, 0)
    count = _splice_count(vm, args, n, start)
    new = list(args[2:])
    species = species_create(vm, o, count)
    removed = vm.new_array([]) if species is None else species
    for k in range(count):
        if vm.has_property(o, str(start + k)):
            if species is None:
                removed.set_index(k, vm.get(o, str(start + k)))
            else:
                create_data(vm, species, k, vm.get(o, str(start + k)))
    if species is None:
        removed.set_length(float(count))
    else:
        vm.put_strict(species, "length", float(count))
    if len(new) < count:
        for k in range(start, n - count):
            _move(vm, o, k + count, k + len(new))
        for k in range(n, n - count + len(new), -1):
            vm.delete_strict(o, str(k - 1))
    elif len(new) > count:
        for k in range(n - count, start, -1):
            _move(vm, o, k + count - 1, k + len(new) - 1)
    for j, v in enumerate(new):
        vm.put_strict(o, str(start + j), v)
    vm.put_strict(o, "length", float(n - count + len(new)))
    return removed


def _reverse(vm: Any, this: Any, args: list[Any]) -> Any:
    arr = fast_array(vm, this, "reverse")
    if arr is not None:
        arr.items.reverse()
        return arr
    o, n = _generic(vm, this)
    for lower in range(n // 2):
        upper = n - 1 - lower
        lk, uk = str(lower), str(upper)
        has_l, has_u = vm.has_property(o, lk), vm.has_property(o, uk)
        lv = vm.get(o, lk) if has_l else UNDEFINED
        uv = vm.get(o, uk) if has_u else UNDEFINED
        if has_u:
            vm.put_strict(o, lk, uv)
        elif has_l:
            vm.delete_strict(o, lk)
        if has_l:
            vm.put_strict(o, uk, lv)
        elif has_u:
            vm.delete_strict(o, uk)
    return o


def _fill(vm: Any, this: Any, args: list[Any]) -> Any:
    arr = fast_array(vm, this, "fill")
    o, n = (arr, len(arr.items)) if arr is not None else _generic(vm, this)
    start = relative_index(vm, arg(args, 1), n, 0)
    end = relative_index(vm, arg(args, 2), n, n)
    for i in range(start, end):
        if arr is not None:
            arr.items[i] = arg(args, 0)
        else:
            vm.put_strict(o, str(i), arg(args, 0))
    return o


def _copy_within(vm: Any, this: Any, args: list[Any]) -> Any:
    arr = fast_array(vm, this, "copyWithin")
    o, n = (arr, len(arr.items)) if arr is not None else _generic(vm, this)
    to = relative_index(vm, arg(args, 0), n, 0)
    frm = relative_index(vm, arg(args, 1), n, 0)
    final = relative_index(vm, arg(args, 2), n, n)
    count = min(final - frm, n - to)
    if count <= 0:
        return o
    if arr is not None and type(arr) is JSArray:
        arr.items[to:to + count] = arr.items[frm:frm + count]
        return o
    order = range(count - 1, -1, -1) if frm < to < frm + count else range(count)
    for i in order:
        _move(vm, o, frm + i, to + i)
    return o


# ---------------------------------------------------------------- accessors
def _slice(vm: Any, this: Any, args: list[Any]) -> Any:
    items = this_items(vm, this, "slice")
    n = len(items)
    start = relative_index(vm, arg(args, 0), n, 0)
    end = relative_index(vm, arg(args, 1), n, n)
    return _species_result(vm, this, items[start:end] if start < end else [], max(end - start, 0), True)


def _concat(vm: Any, this: Any, args: list[Any]) -> Any:
    out: list[Any] = []
    o = vm.to_object(this)
    a = species_create(vm, o, 0)
    for v in [o, *args]:
        spreadable = vm.get(v, SYM_IS_CONCAT_SPREADABLE) if isinstance(v, JSObject) else UNDEFINED
        if spreadable is UNDEFINED and isinstance(v, JSArray) and type(v) is JSArray:
            out.extend(v.items)
        elif spreadable is UNDEFINED and isinstance(v, JSArray) or ops.truthy(spreadable):
            n = array_like_length(vm, v)
            out.extend(vm.get(v, str(k)) if vm.has_property(v, str(k)) else HOLE for k in range(n))
        else:
            out.append(v)
    if a is None:
        return vm.new_array(out)
    for k, v in enumerate(out):
        if v is not HOLE:
            create_data(vm, a, k, v)
    vm.put_strict(a, "length", float(len(out)))
    return a


MAX_JOIN_NESTING = 3000  # node 20 overflows its stack joining arrays nested about 3,200 deep


def join_items(vm: Any, arr: Any, items: list[Any], sep: str) -> str:
    """Array.prototype.join; an array already being joined (a cycle) contributes "" as in V8."""
    key = id(arr)
    _join_stack: list[int] = vm.join_stack
    if key in _join_stack:
        return ""
    if len(_join_stack) >= MAX_JOIN_NESTING:
        raise vm.throw_range("Maximum call stack size exceeded")
    _join_stack.append(key)
    try:
        parts = ["" if v is HOLE or v is UNDEFINED or v is NULL else vm.to_string(v) for v in list(items)]
    finally:
        _join_stack.remove(key)
    return sep.join(parts)


def _join(vm: Any, this: Any, args: list[Any]) -> Any:
    items = this_items(vm, this, "join")
    sep = arg(args, 0)
    return join_items(vm, this, items, "," if sep is UNDEFINED else vm.to_string(sep))


def _to_string(vm: Any, this: Any, args: list[Any]) -> Any:
    if isinstance(this, JSArray):
        return join_items(vm, this, this.items, ",")
    return vm.call_sync(vm.ObjectPrototype.get_own("toString"), this, [])


def _to_locale_string(vm: Any, this: Any, args: list[Any]) -> Any:
    """Array.prototype.toLocaleString (23.1.3.32): each element's toLocaleString(), joined with commas."""
    items = this_items(vm, this, "toLocaleString")
    key = id(this)
    if key in vm.join_stack:
        return ""
    vm.join_stack.append(key)
    try:
        parts = []
        for v in list(items):
            if v is HOLE or v is UNDEFINED or v is NULL:
                parts.append("")
            else:
                f = vm.get(v, "toLocaleString")
                if not ops.is_callable(f):
                    raise vm.throw_type(f"{describe(vm, f)} is not a function")
                parts.append(vm.to_string(vm.call_sync(f, v, [])))
    finally:
        vm.join_stack.remove(key)
    return ",".join(parts)


def _from_index(vm: Any, v: Any, n: int) -> int:
    if v is UNDEFINED:
        return 0
    k = to_integer(vm, v)
    if k < 0:
        return int(max(n + k, 0))
    return int(min(k, n))


def _index_of(vm: Any, this: Any, args: list[Any]) -> Any:
    items = this_items(vm, this, "indexOf")
    target = arg(args, 0)
    for i in range(_from_index(vm, arg(args, 1), len(items)), len(items)):
        v = items[i]
        if v is not HOLE and ops.strict_equals(v, target):
            return float(i)
    return -1.0


def _last_index_of(vm: Any, this: Any, args: list[Any]) -> Any:
    items = this_items(vm, this, "lastIndexOf")
    n = len(items)
    target = arg(args, 0)
    start = n - 1
    if len(args) > 1:
        k = to_integer(vm, args[1])
        start = int(min(k, n - 1)) if k >= 0 else int(max(n + k, -1))
    for i in range(start, -1, -1):
        v = items[i]
        if v is not HOLE and ops.strict_equals(v, target):
            return float(i)
    return -1.0


def _includes(vm: Any, this: Any, args: list[Any]) -> Any:
    items = this_items(vm, this, "includes")
    target = arg(args, 0)
    for i in range(_from_index(vm, arg(args, 1), len(items)), len(items)):
        v = items[i]
        if ops.same_value_zero(UNDEFINED if v is HOLE else v, target):
            return True
    return False


def _at(vm: Any, this: Any, args: list[Any]) -> Any:
    items = this_items(vm, this, "at")
    k = to_integer(vm, arg(args, 0))
    i = k if k >= 0 else len(items) + k
    if not 0 <= i < len(items):
        return UNDEFINED
    return _value(vm, items, int(i))


def _flatten(vm: Any, items: list[Any], depth: float, out: list[Any]) -> None:
    """FlattenIntoArray (23.1.3.13.1), with an explicit stack so deep nesting cannot exhaust Python's."""
    stack: list[tuple[list[Any], int, float]] = [(items, 0, depth)]
    while stack:
        seq, i, d = stack.pop()
        while i < len(seq):
            v = seq[i]
            i += 1
            if v is HOLE:
                continue
            if d > 0 and isinstance(v, JSArray):
                stack.append((seq, i, d))
                seq, i, d = list(v.items), 0, d - 1
                continue
            out.append(v)


def _flat(vm: Any, this: Any, args: list[Any]) -> Any:
    items = this_items(vm, this, "flat")
    d = arg(args, 0)
    depth = 1.0 if d is UNDEFINED else to_integer(vm, d)
    out: list[Any] = []
    _flatten(vm, list(items), depth, out)
    return _species_result(vm, this, out)


# ---------------------------------------------------------------- callback methods
def _callback(vm: Any, args: list[Any]) -> tuple[Any, Any]:
    return require_callable(vm, arg(args, 0)), arg(args, 1)


def _for_each(vm: Any, this: Any, args: list[Any]) -> Gen:
    items = this_items(vm, this, "forEach")
    fn, this_arg = _callback(vm, args)
    for k in range(len(items)):
        if (v := _item(items, k)) is not HOLE:
            yield (fn, this_arg, [v, float(k), this], 0)
    return UNDEFINED


def _map(vm: Any, this: Any, args: list[Any]) -> Gen:
    items = this_items(vm, this, "map")
    fn, this_arg = _callback(vm, args)
    n = len(items)
    species = species_create(vm, this, n)
    result = vm.new_array([HOLE] * n) if species is None else species
    for k in range(n):
        if (v := _item(items, k)) is not HOLE:
            r = yield (fn, this_arg, [v, float(k), this], 0)
            if species is None:
                result.items[k] = r
            else:
                create_data(vm, species, k, r)
    return result


def _filter(vm: Any, this: Any, args: list[Any]) -> Gen:
    items = this_items(vm, this, "filter")
    fn, this_arg = _callback(vm, args)
    species = species_create(vm, this, 0)
    result = vm.new_array([])
    for k in range(len(items)):
        if (v := _item(items, k)) is not HOLE:
            keep = yield (fn, this_arg, [v, float(k), this], 0)
            if ops.truthy(keep):
                result.items.append(v)
                if species is not None:
                    create_data(vm, species, len(result.items) - 1, v)
    return result if species is None else species


def _flat_map(vm: Any, this: Any, args: list[Any]) -> Gen:
    items = this_items(vm, this, "flatMap")
    fn, this_arg = _callback(vm, args)
    species = species_create(vm, this, 0)
    result = vm.new_array([])
    for k in range(len(items)):
        if (v := _item(items, k)) is not HOLE:
            r = yield (fn, this_arg, [v, float(k), this], 0)
            n = len(result.items)
            if isinstance(r, JSArray):
                result.items.extend(v for v in r.items if v is not HOLE)
            else:
                result.items.append(r)
            if species is not None:
                for j in range(n, len(result.items)):
                    create_data(vm, species, j, result.items[j])
    return result if species is None else species


def _some(vm: Any, this: Any, args: list[Any]) -> Gen:
    items = this_items(vm, this, "some")
    fn, this_arg = _callback(vm, args)
    for k in range(len(items)):
        if (v := _item(items, k)) is not HOLE:
            r = yield (fn, this_arg, [v, float(k), this], 0)
            if ops.truthy(r):
                return True
    return False


def _every(vm: Any, this: Any, args: list[Any]) -> Gen:
    items = this_items(vm, this, "every")
    fn, this_arg = _callback(vm, args)
    for k in range(len(items)):
        if (v := _item(items, k)) is not HOLE:
            r = yield (fn, this_arg, [v, float(k), this], 0)
            if not ops.truthy(r):
                return False
    return True


def _finder(name: str, from_end: bool, want_index: bool) -> Any:
    def find(vm: Any, this: Any, args: list[Any]) -> Gen:
        items = this_items(vm, this, name)
        fn, this_arg = _callback(vm, args)
        n = len(items)
        order = range(n - 1, -1, -1) if from_end else range(n)
        for k in order:
            v = _value(vm, items, k)
            r = yield (fn, this_arg, [v, float(k), this], 0)
            if ops.truthy(r):
                return float(k) if want_index else v
        return -1.0 if want_index else UNDEFINED

    return find


def _reducer(name: str, from_end: bool) -> Any:
    def reduce(vm: Any, this: Any, args: list[Any]) -> Gen:
        items = this_items(vm, this, name)
        fn = require_callable(vm, arg(args, 0))
        n = len(items)
        order = list(range(n - 1, -1, -1) if from_end else range(n))
        pos = 0
        if len(args) >= 2:
            acc = args[1]
        else:
            acc = HOLE
            while pos < len(order) and acc is HOLE:
                acc = _item(items, order[pos])
                pos += 1
            if acc is HOLE:
                raise vm.throw_type("Reduce of empty array with no initial value")
        for k in order[pos:]:
            if (v := _item(items, k)) is not HOLE:
                acc = yield (fn, UNDEFINED, [acc, v, float(k), this], 0)
        return acc

    return reduce


# ---------------------------------------------------------------- sort
def _sort(vm: Any, this: Any, args: list[Any]) -> Gen:
    cmp = arg(args, 0)
    if cmp is not UNDEFINED and not ops.is_callable(cmp):
        raise vm.throw_type("The comparison function must be either a function or undefined")
    arr = fast_array(vm, this, "sort")
    items = arr.items if arr is not None else this_items(vm, this, "sort")
    work = [v for v in items if v is not HOLE and v is not UNDEFINED]
    undefineds = sum(1 for v in items if v is UNDEFINED)
    holes = len(items) - len(work) - undefineds

    def compare(x: Any, y: Any) -> Gen:
        if cmp is UNDEFINED:
            return _default_compare(vm, x, y)
        r = yield (cmp, UNDEFINED, [x, y], 0)
        n = vm.to_number(r)
        return 0.0 if n != n else n

    yield from TimSort(work, compare).sort()
    result = work + [UNDEFINED] * undefineds
    if arr is not None:
        arr.items[:] = result + [HOLE] * holes
        return arr
    o = vm.to_object(this)  # SortIndexedProperties then the writes of 23.1.3.30 steps 6-7
    for i, v in enumerate(result):
        vm.put_strict(o, str(i), v)
    for i in range(len(result), len(items)):
        vm.delete_strict(o, str(i))
    return o


def _to_sorted(vm: Any, this: Any, args: list[Any]) -> Gen:
    cmp = arg(args, 0)
    if cmp is not UNDEFINED and not ops.is_callable(cmp):
        raise vm.throw_type("The comparison function must be either a function or undefined")
    copy = vm.new_array([UNDEFINED if v is HOLE else v for v in this_items(vm, this, "toSorted")])
    return (yield from _sort(vm, copy, args))


def _to_reversed(vm: Any, this: Any, args: list[Any]) -> Any:
    items = this_items(vm, this, "toReversed")
    return vm.new_array([UNDEFINED if v is HOLE else v for v in reversed(items)])


def _to_spliced(vm: Any, this: Any, args: list[Any]) -> Any:
    items = [UNDEFINED if v is HOLE else v for v in this_items(vm, this, "toSpliced")]
    n = len(items)
    start = relative_index(vm, arg(args, 0), n, 0)
    if not args:
        count = 0
    elif len(args) == 1:
        count = n - start
    else:
        count = int(min(max(to_integer(vm, args[1]), 0), n - start))
    return vm.new_array(items[:start] + list(args[2:]) + items[start + count:])


def _with(vm: Any, this: Any, args: list[Any]) -> Any:
    items = [UNDEFINED if v is HOLE else v for v in this_items(vm, this, "with")]
    k = to_integer(vm, arg(args, 0))
    i = k if k >= 0 else len(items) + k
    if not 0 <= i < len(items):
        raise vm.throw_range("Invalid index : " + ops.num_to_str(k))
    items[int(i)] = arg(args, 1)
    return vm.new_array(items)


def _default_compare(vm: Any, x: Any, y: Any) -> float:
    if type(x) is float and type(y) is float and x == y:
        return 0.0
    a, b = compare_utf16(vm.to_string(x), vm.to_string(y))
    return -1.0 if a < b else (1.0 if a > b else 0.0)


def compare_utf16(a: str, b: str) -> tuple[Any, Any]:
    """Keys that order two strings by UTF-16 code units, as JavaScript does (code points differ above U+FFFF)."""
    if _bmp(a) and _bmp(b):
        return a, b
    return a.encode("utf-16-be", "surrogatepass"), b.encode("utf-16-be", "surrogatepass")


def _bmp(s: str) -> bool:
    return s.isascii() or max(s, default="\0") <= "\uffff"


# ---------------------------------------------------------------- iterators
def _iter_method(mode: str) -> Any:
    def make(vm: Any, this: Any, args: list[Any]) -> Any:
        return make_iterator(vm, vm.to_object(this), "Array", mode)

    return make


def install(vm: Any) -> None:
    proto = JSArray(vm.ObjectPrototype, [])
    vm._builtin_id(proto)
    vm.ArrayPrototype = proto
    vm.join_stack = []  # ids of the arrays being joined, innermost last (cycles join as "")
    ctor = constructor(vm, "Array", _array_call, 1, _array_construct, proto)
    vm.ArrayConstructor = ctor
    sym = vm.global_object.get_own("Symbol")
    constant(sym, "unscopables", SYM_UNSCOPABLES)
    constant(sym, "isConcatSpreadable", SYM_IS_CONCAT_SPREADABLE)
    unscopables = vm.builtin_object(None)
    for name in _UNSCOPABLES:
        unscopables.props[name] = True
    proto.define_hidden(SYM_UNSCOPABLES, unscopables)
    proto.ro = (proto.ro or frozenset()) | {SYM_UNSCOPABLES}
    getter(vm, ctor, SYM_SPECIES, lambda vm, this, args: this)
    method(vm, ctor, "isArray", _is_array, 1)
    method(vm, ctor, "of", _of, 0)
    method(vm, ctor, "from", _from, 1, gen=True)
    plain = {
        "push": (_push, 1), "pop": (_pop, 0), "shift": (_shift, 0), "unshift": (_unshift, 1),
        "slice": (_slice, 2), "splice": (_splice, 2), "concat": (_concat, 1), "join": (_join, 1),
        "reverse": (_reverse, 0), "indexOf": (_index_of, 1), "lastIndexOf": (_last_index_of, 1),
        "includes": (_includes, 1), "fill": (_fill, 1), "flat": (_flat, 0), "at": (_at, 1),
        "toString": (_to_string, 0), "toLocaleString": (_to_locale_string, 0), "toReversed": (_to_reversed, 0), "toSpliced": (_to_spliced, 2),
        "with": (_with, 2), "copyWithin": (_copy_within, 2), "keys": (_iter_method("keys"), 0), "entries": (_iter_method("entries"), 0),
    }
    for name, (fn, length) in plain.items():
        method(vm, proto, name, fn, length)
    values = method(vm, proto, "values", _iter_method("values"), 0)
    proto.define_hidden(SYM_ITERATOR, values)
    gens = {
        "forEach": _for_each, "map": _map, "filter": _filter, "flatMap": _flat_map, "some": _some,
        "every": _every, "find": _finder("find", False, False), "findIndex": _finder("findIndex", False, True),
        "findLast": _finder("findLast", True, False), "findLastIndex": _finder("findLastIndex", True, True),
        "reduce": _reducer("reduce", False), "reduceRight": _reducer("reduceRight", True), "sort": _sort,
        "toSorted": _to_sorted,
    }
    for name, fn in gens.items():
        method(vm, proto, name, fn, 1, gen=True)
