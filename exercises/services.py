"""Changing state: enrollment, exercise versions and answer keys, publishing, attempts, grading and progress.
Every function takes keyword-only arguments and runs in a transaction; expected failures raise ApplicationError."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from assignments import selectors as assignment_selectors
from assignments import services as assignment_services
from exercises import attempt_events, program, selectors, selftest, signals, variants
from exercises.answer_keys import KeyResult, ProgramFacts, QuestionSpec, derive_key
from exercises.answers import AnswerInvalid, validate_answer
from exercises.errors import ApplicationError, Forbidden
from exercises.grading import grade
from exercises.labels import Labeler
from exercises.models import (
    AnswerKey,
    Attempt,
    Course,
    Enrollment,
    Exercise,
    ExerciseVersion,
    Progress,
    Question,
    SelfTest,
    StudentVariant,
)

logger = logging.getLogger(__name__)


# --- enrollment -------------------------------------------------------------------------------------------------


@transaction.atomic
def course_enroll(*, user: AbstractBaseUser, course: Course, role: str = "student") -> Enrollment:
    """Enroll `user`; enrolling again keeps the existing enrollment (and its role)."""
    enrollment, _ = Enrollment.objects.get_or_create(user=user, course=course, defaults={"role": role})
    return enrollment


# --- exercise versions and answer keys --------------------------------------------------------------------------


def _question_spec(question: Question | Any) -> QuestionSpec:
    return QuestionSpec(kind=question.kind, checkpoint=question.checkpoint or "", config=question.config or {})


def _facts_for(run: program.ProgramRun, source: str, functions: list[str]) -> ProgramFacts | None:
    if not run.ok or run.trace is None:
        return None
    return ProgramFacts(trace=run.trace, labeler=Labeler.build(program.site_keys(source), run.trace), functions=functions)


def keys_preview(*, source: str, questions: Iterable[Any]) -> tuple[str, list[KeyResult]]:
    """The program's problem (or "") and each question's key, without saving anything: for validating a form.
    `questions` are objects with kind, checkpoint and config."""
    run = program.run(source)
    facts = _facts_for(run, source, program.function_names(source))
    return run.problem, [_key_for(_question_spec(q), facts, run.problem) for q in questions]


def _key_for(spec: QuestionSpec, facts: ProgramFacts | None, program_problem: str) -> KeyResult:
    if spec.kind == "multiple_choice":
        return derive_key(spec, facts or ProgramFacts(trace={}, labeler=Labeler.build([], None), functions=[]))
    if facts is None:
        return KeyResult(problem=program_problem)
    return derive_key(spec, facts)


def _version_trace(version: ExerciseVersion) -> None:
    """Render this version's program from its template and params, run the engine once and store what it said."""
    rendered = variants.render_program(version.template or version.program, version.params)
    version.program = rendered.program
    if rendered.problem:
        version.trace, version.problem, version.sites, version.functions = None, rendered.problem, [], []
    else:
        run = program.run(version.program)
        version.trace, version.problem = run.trace, run.problem
        version.sites = program.site_details(version.program)
        version.functions = program.function_names(version.program)
    version.save(update_fields=["program", "trace", "problem", "sites", "functions"])


def _version_facts(version: ExerciseVersion) -> ProgramFacts | None:
    if version.problem or version.trace is None:
        return None
    labeler = selectors.version_labeler(version=version)
    return ProgramFacts(trace=version.trace, labeler=labeler, functions=list(version.functions))


@transaction.atomic
def answer_key_compute(*, exercise_version: ExerciseVersion) -> list[AnswerKey]:
    """Store the key (or exact problem) of every question of the exercise for this version. The engine runs only
    while this version has no trace (a program that cannot run is only parsed again, which is cheap)."""
    if exercise_version.trace is None:
        _version_trace(exercise_version)
    facts = _version_facts(exercise_version)
    keys = []
    for question in exercise_version.exercise.questions.all():
        result = _key_for(_question_spec(question), facts, exercise_version.problem)
        key, _ = AnswerKey.objects.update_or_create(
            question=question,
            exercise_version=exercise_version,
            defaults={"key": result.key, "options": result.options, "problem": result.problem},
        )
        keys.append(key)
    return keys


