"""`manage.py load_demo`: create (or bring up to date) the demo course, a demo teacher and a demo student.
Running it again changes nothing that is already as the demo describes."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Permission
from django.core.management.base import BaseCommand
from django.db import transaction

from exercises import demo, services
from exercises.errors import ApplicationError
from exercises.models import Course, Enrollment, Exercise, Module, Question

TEACHER_MODELS = ("course", "module", "exercise", "question", "enrollment")
TEACHER_VIEW_MODELS = ("exerciseversion", "attempt", "progress")


class Command(BaseCommand):
    help = "Create the demo course, a demo teacher and a demo student (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        course = self._course()
        teacher = self._user(demo.TEACHER, staff=True)
        student = self._user(demo.STUDENT, staff=False)
        services.course_enroll(user=teacher, course=course, role=Enrollment.Role.TEACHER)
        services.course_enroll(user=student, course=course, role=Enrollment.Role.STUDENT)
        self.stdout.write(self.style.SUCCESS(f'Demo course "{course.title}" is ready at /courses/{course.slug}/'))
        self.stdout.write(f"  teacher: {demo.TEACHER['username']} / {demo.TEACHER['password']} (also the admin, /admin/)")
        self.stdout.write(f"  student: {demo.STUDENT['username']} / {demo.STUDENT['password']}")

    @transaction.atomic
    def _course(self) -> Course:
        course, _ = Course.objects.update_or_create(slug=demo.COURSE["slug"], defaults=demo.COURSE)
        for m_order, spec in enumerate(demo.MODULES, start=1):
            module, _ = Module.objects.update_or_create(
                course=course, order=m_order, defaults={"title": spec["title"], "lesson": spec["lesson"]}
            )
            for e_order, ex_spec in enumerate(spec["exercises"], start=1):
                self._exercise(module, e_order, ex_spec)
        return course

    def _exercise(self, module: Module, order: int, spec: dict[str, Any]) -> Exercise:
        exercise = Exercise.objects.filter(module=module, order=order).first() or Exercise(module=module, order=order)
        exercise.title, exercise.instructions, exercise.program = spec["title"], spec["instructions"], spec["program"]
        exercise.save()
        for q_order, q_spec in enumerate(spec["questions"], start=1):
            Question.objects.update_or_create(exercise=exercise, order=q_order, defaults=q_spec)
        exercise.questions.filter(order__gt=len(spec["questions"])).delete()
        try:
            services.exercise_publish(exercise=exercise)
        except ApplicationError as exc:
            exercise.published = False
            exercise.save(update_fields=["published"])
            services.exercise_sync(exercise=exercise)
            self.stderr.write(self.style.WARNING(f'"{exercise.title}" stays unpublished: {exc.message}'))
        return exercise

    def _user(self, spec: dict[str, str], *, staff: bool) -> AbstractUser:
        user, created = get_user_model().objects.get_or_create(
            username=spec["username"], defaults={"email": spec["email"], "is_staff": staff}
        )
        if created or not user.check_password(spec["password"]):
            user.set_password(spec["password"])
            user.save()
        if staff:
            user.user_permissions.add(*self._teacher_permissions())
        return user

    def _teacher_permissions(self) -> list[Permission]:
        codenames = [f"{action}_{model}" for model in TEACHER_MODELS for action in ("add", "change", "delete", "view")]
        codenames += [f"view_{model}" for model in TEACHER_VIEW_MODELS]
        permissions = Permission.objects.filter(content_type__app_label="exercises", codename__in=codenames)
        # to pick students when enrolling them (the enrollment form looks users up)
        view_users = Permission.objects.filter(content_type__app_label="auth", codename="view_user")
        return [*permissions, *view_users]
