from exercises.labels import Labeler
from exercises.page_context import MANY_OBJECTS, checkpoint_lines, object_rows, run_timeline
from tests.pages.sample import SITES, TRACE

LABELLED_SITES = [
    {"label": "A", "line": 1, "column": 1, "kind": "function"},
    {"label": "B", "line": 2, "column": 16, "kind": "object"},
]


def test_object_rows_group_labels_by_site_in_program_order() -> None:
    rows = object_rows(["B#2", "A", "B#1"], LABELLED_SITES)
    assert [(row.letter, row.labels) for row in rows] == [("A", ["A"]), ("B", ["B#1", "B#2"])]
    assert rows[1].kind_text == "object literal"
    assert rows[1].line == 2


def test_object_rows_switch_to_a_number_list_for_sites_with_many_objects() -> None:
    labels = [f"B#{k}" for k in range(1, MANY_OBJECTS + 2)]
    [row] = object_rows(labels, LABELLED_SITES)
    assert row.many
    assert row.count == MANY_OBJECTS + 1


def test_checkpoint_lines_come_from_the_trace_when_it_has_them() -> None:
    lines = checkpoint_lines("ignored", [{"name": "a", "line": 3}, {"name": "b", "line": 3}])
    assert lines == {3: ["a", "b"]}


def test_checkpoint_lines_fall_back_to_the_checkpoint_calls_in_the_text() -> None:
    lines = checkpoint_lines('let a;\ncheckpoint("one");\nfoo(); checkpoint(\'two\');\n', [])
    assert lines == {2: ["one"], 3: ["two"]}


def test_run_timeline_steps_through_checkpoints_with_labelled_memory() -> None:
    labeler = Labeler.build([site["key"] for site in SITES], TRACE)
    timeline = run_timeline(TRACE, labeler)
    assert timeline["mode"] == "checkpoints"
    assert [frame["line"] for frame in timeline["frames"]] == [3, 3, 16]
    last = timeline["frames"][-1]["state"]
    assert last["garbage"] == ["C", "D"]
    assert last["locals"][0]["list"] == {"object": "E"}
    assert last["heap"]["E"]["items"] == [{"object": "B#1"}, {"object": "B#2"}]


def test_run_timeline_prefers_the_engine_steps_and_labels_them() -> None:
    steps = [
        {"line": 6, "stack": ["<global>"], "frames": {"0": {"head": {"uninitialized": True}}}},
        {"line": 2, "stack": ["makeNode", "<global>"], "frames": {"1": {"value": 1}},
         "heap": {"2:16#1": {"type": "object", "props": {"next": {"site": "2:16#2"}}}}},
        {"line": 7, "stack": ["<global>"], "freed": ["2:16#1", "@4"]},
    ]
    trace = {**TRACE, "steps": steps, "steps_truncated": True}
    timeline = run_timeline(trace, Labeler.build([site["key"] for site in SITES], TRACE))
    assert timeline["mode"] == "steps"
    assert timeline["truncated"] is True
    assert [step["line"] for step in timeline["steps"]] == [6, 2, 7]
    assert timeline["steps"][1]["heap"] == {"B#1": {"type": "object", "props": {"next": {"object": "B#2"}}}}
    assert timeline["steps"][2]["freed"] == ["B#1", "@4"]