@transaction.atomic
def exercise_version_create(*, exercise: Exercise) -> ExerciseVersion:
    """Snapshot the exercise's program as its next version (its default variant when it has parameters), trace it
    once and compute every question's key."""
    exercise = Exercise.objects.select_for_update().get(pk=exercise.pk)
    params = variants.default_params(selectors.exercise_spec(exercise=exercise))
    version = ExerciseVersion.objects.create(
        exercise=exercise, number=exercise.version + 1, template=exercise.program, params=params,
        variant=variants.variant_key(params), program=exercise.program,
    )
    Exercise.objects.filter(pk=exercise.pk).update(version=version.number)
    exercise.version = version.number
    answer_key_compute(exercise_version=version)
    return version


@transaction.atomic(savepoint=False)
def variant_version_get(*, exercise: Exercise, params: dict[str, Any], all_keys: bool = True) -> ExerciseVersion:
    """The version of this variant at the exercise's current template version: traced and keyed once, then cached
    (with `all_keys`, a question added since gets its key here; a caller that needs one key checks that one)."""
    version, created = ExerciseVersion.objects.defer("trace").get_or_create(
        exercise=exercise, number=exercise.version, variant=variants.variant_key(params),
        defaults={"template": exercise.program, "params": params, "program": exercise.program},
    )
    if created or (all_keys and exercise.questions.exclude(answer_keys__exercise_version=version).exists()):
        answer_key_compute(exercise_version=version)
    return version


def _needs_new_version(exercise: Exercise, current: ExerciseVersion | None) -> bool:
    if current is None:
        return True
    if current.template == exercise.program:
        return False
    siblings = exercise.versions.filter(number=current.number)
    return exercise.published or Attempt.objects.filter(exercise_version__in=siblings).exists()


def _latest_version(exercise: Exercise) -> ExerciseVersion | None:
    return selectors.exercise_current_version(exercise=exercise) or exercise.versions.filter(number=exercise.version).first()


@transaction.atomic
def exercise_sync(*, exercise: Exercise) -> ExerciseVersion:
    """Bring the exercise's versions and keys up to date after it or its questions were edited, and run the
    authoring self-test over its variants.

    A changed program gets a new version when the exercise is published or has attempts (so old attempts keep the
    key of their version); otherwise the current, unanswered version is re-traced in place (its other variants are
    dropped, to be traced again when asked for). A published exercise must end with a valid key for every question
    and a passing self-test, or this raises ApplicationError and nothing is kept."""
    current = _latest_version(exercise)
    if _needs_new_version(exercise, current):
        current = exercise_version_create(exercise=exercise)
    else:
        assert current is not None
        if current.template != exercise.program:
            exercise.versions.filter(number=current.number).exclude(pk=current.pk).delete()
            current.template, current.program, current.trace, current.problem = exercise.program, exercise.program, None, ""
            current.save(update_fields=["template", "program", "trace", "problem"])
    params = variants.default_params(selectors.exercise_spec(exercise=exercise))
    if current.variant != variants.variant_key(params):
        current = variant_version_get(exercise=exercise, params=params)
    for version in exercise.versions.filter(number=current.number):
        answer_key_compute(exercise_version=version)
    current.refresh_from_db()
    report = exercise_selftest(exercise=exercise, version=current)
    if exercise.published:
        _require_publishable(exercise=exercise, version=current, report=report)
    return current


def _batch_of(version: ExerciseVersion) -> program.BatchRun:
    run = program.ProgramRun(trace=version.trace, problem=version.problem)
    return program.BatchRun(run=run, sites=list(version.sites), functions=list(version.functions))


def single_program_tracer(sources: list[str]) -> list[program.BatchRun]:
    """Trace like the exercise page does (cached, one child each): for an exercise without parameters."""
    return [program.BatchRun(run=program.run(s), sites=program.site_details(s), functions=program.function_names(s))
            for s in sources]


