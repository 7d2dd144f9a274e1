"""The answer beside the true state (exercises/feedback.py): pure, on the hand-written sample trace.

At "after-unlink" A (the function), B#1, B#2 and E are reachable; C and D are garbage, on a cycle (refcount leaked).
"in-make" runs twice: the second time the stack is makeNode over <global>, value = 2, node = B#2."""

from __future__ import annotations

from typing import Any

from exercises.feedback import compare, heap_keys_by_label
from exercises.labels import Labeler
from tests.pages.sample import SITES, TRACE

LABELER = Labeler.build([site["key"] for site in SITES], TRACE)


def run(kind: str, answer: dict[str, Any], key: dict[str, Any], checkpoint: str = "after-unlink",
        config: dict[str, Any] | None = None) -> Any:
    return compare(kind=kind, answer=answer, key=key, trace=TRACE, checkpoint_name=checkpoint, config=config or {},
                   labeler=LABELER)


REACHABLE_KEY = {"objects": ["A", "B#1", "B#2", "E"]}


def test_a_right_reachable_answer_has_no_findings_and_no_marks() -> None:
    result = run("reachable", {"objects": ["E", "A", "B#2", "B#1"]}, REACHABLE_KEY)
    assert result.right
    assert result.to_json()["marks"] == {"objects": {}, "frames": {}, "variables": {}}
    assert result.checkpoint == 2 and result.line == 16


def test_garbage_called_reachable_is_extra_and_a_reachable_object_left_out_is_missing() -> None:
    result = run("reachable", {"objects": ["A", "B#1", "C", "E"]}, REACHABLE_KEY)
    assert result.marks["objects"] == {
        "8:9#1": {"kind": "extra", "note": "You picked C, but it is not reachable: it is garbage (unreachable)."},
        "2:16#2": {"kind": "missing", "note": "You left out B#2, but it is reachable."},
    }
    assert [item["kind"] for item in result.items] == ["extra", "missing"]
    assert "You picked C" in result.items[0]["text"]


def test_gc_freed_marks_a_reachable_object_said_to_be_freed() -> None:
    result = run("gc_freed", {"objects": ["C", "E"]}, {"objects": ["C", "D"]})
    assert result.marks["objects"]["13:14#1"] == {
        "kind": "extra", "note": "You picked E, but it is not freed by a gc() here: it is still reachable."}
    assert result.marks["objects"]["9:9#1"]["kind"] == "missing"
    assert "8:9#1" not in result.marks["objects"]


def test_refcount_leak_misses_are_marked_missing() -> None:
    result = run("refcount_leak", {"objects": []}, {"objects": ["C", "D"]})
    assert set(result.marks["objects"]) == {"8:9#1", "9:9#1"}
    assert all(mark["kind"] == "missing" for mark in result.marks["objects"].values())
    assert "leaked by reference counting" in result.items[0]["text"]


def test_an_object_freed_by_an_earlier_gc_is_named_in_the_note() -> None:
    trace = {**TRACE, "checkpoints": [*TRACE["checkpoints"][:2],
                                      {**TRACE["checkpoints"][2], "garbage": [], "freed": [["8:9#1", "9:9#1"]]}]}
    result = compare(kind="reachable", answer={"objects": ["A", "B#1", "B#2", "E", "D"]}, key=REACHABLE_KEY,
                     trace=trace, checkpoint_name="after-unlink", config={}, labeler=LABELER)
    assert result.marks["objects"]["9:9#1"]["note"].endswith("it is already freed by an earlier gc().")


def test_the_occurrence_picks_which_run_of_the_checkpoint_is_compared() -> None:
    result = run("stack", {"frames": ["makeNode", "<global>"]}, {"frames": ["makeNode", "<global>"]},
                 checkpoint="in-make", config={"occurrence": 2})
    assert result.checkpoint == 1 and result.right


def test_a_frame_left_out_is_missing_at_its_depth_from_the_outermost() -> None:
    result = run("stack", {"frames": ["<global>"]}, {"frames": ["makeNode", "<global>"]}, checkpoint="in-make")
    assert result.marks["frames"] == {"1": {"kind": "missing", "note": "You left out the frame makeNode; it is on the stack."}}


def test_a_wrong_frame_name_in_place_of_the_true_one_is_wrong() -> None:
    result = run("stack", {"frames": ["main", "<global>"]}, {"frames": ["makeNode", "<global>"]}, checkpoint="in-make")
    assert result.marks["frames"] == {"1": {"kind": "wrong", "note": "You said main here; this frame is makeNode."}}
    assert len(result.items) == 1


def test_an_extra_frame_beyond_the_true_stack_is_marked_extra() -> None:
    answer = {"frames": ["makeNode", "makeNode", "<global>"]}
    result = run("stack", answer, {"frames": ["makeNode", "<global>"]}, checkpoint="in-make")
    assert result.marks["frames"] == {
        "2": {"kind": "extra", "note": "You listed a frame makeNode that is not on the stack there."}}


def test_wrong_values_of_locals_are_marked_on_the_variable_of_the_asked_frame() -> None:
    key = {"values": {"value": 2, "node": {"object": "B#2"}}}
    answer = {"values": {"value": 2.0, "node": {"object": "B#1"}}}
    result = run("locals", answer, key, checkpoint="in-make", config={"frame": 0, "occurrence": 2})
    assert result.marks["variables"] == {
        "1.node": {"kind": "wrong", "note": "You said node = object B#1; it is object B#2."}}


def test_questions_about_the_whole_run_get_no_comparison() -> None:
    assert run("output", {"lines": []}, {"lines": ["2"]}) is None
    assert run("multiple_choice", {"choice": 1}, {"choice": 0}) is None


def test_a_checkpoint_the_trace_does_not_have_gets_no_comparison() -> None:
    assert run("reachable", {"objects": []}, REACHABLE_KEY, checkpoint="nowhere") is None


def test_labels_map_back_to_the_heap_keys_of_the_checkpoint() -> None:
    mapping = heap_keys_by_label(TRACE["checkpoints"][2], LABELER)
    assert mapping == {"A": "1:1#1", "B#1": "2:16#1", "B#2": "2:16#2", "C": "8:9#1", "D": "9:9#1", "E": "13:14#1"}
