from exercises.labels import Labeler
from exercises.page_context import MANY_OBJECTS, checkpoint_lines, object_rows, player_payload
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


def test_the_player_gets_the_trace_as_stored_with_a_label_for_every_labelled_object() -> None:
    labeler = Labeler.build([site["key"] for site in SITES], TRACE)
    payload = player_payload("the program", TRACE, labeler)
    assert payload["source"] == "the program"
    assert payload["trace"]["checkpoints"] == TRACE["checkpoints"]  # raw heap keys, as the engine wrote them
    assert payload["labels"] == {"1:1#1": "A", "2:16#1": "B#1", "2:16#2": "B#2", "8:9#1": "C", "9:9#1": "D",
                                 "13:14#1": "E"}


def test_the_player_labels_objects_seen_only_in_the_step_timeline() -> None:
    steps = [{"line": 2, "heap": {"2:16#1": {"type": "object", "props": {"next": {"site": "9:9#1"}}}}},
             {"line": 7, "freed": ["2:16#1"], "heap": {"@4": {"type": "array", "items": []}}}]
    trace = {**TRACE, "steps": steps, "steps_version": 2}
    payload = player_payload("p", trace, Labeler.build([site["key"] for site in SITES], TRACE))
    assert payload["trace"]["steps"] == steps
    assert payload["labels"]["9:9#1"] == "D"
    assert "@4" not in payload["labels"]  # an object without a site has no label


def test_the_player_drops_a_timeline_older_than_version_2() -> None:
    old = {**TRACE, "steps": [{"line": 1, "stack": ["<global>"]}], "steps_truncated": False}
    payload = player_payload("p", old, Labeler.build([site["key"] for site in SITES], TRACE))
    assert "steps" not in payload["trace"] and "steps_truncated" not in payload["trace"]
    assert payload["trace"]["checkpoints"] == TRACE["checkpoints"]
