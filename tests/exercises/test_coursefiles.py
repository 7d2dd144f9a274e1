"""Reading, validating and writing a course folder (exercises/coursefiles.py; no database)."""

from __future__ import annotations

from pathlib import Path

import pytest
from coursefolders import MINI_COURSE, read_folder, write_folder

from exercises.coursefiles import KINDS, CourseInvalid, TomlLines, course_read, course_render, course_write
from exercises.models import Question


def problems_of(root: Path) -> list[str]:
    with pytest.raises(CourseInvalid) as caught:
        course_read(root)
    return [str(p) for p in caught.value.problems]


def mini(tmp_path: Path, **changes: str | None) -> Path:
    """The mini course with some files replaced (a text) or removed (None); keys use __ for / and _ for -."""
    files = dict(MINI_COURSE)
    for key, text in changes.items():
        relative = key.replace("__", "/").replace("_", "-").replace("-toml", ".toml").replace("-js", ".js")
        assert relative in files, relative
        if text is None:
            del files[relative]
        else:
            files[relative] = text
    return write_folder(tmp_path / "mini", files)


FRAMES = "01-stack/01-frames.toml"


def frames_with(old: str, new: str) -> str:
    assert old in MINI_COURSE[FRAMES]
    return MINI_COURSE[FRAMES].replace(old, new, 1)


def test_it_reads_a_course_folder_into_data(tmp_path: Path) -> None:
    course = course_read(mini(tmp_path))
    assert (course.slug, course.title) == ("mini", "A mini course")
    assert course.description == "Two modules.\nWritten by hand, in the form export writes.\n"
    assert [(m.order, m.slug, m.title) for m in course.modules] == [(1, "stack", "The call stack"), (2, "heap", "The heap")]
    frames = course.modules[0].exercises[0]
    assert (frames.order, frames.slug, frames.published) == (1, "frames", True)
    assert frames.program.startswith("function square(n) {\n")
    assert [(q.kind, q.checkpoint, q.points) for q in frames.questions] == [("stack", "A", 2), ("locals", "A", 1),
                                                                            ("output", "", 1)]
    assert frames.questions[1].config == {"frame": 0, "variables": ["n"]}
    assert course.modules[0].lesson == "Frames are **pushed** and popped.\n"
    assert course.modules[1].lesson == ""
    template = course.modules[1].exercises[1]
    assert template.parameters[0] == {"name": "depth", "kind": "int", "min": 3, "max": 6}


def test_writing_what_was_read_gives_back_the_same_bytes(tmp_path: Path) -> None:
    assert course_render(course_read(mini(tmp_path))) == MINI_COURSE


def test_a_course_time_zone_is_read_and_written_only_when_it_is_not_utc(tmp_path: Path) -> None:
    assert course_read(mini(tmp_path / "utc")).time_zone == "UTC"
    paris = MINI_COURSE["course.toml"] + 'time_zone = "Europe/Paris"\n'
    course = course_read(mini(tmp_path / "paris", course_toml=paris))
    assert course.time_zone == "Europe/Paris"
    assert course_render(course)["course.toml"] == paris


def test_a_course_time_zone_must_be_an_iana_name(tmp_path: Path) -> None:
    root = mini(tmp_path, course_toml=MINI_COURSE["course.toml"] + 'time_zone = "Paris"\n')
    assert problems_of(root) == [f'{root / "course.toml"}, line {MINI_COURSE["course.toml"].count(chr(10)) + 1}: '
                                 'time_zone "Paris" is not an IANA time zone (e.g. UTC, Europe/Paris, America/New_York)']


def test_the_file_kinds_are_the_question_kinds() -> None:
    assert set(KINDS) == set(Question.Kind.values)


def test_bad_toml_is_reported_with_its_line_and_column(tmp_path: Path) -> None:
    root = mini(tmp_path, **{"01_stack__01_frames_toml": frames_with('points = 2', 'points = = 2')})
    assert problems_of(root) == [f"{root / FRAMES}, line 12: invalid TOML: Invalid value (column 10)"]


