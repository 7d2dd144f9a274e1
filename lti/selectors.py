"""Reading for LTI 1.3: the tool's JWKS, the score a passback sends, where a graded attempt's scores go, what a
teacher needs to see about passbacks, and what deep linking may offer. No writes here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet, Sum

from assignments.models import Assignment
from exercises import selectors as exercise_selectors
from exercises.models import Course, Enrollment, Exercise
from lti.keys import public_jwk
from lti.models import ContextMember, LtiUser, Passback, Platform, ResourceLink


def jwks() -> dict[str, Any]:
    """The public keys of every active platform's key pair, as the JWKS platforms fetch from memcourse."""
    keys, seen = [], set()
    for platform in Platform.objects.filter(is_active=True).exclude(public_key=""):
        if platform.key_id not in seen:
            seen.add(platform.key_id)
            keys.append(public_jwk(platform.public_key))
    return {"keys": keys}


@dataclass(frozen=True)
class Score:
    given: float
    maximum: float
    completed: bool


def exercise_max_score(*, exercise: Exercise) -> float:
    return float(exercise.questions.aggregate(total=Sum("points"))["total"] or 0)


def assignment_exercises(*, assignment: Assignment) -> list[Exercise]:
    return [item.exercise for item in assignment.items.select_related("exercise").order_by("order", "id")]


def assignment_max_score(*, assignment: Assignment) -> float:
    return sum(exercise_max_score(exercise=e) for e in assignment_exercises(assignment=assignment))


def passback_score(*, passback: Passback) -> Score:
    """The student's score for the link's exercise (or the sum over the assignment's exercises) now: their best
    credited score per question (the gradebook's number; assignments/ applies late credit), out of the points."""
    link = passback.link
    exercises = [link.exercise] if link.exercise else assignment_exercises(assignment=link.assignment) \
        if link.assignment else []
    user = get_user_model().objects.get(pk=passback.lti_user.user_id)
    rows = [exercise_selectors.exercise_progress(user=user, exercise=e) for e in exercises]
    maximum = float(sum(r["max_score"] for r in rows))
    given = min(round(float(sum(r["score"] for r in rows)), 2), maximum)
    questions, completed = sum(r["total"] for r in rows), sum(r["completed"] for r in rows)
    return Score(given=given, maximum=maximum, completed=questions > 0 and completed == questions)


def passback_targets(*, student_id: int, exercise_id: int) -> Iterator[tuple[ResourceLink, LtiUser]]:
    """(link, LMS identity) for every LMS link to the exercise or to its assignment with a grade endpoint, in the
    LMS courses where this student is a learner."""
    members = ContextMember.objects.filter(lti_user__user_id=student_id, role=Enrollment.Role.STUDENT,
                                           context__platform__is_active=True).select_related("lti_user")
    for member in members:
        links = ResourceLink.objects.filter(
            Q(exercise_id=exercise_id) | Q(assignment__items__exercise_id=exercise_id), context_id=member.context_id
        ).exclude(lineitem_url="", lineitems_url="").distinct()
        for link in links:
            yield link, member.lti_user


def course_passbacks_failed(*, course: Course) -> QuerySet[Passback]:
    """The course's passbacks an LMS did not take, newest first, for its teachers to see and resend."""
    return (Passback.objects.filter(link__context__course=course, status=Passback.Status.FAILED)
            .select_related("link__exercise", "link__context__platform", "lti_user__user"))


def course_passbacks_pending(*, course: Course) -> QuerySet[Passback]:
    return Passback.objects.filter(link__context__course=course, status=Passback.Status.PENDING)


def deep_link_assignments(*, course: Course) -> list[Assignment]:
    """The course's assignments that have exercises, in due order, for the deep-linking picker."""
    return list(Assignment.objects.filter(course=course, items__isnull=False).distinct().order_by("due_at", "id"))


def deep_link_exercises(*, course: Course) -> list[Exercise]:
    """What an instructor may link from the LMS: the course's published exercises, in course order."""
    return list(Exercise.objects.filter(module__course=course, published=True).select_related("module")
                .order_by("module__order", "module_id", "order", "id"))
