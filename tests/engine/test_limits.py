"""Budgets: steps, call depth, live heap objects, wall-clock time, and huge strings (issue 2, item 5).

No assertion here is about how long anything takes. A few programs that hang the engine when it is wrong run in a
subprocess under a hang guard (and a memory cap), so a regression fails one test instead of stalling the suite.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import engine

Run = Callable[..., dict[str, Any]]

REPO = Path(__file__).resolve().parents[2]
HANG_GUARD_S = 20
MEMORY_CAP_BYTES = 2 * 1024**3

# A loop the step limit must stop; the time limit is set far away so the step limit is the one that fires.
STEPS_ONLY = engine.Limits(steps=20_000, time=600.0)


def trace_isolated(source: str, limits: engine.Limits) -> dict[str, Any]:
    """Trace in a child process; fail (not hang) if it does not stop within the hang guard."""
    script = (
        "import json, sys, engine\n"
        f"limits = engine.Limits(steps={limits.steps}, depth={limits.depth}, heap={limits.heap}, time={limits.time})\n"
        "print(json.dumps(engine.trace(sys.stdin.read(), limits=limits).to_json()))\n"
    )

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP_BYTES, MEMORY_CAP_BYTES))

    try:
        done = subprocess.run([sys.executable, "-c", script], input=source, capture_output=True, text=True,
                              cwd=REPO, timeout=HANG_GUARD_S, preexec_fn=cap_memory, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the engine did not stop within {HANG_GUARD_S} s (hang guard): it ignores its limits")
    assert done.returncode == 0, f"the engine crashed: {done.stderr[-2000:]}"
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_default_limits_are_the_documented_ones() -> None:
    assert engine.Limits() == engine.Limits(steps=1_000_000, depth=10_000, heap=1_000_000, time=5.0)


# ---- steps and time ---------------------------------------------------------------------------------------------

INFINITE = """\
let i = 0;
checkpoint("start");
while (true) {
  i++;
}
"""


def test_infinite_loop_hits_the_step_limit(js: Run) -> None:
    result = js(INFINITE, limits=STEPS_ONLY)
    assert result["error"]["name"] == "LimitExceeded"
    assert "step limit" in result["error"]["message"]
    assert "20000" in result["error"]["message"]


def test_checkpoints_recorded_before_a_limit_are_kept(js: Run) -> None:
    result = js(INFINITE, limits=STEPS_ONLY)
    assert [c["name"] for c in result["checkpoints"]] == ["start"]
    assert result["checkpoints"][0]["locals"] == [{"i": 0}]


def test_output_printed_before_a_limit_is_kept(js: Run) -> None:
    result = js('console.log("before");\nfor (;;) { console.log("tick"); }\n', limits=engine.Limits(steps=50, time=600.0))
    assert result["error"]["name"] == "LimitExceeded"
    assert result["output"][0] == "before"
    assert set(result["output"][1:]) == {"tick"}


def test_infinite_loop_hits_the_time_limit_when_steps_are_plenty(js: Run) -> None:
    result = js(INFINITE, limits=engine.Limits(steps=10**12, time=0.2))
    assert result["error"]["name"] == "LimitExceeded"
    assert "time limit" in result["error"]["message"]


# Fewer loop iterations than the 256 steps between clock readings, each one long built-in call (a search of a
# 64 MB string; a replacement with a `$&` template over 65,536 matches): the clock must be read after each call, or
# the program runs to its end past the time limit.
LONG_BUILTIN_CALLS = {
    "indexOf": 'const s = "x".repeat(2 ** 26);\nlet n = 0;\nfor (let i = 0; i < 100; i++) n += s.indexOf("y");\n'
               'console.log(n);\n',
    "replaceAll": 'const s = "x".repeat(2 ** 16);\nlet n = 0;\nfor (let i = 0; i < 100; i++) n += s.replaceAll("x", '
                  '"$&").length;\nconsole.log(n);\n',
}


@pytest.mark.parametrize("source", LONG_BUILTIN_CALLS.values(), ids=LONG_BUILTIN_CALLS.keys())
def test_a_few_long_built_in_calls_end_at_the_time_limit(source: str) -> None:
    result = trace_isolated(source, engine.Limits(steps=10**9, time=0.05))
    assert result["error"] is not None, "the program ran to its end: the time limit was never read"
    assert (result["error"]["name"], result["error"]["limit"]) == ("LimitExceeded", "time")
    assert result["output"] == []


def test_infinite_recursion_through_calls_hits_a_limit_not_python(js: Run) -> None:
    source = "function again() { return again(); }\nagain();\n"
    result = js(source, limits=engine.Limits(steps=10**9, depth=10**6, time=0.5))
    assert result["error"]["name"] == "LimitExceeded"


@pytest.mark.parametrize("loop", ["while (true) {}", "for (;;) ;"], ids=["while-empty-block", "for-empty-statement"])
def test_empty_infinite_loop_hits_the_step_limit(loop: str) -> None:
    result = trace_isolated(f'checkpoint("start");\n{loop}\n', STEPS_ONLY)
    assert result["error"]["name"] == "LimitExceeded"
    assert "step limit" in result["error"]["message"]
    assert [c["name"] for c in result["checkpoints"]] == ["start"]


# ---- heap -------------------------------------------------------------------------------------------------------

def test_runaway_allocation_hits_the_heap_limit(js: Run) -> None:
    source = """\