def test_an_unclosed_string_is_reported_with_its_line(tmp_path: Path) -> None:
    root = mini(tmp_path, **{"01_stack__01_frames_toml": frames_with('title = "Frames"', 'title = "Frames')})
    [problem] = problems_of(root)
    assert problem.startswith(f"{root / FRAMES}, line 1: invalid TOML: ")


def test_a_missing_prompt_is_reported_at_its_question(tmp_path: Path) -> None:
    text = frames_with('prompt = "What does `n` hold?"\n', "")
    root = mini(tmp_path, **{"01_stack__01_frames_toml": text})
    assert problems_of(root) == [f"{root / FRAMES}, line 14: prompt is required"]


def test_an_unknown_kind_is_reported_at_its_line(tmp_path: Path) -> None:
    root = mini(tmp_path, **{"01_stack__01_frames_toml": frames_with('kind = "output"', 'kind = "printed"')})
    [problem] = problems_of(root)
    assert problem.startswith(f'{root / FRAMES}, line 22: unknown kind "printed"; the kinds are stack, locals')


def test_a_bad_config_is_reported_at_its_line(tmp_path: Path) -> None:
    root = mini(tmp_path, **{"01_stack__01_frames_toml": frames_with('variables = ["n"]', 'variables = []')})
    assert problems_of(root) == [
        f'{root / FRAMES}, line 19: config "variables" must be a non-empty list of variable names.'
    ]


def test_a_multiple_choice_config_is_checked_like_the_admin_does(tmp_path: Path) -> None:
    text = MINI_COURSE["01-stack/02-why.toml"].replace("correct = 0", "correct = 2")
    root = mini(tmp_path, **{"01_stack__02_why_toml": text})
    assert problems_of(root) == [
        f'{root / "01-stack/02-why.toml"}, line 10: config "correct" must be the index of the right choice, from 0 to 1.'
    ]


def test_a_checkpoint_question_needs_a_checkpoint(tmp_path: Path) -> None:
    root = mini(tmp_path, **{"01_stack__01_frames_toml": frames_with('checkpoint = "A"\nprompt = "Which', 'prompt = "Which')})
    assert problems_of(root) == [f"{root / FRAMES}, line 8: checkpoint is required"]


def test_a_config_written_as_a_table_is_read_and_located(tmp_path: Path) -> None:
    text = frames_with('config = {frame = 0, variables = ["n"]}', '\n[questions.config]\nframe = -1\nvariables = ["n"]')
    root = mini(tmp_path, **{"01_stack__01_frames_toml": text})
    [problem] = problems_of(root)
    assert problem.startswith(f'{root / FRAMES}, line 20: config "frame" must be a frame index')


def test_a_missing_program_is_reported_with_its_path(tmp_path: Path) -> None:
    root = mini(tmp_path, **{"01_stack__01_frames_js": None})
    assert problems_of(root) == [f"{root / FRAMES}: the exercise's program is missing: 01-frames.js"]


def test_a_program_without_its_exercise_is_reported(tmp_path: Path) -> None:
    root = mini(tmp_path, **{"01_stack__01_frames_toml": None})
    assert problems_of(root) == [
        f"{root / '01-stack/01-frames.js'}: a program without its exercise: 01-frames.toml is missing"
    ]


def test_a_bad_parameter_spec_is_reported_at_its_line(tmp_path: Path) -> None:
    text = MINI_COURSE["02-heap/02-template.toml"].replace("min = 3\nmax = 6", "min = 7\nmax = 6")
    root = mini(tmp_path, **{"02_heap__02_template_toml": text})
    assert problems_of(root) == [
        f'{root / "02-heap/02-template.toml"}, line 9: Parameter "depth": min (7) must not be greater than max (6).'
    ]


