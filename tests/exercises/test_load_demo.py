"""manage.py load_demo, with the real engine."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from exercises import demo
from exercises.models import AnswerKey, Course, Enrollment, Exercise, ExerciseVersion, Question


def load() -> str:
    out, err = StringIO(), StringIO()
    call_command("load_demo", stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.mark.django_db
def test_load_demo_prints_the_demo_credentials() -> None:
    output = load()
    assert f"teacher: {demo.TEACHER['username']} / {demo.TEACHER['password']}" in output
    assert f"student: {demo.STUDENT['username']} / {demo.STUDENT['password']}" in output


@pytest.mark.django_db
def test_load_demo_is_idempotent() -> None:
    load()
    counts = [m.objects.count() for m in (Course, Exercise, ExerciseVersion, Question, AnswerKey, Enrollment)]
    load()
    assert [m.objects.count() for m in (Course, Exercise, ExerciseVersion, Question, AnswerKey, Enrollment)] == counts


@pytest.mark.django_db
def test_the_demo_asks_every_kind_of_question() -> None:
    load()
    assert set(Question.objects.values_list("kind", flat=True)) == set(Question.Kind.values)
    assert 3 <= Exercise.objects.count() <= 5


@pytest.mark.django_db
def test_every_demo_exercise_is_published_with_valid_keys() -> None:
    output = load()
    problems = {k.question.prompt: k.problem for k in AnswerKey.objects.all() if not k.is_valid}
    assert problems == {}, output
    assert not Exercise.objects.filter(published=False).exists()


@pytest.mark.django_db
def test_the_demo_teacher_can_author_in_the_admin(client: Any) -> None:
    load()
    assert client.login(username=demo.TEACHER["username"], password=demo.TEACHER["password"])
    assert client.get("/admin/exercises/exercise/").status_code == 200
    assert Enrollment.objects.get(user__username=demo.TEACHER["username"]).role == "teacher"
