"""A worker killed with SIGKILL in the middle of grading a burst: nothing is lost, nothing is graded twice."""

from __future__ import annotations

import os
import signal

from fault_harness import Class, RowLocks, Workers, assert_graded_exactly_once, wait_all_graded, wait_until


def test_a_worker_killed_mid_burst_loses_nothing_once_a_new_worker_starts(
    klass: Class, workers: Workers, row_locks: RowLocks
) -> None:
    # The 9th and 10th attempts of the burst are locked, so the worker is surely in the middle of grading them
    # (one in each pool process) when it is killed, with the first 8 graded and the last 14 still queued.
    ids = klass.burst(24)
    row_locks.hold(ids[8:10])
    first = workers.start(concurrency=2)
    wait_until(lambda: row_locks.waiting(first.application_name) == 2,
               "both pool processes to be grading a held attempt", workers.logs)
    in_flight = workers.broker.client().hlen("unacked")
    first.kill()
    assert in_flight == 2  # taken from the queue, never acknowledged: only a redelivery can save them
    row_locks.release()

    workers.start(concurrency=2, beat=True)  # its beat runs the sweeper, which queues what the dead worker held
    wait_all_graded(klass.submitted, workers)
    assert_graded_exactly_once(klass)


def test_a_pool_process_killed_mid_grading_is_replaced_and_its_attempt_graded(
    klass: Class, workers: Workers, row_locks: RowLocks
) -> None:
    ids = klass.burst(12)
    row_locks.hold(ids[5:7])
    worker = workers.start(concurrency=2)
    wait_until(lambda: row_locks.waiting(worker.application_name) == 2,
               "both pool processes to be grading a held attempt", workers.logs)
    os.kill(worker.pool_processes()[0], signal.SIGKILL)
    # reject_on_worker_lost: the worker gives the message back at once, and a fresh pool process takes it.
    wait_until(lambda: "WorkerLostError" in worker.log_path.read_text(), "the worker to notice", workers.logs)
    row_locks.release()
    wait_all_graded(klass.submitted, workers)
    assert_graded_exactly_once(klass)
    assert worker.process.poll() is None


def test_without_the_sweeper_redis_gives_a_killed_workers_messages_back_after_the_visibility_timeout(
    klass: Class, workers: Workers, row_locks: RowLocks
) -> None:
    short = {"CELERY_VISIBILITY_TIMEOUT": "2"}
    ids = klass.burst(6)
    row_locks.hold(ids[2:4])
    first = workers.start(concurrency=2, env=short)
    wait_until(lambda: row_locks.waiting(first.application_name) == 2,
               "both pool processes to be grading a held attempt", workers.logs)
    first.kill()
    row_locks.release()
    workers.start(concurrency=2, env=short)  # no beat: only the broker's redelivery brings the two back
    wait_all_graded(ids, workers)
    assert_graded_exactly_once(klass)
