"""Reading the data the class statistics are computed from. Every function is a fixed number of queries whatever
the number of students, questions or attempts (tests/analytics/test_queries.py counts them)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery

from analytics import misconceptions, services
from analytics.misconceptions import QuestionFacts, VersionFacts
from analytics.services import FirstTry, QuestionRow, ScoreData
from assignments.models import Assignment
from exercises import selectors as exercise_selectors
from exercises.errors import ApplicationError, NotFound
from exercises.models import Attempt, Course, Enrollment, Exercise, ExerciseVersion, Question

User = exercise_selectors.User


def course_for_teacher(*, slug: str, user: User) -> Course:
    """The course, when this user teaches it (NotFound / Forbidden otherwise)."""
    course = exercise_selectors.course_get(slug=slug)
    if not exercise_selectors.user_is_teacher(user=user, course=course):
        raise ApplicationError("Only the teachers of this course can see its statistics.", status=403, code="forbidden")
    return course


def _student_ids(course: Course) -> QuerySet[Enrollment]:
    return Enrollment.objects.filter(course=course, role=Enrollment.Role.STUDENT).values("user_id")


@dataclass(frozen=True)
class Scope:
    """What the statistics are about: the published questions of a course (in page order), or of an assignment's
    exercises; with `on_time_only`, only the answers submitted by the student's due time count."""

    course: Course
    questions: list[Question]
    assignment: Assignment | None = None
    on_time_only: bool = False

    @property
    def rows(self) -> list[QuestionRow]:
        return [QuestionRow(q.pk, q.exercise_id, q.exercise.module_id, float(q.points)) for q in self.questions]

    @property
    def question_ids(self) -> list[int]:
        return [q.pk for q in self.questions]


def course_assignment_list(*, course: Course) -> list[Assignment]:
    return list(Assignment.objects.filter(course=course).order_by("due_at", "id"))


def assignment_in_course(*, course: Course, assignment_id: int) -> Assignment:
    assignment = Assignment.objects.filter(course=course, pk=assignment_id).first()
    if assignment is None:
        raise NotFound(f"There is no assignment {assignment_id} in this course.")
    return assignment


def scope_get(*, course: Course, assignment: Assignment | None = None, on_time_only: bool = False) -> Scope:
    questions = Question.objects.filter(exercise__module__course=course, exercise__published=True)
    if assignment is not None:
        questions = questions.filter(exercise__assignment_item__assignment=assignment)
    ordered = questions.select_related("exercise__module").order_by(
        "exercise__module__order", "exercise__module_id", "exercise__order", "exercise_id", "order", "id"
    )
    return Scope(course=course, questions=list(ordered), assignment=assignment, on_time_only=on_time_only)


def _graded(scope: Scope) -> QuerySet[Attempt]:
    attempts = Attempt.objects.filter(
        question_id__in=scope.question_ids, status=Attempt.Status.GRADED, student_id__in=_student_ids(scope.course)
    )
    return attempts.exclude(credit__late=True) if scope.on_time_only else attempts


def _first_tries(scope: Scope) -> QuerySet[Attempt]:
    """Each student's first graded attempt at each question of the scope (one correlated subquery, indexed)."""
    earliest = Attempt.objects.filter(
        student_id=OuterRef("student_id"), question_id=OuterRef("question_id"), status=Attempt.Status.GRADED
    )
    if scope.on_time_only:
        earliest = earliest.exclude(credit__late=True)
    earliest = earliest.order_by("created", "id").values("id")[:1]
    return _graded(scope).filter(id=Subquery(earliest))


def score_data(*, scope: Scope) -> ScoreData:
    """Best and first-try scores of the course's students on the scope's questions, and attempts per question.
    Scores as graded, before any late credit (assignments/): the statistics are about what the students understood;
    the gradebook is where late answers count less."""
    per_pair = _graded(scope).order_by().values("student_id", "question_id")
    best = per_pair.annotate(best=Max("score")).values_list("student_id", "question_id", "best")
    counts = _graded(scope).order_by().values("question_id").annotate(n=Count("id")).values_list("question_id", "n")
    return ScoreData(
        best={(s, q): score or 0.0 for s, q, score in best},
        first={(s, q): score or 0.0 for s, q, score in _first_tries(scope).values_list("student_id", "question_id", "score")},
        attempts=dict(counts),
    )


def scope_figures(*, scope: Scope) -> services.ScopeFigures:
    return services.scope_figures(scope.rows, score_data(scope=scope))


# --- common wrong answers ------------------------------------------------------------------------------------------


def version_facts(*, version_ids: Iterable[int]) -> dict[int, VersionFacts]:
    """Program, sites, parameters and checkpoints of these versions, without the step timeline (a key transform
    reads only the trace's checkpoints from the database)."""
    rows = ExerciseVersion.objects.filter(id__in=set(version_ids)).values(
        "id", "program", "sites", "params", "trace__checkpoints"
    )
    return {
        row["id"]: VersionFacts(program=row["program"], sites=row["sites"] or [],
                                checkpoints=row["trace__checkpoints"] or [], params=row["params"] or {})
        for row in rows
    }


def question_facts(question: Question) -> QuestionFacts:
    return QuestionFacts(kind=question.kind, checkpoint=question.checkpoint, config=question.config or {})


