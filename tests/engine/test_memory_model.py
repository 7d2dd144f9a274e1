"""The memory model at checkpoints: stack frames and their names, lines, locals, reachability, garbage,
reference-counting leaks, collections, allocation-site numbering and the heap graph.

Every expectation here is derived by hand from ../shared/contracts/engine-trace.md (the V8 conformance suite in
tests/conformance checks the compared fields against node). Sites are computed from the program text with
`site()`, so a test reads "the object literal `{name: 'first'}`" rather than a bare column number.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Run = Callable[..., dict[str, Any]]


def site(source: str, snippet: str, k: int = 1, nth: int = 1) -> str:
    """The site `L:C#k` of the `nth` occurrence of `snippet` in `source` (1-based line and column)."""
    start = -1
    for _ in range(nth):
        start = source.index(snippet, start + 1)
    line = source.count("\n", 0, start) + 1
    column = start - (source.rfind("\n", 0, start) + 1) + 1
    return f"{line}:{column}#{k}"


def line_of(source: str, snippet: str) -> int:
    return source.count("\n", 0, source.index(snippet)) + 1


def ref(source: str, snippet: str, k: int = 1, nth: int = 1) -> dict[str, str]:
    return {"site": site(source, snippet, k, nth)}


def checkpoint(result: dict[str, Any], name: str, index: int = 0) -> dict[str, Any]:
    """The `index`-th checkpoint called `name` (a checkpoint in a loop records one entry per run)."""
    found = [c for c in result["checkpoints"] if c["name"] == name]
    assert len(found) > index, f"checkpoint {name!r} #{index} not recorded; got {[c['name'] for c in result['checkpoints']]}"
    return found[index]


def frames(cp: dict[str, Any]) -> list[tuple[str, int]]:
    return [(f["function"], f["line"]) for f in cp["stack"]]


# ---- stack frames: names and lines -----------------------------------------------------------------------------

NAMES = """\
const arrow = () => { checkpoint("deep"); };
const obj = {
  method() { arrow(); },
  get prop() { this.method(); return 1; },
  set prop(v) { this.method(); },
};
class Widget {
  constructor() { obj.prop; }
}
function declared() { new Widget(); }
[1].forEach(function () { declared(); });
"""


def test_frames_are_named_as_v8_names_functions(js: Run) -> None:
    cp = checkpoint(js(NAMES), "deep")
    assert frames(cp) == [
        ("arrow", 1),
        ("method", 3),
        ("get prop", 4),
        ("Widget", 8),
        ("declared", 10),
        ("<anonymous>", 11),
        ("<global>", 11),
    ]


def test_setter_frame_is_named_set_x(js: Run) -> None:
    source = NAMES.replace("[1].forEach(function () { declared(); });", "obj.prop = 5;")
    cp = checkpoint(js(source), "deep")
    assert frames(cp)[:3] == [("arrow", 1), ("method", 3), ("set prop", 5)]
    assert frames(cp)[-1] == ("<global>", 11)


BINDING_NAMES = """\
let assigned;
assigned = function () { byKey.f(); };
const byKey = { f: function () { field(); } };
class Fielded { g = () => { withDefault(); }; }
const field = () => { new Fielded().g(); };
function withDefault(cb = () => { checkpoint("names"); }) { cb(); }
const holder = {};
holder.m = function () { assigned(); };
holder.m();
"""


def test_binding_names_of_anonymous_functions(js: Run) -> None:
    cp = checkpoint(js(BINDING_NAMES), "names")
    assert [name for name, _ in frames(cp)] == [
        "cb", "withDefault", "g", "field", "f", "assigned", "<anonymous>", "<global>",
    ]


def test_implicit_constructor_frame_carries_the_class_name(js: Run) -> None:
    source = """\
class Base { constructor() { checkpoint("ctor"); } }
class Derived extends Base {}
new Derived();
"""
    cp = checkpoint(js(source), "ctor")
    assert [name for name, _ in frames(cp)] == ["Base", "Derived", "<global>"]
    assert frames(cp)[0] == ("Base", 1)
    assert frames(cp)[-1] == ("<global>", 3)


def test_caller_lines_are_the_calls_in_progress(js: Run) -> None:
    source = """\
function inner() {
  const x = 1;
  checkpoint("here");
  return x;
}
function outer() {
  let y = 0;
  y = inner();
  return y;
}

