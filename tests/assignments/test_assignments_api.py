"""The assignments API: each student sees their own effective dates; teachers create assignments (times without an
offset read in the course's zone) and grant extensions; everyone else is refused."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from assignments import services
from assignments.models import Assignment, Extension

DUE = datetime(2024, 10, 15, 21, 59, tzinfo=UTC)


@pytest.fixture
def paris_week(make_assignment: Callable[..., Any], exercise: Any) -> Any:
    exercise.module.course.time_zone = "Europe/Paris"
    exercise.module.course.save()
    return make_assignment([exercise], due_at=DUE, late_days=7, late_credit=50)


@pytest.mark.django_db
def test_a_student_sees_their_effective_dates_in_the_course_zone(
    api_client_for: Callable[[Any], Any], student: Any, paris_week: Any, exercise: Any, set_now: Any
) -> None:
    services.extension_grant(assignment=paris_week, student=student, due_at=DUE + timedelta(days=1))
    set_now(DUE + timedelta(hours=1))
    [item] = api_client_for(student).get("/api/courses/memory-101/assignments/").json()
    assert item == {
        "id": paris_week.pk, "title": "Week 1", "exercises": [exercise.pk], "opens_at": None,
        "due_at": "2024-10-16T23:59:00+02:00", "late_until": "2024-10-23T23:59:00+02:00", "late_days": 7,
        "late_credit": 50, "time_zone": "Europe/Paris", "extension": True, "status": "on_time", "credit_now": 100,
        "text": item["text"],
    }
    assert item["text"].startswith("Due Wed 16 Oct 2024, 23:59 CEST.")


@pytest.mark.django_db
def test_the_teacher_sees_the_general_dates(api_client_for: Callable[[Any], Any], teacher: Any, student: Any,
                                            paris_week: Any, set_now: Any) -> None:
    services.extension_grant(assignment=paris_week, student=student, due_at=DUE + timedelta(days=1))
    set_now(DUE + timedelta(hours=1))
    [item] = api_client_for(teacher).get("/api/courses/memory-101/assignments/").json()
    assert (item["due_at"], item["extension"], item["status"], item["credit_now"]) == (
        "2024-10-15T23:59:00+02:00", False, "late", 50)


@pytest.mark.django_db
def test_a_teacher_creates_an_assignment_and_a_naive_time_is_in_the_course_zone(
    api_client_for: Callable[[Any], Any], teacher: Any, exercise: Any
) -> None:
    exercise.module.course.time_zone = "Europe/Paris"
    exercise.module.course.save()
    response = api_client_for(teacher).post("/api/courses/memory-101/assignments/", {
        "title": "Week 2", "exercises": [exercise.pk], "due_at": "2024-10-15T23:59", "late_days": 3,
        "late_credit": 25,
    }, format="json")
    assert response.status_code == 201, response.json()
    assert Assignment.objects.get().due_at == DUE
    assert response.json()["due_at"] == "2024-10-15T23:59:00+02:00"


@pytest.mark.django_db
def test_creating_refuses_an_exercise_of_another_course_with_a_clear_message(
    api_client_for: Callable[[Any], Any], teacher: Any, exercise: Any
) -> None:
    response = api_client_for(teacher).post("/api/courses/memory-101/assignments/", {
        "title": "Week 2", "exercises": [exercise.pk + 1000], "due_at": "2024-10-15T23:59Z",
    }, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == f"exercises: Memory 101 has no exercise {exercise.pk + 1000}."


@pytest.mark.django_db
def test_creating_refuses_impossible_dates(api_client_for: Callable[[Any], Any], teacher: Any, exercise: Any) -> None:
    response = api_client_for(teacher).post("/api/courses/memory-101/assignments/", {
        "title": "Week 2", "exercises": [exercise.pk], "due_at": "2024-10-15T23:59Z", "opens_at": "2024-10-16T00:00Z",
    }, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "The opening time must be before the due time."


@pytest.mark.django_db
def test_students_and_outsiders_cannot_create_assignments(
    api_client_for: Callable[[Any], Any], student: Any, outsider: Any, exercise: Any
) -> None:
    body = {"title": "Mine", "exercises": [exercise.pk], "due_at": "2024-10-15T23:59Z"}
    assert api_client_for(student).post("/api/courses/memory-101/assignments/", body, format="json").status_code == 403
    assert api_client_for(outsider).post("/api/courses/memory-101/assignments/", body, format="json").status_code == 404
    assert api_client_for(None).post("/api/courses/memory-101/assignments/", body, format="json").status_code in (401, 403)
    assert not Assignment.objects.exists()


@pytest.mark.django_db
def test_outsiders_do_not_see_a_courses_assignments(api_client_for: Callable[[Any], Any], outsider: Any,
                                                    paris_week: Any) -> None:
    assert api_client_for(outsider).get("/api/courses/memory-101/assignments/").status_code == 404


@pytest.mark.django_db
def test_a_teacher_grants_an_extension_by_user_name(api_client_for: Callable[[Any], Any], teacher: Any,
                                                    student: Any, paris_week: Any) -> None:
    response = api_client_for(teacher).post(f"/api/assignments/{paris_week.pk}/extensions/", {
        "student": "sam_student", "due_at": "2024-10-18T23:59", "reason": "ill",
    }, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["due_at"], response.json()["extension"]) == ("2024-10-18T23:59:00+02:00", True)
    assert Extension.objects.get().due_at == DUE + timedelta(days=3)


@pytest.mark.django_db
def test_extensions_are_refused_for_unknown_users_and_to_students(
    api_client_for: Callable[[Any], Any], teacher: Any, student: Any, paris_week: Any
) -> None:
    url = f"/api/assignments/{paris_week.pk}/extensions/"
    unknown = api_client_for(teacher).post(url, {"student": "nobody", "late_days": 3}, format="json")
    assert (unknown.status_code, unknown.json()["error"]["message"]) == (400, 'student: There is no user "nobody".')
    assert api_client_for(student).post(url, {"student": "sam_student", "late_days": 30}, format="json").status_code == 403
    assert api_client_for(teacher).post("/api/assignments/999999/extensions/", {"student": "sam_student"},
                                        format="json").status_code == 404
    assert not Extension.objects.exists()


@pytest.mark.django_db
def test_the_schema_documents_the_assignment_endpoints(api_client_for: Callable[[Any], Any], student: Any) -> None:
    schema = api_client_for(student).get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/courses/{slug}/assignments/" in schema["paths"]
    assert "/api/assignments/{assignment_id}/extensions/" in schema["paths"]
