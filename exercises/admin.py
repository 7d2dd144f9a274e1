"""Authoring in the admin. Saving an exercise traces its program with the engine once; each question then shows
its derived answer key (with object labels) or the exact problem. A published exercise must have a valid key for
every question: the question formset refuses to save it otherwise."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from exercises import selectors, selftest, services, variants
from exercises.admin_preview import memory_preview_html
from exercises.answer_keys import describe_key
from exercises.errors import ApplicationError
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
    SelfTest,
)
from exercises.parameter_form import ParametersField
from exercises.templatetags.memview import STYLESHEET, memview_scripts


def _taught_courses(request: HttpRequest) -> QuerySet[Course]:
    return Course.objects.filter(enrollments__user=request.user, enrollments__role=Enrollment.Role.TEACHER)


class TeacherScopedAdmin(admin.ModelAdmin):
    """Staff who are not superusers see and edit only what belongs to the courses they teach."""

    course_path = ""  # the lookup from this model to its Course; "" for Course itself

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        lookup = f"{self.course_path}__in" if self.course_path else "pk__in"
        return queryset.filter(**{lookup: _taught_courses(request)})

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if not request.user.is_superuser:
            taught = _taught_courses(request)
            if db_field.related_model is Course:
                kwargs["queryset"] = taught
            elif db_field.related_model is Module:
                kwargs["queryset"] = Module.objects.filter(course__in=taught)
            elif db_field.related_model is Exercise:
                kwargs["queryset"] = Exercise.objects.filter(module__course__in=taught)
            elif db_field.related_model is Question:
                kwargs["queryset"] = Question.objects.filter(exercise__module__course__in=taught)
            elif db_field.related_model is get_user_model() and db_field.name not in self.autocomplete_fields:
                kwargs["queryset"] = get_user_model().objects.filter(enrollments__course__in=taught).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class DerivedAdmin(TeacherScopedAdmin):
    """What the services derive (versions, attempts, progress): shown, never added by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class ModuleInline(admin.StackedInline):
    model = Module
    extra = 0
    fields = ("order", "title", "lesson")


class CourseAdminForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = "__all__"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].required = False  # empty means UTC

    def clean_time_zone(self) -> str:
        return str(self.cleaned_data.get("time_zone") or "UTC")


