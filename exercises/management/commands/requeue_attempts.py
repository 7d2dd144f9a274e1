"""`manage.py requeue_attempts [--minutes N]`: queue grading again for attempts pending longer than N minutes.
The sweeper (exercises.tasks.attempts_requeue_stale, run by Celery beat beside the worker) does this every minute;
this command does it by hand, e.g. with a threshold of its own after an incident."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from exercises import services


class Command(BaseCommand):
    help = "Queue grading again for attempts that have been pending too long."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--minutes", type=int, default=5, help="how long an attempt may stay pending (default 5)")

    def handle(self, *args: Any, **options: Any) -> None:
        ids = services.attempts_requeue_stale(older_than=timedelta(minutes=options["minutes"]))
        self.stdout.write(f"Queued {len(ids)} pending attempt(s) for grading again.")
