"""The assignments API: what is due in a course (each student sees their own dates), creating an assignment and
granting an extension (the course's teachers). Thin views: validate, call one service or selector, answer. Times
are ISO 8601 with the course's UTC offset; a time without an offset is read in the course's time zone."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from assignments import rules, selectors, services
from assignments.models import Assignment
from exercises import selectors as exercise_selectors
from exercises.api import ERROR_SHAPE
from exercises.errors import Forbidden, NotFound
from exercises.models import Course, Exercise


def _iso(moment: Any, time_zone: str) -> str | None:
    return moment.astimezone(rules.zone(time_zone)).isoformat() if moment else None


class AssignmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="assignment.id")
    title = serializers.CharField(source="assignment.title")
    exercises = serializers.ListField(child=serializers.IntegerField(), source="exercise_ids")
    opens_at = serializers.SerializerMethodField()
    due_at = serializers.SerializerMethodField()
    late_until = serializers.SerializerMethodField(help_text="The end of the late period; null without one.")
    late_days = serializers.IntegerField(source="rule.late_days")
    late_credit = serializers.IntegerField(source="rule.late_credit", help_text="Percent a late answer earns.")
    time_zone = serializers.CharField(source="rule.time_zone")
    extension = serializers.BooleanField(source="rule.extension", help_text="These are your own extended dates.")
    status = serializers.CharField(source="standing.phase", help_text="not_open, on_time, late or closed, now.")
    credit_now = serializers.IntegerField(source="late_credit_now", help_text="Percent an answer now earns.")
    text = serializers.CharField(help_text="The same, in words, in the course's time zone.")

    def get_opens_at(self, status: selectors.AssignmentStatus) -> str | None:
        return _iso(status.rule.opens_at, status.rule.time_zone)

    def get_due_at(self, status: selectors.AssignmentStatus) -> str | None:
        return _iso(status.rule.due_at, status.rule.time_zone)

    def get_late_until(self, status: selectors.AssignmentStatus) -> str | None:
        return _iso(status.rule.late_until, status.rule.time_zone)


def _enrolled_course(request: Request, slug: str) -> Course:
    course = exercise_selectors.course_get(slug=slug)
    if not exercise_selectors.user_is_enrolled(user=request.user, course=course):
        raise NotFound("You are not enrolled in this course.")
    return course


def _require_teacher(request: Request, course: Course) -> None:
    if not exercise_selectors.user_is_teacher(user=request.user, course=course):
        raise Forbidden("Only the teachers of this course can change its assignments.")


class CourseAssignmentsApi(APIView):
    class InputSerializer(serializers.Serializer):
        title = serializers.CharField(max_length=200)
        exercises = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
        opens_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
        due_at = serializers.DateTimeField()
        late_days = serializers.IntegerField(min_value=0, max_value=366, default=0)
        late_credit = serializers.IntegerField(min_value=0, max_value=100, default=0)

    @extend_schema(responses={200: AssignmentSerializer(many=True), 404: ERROR_SHAPE})
    def get(self, request: Request, slug: str) -> Response:
        course = _enrolled_course(request, slug)
        student = None if exercise_selectors.user_is_teacher(user=request.user, course=course) else request.user
        statuses = selectors.course_assignments(course=course, student=student)
        return Response(AssignmentSerializer(statuses, many=True).data)

    @extend_schema(request=InputSerializer,
                   responses={201: AssignmentSerializer, 400: ERROR_SHAPE, 403: ERROR_SHAPE, 404: ERROR_SHAPE})
    def post(self, request: Request, slug: str) -> Response:
        course = _enrolled_course(request, slug)
        _require_teacher(request, course)
        with timezone.override(rules.zone(course.time_zone)):
            serializer = self.InputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        ids = data.pop("exercises")
        exercises = list(Exercise.objects.filter(pk__in=ids, module__course=course).select_related("module"))
        missing = sorted(set(ids) - {e.pk for e in exercises})
        if missing:
            raise serializers.ValidationError({"exercises": [f"{course} has no exercise {missing[0]}."]})
        exercises.sort(key=lambda e: ids.index(e.pk))
        assignment = services.assignment_create(course=course, exercises=exercises, **data)
        [created] = [s for s in selectors.course_assignments(course=course) if s.assignment.pk == assignment.pk]
        return Response(AssignmentSerializer(created).data, status=status.HTTP_201_CREATED)


class ExtensionCreateApi(APIView):
    class InputSerializer(serializers.Serializer):
        student = serializers.CharField(help_text="The student's user name.")
        opens_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
        due_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
        late_days = serializers.IntegerField(min_value=0, max_value=366, required=False, allow_null=True, default=None)
        late_credit = serializers.IntegerField(min_value=0, max_value=100, required=False, allow_null=True,
                                               default=None)
        reason = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)

    @extend_schema(request=InputSerializer,
                   responses={201: AssignmentSerializer, 400: ERROR_SHAPE, 403: ERROR_SHAPE, 404: ERROR_SHAPE})
    def post(self, request: Request, assignment_id: int) -> Response:
        assignment = Assignment.objects.select_related("course").filter(pk=assignment_id).first()
        if assignment is None or not exercise_selectors.user_is_enrolled(user=request.user, course=assignment.course):
            raise NotFound(f"There is no assignment {assignment_id}.")
        _require_teacher(request, assignment.course)
        with timezone.override(rules.zone(assignment.course.time_zone)):
            serializer = self.InputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        username = data.pop("student")
        student = get_user_model().objects.filter(username=username).first()
        if student is None:
            raise serializers.ValidationError({"student": [f'There is no user "{username}".']})
        services.extension_grant(assignment=assignment, student=student, **data)
        [mine] = [s for s in selectors.course_assignments(course=assignment.course, student=student)
                  if s.assignment.pk == assignment.pk]
        return Response(AssignmentSerializer(mine).data, status=status.HTTP_201_CREATED)
