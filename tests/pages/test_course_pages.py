from typing import Any

import pytest

from exercises.models import Enrollment

pytestmark = pytest.mark.django_db


def test_course_list_offers_enrollment_to_a_signed_in_outsider(client_for: Any, outsider: Any, exercise: Any) -> None:
    html = client_for(outsider).get("/courses/").content.decode()
    assert "Memory 101" in html
    assert 'action="/courses/memory-101/enroll/"' in html


def test_course_list_shows_enrolled_courses_as_open(client_for: Any, student: Any, exercise: Any) -> None:
    html = client_for(student).get("/courses/").content.decode()
    assert "Open course" in html
    assert "/enroll/" not in html


def test_enrolling_makes_the_user_a_student(client_for: Any, outsider: Any, course: Any) -> None:
    response = client_for(outsider).post("/courses/memory-101/enroll/")
    assert response.status_code == 302
    assert Enrollment.objects.get(user=outsider, course=course).role == Enrollment.Role.STUDENT


def test_enrolling_again_keeps_a_teacher_a_teacher(client_for: Any, teacher: Any, course: Any) -> None:
    client_for(teacher).post("/courses/memory-101/enroll/")
    assert Enrollment.objects.get(user=teacher, course=course).role == Enrollment.Role.TEACHER


def test_enrolling_needs_a_post(client_for: Any, outsider: Any, course: Any) -> None:
    assert client_for(outsider).get("/courses/memory-101/enroll/").status_code == 405


def test_anonymous_enrollment_goes_to_log_in(client_for: Any, course: Any) -> None:
    response = client_for(None).post("/courses/memory-101/enroll/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_unknown_course_is_a_404(client_for: Any, student: Any) -> None:
    assert client_for(student).get("/courses/no-such-course/").status_code == 404
    assert client_for(student).post("/courses/no-such-course/enroll/").status_code == 404


def test_course_page_renders_the_lesson_and_links_the_exercises(client_for: Any, student: Any, exercise: Any) -> None:
    html = client_for(student).get("/courses/memory-101/").content.decode()
    assert "<em>reachable</em>" in html
    assert f'href="/exercises/{exercise.pk}/"' in html
    assert "Not started" in html


def test_course_page_shows_progress_after_a_graded_attempt(
    client_for: Any, student: Any, exercise: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from exercises import services

    question = exercise.questions.get(kind="multiple_choice")
    with django_capture_on_commit_callbacks(execute=True):
        services.attempt_submit(student=student, question=question, answer={"choice": 0})
    html = client_for(student).get("/courses/memory-101/").content.decode()
    assert "1/7 questions done" in html
    assert "In progress" in html


def test_students_do_not_see_draft_exercises(client_for: Any, student: Any, draft_exercise: Any) -> None:
    html = client_for(student).get("/courses/memory-101/").content.decode()
    assert "Draft exercise" not in html


def test_teachers_see_draft_exercises_marked_as_drafts(client_for: Any, teacher: Any, draft_exercise: Any) -> None:
    html = client_for(teacher).get("/courses/memory-101/").content.decode()
    assert "Draft exercise" in html
    assert "Draft</span>" in html


def test_not_found_pages_use_the_site_layout(client_for: Any, student: Any, settings: Any) -> None:
    settings.DEBUG = False
    response = client_for(student).get("/courses/no-such-course/")
    assert response.status_code == 404
    assert "There is no course &quot;no-such-course&quot;." in response.content.decode()
    assert "Go to the courses" in response.content.decode()
