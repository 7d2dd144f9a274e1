"""Built-in behaviour that node's stdout cannot show, or that is deliberately our own.

Rule 6 (an Error keeps its frames' functions and receivers until `stack` is read), rule 5 (WeakRef targets
survive gc() within the script), console.warn/error collected with console.log, the deterministic Math.random,
the natives called directly through the VM, and the `is not iterable` wording for for-of and spread.
"""

from __future__ import annotations

from typing import Any

import pytest

import engine
from engine.values import UNDEFINED
from engine.vm import VM


def trace(source: str) -> dict[str, Any]:
    return engine.trace(source).to_json()


def native(vm: VM, *path: str) -> Any:
    value: Any = vm.global_object
    for key in path:
        value = vm.get(value, key)
    return value


@pytest.fixture
def vm() -> VM:
    machine = VM()
    machine.start_clock()
    return machine


def test_reading_stack_releases_the_frames_an_error_captured() -> None:
    source = """let o = { run() { return new Error("x"); } };
const err = o.run();
o = null;
checkpoint("before");
err.stack;
checkpoint("after");
"""
    before, after = trace(source)["checkpoints"]
    assert "1:9#1" in before["reachable"]   # the receiver of the frame that made the error
    assert "1:9#1" not in after["reachable"]


def test_logging_an_error_reads_its_stack_and_releases_the_frames() -> None:
    source = """let o = { run() { return new Error("x"); } };
const err = o.run();
o = null;
console.log(err.message);
checkpoint("unread");
console.log(String(err).length > 0, typeof err.stack);
checkpoint("read");
"""
    unread, read = trace(source)["checkpoints"]
    assert "1:9#1" in unread["reachable"]
    assert "1:9#1" not in read["reachable"]


def test_stack_text_names_the_frames_innermost_first() -> None:
    source = """function inner() { return new Error("deep"); }
function outer() { return inner(); }
console.log(outer().stack);
"""
    assert trace(source)["output"] == [
        "Error: deep",
        "    at inner (<anonymous>:1)",
        "    at outer (<anonymous>:2)",
        "    at <anonymous>:3",
    ]


def test_a_weakref_target_survives_gc_within_the_script() -> None:
    source = """let r = new WeakRef({ v: 1 });
gc();
console.log(r.deref() !== undefined, r.deref().v);
"""
    assert trace(source)["output"] == ["true 1"]


def test_weakmap_entries_die_with_their_keys() -> None:
    source = """const wm = new WeakMap();
let key = { k: 1 };
wm.set(key, { payload: true });
key = null;
gc();
checkpoint("after");
"""
    (cp,) = trace(source)["checkpoints"]
    assert "2:11#1" not in cp["reachable"]
    assert "3:13#1" not in cp["reachable"]


def test_finalization_registry_holds_its_held_values_but_not_its_targets() -> None:
    source = """const reg = new FinalizationRegistry(() => {});
let target = { big: 1 };
reg.register(target, { note: "h" });
target = null;
gc();
checkpoint("c");
"""
    (cp,) = trace(source)["checkpoints"]
    assert "3:22#1" in cp["reachable"]
    assert cp["freed"] == [["2:14#1"]]


def test_console_warn_and_error_are_collected_with_log() -> None:
    source = 'console.log("a"); console.warn("b"); console.error("c\\nd"); console.info("e");'
    assert trace(source)["output"] == ["a", "b", "c", "d", "e"]


def test_console_assert_prints_only_failures_in_node_wording() -> None:
    source = 'console.assert(true, "no"); console.assert(false, "msg %s", "x"); console.assert(0); console.assert(false, {a: 1}, 2);'
    assert trace(source)["output"] == ["Assertion failed: msg x", "Assertion failed", "Assertion failed: [object Object] 2"]


def test_math_random_is_deterministic_between_runs() -> None:
    source = "console.log(Math.random(), Math.random());"
    first = trace(source)["output"]
    assert first == trace(source)["output"]
    a, b = (float(x) for x in first[0].split())
    assert 0 <= a < 1 and 0 <= b < 1 and a != b


@pytest.mark.parametrize(("source", "message"), [
    ("for (const x of 5) {}", "5 is not iterable"),
    ("for (const x of undefined) {}", "undefined is not iterable"),
    ("[...null]", "null is not iterable"),
    ("new Set(5)", "number 5 is not iterable (cannot read property Symbol(Symbol.iterator))"),
    ("Array.from(null)", "object null is not iterable (cannot read property Symbol(Symbol.iterator))"),
])
def test_not_iterable_errors_use_v8_wording(source: str, message: str) -> None:
    assert trace(source)["error"] == {"name": "TypeError", "message": message, "line": 1}


def test_natives_can_be_called_directly_through_the_vm(vm: VM) -> None:
    assert vm.call_sync(native(vm, "Math", "max"), UNDEFINED, [1.0, 2.0]) == 2.0
    joined = vm.call_sync(native(vm, "Array", "prototype", "join"), vm.new_array([1.0, "a"]), ["-"])
    assert joined == "1-a"


def test_generator_natives_run_callbacks_through_the_run_loop(vm: VM) -> None:
    double = vm.native("double", lambda vm, this, args: args[0] * 2, 1)
    mapped = vm.call_sync(native(vm, "Array", "prototype", "map"), vm.new_array([1.0, 2.0]), [double])
    assert mapped.items == [2.0, 4.0]
    assert mapped.site is None


def test_objects_made_by_builtins_have_no_site(vm: VM) -> None:
    keys = vm.call_sync(native(vm, "Object", "keys"), UNDEFINED, [vm.new_array(["x"])])
    assert keys.site is None and keys.id in vm.heap


def test_inspect_and_format_are_exposed_on_the_vm(vm: VM) -> None:
    assert vm.inspect(vm.new_array([1.0, "a"])) == "[ 1, 'a' ]"
    assert vm.format_log(["%s=%d", "x", 1.0]) == "x=1"
    assert vm.format_log([]) == ""


@pytest.mark.parametrize(("source", "name", "message"), [
    ('eval("1 + 1");', "ReferenceError", "eval is not supported in memcourse (it runs code from a string at run time"),
    ("new Proxy({}, {});", "ReferenceError", "Proxy is not supported in memcourse (the course does not teach"),
    ("new Uint8Array(4);", "ReferenceError", "Uint8Array is not supported in memcourse (binary data"),
    ('require("fs");', "ReferenceError", "require is not supported in memcourse (programs are classic scripts"),
    ('new Function("return 1");', "TypeError", "The Function constructor is not supported in memcourse"),
    ("missing;", "ReferenceError", "missing is not defined"),
])
def test_a_global_the_engine_leaves_out_says_so_and_why(source: str, name: str, message: str) -> None:
    error = trace(source)["error"]
    assert error["name"] == name
    assert error["message"].startswith(message)


def test_typeof_a_left_out_global_is_undefined_as_for_any_unknown_name() -> None:
    assert trace("console.log(typeof Proxy, typeof eval);")["output"] == ["undefined undefined"]
