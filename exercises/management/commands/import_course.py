"""`manage.py import_course DIR [--prune] [--dry-run]`: create or update a course from its folder of files
(docs/course-files.md). The whole folder is validated first; then everything is saved in one transaction, or,
when any file or exercise is refused, nothing at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from exercises.course_import import ImportReport, course_import
from exercises.coursefiles import CourseInvalid, course_read
from exercises.errors import ApplicationError


class Command(BaseCommand):
    help = "Create or update a course from its folder of files; idempotent, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", type=Path, help="the course folder (the one holding course.toml)")
        parser.add_argument("--prune", action="store_true",
                            help="delete the modules and exercises that the folder no longer has")
        parser.add_argument("--dry-run", action="store_true", help="report what would change; save nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        root: Path = options["dir"]
        try:
            data = course_read(root)
            report = course_import(data=data, prune=options["prune"], dry_run=options["dry_run"])
        except CourseInvalid as exc:
            raise CommandError(f"{exc}\nNothing was imported.") from exc
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self._report(report, verbose=options["verbosity"] > 1)
        if options["dry_run"]:
            self.stdout.write(f"Dry run of {root}: {report.summary()}; nothing was saved.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {root}: {report.summary()}."))

    def _report(self, report: ImportReport, *, verbose: bool) -> None:
        for word, items in (("created", report.created), ("updated", report.updated), ("deleted", report.deleted)):
            for item in items:
                self.stdout.write(f"  {word:<9} {item}")
        if verbose:
            for item in report.unchanged:
                self.stdout.write(f"  unchanged {item}")
