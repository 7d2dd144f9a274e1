"""What lti/ does when exercises/ announces something (exercises/signals.py)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from exercises.models import Attempt
from lti import services


def queue_passbacks_on_grade(sender: type[Attempt], attempt: Attempt, **_: Any) -> None:
    """A graded attempt: record a passback for each LMS that gets this student's grade (in the grading
    transaction, in a savepoint of its own); they are sent once it commits."""
    with transaction.atomic():
        services.passbacks_for_attempt(attempt=attempt)
