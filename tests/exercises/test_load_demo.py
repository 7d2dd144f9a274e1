"""manage.py load_demo, which imports the demo course folder courses/js-memory/, with the real engine."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from coursefolders import read_folder
from django.core.management import call_command

from exercises.coursefiles import course_differences, course_read
from exercises.management.commands.load_demo import DEMO_COURSE, STUDENT, TEACHER
from exercises.models import AnswerKey, Course, Enrollment, Exercise, ExerciseVersion, Module, Question

MODELS = (Course, Module, Exercise, ExerciseVersion, Question, AnswerKey, Enrollment)


def load() -> str:
    out, err = StringIO(), StringIO()
    call_command("load_demo", stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_the_demo_folder_is_in_the_form_export_writes() -> None:
    assert course_differences(course_read(DEMO_COURSE), DEMO_COURSE) == [], (
        "run: .venv/bin/python manage.py format_course courses/js-memory"
    )


@pytest.mark.django_db
def test_load_demo_imports_the_whole_folder_idempotently_and_exports_it_back_exactly(client: Any, tmp_path: Path) -> None:
    # One full load only: tracing and self-testing every demo exercise is the slow part. Loading again is cheap,
    # since an unchanged exercise is left alone.
    output = load()
    assert f"teacher: {TEACHER['username']} / {TEACHER['password']}" in output
    assert f"student: {STUDENT['username']} / {STUDENT['password']}" in output
    data = course_read(DEMO_COURSE)
    course = Course.objects.get(slug=data.slug)
    assert [m.slug for m in course.modules.order_by("order")] == [m.slug for m in data.modules]
    files = {(m.slug, e.slug) for m in data.modules for e in m.exercises}
    assert set(Exercise.objects.values_list("module__slug", "slug")) == files
    published = {(m.slug, e.slug) for m in data.modules for e in m.exercises if e.published}
    assert set(Exercise.objects.filter(published=True).values_list("module__slug", "slug")) == published
    problems = {k.question.prompt: k.problem for k in AnswerKey.objects.filter(question__exercise__published=True)
                if not k.is_valid}
    assert problems == {}, output
    assert set(Question.objects.values_list("kind", flat=True)) == set(Question.Kind.values)

    [week] = course.assignments.all()  # the demo's assignment: the first module, due in a week, then 50%
    assert f'Assignment "{week.title}": due ' in output and week.late_credit == 50
    assert set(week.items.values_list("exercise__module__order", flat=True)) == {1}

    counts = [m.objects.count() for m in MODELS]
    again = load()
    assert "Assignment" not in again and course.assignments.count() == 1
    assert f"created 0, updated 0, unchanged {1 + len(data.modules) + len(files)}, deleted 0." in again
    assert [m.objects.count() for m in MODELS] == counts

    call_command("export_course", "js-memory", str(tmp_path / "out"), stdout=StringIO())
    assert read_folder(tmp_path / "out") == read_folder(DEMO_COURSE)

    assert client.login(username=TEACHER["username"], password=TEACHER["password"])
    assert client.get("/admin/exercises/exercise/").status_code == 200
    assert Enrollment.objects.get(user__username=TEACHER["username"]).role == "teacher"
    assert Enrollment.objects.get(user__username=STUDENT["username"]).role == "student"
