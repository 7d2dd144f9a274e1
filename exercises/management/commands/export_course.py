"""`manage.py export_course SLUG DIR`: write the course as a folder of plain files (docs/course-files.md).
Exporting an unchanged course again rewrites nothing; course files the course no longer has are removed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from exercises.course_import import course_data
from exercises.coursefiles import course_write
from exercises.models import Course


class Command(BaseCommand):
    help = "Write a course as a folder of plain files: course.toml, NN-module/, NN-exercise.toml and .js."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the course's slug")
        parser.add_argument("dir", type=Path, help="the course folder to write (created if missing)")

    def handle(self, *args: Any, **options: Any) -> None:
        course = Course.objects.filter(slug=options["slug"]).first()
        if course is None:
            known = ", ".join(Course.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f'There is no course with the slug "{options["slug"]}" (courses: {known}).')
        root: Path = options["dir"]
        if root.exists() and not root.is_dir():
            raise CommandError(f"{root} is not a folder.")
        try:
            report = course_write(course_data(course=course), root)
        except OSError as exc:
            raise CommandError(f"Cannot write {exc.filename or root}: {exc.strerror or exc}") from exc
        for relative in report.written:
            self.stdout.write(f"  wrote    {relative}")
        for relative in report.removed:
            self.stdout.write(f"  removed  {relative}")
        self.stdout.write(self.style.SUCCESS(
            f'Exported course "{course.slug}" to {root}: {len(report.written)} file(s) written, '
            f"{len(report.unchanged)} unchanged, {len(report.removed)} removed."
        ))
