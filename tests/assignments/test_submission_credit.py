"""Submitting under an assignment: refused before it opens and after it closes (nothing written), and every
attempt keeps the credit of the rule that held when it was submitted, which the gradebook then counts."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from assignments import selectors, services
from assignments.models import AttemptCredit
from exercises import selectors as exercise_selectors
from exercises import services as exercise_services
from exercises.errors import ApplicationError
from exercises.models import Attempt, Progress

RIGHT, WRONG = {"choice": 0}, {"choice": 1}
DUE = datetime(2024, 10, 15, 21, 59, tzinfo=UTC)


@pytest.fixture
def week(make_assignment: Callable[..., Any], exercise: Any) -> Any:
    return make_assignment([exercise], opens_at=DUE - timedelta(days=7), due_at=DUE, late_days=7, late_credit=50)


@pytest.mark.django_db
def test_an_exercise_outside_any_assignment_earns_full_credit_without_a_snapshot(
    student: Any, question: Any, submit: Callable[..., Any]
) -> None:
    attempt = submit(student, question, RIGHT)
    assert not AttemptCredit.objects.filter(attempt=attempt).exists()
    assert selectors.attempt_credited_score(attempt=attempt) == 2.0
    assert Progress.objects.get(student=student, question=question).best_score == 2.0


@pytest.mark.django_db
def test_an_answer_exactly_at_the_due_time_is_on_time(
    student: Any, question: Any, week: Any, submit: Callable[..., Any], set_now: Any
) -> None:
    set_now(DUE)
    attempt = submit(student, question, RIGHT)
    credit = attempt.credit
    assert (credit.late, credit.multiplier, credit.submitted_at, credit.assignment) == (False, 1.0, DUE, week)
    assert selectors.attempt_credited_score(attempt=attempt) == 2.0


@pytest.mark.django_db
def test_a_late_answer_earns_the_late_credit_in_progress_and_the_gradebook(
    student: Any, question: Any, week: Any, submit: Callable[..., Any], set_now: Any
) -> None:
    set_now(DUE + timedelta(microseconds=1))
    attempt = submit(student, question, RIGHT)
    assert (attempt.score, attempt.credit.late, attempt.credit.multiplier) == (2.0, True, 0.5)
    assert selectors.attempt_credited_score(attempt=attempt) == 1.0
    progress = Progress.objects.get(student=student, question=question)
    assert (progress.best_score, progress.completed) == (1.0, True)  # fully right, worth half: still completed
    [row] = exercise_selectors.gradebook_rows(course=week.course)
    assert row == {"username": "sam_student", "scores": [1.0], "total": 1.0}


@pytest.mark.django_db
def test_the_best_credited_score_counts_whichever_attempt_it_comes_from(
    student: Any, question: Any, week: Any, submit: Callable[..., Any], set_now: Any
) -> None:
    set_now(DUE - timedelta(hours=1))
    submit(student, question, WRONG)  # on time, 0 points
    set_now(DUE + timedelta(hours=1))
    submit(student, question, RIGHT)  # late, 2 points worth 1
    set_now(DUE + timedelta(days=2))
    submit(student, question, WRONG)
    assert Progress.objects.get(student=student, question=question).best_score == 1.0


@pytest.mark.parametrize("moment, code, message", [
    (DUE - timedelta(days=7, microseconds=1), "assignment_not_open",
     "This assignment opens Tue 8 Oct 2024, 21:59 UTC; answers are not accepted before then."),
    (DUE + timedelta(days=7, microseconds=1), "assignment_closed",
     "This assignment closed Tue 22 Oct 2024, 21:59 UTC; answers are no longer accepted."),
])
@pytest.mark.django_db
def test_answers_outside_the_assignment_are_refused_and_nothing_is_written(
    student: Any, question: Any, week: Any, set_now: Any, moment: datetime, code: str,
    message: str,
) -> None:
    set_now(moment)
    with pytest.raises(ApplicationError) as refused:
        exercise_services.attempt_submit(student=student, question=question, answer=RIGHT)
    assert (refused.value.status, refused.value.code, refused.value.message) == (409, code, message)
    assert not Attempt.objects.exists() and not AttemptCredit.objects.exists() and not Progress.objects.exists()


@pytest.mark.django_db
def test_a_teacher_may_try_the_exercise_after_it_closed_and_gets_no_snapshot(
    teacher: Any, question: Any, week: Any, submit: Callable[..., Any], set_now: Any
) -> None:
    set_now(DUE + timedelta(days=30))
    attempt = submit(teacher, question, RIGHT)
    assert attempt.status == Attempt.Status.GRADED
    assert selectors.attempt_credit(attempt=attempt) is None


@pytest.mark.django_db
def test_an_extension_moves_one_students_dates_only(
    student: Any, other_student: Any, question: Any, week: Any, submit: Callable[..., Any],
    set_now: Any,
) -> None:
    services.extension_grant(assignment=week, student=student, due_at=DUE + timedelta(days=3), reason="ill")
    set_now(DUE + timedelta(days=2))
    mine, theirs = submit(student, question, RIGHT), submit(other_student, question, RIGHT)
    assert (mine.credit.late, mine.credit.multiplier, mine.credit.rule["extension"]) == (False, 1.0, True)
    assert mine.credit.rule["due_at"] == "2024-10-18T21:59:00+00:00"
    assert (theirs.credit.late, theirs.credit.multiplier, theirs.credit.rule["extension"]) == (True, 0.5, False)


@pytest.mark.django_db
def test_an_extension_can_change_the_late_rule_and_keeps_the_rest(
    student: Any, question: Any, week: Any, submit: Callable[..., Any], set_now: Any
) -> None:
    services.extension_grant(assignment=week, student=student, late_days=14, late_credit=80)
    set_now(DUE + timedelta(days=10))  # closed for everyone else
    attempt = submit(student, question, RIGHT)
    assert (attempt.credit.late, attempt.credit.multiplier) == (True, 0.8)
    assert attempt.credit.rule["due_at"] == "2024-10-15T21:59:00+00:00"


@pytest.mark.django_db
def test_editing_the_dates_later_does_not_change_old_grades(
    student: Any, question: Any, week: Any, submit: Callable[..., Any], set_now: Any
) -> None:
    set_now(DUE + timedelta(days=1))
    attempt = submit(student, question, RIGHT)
    week.due_at = DUE + timedelta(days=5)  # the teacher moves the due date afterwards
    week.late_credit = 10
    week.save()
    attempt.refresh_from_db()
    assert (attempt.credit.late, attempt.credit.multiplier) == (True, 0.5)
    assert selectors.attempt_credited_score(attempt=attempt) == 1.0
    assert Progress.objects.get(student=student, question=question).best_score == 1.0


@pytest.mark.django_db
def test_deleting_the_assignment_keeps_the_credit_of_past_attempts(
    student: Any, question: Any, week: Any, submit: Callable[..., Any], set_now: Any
) -> None:
    set_now(DUE + timedelta(days=1))
    attempt = submit(student, question, RIGHT)
    week.delete()
    attempt.refresh_from_db()
    assert (attempt.credit.assignment, attempt.credit.multiplier) == (None, 0.5)
    assert selectors.attempt_credited_score(attempt=attempt) == 1.0


@pytest.mark.django_db
def test_a_pending_attempt_has_no_credited_score_yet(
    student: Any, question: Any, week: Any, set_now: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    set_now(DUE + timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=False):
        attempt = exercise_services.attempt_submit(student=student, question=question, answer=RIGHT)
    assert selectors.attempt_credited_score(attempt=attempt) is None
    assert selectors.attempt_credit_json(attempt=attempt)["credited_score"] is None