outer();
"""
    cp = checkpoint(js(source), "here")
    assert frames(cp) == [("inner", 3), ("outer", 8), ("<global>", 12)]
    assert cp["line"] == 3


def test_checkpoint_in_a_loop_records_one_entry_per_run(js: Run) -> None:
    source = """\
for (let i = 0; i < 3; i++) {
  checkpoint("tick");
}
"""
    result = js(source)
    assert [c["name"] for c in result["checkpoints"]] == ["tick", "tick", "tick"]
    assert [c["locals"][0]["i"] for c in result["checkpoints"]] == [0, 1, 2]


def test_checkpoint_after_a_callback_leaves_no_builtin_frame(js: Run) -> None:
    source = """\
const xs = [3, 1, 2];
xs.map(x => x * 2).filter(x => { if (x === 2) checkpoint("cb"); return true; });
"""
    cp = checkpoint(js(source), "cb")
    assert frames(cp) == [("<anonymous>", 2), ("<global>", 2)]


# ---- locals -----------------------------------------------------------------------------------------------------

LOCALS = """\
function f(a) {
  var v = 1;
  let early = 2;
  {
    let early = "inner";
    const blk = {};
    checkpoint("in-block");
    let later = 3;
  }
  function inner() {}
  checkpoint("after-block");
  let tdz = 4;
}
f(0);
"""


def test_locals_show_block_bindings_shadowing_and_tdz(js: Run) -> None:
    cp = checkpoint(js(LOCALS), "in-block")
    assert cp["locals"][0] == {
        "a": 0,
        "v": 1,
        "early": "inner",
        "blk": ref(LOCALS, "{}"),
        "later": {"uninitialized": True},
        "inner": ref(LOCALS, "function inner"),
        "tdz": {"uninitialized": True},
    }


def test_block_bindings_leave_locals_when_the_block_ends(js: Run) -> None:
    cp = checkpoint(js(LOCALS), "after-block")
    assert cp["locals"][0] == {
        "a": 0,
        "v": 1,
        "early": 2,
        "inner": ref(LOCALS, "function inner"),
        "tdz": {"uninitialized": True},
    }
    assert cp["locals"][1] == {"f": ref(LOCALS, "function f")}


def test_sloppy_block_function_stays_a_local_after_its_block(js: Run) -> None:
    source = """\
function outer() {
  if (true) {
    function blockFn() { return 1; }
  }
  checkpoint("after-block");
}
outer();
"""
    cp = checkpoint(js(source), "after-block")
    assert cp["locals"][0] == {"blockFn": ref(source, "function blockFn")}


def test_global_locals_are_script_bindings_and_created_globals_not_builtins(js: Run) -> None:
    source = """\
var v = "var";
let l = "let";
const c = {};
class K {}
function fn() { implicit = 1; }
fn();
globalThis.viaGlobal = true;
{
  let blockScoped = null;
  checkpoint("globals");
}
let notYet = 0;
"""
    cp = checkpoint(js(source), "globals")
    assert cp["locals"] == [{
        "v": "var",
        "l": "let",
        "c": ref(source, "{}"),
        "K": ref(source, "class K"),
        "fn": ref(source, "function fn"),
        "implicit": 1,
        "viaGlobal": True,
        "blockScoped": None,
        "notYet": {"uninitialized": True},
    }]


def test_locals_are_per_frame_and_exclude_enclosing_function_variables(js: Run) -> None:
    source = """\
function outer(p) {
  const captured = [p];
  function innerFn(q) {
    const mine = captured.length + q;
    checkpoint("nested");
  }
  innerFn(2);
}
outer("x");
"""
    cp = checkpoint(js(source), "nested")
    assert cp["locals"][0] == {"q": 2, "mine": 3}
    assert cp["locals"][1] == {"p": "x", "captured": ref(source, "[p]"), "innerFn": ref(source, "function innerFn")}
    assert cp["locals"][2] == {"outer": ref(source, "function outer")}


def test_special_values_are_encoded(js: Run) -> None:
    source = """\
