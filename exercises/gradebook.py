"""The gradebook of a course, for its teachers: an HTML page and a CSV export that streams from a database cursor,
so a course of any size exports without holding every student in memory."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views import View

from exercises import selectors
from exercises.errors import ApplicationError
from exercises.models import Course, Exercise


def _teacher_course(request: HttpRequest, slug: str) -> Course:
    try:
        course = selectors.course_get(slug=slug)
        selectors.course_require_teacher(user=request.user, course=course)
    except ApplicationError as exc:
        raise (Http404(exc.message) if exc.status == 404 else PermissionDenied(exc.message)) from exc
    return course


class GradebookPageView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        course = _teacher_course(request, slug)
        exercises = selectors.gradebook_exercises(course=course)
        rows = selectors.gradebook_rows(course=course)
        context = {"course": course, "exercises": exercises, "rows": rows, "max_total": sum(e.max_score for e in exercises)}
        return render(request, "exercises/gradebook.html", context)


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a generator."""

    def write(self, value: str) -> str:
        return value


def csv_text(value: str) -> str:
    """A text cell a spreadsheet shows as text: one starting with = + - @ (or a tab or carriage return) would be
    read as a formula (CSV injection), so it gets a leading apostrophe, as OWASP advises."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def gradebook_csv_lines(exercises: list[Exercise], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    total = sum(e.max_score for e in exercises)
    yield writer.writerow(["student", *[csv_text(f"{e.title} (max {e.max_score})") for e in exercises],
                           f"total (max {total})"])
    for row in rows:
        yield writer.writerow([csv_text(row["username"]), *row["scores"], row["total"]])


class GradebookCsvView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, slug: str) -> StreamingHttpResponse:
        course = _teacher_course(request, slug)
        exercises = selectors.gradebook_exercises(course=course)
        lines = gradebook_csv_lines(exercises, selectors.gradebook_rows(course=course))
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{course.slug}-grades.csv"'
        return response
