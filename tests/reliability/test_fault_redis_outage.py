"""Redis, the broker, stopped for 60 seconds while students keep submitting, then started again on its port.
The Redis is the test's own (tests/reliability/conftest.py); without persistence, so every message it held is lost
too, as in a crash. Marked slow_fault: `make test-faults` and .ci/run run it."""

from __future__ import annotations

import time

import pytest
from fault_harness import Class, Workers, assert_graded_exactly_once, wait_all_graded

OUTAGE = 60.0


@pytest.mark.slow_fault
def test_students_submitting_through_a_redis_outage_are_told_and_all_graded_once_it_is_back(
    klass: Class, workers: Workers
) -> None:
    from django.test import Client

    from exercises.services import BROKER_DOWN

    workers.start(beat=True)
    before = klass.burst(8)
    wait_all_graded(before, workers)
    page = Client()
    page.force_login(klass.question.exercise.module.course.enrollments.first().user)
    exercise_url = f"/exercises/{klass.question.exercise_id}/"

    workers.broker.stop()
    during = []
    end = time.monotonic() + OUTAGE
    while time.monotonic() < end:
        body = klass.submit(len(klass.submitted))
        assert (body["status"], body["message"]) == ("pending", BROKER_DOWN)
        seen = klass.look(body["id"])
        assert (seen["status"], seen["message"]) == ("pending", BROKER_DOWN)
        assert page.get(exercise_url).status_code == 200
        during.append(body["id"])
        time.sleep(0.5)
    workers.broker.start()

    wait_all_graded(klass.submitted, workers)
    assert len(during) >= 20
    assert_graded_exactly_once(klass)
