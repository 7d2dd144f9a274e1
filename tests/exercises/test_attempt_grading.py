"""attempt_submit, attempt_grade (service and Celery task) and progress."""

from typing import Any

import pytest

from exercises import services, tasks
from exercises.errors import ApplicationError
from exercises.models import Attempt, Progress

REACHABLE = {"kind": "reachable", "checkpoint": "A", "points": 4}


@pytest.fixture
def question(heap_program: str, make_exercise: Any) -> Any:
    return make_exercise(heap_program, [dict(REACHABLE)]).questions.get()


def submit(student: Any, question: Any, objects: list[str], capture: Any) -> Attempt:
    with capture(execute=True):
        attempt = services.attempt_submit(student=student, question=question, answer={"objects": objects})
    attempt.refresh_from_db()
    return attempt


@pytest.mark.django_db
def test_submitting_queues_grading_after_commit(student: Any, question: Any,
                                                django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        attempt = services.attempt_submit(student=student, question=question, answer={"objects": ["A"]})
    assert attempt.status == Attempt.Status.PENDING
    assert len(callbacks) == 1
    callbacks[0]()
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED


@pytest.mark.django_db
def test_grading_gives_partial_credit_and_feedback(student: Any, question: Any,
                                                   django_capture_on_commit_callbacks: Any) -> None:
    attempt = submit(student, question, ["A", "B#1"], django_capture_on_commit_callbacks)
    assert (attempt.status, attempt.score, attempt.max_score) == ("graded", 0.0, 4)
    assert [p["part"] for p in attempt.feedback] == ["A", "B#2", "B#1"]
    attempt = submit(student, question, ["A"], django_capture_on_commit_callbacks)
    assert attempt.score == 2.0


@pytest.mark.django_db
def test_grading_twice_changes_nothing(student: Any, question: Any, django_capture_on_commit_callbacks: Any) -> None:
    attempt = submit(student, question, ["A", "B#2"], django_capture_on_commit_callbacks)
    graded_at = attempt.graded_at
    tasks.attempt_grade.apply(args=[attempt.pk])
    services.attempt_grade(attempt_id=attempt.pk)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.graded_at) == (4.0, graded_at)
    assert Progress.objects.get(student=student, question=question).attempts == 1


@pytest.mark.django_db
def test_best_score_counts_in_progress(student: Any, question: Any, django_capture_on_commit_callbacks: Any) -> None:
    submit(student, question, ["A"], django_capture_on_commit_callbacks)
    submit(student, question, ["A", "B#2"], django_capture_on_commit_callbacks)
    submit(student, question, [], django_capture_on_commit_callbacks)
    progress = Progress.objects.get(student=student, question=question)
    assert (progress.best_score, progress.max_score, progress.attempts, progress.completed) == (4.0, 4.0, 3, True)


@pytest.mark.django_db
def test_partial_credit_does_not_complete_a_question(student: Any, question: Any,
                                                     django_capture_on_commit_callbacks: Any) -> None:
    submit(student, question, ["A"], django_capture_on_commit_callbacks)
    assert Progress.objects.get(student=student, question=question).completed is False


