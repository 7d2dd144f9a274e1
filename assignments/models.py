"""Assignments: exercises of a course grouped under one opening time, due time and late rule; extensions for one
student; and the credit of each attempt, as its rule stood when it was submitted. Data and constraints only:
behaviour lives in rules.py (pure), services.py and selectors.py."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from exercises.models import Attempt, Course, Exercise


class Assignment(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="assignments")
    title = models.CharField(max_length=200)
    opens_at = models.DateTimeField(
        null=True, blank=True, help_text="In the course's time zone. Empty: open at once."
    )
    due_at = models.DateTimeField(help_text="In the course's time zone. An answer exactly at this time is on time.")
    late_days = models.PositiveSmallIntegerField(
        default=0, help_text="Days after the due time during which late answers are accepted; 0: closed at the due time."
    )
    late_credit = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(100)],
        help_text="Percent of its score a late answer earns (e.g. 50).",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["course", "due_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(late_credit__lte=100), name="assignment_late_credit_percent"),
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True) | models.Q(opens_at__lt=models.F("due_at")),
                name="assignment_opens_before_due",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AssignmentExercise(models.Model):
    """An exercise belongs to at most one assignment, so one rule decides what each of its answers is worth."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="items")
    exercise = models.OneToOneField(Exercise, on_delete=models.CASCADE, related_name="assignment_item")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["assignment", "order", "id"]
        verbose_name = "exercise of the assignment"
        verbose_name_plural = "exercises of the assignment"

    def __str__(self) -> str:
        return f"{self.exercise} in {self.assignment}"


class Extension(models.Model):
    """Other dates or another late rule for one student; an empty field keeps the assignment's own."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="extensions")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="extensions")
    opens_at = models.DateTimeField(null=True, blank=True, help_text="Empty: the assignment's.")
    due_at = models.DateTimeField(null=True, blank=True, help_text="Empty: the assignment's.")
    late_days = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Empty: the assignment's.")
    late_credit = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(100)], help_text="Empty: the assignment's."
    )
    reason = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "student"], name="extension_unique_student")]

    def __str__(self) -> str:
        return f"extension of {self.assignment} for {self.student}"


class AttemptCredit(models.Model):
    """The rule that held when an attempt was submitted, kept with it: later edits of the dates change nothing here.
    An attempt without one was submitted outside any assignment (or by a teacher) and earns full credit."""

    attempt = models.OneToOneField(Attempt, on_delete=models.CASCADE, related_name="credit")
    assignment = models.ForeignKey(Assignment, on_delete=models.SET_NULL, null=True, blank=True, related_name="credits")
    submitted_at = models.DateTimeField()
    late = models.BooleanField(default=False)
    multiplier = models.FloatField(help_text="The share of its score the attempt earns: 1.0 on time, e.g. 0.5 late.")
    rule = models.JSONField(help_text="The effective rule at submission: dates (UTC), late days and credit, zone.")

    class Meta:
        verbose_name = "credit of an attempt"
        verbose_name_plural = "credit of attempts"

    def __str__(self) -> str:
        return f"attempt {self.attempt_id}: {'late, ' if self.late else ''}x{self.multiplier}"