def common_wrong_answers(*, scope: Scope, questions: Sequence[Question], limit: int = 10
                         ) -> dict[int, list[services.MistakeGroup]]:
    """Per question, its most common mistakes on first tries (exercises/feedback's comparison, grouped)."""
    chosen = Scope(course=scope.course, questions=list(questions), on_time_only=scope.on_time_only)
    tries = list(_first_tries(chosen).values(
        "id", "student_id", "question_id", "exercise_version_id", "score", "max_score", "feedback"
    ))
    wrong_versions = {t["exercise_version_id"] for t in tries if (t["score"] or 0) < t["max_score"]}
    params = dict(ExerciseVersion.objects.filter(id__in={t["exercise_version_id"] for t in tries})
                  .values_list("id", "params"))
    versions = version_facts(version_ids=wrong_versions)
    facts = {q.pk: question_facts(q) for q in questions}
    by_question: dict[int, list[FirstTry]] = {q.pk: [] for q in questions}
    for t in tries:
        wrong = (t["score"] or 0) < t["max_score"]
        found = misconceptions.mistakes(
            question=facts[t["question_id"]], parts=t["feedback"] or [], version=versions[t["exercise_version_id"]]
        ) if wrong else []
        by_question[t["question_id"]].append(
            FirstTry(t["id"], t["student_id"], params.get(t["exercise_version_id"]) or {}, found)
        )
    return {q: services.group_mistakes(tries_, limit=limit) for q, tries_ in by_question.items()}


def exercise_in_scope(*, scope: Scope, exercise_id: int) -> Exercise:
    for question in scope.questions:
        if question.exercise_id == exercise_id:
            return question.exercise
    where = f"the assignment {scope.assignment.title}" if scope.assignment else "this course"
    raise NotFound(f"There is no published exercise {exercise_id} with questions in {where}.")


def attempt_for_teacher(*, attempt_id: int, course: Course) -> Attempt:
    """An attempt by a student of this course on one of its questions (the caller checked the teacher)."""
    attempt = (
        Attempt.objects.select_related("question__exercise__module__course", "exercise_version", "student")
        .filter(pk=attempt_id, question__exercise__module__course=course).first()
    )
    if attempt is None:
        raise NotFound(f"There is no attempt {attempt_id} in this course.")
    return attempt


def attempt_feedback(*, attempt: Attempt) -> dict[str, Any]:
    """What the student saw after grading: the score, the parts, and the answer beside the truth."""
    return {
        "comparison": exercise_selectors.attempt_comparison(attempt=attempt),
        "memory": exercise_selectors.attempt_memory(attempt=attempt),
    }


# --- reports: the figures in page order, as plain data for the page and the API -------------------------------------


def _question_json(question: Question, number: int, figures: services.Figures) -> dict[str, Any]:
    return {
        "id": question.pk, "number": number, "kind": question.kind, "kind_label": question.get_kind_display(),
        "checkpoint": question.checkpoint, "prompt": question.prompt, "points": question.points,
        "figures": figures.to_json(),
    }


def _scope_json(scope: Scope) -> dict[str, Any]:
    assignment = scope.assignment
    return {
        "course": scope.course.slug, "title": scope.course.title, "discrimination_method": services.METHOD,
        "min_students": services.MIN_STUDENTS,
        "assignment": {"id": assignment.pk, "title": assignment.title, "due_at": assignment.due_at} if assignment else None,
        "on_time_only": scope.on_time_only,
    }


def _exercise_questions(scope: Scope, exercise_id: int) -> list[Question]:
    return [q for q in scope.questions if q.exercise_id == exercise_id]


def course_statistics(*, scope: Scope) -> dict[str, Any]:
    """Modules, their exercises and questions, each with its figures, in the course's order."""
    figures = scope_figures(scope=scope)
    modules: dict[int, dict[str, Any]] = {}
    for question in scope.questions:
        exercise, module = question.exercise, question.exercise.module
        entry = modules.setdefault(module.pk, {
            "id": module.pk, "title": module.title, "figures": figures.modules[module.pk].to_json(), "exercises": {},
        })
        ex = entry["exercises"].setdefault(exercise.pk, {
            "id": exercise.pk, "title": exercise.title, "figures": figures.exercises[exercise.pk].to_json(),
            "parameters": [p.get("name") for p in exercise.parameters or [] if isinstance(p, dict)], "questions": [],
        })
        ex["questions"].append(_question_json(question, len(ex["questions"]) + 1, figures.questions[question.pk]))
    return {
        **_scope_json(scope),
        "modules": [{**m, "exercises": list(m["exercises"].values())} for m in modules.values()],
    }


def exercise_statistics(*, scope: Scope, exercise_id: int) -> dict[str, Any]:
    """One exercise: its figures, and per question its figures and most common wrong answers."""
    exercise = exercise_in_scope(scope=scope, exercise_id=exercise_id)
    figures = scope_figures(scope=scope)
    questions = _exercise_questions(scope, exercise_id)
    wrong = common_wrong_answers(scope=scope, questions=questions)
    return {
        **_scope_json(scope),
        "exercise": {"id": exercise.pk, "title": exercise.title, "module": exercise.module.title,
                     "parameters": [p.get("name") for p in exercise.parameters or [] if isinstance(p, dict)],
                     "figures": figures.exercises[exercise.pk].to_json()},
        "questions": [
            {**_question_json(q, n, figures.questions[q.pk]), "wrong_answers": [g.to_json() for g in wrong[q.pk]]}
            for n, q in enumerate(questions, start=1)
        ],
    }
