"""Deriving keys from hand-written traces of the contract's shape (no engine involved)."""

from typing import Any

from exercises.answer_keys import ProgramFacts, QuestionSpec, derive_key, describe_key
from exercises.labels import Labeler

TRACE: dict[str, Any] = {
    "output": ["one", "two"],
    "error": {"name": "RangeError", "message": "Maximum call stack size exceeded", "line": 9},
    "checkpoints": [
        {
            "name": "A", "line": 3,
            "stack": [{"function": "inner", "line": 3}, {"function": "<global>", "line": 7}],
            "locals": [{"n": 1, "o": {"site": "2:9#1"}}, {"keep": {"site": "5:12#2"}}],
            "reachable": ["2:9#1", "5:12#2"], "garbage": ["5:12#1"], "refcount_leaked": ["5:12#1"], "freed": [],
        },
        {
            "name": "A", "line": 3,
            "stack": [{"function": "inner", "line": 3}, {"function": "<global>", "line": 8}],
            "locals": [{"n": 2, "o": {"undefined": True}}, {}],
            "reachable": ["2:9#1"], "garbage": [], "refcount_leaked": [], "freed": [["5:12#1", "5:12#2"]],
        },
    ],
}
FACTS = ProgramFacts(trace=TRACE, labeler=Labeler.build(["2:9", "5:12"], TRACE), functions=["inner"])


def key(kind: str, checkpoint: str = "A", **config: Any) -> Any:
    return derive_key(QuestionSpec(kind=kind, checkpoint=checkpoint, config=config), FACTS)


def test_stack_key_is_the_frames_innermost_first_and_options_list_the_functions() -> None:
    result = key("stack")
    assert result.key == {"frames": ["inner", "<global>"]}
    assert result.options == {"functions": ["inner", "<global>"]}


def test_locals_key_uses_labels_for_objects() -> None:
    result = key("locals", frame=0, variables=["n", "o"])
    assert result.key == {"values": {"n": 1, "o": {"object": "A"}}}
    assert result.options["function"] == "inner"
    assert result.options["objects"] == ["A", "B#1", "B#2"]


def test_occurrence_selects_a_later_run_of_the_checkpoint() -> None:
    assert key("locals", frame=0, variables=["n", "o"], occurrence=2).key == {
        "values": {"n": 2, "o": {"undefined": True}}
    }


def test_object_set_keys_come_from_the_engines_fields() -> None:
    assert key("reachable").key == {"objects": ["A", "B#2"]}
    assert key("gc_freed").key == {"objects": ["B#1"]}
    assert key("refcount_leak").key == {"objects": ["B#1"]}
    assert key("reachable", occurrence=2).options == {"objects": ["A", "B#1", "B#2"]}


def test_output_and_overflow_keys_come_from_the_whole_run() -> None:
    assert key("output", checkpoint="").key == {"lines": ["one", "two"]}
    assert key("overflow", checkpoint="").key == {"overflows": True, "line": 9}


def test_a_program_that_ends_normally_does_not_overflow() -> None:
    facts = ProgramFacts(trace={"output": [], "error": None, "checkpoints": []}, labeler=FACTS.labeler, functions=[])
    result = derive_key(QuestionSpec(kind="overflow", checkpoint="", config={}), facts)
    assert result.key == {"overflows": False, "line": None}


def test_multiple_choice_key_is_authored_by_the_teacher() -> None:
    result = key("multiple_choice", checkpoint="", choices=["x", "y"], correct=1)
    assert result.key == {"choice": 1}
    assert result.options == {"choices": ["x", "y"]}


def test_problems_are_exact_sentences() -> None:
    assert key("stack", checkpoint="Z").problem == (
        'The program never reaches checkpoint("Z"): it stopped first with RangeError: Maximum call stack size exceeded'
        ' (line 9).'
    )
    assert key("stack", checkpoint="").problem == "This kind of question needs a checkpoint name."
    assert key("stack", occurrence=3).problem == (
        'checkpoint("A") runs 2 time(s), but the question asks about occurrence 3.'
    )
    assert key("locals", frame=5, variables=["n"]).problem == (
        'At checkpoint("A") the stack has 2 frame(s); frame 5 does not exist.'
    )
    assert key("locals", frame=0, variables=["zz"]).problem == (
        'Frame 0 (inner) at checkpoint("A") has no local named zz.'
    )
    assert key("locals", frame=0).problem == 'config "variables" must be a non-empty list of variable names.'
    assert key("multiple_choice", choices=["only"], correct=0).problem == (
        'config "choices" must be a list of at least two non-empty texts.'
    )
    assert key("multiple_choice", choices=["a", "b"], correct=2).problem == (
        'config "correct" must be the index of the right choice, from 0 to 1.'
    )
    assert key("heapdump").problem == 'Unknown question kind "heapdump".'


def test_keys_read_well_in_the_admin() -> None:
    assert describe_key("stack", {"frames": ["f", "<global>"]}) == "frames, innermost first: f → <global>"
    assert describe_key("locals", {"values": {"n": 1, "o": {"object": "A"}, "s": "x"}}, {"frame": 0, "function": "f"}) == (
        'in frame 0 (f): n = 1, o = object A, s = "x"'
    )
    assert describe_key("reachable", {"objects": []}) == "objects: none"
    assert describe_key("overflow", {"overflows": True, "line": 9}) == "overflows at line 9"
    assert describe_key("multiple_choice", {"choice": 1}, {"choices": ["a", "b"]}) == "choice 1: b"
