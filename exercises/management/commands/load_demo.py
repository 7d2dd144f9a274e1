"""`manage.py load_demo`: import the demo course from its folder (courses/js-memory/, kept as files: see
docs/course-files.md) and create a demo teacher and a demo student enrolled in it. Running it again changes nothing
that is already as the folder describes; modules and exercises the folder no longer has are removed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Permission
from django.core.management.base import BaseCommand, CommandError

from assignments.rules import local_text
from assignments.services import demo_assignment_ensure
from exercises import services
from exercises.course_import import course_import
from exercises.coursefiles import CourseInvalid, course_read
from exercises.errors import ApplicationError
from exercises.models import Course, Enrollment

DEMO_COURSE = settings.BASE_DIR / "courses" / "js-memory"
TEACHER = {"username": "teacher", "password": "teach-memory-2024", "email": "teacher@example.com"}
STUDENT = {"username": "student", "password": "learn-memory-2024", "email": "student@example.com"}
TEACHER_MODELS = ("course", "module", "exercise", "question", "enrollment")
TEACHER_VIEW_MODELS = ("exerciseversion", "attempt", "progress")
ASSIGNMENT_MODELS = ("assignment", "assignmentexercise", "extension")


class Command(BaseCommand):
    help = "Import the demo course from courses/js-memory/ and create a demo teacher and student (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = course_read(DEMO_COURSE)
            report = course_import(data=data, prune=True)
        except CourseInvalid as exc:
            raise CommandError(f"{exc}\nThe demo course was not loaded.") from exc
        except ApplicationError as exc:
            raise CommandError(f"{exc.message}\nThe demo course was not loaded.") from exc
        course = Course.objects.get(slug=data.slug)
        teacher = self._user(TEACHER, staff=True)
        student = self._user(STUDENT, staff=False)
        services.course_enroll(user=teacher, course=course, role=Enrollment.Role.TEACHER)
        services.course_enroll(user=student, course=course, role=Enrollment.Role.STUDENT)
        self.stdout.write(f"Imported {DEMO_COURSE.relative_to(settings.BASE_DIR)}: {report.summary()}.")
        self._demo_assignment(course)
        self.stdout.write(self.style.SUCCESS(f'Demo course "{course.title}" is ready at /courses/{course.slug}/'))
        self.stdout.write(f"  teacher: {TEACHER['username']} / {TEACHER['password']} (also the admin, /admin/)")
        self.stdout.write(f"  student: {STUDENT['username']} / {STUDENT['password']}")

    def _demo_assignment(self, course: Course) -> None:
        """The first module's exercises as an assignment due in a week (created once, then left as it is)."""
        first = course.modules.order_by("order", "id").first()
        exercises = list(first.exercises.filter(published=True).order_by("order", "id")) if first else []
        if first is None:
            return
        created = demo_assignment_ensure(course=course, title=f"Week 1: {first.title}", exercises=exercises)
        if created is not None:
            self.stdout.write(f'Assignment "{created.title}": due {local_text(created.due_at, course.time_zone)}, '
                              f"then {created.late_credit}% credit for {created.late_days} days.")

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
        assignments = Permission.objects.filter(
            content_type__app_label="assignments",
            codename__in=[f"{action}_{model}" for model in ASSIGNMENT_MODELS for action in ("add", "change", "delete",
                                                                                            "view")]
            + ["view_attemptcredit"],
        )
        # to pick students when enrolling them (the enrollment form looks users up)
        view_users = Permission.objects.filter(content_type__app_label="auth", codename="view_user")
        return [*permissions, *assignments, *view_users]
