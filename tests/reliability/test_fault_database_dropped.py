"""PostgreSQL drops the worker's connections while it grades (pg_terminate_backend on its backends only)."""

from __future__ import annotations

from fault_harness import (
    Class,
    RowLocks,
    Workers,
    assert_graded_exactly_once,
    graded_count,
    wait_all_graded,
    wait_until,
)


def test_connections_terminated_mid_grading_are_retried_and_each_attempt_graded_once(
    klass: Class, workers: Workers, row_locks: RowLocks
) -> None:
    ids = klass.burst(16)
    row_locks.hold(ids[4:6])
    worker = workers.start(concurrency=2)
    wait_until(lambda: row_locks.waiting(worker.application_name) == 2,
               "both pool processes to be grading a held attempt", workers.logs)
    assert row_locks.terminate(worker.application_name) == 2  # each in the middle of its transaction
    row_locks.release()
    wait_all_graded(ids, workers)
    assert "terminating connection due to administrator command" in worker.log_path.read_text()
    assert_graded_exactly_once(klass)


def test_connections_terminated_again_and_again_through_a_burst_cost_no_student_anything(
    klass: Class, workers: Workers, row_locks: RowLocks
) -> None:
    ids = klass.burst(40)
    # Persistent connections (as in production, CONN_MAX_AGE): the pool's backends live between gradings too, so
    # every round finds some to terminate, and a grading may start on a connection already dead.
    worker = workers.start(concurrency=2, beat=True, env={"CONN_MAX_AGE": "60"})  # beat: the sweeper catches
    # any attempt whose retries ran out
    terminated = 0
    while graded_count(ids) < len(ids) and terminated < 40:
        terminated += row_locks.terminate(worker.application_name)
    wait_all_graded(ids, workers)
    assert terminated > 0
    assert_graded_exactly_once(klass)
