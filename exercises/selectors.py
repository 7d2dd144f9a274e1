"""Reading: who may see what, the public view of an exercise, progress and the gradebook. No writes here."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import F, FloatField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from exercises import attempt_events, feedback, variants
from exercises.answer_keys import CHECKPOINT_KINDS, find_checkpoint
from exercises.errors import Forbidden, NotFound
from exercises.labels import Labeler
from exercises.models import (
    AnswerKey,
    Attempt,
    Course,
    Enrollment,
    Exercise,
    ExerciseVersion,
    Module,
    Progress,
    Question,
)

User: TypeAlias = AbstractBaseUser | AnonymousUser


# --- roles and permissions -------------------------------------------------------------------------------------


def enrollment_role(*, user: User, course: Course) -> str | None:
    if not user.is_authenticated:
        return None
    return Enrollment.objects.filter(user=user, course=course).values_list("role", flat=True).first()


def user_is_teacher(*, user: User, course: Course) -> bool:
    return enrollment_role(user=user, course=course) == Enrollment.Role.TEACHER


def user_is_enrolled(*, user: User, course: Course) -> bool:
    return enrollment_role(user=user, course=course) is not None


def course_require_teacher(*, user: User, course: Course) -> None:
    if not user_is_teacher(user=user, course=course):
        raise Forbidden("Only the teachers of this course can see its grades.")


# --- courses and exercises -------------------------------------------------------------------------------------


def course_list() -> QuerySet[Course]:
    return Course.objects.all()


def course_get(*, slug: str) -> Course:
    course = Course.objects.filter(slug=slug).first()
    if course is None:
        raise NotFound(f'There is no course "{slug}".')
    return course


def course_modules(*, course: Course, user: User) -> list[Module]:
    """The course's modules with the exercises this user may see (teachers also see unpublished ones)."""
    teacher = user_is_teacher(user=user, course=course)
    modules = list(course.modules.order_by("order", "id"))
    for module in modules:
        exercises = module.exercises.order_by("order", "id")
        module.visible_exercises = list(exercises if teacher else exercises.filter(published=True))  # type: ignore[attr-defined]
    return modules


def exercise_visible(*, exercise: Exercise, user: User) -> bool:
    role = enrollment_role(user=user, course=exercise.module.course)
    if role == Enrollment.Role.TEACHER:
        return True
    return role == Enrollment.Role.STUDENT and exercise.published


def exercise_get_for_user(*, exercise_id: int, user: User) -> Exercise:
    exercise = Exercise.objects.select_related("module__course").filter(pk=exercise_id).order_by().first()
    if exercise is None:
        raise NotFound(f"There is no exercise {exercise_id}.")
    if not user_is_enrolled(user=user, course=exercise.module.course):
        raise Forbidden("Enroll in this course to see its exercises.")
    if not exercise_visible(exercise=exercise, user=user):
        raise NotFound(f"There is no exercise {exercise_id}.")
    return exercise


def exercise_spec(*, exercise: Exercise) -> list[dict[str, Any]]:
    """The exercise's parameter spec, or [] when it has none or it is not valid (the self-test says why)."""
    return list(exercise.parameters) if exercise.parameters and not variants.spec_errors(exercise.parameters) else []


def exercise_current_version(*, exercise: Exercise) -> ExerciseVersion | None:
    """The current version; with parameters, its default variant (the one the admin shows)."""
    key = variants.variant_key(variants.default_params(exercise_spec(exercise=exercise)))
    return exercise.versions.defer("trace").filter(number=exercise.version, variant=key).order_by().first()


def student_variant_renew_refusal(*, student: User, exercise: Exercise, version: ExerciseVersion | None) -> str:
    """Why this student may not ask for a fresh variant now ("" when they may): the exercise must allow it, have
    several variants, and the student must have a wrong graded answer on the variant they have."""
    if not exercise.allow_new_variant:
        return "This exercise does not offer fresh variants."
    if len(variants.pool(exercise_spec(exercise=exercise))) < 2:
        return "This exercise has only one variant."
    wrong = Attempt.objects.filter(
        student=student, exercise_version=version, status=Attempt.Status.GRADED, score__lt=F("max_score")
    )
    if version is None or not wrong.exists():
        return "You can ask for a fresh variant after a wrong answer on this one."
    return ""


