"""The memcourse domain: courses, enrollments, modules, exercises and their versions, questions, answer keys,
attempts and progress. Models hold data and constraints only; behaviour lives in services.py and selectors.py."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify

from memcourse.safetext import validate_storable


def unique_slug(title: str, taken: set[str], fallback: str) -> str:
    """slugify(title), or `fallback`, made unique against `taken` with -2, -3, ..."""
    base = (slugify(title) or fallback)[:90]
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def validate_time_zone(name: str) -> None:
    """An IANA time zone name that zoneinfo knows (UTC, Europe/Paris, America/New_York...)."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            f'"{name}" is not an IANA time zone; use a name such as UTC, Europe/Paris or America/New_York.'
        ) from exc


class Course(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)
    time_zone = models.CharField(
        max_length=64, default="UTC", validators=[validate_time_zone],
        help_text="IANA time zone (e.g. Europe/Paris): assignment dates are entered and shown in it, stored in UTC.",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Enrollment(models.Model):
    class Role(models.TextChoices):
        STUDENT = "student", "Student"
        TEACHER = "teacher", "Teacher"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrollments")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.STUDENT)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="enrollment_unique_user_course")]

    def __str__(self) -> str:
        return f"{self.user} in {self.course} ({self.role})"


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, help_text="Names the module's folder when the course is kept as files.")
    lesson = models.TextField(blank=True, help_text="A short lesson in Markdown.")

    class Meta:
        ordering = ["course", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["course", "slug"], name="module_unique_course_slug")]

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.slug:  # the admin prefills it; code that creates modules may leave it to the title
            taken = set(Module.objects.filter(course_id=self.course_id).exclude(pk=self.pk).values_list("slug", flat=True))
            self.slug = unique_slug(self.title, taken, "module")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def __str__(self) -> str:
        return self.title


class Exercise(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="exercises")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, help_text="Names the exercise's files when the course is kept as files.")
    instructions = models.TextField(blank=True)
    program = models.TextField(
        help_text='JavaScript source; mark snapshots with checkpoint("A"). With parameters, a template: {{ depth }}.'
    )
    parameters = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_storable],
        help_text='Variant parameters: [{"name": "depth", "kind": "int", "min": 3, "max": 6}, '
        '{"name": "victim", "kind": "choice", "choices": ["a", "b"]}].',
    )
    allow_new_variant = models.BooleanField(
        default=False, help_text="A student may ask for a fresh variant after a wrong answer."
    )
    published = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=0, editable=False, help_text="Number of the current version.")

    class Meta:
        ordering = ["module", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["module", "slug"], name="exercise_unique_module_slug")]

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.slug:
            taken = set(Exercise.objects.filter(module_id=self.module_id).exclude(pk=self.pk).values_list("slug", flat=True))
            self.slug = unique_slug(self.title, taken, "exercise")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def __str__(self) -> str:
        return self.title