function f(u) {
  const nan = NaN, inf = Infinity, ninf = -Infinity, negzero = -0, frac = 0.5, big = 2 ** 60;
  const t = true, n = null, s = "str";
  checkpoint("values");
}
f();
"""
    cp = checkpoint(js(source), "values")
    assert cp["locals"][0] == {
        "u": {"undefined": True},
        "nan": {"number": "NaN"},
        "inf": {"number": "Infinity"},
        "ninf": {"number": "-Infinity"},
        "negzero": 0,
        "frac": 0.5,
        "big": 2**60,
        "t": True,
        "n": None,
        "s": "str",
    }


def test_objects_made_by_builtins_have_no_site(js: Run) -> None:
    source = """\
const src = [1, 2];
const doubled = src.map(x => x * 2);
const copy = Object.assign({}, {a: 1});
checkpoint("builtin-made");
"""
    cp = checkpoint(js(source), "builtin-made")
    assert cp["locals"][0]["doubled"] == {"site": None}
    assert cp["locals"][0]["copy"] == ref(source, "{}")
    assert cp["reachable"] == sorted([site(source, "[1, 2]"), site(source, "{}")])


# ---- reachability, garbage, reference counting -----------------------------------------------------------------

def test_reassignment_drops_the_last_reference(js: Run) -> None:
    source = """\
let a = {name: "first"};
checkpoint("before");
a = {name: "second"};
checkpoint("after");
"""
    result = js(source)
    first, second = site(source, '{name: "first"}'), site(source, '{name: "second"}')
    before, after = checkpoint(result, "before"), checkpoint(result, "after")
    assert before["reachable"] == [first]
    assert before["garbage"] == []
    assert after["reachable"] == [second]
    assert after["garbage"] == [first]
    assert after["refcount_leaked"] == []


CYCLE = """\
let x = {};
let y = {peer: x};
x.peer = y;
let tree = {leaf: {}};
x = null;
y = null;
tree = null;
checkpoint("dropped");
gc();
checkpoint("collected");
"""


def test_unreachable_cycle_is_garbage_that_refcounting_leaks(js: Run) -> None:
    cp = checkpoint(js(CYCLE), "dropped")
    cycle = {site(CYCLE, "{}"), site(CYCLE, "{peer: x}")}
    tree = {site(CYCLE, "{leaf: {}}"), site(CYCLE, "{}", nth=2)}
    assert cp["reachable"] == []
    assert set(cp["garbage"]) == cycle | tree
    assert set(cp["refcount_leaked"]) == cycle


def test_object_held_only_from_a_cycle_is_refcount_leaked(js: Run) -> None:
    source = """\
let c = {};
c.self = c;
c.child = [];
c = null;
checkpoint("held-by-cycle");
"""
    cp = checkpoint(js(source), "held-by-cycle")
    assert set(cp["refcount_leaked"]) == {site(source, "{}"), site(source, "[]")}


def test_cycles_through_closure_scopes_are_refcount_leaked(js: Run) -> None:
    source = """\
function make() {
  const self = () => self;
  const plain = () => 1;
  return 1;
}
make();
function widget() {
  const el = {};
  el.onclick = () => el;
}
widget();
checkpoint("cycles");
"""
    cp = checkpoint(js(source), "cycles")
    self_ref, plain = site(source, "() => self"), site(source, "() => 1")
    element, handler = site(source, "{}"), site(source, "() => el")
    assert sorted(cp["garbage"]) == sorted([self_ref, plain, element, handler])
    assert sorted(cp["refcount_leaked"]) == sorted([self_ref, element, handler])


def test_gc_frees_the_cycle_and_records_it(js: Run) -> None:
    cp = checkpoint(js(CYCLE), "collected")
    assert cp["garbage"] == []
    assert cp["refcount_leaked"] == []
    assert len(cp["freed"]) == 1
    assert set(cp["freed"][0]) == {site(CYCLE, "{}"), site(CYCLE, "{peer: x}"), site(CYCLE, "{leaf: {}}"),
                                   site(CYCLE, "{}", nth=2)}


def test_return_frees_locals_no_closure_uses(js: Run) -> None:
    source = """\
function make() {
  const temp = {kind: "temp"};
  const kept = {kind: "kept"};
  checkpoint("inside");
  return kept;
}
const result = make();
checkpoint("after-return");
"""
    result = js(source)
    fn, temp, kept = site(source, "function make"), site(source, '{kind: "temp"}'), site(source, '{kind: "kept"}')
    assert checkpoint(result, "inside")["reachable"] == sorted([fn, temp, kept])
    after = checkpoint(result, "after-return")
    assert after["reachable"] == sorted([fn, kept])
    assert after["garbage"] == [temp]
    assert after["locals"] == [{"make": {"site": fn}, "result": {"site": kept}}]


def test_closure_keeps_its_captured_object_alive(js: Run) -> None:
    source = """\
