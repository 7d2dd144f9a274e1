"""The rows of each export, read from database cursors (QuerySet.iterator) so that no more than a chunk of students
or attempts is in memory at once, whatever the size of the course. Scores are credited scores (the late credit
each attempt was submitted with: assignments/), as in the gradebook. Exports read; nothing here writes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, FloatField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from assignments import rules
from assignments.models import Assignment
from exercises.models import Attempt, Course, Enrollment, Question
from lti.models import LtiUser

CHUNK = 500


@dataclass(frozen=True)
class GradeItem:
    """A column of an LMS import: one assignment and the points it is out of (its published questions)."""

    id: int
    title: str
    points: float


def grade_items(*, course: Course) -> list[GradeItem]:
    """The course's assignments in due order, with their points possible."""
    items = []
    for assignment in Assignment.objects.filter(course=course).order_by("due_at", "id"):
        points = Question.objects.filter(
            exercise__assignment_item__assignment=assignment, exercise__published=True
        ).aggregate(total=Coalesce(Sum("points"), 0))["total"]
        items.append(GradeItem(id=assignment.pk, title=assignment.title, points=float(points)))
    return items


LMS_IDS = ("lms_user_id", "sis_user_id", "lms_login_id")  # lti.models.LtiUser


@dataclass(frozen=True)
class StudentGrades:
    username: str
    first_name: str
    last_name: str
    email: str
    grades: list[float | None]  # per grade item; None when the student has no attempt on it yet
    lms_user_id: str = ""  # how the LMS knows the student, from their latest LTI launch ("" without one)
    sis_user_id: str = ""
    lms_login_id: str = ""


def student_grades_queryset(*, course: Course, items: list[GradeItem]) -> QuerySet[Any]:
    """One row per student of the course with, per assignment, the sum of their best credited scores and the number
    of questions they attempted, computed by the database in one query."""
    annotations: dict[str, Any] = {}
    for item in items:
        of_item = Q(progress__question__exercise__assignment_item__assignment_id=item.id,
                    progress__question__exercise__published=True)
        annotations[f"a{item.id}"] = Coalesce(Sum("progress__best_score", filter=of_item), Value(0.0),
                                              output_field=FloatField())
        annotations[f"n{item.id}"] = Count("progress", filter=of_item)
    launches = LtiUser.objects.filter(user=OuterRef("pk")).order_by("-last_launch")
    for name in LMS_IDS:
        annotations[name] = Subquery(launches.values(name)[:1])
    students = get_user_model().objects.filter(enrollments__course=course, enrollments__role=Enrollment.Role.STUDENT)
    return (students.annotate(**annotations).order_by("username", "id")
            .values("username", "first_name", "last_name", "email", *annotations))


def student_grades(*, course: Course, items: list[GradeItem], chunk_size: int = CHUNK) -> Iterator[StudentGrades]:
    for row in student_grades_queryset(course=course, items=items).iterator(chunk_size=chunk_size):
        yield StudentGrades(
            username=row["username"], first_name=row["first_name"], last_name=row["last_name"], email=row["email"],
            grades=[round(row[f"a{item.id}"], 2) if row[f"n{item.id}"] else None for item in items],
            **{name: row[name] or "" for name in LMS_IDS},
        )


@dataclass(frozen=True)
class Submission:
    attempt: int
    username: str
    email: str
    assignment: str
    exercise: str
    question: int
    question_order: int
    kind: str
    answer: str  # JSON, keys sorted
    status: str
    score: float | None
    max_score: float
    multiplier: float
    credited_score: float | None
    submitted: str  # ISO 8601 in the course's time zone
    late: bool


SUBMISSION_FIELDS = (
    "id", "student__username", "student__email", "question_id", "question__order", "question__kind",
    "question__exercise__title", "question__exercise__assignment_item__assignment__title", "answer", "status",
    "score", "max_score", "created", "credit__multiplier", "credit__late", "credit__submitted_at",
)


def submissions_queryset(*, course: Course) -> QuerySet[Any]:
    """Every attempt of the course as a row of SUBMISSION_FIELDS, oldest first: iterate it with .iterator()."""
    return (Attempt.objects.filter(question__exercise__module__course=course)
            .order_by("created", "id").values(*SUBMISSION_FIELDS))


def submissions(*, course: Course, chunk_size: int = CHUNK) -> Iterator[Submission]:
    """Every attempt in the course, oldest first, with its credited score and submission time in the course's zone."""
    zone = rules.zone(course.time_zone)
    for row in submissions_queryset(course=course).iterator(chunk_size=chunk_size):
        multiplier = row["credit__multiplier"] if row["credit__multiplier"] is not None else 1.0
        submitted = row["credit__submitted_at"] or row["created"]
        yield Submission(
            attempt=row["id"], username=row["student__username"], email=row["student__email"],
            assignment=row["question__exercise__assignment_item__assignment__title"] or "",
            exercise=row["question__exercise__title"], question=row["question_id"],
            question_order=row["question__order"], kind=row["question__kind"],
            answer=json.dumps(row["answer"], sort_keys=True, separators=(",", ":")), status=row["status"],
            score=row["score"], max_score=row["max_score"], multiplier=multiplier,
            credited_score=rules.credited(row["score"], multiplier),
            submitted=submitted.astimezone(zone).isoformat(timespec="seconds"), late=bool(row["credit__late"]),
        )
