"""Creating assignments and extensions (the checks the admin and the API share), the course's time zone, and the
selectors other apps call: effective dates per student, statuses in words."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from assignments import selectors, services
from assignments.rules import Phase
from exercises.errors import ApplicationError
from exercises.models import Course, Exercise, Module

DUE = datetime(2024, 10, 15, 21, 59, tzinfo=UTC)


@pytest.mark.django_db
def test_a_course_time_zone_must_be_an_iana_name(course: Any) -> None:
    course.time_zone = "Europe/Paris"
    course.full_clean()
    course.time_zone = "CEST+2"
    with pytest.raises(ValidationError) as invalid:
        course.full_clean()
    assert invalid.value.message_dict["time_zone"] == [
        '"CEST+2" is not an IANA time zone; use a name such as UTC, Europe/Paris or America/New_York.'
    ]


@pytest.mark.django_db
def test_courses_are_in_utc_unless_told_otherwise(course: Any) -> None:
    assert Course.objects.get(pk=course.pk).time_zone == "UTC"


@pytest.mark.django_db
def test_an_exercise_belongs_to_at_most_one_assignment(make_assignment: Callable[..., Any], exercise: Any) -> None:
    make_assignment([exercise], due_at=DUE, title="First")
    with pytest.raises(ApplicationError) as refused:
        make_assignment([exercise], due_at=DUE, title="Second")
    assert refused.value.message == '"Stack frames" is already in the assignment "First".'


@pytest.mark.django_db
def test_an_assignment_takes_only_exercises_of_its_course(
    make_assignment: Callable[..., Any], heap_program: str
) -> None:
    elsewhere = Course.objects.create(title="Other", slug="other")
    module = Module.objects.create(course=elsewhere, title="M")
    foreign = Exercise.objects.create(module=module, title="Foreign", program=heap_program)
    with pytest.raises(ApplicationError) as refused:
        make_assignment([foreign], due_at=DUE)
    assert refused.value.message == '"Foreign" is not an exercise of Memory 101.'


@pytest.mark.django_db
def test_an_assignment_must_open_before_it_is_due_and_have_a_title(
    make_assignment: Callable[..., Any], exercise: Any
) -> None:
    with pytest.raises(ApplicationError) as refused:
        make_assignment([exercise], due_at=DUE, opens_at=DUE, title=" ", late_credit=150)
    assert refused.value.details == ["Give the assignment a title.", "The opening time must be before the due time.",
                                     "Late credit is a percentage from 0 to 100."]


@pytest.mark.django_db
def test_extensions_are_for_students_of_the_course(
    make_assignment: Callable[..., Any], exercise: Any, teacher: Any, outsider: Any
) -> None:
    assignment = make_assignment([exercise], due_at=DUE)
    for person in (teacher, outsider):
        with pytest.raises(ApplicationError) as refused:
            services.extension_grant(assignment=assignment, student=person, due_at=DUE + timedelta(days=1))
        assert refused.value.message == f"{person} is not a student of Memory 101."


@pytest.mark.django_db
def test_an_extension_cannot_make_the_dates_impossible(
    make_assignment: Callable[..., Any], exercise: Any, student: Any
) -> None:
    assignment = make_assignment([exercise], due_at=DUE, opens_at=DUE - timedelta(days=2))
    with pytest.raises(ApplicationError) as refused:
        services.extension_grant(assignment=assignment, student=student, due_at=DUE - timedelta(days=3))
    assert refused.value.message == "The opening time must be before the due time."


@pytest.mark.django_db
def test_granting_again_replaces_the_extension(make_assignment: Callable[..., Any], exercise: Any, student: Any
                                               ) -> None:
    assignment = make_assignment([exercise], due_at=DUE)
    services.extension_grant(assignment=assignment, student=student, due_at=DUE + timedelta(days=1))
    services.extension_grant(assignment=assignment, student=student, late_days=3, late_credit=20)
    rule = selectors.student_rule(assignment=assignment, student=student)
    assert (rule.due_at, rule.late_days, rule.late_credit, rule.extension) == (DUE, 3, 20, True)


@pytest.mark.django_db
def test_course_assignments_give_each_student_their_effective_dates(
    make_assignment: Callable[..., Any], exercise: Any, student: Any, other_student: Any
) -> None:
    assignment = make_assignment([exercise], due_at=DUE, late_days=7, late_credit=50)
    services.extension_grant(assignment=assignment, student=student, due_at=DUE + timedelta(days=2))
    now = DUE + timedelta(days=1)
    [mine] = selectors.course_assignments(course=assignment.course, student=student, now=now)
    [theirs] = selectors.course_assignments(course=assignment.course, student=other_student, now=now)
    [general] = selectors.course_assignments(course=assignment.course, now=now)
    assert (mine.rule.due_at, mine.standing.phase, mine.late_credit_now) == (DUE + timedelta(days=2), Phase.ON_TIME, 100)
    assert (theirs.rule.due_at, theirs.standing.phase, theirs.late_credit_now) == (DUE, Phase.LATE, 50)
    assert general.rule == theirs.rule
    assert mine.exercise_ids == [exercise.pk]
    assert dict(selectors.assignment_student_rules(assignment=assignment)) == {
        student.pk: mine.rule, other_student.pk: theirs.rule,
    }


@pytest.mark.django_db
def test_statuses_are_in_the_course_time_zone(make_assignment: Callable[..., Any], exercise: Any, student: Any
                                              ) -> None:
    Course.objects.filter(pk=exercise.module.course_id).update(time_zone="Europe/Paris")
    make_assignment([exercise], due_at=DUE, late_days=7, late_credit=50)
    exercise.refresh_from_db()
    status = selectors.exercise_status(exercise=exercise, student=student, now=DUE - timedelta(days=1))
    assert status is not None
    assert (status.due_text, status.late_until_text) == ("Tue 15 Oct 2024, 23:59 CEST", "Tue 22 Oct 2024, 23:59 CEST")
    assert status.text.startswith("Due Tue 15 Oct 2024, 23:59 CEST. After that, an answer earns 50%")


@pytest.mark.django_db
def test_an_exercise_without_assignment_has_no_status(exercise: Any, student: Any) -> None:
    assert selectors.exercise_status(exercise=exercise, student=student) is None


@pytest.mark.django_db
def test_the_demo_assignment_is_created_once(course: Any, exercise: Any) -> None:
    now = datetime(2024, 10, 1, 12, 0, 30, tzinfo=UTC)
    first = services.demo_assignment_ensure(course=course, title="Week 1", exercises=[exercise], now=now)
    assert first is not None
    assert (first.opens_at, first.due_at, first.late_days, first.late_credit) == (
        datetime(2024, 9, 30, 12, 0, tzinfo=UTC), datetime(2024, 10, 8, 12, 0, tzinfo=UTC), 7, 50)
    assert services.demo_assignment_ensure(course=course, title="Week 1", exercises=[exercise], now=now) is None
    assert course.assignments.count() == 1
