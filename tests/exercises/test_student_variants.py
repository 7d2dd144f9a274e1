"""Each student's variant of a parameterized exercise: stable, different between students where the pool allows,
keyed and traced once per variant, used by the page, the API and grading; a fresh variant after a wrong answer."""

from typing import Any

import pytest
from engine_fakes import FakeEngine

from exercises import program, selectors, services
from exercises.errors import ApplicationError
from exercises.models import AnswerKey, Attempt, Exercise, ExerciseVersion, StudentVariant

TEMPLATE = 'let x = {{ n }};\ncheckpoint("A");\nconsole.log(x);'
SPEC = [{"name": "n", "kind": "int", "min": 1, "max": 6}]


def trace_for(n: int) -> dict[str, Any]:
    return {"output": [str(n)], "error": None, "checkpoints": [{
        "name": "A", "line": 2, "stack": [{"function": "<global>", "line": 2}], "locals": [{"x": n}],
        "reachable": [], "heap": {}, "garbage": [], "refcount_leaked": [], "freed": []}]}


@pytest.fixture
def variant_exercise(fake_engine: FakeEngine, make_exercise: Any) -> Exercise:
    for n in range(1, 7):
        fake_engine.program(TEMPLATE.replace("{{ n }}", str(n)), trace=trace_for(n))
    exercise = make_exercise(TEMPLATE, [
        {"kind": "locals", "checkpoint": "A", "config": {"frame": 0, "variables": ["x"]}, "prompt": "What is x, {{ n }}?"},
        {"kind": "output", "prompt": "What does it print?"},
    ], publish=False)
    exercise.parameters, exercise.allow_new_variant = SPEC, True
    exercise.save()
    services.exercise_publish(exercise=exercise)
    exercise.refresh_from_db()
    return exercise


def n_of(version: ExerciseVersion | None) -> int:
    assert version is not None
    return int(version.params["n"])


@pytest.mark.django_db
def test_a_students_variant_is_stable(variant_exercise: Exercise, student: Any) -> None:
    first = services.student_variant_version(student=student, exercise=variant_exercise)
    again = services.student_variant_version(student=student, exercise=variant_exercise)
    assert first is not None and again is not None and first.pk == again.pk
    assert first.program == f"let x = {n_of(first)};\ncheckpoint(\"A\");\nconsole.log(x);"
    assert StudentVariant.objects.get(student=student).number == 0


@pytest.mark.django_db
def test_students_get_different_variants_where_the_template_allows(variant_exercise: Exercise,
                                                                   make_user: Any) -> None:
    students = [make_user(f"s{i}") for i in range(12)]
    values = {n_of(services.student_variant_version(student=s, exercise=variant_exercise)) for s in students}
    assert len(values) >= 3  # twelve students over six variants


@pytest.mark.django_db
def test_the_key_is_computed_and_cached_per_variant(variant_exercise: Exercise, make_user: Any,
                                                    fake_engine: FakeEngine) -> None:
    students = [make_user(f"s{i}") for i in range(12)]
    versions = [services.student_variant_version(student=s, exercise=variant_exercise) for s in students]
    distinct = {v.pk for v in versions if v}
    runs = fake_engine.calls
    program._run_cached.cache_clear()
    for s in students:  # again: every variant is in the database, so the engine does not run
        services.student_variant_version(student=s, exercise=variant_exercise)
    assert fake_engine.calls == runs
    for version in ExerciseVersion.objects.filter(pk__in=distinct):
        keys = {k.question.kind: k.key for k in AnswerKey.objects.filter(exercise_version=version)}
        assert keys == {"locals": {"values": {"x": n_of(version)}}, "output": {"lines": [str(n_of(version))]}}


