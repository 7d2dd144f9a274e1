"""The same task delivered twice (Redis restoring a message, the sweeper re-queuing one still on its way)."""

from __future__ import annotations

from typing import Any

from fault_harness import Class, RowLocks, Workers, assert_graded_exactly_once, wait_until


def _drained(workers: Workers) -> bool:
    client = workers.broker.client()
    return client.llen(workers.queue) == 0 and client.hlen("unacked") == 0


def test_the_same_message_delivered_twice_at_once_grades_once_and_counts_once(
    klass: Class, workers: Workers, row_locks: RowLocks
) -> None:
    from exercises.models import Attempt, Progress
    from exercises.tasks import attempt_grade

    [attempt_id] = klass.burst(1)
    client: Any = workers.broker.client()
    client.lpush(workers.queue, client.lindex(workers.queue, 0))  # the very same message, the same task id
    attempt_grade.delay(attempt_id)  # and a second task for it, as the sweeper would send
    assert client.llen(workers.queue) == 3
    row_locks.hold([attempt_id])
    worker = workers.start(concurrency=2)
    wait_until(lambda: row_locks.waiting(worker.application_name) == 2,
               "both pool processes to be grading the same attempt", workers.logs)
    row_locks.release()
    wait_until(lambda: _drained(workers) and Attempt.objects.get(pk=attempt_id).status == "graded",
               "the three deliveries to be done", workers.logs)
    graded_at = Attempt.objects.get(pk=attempt_id).graded_at

    attempt_grade.delay(attempt_id)  # delivered again long after: nothing changes
    wait_until(lambda: _drained(workers) and "attempt_grade" in worker.log_path.read_text(),
               "the late delivery to be done", workers.logs)
    assert Attempt.objects.get(pk=attempt_id).graded_at == graded_at
    assert Progress.objects.get(question=klass.question).attempts == 1
    assert_graded_exactly_once(klass)