def selftest_preview(*, template: str, parameters: Any, questions: list[selftest.QuestionInput],
                     tracer: selftest.Tracer | None = None) -> selftest.Report:
    """The self-test of an exercise as edited in a form, without saving anything."""
    return selftest.run_selftest(template=template, parameters=parameters, questions=questions, tracer=tracer)


def exercise_selftest(*, exercise: Exercise, version: ExerciseVersion | None = None, force: bool = False
                      ) -> selftest.Report:
    """Run the authoring self-test and store its report. Without parameters, the one variant is the current
    version, already traced; with parameters, the pool of variants is traced in one child process, unless the
    stored report is of exactly this program, parameters and questions (and not `force`)."""
    questions = [
        selftest.QuestionInput(order=q.order, kind=q.kind, checkpoint=q.checkpoint, config=q.config or {}, prompt=q.prompt)
        for q in exercise.questions.order_by("order", "id")
    ]
    fingerprint = selftest.fingerprint(exercise.program, exercise.parameters, questions)
    stored = SelfTest.objects.filter(exercise=exercise).first()
    if exercise.parameters and stored and not force and stored.report.get("fingerprint") == fingerprint:
        return selftest.Report.from_json(stored.report)
    if exercise.parameters or version is None:
        report = selftest.run_selftest(template=exercise.program, parameters=exercise.parameters, questions=questions)
    else:
        report = selftest.run_selftest(template=exercise.program, parameters=[], questions=questions,
                                       tracer=lambda sources: [_batch_of(version)])
    data = {**report.to_json(), "fingerprint": fingerprint}
    SelfTest.objects.update_or_create(exercise=exercise, defaults={"ok": report.ok, "report": data})
    return report


def exercise_publish_problems(*, exercise: Exercise, version: ExerciseVersion | None,
                              report: selftest.Report | None = None) -> list[str]:
    """Why this exercise cannot be published: no questions, questions without a valid key, a failing self-test."""
    questions = list(exercise.questions.all())
    if not questions:
        return ["An exercise needs at least one question before it can be published."]
    if version is None:
        return ["The exercise has not been traced yet."]
    keys = {k.question_id: k for k in version.answer_keys.all()}
    problems = [
        f"Question {q.order} ({q.get_kind_display()}): {keys[q.pk].problem if q.pk in keys else 'no answer key'}"
        for q in questions
        if q.pk not in keys or not keys[q.pk].is_valid
    ]
    if report is None:
        stored = SelfTest.objects.filter(exercise=exercise).first()
        if stored is not None and not stored.ok:
            problems.append(stored.report.get("summary", "The self-test failed."))
    elif not report.ok and (exercise.parameters or not problems):
        problems += [report.summary(), *report.problems()]
    return problems


def _require_publishable(*, exercise: Exercise, version: ExerciseVersion, report: selftest.Report | None = None) -> None:
    problems = exercise_publish_problems(exercise=exercise, version=version, report=report)
    if problems:
        raise ApplicationError(
            "This exercise cannot be published: " + " ".join(problems), code="not_publishable", details=problems
        )


@transaction.atomic
def exercise_publish(*, exercise: Exercise) -> Exercise:
    exercise.published = True
    exercise.save(update_fields=["published"])
    exercise_sync(exercise=exercise)
    return exercise


# --- variants of a student ----------------------------------------------------------------------------------------


def student_variant_version(*, student: AbstractBaseUser, exercise: Exercise, all_keys: bool = True
                            ) -> ExerciseVersion | None:
    """The version a student answers: their own stable variant when the exercise has parameters (traced and keyed
    the first time anyone gets it), else the current version. `all_keys=False` skips making sure that every
    question has its key for the variant (attempt_submit needs one key and checks it)."""
    spec = selectors.exercise_spec(exercise=exercise)
    if not spec or exercise.version == 0:
        return selectors.exercise_current_version(exercise=exercise)
    chosen, _ = StudentVariant.objects.get_or_create(student=student, exercise=exercise)
    params = variants.choose(spec, student_id=student.pk, exercise_id=exercise.pk, number=chosen.number)
    return variant_version_get(exercise=exercise, params=params, all_keys=all_keys)


