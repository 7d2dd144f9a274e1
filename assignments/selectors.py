"""Reading assignments: the effective rule of a student (with an extension), what is due in a course, and the
credited score of an attempt. Other apps (the gradebook, exports, LTI grade passback, analytics) call these."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeAlias

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils import timezone

from assignments import rules
from assignments.models import Assignment, AssignmentExercise, AttemptCredit, Extension
from exercises import selectors as exercise_selectors
from exercises.models import Attempt, Course, Enrollment, Exercise

User: TypeAlias = AbstractBaseUser | AnonymousUser


def assignment_rule(*, assignment: Assignment, extension: Extension | None = None) -> rules.Rule:
    """The assignment's rule, with the fields the extension sets replacing its own."""
    def pick(name: str) -> Any:
        value = getattr(extension, name) if extension is not None else None
        return getattr(assignment, name) if value is None else value

    return rules.Rule(
        opens_at=pick("opens_at"), due_at=pick("due_at"), late_days=pick("late_days"), late_credit=pick("late_credit"),
        time_zone=assignment.course.time_zone, extension=extension is not None,
    )


def student_rule(*, assignment: Assignment, student: User) -> rules.Rule:
    """The rule that holds for this student: the assignment's, or with their extension."""
    extension = None
    if student.is_authenticated:
        extension = Extension.objects.filter(assignment=assignment, student_id=student.pk).order_by().first()
    return assignment_rule(assignment=assignment, extension=extension)


def exercise_assignment(*, exercise: Exercise) -> Assignment | None:
    """The assignment the exercise belongs to (at most one), or None."""
    item = AssignmentExercise.objects.select_related("assignment__course").filter(exercise=exercise).order_by().first()
    return item.assignment if item else None


@dataclass(frozen=True)
class AssignmentStatus:
    """An assignment as one student sees it now: their rule, where now falls under it, in words."""

    assignment: Assignment
    rule: rules.Rule
    standing: rules.Standing
    text: str
    exercise_ids: list[int] = field(default_factory=list)

    @property
    def late_credit_now(self) -> int:
        """The percent of its score an answer submitted now earns (0 when answers are refused)."""
        return round(self.standing.multiplier * 100)

    def local(self, moment: datetime | None) -> str:
        return rules.local_text(moment, self.rule.time_zone) if moment else ""

    @property
    def opens_text(self) -> str:
        return self.local(self.rule.opens_at)

    @property
    def due_text(self) -> str:
        return self.local(self.rule.due_at)

    @property
    def late_until_text(self) -> str:
        return self.local(self.rule.late_until)


def _status(assignment: Assignment, rule: rules.Rule, now: datetime, exercise_ids: list[int]) -> AssignmentStatus:
    return AssignmentStatus(assignment=assignment, rule=rule, standing=rules.standing(rule, now),
                            text=rules.describe(rule, now), exercise_ids=exercise_ids)


def course_assignments(*, course: Course, student: User | None = None, now: datetime | None = None
                       ) -> list[AssignmentStatus]:
    """The course's assignments in due order, each with the rule of `student` (their extension applied) or, without
    a student, the assignment's own rule."""
    now = now or timezone.now()
    assignments = list(Assignment.objects.filter(course=course).select_related("course").prefetch_related("items"))
    extensions: dict[int, Extension] = {}
    if student is not None and student.is_authenticated:
        mine = Extension.objects.filter(assignment__course=course, student_id=student.pk)
        extensions = {e.assignment_id: e for e in mine}
    return [
        _status(a, assignment_rule(assignment=a, extension=extensions.get(a.pk)), now,
                [item.exercise_id for item in a.items.all()])
        for a in assignments
    ]


def exercise_status(*, exercise: Exercise, student: User, now: datetime | None = None) -> AssignmentStatus | None:
    """The assignment of the exercise as this student sees it now, or None when the exercise has no assignment."""
    assignment = exercise_assignment(exercise=exercise)
    if assignment is None:
        return None
    rule = student_rule(assignment=assignment, student=student)
    ids = list(assignment.items.values_list("exercise_id", flat=True))
    return _status(assignment, rule, now or timezone.now(), ids)


def assignment_student_rules(*, assignment: Assignment) -> Iterator[tuple[int, rules.Rule]]:
    """(student id, effective rule) for every student of the course, streamed: the extension's where there is one."""
    extensions = {e.student_id: e for e in assignment.extensions.all()}
    students = Enrollment.objects.filter(course_id=assignment.course_id, role=Enrollment.Role.STUDENT)
    for student_id in students.order_by("user_id").values_list("user_id", flat=True).iterator(chunk_size=2000):
        yield student_id, assignment_rule(assignment=assignment, extension=extensions.get(student_id))


# --- credit of attempts --------------------------------------------------------------------------------------------


def attempt_credit(*, attempt: Attempt) -> AttemptCredit | None:
    """The snapshot stored when the attempt was submitted; None for an attempt outside any assignment."""
    try:
        return attempt.credit  # type: ignore[no-any-return]
    except AttemptCredit.DoesNotExist:
        return None


def attempt_multiplier(*, attempt: Attempt) -> float:
    credit = attempt_credit(attempt=attempt)
    return credit.multiplier if credit else 1.0


def attempt_credited_score(*, attempt: Attempt) -> float | None:
    """The score that counts in the gradebook: the raw score times the credit of its submission time (None until
    graded). Never recomputed from the assignment's current dates."""
    return rules.credited(attempt.score, attempt_multiplier(attempt=attempt))


def attempt_credit_json(*, attempt: Attempt) -> dict[str, Any] | None:
    """For the API and the page: late or not, the multiplier, the credited score, the rule as it was."""
    credit = attempt_credit(attempt=attempt)
    if credit is None:
        return None
    return {
        "assignment": credit.assignment_id, "late": credit.late, "multiplier": credit.multiplier,
        "credited_score": rules.credited(attempt.score, credit.multiplier),
        "submitted_at": credit.submitted_at.isoformat(), "rule": credit.rule,
    }


def course_assignment_rows(*, course: Course, user: User) -> list[dict[str, Any]]:
    """The course page's assignments: each status (a student's own dates; a teacher's or visitor's the general
    ones) with the published exercises it holds, in module order."""
    teacher = exercise_selectors.user_is_teacher(user=user, course=course)
    student = user if exercise_selectors.enrollment_role(user=user, course=course) == Enrollment.Role.STUDENT else None
    statuses = course_assignments(course=course, student=student)
    exercises = Exercise.objects.filter(assignment_item__assignment__course=course).order_by(
        "module__order", "order", "id")
    if not teacher:
        exercises = exercises.filter(published=True)
    by_assignment: dict[int, list[Exercise]] = {}
    for exercise in exercises.select_related("assignment_item"):
        by_assignment.setdefault(exercise.assignment_item.assignment_id, []).append(exercise)
    return [{"status": s, "exercises": by_assignment.get(s.assignment.pk, [])} for s in statuses]