class ExerciseVersion(models.Model):
    """A snapshot of an exercise's program and its engine trace, so answer keys are computed once per version."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(help_text="The template version: a new program gives a new number.")
    template = models.TextField(blank=True, help_text="The exercise's program (template) this version renders.")
    params = models.JSONField(default=dict, blank=True, help_text="The variant's parameter values; {} without parameters.")
    variant = models.CharField(max_length=64, blank=True, default="", help_text="Canonical key of params; empty without.")
    program = models.TextField(help_text="The program students see: the template rendered with params.")
    trace = models.JSONField(null=True, blank=True, help_text="The engine's trace; empty when the program cannot run.")
    problem = models.TextField(blank=True, help_text="Why the program cannot run at all, exactly as the engine says.")
    sites = models.JSONField(default=list, blank=True, help_text="Allocation sites: key, line, column, kind.")
    functions = models.JSONField(default=list, blank=True, help_text="Frame names the program can show.")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["exercise", "number"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "number", "variant"], name="version_unique_number_variant")
        ]

    def __str__(self) -> str:
        return f"{self.exercise} v{self.number}" + (f" {self.params}" if self.params else "")


class StudentVariant(models.Model):
    """Which variant of a parameterized exercise a student has: the `number`-th of their own seeded order
    (0 at first; a fresh variant after a wrong answer adds 1). The values follow from (student, exercise, number)."""

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="variants")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="student_variants")
    number = models.PositiveIntegerField(default=0)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["student", "exercise"], name="studentvariant_unique")]

    def __str__(self) -> str:
        return f"{self.student} on {self.exercise}: variant {self.number}"


class SelfTest(models.Model):
    """The last authoring self-test of an exercise: per variant, its params and ok or the problems."""

    exercise = models.OneToOneField(Exercise, on_delete=models.CASCADE, related_name="selftest")
    ok = models.BooleanField(default=False)
    report = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"self-test of {self.exercise}: {'ok' if self.ok else 'failed'}"


class Question(models.Model):
    class Kind(models.TextChoices):
        STACK = "stack", "Call stack"
        LOCALS = "locals", "Local variables"
        REACHABLE = "reachable", "Reachable objects"
        GC_FREED = "gc_freed", "Objects freed by gc()"
        REFCOUNT_LEAK = "refcount_leak", "Reference-counting leaks"
        PENDING = "pending", "Callbacks still waiting"
        OUTPUT = "output", "Printed output"
        OVERFLOW = "overflow", "Stack overflow"
        MULTIPLE_CHOICE = "multiple_choice", "Multiple choice"

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    checkpoint = models.CharField(
        max_length=100, blank=True, help_text="Checkpoint name; not used by output, overflow and multiple choice."
    )
    prompt = models.TextField()
    points = models.PositiveIntegerField(default=1)
    config = models.JSONField(
        default=dict,
        blank=True,
        validators=[validate_storable],
        help_text='Kind-specific: locals {"frame": 0, "variables": ["x"]}; multiple choice '
        '{"choices": ["..", ".."], "correct": 0}; any checkpoint kind may add {"occurrence": 2}.',
    )

    class Meta:
        ordering = ["exercise", "order", "id"]

    def __str__(self) -> str:
        return f"{self.exercise}: {self.get_kind_display()} #{self.order}"


class AnswerKey(models.Model):
    """The key of one question for one exercise version: `key` when derivable, else the exact `problem`.
    `options` is the public part derived from the trace (e.g. which objects exist), safe to show students."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answer_keys")
    exercise_version = models.ForeignKey(ExerciseVersion, on_delete=models.CASCADE, related_name="answer_keys")
    key = models.JSONField(null=True, blank=True)
    options = models.JSONField(default=dict, blank=True)
    problem = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "exercise_version"], name="answerkey_unique_question_version")
        ]

    @property
    def is_valid(self) -> bool:
        return self.key is not None and not self.problem

    def __str__(self) -> str:
        return f"key of {self.question} (v{self.exercise_version.number})"


class Attempt(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        GRADED = "graded", "Graded"
        FAILED = "failed", "Failed"

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="attempts")
    exercise_version = models.ForeignKey(ExerciseVersion, on_delete=models.PROTECT, related_name="attempts")
    answer = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    score = models.FloatField(null=True, blank=True)
    max_score = models.FloatField(default=0)
    feedback = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    graded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["student", "question"])]

    def __str__(self) -> str:
        return f"attempt {self.pk} by {self.student} on {self.question} ({self.status})"


class Progress(models.Model):
    """Best score per student and question; per-exercise and per-module progress are aggregated in selectors."""

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="progress")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="progress")
    best_score = models.FloatField(default=0)
    max_score = models.FloatField(default=0)
    attempts = models.PositiveIntegerField(default=0)
    completed = models.BooleanField(default=False)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "progress"
        constraints = [models.UniqueConstraint(fields=["student", "question"], name="progress_unique_student_question")]

    def __str__(self) -> str:
        return f"{self.student} on {self.question}: {self.best_score}/{self.max_score}"
