"""`manage.py requeue_attempts [--minutes N]`: queue grading again for attempts pending longer than N minutes.
Run it from cron so that no attempt stays pending if the broker ever loses a message."""

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
