import json
from typing import Any

import pytest

from exercises import services

pytestmark = pytest.mark.django_db


def url(exercise: Any) -> str:
    return f"/exercises/{exercise.pk}/"


def test_it_shows_the_program_with_site_labels_and_checkpoint_lines(client_for: Any, student: Any, exercise: Any) -> None:
    html = client_for(student).get(url(exercise)).content.decode()
    assert 'class="line checkpoint" data-line="3"' in html
    assert 'class="line checkpoint" data-line="16"' in html
    for letter in "ABCDE":
        assert f"allocation site </span>{letter}</span>" in html


def test_it_renders_a_form_fitting_each_question_kind(client_for: Any, student: Any, exercise: Any) -> None:
    html = client_for(student).get(url(exercise)).content.decode()
    for kind in ["reachable", "stack", "locals", "refcount_leak", "output", "overflow", "multiple_choice"]:
        assert f'data-kind="{kind}"' in html
    assert 'data-add="makeNode"' in html and 'data-add="&lt;global&gt;"' in html  # stack picker
    assert 'data-variable="value"' in html and 'data-variable="node"' in html  # locals inputs
    assert 'value="B#2"' in html  # an object checkbox with its instance count
    assert "They are on a cycle" in html  # multiple choice


def test_every_input_has_a_label(client_for: Any, student: Any, exercise: Any) -> None:
    import re

    html = client_for(student).get(url(exercise)).content.decode()
    ids = re.findall(r'<input[^>]*type="(?:text|checkbox|number)"[^>]*id="([^"]+)"', html)
    assert ids
    for input_id in ids:
        assert f'for="{input_id}"' in html, input_id


def test_it_never_sends_answer_keys_to_the_page(client_for: Any, student: Any, exercise: Any) -> None:
    html = client_for(student).get(url(exercise)).content.decode()
    assert '"correct"' not in html
    assert "objects: A, B#1, B#2, E" not in html


def test_it_points_the_forms_at_the_attempts_api(client_for: Any, student: Any, exercise: Any) -> None:
    html = client_for(student).get(url(exercise)).content.decode()
    assert 'data-submit-url="/api/attempts/"' in html
    assert 'data-attempt-url="/api/attempts/0/"' in html


def test_it_shows_the_best_score_and_resumes_the_last_attempt(
    client_for: Any, student: Any, exercise: Any, django_capture_on_commit_callbacks: Any
) -> None:
    question = exercise.questions.get(kind="reachable")
    with django_capture_on_commit_callbacks(execute=True):
        attempt = services.attempt_submit(student=student, question=question, answer={"objects": ["A", "E"]})
    html = client_for(student).get(url(exercise)).content.decode()
    assert f'data-last-attempt="{attempt.pk}"' in html
    assert "Best score: 2 / 4" in html
    assert "Submit again" in html


def test_an_outsider_is_sent_to_the_course_to_enroll(client_for: Any, outsider: Any, exercise: Any) -> None:
    response = client_for(outsider).get(url(exercise))
    assert response.status_code == 302
    assert response["Location"] == "/courses/memory-101/"


def test_anonymous_visitors_must_log_in(client_for: Any, exercise: Any) -> None:
    response = client_for(None).get(url(exercise))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_draft_is_hidden_from_students_but_open_to_teachers(
    client_for: Any, student: Any, teacher: Any, draft_exercise: Any
) -> None:
    assert client_for(student).get(url(draft_exercise)).status_code == 404
    assert client_for(teacher).get(url(draft_exercise)).status_code == 200


def test_an_unknown_exercise_is_a_404(client_for: Any, student: Any) -> None:
    assert client_for(student).get("/exercises/999999/").status_code == 404


def test_the_step_through_is_locked_until_a_graded_answer(client_for: Any, student: Any, exercise: Any) -> None:
    client = client_for(student)
    assert 'data-unlocked="false"' in client.get(url(exercise)).content.decode()
    response = client.get(url(exercise) + "run.json")
    assert response.status_code == 403
    assert "Answer a question" in response.json()["error"]["message"]


def test_the_step_through_serves_the_raw_trace_with_the_labels_of_the_questions(
    client_for: Any, student: Any, exercise: Any, django_capture_on_commit_callbacks: Any
) -> None:
    question = exercise.questions.get(kind="multiple_choice")
    with django_capture_on_commit_callbacks(execute=True):
        services.attempt_submit(student=student, question=question, answer={"choice": 1})
    client = client_for(student)
    assert 'data-unlocked="true"' in client.get(url(exercise)).content.decode()
    run = client.get(url(exercise) + "run.json").json()
    assert run["source"] == exercise.program
    assert [cp["line"] for cp in run["trace"]["checkpoints"]] == [3, 3, 16]
    assert run["trace"]["checkpoints"][1]["locals"][0]["node"] == {"site": "2:16#2"}
    assert run["labels"]["2:16#2"] == "B#2" and run["labels"]["13:14#1"] == "E"


def test_teachers_can_step_through_without_answering(client_for: Any, teacher: Any, exercise: Any) -> None:
    assert client_for(teacher).get(url(exercise) + "run.json").status_code == 200


def test_the_step_through_answers_json_errors_not_pages(client_for: Any, outsider: Any, exercise: Any) -> None:
    anonymous = client_for(None).get(url(exercise) + "run.json")
    assert anonymous.status_code == 401
    assert json.loads(anonymous.content)["error"]["message"]
    assert client_for(outsider).get(url(exercise) + "run.json").status_code == 403


def test_a_program_that_cannot_run_shows_its_problem_and_disables_answers(
    client_for: Any, teacher: Any, course: Any
) -> None:
    from exercises.models import Exercise, ExerciseVersion, Module, Question

    module = Module.objects.create(course=course, order=2, title="Broken")
    exercise = Exercise.objects.create(module=module, title="Broken program", program="let = ;", version=1)
    Question.objects.create(exercise=exercise, kind="reachable", checkpoint="x", prompt="?", points=1)
    ExerciseVersion.objects.create(exercise=exercise, number=1, program="let = ;",
                                   problem="SyntaxError at line 1, column 5: Unexpected token")
    html = client_for(teacher).get(url(exercise)).content.decode()
    assert "SyntaxError at line 1, column 5: Unexpected token" in html
    assert "has no answer key for the current version" in html
    assert 'type="submit" class="btn" disabled' in html


def test_a_draft_never_traced_still_opens_for_its_teacher(client_for: Any, teacher: Any, course: Any) -> None:
    from exercises.models import Exercise, Module, Question

    module = Module.objects.create(course=course, order=3, title="New")
    exercise = Exercise.objects.create(module=module, title="Fresh draft", program='checkpoint("a");\n')
    Question.objects.create(exercise=exercise, kind="stack", checkpoint="a", prompt="?", points=1)
    response = client_for(teacher).get(url(exercise))
    assert response.status_code == 200
    assert 'class="line checkpoint" data-line="1"' in response.content.decode()  # found in the text, not a trace
    assert client_for(teacher).get(url(exercise) + "run.json").status_code == 404