function makeCounter() {
  const state = {count: 0};
  return () => state.count++;
}
let counter = makeCounter();
counter();
checkpoint("held");
counter = null;
checkpoint("dropped");
"""
    result = js(source)
    fn, state, closure = site(source, "function makeCounter"), site(source, "{count: 0}"), site(source, "() =>")
    assert checkpoint(result, "held")["reachable"] == sorted([fn, state, closure])
    dropped = checkpoint(result, "dropped")
    assert dropped["reachable"] == [fn]
    assert sorted(dropped["garbage"]) == sorted([state, closure])
    assert dropped["refcount_leaked"] == []


SHARED_CONTEXT = """\
function setup() {
  const big = {size: "big"};
  const small = {size: "small"};
  const unrelated = {size: "unrelated"};
  const useBig = () => big;
  return () => small;
}
const keep = setup();
checkpoint("leak");
"""


def test_shared_context_leak_keeps_a_sibling_closures_variable_alive(js: Run) -> None:
    cp = checkpoint(js(SHARED_CONTEXT), "leak")
    assert cp["reachable"] == sorted([
        site(SHARED_CONTEXT, "function setup"),
        site(SHARED_CONTEXT, '{size: "big"}'),
        site(SHARED_CONTEXT, '{size: "small"}'),
        site(SHARED_CONTEXT, "() => small"),
    ])
    assert sorted(cp["garbage"]) == sorted([
        site(SHARED_CONTEXT, '{size: "unrelated"}'),
        site(SHARED_CONTEXT, "() => big"),
    ])


def test_closure_scope_object_appears_in_the_heap(js: Run) -> None:
    cp = checkpoint(js(SHARED_CONTEXT), "leak")
    closure = cp["heap"][site(SHARED_CONTEXT, "() => small")]
    assert closure["type"] == "function"
    scope_key = closure["scope"]["ref"]
    scope = cp["heap"][scope_key]
    assert scope["type"] == "scope"
    assert scope["props"] == {"big": ref(SHARED_CONTEXT, '{size: "big"}'),
                              "small": ref(SHARED_CONTEXT, '{size: "small"}')}


def test_block_scoped_variable_keeps_its_last_value_until_the_frame_ends(js: Run) -> None:
    source = """\
function f() {
  for (let i = 0; i < 2; i++) {
    const item = {i};
  }
  checkpoint("after-loop");
}
f();
checkpoint("after-call");
"""
    result = js(source)
    item = site(source, "{i}", k=2)
    assert site(source, "{i}", k=2) in checkpoint(result, "after-loop")["reachable"]
    assert site(source, "{i}", k=1) in checkpoint(result, "after-loop")["garbage"]
    assert item in checkpoint(result, "after-call")["garbage"]


def test_for_of_keeps_the_iterated_array_alive_during_the_loop(js: Run) -> None:
    source = """\
function g() {
  for (const item of [{a: 1}, {a: 2}]) {
    checkpoint("loop");
  }
}
g();
"""
    result = js(source)
    expected = sorted([site(source, "function g"), site(source, "[{a"), site(source, "{a: 1}"), site(source, "{a: 2}")])
    assert checkpoint(result, "loop", 0)["reachable"] == expected
    assert checkpoint(result, "loop", 1)["reachable"] == expected


def test_top_level_block_binding_stays_reachable(js: Run) -> None:
    source = """\
{
  const inBlock = {};
}
checkpoint("after-block");
"""
    cp = checkpoint(js(source), "after-block")
    assert cp["reachable"] == [site(source, "{}")]


def test_running_frame_keeps_this_alive(js: Run) -> None:
    source = """\
let holder = {
  run() {
    holder = null;
    checkpoint("running");
  },
};
holder.run();
"""
    cp = checkpoint(js(source), "running")
    assert cp["reachable"] == sorted([site(source, "{\n"), site(source, "() {")])
    assert cp["locals"][1] == {"holder": None}


def test_running_frame_keeps_its_own_function_alive(js: Run) -> None:
    source = """\
