"""The pages students already use show what is due, when (in the course's time zone) and what an answer now earns;
the attempts API says what a late attempt earned; a refused answer is a 409 with the reason, never a 500."""

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from assignments import services
from exercises.models import Attempt

DUE = datetime(2024, 10, 15, 21, 59, tzinfo=UTC)


@pytest.fixture
def week(make_assignment: Callable[..., Any], exercise: Any) -> Any:
    exercise.module.course.time_zone = "Europe/Paris"
    exercise.module.course.save()
    return make_assignment([exercise], due_at=DUE, late_days=7, late_credit=50)


@pytest.mark.django_db
def test_the_course_page_lists_the_assignment_with_its_due_time_in_the_course_zone(
    client: Any, student: Any, week: Any, set_now: Any
) -> None:
    set_now(DUE - timedelta(days=1))
    client.force_login(student)
    html = client.get("/courses/memory-101/").content.decode()
    assert "Times are in Europe/Paris." in html
    assert "Due Tue 15 Oct 2024, 23:59 CEST. After that, an answer earns 50% of its score until" in html
    assert '<span class="badge accent">Open</span>' in html
    assert 'href="/exercises/' in html and ">Stack frames</a>" in html


@pytest.mark.django_db
def test_the_exercise_page_says_what_a_late_answer_is_worth_now(
    client: Any, student: Any, week: Any, exercise: Any, set_now: Any
) -> None:
    set_now(DUE + timedelta(hours=2))
    client.force_login(student)
    html = client.get(f"/exercises/{exercise.pk}/").content.decode()
    assert 'data-phase="late" data-credit-now="50"' in html
    assert '<span class="badge warn">Late: 50% credit</span>' in html
    assert "Past due since Tue 15 Oct 2024, 23:59 CEST: an answer now earns 50% of its score" in html


@pytest.mark.django_db
def test_a_student_with_an_extension_sees_their_own_dates(
    client: Any, student: Any, other_student: Any, week: Any, exercise: Any, set_now: Any
) -> None:
    services.extension_grant(assignment=week, student=student, due_at=DUE + timedelta(days=3))
    set_now(DUE + timedelta(hours=2))
    client.force_login(student)
    html = client.get(f"/exercises/{exercise.pk}/").content.decode()
    assert 'data-phase="on_time"' in html and "Your extension" in html
    assert "Due Fri 18 Oct 2024, 23:59 CEST." in html
    client.force_login(other_student)
    assert 'data-phase="late"' in client.get(f"/exercises/{exercise.pk}/").content.decode()


@pytest.mark.django_db
def test_an_exercise_outside_assignments_shows_no_banner(client: Any, student: Any, exercise: Any) -> None:
    client.force_login(student)
    assert "data-assignment-status" not in client.get(f"/exercises/{exercise.pk}/").content.decode()
    assert "data-assignments" not in client.get("/courses/memory-101/").content.decode()


def submit_buttons(html: str) -> list[str]:
    return re.findall(r'<button type="submit" class="btn"[^>]*>', html)


@pytest.mark.django_db
@pytest.mark.parametrize(("moment", "note"), [
    (DUE + timedelta(days=8), "Answers to this question are no longer accepted: its assignment is closed."),
    (DUE - timedelta(days=30), "This question opens with its assignment: answers are accepted from "),
], ids=["closed", "not-open"])
def test_a_student_cannot_submit_while_the_assignment_does_not_accept_answers(
    client: Any, student: Any, week: Any, exercise: Any, set_now: Any, moment: datetime, note: str
) -> None:
    if moment < DUE:
        week.opens_at = DUE - timedelta(days=7)
        week.save()
    set_now(moment)
    client.force_login(student)
    html = client.get(f"/exercises/{exercise.pk}/").content.decode()
    assert note in html
    assert submit_buttons(html) and all(" disabled" in b for b in submit_buttons(html))


@pytest.mark.django_db
def test_the_course_s_teacher_can_still_try_a_closed_assignment_s_questions(
    client: Any, teacher: Any, week: Any, exercise: Any, set_now: Any
) -> None:
    set_now(DUE + timedelta(days=8))
    client.force_login(teacher)
    html = client.get(f"/exercises/{exercise.pk}/").content.decode()
    assert "data-closed-note" not in html
    assert submit_buttons(html) and not any(" disabled" in b for b in submit_buttons(html))


@pytest.mark.django_db
def test_students_can_submit_while_answers_earn_late_credit(
    client: Any, student: Any, week: Any, exercise: Any, set_now: Any
) -> None:
    set_now(DUE + timedelta(hours=2))
    client.force_login(student)
    html = client.get(f"/exercises/{exercise.pk}/").content.decode()
    assert "data-closed-note" not in html and not any(" disabled" in b for b in submit_buttons(html))


@pytest.mark.django_db
def test_a_closed_assignment_refuses_answers_through_the_api_with_a_409(
    api_client_for: Callable[[Any], Any], student: Any, week: Any, question: Any, set_now: Any
) -> None:
    set_now(DUE + timedelta(days=8))
    response = api_client_for(student).post("/api/attempts/", {"question": question.pk, "answer": {"choice": 0}},
                                            format="json")
    assert response.status_code == 409
    assert response.json() == {"error": {
        "code": "assignment_closed", "details": None,
        "message": "This assignment closed Tue 22 Oct 2024, 23:59 CEST; answers are no longer accepted.",
    }}
    assert not Attempt.objects.exists()


@pytest.mark.django_db
def test_the_attempt_api_shows_the_late_credit_it_was_submitted_with(
    api_client_for: Callable[[Any], Any], student: Any, week: Any, question: Any, set_now: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    set_now(DUE + timedelta(hours=1))
    client = api_client_for(student)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post("/api/attempts/", {"question": question.pk, "answer": {"choice": 0}}, format="json")
    assert created.status_code == 202
    detail = client.get(created.json()["url"]).json()
    assert (detail["score"], detail["status"]) == (2.0, "graded")
    credit = detail["credit"]
    assert (credit["late"], credit["multiplier"], credit["credited_score"]) == (True, 0.5, 1.0)
    assert credit["submitted_at"] == "2024-10-15T22:59:00+00:00"
    assert credit["rule"]["due_at"] == "2024-10-15T21:59:00+00:00"


@pytest.mark.django_db
def test_an_attempt_outside_assignments_has_no_credit_in_the_api(
    api_client_for: Callable[[Any], Any], student: Any, question: Any, submit: Callable[..., Any]
) -> None:
    attempt = submit(student, question, {"choice": 0})
    assert api_client_for(student).get(f"/api/attempts/{attempt.pk}/").json()["credit"] is None


@pytest.mark.django_db
def test_a_late_right_answer_completes_the_question_worth_its_credit(
    client: Any, student: Any, week: Any, exercise: Any, question: Any, submit: Callable[..., Any], set_now: Any
) -> None:
    set_now(DUE + timedelta(hours=2))
    submit(student, question, {"choice": 0})
    client.force_login(student)
    html = client.get(f"/exercises/{exercise.pk}/").content.decode()
    assert 'data-completed="true"' in html
    assert "Best score: 1 / 2" in html
    assert '<span data-complete>1</span> of 1 question' in html
