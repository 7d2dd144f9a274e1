"""The export downloads, for the course's teachers only (others get 403, an unknown course 404, anonymous users
the login page). Each is a StreamingHttpResponse over a generator of CSV lines read from database cursors."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.views import View

from exercises import selectors as exercise_selectors
from exercises.errors import ApplicationError
from exercises.models import Course
from exports import formats, selectors


def _teacher_course(request: HttpRequest, slug: str) -> Course:
    try:
        course = exercise_selectors.course_get(slug=slug)
        exercise_selectors.course_require_teacher(user=request.user, course=course)
    except ApplicationError as exc:
        raise (Http404(exc.message) if exc.status == 404 else PermissionDenied(exc.message)) from exc
    return course


def _csv(lines: Iterator[str], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def canvas_csv(course: Course) -> Iterator[str]:
    items = selectors.grade_items(course=course)
    return formats.canvas_lines(items, selectors.student_grades(course=course, items=items))


def moodle_csv(course: Course) -> Iterator[str]:
    items = selectors.grade_items(course=course)
    return formats.moodle_lines(items, selectors.student_grades(course=course, items=items))


def submissions_csv(course: Course) -> Iterator[str]:
    return formats.submission_lines(selectors.submissions(course=course))


def _lazy(make: Callable[[Course], Iterator[str]], course: Course) -> Iterator[str]:
    """Run the export only when the response is consumed, so the view itself reads nothing."""
    yield from make(course)


class CanvasExportView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, slug: str) -> StreamingHttpResponse:
        course = _teacher_course(request, slug)
        return _csv(_lazy(canvas_csv, course), f"{course.slug}-canvas.csv")


class MoodleExportView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, slug: str) -> StreamingHttpResponse:
        course = _teacher_course(request, slug)
        return _csv(_lazy(moodle_csv, course), f"{course.slug}-moodle.csv")


class SubmissionsExportView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, slug: str) -> StreamingHttpResponse:
        course = _teacher_course(request, slug)
        return _csv(_lazy(submissions_csv, course), f"{course.slug}-submissions.csv")