let f = function () {
  f = null;
  checkpoint("self");
};
f();
"""
    cp = checkpoint(js(source), "self")
    assert cp["reachable"] == [site(source, "function")]
    assert frames(cp) == [("f", 3), ("<global>", 5)]


def test_running_frame_keeps_its_arguments_alive(js: Run) -> None:
    source = """\
function take(arg) {
  checkpoint("args");
}
take({passed: true});
"""
    cp = checkpoint(js(source), "args")
    assert site(source, "{passed: true}") in cp["reachable"]
    assert cp["locals"][0] == {"arg": ref(source, "{passed: true}")}



def test_running_arrow_frame_keeps_its_receiver_alive(js: Run) -> None:
    source = """\
let o = {};
o.f = () => { o = null; checkpoint("arrow-receiver"); };
o.f();
"""
    cp = checkpoint(js(source), "arrow-receiver")
    assert cp["reachable"] == sorted([site(source, "{}"), site(source, "() =>")])


def test_weakmap_entry_lives_only_while_its_key_is_reachable(js: Run) -> None:
    source = """\
const wm = new WeakMap();
let key = {k: 1};
wm.set(key, {owner: key});
checkpoint("key-alive");
key = null;
checkpoint("key-dropped");
gc();
checkpoint("collected");
"""
    result = js(source)
    wm, key, value = site(source, "new WeakMap"), site(source, "{k: 1}"), site(source, "{owner: key}")
    assert checkpoint(result, "key-alive")["reachable"] == sorted([wm, key, value])
    dropped = checkpoint(result, "key-dropped")
    assert dropped["reachable"] == [wm]
    assert sorted(dropped["garbage"]) == sorted([key, value])
    collected = checkpoint(result, "collected")
    assert sorted(collected["freed"][0]) == sorted([key, value])
    assert collected["heap"][wm]["entries"] == []


def test_weakset_does_not_keep_its_members_alive(js: Run) -> None:
    source = """\
const ws = new WeakSet();
let member = {};
ws.add(member);
member = null;
checkpoint("weakset");
"""
    cp = checkpoint(js(source), "weakset")
    assert cp["reachable"] == [site(source, "new WeakSet")]
    assert cp["garbage"] == [site(source, "{}")]


def test_weakref_target_survives_gc_within_the_job(js: Run) -> None:
    source = """\
let target = {t: 1};
const ref = new WeakRef(target);
target = null;
gc();
checkpoint("after-gc");
console.log(ref.deref() !== undefined);
"""
    result = js(source)
    cp = checkpoint(result, "after-gc")
    assert cp["reachable"] == sorted([site(source, "{t: 1}"), site(source, "new WeakRef")])
    assert cp["freed"] == [[]]
    assert result["output"] == ["true"]


@pytest.mark.parametrize("collection", ["Map", "Set"])
def test_map_and_set_keep_their_keys_alive(collection: str, js: Run) -> None:
    add = "m.set(k, [1]);" if collection == "Map" else "m.add(k);"
    source = f"""\
const m = new {collection}();
let k = {{id: 1}};
{add}
k = null;
gc();
checkpoint("kept");
"""
    cp = checkpoint(js(source), "kept")
    expected = [site(source, f"new {collection}"), site(source, "{id: 1}")]
    if collection == "Map":
        expected.append(site(source, "[1]"))
    assert cp["reachable"] == sorted(expected)
    assert cp["freed"] == [[]]


def test_deleting_a_property_drops_the_reference(js: Run) -> None:
    source = """\
const registry = {a: {}, b: {}};
delete registry.a;
checkpoint("deleted");
"""
    cp = checkpoint(js(source), "deleted")
    assert cp["garbage"] == [site(source, "{}")]
    assert site(source, "{}", nth=2) in cp["reachable"]


def test_each_gc_records_its_own_freed_list(js: Run) -> None:
    source = """\
let a = {};
a = null;
gc();
let b = [];
b = null;
gc();
gc();
checkpoint("end");
"""
    cp = checkpoint(js(source), "end")
    assert cp["freed"] == [[site(source, "{}")], [site(source, "[]")], []]


def test_checkpoint_before_any_gc_has_no_freed_lists(js: Run) -> None:
    cp = checkpoint(js('let a = {};\na = null;\ncheckpoint("none");\n'), "none")
    assert cp["freed"] == []
    assert cp["garbage"] == ["1:9#1"]


def test_error_keeps_its_stack_functions_alive_until_stack_is_read(js: Run) -> None:
    source = """\
