"""manage.py import_course and export_course, with the real engine."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from coursefolders import MINI_COURSE, read_folder, write_folder
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from exercises import services
from exercises.models import AnswerKey, Course, Exercise, ExerciseVersion, Module, Question

MODELS = (Course, Module, Exercise, ExerciseVersion, Question, AnswerKey)


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def counts() -> list[int]:
    return [model.objects.count() for model in MODELS]


def snapshot() -> list[tuple[Any, ...]]:
    """Everything an import may change, to check that a refused one changed nothing."""
    return [
        *Course.objects.values_list("slug", "title", "description"),
        *Module.objects.values_list("slug", "order", "title", "lesson"),
        *Exercise.objects.values_list("slug", "order", "title", "program", "published", "version"),
        *Question.objects.values_list("exercise__slug", "order", "kind", "prompt", "points"),
        *AnswerKey.objects.values_list("question__prompt", "exercise_version__number", "problem"),
    ]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "mini", MINI_COURSE)


def edit(folder: Path, relative: str, old: str, new: str) -> None:
    path = folder / relative
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.django_db
def test_import_creates_the_course_and_reports_it(folder: Path) -> None:
    output = run("import_course", str(folder))
    assert f"Imported {folder}: created 7, updated 0, unchanged 0, deleted 0." in output
    assert "created   exercise 01-stack/01-frames" in output
    course = Course.objects.get(slug="mini")
    assert [m.slug for m in course.modules.order_by("order")] == ["stack", "heap"]
    frames = Exercise.objects.get(slug="frames")
    assert frames.published and frames.version == 1
    assert all(k.is_valid for k in AnswerKey.objects.filter(question__exercise=frames))
    draft = Exercise.objects.get(slug="template")
    assert not draft.published and draft.allow_new_variant
    assert draft.parameters == [{"name": "depth", "kind": "int", "min": 3, "max": 6},
                                {"name": "victim", "kind": "choice", "choices": ["first", "second"]}]


@pytest.mark.django_db
def test_import_then_export_gives_back_the_same_files(folder: Path, tmp_path: Path) -> None:
    run("import_course", str(folder))
    run("export_course", "mini", str(tmp_path / "out"))
    assert read_folder(tmp_path / "out") == MINI_COURSE


@pytest.mark.django_db
def test_importing_twice_leaves_everything_unchanged(folder: Path) -> None:
    run("import_course", str(folder))
    before = counts()
    output = run("import_course", str(folder))
    assert f"Imported {folder}: created 0, updated 0, unchanged 7, deleted 0." in output
    assert counts() == before


@pytest.mark.django_db
def test_editing_one_prompt_updates_exactly_that_and_the_site_shows_it(folder: Path, client: Any) -> None:
    run("import_course", str(folder))
    edit(folder, "02-heap/01-reach.toml", "Which objects are reachable", "Which objects can the program still reach")
    output = run("import_course", str(folder))
    assert "updated   exercise 02-heap/01-reach: questions" in output
    assert "created 0, updated 1, unchanged 6, deleted 0" in output
    reach = Exercise.objects.get(slug="reach")
    assert reach.version == 1
    student = get_user_model().objects.create_user("ada", password="pw")
    services.course_enroll(user=student, course=reach.module.course)
    client.force_login(student)
    page = client.get(f"/exercises/{reach.pk}/").content.decode()
    assert "Which objects can the program still reach at checkpoint A?" in page


@pytest.mark.django_db
def test_a_changed_program_of_a_published_exercise_makes_a_new_version(folder: Path) -> None:
    run("import_course", str(folder))
    edit(folder, "02-heap/01-reach.js", "a = null;", "b = null;")
    output = run("import_course", str(folder))
    assert "updated   exercise 02-heap/01-reach: program (version 2)" in output
    reach = Exercise.objects.get(slug="reach")
    assert list(reach.versions.values_list("number", flat=True)) == [1, 2]
    assert AnswerKey.objects.filter(exercise_version__number=2, question__exercise=reach).get().is_valid


@pytest.mark.django_db
def test_prune_deletes_what_the_folder_no_longer_has(folder: Path) -> None:
    run("import_course", str(folder))
    for name in ("01-reach.toml", "01-reach.js"):
        (folder / "02-heap" / name).unlink()
    output = run("import_course", str(folder))
    assert "deleted 0" in output and Exercise.objects.filter(slug="reach").exists()
    output = run("import_course", str(folder), "--prune")
    assert "deleted   exercise 02-heap/01-reach" in output
    assert "created 0, updated 0, unchanged 6, deleted 1" in output
    assert not Exercise.objects.filter(slug="reach").exists()


@pytest.mark.django_db
def test_prune_deletes_a_module_with_its_exercises(folder: Path) -> None:
    run("import_course", str(folder))
    for path in sorted((folder / "02-heap").iterdir()):
        path.unlink()
    (folder / "02-heap").rmdir()
    output = run("import_course", str(folder), "--prune")
    assert "deleted   module 02-heap" in output
    assert list(Module.objects.values_list("slug", flat=True)) == ["stack"]
    assert set(Exercise.objects.values_list("slug", flat=True)) == {"frames", "why"}


@pytest.mark.django_db
def test_a_malformed_file_leaves_the_database_untouched(folder: Path) -> None:
    run("import_course", str(folder))
    before = snapshot()
    edit(folder, "01-stack/02-why.toml", 'title = "Why a stack?"', 'title = "Why a stack?!"')
    edit(folder, "02-heap/01-reach.toml", 'kind = "reachable"', 'kind = "reachble"')
    with pytest.raises(CommandError) as caught:
        run("import_course", str(folder))
    assert f'{folder / "02-heap/01-reach.toml"}, line 7: unknown kind "reachble"' in str(caught.value)
    assert str(caught.value).endswith("Nothing was imported.")
    assert snapshot() == before


@pytest.mark.django_db
def test_an_exercise_that_cannot_be_published_refuses_the_whole_import(folder: Path) -> None:
    edit(folder, "02-heap/01-reach.toml", 'checkpoint = "A"', 'checkpoint = "B"')
    with pytest.raises(CommandError) as caught:
        run("import_course", str(folder))
    message = str(caught.value)
    assert "The course cannot be imported; nothing was saved" in message
    assert f'{folder / "02-heap/01-reach.toml"}: This exercise cannot be published' in message
    assert 'never reaches checkpoint("B")' in message
    assert counts() == [0] * len(MODELS)


@pytest.mark.django_db
def test_a_refused_update_keeps_the_course_as_it_was(folder: Path) -> None:
    run("import_course", str(folder))
    before = snapshot()
    edit(folder, "01-stack/01-frames.js", 'checkpoint("A");', "")
    edit(folder, "02-heap/01-reach.toml", "Which objects", "Which of the objects")
    with pytest.raises(CommandError, match="01-frames.toml: This exercise cannot be published"):
        run("import_course", str(folder))
    assert snapshot() == before


@pytest.mark.django_db
def test_a_dry_run_reports_the_changes_and_saves_nothing(folder: Path) -> None:
    run("import_course", str(folder))
    before = snapshot()
    edit(folder, "01-stack/module.toml", "The call stack", "The stack")
    output = run("import_course", str(folder), "--dry-run")
    assert "updated   module 01-stack: title" in output
    assert f"Dry run of {folder}: created 0, updated 1, unchanged 6, deleted 0; nothing was saved." in output
    assert snapshot() == before


@pytest.mark.django_db
def test_export_writes_a_course_authored_in_the_admin_and_import_reads_it_back(tmp_path: Path) -> None:
    course = Course.objects.create(slug="made", title="Made in the admin")
    module = Module.objects.create(course=course, title="Only module", lesson="Line one\r\nline two")
    exercise = Exercise.objects.create(module=module, title="Crlf", program='let a = {};\r\ncheckpoint("A");')
    Question.objects.create(exercise=exercise, kind="reachable", checkpoint="A", prompt="Which?\r\nReally?")
    services.exercise_publish(exercise=exercise)
    run("export_course", "made", str(tmp_path / "made"))
    files = read_folder(tmp_path / "made")
    assert files["00-only-module/00-crlf.js"] == 'let a = {};\ncheckpoint("A");\n'
    assert files["00-only-module/lesson.md"] == "Line one\nline two\n"
    output = run("import_course", str(tmp_path / "made"))
    assert "created 0, updated 0, unchanged 3, deleted 0" in output


@pytest.mark.django_db
def test_export_of_an_unknown_course_fails_with_a_message(tmp_path: Path) -> None:
    Course.objects.create(slug="real", title="Real")
    with pytest.raises(CommandError, match='There is no course with the slug "nope" \\(courses: real\\)'):
        run("export_course", "nope", str(tmp_path / "x"))


@pytest.mark.django_db
def test_import_of_a_missing_folder_fails_with_a_message(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="nowhere: is not a folder"):
        run("import_course", str(tmp_path / "nowhere"))


@pytest.mark.django_db
def test_prune_deletes_an_exercise_students_answered_with_their_attempts(folder: Path) -> None:
    run("import_course", str(folder))
    reach = Exercise.objects.get(slug="reach")
    student = get_user_model().objects.create_user("ada", password="pw")
    services.course_enroll(user=student, course=reach.module.course)
    services.attempt_submit(student=student, question=reach.questions.get(), answer={"objects": []})
    for name in ("01-reach.toml", "01-reach.js"):
        (folder / "02-heap" / name).unlink()
    output = run("import_course", str(folder), "--prune")
    assert "deleted   exercise 02-heap/01-reach (and 1 attempt(s))" in output
    assert not Exercise.objects.filter(slug="reach").exists()


@pytest.mark.django_db
def test_the_course_time_zone_is_imported_updated_and_exported(folder: Path, tmp_path: Path) -> None:
    (folder / "course.toml").write_text((folder / "course.toml").read_text() + 'time_zone = "Europe/Paris"\n')
    run("import_course", str(folder))
    assert Course.objects.get(slug="mini").time_zone == "Europe/Paris"
    run("export_course", "mini", str(tmp_path / "out"))
    assert read_folder(tmp_path / "out") == read_folder(folder)
    (folder / "course.toml").write_text(MINI_COURSE["course.toml"])
    assert "updated   course mini: time_zone" in run("import_course", str(folder))
    assert Course.objects.get(slug="mini").time_zone == "UTC"
