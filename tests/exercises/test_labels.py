from exercises.labels import Labeler, is_label, site_letter, sort_labels

TRACE = {"checkpoints": [{"reachable": ["1:1#1", "2:5#1", "2:5#2"], "garbage": [], "locals": [{"x": {"site": "2:5#2"}}]}]}


def test_site_letters_run_a_to_z_then_aa() -> None:
    assert [site_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"
    ]


def test_a_site_that_allocated_once_is_labelled_by_its_letter_alone() -> None:
    labeler = Labeler.build(["1:1", "2:5"], TRACE)
    assert labeler.label("1:1#1") == "A"


def test_a_site_that_allocated_several_objects_gets_a_count() -> None:
    labeler = Labeler.build(["1:1", "2:5"], TRACE)
    assert labeler.label("2:5#1") == "B#1"
    assert labeler.label("2:5#2") == "B#2"


def test_objects_without_a_site_have_no_label_and_unknown_ids_pass_through() -> None:
    labeler = Labeler.build(["1:1"], TRACE)
    assert labeler.label(None) is None
    assert labeler.label("@17") == "@17"


def test_values_and_checkpoints_are_converted_to_labels() -> None:
    labeler = Labeler.build(["1:1", "2:5"], TRACE)
    assert labeler.value({"o": {"site": "2:5#2"}, "n": 1, "u": {"undefined": True}, "z": {"site": None}}) == {
        "o": {"object": "B#2"}, "n": 1, "u": {"undefined": True}, "z": {"object": None}
    }
    cp = labeler.checkpoint({"reachable": ["2:5#2", "1:1#1"], "garbage": ["2:5#1"], "freed": [["2:5#1"]],
                             "heap": {"1:1#1": {"props": {"next": {"site": "2:5#2"}}}}})
    assert cp["reachable"] == ["A", "B#2"]
    assert cp["garbage"] == ["B#1"]
    assert cp["freed"] == [["B#1"]]
    assert cp["heap"] == {"A": {"props": {"next": {"object": "B#2"}}}}


def test_labels_sort_by_letters_then_count() -> None:
    assert sort_labels(["AA", "B#10", "B#2", "A", "Z"]) == ["A", "B#2", "B#10", "Z", "AA"]


def test_label_syntax() -> None:
    assert is_label("A") and is_label("AB#3")
    assert not is_label("a") and not is_label("B#0") and not is_label("1:2#1")


def test_site_labels_list_every_site_with_its_position_and_count() -> None:
    labeler = Labeler.build(["1:1", "2:5", "9:3"], TRACE)
    assert labeler.site_labels() == [
        {"label": "A", "line": 1, "column": 1, "count": 1},
        {"label": "B", "line": 2, "column": 5, "count": 2},
        {"label": "C", "line": 9, "column": 3, "count": 0},
    ]
