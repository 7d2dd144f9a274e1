"""The step timeline, version 2 (docs/timeline.md): replaying it in Python (engine/timeline.py) rebuilds, at
every step, exactly the state the engine itself reports at that step (engine.api.step_snapshots): frames with
their locals, scope and roots, the heap, the output, and the garbage marked from the replayed state; checkpoint
events replay to the checkpoint's own stack, locals, heap, garbage and reference-counting leaks."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from engine import Limits, step_snapshots, trace
from engine.timeline import (
    Replay,
    State,
    TimelineError,
    apply,
    garbage,
    reachable,
    refcount_leaked,
    refcounts,
)

recorder = sys.modules["engine.trace"]

HERE = Path(__file__).resolve().parent
CORPUS = sorted((HERE.parent / "conformance" / "programs").glob("*.js"))
OWN = sorted((HERE / "timeline_programs").glob("*.js"))
PROGRAMS = CORPUS + OWN
# Snapshots cost the whole stack at every step: overflowing at the default depth (10,000) would take 10,000 steps of
# up to 10,000 frames each, so the overflow programs overflow sooner here (same behaviour, smaller numbers).
LIMITS = {"step_limit": Limits(steps=600), "03_overflow_caught": Limits(depth=150),
          "04_overflow_uncaught": Limits(depth=150)}


def _run(path: Path) -> Any:
    return trace(path.read_text(), limits=LIMITS.get(path.stem), snapshots=True)


def _diff(replayed: State, snap: dict[str, Any]) -> list[str]:
    problems = []
    if replayed.line != snap["line"] or replayed.event != snap["event"]:
        problems.append(f"line/event {replayed.line}/{replayed.event} != {snap['line']}/{snap['event']}")
    if replayed.stack != snap["stack"]:
        problems.append(f"stack {replayed.stack} != {snap['stack']}")
    if replayed.output != snap["output"]:
        problems.append("output differs")
    if replayed.loop != snap["loop"]:
        problems.append(f"event loop {replayed.loop} != {snap['loop']}")
    if replayed.heap_known:
        if replayed.heap != snap["heap"]:
            keys = sorted(k for k in set(replayed.heap) | set(snap["heap"]) if replayed.heap.get(k) != snap["heap"].get(k))
            problems.append(f"heap differs at {keys[:5]}")
        elif garbage(replayed) != snap["garbage"]:
            problems.append(f"garbage {garbage(replayed)} != {snap['garbage']}")
    return problems


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_replay_equals_the_engines_own_snapshot_at_every_step(path: Path) -> None:
    result = _run(path)
    assert result.steps and len(result.steps) == len(result.snapshots)
    for i, (replayed, snap) in enumerate(zip(Replay(result.steps).states(), result.snapshots, strict=True)):
        problems = _diff(replayed, snap)
        assert not problems, f"step {i} ({result.steps[i]}): {problems}"


def _contract_value(v: Any) -> Any:
    """Timeline locals name objects without a site by their key ({"ref": "@17"}); the contract says {"site": null}."""
    return {"site": None} if isinstance(v, dict) and "ref" in v else v


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_checkpoint_events_replay_to_the_checkpoint(path: Path) -> None:
    result = _run(path)
    events = [i for i, e in enumerate(result.steps) if e.get("event") == "checkpoint"]
    assert [result.steps[i]["checkpoint"] for i in events] == list(range(len(result.checkpoints)))
    replay = Replay(result.steps)
    for i in events:
        cp = result.checkpoints[result.steps[i]["checkpoint"]]
        state = replay.state(i)
        frames = list(reversed(state.stack))
        if state.script_done:  # code after the script: its finished frame is the checkpoint's `globals`
            g = frames.pop()
            assert cp["globals"] == {"locals": {n: _contract_value(v) for n, v in g["locals"].items()},
                                     "scope": g["scope"], "roots": g["roots"]}
        assert state.loop == cp["loop"]
        assert [{"function": f["function"], "line": f["line"]} for f in frames] == cp["stack"]
        assert [{n: _contract_value(v) for n, v in f["locals"].items()} for f in frames] == cp["locals"]
        assert [{"scope": f["scope"], "roots": f["roots"]} for f in frames] == cp["frames"]
        assert state.line == cp["line"]
        if not state.heap_known:
            continue
        assert state.heap == cp["heap"]
        sites = [k for k in garbage(state) if not k.startswith("@")]
        assert sites == cp["garbage"]
        assert sorted(k for k in reachable(state) if not k.startswith("@")) == cp["reachable"]
        assert [k for k in refcount_leaked(state) if not k.startswith("@")] == cp["refcount_leaked"]


def test_state_at_any_step_from_keyframes_equals_the_sequential_replay() -> None:
    result = trace((OWN[0].parent / "builtins_globals_classes.js").read_text(), steps=True)
    replay = Replay(result.steps, every=7)
    sequential = [s.copy() for s in Replay(result.steps).states()]
    for k in (0, 6, 7, 8, 50, len(result.steps) - 1):
        assert replay.state(k) == sequential[k]
    with pytest.raises(IndexError):
        replay.state(len(result.steps))


def test_a_run_stopped_by_a_limit_keeps_its_timeline_ending_in_an_error_event() -> None:
    result = trace((HERE / "timeline_programs" / "step_limit.js").read_text(), steps=True, limits=Limits(steps=600))
    assert result.error is not None and result.error["name"] == "LimitExceeded"
    last = result.steps[-1]
    assert last["event"] == "error" and last["error"] == result.error and last["line"] == 4
    assert len(result.steps) > 100
    assert not any(e.get("event") == "error" for e in result.steps[:-1])


def test_an_uncaught_error_ends_the_timeline_with_the_error_and_the_output_before_it() -> None:
    source = 'console.log("a");\nlet o = null;\no.x = 1;\n'
    result = trace(source, steps=True)
    last = result.steps[-1]
    assert last == {"line": 3, "event": "error", "error": result.error}
    state = Replay(result.steps).state(len(result.steps) - 1)
    assert state.output == ["a"] and state.stack[0]["line"] == 3


def test_a_program_that_ends_normally_ends_with_an_end_event_showing_its_last_statement_done() -> None:
    result = trace("let a = 1;\na = 2;\n", steps=True)
    assert result.error is None
    assert all("event" not in e for e in result.steps[:-1])
    assert result.steps[-1] == {"line": 2, "event": "end", "locals": {"0": {"a": 2}}}


def test_entries_carry_only_what_changed() -> None:
    result = trace("let a = {x: 1};\nlet n = 0;\nn = 1;\nn = 2;\n", steps=True)
    first, third, fourth = result.steps[0], result.steps[2], result.steps[3]
    assert first["push"][0]["function"] == "<global>"
    assert third == {"line": 3, "locals": {"0": {"n": 0}}}
    assert fourth == {"line": 4, "locals": {"0": {"n": 1}}}
    assert result.to_json()["steps_version"] == 2


def test_growing_a_large_array_is_a_patch_not_a_new_description() -> None:
    source = "const xs = [];\nfor (let i = 0; i < 40; i++) {\n  xs.push(i);\n}\n"
    result = trace(source, steps=True)
    patches = [e["patch"] for e in result.steps if "patch" in e]
    assert patches, "no patch entries"
    key = next(iter(patches[-1]))
    assert patches[-1][key] == {"length": 40, "items": {"39": 39}}
    state = Replay(result.steps).state(len(result.steps) - 1)
    assert state.heap[key]["items"] == list(range(40))


def test_setting_one_property_of_a_large_object_is_a_patch() -> None:
    source = "const d = {};\nfor (let i = 0; i < 20; i++) d['k' + i] = i;\nd.k3 = 'three';\ndelete d.k4;\nd.end = 1;\n"
    result = trace(source, steps=True)
    patches = [p for e in result.steps for p in e.get("patch", {}).values()]
    assert {"props": {"k3": "three"}} in patches
    assert {"unprops": ["k4"]} in patches


def test_a_gc_event_lists_the_objects_it_freed() -> None:
    source = "let a = {};\nlet b = [a];\na = null; b = null;\ngc();\n"
    result = trace(source, steps=True)
    gc_entry = next(e for e in result.steps if e.get("event") == "gc")
    assert sorted(gc_entry["freed"]) == ["1:9#1", "2:9#1"]
    assert Replay(result.steps).state(result.steps.index(gc_entry)).heap == {}


def test_frames_show_their_scope_and_roots() -> None:
    source = "function outer() {\n  let n = {};\n  const get = () => n;\n  return get;\n}\nconst g = outer();\ng();\n"
    result = trace(source, snapshots=True)
    inner = next(s for s in result.snapshots if len(s["stack"]) == 2 and s["stack"][1]["function"] == "get")
    frame = inner["stack"][1]
    assert frame["scope"] is not None and inner["heap"][frame["scope"]]["type"] == "scope"
    assert "3:15#1" in frame["roots"]  # the function object it runs


def test_the_heap_is_omitted_over_the_budget_and_sent_whole_when_back_under_it() -> None:
    result = trace((HERE / "timeline_programs" / "heap_over_budget.js").read_text(), steps=True)
    omitted = [i for i, e in enumerate(result.steps) if e.get("heap_omitted")]
    reset = [i for i, e in enumerate(result.steps) if e.get("heap_reset")]
    assert omitted and reset and reset[0] > omitted[-1]
    replay = Replay(result.steps)
    assert not replay.state(omitted[0]).heap_known
    back = replay.state(len(result.steps) - 1)
    assert back.heap_known and back.heap == result.checkpoints[-1]["heap"]


def test_the_timeline_stops_at_its_entry_cap_and_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recorder, "MAX_TIMELINE", 50)
    result = trace("let i = 0;\nwhile (i < 1000) {\n  i++;\n}\nconsole.log(i);\n", steps=True)
    data = result.to_json()
    assert len(data["steps"]) == 50
    assert data["steps_truncated"] is True
    assert data["steps_truncated_reason"] == "The timeline stops after 50 steps."
    assert data["output"] == ["1000"]  # the program itself ran to its end


def test_deep_recursion_is_recorded_in_full() -> None:
    source = "function down(n) {\n  if (n === 0) return 0;\n  return down(n - 1);\n}\ndown(400);\n"
    result = trace(source, steps=True)
    assert not result.steps_truncated
    depth = max(len(s.stack) for s in Replay(result.steps).states())
    assert depth == 402


def test_a_hundred_thousand_step_program_is_traced_in_full() -> None:
    """Default limits except the wall-clock budgets, which a loaded test machine must not decide (speed is measured
    in bench/timeline_bench.py, which runs this program with the default limits)."""
    source = (
        "let total = 0;\nconst stats = {count: 0};\n"
        "for (let i = 0; i < 45000; i++) {\n  total += i;\n  stats.count++;\n}\n"
        "function fact(n) {\n  if (n <= 1) return 1;\n  return n * fact(n - 1);\n}\n"
        "let sum = 0;\nfor (let k = 0; k < 500; k++) {\n  sum += fact(20);\n}\n"
        "console.log(total, stats.count);\n"
    )
    result = trace(source, steps=True, limits=Limits(time=600.0, timeline_time=600.0))
    assert result.error is None and result.output == ["1012477500 45000"]
    assert len(result.steps) >= 100_000 and not result.steps_truncated
    last = Replay(result.steps).state(len(result.steps) - 1)
    assert last.stack[0]["locals"]["total"] == 1012477500


def test_step_snapshots_gives_one_full_state_per_timeline_entry() -> None:
    source = "let a = {x: 1};\ncheckpoint('one');\nconsole.log('hi');\n"
    snaps = step_snapshots(source)
    assert len(snaps) == len(trace(source, steps=True).steps)
    cp = next(s for s in snaps if s["event"] == "checkpoint")
    assert cp["stack"][0]["locals"]["a"] == {"site": "1:9#1"}
    assert cp["heap"]["1:9#1"]["props"] == {"x": 1}
    assert snaps[-1]["output"] == ["hi"] and cp["garbage"] == []


def test_reference_counts_count_frames_and_heap_edges() -> None:
    state = State(
        stack=[{"function": "<global>", "line": 1, "locals": {"a": {"site": "A"}, "b": {"site": "A"}}, "scope": None,
                "roots": ["C"]}],
        heap={"A": {"type": "object", "props": {"self": {"site": "A"}}},
              "B": {"type": "object", "props": {"c": {"ref": "@C"}}},
              "C": {"type": "array", "props": {}, "items": [{"site": "A"}]},
              "@C": {"type": "object", "props": {"b": {"site": "B"}}},
              "D": {"type": "object", "props": {}}},
    )
    assert refcounts(state) == {"A": 4, "B": 1, "C": 1, "@C": 1, "D": 0}
    assert garbage(state) == ["@C", "B", "D"]
    assert refcount_leaked(state) == ["@C", "B"]


def test_weakmap_values_are_reachable_only_through_their_key() -> None:
    heap = {"W": {"type": "weakmap", "props": {}, "entries": [[{"site": "K"}, {"site": "V"}]]},
            "K": {"type": "object", "props": {}}, "V": {"type": "object", "props": {}}}
    frame = {"function": "<global>", "line": 1, "scope": None, "roots": [], "locals": {"w": {"site": "W"}}}
    assert garbage(State(stack=[frame], heap=heap)) == ["K", "V"]
    frame = {**frame, "locals": {"w": {"site": "W"}, "k": {"site": "K"}}}
    assert garbage(State(stack=[frame], heap=heap)) == []


def test_replay_rejects_an_entry_for_a_frame_that_does_not_exist() -> None:
    with pytest.raises(TimelineError, match="no frame at depth 3"):
        apply(State(), {"line": 1, "locals": {"3": {"x": 1}}})
    with pytest.raises(TimelineError, match="patch of unknown object"):
        apply(State(), {"line": 1, "patch": {"A": {"length": 1}}})


def test_the_timeline_stops_when_recording_takes_too_long_and_the_program_runs_on() -> None:
    result = trace("let i = 0;\nwhile (i < 3000) {\n  i++;\n}\nconsole.log(i);\n", steps=True,
                   limits=Limits(timeline_time=0.0))
    data = result.to_json()
    assert data["steps_truncated"] is True and len(data["steps"]) == 1
    assert "recording it took more than 0 s" in data["steps_truncated_reason"]
    assert data["output"] == ["3000"] and data["error"] is None
