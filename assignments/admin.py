"""Assignments in the admin: a course's exercises grouped under one opening time, due time and late rule, with
per-student extensions inline. Dates are entered and shown in the course's time zone (stored in UTC); a time that
does not exist or is ambiguous there (a daylight-saving change) is refused by Django's form field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import BaseConstraint, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from assignments import rules, selectors, services
from assignments.models import Assignment, AssignmentExercise, AttemptCredit, Extension
from exercises.admin import TeacherScopedAdmin, _taught_courses
from exercises.models import Course, Exercise


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ("course", "title", "opens_at", "due_at", "late_days", "late_credit")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        course, due_at = data.get("course"), data.get("due_at")
        if course is not None and due_at is not None:
            rule = rules.Rule(opens_at=data.get("opens_at"), due_at=due_at, late_days=data.get("late_days") or 0,
                              late_credit=data.get("late_credit") or 0, time_zone=course.time_zone)
            for problem in rule.problems():
                self.add_error(None, problem)
        return data

    def _post_clean(self) -> None:
        """The model's check constraints (opening before due, credit a percentage) repeat in database words what
        the rule's sentences or the field's own check already said: drop their "Constraint … is violated." then."""
        super()._post_clean()
        errors = self._errors.get(NON_FIELD_ERRORS) if self._errors else None
        if not errors:
            return
        said = [error for error in errors.as_data() if not _is_rule_constraint(error)]
        others = len(said) + sum(len(v) for k, v in self._errors.items() if k != NON_FIELD_ERRORS)
        if others and len(said) < len(errors):
            self._errors[NON_FIELD_ERRORS] = self.error_class(said, error_class="nonfield", renderer=self.renderer)


RULE_CONSTRAINTS = {"assignment_opens_before_due", "assignment_late_credit_percent"}


def _is_rule_constraint(error: ValidationError) -> bool:
    message = error.message % error.params if getattr(error, "params", None) else getattr(error, "message", None)
    return message in {BaseConstraint.default_violation_error_message % {"name": name} for name in RULE_CONSTRAINTS}


class ItemForm(forms.ModelForm):
    class Meta:
        model = AssignmentExercise
        fields = ("order", "exercise")

    def clean_exercise(self) -> Exercise | None:
        """Said with the other assignment's name, not "…with this Exercise already exists"."""
        exercise = self.cleaned_data.get("exercise")
        if exercise is not None:
            taken = AssignmentExercise.objects.filter(exercise=exercise).select_related("assignment").first()
            assignment_id = self.instance.assignment_id if self.instance.pk else None
            if taken is not None and taken.assignment_id != assignment_id:
                raise ValidationError(f'"{exercise}" is already in the assignment "{taken.assignment}": an exercise '
                                      "belongs to one assignment at most, whose dates decide what its answers earn.")
        return exercise


class ItemFormSet(BaseInlineFormSet):
    """Every exercise must be of the assignment's course and in no other assignment."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors) or getattr(self.instance, "course_id", None) is None:
            return
        exercises = [f.cleaned_data["exercise"] for f in self.forms
                     if f.cleaned_data and f.cleaned_data.get("exercise") and not f.cleaned_data.get("DELETE")]
        if len({e.pk for e in exercises}) != len(exercises):
            raise ValidationError("An exercise is listed twice.")
        existing = self.instance if self.instance.pk else None
        problems = services.exercise_problems(course=self.instance.course, exercises=exercises, assignment=existing)
        if problems:
            raise ValidationError(problems)


class ItemInline(admin.TabularInline):
    model = AssignmentExercise
    form = ItemForm
    formset = ItemFormSet
    extra = 1
    fields = ("order", "exercise")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "exercise":
            exercises = Exercise.objects.select_related("module__course").order_by("module__course", "module__order",
                                                                                    "order")
            if not request.user.is_superuser:
                exercises = exercises.filter(module__course__in=_taught_courses(request))
            kwargs["queryset"] = exercises
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.choices = exercise_choices(exercises)  # shown by module; the queryset still validates the pick
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def exercise_choices(exercises: Any) -> list[Any]:
    """The exercise picker's options grouped by course and module, in course order (a course has dozens)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for exercise in exercises:
        groups.setdefault(f"{exercise.module.course.title} · {exercise.module.title}", []).append(
            (exercise.pk, exercise.title))
    return [("", "---------"), *groups.items()]


class ExtensionFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        assignment = self.instance
        if any(self.errors) or getattr(assignment, "course_id", None) is None or assignment.due_at is None:
            return
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE") or data.get("student") is None:
                continue
            extension = Extension(assignment=assignment, **{k: data.get(k) for k in
                                                             ("student", "opens_at", "due_at", "late_days",
                                                              "late_credit")})
            rule = selectors.assignment_rule(assignment=assignment, extension=extension)
            for problem in services.extension_problems(assignment=assignment, student=data["student"], rule=rule):
                form.add_error(None, problem)


class ExtensionInline(admin.TabularInline):
    model = Extension
    formset = ExtensionFormSet
    extra = 0
    fields = ("student", "opens_at", "due_at", "late_days", "late_credit", "reason")
    autocomplete_fields = ("student",)


def _course_of(request: HttpRequest, object_id: str | None) -> Course | None:
    if object_id:
        assignment = Assignment.objects.select_related("course").filter(pk=object_id).first()
        if assignment is not None:
            return assignment.course
    course_id = request.POST.get("course") or request.GET.get("course")
    return Course.objects.filter(pk=course_id).first() if course_id and str(course_id).isdigit() else None


@admin.register(Assignment)
class AssignmentAdmin(TeacherScopedAdmin):
    course_path = "course"
    form = AssignmentForm
    list_display = ("title", "course", "opens", "due", "late_rule")
    list_filter = ("course",)
    inlines = [ItemInline, ExtensionInline]
    fieldsets = [(None, {
        "fields": ("course", "title", "times_in", "opens_at", "due_at", "late_days", "late_credit"),
        "description": "Dates are in the course's time zone (set on the course; UTC unless changed) and stored in "
                       "UTC. An answer exactly at the due time is on time; after it, answers earn the late credit "
                       "for the late days, then the assignment closes. Attempts keep the credit they were "
                       "submitted with when you change the dates later.",
    })]

    def changeform_view(self, request: HttpRequest, object_id: str | None = None, form_url: str = "",
                        extra_context: dict[str, Any] | None = None) -> HttpResponse:
        """Read and show the dates in the course's time zone (for a new assignment, the course picked in the form)."""
        course = _course_of(request, object_id)
        zone = rules.zone(course.time_zone) if course else timezone.get_current_timezone()
        context = {**(extra_context or {}), "subtitle": f"Times in {course.time_zone}" if course else None}
        with timezone.override(zone):
            response = super().changeform_view(request, object_id, form_url, context)
            if hasattr(response, "render"):
                response.render()  # a TemplateResponse renders later, outside this zone, unless rendered here
            return response

    readonly_fields = ("times_in",)

    @admin.display(description="times in")
    def times_in(self, assignment: Assignment) -> str:
        if assignment.course_id is None:
            return "the time zone of the course you pick (saved with it)"
        return f"{assignment.course.time_zone} (the course's time zone)"

    def _local(self, assignment: Assignment, moment: Any) -> str:
        return rules.local_text(moment, assignment.course.time_zone) if moment else "-"

    @admin.display(description="opens", ordering="opens_at")
    def opens(self, assignment: Assignment) -> str:
        return self._local(assignment, assignment.opens_at)

    @admin.display(description="due", ordering="due_at")
    def due(self, assignment: Assignment) -> str:
        return self._local(assignment, assignment.due_at)

    @admin.display(description="late rule")
    def late_rule(self, assignment: Assignment) -> str:
        if not assignment.late_days:
            return "closes at the due time"
        return f"{assignment.late_credit}% for {assignment.late_days} day(s), then closed"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Assignment]:
        return super().get_queryset(request).select_related("course")


@admin.register(AttemptCredit)
class AttemptCreditAdmin(TeacherScopedAdmin):
    course_path = "attempt__question__exercise__module__course"
    list_display = ("attempt", "assignment", "submitted_at", "late", "multiplier")
    list_filter = ("late", "assignment")
    readonly_fields = ("attempt", "assignment", "submitted_at", "late", "multiplier", "rule")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