let saved;
let fn = function work() {
  saved = new Error("kept");
};
fn();
fn = null;
checkpoint("unread");
const text = saved.stack;
checkpoint("read");
"""
    result = js(source)
    work, error = site(source, "function work"), site(source, "new Error")
    assert checkpoint(result, "unread")["reachable"] == sorted([work, error])
    read = checkpoint(result, "read")
    assert read["reachable"] == [error]
    assert read["garbage"] == [work]


def test_listener_registry_retains_state_until_cleared(js: Run) -> None:
    source = """\
const listeners = [];
function on(fn) { listeners.push(fn); }
function component() {
  const state = {big: true};
  on(() => state);
}
component();
checkpoint("registered");
listeners.length = 0;
checkpoint("cleared");
"""
    result = js(source)
    state, listener = site(source, "{big: true}"), site(source, "() => state")
    assert {state, listener} <= set(checkpoint(result, "registered")["reachable"])
    cleared = checkpoint(result, "cleared")
    assert sorted(cleared["garbage"]) == sorted([state, listener])
    assert cleared["reachable"] == sorted([site(source, "[]"), site(source, "function on"),
                                          site(source, "function component")])


def test_strong_cache_keeps_values_weak_cache_lets_them_go(js: Run) -> None:
    source = """\
const strong = new Map();
const weak = new WeakMap();
function remember(key) {
  strong.set(key.id, {forId: key.id});
  weak.set(key, {forKey: key.id});
}
let a = {id: "a"};
remember(a);
a = null;
gc();
checkpoint("cached");
"""
    cp = checkpoint(js(source), "cached")
    assert cp["reachable"] == sorted([site(source, "new Map"), site(source, "new WeakMap"),
                                      site(source, "function remember"), site(source, "{forId")])
    assert sorted(cp["freed"][0]) == sorted([site(source, '{id: "a"}'), site(source, "{forKey")])


def test_each_loop_iteration_gets_its_own_captured_scope(js: Run) -> None:
    source = """\
const fns = [];
for (let i = 0; i < 2; i++) {
  const data = {i};
  fns.push(() => data);
}
fns.shift();
checkpoint("per-iteration");
"""
    cp = checkpoint(js(source), "per-iteration")
    assert cp["reachable"] == sorted([site(source, "[]"), site(source, "{i}", k=2), site(source, "() => data", k=2)])
    assert sorted(cp["garbage"]) == sorted([site(source, "{i}", k=1), site(source, "() => data", k=1)])


EMITTER = """\
class Emitter {
  constructor() { this.handlers = new Map(); }
  on(name, fn) { this.handlers.set(name, fn); }
  emit(name) { this.handlers.get(name)(); }
}
const bus = new Emitter();
function attach() {
  const payload = {big: [1, 2, 3]};
  bus.on("tick", function onTick() { checkpoint("handler"); return payload; });
}
attach();
bus.emit("tick");
bus.handlers.delete("tick");
checkpoint("detached");
"""


def test_handler_called_through_a_map_shows_its_frames(js: Run) -> None:
    cp = checkpoint(js(EMITTER), "handler")
    assert frames(cp) == [("onTick", 9), ("emit", 4), ("<global>", 12)]
    assert cp["locals"][1] == {"name": "tick"}


def test_removing_a_handler_frees_what_its_closure_captured(js: Run) -> None:
    result = js(EMITTER)
    captured = {site(EMITTER, "{big"), site(EMITTER, "[1, 2, 3]"), site(EMITTER, "function onTick")}
    assert captured <= set(checkpoint(result, "handler")["reachable"])
    detached = checkpoint(result, "detached")
    assert set(detached["garbage"]) == captured
    assert set(detached["reachable"]) == {site(EMITTER, "class Emitter"), site(EMITTER, "new Emitter"),
                                          site(EMITTER, "new Map"), site(EMITTER, "function attach"),
                                          site(EMITTER, "(name, fn)"), site(EMITTER, "(name) {")}


# ---- allocation-site numbering ---------------------------------------------------------------------------------

def test_object_literal_is_numbered_before_its_values_are_evaluated(js: Run) -> None:
    source = """\
