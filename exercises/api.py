"""The JSON API: thin views that validate with an input serializer, call one service or selector, and answer with
an output serializer. Errors come out in the one shape of exercises/api_errors.py."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_serializer, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from assignments import selectors as assignment_selectors
from exercises import selectors, services
from exercises.api_errors import ERROR_SHAPE
from exercises.errors import NotFound, RateLimited
from exercises.models import Question
from memcourse import ratelimits

# An id the database can hold: a bigger number is a 400 that says so, not an overflow in the query.
ID_RANGE: dict[str, int] = {"min_value": 1, "max_value": 2**63 - 1}

# --- tokens -----------------------------------------------------------------------------------------------------


class TokenApi(ObtainAuthToken):
    """POST username and password, get {"token": ...} (DRF's view, with its errors declared)."""

    @extend_schema(
        responses={200: inline_serializer("Token", {"token": serializers.CharField()}), 400: ERROR_SHAPE,
                   429: ERROR_SHAPE},
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().post(request, *args, **kwargs)


# --- courses ----------------------------------------------------------------------------------------------------


class CourseSummarySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    description = serializers.CharField()


class CourseListApi(APIView):
    @extend_schema(responses=CourseSummarySerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(CourseSummarySerializer(selectors.course_list(), many=True).data)


class ExerciseSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    order = serializers.IntegerField()
    title = serializers.CharField()
    published = serializers.BooleanField()


class ModuleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    order = serializers.IntegerField()
    title = serializers.CharField()
    lesson = serializers.CharField(help_text="Markdown.")
    exercises = ExerciseSummarySerializer(many=True, source="visible_exercises")


class CourseDetailApi(APIView):
    @extend_schema_serializer(component_name="CourseDetail")
    class OutputSerializer(CourseSummarySerializer):
        role = serializers.CharField(allow_null=True, help_text="student, teacher, or null when not enrolled.")
        modules = ModuleSerializer(many=True)

    @extend_schema(responses={200: OutputSerializer, 404: ERROR_SHAPE})
    def get(self, request: Request, slug: str) -> Response:
        course = selectors.course_get(slug=slug)
        data = {
            "slug": course.slug, "title": course.title, "description": course.description,
            "role": selectors.enrollment_role(user=request.user, course=course),
            "modules": selectors.course_modules(course=course, user=request.user),
        }
        return Response(self.OutputSerializer(data).data)


class CourseEnrollApi(APIView):
    @extend_schema_serializer(component_name="Enrollment")
    class OutputSerializer(serializers.Serializer):
        course = serializers.SlugField(source="course.slug")
        role = serializers.CharField()

    @extend_schema(request=None, responses={200: OutputSerializer, 404: ERROR_SHAPE})
    def post(self, request: Request, slug: str) -> Response:
        course = selectors.course_get(slug=slug)
        enrollment = services.course_enroll(user=request.user, course=course)
        return Response(self.OutputSerializer(enrollment).data)


# --- exercises --------------------------------------------------------------------------------------------------


class SiteSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="A, B, ... in source order.")
    line = serializers.IntegerField()
    column = serializers.IntegerField()
    kind = serializers.CharField()
    count = serializers.IntegerField(help_text="Objects this site allocated; labels get #k when more than 1.")


class PublicQuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="question.id")
    order = serializers.IntegerField(source="question.order")
    kind = serializers.CharField(source="question.kind")
    checkpoint = serializers.CharField(source="question.checkpoint")
    prompt = serializers.CharField(source="question.prompt")
    points = serializers.IntegerField(source="question.points")
    options = serializers.JSONField(
        help_text="Public, per kind: functions (stack); frame, function, variables, objects (locals); "
        "objects (reachable, gc_freed, refcount_leak); objects and callbacks [{label, name, line}] (pending); "
        "choices (multiple_choice). Never the key."
    )


class CheckpointSerializer(serializers.Serializer):
    name = serializers.CharField()
    line = serializers.IntegerField()


class ExerciseDetailApi(APIView):
    @extend_schema_serializer(component_name="ExerciseDetail")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField(source="exercise.id")
        title = serializers.CharField(source="exercise.title")
        instructions = serializers.CharField(source="exercise.instructions")
        course = serializers.SlugField(source="exercise.module.course.slug")
        module = serializers.CharField(source="exercise.module.title")
        published = serializers.BooleanField(source="exercise.published")
        version = serializers.IntegerField(allow_null=True)
        program = serializers.CharField()
        sites = SiteSerializer(many=True)
        functions = serializers.ListField(child=serializers.CharField())
        checkpoints = CheckpointSerializer(many=True)
        questions = PublicQuestionSerializer(many=True)

    @extend_schema(responses={200: OutputSerializer, 403: ERROR_SHAPE, 404: ERROR_SHAPE})
    def get(self, request: Request, exercise_id: int) -> Response:
        exercise = selectors.exercise_get_for_user(exercise_id=exercise_id, user=request.user)
        version = services.student_variant_version(student=request.user, exercise=exercise)
        return Response(self.OutputSerializer(selectors.exercise_public_view(exercise=exercise, version=version)).data)


class ExerciseNewVariantApi(APIView):
    """A fresh variant of a parameterized exercise, after a wrong answer, where the teacher allows it."""

    @extend_schema(request=None, responses={200: ExerciseDetailApi.OutputSerializer, 404: ERROR_SHAPE, 409: ERROR_SHAPE})
    def post(self, request: Request, exercise_id: int) -> Response:
        exercise = selectors.exercise_get_for_user(exercise_id=exercise_id, user=request.user)
        version = services.student_variant_renew(student=request.user, exercise=exercise)
        view = selectors.exercise_public_view(exercise=exercise, version=version)
        return Response(ExerciseDetailApi.OutputSerializer(view).data)


# --- attempts ---------------------------------------------------------------------------------------------------


class AttemptOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    question = serializers.IntegerField(source="question_id")
    exercise_version = serializers.IntegerField(source="exercise_version.number")
    answer = serializers.JSONField()
    status = serializers.CharField()
    score = serializers.FloatField(allow_null=True)
    max_score = serializers.FloatField()
    feedback = serializers.JSONField(help_text='[{"part", "correct", "expected", "given"}...]')
    message = serializers.CharField()
    created = serializers.DateTimeField()
    graded_at = serializers.DateTimeField(allow_null=True)


class AttemptCreateApi(APIView):
    @extend_schema_serializer(component_name="AttemptInput")
    class InputSerializer(serializers.Serializer):
        question = serializers.IntegerField(**ID_RANGE)
        answer = serializers.JSONField(help_text="Shape depends on the question kind; see the README.")

        def validate_question(self, value: int) -> Question:
            question = Question.objects.select_related("exercise__module__course").filter(pk=value).order_by().first()
            user = self.context["request"].user
            if question is None or not (
                question.exercise.published or selectors.user_is_teacher(user=user, course=question.exercise.module.course)
            ):  # a student or an outsider learns nothing of a draft, not even that its question exists
                raise serializers.ValidationError(f"There is no question {value}.")
            return question

    @extend_schema_serializer(component_name="AttemptCreated")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        status = serializers.CharField()
        url = serializers.CharField()
        message = serializers.CharField(help_text="Why a pending attempt may take longer (the grader is down), or empty.")

    @extend_schema(request=InputSerializer,
                   responses={202: OutputSerializer, 400: ERROR_SHAPE, 403: ERROR_SHAPE, 429: ERROR_SHAPE})
    def post(self, request: Request) -> Response:
        wait = ratelimits.check("attempt", f"user:{request.user.pk}")
        if wait is not None:
            raise RateLimited(ratelimits.MESSAGES["attempt"], retry_after=wait)
        serializer = self.InputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        try:  # the service checks enrollment, publication and the answer's shape against the key's options
            attempt = services.attempt_submit(student=request.user, **serializer.validated_data)
        except services.AnswerRejected as exc:
            raise serializers.ValidationError({"answer": [exc.message]}) from exc
        url = reverse("api-attempt-detail", args=[attempt.pk])
        body = {"id": attempt.pk, "status": attempt.status, "url": url, "message": attempt.message}
        return Response(body, status=status.HTTP_202_ACCEPTED)

    @extend_schema_serializer(component_name="AttemptFilter")
    class FilterSerializer(serializers.Serializer):
        question = serializers.IntegerField(required=False, **ID_RANGE)

    @extend_schema(parameters=[FilterSerializer], responses=AttemptOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        attempts = selectors.attempt_list_for_user(user=request.user, question_id=filters.validated_data.get("question"))
        return Response(AttemptOutputSerializer(attempts[:100], many=True).data)


# Under gunicorn's default 30-second worker timeout; the page asks for 10 (exercises/static/.../exercise.js).
MAX_WAIT_SECONDS = 25


class AttemptDetailApi(APIView):
    @extend_schema_serializer(component_name="AttemptDetail")
    class OutputSerializer(AttemptOutputSerializer):
        memory = serializers.JSONField(
            allow_null=True, help_text="Once graded: the true checkpoint (labelled), the output and the error."
        )
        comparison = serializers.JSONField(
            allow_null=True,
            help_text="Once graded, for a checkpoint question: the answer beside the true state there: "
            '{"checkpoint": index, "name", "line", "right", "items": [{"kind", "text"}], "marks": {...}}.',
        )
        credit = serializers.JSONField(
            allow_null=True,
            help_text="Under an assignment, the credit kept from submission time: "
            '{"assignment", "late", "multiplier", "credited_score", "submitted_at", "rule"}; null outside one.',
        )

    class WaitSerializer(serializers.Serializer):
        wait = serializers.FloatField(
            required=False, default=0, min_value=0, max_value=MAX_WAIT_SECONDS,
            help_text="Long poll: while the attempt is pending, wait up to this many seconds for its result and "
            "answer as soon as it is graded (or failed); after that, answer with it still pending.",
        )

    @extend_schema(parameters=[WaitSerializer], responses={200: OutputSerializer, 400: ERROR_SHAPE, 404: ERROR_SHAPE})
    def get(self, request: Request, attempt_id: int) -> Response:
        query = self.WaitSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        wait = query.validated_data["wait"]
        attempt = selectors.attempt_wait_for_user(attempt_id=attempt_id, user=request.user, wait=wait)
        data = AttemptOutputSerializer(attempt).data
        data["memory"] = selectors.attempt_memory(attempt=attempt)
        data["comparison"] = selectors.attempt_comparison(attempt=attempt)
        data["credit"] = assignment_selectors.attempt_credit_json(attempt=attempt)
        return Response(data)


# --- progress and gradebook -------------------------------------------------------------------------------------


class ProgressApi(APIView):
    @extend_schema(
        responses=inline_serializer("CourseProgress", {"course": serializers.SlugField(), "modules": serializers.JSONField()})
    )
    def get(self, request: Request, slug: str) -> Response:
        course = selectors.course_get(slug=slug)
        if not selectors.user_is_enrolled(user=request.user, course=course):
            raise NotFound("You are not enrolled in this course.")
        return Response({"course": course.slug, "modules": selectors.course_progress(user=request.user, course=course)})


class GradebookApi(APIView):
    class ExerciseColumnSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        title = serializers.CharField()
        max_score = serializers.FloatField()

    @extend_schema(
        responses={
            200: inline_serializer(
                "Gradebook",
                {
                    "course": serializers.SlugField(),
                    "exercises": ExerciseColumnSerializer(many=True),
                    "students": serializers.JSONField(help_text='[{"username", "scores": [...], "total"}...]'),
                },
            ),
            403: ERROR_SHAPE,
        }
    )
    def get(self, request: Request, slug: str) -> Response:
        course = selectors.course_get(slug=slug)
        selectors.course_require_teacher(user=request.user, course=course)
        exercises = selectors.gradebook_exercises(course=course)
        return Response({
            "course": course.slug,
            "exercises": self.ExerciseColumnSerializer(exercises, many=True).data,
            "students": list(selectors.gradebook_rows(course=course)),
        })
