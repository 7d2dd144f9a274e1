"""A fault that delays grading past the deadline does not make an answer late: its credit is fixed when it is
submitted (assignments.AttemptCredit), not when a worker finally grades it."""

from __future__ import annotations

from datetime import timedelta

from fault_harness import Class, Workers, assert_graded_exactly_once, wait_all_graded


def test_answers_submitted_on_time_whose_grading_a_fault_delays_past_the_deadline_earn_full_credit(
    klass: Class, workers: Workers
) -> None:
    from django.utils import timezone

    from assignments import selectors, services
    from assignments.models import Assignment

    exercise = klass.question.exercise
    services.assignment_create(course=exercise.module.course, title="Due soon", exercises=[exercise],
                               due_at=timezone.now() + timedelta(hours=1), late_days=2, late_credit=50)
    ids = klass.burst(6)
    workers.broker.client().delete(workers.queue)  # the broker lost them: nothing grades them for now
    Assignment.objects.update(due_at=timezone.now() - timedelta(hours=1))  # meanwhile the deadline passes

    workers.start(beat=True)
    wait_all_graded(ids, workers)
    assert_graded_exactly_once(klass)
    from exercises.models import Attempt

    for attempt in Attempt.objects.filter(pk__in=ids):
        credit = selectors.attempt_credit(attempt=attempt)
        assert credit is not None and (credit.late, credit.multiplier) == (False, 1.0), attempt.pk
        assert selectors.attempt_credited_score(attempt=attempt) == attempt.score
