"""The class statistics in the JSON API, for a course's teachers: the same data as the pages."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from analytics import selectors
from exercises.api import ERROR_SHAPE


class BandSerializer(serializers.Serializer):
    label = serializers.CharField(help_text='"0%–20%", ..., "80%–100%" (below full marks), "100%".')
    low = serializers.FloatField()
    high = serializers.FloatField()
    count = serializers.IntegerField(help_text="Students whose best score is in this band.")


class DiscriminationSerializer(serializers.Serializer):
    value = serializers.FloatField(allow_null=True, help_text="The item-rest correlation; null when n/a.")
    n = serializers.IntegerField(help_text="Students it is computed over.")
    reason = serializers.CharField(help_text='Why it is n/a ("" when it has a value).')
    reading = serializers.CharField(help_text="very good (>= 0.4), good, fair, poor (< 0.2), or negative.")


class FiguresSerializer(serializers.Serializer):
    max_score = serializers.FloatField()
    attempts = serializers.IntegerField(help_text="Graded attempts by the course's students.")
    students = serializers.IntegerField(help_text="Students with at least one graded attempt.")
    first_tries = serializers.IntegerField(help_text="(student, question) pairs with a first graded attempt.")
    first_try_full = serializers.IntegerField(help_text="Of those, the first tries with full marks.")
    first_try_full_share = serializers.FloatField(allow_null=True)
    mean_best = serializers.FloatField(allow_null=True, help_text="Mean of each student's best score, 0..1.")
    mean_first_try = serializers.FloatField(allow_null=True, help_text="Mean of each student's first-try score, 0..1.")
    distribution = BandSerializer(many=True)
    discrimination = DiscriminationSerializer()


class QuestionStatisticsSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField(help_text="1 for the exercise's first question.")
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    checkpoint = serializers.CharField()
    prompt = serializers.CharField()
    points = serializers.IntegerField()
    figures = FiguresSerializer()


class ExerciseStatisticsSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    parameters = serializers.ListField(child=serializers.CharField())
    figures = FiguresSerializer()
    questions = QuestionStatisticsSerializer(many=True)


class ModuleStatisticsSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    figures = FiguresSerializer()
    exercises = ExerciseStatisticsSummarySerializer(many=True)


class AssignmentRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    due_at = serializers.DateTimeField()


class ScopeSerializer(serializers.Serializer):
    course = serializers.SlugField()
    title = serializers.CharField()
    discrimination_method = serializers.CharField()
    min_students = serializers.IntegerField(help_text="Discrimination needs at least this many students.")
    assignment = AssignmentRefSerializer(allow_null=True, help_text="The assignment filtered by, or null.")
    on_time_only = serializers.BooleanField(help_text="Whether only answers submitted on time count.")


class ScopeFilterSerializer(serializers.Serializer):
    assignment = serializers.IntegerField(required=False, help_text="Only this assignment's exercises.")
    on_time = serializers.BooleanField(required=False, default=False,
                                       help_text="Only answers submitted by the student's due time (not late).")


def _scope(request: Request, slug: str) -> selectors.Scope:
    course = selectors.course_for_teacher(slug=slug, user=request.user)
    filters = ScopeFilterSerializer(data=request.query_params)
    filters.is_valid(raise_exception=True)
    assignment_id = filters.validated_data.get("assignment")
    assignment = selectors.assignment_in_course(course=course, assignment_id=assignment_id) if assignment_id else None
    return selectors.scope_get(course=course, assignment=assignment, on_time_only=filters.validated_data["on_time"])


class CourseStatisticsSerializer(ScopeSerializer):
    modules = ModuleStatisticsSerializer(many=True)


class CourseStatisticsApi(APIView):
    @extend_schema(parameters=[ScopeFilterSerializer],
                   responses={200: CourseStatisticsSerializer, 400: ERROR_SHAPE, 403: ERROR_SHAPE, 404: ERROR_SHAPE})
    def get(self, request: Request, slug: str) -> Response:
        statistics = selectors.course_statistics(scope=_scope(request, slug))
        return Response(CourseStatisticsSerializer(statistics).data)


class ParameterShareSerializer(serializers.Serializer):
    name = serializers.CharField()
    value = serializers.JSONField()
    students = serializers.IntegerField(help_text="Students with this value who made the mistake.")
    answered = serializers.IntegerField(help_text="Students with this value who answered.")
    share = serializers.FloatField()


class WrongAnswerSerializer(serializers.Serializer):
    code = serializers.CharField(help_text='The category: "reachable.extra.garbage", "stack.missing", "locals.wrong"...')
    subject = serializers.CharField(help_text='What it is about: an object label, a frame, "x=3|4"...')
    label = serializers.CharField(help_text="The mistake in words.")
    students = serializers.IntegerField(help_text="Students whose first try shows it.")
    answered = serializers.IntegerField(help_text="Students with a first try.")
    share = serializers.FloatField()
    attempts = serializers.ListField(child=serializers.IntegerField(), help_text="A few attempts that show it.")
    by_parameter = ParameterShareSerializer(many=True, help_text="For a templated exercise, per parameter value.")


class QuestionDetailSerializer(QuestionStatisticsSerializer):
    wrong_answers = WrongAnswerSerializer(many=True)


class ExerciseFiguresSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    module = serializers.CharField()
    parameters = serializers.ListField(child=serializers.CharField())
    figures = FiguresSerializer()


class ExerciseStatisticsSerializer(ScopeSerializer):
    exercise = ExerciseFiguresSerializer()
    questions = QuestionDetailSerializer(many=True)


class ExerciseStatisticsApi(APIView):
    @extend_schema(parameters=[ScopeFilterSerializer],
                   responses={200: ExerciseStatisticsSerializer, 400: ERROR_SHAPE, 403: ERROR_SHAPE, 404: ERROR_SHAPE})
    def get(self, request: Request, slug: str, exercise_id: int) -> Response:
        data = selectors.exercise_statistics(scope=_scope(request, slug), exercise_id=exercise_id)
        return Response(ExerciseStatisticsSerializer(data).data)