function build(n) {
  return n === 0 ? null : {next: build(n - 1)};
}
const list = build(3);
checkpoint("list");
"""
    cp = checkpoint(js(source), "list")
    s = lambda k: site(source, "{next", k)  # noqa: E731
    assert cp["locals"][0]["list"] == {"site": s(1)}
    assert cp["heap"][s(1)]["props"]["next"] == {"site": s(2)}
    assert cp["heap"][s(2)]["props"]["next"] == {"site": s(3)}
    assert cp["heap"][s(3)]["props"]["next"] is None


def test_new_is_numbered_after_its_arguments(js: Run) -> None:
    source = """\
class Node { constructor(next) { this.next = next; } }
function build(n) { return n === 0 ? null : new Node(build(n - 1)); }
const list = build(3);
checkpoint("list");
"""
    cp = checkpoint(js(source), "list")
    s = lambda k: site(source, "new Node", k)  # noqa: E731
    assert cp["locals"][0]["list"] == {"site": s(3)}
    assert cp["heap"][s(3)]["props"]["next"] == {"site": s(2)}
    assert cp["heap"][s(1)]["props"]["next"] is None
    assert cp["heap"][s(3)]["class"] == "Node"


def test_function_declarations_are_numbered_on_entry_to_their_scope(js: Run) -> None:
    source = """\
function outer() {
  checkpoint("entered");
  function hoisted() {}
  return hoisted;
}
const first = outer();
const second = outer();
checkpoint("twice");
"""
    result = js(source)
    hoisted = lambda k: site(source, "function hoisted", k)  # noqa: E731
    assert checkpoint(result, "entered")["locals"][0] == {"hoisted": {"site": hoisted(1)}}
    assert checkpoint(result, "twice")["locals"][0]["first"] == {"site": hoisted(1)}
    assert checkpoint(result, "twice")["locals"][0]["second"] == {"site": hoisted(2)}


def test_methods_are_numbered_after_their_object_in_source_order(js: Run) -> None:
    source = """\
function make() { return { a() {}, get b() { return 1; }, c: () => 1 }; }
const o1 = make();
const o2 = make();
class C { m() {} static s() {} }
checkpoint("methods");
"""
    cp = checkpoint(js(source), "methods")
    assert cp["locals"][0]["o2"] == ref(source, "{ a()", k=2)
    assert cp["heap"][site(source, "{ a()", k=2)]["props"]["a"] == ref(source, "() {}", k=2)
    assert cp["heap"][site(source, "{ a()", k=2)]["props"]["c"] == ref(source, "() => 1", k=2)
    getter = cp["heap"][site(source, "{ a()", k=1)]["props"]["b"]
    assert getter == {"getter": ref(source, "() { return 1; }"), "setter": None}
    assert site(source, "() {} static") in cp["reachable"]
    assert site(source, "() {} }") in cp["reachable"]


def test_heap_shows_class_methods_as_edges(js: Run) -> None:
    source = """\
class C { m() {} static s() {} }
checkpoint("methods");
"""
    heap = checkpoint(js(source), "methods")["heap"]
    klass = heap[site(source, "class C")]
    assert klass["props"]["s"] == ref(source, "() {} }")
    prototype = heap[klass["props"]["prototype"]["ref"]]
    assert prototype["props"]["m"] == ref(source, "() {} static")


def test_closures_made_in_a_loop_are_numbered_in_order(js: Run) -> None:
    source = """\
