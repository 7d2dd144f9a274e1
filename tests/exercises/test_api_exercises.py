"""GET /api/exercises/<id>/ and the course endpoints."""

import json
from typing import Any

import pytest

MC = {"kind": "multiple_choice", "config": {"choices": ["stack", "heap"], "correct": 1}}


@pytest.fixture
def exercise(heap_program: str, make_exercise: Any) -> Any:
    return make_exercise(heap_program, [{"kind": "reachable", "checkpoint": "A"}, {"kind": "locals", "checkpoint": "A",
                                         "config": {"frame": 1, "variables": ["keep"]}}, dict(MC)])


@pytest.mark.django_db
def test_exercise_detail_gives_labels_functions_checkpoints_and_options(student: Any, exercise: Any,
                                                                        api_client_for: Any) -> None:
    body = api_client_for(student).get(f"/api/exercises/{exercise.pk}/").json()
    assert body["version"] == 1
    assert body["sites"] == [
        {"label": "A", "line": 1, "column": 11, "kind": "object", "count": 1},
        {"label": "B", "line": 2, "column": 11, "kind": "object", "count": 2},
    ]
    assert body["functions"] == ["f"]
    assert body["checkpoints"] == [{"name": "A", "line": 3}]
    options = [q["options"] for q in body["questions"]]
    assert options[0] == {"objects": ["A", "B#1", "B#2"]}
    assert options[1] == {"frame": 1, "function": "<global>", "variables": ["keep"], "objects": ["A", "B#1", "B#2"]}
    assert options[2] == {"choices": ["stack", "heap"]}


@pytest.mark.django_db
def test_exercise_detail_never_contains_answer_keys(student: Any, exercise: Any, api_client_for: Any) -> None:
    body = api_client_for(student).get(f"/api/exercises/{exercise.pk}/").json()
    for question in body["questions"]:
        assert set(question) == {"id", "order", "kind", "checkpoint", "prompt", "points", "options"}
        assert not {"key", "correct", "values", "frames", "lines"} & set(question["options"])


@pytest.mark.django_db
def test_course_list_and_detail(student: Any, exercise: Any, api_client_for: Any) -> None:
    client = api_client_for(student)
    assert client.get("/api/courses/").json() == [
        {"slug": "memory-101", "title": "Memory 101", "description": "Test course"}
    ]
    detail = client.get("/api/courses/memory-101/").json()
    assert detail["role"] == "student"
    assert detail["modules"][0]["exercises"] == [{"id": exercise.pk, "order": 1, "title": "Ex", "published": True}]


@pytest.mark.django_db
def test_an_unknown_course_is_a_404_with_a_message(student: Any, api_client_for: Any) -> None:
    response = api_client_for(student).get("/api/courses/nope/")
    assert response.status_code == 404
    assert response.json()["error"]["message"] == 'There is no course "nope".'


@pytest.mark.django_db
def test_enrolling_makes_an_outsider_a_student_once(outsider: Any, course: Any, api_client_for: Any) -> None:
    client = api_client_for(outsider)
    assert client.get("/api/courses/memory-101/").json()["role"] is None
    assert client.post("/api/courses/memory-101/enroll/").json() == {"course": "memory-101", "role": "student"}
    assert client.post("/api/courses/memory-101/enroll/").status_code == 200
    assert client.get("/api/courses/memory-101/").json()["role"] == "student"


@pytest.mark.django_db
def test_progress_per_module_and_exercise(student: Any, exercise: Any, api_client_for: Any,
                                          django_capture_on_commit_callbacks: Any) -> None:
    client = api_client_for(student)
    question = exercise.questions.get(kind="multiple_choice")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/api/attempts/", {"question": question.pk, "answer": {"choice": 1}}, format="json")
    module = client.get("/api/courses/memory-101/progress/").json()["modules"][0]
    assert (module["score"], module["max_score"], module["completed"], module["total"]) == (1.0, 3.0, 1, 3)
    assert module["exercises"][0]["attempts"] == 1
    assert module["exercises"][0]["fraction"] == pytest.approx(1 / 3, abs=1e-3)


@pytest.mark.django_db
def test_the_gradebook_api_lists_students_with_scores(teacher: Any, student: Any, exercise: Any, api_client_for: Any,
                                                      django_capture_on_commit_callbacks: Any) -> None:
    question = exercise.questions.get(kind="multiple_choice")
    with django_capture_on_commit_callbacks(execute=True):
        api_client_for(student).post("/api/attempts/", {"question": question.pk, "answer": {"choice": 1}}, format="json")
    body = api_client_for(teacher).get("/api/courses/memory-101/gradebook/").json()
    assert body["exercises"] == [{"id": exercise.pk, "title": "Ex", "max_score": 3.0}]
    assert body["students"] == [{"username": "sam_student", "scores": [1.0], "total": 1.0}]


@pytest.mark.django_db
def test_the_schema_and_docs_are_served(student: Any, api_client_for: Any, client: Any) -> None:
    schema = api_client_for(student).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    paths = json.loads(schema.content)["paths"]
    assert {"/api/attempts/", "/api/attempts/{attempt_id}/", "/api/exercises/{exercise_id}/"} <= set(paths)
    client.force_login(student)
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs.content
    assert client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js").status_code == 200