@dataclass(frozen=True)
class VersionFacts:
    """A traced version's trace and object labels, as the pages, the API and grading read them."""

    trace: Mapping[str, Any]
    labeler: Labeler


_FACTS_SIZE = 256
_facts: OrderedDict[tuple[int, str, str], VersionFacts] = OrderedDict()
_facts_lock = threading.Lock()


def _facts_ident(version: ExerciseVersion) -> tuple[int, str, str]:
    return (version.pk, str(version.created), hashlib.sha256(version.program.encode()).hexdigest())


def version_facts(*, version: ExerciseVersion) -> VersionFacts:
    """The version's trace (loaded only on a miss: versions are read without it) and its labeler, kept per process
    for the last 256 versions. Safe to keep: a version students answer never changes its trace (editing the program
    of a published exercise, or of one with attempts, makes a new version), and a draft re-traced in place gets a
    new program, so a new cache key. A version not traced yet is never kept."""
    ident = _facts_ident(version) if version.pk is not None else None
    with _facts_lock:
        cached = _facts.get(ident) if ident else None
        if cached is not None:
            _facts.move_to_end(ident)  # type: ignore[arg-type]
            return cached
    trace = version.trace
    facts = VersionFacts(trace=trace or {}, labeler=Labeler.build([site["key"] for site in version.sites], trace))
    if ident is not None and trace is not None:
        with _facts_lock:
            _facts[ident] = facts
            while len(_facts) > _FACTS_SIZE:
                _facts.popitem(last=False)
    return facts


def version_facts_forget() -> None:
    """Empty the caches of version_facts and answer_key_cached (tests; a process that re-traced versions under a
    new engine)."""
    with _facts_lock:
        _facts.clear()
        _keys.clear()


def version_labeler(*, version: ExerciseVersion) -> Labeler:
    return version_facts(version=version).labeler


def version_checkpoints(*, version: ExerciseVersion) -> list[dict[str, Any]]:
    """Each distinct checkpoint name with the line of its call, in the order first reached."""
    seen: dict[str, int] = {}
    for cp in version_facts(version=version).trace.get("checkpoints", []):
        seen.setdefault(cp["name"], cp["line"])
    return [{"name": name, "line": line} for name, line in seen.items()]


@dataclass(frozen=True)
class PublicQuestion:
    question: Question
    options: dict[str, Any]


def _variant_prompt(question: Question, version: ExerciseVersion | None) -> Question:
    """The question with its prompt rendered for the version's variant (in memory only; never saved)."""
    if version is not None and version.params:
        try:
            question.prompt = variants.render(question.prompt, version.params)
        except variants.TemplateProblem:
            pass  # the self-test refuses to publish such a prompt; a draft shows it as written
    return question


def exercise_public_questions(*, exercise: Exercise, version: ExerciseVersion | None) -> list[PublicQuestion]:
    """The questions with their public options for this version; never the keys."""
    keys = {k.question_id: k for k in AnswerKey.objects.filter(exercise_version=version)} if version else {}
    return [
        PublicQuestion(question=_variant_prompt(q, version), options=keys[q.pk].options if q.pk in keys else {})
        for q in exercise.questions.order_by("order", "id")
    ]


_CURRENT = object()


def exercise_public_view(*, exercise: Exercise, version: ExerciseVersion | None | object = _CURRENT) -> dict[str, Any]:
    """Everything a student needs to answer: program, site labels, function names, checkpoints, questions; for the
    given version (a student's variant) or else the current one."""
    if version is _CURRENT:
        version = exercise_current_version(exercise=exercise)
    assert version is None or isinstance(version, ExerciseVersion)
    labeler = version_labeler(version=version) if version else Labeler.build([], None)
    kinds = {site["key"]: site["kind"] for site in (version.sites if version else [])}
    sites = [{**site, "kind": kinds.get(f"{site['line']}:{site['column']}", "")} for site in labeler.site_labels()]
    return {
        "exercise": exercise,
        "version": version.number if version else None,
        "program": version.program if version else exercise.program,
        "sites": sites,
        "functions": version.functions if version else [],
        "checkpoints": version_checkpoints(version=version) if version else [],
        "questions": exercise_public_questions(exercise=exercise, version=version),
        "exercise_version": version,
    }


