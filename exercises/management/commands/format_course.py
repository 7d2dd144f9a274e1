"""`manage.py format_course DIR [--check]`: rewrite a course folder in the form export writes (docs/course-files.md),
without touching the database, so that hand-written files round-trip byte for byte. `--check` only says which files
differ, and fails if any does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from exercises.coursefiles import CourseInvalid, course_differences, course_read, course_write


class Command(BaseCommand):
    help = "Rewrite a course folder in the form export writes (the database is not touched)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", type=Path, help="the course folder (the one holding course.toml)")
        parser.add_argument("--check", action="store_true", help="write nothing; fail if a file would change")

    def handle(self, *args: Any, **options: Any) -> None:
        root: Path = options["dir"]
        try:
            course = course_read(root)
        except CourseInvalid as exc:
            raise CommandError(str(exc)) from exc
        if options["check"]:
            differing = course_differences(course, root)
            if differing:
                raise CommandError(f"{len(differing)} file(s) of {root} are not in the form export writes "
                                   f"(run manage.py format_course {root}): " + ", ".join(differing))
            self.stdout.write(self.style.SUCCESS(f"{root} is in the form export writes."))
            return
        report = course_write(course, root)
        for relative in report.written + report.removed:
            self.stdout.write(f"  rewrote  {relative}")
        self.stdout.write(self.style.SUCCESS(f"Formatted {root}: {len(report.written)} file(s) rewritten, "
                                             f"{len(report.unchanged)} already in form."))
