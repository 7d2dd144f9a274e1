import pytest

from exercises.grading import grade, lcs_pairs


def test_stack_all_right_is_full_credit() -> None:
    result = grade("stack", {"frames": ["f", "g", "<global>"]}, {"frames": ["f", "g", "<global>"]})
    assert result.fraction == 1.0
    assert all(part["correct"] for part in result.parts)


def test_stack_a_missed_frame_costs_one_frame_not_everything_after_it() -> None:
    result = grade("stack", {"frames": ["f", "g", "<global>"]}, {"frames": ["f", "<global>"]})
    assert result.fraction == pytest.approx(2 / 3)
    assert [p["correct"] for p in result.parts] == [True, False, True]


def test_stack_an_extra_frame_is_divided_by_the_longer_list() -> None:
    result = grade("stack", {"frames": ["f", "<global>"]}, {"frames": ["f", "h", "<global>"]})
    assert result.fraction == pytest.approx(2 / 3)
    assert result.parts[-1] == {"part": "frames that are not on the stack there", "correct": False,
                                "expected": [], "given": ["h"]}


def test_stack_order_matters() -> None:
    assert grade("stack", {"frames": ["f", "g"]}, {"frames": ["g", "f"]}).fraction == pytest.approx(1 / 2)


def test_lcs_pairs_finds_an_ordered_alignment() -> None:
    assert lcs_pairs(["a", "b", "c", "d"], ["a", "c", "d"]) == [(0, 0), (2, 1), (3, 2)]


def test_locals_credit_per_variable() -> None:
    key = {"values": {"n": 3, "o": {"object": "B"}, "u": {"undefined": True}}}
    result = grade("locals", key, {"values": {"n": 3.0, "o": {"object": "A"}, "u": {"undefined": True}}})
    assert result.fraction == pytest.approx(2 / 3)
    assert {p["part"]: p["correct"] for p in result.parts} == {"n": True, "o": False, "u": True}


def test_locals_booleans_are_not_numbers() -> None:
    assert grade("locals", {"values": {"b": True}}, {"values": {"b": 1}}).fraction == 0.0


@pytest.mark.parametrize("kind", ["reachable", "gc_freed", "refcount_leak"])
def test_object_sets_take_off_a_wrong_pick_for_each_one(kind: str) -> None:
    key = {"objects": ["A", "B", "C#1", "C#2"]}
    assert grade(kind, key, {"objects": ["A", "B", "C#1", "C#2"]}).fraction == 1.0
    assert grade(kind, key, {"objects": ["A", "B"]}).fraction == pytest.approx(0.5)
    assert grade(kind, key, {"objects": ["A", "B", "D"]}).fraction == pytest.approx(0.25)


def test_object_sets_never_go_below_zero() -> None:
    assert grade("reachable", {"objects": ["A"]}, {"objects": ["B", "C", "D"]}).fraction == 0.0


def test_object_sets_with_an_empty_key_reward_picking_nothing() -> None:
    assert grade("refcount_leak", {"objects": []}, {"objects": []}).fraction == 1.0
    assert grade("refcount_leak", {"objects": []}, {"objects": ["A"]}).fraction == 0.0


def test_object_set_feedback_names_missed_and_wrong_objects() -> None:
    parts = grade("gc_freed", {"objects": ["A", "B"]}, {"objects": ["A", "C"]}).parts
    assert parts == [
        {"part": "A", "correct": True, "expected": True, "given": True},
        {"part": "B", "correct": False, "expected": True, "given": False},
        {"part": "C", "correct": False, "expected": False, "given": True},
    ]


def test_output_is_graded_line_by_line_ignoring_trailing_spaces() -> None:
    result = grade("output", {"lines": ["a", "b", "c"]}, {"lines": ["a  ", "x", "c"]})
    assert result.fraction == pytest.approx(2 / 3)


def test_output_missing_and_extra_lines_count_against_the_longer_list() -> None:
    assert grade("output", {"lines": ["a"]}, {"lines": ["a", "b"]}).fraction == pytest.approx(0.5)
    assert grade("output", {"lines": []}, {"lines": []}).fraction == 1.0


def test_overflow_has_two_halves() -> None:
    key = {"overflows": True, "line": 9}
    assert grade("overflow", key, {"overflows": True, "line": 9}).fraction == 1.0
    assert grade("overflow", key, {"overflows": True, "line": 3}).fraction == 0.5
    assert grade("overflow", key, {"overflows": False, "line": None}).fraction == 0.0


def test_overflow_when_the_program_does_not_overflow() -> None:
    key = {"overflows": False, "line": None}
    assert grade("overflow", key, {"overflows": False, "line": None}).fraction == 1.0
    assert grade("overflow", key, {"overflows": True, "line": 4}).fraction == 0.0


def test_multiple_choice_is_all_or_nothing() -> None:
    assert grade("multiple_choice", {"choice": 1}, {"choice": 1}).fraction == 1.0
    assert grade("multiple_choice", {"choice": 1}, {"choice": 0}).fraction == 0.0


def test_scores_are_fractions_of_points_rounded_to_hundredths() -> None:
    assert grade("stack", {"frames": ["f", "g", "<global>"]}, {"frames": ["f"]}).score(2) == 0.67


def test_an_unknown_kind_is_an_error() -> None:
    with pytest.raises(ValueError, match="Unknown question kind"):
        grade("heapdump", {}, {})
