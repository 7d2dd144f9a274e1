"""Courses as files, on the database side: `course_data` reads a course into the dataclasses of
exercises/coursefiles.py (for export), `course_import` saves them (for import).

Import matches modules by slug within the course and exercises by slug within their module, and changes only what
differs, through the services: a changed program of a published exercise gets a new version with its own keys, as
in the admin. It runs in one transaction and rejects the whole course when any exercise cannot be published."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from django.db import transaction

from exercises import selftest, services
from exercises.coursefiles import (
    CONFIG_ORDER,
    PARAMETER_ORDER,
    CourseData,
    ExerciseData,
    ModuleData,
    QuestionData,
    ordered,
    text_file,
)
from exercises.errors import ApplicationError
from exercises.models import Attempt, Course, Exercise, Module, Question

# Changing these needs the exercise's versions and keys brought up to date (exercise_sync).
SYNC_FIELDS = ("program", "parameters", "questions", "published")


# --- database -> data -------------------------------------------------------------------------------------------


def _question_data(question: Question) -> QuestionData:
    config = question.config if isinstance(question.config, dict) else {}
    return QuestionData(kind=question.kind, prompt=question.prompt.replace("\r\n", "\n"),
                        checkpoint=question.checkpoint, points=question.points, config=ordered(config, CONFIG_ORDER))


def exercise_data(exercise: Exercise) -> ExerciseData:
    return ExerciseData(
        order=exercise.order,
        slug=exercise.slug,
        title=exercise.title,
        instructions=exercise.instructions.replace("\r\n", "\n"),
        program=text_file(exercise.program),
        published=exercise.published,
        allow_new_variant=exercise.allow_new_variant,
        parameters=[ordered(p, PARAMETER_ORDER) for p in exercise.parameters or []],
        questions=[_question_data(q) for q in exercise.questions.order_by("order", "id")],
    )


def module_data(module: Module, *, exercises: bool = True) -> ModuleData:
    return ModuleData(
        order=module.order,
        slug=module.slug,
        title=module.title,
        lesson=text_file(module.lesson) if module.lesson.strip() else "",
        exercises=[exercise_data(e) for e in module.exercises.order_by("order", "id")] if exercises else [],
    )


def _renumbered(items: list[ExerciseData] | list[ModuleData]) -> None:
    """File names need distinct numbers: keep the stored order when it gives them, else number by position."""
    orders = [item.order for item in items]
    if len(set(orders)) != len(orders):
        for position, item in enumerate(items, start=1):
            item.order = position


def course_data(*, course: Course) -> CourseData:
    """The course as the files of an export hold it."""
    modules = [module_data(m) for m in course.modules.order_by("order", "id")]
    _renumbered(modules)
    for module in modules:
        _renumbered(module.exercises)
    return CourseData(slug=course.slug, title=course.title, description=course.description.replace("\r\n", "\n"),
                      modules=modules, time_zone=course.time_zone)


# --- data -> database -------------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"created {len(self.created)}, updated {len(self.updated)}, unchanged {len(self.unchanged)}, "
                f"deleted {len(self.deleted)}")


class CourseImportRefused(ApplicationError):
    """The course cannot be imported as it is (an exercise that cannot be published); nothing was saved."""


def _changed(old: object | None, new: object, names: tuple[str, ...]) -> list[str]:
    if old is None:
        return list(names)
    return [name for name in names if getattr(old, name) != getattr(new, name)]


def _prewarm(data: CourseData) -> None:
    """Trace the variant pools of the templates this import will self-test together, a few hundred programs per
    child process, so that each exercise's sync finds its variants traced instead of starting a child of its own."""
    stored = {(e.module.slug, e.slug): exercise_data(e)
              for e in Exercise.objects.filter(module__course__slug=data.slug).select_related("module")}
    changed = [e for m in data.modules for e in m.exercises
               if e.parameters and _changed(stored.get((m.slug, e.slug)), e, SYNC_FIELDS)]
    selftest.prewarm([(e.program, e.parameters) for e in changed])


