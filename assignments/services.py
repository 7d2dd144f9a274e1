"""Changing assignments: creating them and granting extensions, and at each submission the check that the
assignment accepts answers now and the snapshot of the credit the answer earns. Keyword-only functions; expected
failures raise exercises.errors.ApplicationError."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from assignments import rules, selectors
from assignments.models import Assignment, AssignmentExercise, AttemptCredit, Extension
from exercises import selectors as exercise_selectors
from exercises.errors import ApplicationError
from exercises.models import Attempt, Course, Enrollment, Exercise


@dataclass(frozen=True)
class Admission:
    """An answer the assignment accepts: under which rule, when, and what it is worth."""

    assignment: Assignment
    rule: rules.Rule
    standing: rules.Standing
    at: datetime


# --- submissions ---------------------------------------------------------------------------------------------------


def submission_admit(*, student: AbstractBaseUser, exercise: Exercise, at: datetime | None = None) -> Admission | None:
    """Whether the exercise's assignment accepts this student's answer at `at` (now): None when no assignment
    governs it (or the student teaches the course: teachers try their exercises at any time); raises
    ApplicationError (409) with the reason when it is not open yet or closed."""
    assignment = selectors.exercise_assignment(exercise=exercise)
    if assignment is None or exercise_selectors.user_is_teacher(user=student, course=assignment.course):
        return None
    at = at or timezone.now()
    rule = selectors.student_rule(assignment=assignment, student=student)
    current = rules.standing(rule, at)
    if not current.accepts:
        raise ApplicationError(rules.refusal(rule, at), status=409, code=f"assignment_{current.phase}")
    return Admission(assignment=assignment, rule=rule, standing=current, at=at)


@transaction.atomic
def attempt_credit_record(*, attempt: Attempt, admission: Admission | None) -> AttemptCredit | None:
    """Keep the rule and credit of the submission with the attempt, in the transaction that creates it."""
    if admission is None:
        return None
    return AttemptCredit.objects.create(
        attempt=attempt, assignment=admission.assignment, submitted_at=admission.at, late=admission.standing.late,
        multiplier=admission.standing.multiplier, rule=admission.rule.to_json(),
    )


# --- authoring -----------------------------------------------------------------------------------------------------


def assignment_problems(*, course: Course, rule: rules.Rule, exercises: Sequence[Exercise],
                        assignment: Assignment | None = None) -> list[str]:
    """Everything wrong with an assignment as given: the rule, and its exercises."""
    return [*rule.problems(), *exercise_problems(course=course, exercises=exercises, assignment=assignment)]


def exercise_problems(*, course: Course, exercises: Sequence[Exercise], assignment: Assignment | None = None
                      ) -> list[str]:
    """Exercises of another course, or already in another assignment than `assignment`."""
    found = []
    for exercise in exercises:
        if exercise.module.course_id != course.pk:
            found.append(f'"{exercise}" is not an exercise of {course}.')
    taken = AssignmentExercise.objects.filter(exercise__in=list(exercises)).select_related("assignment", "exercise")
    if assignment is not None:
        taken = taken.exclude(assignment=assignment)
    found += [f'"{item.exercise}" is already in the assignment "{item.assignment}".' for item in taken]
    return found


def _require(problems: list[str]) -> None:
    if problems:
        raise ApplicationError(" ".join(problems), code="invalid_assignment", details=problems)


@transaction.atomic
def assignment_create(*, course: Course, title: str, exercises: Sequence[Exercise], due_at: datetime,
                      opens_at: datetime | None = None, late_days: int = 0, late_credit: int = 0) -> Assignment:
    rule = rules.Rule(opens_at=opens_at, due_at=due_at, late_days=late_days, late_credit=late_credit,
                      time_zone=course.time_zone)
    problems = assignment_problems(course=course, rule=rule, exercises=exercises)
    if not title.strip():
        problems.insert(0, "Give the assignment a title.")
    _require(problems)
    assignment = Assignment.objects.create(course=course, title=title.strip(), opens_at=opens_at, due_at=due_at,
                                           late_days=late_days, late_credit=late_credit)
    AssignmentExercise.objects.bulk_create(
        AssignmentExercise(assignment=assignment, exercise=exercise, order=n) for n, exercise in enumerate(exercises, 1)
    )
    return assignment


def extension_problems(*, assignment: Assignment, student: AbstractBaseUser | None, rule: rules.Rule) -> list[str]:
    found = list(rule.problems())
    if student is not None and not Enrollment.objects.filter(
        user_id=student.pk, course_id=assignment.course_id, role=Enrollment.Role.STUDENT
    ).exists():
        found.append(f"{student} is not a student of {assignment.course}.")
    return found


@transaction.atomic
def extension_grant(*, assignment: Assignment, student: AbstractBaseUser, due_at: datetime | None = None,
                    opens_at: datetime | None = None, late_days: int | None = None, late_credit: int | None = None,
                    reason: str = "") -> Extension:
    """Give one student other dates or another late rule (granting again replaces the extension). Attempts already
    submitted keep the credit they were given."""
    extension = Extension(assignment=assignment, student=student, opens_at=opens_at, due_at=due_at,
                          late_days=late_days, late_credit=late_credit, reason=reason)
    rule = selectors.assignment_rule(assignment=assignment, extension=extension)
    _require(extension_problems(assignment=assignment, student=student, rule=rule))
    Extension.objects.filter(assignment=assignment, student=student).delete()
    extension.save()
    return extension


@transaction.atomic
def demo_assignment_ensure(*, course: Course, title: str, exercises: Sequence[Exercise], now: datetime | None = None
                           ) -> Assignment | None:
    """The demo course's assignment, created once (loading the demo again leaves it, and any edits, alone): open
    since yesterday, due in a week, then 50% credit for a week."""
    if course.assignments.exists() or not exercises:
        return None
    now = (now or timezone.now()).replace(second=0, microsecond=0)
    return assignment_create(course=course, title=title, exercises=exercises,
                             opens_at=now - timedelta(days=1), due_at=now + timedelta(days=7), late_days=7,
                             late_credit=50)