def answer_key_get(*, question: Question, version: ExerciseVersion) -> AnswerKey | None:
    return AnswerKey.objects.filter(question=question, exercise_version=version).first()


_KEYS_SIZE = 4096
_keys: OrderedDict[tuple[Any, ...], AnswerKey] = OrderedDict()


def _key_ident(question: Question, version: ExerciseVersion) -> tuple[Any, ...]:
    config = json.dumps(question.config, sort_keys=True, default=str)
    return (question.pk, question.kind, question.checkpoint, config, *_facts_ident(version))


def answer_key_cached(*, question: Question, version: ExerciseVersion) -> AnswerKey | None:
    """answer_key_get, kept per process once valid (grading, submitting and the result all need it). A valid key
    follows from the question's kind, checkpoint and config and from the version's trace, so that is what it is
    kept under: a question edited since (its key recomputed) misses the cache. Keys with a problem are not kept."""
    ident = _key_ident(question, version)
    with _facts_lock:
        cached = _keys.get(ident)
        if cached is not None:
            _keys.move_to_end(ident)
            return cached
    key = answer_key_get(question=question, version=version)
    if key is not None and key.is_valid:
        with _facts_lock:
            _keys[ident] = key
            while len(_keys) > _KEYS_SIZE:
                _keys.popitem(last=False)
    return key


# --- attempts ---------------------------------------------------------------------------------------------------


def attempt_get_for_user(*, attempt_id: int, user: User) -> Attempt:
    """A student sees only their own attempts; a course's teachers see their students' attempts."""
    attempt = (
        Attempt.objects.select_related("question__exercise__module__course", "exercise_version")
        .defer("exercise_version__trace")
        .filter(pk=attempt_id)
        .order_by()
        .first()
    )
    if attempt is None:
        raise NotFound(f"There is no attempt {attempt_id}.")
    own = attempt.student_id == user.pk
    if not own and not user_is_teacher(user=user, course=attempt.question.exercise.module.course):
        raise NotFound(f"There is no attempt {attempt_id}.")
    return attempt


def attempt_wait_for_user(*, attempt_id: int, user: User, wait: float) -> Attempt:
    """attempt_get_for_user; when the attempt is pending, first wait up to `wait` seconds for it to be graded (or
    to fail), returning as soon as it is. After `wait` seconds it is returned still pending."""
    attempt = attempt_get_for_user(attempt_id=attempt_id, user=user)
    if attempt.status != Attempt.Status.PENDING or wait <= 0:
        return attempt
    finished = Attempt.objects.filter(pk=attempt_id).exclude(status=Attempt.Status.PENDING)
    if attempt_events.wait_until(attempt_id, finished.exists, wait):
        attempt.refresh_from_db(fields=["status", "score", "feedback", "message", "graded_at"])
    return attempt


def attempt_list_for_user(*, user: User, question_id: int | None = None) -> QuerySet[Attempt]:
    attempts = Attempt.objects.filter(student=user).select_related("question")
    return attempts.filter(question_id=question_id) if question_id else attempts


def attempt_memory(*, attempt: Attempt) -> dict[str, Any] | None:
    """Once graded: the true memory at the question's checkpoint (labelled), with the program's output and error."""
    if attempt.status != Attempt.Status.GRADED:
        return None
    question = attempt.question
    facts = version_facts(version=attempt.exercise_version)
    trace = facts.trace
    checkpoint = None
    if question.kind in CHECKPOINT_KINDS:
        cp = find_checkpoint(trace, question.checkpoint, int(question.config.get("occurrence", 1)))
        checkpoint = facts.labeler.checkpoint(cp)
    return {"checkpoint": checkpoint, "output": trace.get("output", []), "error": trace.get("error")}


