"""`manage.py selftest_exercises [--course SLUG]`: run the authoring self-test of every exercise (of one course)
and print the report: per exercise how many variants were traced, and each failing variant with its values and why.
The variants of many exercises are traced together, in few child processes. Exits with status 1 when any fails."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from exercises import program, selectors, selftest, services
from exercises.models import Course, Exercise

CHUNK = 400  # programs per child process


class Command(BaseCommand):
    help = "Run the authoring self-test of every exercise (or of one course's) and print the report."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--course", help="the slug of one course (default: every course)")

    def handle(self, *args: Any, **options: Any) -> None:
        exercises = Exercise.objects.select_related("module__course").order_by(
            "module__course__slug", "module__order", "module_id", "order", "id")
        if options["course"]:
            if not Course.objects.filter(slug=options["course"]).exists():
                raise CommandError(f'There is no course "{options["course"]}".')
            exercises = exercises.filter(module__course__slug=options["course"])
        started, failed, total = time.monotonic(), 0, 0
        batch: list[Exercise] = []
        sources: list[str] = []
        for exercise in [*exercises, None]:
            if exercise is not None:
                batch.append(exercise)
                sources += selftest.pool_sources(exercise.program, exercise.parameters) if exercise.parameters else []
            if batch and (exercise is None or len(sources) >= CHUNK):
                program.trace_many(sources)  # one child for the chunk; the self-tests below reuse its traces
                for done in batch:
                    total += 1
                    failed += not self._report(done)
                batch, sources = [], []
        seconds = time.monotonic() - started
        self.stdout.write(f"{total - failed} of {total} exercise(s) pass the self-test ({seconds:.1f} s).")
        if failed:
            raise CommandError(f"{failed} exercise(s) fail the self-test.")

    def _report(self, exercise: Exercise) -> bool:
        version = selectors.exercise_current_version(exercise=exercise)
        report = services.exercise_selftest(exercise=exercise, version=version, force=True)
        where = f"{exercise.module.course.slug} / {exercise.module.slug} / {exercise.slug}"
        self.stdout.write(f"{'ok  ' if report.ok else 'FAIL'} {where}: {report.summary()}")
        for line in report.problems(limit=50) if not report.ok else []:
            self.stdout.write(f"       {line}")
        return report.ok
