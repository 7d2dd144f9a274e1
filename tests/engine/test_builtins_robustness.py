"""No built-in ever fails with a Python exception: every native, called with hostile receivers and arguments
(Infinity, NaN, null, huge numbers, empty strings, objects, arrays), either returns or throws a JavaScript error.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from typing import Any

import pytest

import engine
from engine.values import NULL, UNDEFINED, Accessor, JSObject, JSThrow, LimitExceeded, NativeFunction
from engine.vm import VM

HOSTILE: list[Any] = [UNDEFINED, NULL, math.inf, -math.inf, math.nan, -1.0, 1e300, 2.0**53, "", "abc", True,
                     "\ud83d", "a\U0001F600b"]


def all_natives(vm: VM) -> Iterator[tuple[str, NativeFunction]]:
    """Every native function reachable from the global object, with a dotted path naming it."""
    seen: set[int] = set()
    todo: list[tuple[str, JSObject]] = [("globalThis", vm.global_object)]
    while todo:
        path, obj = todo.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        for key, value in list(obj.props.items()):
            name = f"{path}.{key}"
            if isinstance(value, Accessor):
                yield from ((name, f) for f in (value.get, value.set) if isinstance(f, NativeFunction))
                continue
            if isinstance(value, NativeFunction):
                yield name, value
            if isinstance(value, JSObject):
                todo.append((name, value))


def argument_lists(vm: VM) -> Iterator[list[Any]]:
    yield []
    yield from ([v] for v in HOSTILE)
    yield from ([v, v] for v in HOSTILE)
    yield from ([vm.new_array([1.0, UNDEFINED]), v] for v in HOSTILE[:5])


def python_failures(vm: VM, name: str, f: NativeFunction) -> list[str]:
    failures = []
    receivers = [*HOSTILE[:6], *HOSTILE[-2:], vm.new_object(), vm.new_array([1.0, UNDEFINED, "x"]), vm.new_array([])]
    for this, args in itertools.product(receivers, list(argument_lists(vm))):
        vm.stack.clear()
        try:
            vm.call_sync(f, this, args)
        except (JSThrow, LimitExceeded):
            continue
        except Exception as exc:  # noqa: BLE001 - the point of the test is to catch any Python failure
            failures.append(f"{name}(this={this!r}, args={args!r}): {type(exc).__name__}: {exc}")
    return failures


def test_every_native_survives_hostile_arguments() -> None:
    vm = VM()
    vm.start_clock()
    natives = [(name, f) for name, f in all_natives(vm) if not name.endswith(".random")]
    assert len(natives) > 200
    failures = [line for name, f in natives for line in python_failures(vm, name, f)]
    assert not failures, "\n".join(failures[:20])


@pytest.mark.parametrize("source", [
    "Array.prototype.map.call({length: 1e300}, x => x)",
    "Array.from({length: 2 ** 40})",
    "Math.max.apply(null, {length: 1e12})",
    "'abc'.padStart(2 ** 40)",
    "'abc'.repeat(2 ** 28)",
])
def test_huge_lengths_end_in_a_range_error_not_a_hang(source: str) -> None:
    error = engine.trace(source).to_json()["error"]
    assert error["name"] == "RangeError"
    assert error["message"] in ("Invalid array length", "Invalid string length")
