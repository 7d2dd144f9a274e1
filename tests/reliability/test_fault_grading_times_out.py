"""A grading that runs into a time limit: a program that loops forever, and a task time limit shorter than it.

Grading compares an answer with the stored key; it runs the engine only when the key has to be computed (here: a
version whose trace and keys are gone). The engine's own budgets end a program that loops forever with a named
limit: that is the exercise's problem, not a fault of the system, so the attempt fails with it and counts for
nothing. A task that runs out of *its* time is a fault of the system: it is retried, stores nothing, leaves no
engine process behind, and the attempt waits, pending, until it can be graded."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fault_harness import PROGRAM, Class, Workers, assert_graded_exactly_once, wait_all_graded, wait_until

LOOP = 'function spin() {\n  for (;;) {}\n}\nspin();\ncheckpoint("A");\n'
# Few steps but slow ones: the engine stops it at its time budget (5 s), however fast the machine.
SLOW = 'const a = [];\nfor (let i = 0; i < 3000; i++) a.push(i);\nfor (;;) { a.indexOf(-1); }\ncheckpoint("A");\n'


def _program_becomes(question: Any, source: str) -> None:
    """The version the attempts point at must be traced and keyed again, at grading time, from `source`."""
    from exercises.models import AnswerKey, ExerciseVersion

    version = ExerciseVersion.objects.get(exercise=question.exercise)
    AnswerKey.objects.filter(exercise_version=version).delete()
    ExerciseVersion.objects.filter(pk=version.pk).update(template=source, program=source, trace=None, problem="")


def _engine_processes(queue: str) -> list[int]:
    """Engine child processes started by the workers of this test (they inherit its CELERY_QUEUE)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"engine" in command and f"CELERY_QUEUE={queue}".encode() in environ:
            found.append(int(entry.name))
    return found


def test_a_program_that_loops_forever_fails_with_the_engine_limit_and_counts_for_nothing(
    klass: Class, workers: Workers
) -> None:
    from exercises.models import Attempt, Progress

    [attempt_id] = klass.burst(1)
    _program_becomes(klass.question, LOOP)
    workers.start()
    wait_until(lambda: klass.look(attempt_id)["status"] != "pending", "the looping program to be stopped",
               workers.logs)
    attempt = Attempt.objects.get(pk=attempt_id)
    assert attempt.status == "failed"
    # The step limit, or on a very slow machine the engine's time budget: a limit named, either way.
    assert re.fullmatch(r"This question could not be graded: The program exceeded an engine limit \(at line 2\): "
                        r"(step limit exceeded: more than 1000000 steps|time limit exceeded: more than 5 s)",
                        attempt.message), attempt.message
    assert not Progress.objects.filter(student=attempt.student).exists()
    assert klass.seen.server_errors() == []


def test_a_grading_out_of_time_is_retried_stores_nothing_and_waits_pending_until_it_can_be_graded(
    klass: Class, workers: Workers
) -> None:
    from exercises.models import AnswerKey, ExerciseVersion
    from exercises.tasks import DELAYED, attempt_grade

    ids = klass.burst(2)
    _program_becomes(klass.question, SLOW)
    # The engine runs SLOW for 5 s; these gradings get 1 s. A task's time limits
    # travel in its message, set by whoever sends it: the submits' messages are replaced by 1 s ones, and the
    # worker, configured the same, sends its retries with 1 s too.
    workers.broker.client().delete(workers.queue)
    for attempt_id in ids:
        attempt_grade.apply_async([attempt_id], soft_time_limit=1, time_limit=11)
    hurried = workers.start(env={"GRADING_SOFT_TIME_LIMIT": "1", "GRADING_MAX_RETRIES": "1"})
    wait_until(lambda: all(klass.look(i)["message"] == DELAYED for i in ids), "the retries to run out",
               workers.logs)
    assert {klass.look(i)["status"] for i in ids} == {"pending"}
    assert hurried.log_path.read_text().count("Soft time limit (1s) exceeded") == 4  # 2 attempts x 2 runs
    assert not AnswerKey.objects.filter(exercise_version__exercise=klass.question.exercise).exists()
    assert ExerciseVersion.objects.get(exercise=klass.question.exercise).problem == ""
    assert _engine_processes(workers.queue) == []
    hurried.kill()

    _program_becomes(klass.question, PROGRAM)  # the teacher fixes the program
    workers.start(beat=True)
    wait_all_graded(ids, workers)
    assert_graded_exactly_once(klass)
