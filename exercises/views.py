"""HTML pages for students: thin views over the selectors and services (the API does the answering)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assignments import selectors as assignment_selectors
from exercises import selectors, services
from exercises.errors import ApplicationError, Forbidden, NotFound
from exercises.forms import SignUpForm
from exercises.models import Attempt, Course, Enrollment, Exercise, Progress
from exercises.page_context import (
    QuestionItem,
    checkpoint_lines,
    player_payload,
    player_trace,
    question_item,
    site_kind_text,
    site_positions,
)
from memcourse.ratelimits import limit


def _page_error(exc: ApplicationError) -> Exception:
    """Selector errors as Django's page errors, so they get the 404/403 pages and never a 500."""
    if isinstance(exc, NotFound):
        return Http404(exc.message)
    return PermissionDenied(exc.message)


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


# --- home and accounts -------------------------------------------------------------------------------------------


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "exercises/home.html")


@require_http_methods(["GET", "POST"])
@limit("signup")
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("exercises:course-list")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.get_username()}! Enroll in a course to start.")
        return redirect(_safe_next(request, reverse("exercises:course-list")))
    return render(request, "registration/signup.html", {"form": form, "next": _safe_next(request, "")})


# --- courses ---------------------------------------------------------------------------------------------------


def _course_rows(request: HttpRequest) -> list[dict[str, Any]]:
    published = Q(modules__exercises__published=True)
    courses = selectors.course_list().annotate(
        module_count=Count("modules", distinct=True),
        exercise_count=Count("modules__exercises", filter=published, distinct=True),
    )
    roles: dict[int, str] = {}
    if request.user.is_authenticated:
        roles = dict(Enrollment.objects.filter(user=request.user).values_list("course_id", "role"))
    return [
        {"course": c, "role": roles.get(c.pk), "module_count": c.module_count, "exercise_count": c.exercise_count}
        for c in courses
    ]


@require_GET
def course_list(request: HttpRequest) -> HttpResponse:
    return render(request, "exercises/course_list.html", {"courses": _course_rows(request)})


def _module_rows(request: HttpRequest, course: Course, role: str | None) -> list[dict[str, Any]]:
    """Modules with their lessons and visible exercises, and the user's progress when enrolled."""
    progress = {m["module_id"]: m for m in selectors.course_progress(user=request.user, course=course)} if role else {}
    rows = []
    for module in selectors.course_modules(course=course, user=request.user):
        mine = progress.get(module.pk, {})
        per_exercise = {e["exercise_id"]: e for e in mine.get("exercises", [])}
        exercises = [
            {"exercise_id": ex.pk, "title": ex.title, "published": ex.published, "total": ex.questions.count(),
             **per_exercise.get(ex.pk, {})}
            for ex in module.visible_exercises  # type: ignore[attr-defined]
        ]
        rows.append({
            "module_id": module.pk, "title": module.title, "lesson": module.lesson, "exercises": exercises,
            "score": mine.get("score", 0), "max_score": mine.get("max_score", 0), "fraction": mine.get("fraction", 0),
        })
    return rows


@require_GET
def course_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        course = selectors.course_get(slug=slug)
    except ApplicationError as exc:
        raise _page_error(exc) from exc
    role = selectors.enrollment_role(user=request.user, course=course)
    context = {"course": course, "role": role, "modules": _module_rows(request, course, role),
               "assignments": assignment_selectors.course_assignment_rows(course=course, user=request.user)}
    return render(request, "exercises/course_detail.html", context)