def test_a_parameter_of_an_unknown_kind_is_reported_at_its_kind(tmp_path: Path) -> None:
    text = MINI_COURSE["02-heap/02-template.toml"].replace('kind = "choice"', 'kind = "pick"')
    root = mini(tmp_path, **{"02_heap__02_template_toml": text})
    assert problems_of(root) == [
        f'{root / "02-heap/02-template.toml"}, line 14: Parameter "victim": kind must be "int" or "choice", not "pick".'
    ]


def test_duplicate_slugs_and_numbers_are_reported(tmp_path: Path) -> None:
    files = dict(MINI_COURSE)
    files["01-stack/03-frames.toml"] = files["01-stack/01-frames.toml"]
    files["01-stack/03-frames.js"] = files["01-stack/01-frames.js"]
    files["02-stack/module.toml"] = 'title = "Again"\n'
    root = write_folder(tmp_path / "mini", files)
    assert problems_of(root) == [
        f"{root / '02-stack'}: this module folder has the same number as 02-heap",
        f"{root / '02-stack'}: this module folder has the same slug as 01-stack",
        f"{root / '01-stack/03-frames.toml'}: this exercise has the same slug as 01-frames.toml",
    ]


def test_unknown_keys_and_wrong_types_are_reported_at_their_lines(tmp_path: Path) -> None:
    text = frames_with("published = true", "publshed = true").replace("points = 2", 'points = "two"')
    root = mini(tmp_path, **{"01_stack__01_frames_toml": text})
    assert problems_of(root) == [
        f'{root / FRAMES}, line 5: unknown key "publshed" (known keys: title, instructions, published, '
        "allow_new_variant, parameters, questions)",
        f"{root / FRAMES}, line 12: points must be a whole number from 0",
    ]


def test_every_problem_of_the_folder_is_reported_at_once(tmp_path: Path) -> None:
    root = mini(tmp_path, **{"course_toml": 'title = "No slug"\n', "02_heap__module_toml": "title = 3\n",
                             "02_heap__01_reach_js": None})
    assert problems_of(root) == [
        f"{root / '02-heap/01-reach.toml'}: the exercise's program is missing: 01-reach.js",
        f"{root / '02-heap/module.toml'}, line 1: title must be a string",
        f"{root / 'course.toml'}, line 1: slug is required",
    ]


def test_a_misnamed_file_or_folder_is_reported(tmp_path: Path) -> None:
    files = dict(MINI_COURSE)
    files["call-stack/module.toml"] = 'title = "x"\n'
    files["01-stack/01-frames.yaml"] = "title: x\n"
    root = write_folder(tmp_path / "mini", files)
    assert problems_of(root) == [
        f"{root / 'call-stack'}: a module folder is named NN-slug, e.g. 01-call-stack",
        f"{root / '01-stack/01-frames.yaml'}: a module folder holds module.toml, lesson.md, and exercises as "
        "NN-slug.toml with its program in NN-slug.js",
    ]


def test_a_file_that_is_not_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    root = mini(tmp_path)
    (root / "01-stack/01-frames.js").write_bytes(b"let a = 1;\nlet b = '\xff';\n")
    assert problems_of(root) == [f"{root / '01-stack/01-frames.js'}, line 2: is not UTF-8 text"]