@admin.register(Course)
class CourseAdmin(TeacherScopedAdmin):
    form = CourseAdminForm
    list_display = ("title", "slug", "time_zone")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [ModuleInline]

    def save_model(self, request: HttpRequest, obj: Course, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:  # whoever creates a course teaches it
            services.course_enroll(user=request.user, course=obj, role=Enrollment.Role.TEACHER)


@admin.register(Enrollment)
class EnrollmentAdmin(TeacherScopedAdmin):
    course_path = "course"
    list_display = ("user", "course", "role", "created")
    list_filter = ("course", "role")
    search_fields = ("user__username", "course__title")
    autocomplete_fields = ("user",)


class ExerciseInline(admin.TabularInline):
    model = Exercise
    extra = 0
    fields = ("order", "title", "published")
    show_change_link = True


@admin.register(Module)
class ModuleAdmin(TeacherScopedAdmin):
    course_path = "course"
    list_display = ("title", "course", "order")
    list_filter = ("course",)
    inlines = [ExerciseInline]


class QuestionFormSet(BaseInlineFormSet):
    """Refuses to publish an exercise while any question lacks a valid key (the engine runs on the new program)."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors) or not self.instance.published:
            return
        forms = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not forms:
            raise ValidationError("An exercise needs at least one question before it can be published.")
        if self.instance.parameters:  # a template: only its rendered variants can be traced
            self._require_selftest(forms)
            return
        specs = [SimpleNamespace(**{k: f.cleaned_data.get(k) for k in ("kind", "checkpoint", "config")}) for f in forms]
        _, results = services.keys_preview(source=self.instance.program, questions=specs)
        problems = [
            f"Question {f.cleaned_data.get('order', i + 1)}: {r.problem}"
            for i, (f, r) in enumerate(zip(forms, results, strict=True))
            if r.problem
        ]
        if problems:
            raise ValidationError(
                ["Every question needs a valid answer key before the exercise can be published "
                 "(untick Published to save a draft):", *problems]
            )
        self._require_selftest(forms)

    def _require_selftest(self, forms: list[Any]) -> None:
        """Trace the variants of the program as edited; refuse to publish with the failing ones and why."""
        questions = [
            selftest.QuestionInput(order=f.cleaned_data.get("order") or i + 1, kind=f.cleaned_data.get("kind", ""),
                                   checkpoint=f.cleaned_data.get("checkpoint") or "",
                                   config=f.cleaned_data.get("config") or {}, prompt=f.cleaned_data.get("prompt") or "")
            for i, f in enumerate(forms)
        ]
        tracer = None if self.instance.parameters else services.single_program_tracer
        report = services.selftest_preview(
            template=self.instance.program, parameters=self.instance.parameters, questions=questions, tracer=tracer
        )
        if not report.ok:
            raise ValidationError(
                ["The self-test refuses to publish this exercise (untick Published to save a draft and see the "
                 "full report):", report.summary(), *report.problems(limit=20)]
            )


def _key_html(key: AnswerKey | None) -> str:
    if key is None:
        return "Save the exercise to derive this question's key."
    if not key.is_valid:
        return format_html('<strong class="errornote">Problem:</strong> <span class="key-problem">{}</span>', key.problem)
    return format_html('<span class="answer-key">{}</span>', describe_key(key.question.kind, key.key, key.options))


def selftest_html(report: dict[str, Any] | None) -> str:
    """The stored self-test report as a summary and a table: every failing variant with its values and why."""
    if not report:
        return "Not run yet: save the exercise to run the self-test."
    status = "selftest-ok" if report.get("ok") else "errornote"
    head = format_html('<p class="selftest-summary {}">{} ({} s)</p>', status, report.get("summary", ""),
                       report.get("seconds", 0))
    if report.get("problem"):
        return head
    results = report.get("results", [])
    failed = [r for r in results if not r.get("ok")]
    row = '<tr class="{}"><td>{}</td><td>{}</td><td>{}</td></tr>'
    rows = [(("selftest-fail" if not r.get("ok") else "selftest-pass"), i + 1, variants.describe_params(r["params"]),
             " ".join(r.get("problems", [])) or "ok") for i, r in enumerate(results)]
    table = format_html(
        '<table class="selftest-report"><thead><tr><th>#</th><th>Variant</th><th>Result</th></tr></thead>'
        "<tbody>{}</tbody></table>",
        format_html_join("", row, [r for r in rows if r[0] == "selftest-fail"] or [r for r in rows[:0]]),
    )
    every = format_html(
        "<details><summary>All {} variants traced</summary><table class=\"selftest-all\"><tbody>{}</tbody></table></details>",
        len(results), format_html_join("", row, rows),
    )
    failing = table if failed else format_html("<p>{}</p>", "No variant fails.")
    return format_html("{}{}{}", head, failing, every)


class QuestionInline(admin.StackedInline):
    model = Question
    formset = QuestionFormSet
    extra = 0
    fields = ("order", "kind", "checkpoint", "prompt", "points", "config", "derived_key")
    readonly_fields = ("derived_key",)

    @admin.display(description="Answer key (current version)")
    def derived_key(self, question: Question) -> str:
        if question.pk is None:
            return "Save the exercise to derive this question's key."
        version = selectors.exercise_current_version(exercise=question.exercise)
        return _key_html(selectors.answer_key_get(question=question, version=version) if version else None)


class ExerciseAdminForm(forms.ModelForm):
    parameters = ParametersField(
        label="Variant parameters",
        help_text="Optional. With parameters the program is a template, and each student gets a variant of it.",
    )

    class Meta:
        model = Exercise
        fields = "__all__"
        widgets = {"program": forms.Textarea(attrs={"rows": 18, "cols": 90, "spellcheck": "false",
                                                    "class": "program-source"})}

    def clean_program(self) -> str:
        # Browsers send CRLF from a textarea; the engine's line and column numbers are for the program as stored.
        return str(self.cleaned_data["program"]).replace("\r\n", "\n").replace("\r", "\n")


@admin.register(Exercise)
class ExerciseAdmin(TeacherScopedAdmin):
    course_path = "module__course"
    form = ExerciseAdminForm
    list_display = ("title", "module", "order", "published", "version")
    list_filter = ("module__course", "published")
    fields = ("module", "order", "title", "instructions", "program", "parameters", "allow_new_variant", "published",
              "version", "program_status", "labels", "memory_preview", "selftest_report")
    readonly_fields = ("version", "program_status", "labels", "memory_preview", "selftest_report")
    inlines = [QuestionInline]

    @property
    def media(self) -> forms.Media:
        preview = forms.Media(css={"all": [STYLESHEET, "exercises/css/admin_preview.css"]},
                              js=[*memview_scripts(), "exercises/js/admin_preview.js"])
        return super().media + preview

    @admin.display(description="Memory at each checkpoint")
    def memory_preview(self, exercise: Exercise) -> str:
        version = selectors.exercise_current_version(exercise=exercise) if exercise.pk else None
        return memory_preview_html(version)

    @admin.display(description="Engine")
    def program_status(self, exercise: Exercise) -> str:
        version = selectors.exercise_current_version(exercise=exercise) if exercise.pk else None
        if version is None:
            return "Not traced yet: save to run the engine."
        if version.problem:
            return format_html('<strong class="errornote">Problem:</strong> <span class="program-problem">{}</span>', version.problem)
        error = (version.trace or {}).get("error")
        ended = f"ends with {error['name']}: {error['message']} (line {error.get('line')})" if error else "runs to its end"
        variant = f" (shown: the variant {variants.describe_params(version.params)})" if version.params else ""
        return f"Version {version.number}{variant}: the program {ended}."

    @admin.display(description="Object labels")
    def labels(self, exercise: Exercise) -> str:
        version = selectors.exercise_current_version(exercise=exercise) if exercise.pk else None
        if version is None or not version.sites:
            return "-"
        rows = selectors.exercise_public_view(exercise=exercise)["sites"]
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li><strong>{}</strong>: line {}, column {} ({}), {} object(s)</li>",
                             ((s["label"], s["line"], s["column"], s["kind"], s["count"]) for s in rows)),
        )

    @admin.display(description="Self-test")
    def selftest_report(self, exercise: Exercise) -> str:
        stored = SelfTest.objects.filter(exercise=exercise).first() if exercise.pk else None
        return selftest_html(stored.report if stored else None)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        exercise = form.instance
        try:
            version = services.exercise_sync(exercise=exercise)
        except ApplicationError as exc:  # the formset's check should prevent this; never answer with a 500
            exercise.published = False
            exercise.save(update_fields=["published"])
            version = services.exercise_sync(exercise=exercise)
            messages.error(request, f"{exc.message} It was saved unpublished.")
        problems = services.exercise_publish_problems(exercise=exercise, version=version)
        if problems:
            messages.warning(request, "Saved as a draft with problems: " + " ".join(problems))
        else:
            messages.info(request, f"The engine traced version {version.number}; every question has an answer key.")


@admin.register(ExerciseVersion)
class ExerciseVersionAdmin(DerivedAdmin):
    course_path = "exercise__module__course"
    list_display = ("exercise", "number", "params", "created")
    readonly_fields = ("exercise", "number", "params", "variant", "template", "program", "trace", "problem", "sites",
                       "functions", "created")


@admin.register(Attempt)
class AttemptAdmin(DerivedAdmin):
    course_path = "question__exercise__module__course"
    list_display = ("id", "student", "question", "status", "score", "max_score", "created")
    list_filter = ("status",)
    readonly_fields = [f.name for f in Attempt._meta.fields]


@admin.register(Progress)
class ProgressAdmin(DerivedAdmin):
    course_path = "question__exercise__module__course"
    list_display = ("student", "question", "best_score", "max_score", "attempts", "completed")