const fns = [];
for (let i = 0; i < 3; i++) fns.push(() => i);
fns.shift();
checkpoint("loop");
"""
    cp = checkpoint(js(source), "loop")
    arrow = lambda k: site(source, "() => i", k)  # noqa: E731
    assert cp["heap"][site(source, "[]")]["items"] == [{"site": arrow(2)}, {"site": arrow(3)}]
    assert cp["garbage"] == [arrow(1)]


# ---- the heap graph ---------------------------------------------------------------------------------------------

HEAP = """\
class Node { constructor(v) { this.v = v; } }
const obj = {n: 1, s: "x", child: {}};
const arr = [1, obj];
const map = new Map([["k", arr]]);
const set = new Set([obj]);
const inst = new Node(5);
checkpoint("heap");
"""


def test_heap_lists_objects_with_types_props_items_and_entries(js: Run) -> None:
    heap = checkpoint(js(HEAP), "heap")["heap"]
    obj, arr = site(HEAP, "{n: 1"), site(HEAP, "[1, obj]")
    assert heap[obj]["type"] == "object"
    assert heap[obj]["props"] == {"n": 1, "s": "x", "child": ref(HEAP, "{}")}
    assert heap[arr]["type"] == "array"
    assert heap[arr]["items"] == [1, {"site": obj}]
    assert heap[site(HEAP, "new Map")]["type"] == "map"
    assert heap[site(HEAP, "new Map")]["entries"] == [["k", {"site": arr}]]
    assert heap[site(HEAP, "new Set")]["type"] == "set"
    assert heap[site(HEAP, "new Set")]["entries"] == [{"site": obj}]
    assert heap[site(HEAP, "new Node")] | {"proto": None} == {
        "type": "object", "class": "Node", "props": {"v": 5}, "proto": None,
    }
    assert heap[site(HEAP, "class Node")]["type"] == "class"


def test_heap_holds_only_live_objects_with_a_site_key_or_an_engine_id(js: Run) -> None:
    source = """\
let dropped = {};
dropped = null;
gc();
const made = [1].map(x => x);
checkpoint("ids");
"""
    cp = checkpoint(js(source), "ids")
    assert site(source, "{}") not in cp["heap"]
    unsited = [key for key in cp["heap"] if key.startswith("@")]
    assert unsited, "the array made by map() should be listed under an engine id"
    assert all(key.startswith("@") or "#" in key for key in cp["heap"])


def test_error_object_in_heap(js: Run) -> None:
    source = """\
let caught;
try { throw new TypeError("bad"); } catch (e) { caught = e; }
checkpoint("error");
"""
    cp = checkpoint(js(source), "error")
    entry = cp["heap"][site(source, "new TypeError")]
    assert entry["type"] == "error"
    assert cp["locals"][0]["caught"] == ref(source, "new TypeError")


# ---- uncaught errors --------------------------------------------------------------------------------------------

def test_uncaught_error_keeps_checkpoints_and_names_the_throw_line(js: Run) -> None:
    source = """\
checkpoint("before");
function fail() {
  throw new RangeError("out of range");
}
fail();
console.log("never");
"""
    result = js(source)
    assert result["error"] == {"name": "RangeError", "message": "out of range", "line": 3}
    assert [c["name"] for c in result["checkpoints"]] == ["before"]
    assert result["output"] == []


def test_uncaught_non_error_value(js: Run) -> None:
    result = js('const x = 1;\nthrow "plain";\n')
    assert result["error"]["name"] == "Uncaught"
    assert result["error"]["line"] == 2


def test_engine_raised_type_error_names_the_executing_line(js: Run) -> None:
    source = """\
const o = null;

console.log(o.x);
"""
    result = js(source)
    assert result["error"] == {"name": "TypeError", "message": "Cannot read properties of null (reading 'x')",
                               "line": 3}


@pytest.mark.parametrize(("source", "error"), [
    ('function a() {\n  throw new Error("first");\n}\ntry {\n  a();\n} catch (e) {\n  throw e;\n}\n',
     {"name": "Error", "message": "first", "line": 2}),
    ("class Node {\n  constructor(n) {\n    this.child = new Node(n + 1);\n  }\n}\nnew Node(0);\n",
     {"name": "RangeError", "message": "Maximum call stack size exceeded", "line": 3}),
    ("[1, 2].forEach(x => {\n  null.f;\n});\n",
     {"name": "TypeError", "message": "Cannot read properties of null (reading 'f')", "line": 2}),
    ('const arr = [3, 1, 2];\narr.sort((a, b) => {\n  if (a === 1) throw new TypeError("cmp");\n  return a - b;\n});\n',
     {"name": "TypeError", "message": "cmp", "line": 3}),
    ("function f() {\n  return g();\n}\nfunction g() {\n  return undefinedThing;\n}\nf();\n",
     {"name": "ReferenceError", "message": "undefinedThing is not defined", "line": 5}),
], ids=["rethrow-keeps-first-throw-line", "constructor-overflow", "callback-type-error", "comparator-throws",
        "reference-error-in-callee"])
def test_uncaught_error_names_the_line_that_first_threw(source: str, error: dict[str, Any], js: Run) -> None:
    assert js(source)["error"] == error