@pytest.mark.django_db
def test_an_error_while_grading_is_retried_and_then_leaves_the_attempt_pending_with_a_message(
    student: Any, question: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    calls = []

    def explode(*args: Any) -> Any:
        calls.append(args)
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(services, "grade", explode)
    attempt = submit(student, question, ["A"], django_capture_on_commit_callbacks)
    assert len(calls) == 1 + tasks.MAX_RETRIES  # eagerly, the retries run at once
    assert (attempt.status, attempt.score, attempt.message) == ("pending", None, tasks.DELAYED)
    assert not Progress.objects.filter(student=student).exists()


@pytest.mark.django_db
def test_a_grading_that_raised_once_is_graded_by_its_retry(
    student: Any, question: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    from exercises.grading import grade

    calls = []

    def flaky(*args: Any) -> Any:
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("a hiccup")
        return grade(*args)

    monkeypatch.setattr(services, "grade", flaky)
    attempt = submit(student, question, ["A", "B#2"], django_capture_on_commit_callbacks)
    assert (attempt.status, attempt.score, attempt.message) == ("graded", 4.0, "")
    assert Progress.objects.get(student=student, question=question).attempts == 1


@pytest.mark.django_db
def test_the_task_retries_a_time_limit_instead_of_failing_the_attempt(
    student: Any, question: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    from celery.exceptions import SoftTimeLimitExceeded

    with django_capture_on_commit_callbacks(execute=False):
        attempt = services.attempt_submit(student=student, question=question, answer={"objects": ["A"]})

    def too_slow(**kwargs: Any) -> Any:
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(services, "attempt_grade", too_slow)
    tasks.attempt_grade.apply(args=[attempt.pk])
    attempt.refresh_from_db()
    assert (attempt.status, attempt.message) == ("pending", tasks.DELAYED)


def test_retries_back_off_exponentially_up_to_a_minute() -> None:
    assert [tasks.retry_countdown(n) for n in range(8)] == [1, 2, 4, 8, 16, 32, 60, 60]


def test_the_task_is_acknowledged_late_with_time_limits() -> None:
    task = tasks.attempt_grade
    assert task.acks_late and task.reject_on_worker_lost
    assert (task.soft_time_limit, task.time_limit) == (20, 30)


@pytest.mark.django_db
def test_an_attempt_whose_key_has_a_problem_fails_with_that_problem(
    student: Any, question: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        attempt = services.attempt_submit(student=student, question=question, answer={"objects": ["A"]})
    question.answer_keys.update(key=None, problem="something went wrong")
    graded = services.attempt_grade(attempt_id=attempt.pk)
    assert (graded.status, graded.message) == ("failed", "This question could not be graded: something went wrong")


@pytest.mark.django_db
def test_a_broker_that_refuses_the_task_leaves_the_attempt_pending_and_says_why(
    student: Any, question: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.attempt_grade, "apply_async", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        attempt = services.attempt_submit(student=student, question=question, answer={"objects": ["A", "B#2"]})
    assert (attempt.status, attempt.message) == ("pending", services.BROKER_DOWN)  # what the API answers
    attempt.refresh_from_db()
    assert (attempt.status, attempt.message) == ("pending", services.BROKER_DOWN)


@pytest.mark.django_db
def test_an_invalid_answer_is_refused_by_the_service(student: Any, question: Any) -> None:
    with pytest.raises(ApplicationError) as info:
        services.attempt_submit(student=student, question=question, answer={"objects": ["Z"]})
    assert (info.value.status, info.value.message) == (400, "There is no object Z at this point; the objects are: A, B#1, B#2.")


@pytest.mark.django_db
def test_an_unpublished_exercise_takes_no_attempts(heap_program: str, make_exercise: Any, student: Any) -> None:
    question = make_exercise(heap_program, [dict(REACHABLE)], publish=False).questions.get()
    with pytest.raises(ApplicationError) as info:
        services.attempt_submit(student=student, question=question, answer={"objects": []})
    assert (info.value.status, info.value.message) == (409, "This exercise is not published yet.")


@pytest.mark.django_db
def test_attempts_pending_too_long_are_queued_again(student: Any, question: Any,
                                                    django_capture_on_commit_callbacks: Any) -> None:
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=False):  # the broker "lost" this one
        stale = services.attempt_submit(student=student, question=question, answer={"objects": ["A"]})
        fresh = services.attempt_submit(student=student, question=question, answer={"objects": ["A"]})
    Attempt.objects.filter(pk=stale.pk).update(created=timezone.now() - timedelta(minutes=10))
    out = StringIO()
    call_command("requeue_attempts", "--minutes", "5", stdout=out)
    assert out.getvalue().strip() == "Queued 1 pending attempt(s) for grading again."
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.status, fresh.status) == ("graded", "pending")


@pytest.mark.django_db
def test_the_periodic_sweeper_queues_attempts_pending_too_long(
    student: Any, question: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=False):  # the broker "lost" these
        stale = services.attempt_submit(student=student, question=question, answer={"objects": ["A"]})
        fresh = services.attempt_submit(student=student, question=question, answer={"objects": ["A"]})
    settings.GRADING_REQUEUE_AFTER = 120
    Attempt.objects.filter(pk=stale.pk).update(created=timezone.now() - timedelta(seconds=121))
    assert tasks.attempts_requeue_stale.apply().get() == 1
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.status, fresh.status) == ("graded", "pending")


@pytest.mark.django_db
def test_the_sweeper_stops_at_a_broker_that_is_down_and_the_attempts_keep_waiting(
    student: Any, question: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    from datetime import timedelta

    with django_capture_on_commit_callbacks(execute=False):
        for _ in range(3):
            services.attempt_submit(student=student, question=question, answer={"objects": ["A"]})
    sent = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        sent.append(args)
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.attempt_grade, "apply_async", refuse)
    assert services.attempts_requeue_stale(older_than=timedelta(0)) == []
    assert len(sent) == 1
    assert set(Attempt.objects.values_list("status", flat=True)) == {"pending"}


def test_celery_beat_runs_the_sweeper_every_minute_by_default() -> None:
    from memcourse.celery import app

    entry = app.conf.beat_schedule["requeue-stale-attempts"]
    assert (entry["task"], entry["schedule"]) == ("exercises.tasks.attempts_requeue_stale", 60.0)
    assert entry["task"] in app.tasks


@pytest.mark.django_db
def test_an_attempt_the_sweeper_queues_again_gets_one_try_not_another_round_of_retries(
    student: Any, question: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    from datetime import timedelta

    with django_capture_on_commit_callbacks(execute=False):
        attempt = services.attempt_submit(student=student, question=question, answer={"objects": ["A"]})
    calls = []

    def explode(*args: Any) -> Any:
        calls.append(args)
        raise RuntimeError("still broken")

    monkeypatch.setattr(services, "grade", explode)
    assert services.attempts_requeue_stale(older_than=timedelta(0)) == [attempt.pk]
    attempt.refresh_from_db()
    assert (len(calls), attempt.status, attempt.message) == (1, "pending", tasks.DELAYED)


@pytest.mark.django_db
def test_a_database_that_stays_down_leaves_the_attempt_pending_without_raising(
    student: Any, question: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    from django.db import OperationalError

    with django_capture_on_commit_callbacks(execute=False):
        attempt = services.attempt_submit(student=student, question=question, answer={"objects": ["A"]})

    def database_down(**kwargs: Any) -> Any:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "attempt_grade", database_down)
    monkeypatch.setattr(services, "attempt_delay", database_down)
    result = tasks.attempt_grade.apply(args=[attempt.pk])
    assert result.successful()
    attempt.refresh_from_db()
    assert (attempt.status, attempt.message) == ("pending", "")