@login_required
@require_POST
def course_enroll(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        course = selectors.course_get(slug=slug)
    except ApplicationError as exc:
        raise _page_error(exc) from exc
    already = selectors.user_is_enrolled(user=request.user, course=course)
    services.course_enroll(user=request.user, course=course)
    if not already:
        messages.success(request, f"You are enrolled in {course.title}.")
    return redirect("exercises:course-detail", slug=course.slug)


# --- exercises -------------------------------------------------------------------------------------------------


def _exercise_for(request: HttpRequest, exercise_id: int) -> Exercise:
    try:
        return selectors.exercise_get_for_user(exercise_id=exercise_id, user=request.user)
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from exc
    except ApplicationError as exc:
        raise _page_error(exc) from exc


def _question_items(request: HttpRequest, view: dict[str, Any]) -> list[QuestionItem]:
    exercise, version = view["exercise"], view["exercise_version"]
    line_of = {cp["name"]: cp["line"] for cp in view["checkpoints"]}
    progress = {p.question_id: p for p in Progress.objects.filter(student=request.user, question__exercise=exercise)}
    items = []
    for public in view["questions"]:
        question = public.question
        key = selectors.answer_key_get(question=question, version=version) if version else None
        item = question_item(
            question=question, options=public.options, answerable=bool(key and key.is_valid),
            program_functions=view["functions"], sites=view["sites"], checkpoint_line_of=line_of,
        )
        if question.pk in progress:
            item.best_score, item.attempts = progress[question.pk].best_score, progress[question.pk].attempts
            item.completed = progress[question.pk].completed
        last = selectors.attempt_list_for_user(user=request.user, question_id=question.pk).first()
        item.last_attempt_id = last.pk if last else None
        items.append(item)
    return items


def _has_graded_attempt(request: HttpRequest, exercise: Exercise) -> bool:
    attempts = selectors.attempt_list_for_user(user=request.user).filter(question__exercise=exercise)
    return attempts.filter(status=Attempt.Status.GRADED).exists()


@login_required
@require_GET
def exercise_detail(request: HttpRequest, exercise_id: int) -> HttpResponse:
    try:
        exercise = _exercise_for(request, exercise_id)
    except PermissionDenied:
        course = Exercise.objects.filter(pk=exercise_id).values_list("module__course__slug", flat=True).first()
        if course is None:
            raise
        messages.info(request, "Enroll in this course to open its exercises.")
        return redirect("exercises:course-detail", slug=course)
    version = services.student_variant_version(student=request.user, exercise=exercise)
    view = selectors.exercise_public_view(exercise=exercise, version=version)
    teacher = selectors.user_is_teacher(user=request.user, course=exercise.module.course)
    assignment = assignment_selectors.exercise_status(exercise=exercise, student=request.user)
    sites = [{**site, "kind_text": site_kind_text(site.get("kind", ""))} for site in view["sites"]]
    context = {
        "exercise": exercise,
        "module": exercise.module,
        "course": exercise.module.course,
        "program": view["program"],
        "sites": sites,
        "site_labels": site_positions(sites),
        "checkpoint_lines": checkpoint_lines(view["program"], view["checkpoints"]),
        "questions": _question_items(request, view),
        "progress": selectors.exercise_progress(user=request.user, exercise=exercise),
        "problem": version.problem if version else "",
        "has_steps": bool(version and isinstance(version.trace, dict) and player_trace(version.trace).get("steps")),
        "stepper_unlocked": teacher or _has_graded_attempt(request, exercise),
        "stepper_url": reverse("exercises:exercise-run", args=[exercise.pk]),
        "urls": {"submit": reverse("api-attempt-list"), "attempt": reverse("api-attempt-detail", args=[0])},
        "new_variant": _new_variant_offer(request, exercise, version),
        "assignment": assignment,
        # A student cannot answer while the assignment is not open yet or closed (teachers try at any time); the
        # API refuses it too (assignments.services.submission_admit), this says so before they type an answer.
        "submissions_closed": bool(assignment and not teacher and not assignment.standing.accepts),
    }
    return render(request, "exercises/exercise_detail.html", context)


def _json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": {"code": "unavailable", "message": message, "details": None}}, status=status)


@require_GET
@gzip_page  # a long run's timeline is megabytes of JSON; compressed it is about 30 times smaller
def exercise_run(request: HttpRequest, exercise_id: int) -> JsonResponse:
    """The run of the exercise's current version for the memory player, once the student has a graded answer: the
    engine's trace as stored (checkpoints and the step timeline), the program, and the object labels (heap key ->
    "B#2") so the diagram names objects as the questions do."""
    if not request.user.is_authenticated:
        return _json_error("Log in to step through this run.", 401)
    try:
        exercise = selectors.exercise_get_for_user(exercise_id=exercise_id, user=request.user)
    except ApplicationError as exc:
        return _json_error(exc.message, exc.status)
    teacher = selectors.user_is_teacher(user=request.user, course=exercise.module.course)
    if not teacher and not _has_graded_attempt(request, exercise):
        return _json_error("Answer a question of this exercise first; then you can step through the run.", 403)
    version = services.student_variant_version(student=request.user, exercise=exercise)
    if version is None or version.trace is None:
        return _json_error("This program has not been run yet.", 404)
    return JsonResponse(player_payload(version.program, version.trace, selectors.version_labeler(version=version)))


# --- variants --------------------------------------------------------------------------------------------------


def _new_variant_offer(request: HttpRequest, exercise: Exercise, version: Any) -> dict[str, Any] | None:
    """The fresh-variant button: shown where the exercise allows it; enabled after a wrong answer."""
    if not exercise.allow_new_variant or not exercise.parameters:
        return None
    refusal = selectors.student_variant_renew_refusal(student=request.user, exercise=exercise, version=version)
    return {"url": reverse("exercises:exercise-new-variant", args=[exercise.pk]), "refusal": refusal}


@login_required
@require_POST
def exercise_new_variant(request: HttpRequest, exercise_id: int) -> HttpResponse:
    exercise = _exercise_for(request, exercise_id)
    try:
        services.student_variant_renew(student=request.user, exercise=exercise)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Here is a fresh variant of this exercise: same questions, new values.")
    return redirect("exercises:exercise-detail", exercise_id=exercise.pk)