@transaction.atomic
def student_variant_renew(*, student: AbstractBaseUser, exercise: Exercise) -> ExerciseVersion:
    """Give the student the next variant of their own order, after a wrong answer on the current one, where the
    exercise allows it."""
    version = student_variant_version(student=student, exercise=exercise)
    reason = selectors.student_variant_renew_refusal(student=student, exercise=exercise, version=version)
    if reason:
        raise ApplicationError(reason, status=409, code="no_new_variant")
    chosen = StudentVariant.objects.select_for_update().get(student=student, exercise=exercise)
    chosen.number += 1
    chosen.save(update_fields=["number", "updated"])
    fresh = student_variant_version(student=student, exercise=exercise)
    assert fresh is not None
    return fresh


# --- attempts and grading ---------------------------------------------------------------------------------------


BROKER_DOWN = "Your answer is saved. The grader is unavailable right now; it will be graded as soon as it is back."


def _queue_grading(attempt_id: int, *, retries: bool = True) -> bool:
    """Send the grading task. If the broker cannot take it, the attempt stays pending with a message saying so,
    and the sweeper (exercises.tasks.attempts_requeue_stale) queues it once the broker is back. Without `retries`
    the task gets one try (the sweeper's way: an attempt that keeps failing costs one grading per sweep)."""
    from exercises.tasks import MAX_RETRIES
    from exercises.tasks import attempt_grade as attempt_grade_task

    try:
        attempt_grade_task.apply_async([attempt_id], retries=0 if retries else MAX_RETRIES)
    except Exception:
        logger.warning("could not queue grading of attempt %s; it waits for the sweeper", attempt_id, exc_info=True)
        attempt_delay(attempt_id=attempt_id, message=BROKER_DOWN)
        return False
    return True


class AnswerRejected(ApplicationError):
    """An answer without the shape of its question's kind (exercises/answers.py), said in a sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="invalid_answer")


@transaction.atomic
def attempt_submit(*, student: AbstractBaseUser, question: Question, answer: Any) -> Attempt:
    """Record a pending attempt at the question's current version; grading is queued once this commits."""
    exercise = question.exercise
    if not selectors.user_is_enrolled(user=student, course=exercise.module.course):
        raise Forbidden("Enroll in this course before answering its questions.")
    if not exercise.published:
        raise ApplicationError("This exercise is not published yet.", status=409, code="not_published")
    admission = assignment_services.submission_admit(student=student, exercise=exercise)  # refused when closed
    version = student_variant_version(student=student, exercise=exercise, all_keys=False)
    key = selectors.answer_key_cached(question=question, version=version) if version else None
    if version is not None and key is None:  # a question added since this variant was keyed
        answer_key_compute(exercise_version=version)
        key = selectors.answer_key_get(question=question, version=version)
    if version is None or key is None or not key.is_valid:
        raise ApplicationError("This question has no answer key yet; tell your teacher.", status=409, code="no_key")
    try:
        cleaned = validate_answer(question.kind, answer, key.options)
    except AnswerInvalid as exc:
        raise AnswerRejected(str(exc)) from exc
    attempt = Attempt.objects.create(
        student=student, question=question, exercise_version=version, answer=cleaned, max_score=question.points
    )
    if admission is not None:  # under an assignment (no savepoint round trip otherwise)
        assignment_services.attempt_credit_record(attempt=attempt, admission=admission)
    transaction.on_commit(lambda: _queue_or_explain(attempt))
    return attempt


def _queue_or_explain(attempt: Attempt) -> None:
    if not _queue_grading(attempt.pk):
        attempt.message = BROKER_DOWN