class _Importer:
    def __init__(self, data: CourseData, prune: bool) -> None:
        self.data, self.prune = data, prune
        self.report = ImportReport()
        self.refusals: list[str] = []

    def course(self) -> Course:
        course = Course.objects.filter(slug=self.data.slug).first()
        label = f"course {self.data.slug}"
        if course is None:
            course = Course.objects.create(slug=self.data.slug, title=self.data.title,
                                           description=self.data.description, time_zone=self.data.time_zone)
            self.report.created.append(label)
        else:
            changes = [n for n in ("title", "description", "time_zone") if getattr(course, n).replace("\r\n", "\n")
                       != getattr(self.data, n)]
            for name in changes:
                setattr(course, name, getattr(self.data, name))
            self._record(label, changes, saved=course)
        existing = {m.slug: m for m in course.modules.all()}
        for module in self.data.modules:
            self.module(course, existing.pop(module.slug, None), module)
        if self.prune:
            for module in existing.values():
                self._delete(f"module {module.order:02d}-{module.slug}", module)
        return course

    def _record(self, label: str, changes: list[str], saved: Course | Module | Exercise | None = None) -> None:
        if not changes:
            self.report.unchanged.append(label)
            return
        if saved is not None:
            saved.save()
        self.report.updated.append(f"{label}: {', '.join(changes)}")

    def _delete(self, label: str, obj: Module | Exercise) -> None:
        """Delete with the attempts students made on it (a version protects its attempts from a plain delete)."""
        lookup = "question__exercise__module" if isinstance(obj, Module) else "question__exercise"
        attempts, _ = Attempt.objects.filter(**{lookup: obj}).delete()
        obj.delete()
        self.report.deleted.append(f"{label} (and {attempts} attempt(s))" if attempts else label)

    def module(self, course: Course, module: Module | None, data: ModuleData) -> None:
        label = f"module {data.name}"
        names = ("order", "title", "lesson")
        changes = _changed(module_data(module, exercises=False) if module else None, data, names)
        if module is None:
            module = Module(course=course, slug=data.slug)
            self.report.created.append(label)
        for name in changes:
            setattr(module, name, getattr(data, name))
        if module.pk is None:
            module.save()
        else:
            self._record(label, changes, saved=module)
        existing = {e.slug: e for e in module.exercises.all()}
        for exercise in data.exercises:
            self.exercise(module, existing.pop(exercise.slug, None), exercise, f"{data.name}/{exercise.name}")
        if self.prune:
            for exercise in existing.values():
                self._delete(f"exercise {data.name}/{exercise.order:02d}-{exercise.slug}", exercise)

    def exercise(self, module: Module, exercise: Exercise | None, data: ExerciseData, name: str) -> None:
        label = f"exercise {name}"
        names = tuple(f.name for f in fields(ExerciseData) if f.compare and f.name != "slug")
        changes = _changed(exercise_data(exercise) if exercise else None, data, names)
        if exercise is not None and not changes:
            self.report.unchanged.append(label)
            return
        created, version = exercise is None, exercise.version if exercise else 0
        exercise = exercise or Exercise(module=module, slug=data.slug)
        for name_ in changes:
            if name_ != "questions":
                setattr(exercise, name_, getattr(data, name_))
        exercise.save()
        if "questions" in changes:
            _questions_replace(exercise, data.questions)
        if any(n in SYNC_FIELDS for n in changes) and not self._sync(exercise, data):
            return
        if created:
            self.report.created.append(label)
            return
        if exercise.version != version:
            changes = [f"program (version {exercise.version})" if n == "program" else n for n in changes]
        self.report.updated.append(f"{label}: {', '.join(changes)}")

    def _sync(self, exercise: Exercise, data: ExerciseData) -> bool:
        try:
            services.exercise_sync(exercise=exercise)
        except ApplicationError as exc:
            self.refusals.append(f"{data.path or exercise.slug}: {exc.message}")
            return False
        exercise.refresh_from_db(fields=["version"])
        return True


def _questions_replace(exercise: Exercise, questions: list[QuestionData]) -> None:
    """Make the exercise's questions those of the file, in its order; existing questions are reused by position so
    that attempts on an unchanged question keep pointing at it."""
    existing = list(exercise.questions.order_by("order", "id"))
    for order, data in enumerate(questions, start=1):
        question = existing[order - 1] if order <= len(existing) else Question(exercise=exercise)
        question.order, question.kind, question.prompt = order, data.kind, data.prompt
        question.checkpoint, question.points, question.config = data.checkpoint, data.points, data.config
        question.save()
    for question in existing[len(questions):]:
        question.delete()


@transaction.atomic
def course_import(*, data: CourseData, prune: bool = False, dry_run: bool = False) -> ImportReport:
    """Create or update the course from its files' data. All or nothing: any exercise that cannot be published
    refuses the whole import (CourseImportRefused, every reason listed) and nothing is saved. With `prune`, modules
    and exercises that the files no longer have are deleted; with `dry_run`, the report says what would change and
    nothing is saved."""
    importer = _Importer(data, prune)
    _prewarm(data)
    importer.course()
    if importer.refusals:
        raise CourseImportRefused(
            "The course cannot be imported; nothing was saved:\n" + "\n".join(importer.refusals),
            code="course_refused", details=importer.refusals,
        )
    if dry_run:
        transaction.set_rollback(True)
    return importer.report
