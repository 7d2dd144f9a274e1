"""Every permission rule, with the same cast: a teacher, an enrolled student, another student, an outsider."""

from typing import Any

import pytest

from exercises import services


@pytest.fixture
def exercise(heap_program: str, make_exercise: Any) -> Any:
    return make_exercise(heap_program, [{"kind": "output"}])


@pytest.fixture
def draft(heap_program: str, make_exercise: Any) -> Any:
    return make_exercise(heap_program, [{"kind": "output"}], publish=False, title="Draft")


@pytest.fixture
def attempt(student: Any, exercise: Any, django_capture_on_commit_callbacks: Any) -> Any:
    with django_capture_on_commit_callbacks(execute=True):
        return services.attempt_submit(student=student, question=exercise.questions.get(), answer={"lines": ["hi"]})


def status(client: Any, method: str, url: str, data: Any = None) -> int:
    return int(getattr(client, method)(url, data, format="json").status_code)


# --- anonymous --------------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/courses/", "/api/courses/memory-101/", "/api/attempts/"])
def test_anonymous_users_must_log_in(url: str, course: Any, api_client_for: Any) -> None:
    response = api_client_for(None).get(url)
    assert response.status_code in (401, 403)
    assert response.json()["error"]["message"] == "Authentication credentials were not provided."


# --- attempts ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_student_sees_their_own_attempt(student: Any, attempt: Any, api_client_for: Any) -> None:
    assert status(api_client_for(student), "get", f"/api/attempts/{attempt.pk}/") == 200


@pytest.mark.django_db
def test_another_student_cannot_see_an_attempt(other_student: Any, attempt: Any, api_client_for: Any) -> None:
    response = api_client_for(other_student).get(f"/api/attempts/{attempt.pk}/")
    assert response.status_code == 404
    assert response.json()["error"] == {"code": "not_found", "message": f"There is no attempt {attempt.pk}.", "details": None}


@pytest.mark.django_db
def test_an_outsider_cannot_see_an_attempt(outsider: Any, attempt: Any, api_client_for: Any) -> None:
    assert status(api_client_for(outsider), "get", f"/api/attempts/{attempt.pk}/") == 404


@pytest.mark.django_db
def test_a_teacher_of_the_course_sees_a_students_attempt(teacher: Any, attempt: Any, api_client_for: Any) -> None:
    assert status(api_client_for(teacher), "get", f"/api/attempts/{attempt.pk}/") == 200


# --- answering --------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_outsider_cannot_answer(outsider: Any, exercise: Any, api_client_for: Any) -> None:
    response = api_client_for(outsider).post(
        "/api/attempts/", {"question": exercise.questions.get().pk, "answer": {"lines": []}}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Enroll in this course before answering its questions."


@pytest.mark.django_db
def test_an_enrolled_student_can_answer(student: Any, exercise: Any, api_client_for: Any) -> None:
    data = {"question": exercise.questions.get().pk, "answer": {"lines": []}}
    assert status(api_client_for(student), "post", "/api/attempts/", data) == 202


@pytest.mark.django_db
def test_nobody_answers_a_draft(student: Any, draft: Any, api_client_for: Any) -> None:
    response = api_client_for(student).post(
        "/api/attempts/", {"question": draft.questions.get().pk, "answer": {"lines": []}}, format="json"
    )
    assert response.status_code == 400  # a student learns nothing of a draft, not even that its question exists
    assert response.json()["error"]["message"] == f"question: There is no question {draft.questions.get().pk}."


# --- exercises --------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_outsider_cannot_open_an_exercise(outsider: Any, exercise: Any, api_client_for: Any) -> None:
    response = api_client_for(outsider).get(f"/api/exercises/{exercise.pk}/")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Enroll in this course to see its exercises."


@pytest.mark.django_db
def test_a_student_cannot_open_a_draft_but_a_teacher_can(student: Any, teacher: Any, draft: Any,
                                                         api_client_for: Any) -> None:
    assert status(api_client_for(student), "get", f"/api/exercises/{draft.pk}/") == 404
    assert status(api_client_for(teacher), "get", f"/api/exercises/{draft.pk}/") == 200


@pytest.mark.django_db
def test_students_do_not_see_drafts_in_the_course(student: Any, teacher: Any, exercise: Any, draft: Any,
                                                  api_client_for: Any) -> None:
    def titles(user: Any) -> list[str]:
        modules = api_client_for(user).get("/api/courses/memory-101/").json()["modules"]
        return [e["title"] for m in modules for e in m["exercises"]]

    assert titles(student) == ["Ex"]
    assert titles(teacher) == ["Ex", "Draft"]


# --- grades -----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/courses/memory-101/gradebook/"])
def test_only_the_courses_teachers_see_its_grades_in_the_api(url: str, teacher: Any, student: Any, outsider: Any,
                                                             api_client_for: Any) -> None:
    assert status(api_client_for(teacher), "get", url) == 200
    assert status(api_client_for(student), "get", url) == 403
    assert status(api_client_for(outsider), "get", url) == 403
    assert api_client_for(student).get(url).json()["error"]["message"] == (
        "Only the teachers of this course can see its grades."
    )


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/courses/memory-101/gradebook/", "/courses/memory-101/gradebook.csv"])
def test_only_the_courses_teachers_see_its_gradebook_pages(url: str, client: Any, teacher: Any, student: Any,
                                                           outsider: Any) -> None:
    for user, expected in ((teacher, 200), (student, 403), (outsider, 403)):
        client.force_login(user)
        assert client.get(url).status_code == expected, user.username


@pytest.mark.django_db
def test_a_teacher_of_another_course_cannot_see_these_grades(make_user: Any, client: Any, course: Any) -> None:
    from exercises.models import Course, Enrollment

    other = Course.objects.create(title="Other", slug="other")
    elsewhere = make_user("teacher_elsewhere", is_staff=True)
    Enrollment.objects.create(user=elsewhere, course=other, role=Enrollment.Role.TEACHER)
    client.force_login(elsewhere)
    assert client.get("/courses/memory-101/gradebook.csv").status_code == 403


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in_for_the_gradebook(client: Any, course: Any) -> None:
    response = client.get("/courses/memory-101/gradebook/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- progress ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_progress_is_only_for_enrolled_users(student: Any, outsider: Any, course: Any, api_client_for: Any) -> None:
    assert status(api_client_for(student), "get", "/api/courses/memory-101/progress/") == 200
    assert status(api_client_for(outsider), "get", "/api/courses/memory-101/progress/") == 404
