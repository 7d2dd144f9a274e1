"""The grading raises (a bug, a dependency that failed): retried with backoff, never failed, never lost."""

from __future__ import annotations

from pathlib import Path

from fault_harness import (
    Class,
    Workers,
    assert_graded_exactly_once,
    graded_count,
    wait_all_graded,
    wait_until,
)


def test_a_grading_that_raises_is_retried_until_it_grades_and_the_student_only_sees_pending(
    klass: Class, workers: Workers, tmp_path: Path
) -> None:
    faults = tmp_path / "faults"
    faults.mkdir()
    ids = klass.burst(6)
    worker = workers.start(faults={"FAULT_GRADE_RAISES": "4", "FAULT_DIR": str(faults)})
    while graded_count(ids) < len(ids):  # the students' pages keep asking meanwhile
        for attempt_id in ids:
            klass.look(attempt_id)
    assert len(list(faults.iterdir())) == 4
    assert worker.log_path.read_text().count("retry: Retry in") == 4
    assert_graded_exactly_once(klass)


def test_a_grading_that_keeps_raising_waits_pending_with_a_message_until_a_fixed_worker_grades_it(
    klass: Class, workers: Workers, tmp_path: Path
) -> None:
    from exercises.tasks import DELAYED

    faults = tmp_path / "faults"
    faults.mkdir()
    ids = klass.burst(3)
    broken = workers.start(faults={"FAULT_GRADE_RAISES": "1000", "FAULT_DIR": str(faults)},
                           env={"GRADING_MAX_RETRIES": "2"})
    wait_until(lambda: all(klass.look(i)["message"] == DELAYED for i in ids),
               "the retries to run out", workers.logs)
    assert {klass.look(i)["status"] for i in ids} == {"pending"}
    assert len(list(faults.iterdir())) == 3 * 3  # each attempt: the first run and 2 retries
    broken.stop()

    workers.start(beat=True)  # the fix is deployed; the sweeper queues the waiting attempts again
    wait_all_graded(ids, workers)
    assert {klass.look(i)["message"] for i in ids} == {""}
    assert_graded_exactly_once(klass)