def test_a_folder_that_does_not_exist_is_reported(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: is not a folder"]


def test_lines_inside_multiline_strings_are_not_taken_for_keys() -> None:
    text = 'instructions = """\n[[questions]]\nprompt = "no"\n"""\n\n[[questions]]\nkind = "x"\nprompt = "yes"\n'
    lines = TomlLines(text)
    assert lines.line("questions", 0) == 6
    assert lines.line("questions", 0, "prompt") == 8
    assert lines.line("questions", 0, "config") == 6
    assert lines.line("instructions") == 1


def test_writing_removes_course_files_the_course_no_longer_has_and_keeps_others(tmp_path: Path) -> None:
    root = mini(tmp_path)
    (root / "README.md").write_text("about this course\n")
    course = course_read(root)
    del course.modules[1]
    report = course_write(course, root)
    assert report.written == []
    assert sorted(report.removed) == sorted(k for k in MINI_COURSE if k.startswith("02-heap/"))
    assert not (root / "02-heap").exists()
    assert read_folder(root) == {k: v for k, v in MINI_COURSE.items() if not k.startswith("02-heap/")} | {
        "README.md": "about this course\n"}


def test_writing_text_with_quotes_backslashes_and_crlf_reads_back_the_same(tmp_path: Path) -> None:
    course = course_read(mini(tmp_path))
    exercise = course.modules[0].exercises[0]
    exercise.instructions = 'Say "hi" \\ then """ three\r\nand\ta tab\n'
    exercise.questions[0].prompt = 'one "line" \\ é'
    course_write(course, tmp_path / "out")
    again = course_read(tmp_path / "out").modules[0].exercises[0]
    assert again.instructions == 'Say "hi" \\ then """ three\nand\ta tab\n'
    assert again.questions[0].prompt == 'one "line" \\ é'
    assert course_render(course_read(tmp_path / "out")) == read_folder(tmp_path / "out")


def test_format_course_rewrites_a_hand_written_folder_in_the_form_export_writes(tmp_path: Path) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    hand = MINI_COURSE["02-heap/01-reach.toml"].replace('instructions = "Two objects, one variable cleared."',
                                                         'instructions = """\nTwo objects,\none variable cleared."""')
    root = mini(tmp_path, **{"02_heap__01_reach_toml": hand.replace("points = 1\n", "")})
    with pytest.raises(CommandError, match=r"1 file\(s\) of .* are not in the form export writes .*: 02-heap/01-reach"):
        call_command("format_course", str(root), "--check", stdout=StringIO())
    call_command("format_course", str(root), stdout=StringIO())
    assert (root / "02-heap/01-reach.toml").read_text().startswith(
        'title = "Who can still reach it?"\ninstructions = """Two objects,\none variable cleared."""\n')
    assert "points = 1\n" in (root / "02-heap/01-reach.toml").read_text()
    out = StringIO()
    call_command("format_course", str(root), "--check", stdout=out)
    assert "is in the form export writes" in out.getvalue()


def test_two_parameters_with_one_name_are_reported(tmp_path: Path) -> None:
    text = MINI_COURSE["02-heap/02-template.toml"].replace('name = "victim"', 'name = "depth"')
    root = mini(tmp_path, **{"02_heap__02_template_toml": text})
    assert problems_of(root) == [f'{root / "02-heap/02-template.toml"}, line 13: two parameters are named "depth"']


def test_a_published_template_that_uses_an_unknown_parameter_is_reported_at_its_line_in_the_program(
    tmp_path: Path,
) -> None:
    text = MINI_COURSE["02-heap/02-template.toml"].replace("published = false", "published = true")
    program = "function down(n) { return n === 0 ? 0 : down(n - 1); }\ndown({{ depht }});\n"
    root = mini(tmp_path, **{"02_heap__02_template_toml": text, "02_heap__02_template_js": program})
    assert problems_of(root) == [
        f'{root / "02-heap/02-template.js"}, line 2: Template error at line 2: "depht" is not a parameter '
        "(parameters: depth, victim)."
    ]


def test_a_published_prompt_that_uses_an_unknown_parameter_is_reported_at_its_line(tmp_path: Path) -> None:
    text = MINI_COURSE["02-heap/02-template.toml"].replace("published = false", "published = true")
    text = text.replace('prompt = "Does it overflow?"', 'prompt = "Does it overflow with {{ size }}?"')
    root = mini(tmp_path, **{"02_heap__02_template_toml": text})
    assert problems_of(root) == [
        f'{root / "02-heap/02-template.toml"}, line 19: the prompt: Template error at line 1: "size" is not a '
        "parameter (parameters: depth, victim)."
    ]
