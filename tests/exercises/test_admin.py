"""Authoring in the admin: saving runs the engine and shows each question's key or the exact problem."""

import json
from typing import Any

import pytest
from engine_fakes import FakeEngine, FakeProgramError

from exercises.models import Exercise, ExerciseVersion, Module


def form_data(module: Module, program: str, questions: list[dict[str, Any]], *, published: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "module": module.pk, "order": 1, "title": "Authored", "instructions": "", "program": program,
        "questions-TOTAL_FORMS": len(questions), "questions-INITIAL_FORMS": 0,
        "questions-MIN_NUM_FORMS": 0, "questions-MAX_NUM_FORMS": 1000, "_continue": "1",
    }
    if published:
        data["published"] = "on"
    for i, q in enumerate(questions):
        data.update({f"questions-{i}-order": i + 1, f"questions-{i}-kind": q["kind"],
                     f"questions-{i}-checkpoint": q.get("checkpoint", ""), f"questions-{i}-prompt": "Q?",
                     f"questions-{i}-points": 1, f"questions-{i}-config": json.dumps(q.get("config", {}))})
    return data


@pytest.fixture
def module(course: Any) -> Module:
    return Module.objects.create(course=course, order=1, title="M")


@pytest.mark.django_db
def test_saving_shows_the_derived_key_with_labels(admin_client: Any, module: Module, heap_program: str) -> None:
    data = form_data(module, heap_program, [{"kind": "reachable", "checkpoint": "A"}], published=True)
    response = admin_client.post("/admin/exercises/exercise/add/", data, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span class="answer-key">objects: A, B#2</span>' in html
    assert "every question has an answer key" in html
    assert Exercise.objects.get().published


@pytest.mark.django_db
def test_saving_a_draft_shows_the_exact_problem(admin_client: Any, module: Module, fake_engine: FakeEngine) -> None:
    source = fake_engine.program("let = 1", error=FakeProgramError("SyntaxError", "Unexpected token '='", 1, 5))
    data = form_data(module, source, [{"kind": "output"}], published=False)
    html = admin_client.post("/admin/exercises/exercise/add/", data, follow=True).content.decode()
    assert '<span class="key-problem">SyntaxError at line 1, column 5: Unexpected token &#x27;=&#x27;</span>' in html
    assert '<span class="program-problem">SyntaxError at line 1, column 5' in html


@pytest.mark.django_db
def test_a_question_naming_a_missing_checkpoint_blocks_publishing(admin_client: Any, module: Module,
                                                                  heap_program: str) -> None:
    data = form_data(module, heap_program, [{"kind": "stack", "checkpoint": "B"}], published=True)
    response = admin_client.post("/admin/exercises/exercise/add/", data)
    assert response.status_code == 200  # the form comes back with errors
    html = response.content.decode()
    assert "Every question needs a valid answer key before the exercise can be published" in html
    assert "Question 1: The program never reaches checkpoint(&quot;B&quot;)." in html
    assert not Exercise.objects.exists()


@pytest.mark.django_db
def test_editing_the_program_of_a_published_exercise_in_the_admin_makes_a_new_version(
    admin_client: Any, module: Module, heap_program: str, fake_engine: FakeEngine
) -> None:
    admin_client.post("/admin/exercises/exercise/add/", form_data(module, heap_program, [{"kind": "output"}],
                                                                 published=True))
    exercise = Exercise.objects.get()
    question = exercise.questions.get()
    edited = fake_engine.program("console.log(2)", trace={"output": ["2"], "error": None, "checkpoints": []})
    data = form_data(module, edited, [{"kind": "output"}], published=True)
    data.update({"questions-INITIAL_FORMS": 1, "questions-0-id": question.pk, "questions-0-exercise": exercise.pk})
    html = admin_client.post(f"/admin/exercises/exercise/{exercise.pk}/change/", data, follow=True).content.decode()
    assert '<span class="answer-key">lines: 2</span>' in html
    assert list(ExerciseVersion.objects.values_list("number", flat=True)) == [1, 2]


@pytest.fixture
def author(teacher: Any) -> Any:
    from django.contrib.auth.models import Permission

    teacher.user_permissions.add(*Permission.objects.filter(content_type__app_label="exercises"))
    return teacher


@pytest.mark.django_db
def test_a_teacher_sees_only_the_exercises_of_courses_they_teach(client: Any, author: Any, module: Module,
                                                                 heap_program: str) -> None:
    from exercises.models import Course

    mine = Exercise.objects.create(module=module, title="Mine", program=heap_program)
    elsewhere = Module.objects.create(course=Course.objects.create(title="Other", slug="other"), title="M")
    Exercise.objects.create(module=elsewhere, title="Theirs", program=heap_program)
    client.force_login(author)
    html = client.get("/admin/exercises/exercise/").content.decode()
    assert "Mine" in html and "Theirs" not in html
    assert client.get(f"/admin/exercises/exercise/{mine.pk}/change/").status_code == 200
    theirs = Exercise.objects.get(title="Theirs")
    assert client.get(f"/admin/exercises/exercise/{theirs.pk}/change/").status_code == 302  # "does not exist"


@pytest.mark.django_db
def test_a_teacher_who_creates_a_course_teaches_it(client: Any, author: Any) -> None:
    from exercises.models import Enrollment

    client.force_login(author)
    data = {"title": "New", "slug": "new", "description": "", "modules-TOTAL_FORMS": 0, "modules-INITIAL_FORMS": 0,
            "modules-MIN_NUM_FORMS": 0, "modules-MAX_NUM_FORMS": 1000}
    assert client.post("/admin/exercises/course/add/", data).status_code == 302
    assert Enrollment.objects.get(course__slug="new").user == author


@pytest.mark.django_db
def test_the_change_page_previews_memory_at_each_checkpoint_with_labels(admin_client: Any, module: Module,
                                                                        heap_program: str) -> None:
    data = form_data(module, heap_program, [{"kind": "reachable", "checkpoint": "A"}], published=True)
    html = admin_client.post("/admin/exercises/exercise/add/", data, follow=True).content.decode()
    version = ExerciseVersion.objects.get()
    assert f'data-memory-preview="memory-preview-{version.pk}"' in html
    assert 'data-preview-checkpoint="0"' in html and "Checkpoint “A” at line 3 (1 of 1)" in html
    start = html.index(f'<script id="memory-preview-{version.pk}" type="application/json">')
    payload = json.loads(html[html.index(">", start) + 1:html.index("</script>", start)])
    assert payload["labels"] == {"1:11#1": "A", "2:11#1": "B#1", "2:11#2": "B#2"}
    assert payload["trace"]["checkpoints"][0]["name"] == "A" and "steps" not in payload["trace"]
    assert "exercises/js/admin_preview.js" in html and "exercises/css/memview.css" in html


@pytest.mark.django_db
def test_a_program_that_cannot_run_has_no_preview_but_says_why(admin_client: Any, module: Module,
                                                               fake_engine: FakeEngine) -> None:
    source = fake_engine.program("let = 1", error=FakeProgramError("SyntaxError", "Unexpected token '='", 1, 5))
    html = admin_client.post("/admin/exercises/exercise/add/", form_data(module, source, [{"kind": "output"}],
                                                                         published=False), follow=True).content.decode()
    assert "Save a program that runs to preview its memory here." in html