def attempt_comparison(*, attempt: Attempt) -> dict[str, Any] | None:
    """Once graded, for a question about a checkpoint: the answer beside the true state there (exercises/feedback.py)."""
    if attempt.status != Attempt.Status.GRADED:
        return None
    version, question = attempt.exercise_version, attempt.question
    key = answer_key_cached(question=question, version=version)
    if key is None or not key.is_valid or not isinstance(attempt.answer, dict):
        return None
    facts = version_facts(version=version)
    comparison = feedback.compare(
        kind=question.kind, answer=attempt.answer, key=key.key, trace=facts.trace,
        checkpoint_name=question.checkpoint, config=question.config or {}, labeler=facts.labeler,
    )
    return comparison.to_json() if comparison else None


# --- progress ---------------------------------------------------------------------------------------------------


def _ratio(score: float, maximum: float) -> float:
    return round(score / maximum, 4) if maximum else 0.0


def course_progress(*, user: User, course: Course) -> list[dict[str, Any]]:
    """Per module and per exercise: score (sum of best scores), maximum, questions completed (full marks)."""
    best = {p.question_id: p for p in Progress.objects.filter(student=user, question__exercise__module__course=course)}
    modules = []
    for module in course_modules(course=course, user=user):
        exercises = [_exercise_progress(exercise, best) for exercise in module.visible_exercises]  # type: ignore[attr-defined]
        score = sum(e["score"] for e in exercises)
        maximum = sum(e["max_score"] for e in exercises)
        modules.append({
            "module_id": module.pk, "title": module.title, "score": score, "max_score": maximum,
            "fraction": _ratio(score, maximum), "exercises": exercises,
            "completed": sum(e["completed"] for e in exercises), "total": sum(e["total"] for e in exercises),
        })
    return modules


def _exercise_progress(exercise: Exercise, best: dict[int, Progress]) -> dict[str, Any]:
    questions = list(exercise.questions.all())
    rows = [best[q.pk] for q in questions if q.pk in best]
    score = round(sum(p.best_score for p in rows), 2)
    maximum = float(sum(q.points for q in questions))
    return {
        "exercise_id": exercise.pk, "title": exercise.title, "score": score, "max_score": maximum,
        "fraction": _ratio(score, maximum), "completed": sum(p.completed for p in rows), "total": len(questions),
        "attempts": sum(p.attempts for p in rows),
    }


def exercise_progress(*, user: User, exercise: Exercise) -> dict[str, Any]:
    best = {p.question_id: p for p in Progress.objects.filter(student=user, question__exercise=exercise)}
    return _exercise_progress(exercise, best)


# --- gradebook --------------------------------------------------------------------------------------------------


def gradebook_exercises(*, course: Course) -> list[Exercise]:
    """The gradebook's columns: the course's published exercises, in module and exercise order, with max scores."""
    exercises = (
        Exercise.objects.filter(module__course=course, published=True)
        .annotate(max_score=Coalesce(Sum("questions__points"), 0))
        .order_by("module__order", "module_id", "order", "id")
    )
    return list(exercises)


def gradebook_students(*, course: Course, exercises: list[Exercise]) -> QuerySet[Any]:
    """One row per enrolled student with a best-score sum per exercise, computed in the database in one query.
    Iterate it with .iterator() so that no more than a chunk of students is in memory at once."""
    annotations = {
        f"ex_{exercise.pk}": Coalesce(
            Sum("progress__best_score", filter=Q(progress__question__exercise_id=exercise.pk)),
            Value(0.0),
            output_field=FloatField(),
        )
        for exercise in exercises
    }
    students = get_user_model().objects.filter(
        enrollments__course=course, enrollments__role=Enrollment.Role.STUDENT
    )
    return students.annotate(**annotations).order_by("username", "id").values("id", "username", *annotations.keys())


def gradebook_rows(*, course: Course, chunk_size: int = 500) -> Iterator[dict[str, Any]]:
    """Rows of {"username", "scores": [per exercise], "total"}, streamed from a database cursor."""
    exercises = gradebook_exercises(course=course)
    for row in gradebook_students(course=course, exercises=exercises).iterator(chunk_size=chunk_size):
        scores = [round(row[f"ex_{exercise.pk}"], 2) for exercise in exercises]
        yield {"username": row["username"], "scores": scores, "total": round(sum(scores), 2)}


