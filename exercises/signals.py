"""Signals other apps listen to, so that exercises/ never imports them.

attempt_graded(sender=Attempt, attempt=<Attempt>) is sent by services.attempt_grade once an attempt is graded and
its progress counted, inside the grading transaction: whatever a receiver writes (a grade passback to queue, say)
commits with the grade or not at all, so it cannot be lost between the two. Receivers therefore do their writes in
a savepoint of their own (transaction.atomic()) and queue side effects with transaction.on_commit. A receiver's
error is logged and never fails the grading."""

from __future__ import annotations

from django.dispatch import Signal

attempt_graded = Signal()
