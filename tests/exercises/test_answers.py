import pytest

from exercises.answers import AnswerInvalid, validate_answer

OBJECTS = {"objects": ["A", "B#1", "B#2"]}


def invalid(kind: str, answer: object, options: dict | None = None) -> str:
    with pytest.raises(AnswerInvalid) as info:
        validate_answer(kind, answer, options or {})
    return str(info.value)


def test_an_answer_must_be_an_object_with_the_kinds_fields() -> None:
    assert invalid("stack", ["f"]) == "The answer must be a JSON object with frames."
    assert invalid("stack", {}) == 'The answer is missing "frames".'
    assert invalid("stack", {"frames": [], "extra": 1}) == 'The answer has an unexpected field "extra".'


def test_stack_frames_must_be_functions_of_the_program() -> None:
    options = {"functions": ["f", "<global>"]}
    assert validate_answer("stack", {"frames": ["f", "<global>"]}, options) == {"frames": ["f", "<global>"]}
    assert invalid("stack", {"frames": ["g"]}, options) == '"g" is not a function of this program; choose from f, <global>.'
    assert invalid("stack", {"frames": "f"}, options) == '"frames" must be a list of texts.'


def test_locals_need_a_value_for_exactly_the_asked_variables() -> None:
    options = {"variables": ["x", "o"], "objects": ["A"]}
    answer = {"values": {"x": 1, "o": {"object": "A"}}}
    assert validate_answer("locals", answer, options) == answer
    assert invalid("locals", {"values": {"x": 1}}, options) == "Give a value for o."
    assert invalid("locals", {"values": {"x": 1, "o": None, "y": 2}}, options) == (
        "y is not asked; the question asks about x, o."
    )


def test_locals_values_follow_the_engine_value_shapes() -> None:
    options = {"variables": ["v"], "objects": ["A"]}
    for value in (1, 2.5, "s", True, None, {"undefined": True}, {"number": "NaN"}, {"uninitialized": True},
                  {"object": None}):
        assert validate_answer("locals", {"values": {"v": value}}, options) == {"values": {"v": value}}
    assert "The value of v must be a number" in invalid("locals", {"values": {"v": [1]}}, options)
    assert "The value of v must be a number" in invalid("locals", {"values": {"v": {"bigint": "1.5"}}}, options)
    assert "The value of v must be a number" in invalid("locals", {"values": {"v": {"site": "1:1#1"}}}, options)
    assert invalid("locals", {"values": {"v": {"object": "Q"}}}, options) == (
        "There is no object Q at this point; the objects are: A."
    )


def test_a_bigint_local_is_written_as_its_decimal_digits_in_the_engine_s_form() -> None:
    options = {"variables": ["big"], "objects": []}
    assert validate_answer("locals", {"values": {"big": {"bigint": "-007"}}}, options) == {"values": {"big": {"bigint": "-7"}}}
    assert validate_answer("locals", {"values": {"big": {"bigint": "10"}}}, options) == {"values": {"big": {"bigint": "10"}}}


@pytest.mark.parametrize("kind", ["reachable", "gc_freed", "refcount_leak"])
def test_object_answers_are_known_labels_picked_once(kind: str) -> None:
    assert validate_answer(kind, {"objects": ["B#2", "A"]}, OBJECTS) == {"objects": ["B#2", "A"]}
    assert invalid(kind, {"objects": ["b"]}, OBJECTS) == '"b" is not an object label: labels look like A, B, AA or B#2.'
    assert invalid(kind, {"objects": ["C"]}, OBJECTS) == "There is no object C at this point; the objects are: A, B#1, B#2."
    assert invalid(kind, {"objects": ["A", "A"]}, OBJECTS) == "Each object may be picked only once."


def test_output_is_a_list_of_lines() -> None:
    assert validate_answer("output", {"lines": ["a", ""]}, {}) == {"lines": ["a", ""]}
    assert invalid("output", {"lines": [1]}) == '"lines" must be a list of texts.'


def test_overflow_needs_a_line_exactly_when_it_overflows() -> None:
    assert validate_answer("overflow", {"overflows": True, "line": 4}, {}) == {"overflows": True, "line": 4}
    assert validate_answer("overflow", {"overflows": False}, {}) == {"overflows": False, "line": None}
    assert invalid("overflow", {"overflows": "yes"}) == '"overflows" must be true or false.'
    assert invalid("overflow", {"overflows": True}) == (
        'Say at which line the stack overflows: "line" must be a line number from 1.'
    )
    assert invalid("overflow", {"overflows": False, "line": 3}) == '"line" must be null when the program does not overflow.'


def test_multiple_choice_is_an_index_into_the_choices() -> None:
    options = {"choices": ["a", "b", "c"]}
    assert validate_answer("multiple_choice", {"choice": 2}, options) == {"choice": 2}
    assert invalid("multiple_choice", {"choice": 3}, options) == '"choice" must be the index of a choice, from 0 to 2.'
    assert invalid("multiple_choice", {"choice": True}, options) == '"choice" must be the index of a choice, from 0 to 2.'


def test_an_unknown_kind_is_rejected() -> None:
    assert invalid("heapdump", {}) == 'Unknown question kind "heapdump".'