@pytest.mark.django_db
def test_the_api_and_grading_use_the_students_variant(variant_exercise: Exercise, student: Any, api_client_for: Any,
                                                      django_capture_on_commit_callbacks: Any) -> None:
    client = api_client_for(student)
    body = client.get(f"/api/exercises/{variant_exercise.pk}/").json()
    mine = n_of(services.student_variant_version(student=student, exercise=variant_exercise))
    assert body["program"].startswith(f"let x = {mine};")
    assert body["questions"][0]["prompt"] == f"What is x, {mine}?"
    locals_q = variant_exercise.questions.get(kind="locals")
    with django_capture_on_commit_callbacks(execute=True):
        right = client.post("/api/attempts/", {"question": locals_q.pk, "answer": {"values": {"x": mine}}}, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        wrong = client.post("/api/attempts/", {"question": locals_q.pk, "answer": {"values": {"x": mine % 6 + 1}}},
                            format="json")
    assert right.status_code == wrong.status_code == 202
    scores = {a.pk: a.score for a in Attempt.objects.all()}
    assert (scores[right.json()["id"]], scores[wrong.json()["id"]]) == (1.0, 0.0)
    assert {a.exercise_version.params["n"] for a in Attempt.objects.all()} == {mine}


@pytest.mark.django_db
def test_a_fresh_variant_is_refused_before_a_wrong_answer(variant_exercise: Exercise, student: Any,
                                                          api_client_for: Any) -> None:
    response = api_client_for(student).post(f"/api/exercises/{variant_exercise.pk}/new-variant/")
    assert response.status_code == 409
    assert response.json()["error"]["message"] == "You can ask for a fresh variant after a wrong answer on this one."


@pytest.mark.django_db
def test_a_fresh_variant_after_a_wrong_answer_gives_new_values(variant_exercise: Exercise, student: Any,
                                                               api_client_for: Any,
                                                               django_capture_on_commit_callbacks: Any) -> None:
    client = api_client_for(student)
    before = n_of(services.student_variant_version(student=student, exercise=variant_exercise))
    output_q = variant_exercise.questions.get(kind="output")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/api/attempts/", {"question": output_q.pk, "answer": {"lines": ["nope"]}}, format="json")
    response = client.post(f"/api/exercises/{variant_exercise.pk}/new-variant/")
    assert response.status_code == 200
    after = n_of(services.student_variant_version(student=student, exercise=variant_exercise))
    assert after != before
    assert response.json()["program"].startswith(f"let x = {after};")
    assert client.get(f"/api/exercises/{variant_exercise.pk}/").json()["program"].startswith(f"let x = {after};")
    # the wrong answer was on the old variant: no second fresh one until a wrong answer on this one
    assert client.post(f"/api/exercises/{variant_exercise.pk}/new-variant/").status_code == 409


@pytest.mark.django_db
def test_a_fresh_variant_is_refused_where_the_teacher_does_not_allow_it(variant_exercise: Exercise,
                                                                        student: Any) -> None:
    Exercise.objects.filter(pk=variant_exercise.pk).update(allow_new_variant=False)
    variant_exercise.refresh_from_db()
    with pytest.raises(ApplicationError, match="This exercise does not offer fresh variants."):
        services.student_variant_renew(student=student, exercise=variant_exercise)


@pytest.mark.django_db
def test_the_exercise_page_shows_the_variant_and_the_fresh_variant_button(
        variant_exercise: Exercise, student: Any, client: Any, django_capture_on_commit_callbacks: Any) -> None:
    client.force_login(student)
    mine = n_of(services.student_variant_version(student=student, exercise=variant_exercise))
    html = client.get(f"/exercises/{variant_exercise.pk}/").content.decode()
    assert f"What is x, {mine}?" in html
    assert "Give me a fresh variant" in html
    assert "You can ask for a fresh variant after a wrong answer on this one." in html
    early = client.post(f"/exercises/{variant_exercise.pk}/new-variant/", follow=True).content.decode()
    assert "You can ask for a fresh variant after a wrong answer on this one." in early
    assert n_of(services.student_variant_version(student=student, exercise=variant_exercise)) == mine
    output_q = variant_exercise.questions.get(kind="output")
    with django_capture_on_commit_callbacks(execute=True):
        services.attempt_submit(student=student, question=output_q, answer={"lines": ["nope"]})
    response = client.post(f"/exercises/{variant_exercise.pk}/new-variant/", follow=True)
    assert "Here is a fresh variant of this exercise" in response.content.decode()
    assert n_of(services.student_variant_version(student=student, exercise=variant_exercise)) != mine


@pytest.mark.django_db
def test_an_exercise_without_parameters_has_one_version_and_no_student_variants(
        heap_program: str, make_exercise: Any, student: Any, api_client_for: Any) -> None:
    exercise = make_exercise(heap_program, [{"kind": "reachable", "checkpoint": "A"}])
    api_client_for(student).get(f"/api/exercises/{exercise.pk}/")
    assert services.student_variant_version(student=student, exercise=exercise) == selectors.exercise_current_version(
        exercise=exercise)
    assert ExerciseVersion.objects.filter(exercise=exercise).count() == 1
    assert not StudentVariant.objects.exists()


@pytest.mark.django_db
def test_a_new_template_version_keeps_old_attempts_on_their_variant(variant_exercise: Exercise, student: Any,
                                                                     fake_engine: FakeEngine) -> None:
    old = services.student_variant_version(student=student, exercise=variant_exercise)
    assert old is not None
    question = variant_exercise.questions.get(kind="output")
    attempt = services.attempt_submit(student=student, question=question, answer={"lines": ["x"]})
    new_template = TEMPLATE + "\n"
    for n in range(1, 7):
        fake_engine.program(new_template.replace("{{ n }}", str(n)), trace=trace_for(n))
    variant_exercise.program = new_template
    variant_exercise.save()
    services.exercise_sync(exercise=variant_exercise)
    variant_exercise.refresh_from_db()
    new = services.student_variant_version(student=student, exercise=variant_exercise)
    assert new is not None and (new.number, new.params) == (old.number + 1, old.params)
    attempt.refresh_from_db()
    assert attempt.exercise_version_id == old.pk
