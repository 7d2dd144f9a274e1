"""The sweeper ships with the worker: Celery beat (`--beat`, as `make run` starts it) runs attempts_requeue_stale
periodically, which queues grading again for attempts pending too long, whatever lost their messages."""

from __future__ import annotations

from fault_harness import Class, Workers, assert_graded_exactly_once, wait_all_graded


def test_beat_in_the_worker_grades_attempts_whose_messages_the_broker_lost(klass: Class, workers: Workers) -> None:
    ids = klass.burst(5)
    workers.broker.client().delete(workers.queue)  # the broker lost every message
    worker = workers.start(beat=True)
    wait_all_graded(ids, workers)
    assert "exercises.tasks.attempts_requeue_stale" in worker.log_path.read_text()
    assert_graded_exactly_once(klass)