const keep = [];
checkpoint("start");
for (let i = 0; i < 2000; i++) keep.push({i});
"""
    result = js(source, limits=engine.Limits(heap=500, time=600.0))
    assert result["error"]["name"] == "LimitExceeded"
    assert "heap limit" in result["error"]["message"]
    assert [c["name"] for c in result["checkpoints"]] == ["start"]


def test_live_objects_are_never_lost_near_the_heap_limit(js: Run) -> None:
    source = """\
let junk;
for (let i = 0; i < 100; i++) junk = {i};
const keep = [];
for (let i = 0; i < 40; i++) keep.push([i]);
checkpoint("end");
"""
    result = js(source, limits=engine.Limits(heap=60, time=600.0))
    assert result["error"] is None
    reachable = result["checkpoints"][0]["reachable"]
    assert reachable == sorted(["2:38#100", "3:14#1", *(f"4:40#{k}" for k in range(1, 41))])


def test_garbage_does_not_count_against_the_heap_limit(js: Run) -> None:
    source = """\
let last;
for (let i = 0; i < 3000; i++) last = {i};
console.log(last.i);
"""
    result = js(source, limits=engine.Limits(heap=1000, time=600.0))
    assert result["error"] is None
    assert result["output"] == ["2999"]


# ---- call depth -------------------------------------------------------------------------------------------------

RECURSION = """\
function down(n) {
  if (n === 0) return 0;
  return 1 + down(n - 1);
}
"""


def test_recursion_below_the_depth_limit_completes(js: Run) -> None:
    result = js(RECURSION + "console.log(down(9000));\n")
    assert result == {"output": ["9000"], "error": None, "checkpoints": []}


def test_deep_recursion_throws_range_error_at_the_overflowing_call(js: Run) -> None:
    result = js(RECURSION + "down(10000);\n")
    assert result["error"] == {"name": "RangeError", "message": "Maximum call stack size exceeded", "line": 3}


def test_stack_overflow_is_catchable_and_the_program_continues(js: Run) -> None:
    source = RECURSION + """\
try {
  down(10000);
} catch (e) {
  console.log(e instanceof RangeError, e.name, e.message);
}
console.log("continues", down(10));
checkpoint("after");
"""
    result = js(source)
    assert result["error"] is None
    assert result["output"] == ["true RangeError Maximum call stack size exceeded", "continues 10"]
    assert [f["function"] for f in result["checkpoints"][0]["stack"]] == ["<global>"]


def test_configured_depth_of_50_allows_50_frames(js: Run) -> None:
    source = """\
let deepest = 0;
function r(d) {
  deepest = d;
  if (d === 49) checkpoint("deepest");
  r(d + 1);
}
try { r(1); } catch (e) { console.log(e.message); }
console.log(deepest);
"""
    result = js(source, limits=engine.Limits(depth=50))
    assert result["output"] == ["Maximum call stack size exceeded", "49"]
    stack = result["checkpoints"][0]["stack"]
    assert len(stack) == 50
    assert stack[-1]["function"] == "<global>"


def test_engine_recursion_is_not_bounded_by_python(js: Run) -> None:
    limits = engine.Limits(depth=60_000, steps=10**8, time=600.0)
    result = js(RECURSION + "console.log(down(50000));\n", limits=limits)
    assert result["error"] is None
    assert result["output"] == ["50000"]


def test_overflow_inside_a_callback_is_a_range_error(js: Run) -> None:
    source = """\
function viaForEach(n) {
  [n].forEach(x => viaForEach(x + 1));
}
try { viaForEach(0); } catch (e) { console.log(e.name); }
"""
    result = js(source, limits=engine.Limits(depth=200))
    assert result["output"] == ["RangeError"]


# ---- huge strings -----------------------------------------------------------------------------------------------

def test_huge_repeat_throws_invalid_string_length(js: Run) -> None:
    source = """\
try {
  "x".repeat(2 ** 30);
} catch (e) {
  console.log(e.name + ": " + e.message);
}
"""
    assert js(source)["output"] == ["RangeError: Invalid string length"]


def test_uncaught_huge_repeat_names_its_line(js: Run) -> None:
    result = js('const ok = "ab".repeat(3);\nconst big = "x".repeat(2 ** 30);\n')
    assert result["error"] == {"name": "RangeError", "message": "Invalid string length", "line": 2}


def test_string_doubling_throws_invalid_string_length() -> None:
    source = """\
let s = "x";
let n = 0;
try { while (true) { s += s; n++; } } catch (e) { console.log(e.name + ": " + e.message, n); }
"""
    result = trace_isolated(source, engine.Limits(time=10.0))
    assert result["output"] == ["RangeError: Invalid string length 28"]


# ---- source size and nesting ------------------------------------------------------------------------------------

@pytest.mark.parametrize("terms", [250, 2000])
def test_long_operator_chains_run_as_in_node(terms: int, js: Run) -> None:
    source = "let s = 0;\ns = s" + " + 1" * terms + ";\nconsole.log(s);\n"
    result = js(source)
    assert result["error"] is None
    assert result["output"] == [str(terms)]


def test_deeply_nested_source_is_refused_with_a_located_error() -> None:
    source = "const x = " + "(" * 5000 + "1" + ")" * 5000 + ";\n"
    with pytest.raises(engine.ProgramError) as refused:
        engine.trace(source)
    assert refused.value.line == 1
