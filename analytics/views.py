"""The statistics pages for a course's teachers: thin views over analytics/selectors.py. Charts are drawn by
analytics/static/analytics/js/charts.js from data in json_script tags (no inline script)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from analytics import misconceptions, selectors
from assignments import selectors as assignment_selectors
from exercises.admin_preview import preview_payload
from exercises.errors import ApplicationError
from exercises.models import Course


def _teacher_course(request: HttpRequest, slug: str) -> Course:
    try:
        return selectors.course_for_teacher(slug=slug, user=request.user)
    except ApplicationError as exc:
        raise (Http404(exc.message) if exc.status == 404 else PermissionDenied(exc.message)) from exc


def _scope(request: HttpRequest, course: Course) -> selectors.Scope:
    """The scope the query string asks for: ?assignment=<id> and ?on_time=1 (a bad value is a 404 that says why)."""
    raw = request.GET.get("assignment", "")
    assignment = None
    if raw:
        if not raw.isdigit():
            raise Http404(f'"{raw}" is not an assignment id.')
        try:
            assignment = selectors.assignment_in_course(course=course, assignment_id=int(raw))
        except ApplicationError as exc:
            raise Http404(exc.message) from exc
    return selectors.scope_get(course=course, assignment=assignment, on_time_only=request.GET.get("on_time") == "1")


def _filter_context(request: HttpRequest, course: Course, scope: selectors.Scope) -> dict[str, Any]:
    query = request.GET.copy()
    for name in list(query):
        if name not in ("assignment", "on_time"):
            del query[name]
    return {
        "assignments": selectors.course_assignment_list(course=course),
        "scope": scope,
        "query": f"?{query.urlencode()}" if query else "",
    }


def _question_chart(statistics: dict[str, Any]) -> dict[str, Any]:
    """The course chart: per question some student answered, the share fully right at the first try and the mean
    best score. Questions nobody answered have no bar to draw (the table lists them): in a course of hundreds of
    questions they would squeeze the answered ones into hairlines."""
    labels, first, best, total = [], [], [], 0
    for module in statistics["modules"]:
        for exercise in module["exercises"]:
            for question in exercise["questions"]:
                total += 1
                if not question["figures"]["students"]:
                    continue
                labels.append(f"{exercise['title']} · Q{question['number']}")
                first.append(question["figures"]["first_try_full_share"])
                best.append(question["figures"]["mean_best"])
    return {"labels": labels, "first_try_full_share": first, "mean_best": best, "questions": total}


class CourseStatisticsView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        course = _teacher_course(request, slug)
        scope = _scope(request, course)
        statistics = selectors.course_statistics(scope=scope)
        context = {"course": course, "statistics": statistics, "chart": _question_chart(statistics),
                   **_filter_context(request, course, scope)}
        return render(request, "analytics/course.html", context)


class ExerciseStatisticsView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, slug: str, exercise_id: int) -> HttpResponse:
        course = _teacher_course(request, slug)
        scope = _scope(request, course)
        try:
            statistics = selectors.exercise_statistics(scope=scope, exercise_id=exercise_id)
        except ApplicationError as exc:
            raise Http404(exc.message) from exc
        charts = {
            q["id"]: {"labels": [band["label"] for band in q["figures"]["distribution"]],
                      "counts": [band["count"] for band in q["figures"]["distribution"]]}
            for q in statistics["questions"]
        }
        context = {"course": course, "statistics": statistics, "charts": charts, **_filter_context(request, course, scope)}
        return render(request, "analytics/exercise.html", context)


class AttemptFeedbackView(LoginRequiredMixin, View):
    """One attempt as its student saw it after grading: the answer, the score, each part, and what was extra,
    missing or wrong beside the true memory, for the course's teachers."""

    def get(self, request: HttpRequest, slug: str, attempt_id: int) -> HttpResponse:
        course = _teacher_course(request, slug)
        try:
            attempt = selectors.attempt_for_teacher(attempt_id=attempt_id, course=course)
        except ApplicationError as exc:
            raise Http404(exc.message) from exc
        version = attempt.exercise_version
        feedback = selectors.attempt_feedback(attempt=attempt)
        context = {
            "course": course, "attempt": attempt, "question": attempt.question, "exercise": attempt.question.exercise,
            "program_lines": version.program.splitlines(), "params": version.params,
            **feedback,
            "diagram": _attempt_diagram(version, feedback["comparison"]),
            "credit": assignment_selectors.attempt_credit_json(attempt=attempt),
            "answer_text": misconceptions.answer_text(
                kind=attempt.question.kind, answer=attempt.answer, config=attempt.question.config or {}
            ),
        }
        return render(request, "analytics/attempt.html", context)


def _attempt_diagram(version: Any, comparison: dict[str, Any] | None) -> dict[str, Any] | None:
    """What the student's page drew after grading: the true memory at the question's checkpoint with the marks of
    what was extra and missing, from the attempt's own version (its variant), without the step timeline."""
    if comparison is None or not version.trace:
        return None
    payload = preview_payload(version)
    return {**payload, "checkpoint": comparison["checkpoint"], "marks": comparison.get("marks") or {}}
