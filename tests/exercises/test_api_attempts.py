"""POST and GET /api/attempts/."""

from typing import Any

import pytest

from exercises.models import Attempt

URL = "/api/attempts/"


@pytest.fixture
def exercise(heap_program: str, make_exercise: Any) -> Any:
    return make_exercise(heap_program, [{"kind": "reachable", "checkpoint": "A", "points": 2}, {"kind": "output"}])


def post(client: Any, question: Any, answer: Any, capture: Any) -> Any:
    with capture(execute=True):
        return client.post(URL, {"question": question.pk, "answer": answer}, format="json")


@pytest.mark.django_db
def test_submitting_answers_202_with_the_attempt_id(student: Any, exercise: Any, api_client_for: Any,
                                                    django_capture_on_commit_callbacks: Any) -> None:
    question = exercise.questions.get(kind="reachable")
    response = post(api_client_for(student), question, {"objects": ["A", "B#2"]}, django_capture_on_commit_callbacks)
    assert response.status_code == 202
    attempt = Attempt.objects.get()
    assert response.json() == {"id": attempt.pk, "status": "pending", "url": f"/api/attempts/{attempt.pk}/", "message": ""}


@pytest.mark.django_db
def test_a_graded_attempt_shows_score_feedback_and_the_true_memory(
    student: Any, exercise: Any, api_client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = api_client_for(student)
    question = exercise.questions.get(kind="reachable")
    attempt_id = post(client, question, {"objects": ["A"]}, django_capture_on_commit_callbacks).json()["id"]
    body = client.get(f"{URL}{attempt_id}/").json()
    assert (body["status"], body["score"], body["max_score"]) == ("graded", 1.0, 2.0)
    assert {p["part"]: p["correct"] for p in body["feedback"]} == {"A": True, "B#2": False}
    checkpoint = body["memory"]["checkpoint"]
    assert checkpoint["reachable"] == ["A", "B#2"]
    assert checkpoint["garbage"] == ["B#1"]
    assert checkpoint["locals"][1]["keep"] == {"object": "A"}
    assert checkpoint["heap"] == {"A": {"type": "object", "props": {"x": {"object": "B#2"}}}}
    assert body["memory"]["output"] == ["hi"]


@pytest.mark.django_db
def test_a_graded_attempt_compares_the_answer_with_the_true_checkpoint(
    student: Any, exercise: Any, api_client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = api_client_for(student)
    question = exercise.questions.get(kind="reachable")
    attempt_id = post(client, question, {"objects": ["A", "B#1"]}, django_capture_on_commit_callbacks).json()["id"]
    comparison = client.get(f"{URL}{attempt_id}/").json()["comparison"]
    assert (comparison["checkpoint"], comparison["name"], comparison["right"]) == (0, "A", False)
    assert comparison["marks"]["objects"] == {
        "2:11#1": {"kind": "extra", "note": "You picked B#1, but it is not reachable: it is garbage (unreachable)."},
        "2:11#2": {"kind": "missing", "note": "You left out B#2, but it is reachable."},
    }
    assert [item["kind"] for item in comparison["items"]] == ["extra", "missing"]


@pytest.mark.django_db
def test_an_output_question_has_no_comparison(student: Any, exercise: Any, api_client_for: Any,
                                              django_capture_on_commit_callbacks: Any) -> None:
    client = api_client_for(student)
    question = exercise.questions.get(kind="output")
    attempt_id = post(client, question, {"lines": ["hi"]}, django_capture_on_commit_callbacks).json()["id"]
    body = client.get(f"{URL}{attempt_id}/").json()
    assert body["status"] == "graded" and body["comparison"] is None


@pytest.mark.django_db
def test_a_pending_attempt_shows_no_memory_yet(student: Any, exercise: Any, api_client_for: Any,
                                               django_capture_on_commit_callbacks: Any) -> None:
    client = api_client_for(student)
    with django_capture_on_commit_callbacks(execute=False):
        attempt_id = client.post(URL, {"question": exercise.questions.get(kind="output").pk,
                                       "answer": {"lines": ["hi"]}}, format="json").json()["id"]
    body = client.get(f"{URL}{attempt_id}/").json()
    assert (body["status"], body["score"], body["memory"]) == ("pending", None, None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"objects": ["Q"]}, "answer: There is no object Q at this point; the objects are: A, B#1, B#2."),
        ({"objects": "A"}, 'answer: "objects" must be a list of texts.'),
        ({"frames": []}, 'answer: The answer is missing "objects".'),
        ("A, B", "answer: The answer must be a JSON object with objects."),
    ],
)
def test_a_malformed_answer_gets_400_with_a_clear_message(student: Any, exercise: Any, api_client_for: Any,
                                                          answer: Any, message: str) -> None:
    question = exercise.questions.get(kind="reachable")
    response = api_client_for(student).post(URL, {"question": question.pk, "answer": answer}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["message"]) == ("invalid", message)
    assert Attempt.objects.count() == 0


@pytest.mark.django_db
def test_a_missing_question_gets_400(student: Any, api_client_for: Any) -> None:
    response = api_client_for(student).post(URL, {"question": 999999, "answer": {}}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "question: There is no question 999999."


@pytest.mark.django_db
def test_missing_fields_get_400(student: Any, api_client_for: Any) -> None:
    response = api_client_for(student).post(URL, {}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "question: This field is required."


@pytest.mark.django_db
def test_a_student_lists_only_their_own_attempts(student: Any, other_student: Any, exercise: Any, api_client_for: Any,
                                                 django_capture_on_commit_callbacks: Any) -> None:
    question = exercise.questions.get(kind="output")
    post(api_client_for(other_student), question, {"lines": ["x"]}, django_capture_on_commit_callbacks)
    mine = post(api_client_for(student), question, {"lines": ["hi"]}, django_capture_on_commit_callbacks).json()["id"]
    listed = api_client_for(student).get(URL, {"question": question.pk}).json()
    assert [a["id"] for a in listed] == [mine]


@pytest.mark.django_db
def test_token_authentication_works(student: Any, exercise: Any, django_capture_on_commit_callbacks: Any) -> None:
    from rest_framework.test import APIClient

    client = APIClient()
    token = client.post("/api/auth/token/", {"username": student.username, "password": "pw-" + student.username}).json()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token['token']}")
    response = post(client, exercise.questions.get(kind="output"), {"lines": ["hi"]}, django_capture_on_commit_callbacks)
    assert response.status_code == 202
