"""Send again the grade passbacks an LMS did not take (failed), and those stuck pending (--stale MINUTES)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from lti import services
from lti.models import Passback


class Command(BaseCommand):
    help = "Queue failed LTI grade passbacks again; with --stale N also those pending for more than N minutes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--stale", type=int, metavar="MINUTES", default=None,
                            help="also resend passbacks pending for longer than this (a lost task, a broker down)")
        parser.add_argument("--course", metavar="SLUG", default=None, help="only this course's passbacks")

    def handle(self, *args: Any, stale: int | None, course: str | None, **options: Any) -> None:
        failed = Passback.objects.filter(status=Passback.Status.FAILED)
        if course:
            failed = failed.filter(link__context__course__slug=course)
        with transaction.atomic():
            count = services.passbacks_resend(passbacks=failed)
            if stale is not None:
                count += services.passbacks_resend_stale(older_than=timedelta(minutes=stale))
        self.stdout.write(f"Queued {count} grade passback(s) to send again.")