@transaction.atomic
def attempt_grade(*, attempt_id: int) -> Attempt:
    """Grade a pending attempt against the key of its own version. Grading a graded or failed attempt changes
    nothing, so running the task twice is safe."""
    # Lock the attempt row only, so attempts of one question are graded side by side; the version comes without
    # its trace (the key is what grading needs; the trace is loaded only to compute a missing key). Grading reads
    # the key as stored now, not a kept copy (exercises/selectors.answer_key_cached).
    attempt = (Attempt.objects.select_for_update(of=("self",)).select_related("question", "exercise_version")
               .defer("exercise_version__trace").get(pk=attempt_id))
    if attempt.status != Attempt.Status.PENDING:
        return attempt
    key = selectors.answer_key_get(question=attempt.question, version=attempt.exercise_version)
    if key is None:
        answer_key_compute(exercise_version=attempt.exercise_version)
        key = selectors.answer_key_get(question=attempt.question, version=attempt.exercise_version)
    if key is None or not key.is_valid:
        problem = key.problem if key else "no answer key"
        return _attempt_mark_failed(attempt, f"This question could not be graded: {problem}")
    result = grade(attempt.question.kind, key.key, attempt.answer)
    attempt.score, attempt.feedback = result.score(attempt.max_score), result.parts
    attempt.status, attempt.graded_at, attempt.message = Attempt.Status.GRADED, timezone.now(), ""
    attempt.save(update_fields=["score", "feedback", "status", "graded_at", "message"])
    progress_record(attempt=attempt)
    _announce_graded(attempt)
    _announce_on_commit(attempt.pk)
    return attempt


def _announce_graded(attempt: Attempt) -> None:
    """Tell other apps (exercises/signals.py); their errors are logged, never the grading's."""
    for receiver, result in signals.attempt_graded.send_robust(sender=Attempt, attempt=attempt):
        if isinstance(result, Exception):
            logger.error("attempt_graded receiver %r failed for attempt %s: %r", receiver, attempt.pk, result)


def _announce_on_commit(attempt_id: int) -> None:
    """Wake the student's long poll once the result is committed (exercises/attempt_events.py)."""
    transaction.on_commit(lambda: attempt_events.announce(attempt_id))


def _attempt_mark_failed(attempt: Attempt, message: str) -> Attempt:
    attempt.status, attempt.message, attempt.graded_at = Attempt.Status.FAILED, message, timezone.now()
    attempt.save(update_fields=["status", "message", "graded_at"])
    _announce_on_commit(attempt.pk)
    return attempt


def attempt_delay(*, attempt_id: int, message: str) -> None:
    """Tell the student why a still-pending attempt is not graded yet (it stays pending: it costs them nothing)."""
    Attempt.objects.filter(pk=attempt_id, status=Attempt.Status.PENDING).update(message=message)


def attempts_requeue_stale(*, older_than: timedelta, limit: int = 1000) -> list[int]:
    """Queue grading again for the oldest `limit` attempts still pending after `older_than` (a broker that was down
    or lost its messages, a worker killed mid-task, retries spent). Safe with a task still on its way: grading a
    graded attempt changes nothing. Stops at the first attempt the broker refuses (it is down: try next time)."""
    cutoff = timezone.now() - older_than
    stale = Attempt.objects.filter(status=Attempt.Status.PENDING, created__lt=cutoff).order_by("created", "pk")
    queued = []
    for attempt_id in stale.values_list("pk", flat=True)[:limit]:
        if not _queue_grading(attempt_id, retries=False):
            break
        queued.append(attempt_id)
    return queued


@transaction.atomic(savepoint=False)
def progress_record(*, attempt: Attempt) -> Progress:
    """Count a graded attempt; the best credited score counts (the score times the late credit it was submitted
    with: assignments/), and full marks, late or not, complete the question."""
    credited = assignment_selectors.attempt_credited_score(attempt=attempt) or 0.0
    full_marks = (attempt.score or 0.0) >= attempt.max_score > 0
    first = {"attempts": 1, "max_score": attempt.max_score, "best_score": credited,
             "completed": full_marks or credited >= attempt.max_score > 0}
    progress, created = Progress.objects.select_for_update().get_or_create(
        student_id=attempt.student_id, question_id=attempt.question_id, defaults=first
    )
    if created:
        return progress
    progress.attempts += 1
    progress.max_score = attempt.max_score
    progress.best_score = max(progress.best_score, credited)
    progress.completed = progress.completed or full_marks or progress.best_score >= progress.max_score > 0
    progress.save()
    return progress
