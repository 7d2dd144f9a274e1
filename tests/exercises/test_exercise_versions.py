"""answer_key_compute, exercise versions and publishing, with the stand-in engine."""

from typing import Any

import pytest
from engine_fakes import HEAP_TRACE, FakeEngine, FakeProgramError

from exercises import services
from exercises.errors import ApplicationError
from exercises.models import AnswerKey, Attempt, Exercise, ExerciseVersion

REACHABLE = {"kind": "reachable", "checkpoint": "A"}


@pytest.mark.django_db
def test_keys_are_computed_once_per_version(heap_program: str, fake_engine: FakeEngine, make_exercise: Any) -> None:
    exercise = make_exercise(heap_program, [dict(REACHABLE), {"kind": "output"}])
    version = ExerciseVersion.objects.get(exercise=exercise)
    assert fake_engine.calls == 1
    keys = {k.question.kind: k for k in AnswerKey.objects.filter(exercise_version=version)}
    assert keys["reachable"].key == {"objects": ["A", "B#2"]}
    assert keys["reachable"].options == {"objects": ["A", "B#1", "B#2"]}
    assert keys["output"].key == {"lines": ["hi"]}
    services.answer_key_compute(exercise_version=version)
    assert fake_engine.calls == 1


@pytest.mark.django_db
def test_a_version_stores_its_trace_sites_and_functions(heap_program: str, make_exercise: Any) -> None:
    version = ExerciseVersion.objects.get(exercise=make_exercise(heap_program, [dict(REACHABLE)]))
    assert version.trace == HEAP_TRACE
    assert [s["key"] for s in version.sites] == ["1:11", "2:11"]
    assert version.functions == ["f"]


@pytest.mark.django_db
def test_a_syntax_error_is_stored_with_line_and_column(fake_engine: FakeEngine, make_exercise: Any) -> None:
    source = fake_engine.program("let = ;", error=FakeProgramError("SyntaxError", "Unexpected token '='", 1, 5))
    exercise = make_exercise(source, [dict(REACHABLE)], publish=False)
    key = AnswerKey.objects.get(question__exercise=exercise)
    assert key.problem == "SyntaxError at line 1, column 5: Unexpected token '='"
    assert not key.is_valid


@pytest.mark.django_db
def test_unsupported_syntax_is_stored_as_the_engine_says(fake_engine: FakeEngine, make_exercise: Any) -> None:
    error = FakeProgramError("UnsupportedSyntax", "generators are not supported", 2, 1)
    exercise = make_exercise(fake_engine.program("function* g() {}", error=error), [dict(REACHABLE)], publish=False)
    assert AnswerKey.objects.get(question__exercise=exercise).problem == (
        "UnsupportedSyntax at line 2, column 1: generators are not supported"
    )


@pytest.mark.django_db
def test_a_limit_hit_is_a_problem_for_every_question(fake_engine: FakeEngine, make_exercise: Any) -> None:
    trace = {"output": [], "checkpoints": [],
             "error": {"name": "LimitExceeded", "message": "step limit of 1000000 exceeded", "line": 2}}
    exercise = make_exercise(fake_engine.program("while (true) {}", trace=trace), [{"kind": "output"}], publish=False)
    assert AnswerKey.objects.get(question__exercise=exercise).problem == (
        "The program exceeded an engine limit (at line 2): step limit of 1000000 exceeded"
    )


@pytest.mark.django_db
def test_an_engine_crash_becomes_a_problem_not_an_exception(fake_engine: FakeEngine, make_exercise: Any,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    source = fake_engine.program("boom()", trace={})
    monkeypatch.setattr(fake_engine, "trace", lambda s: (_ for _ in ()).throw(AssertionError("bug")))
    exercise = make_exercise(source, [{"kind": "output"}], publish=False)
    assert AnswerKey.objects.get(question__exercise=exercise).problem == (
        "The engine failed on this program: AssertionError: bug"
    )


@pytest.mark.django_db
def test_a_question_without_a_valid_key_cannot_be_published(heap_program: str, make_exercise: Any) -> None:
    exercise = make_exercise(heap_program, [{"kind": "stack", "checkpoint": "nowhere"}], publish=False)
    with pytest.raises(ApplicationError) as info:
        services.exercise_publish(exercise=exercise)
    assert info.value.message == (
        'This exercise cannot be published: Question 1 (Call stack): The program never reaches checkpoint("nowhere").'
    )
    assert not Exercise.objects.get(pk=exercise.pk).published


@pytest.mark.django_db
def test_an_exercise_without_questions_cannot_be_published(heap_program: str, make_exercise: Any) -> None:
    exercise = make_exercise(heap_program, [], publish=False)
    with pytest.raises(ApplicationError, match="needs at least one question"):
        services.exercise_publish(exercise=exercise)


@pytest.mark.django_db
def test_editing_a_published_program_creates_a_new_version(heap_program: str, fake_engine: FakeEngine,
                                                           make_exercise: Any) -> None:
    exercise = make_exercise(heap_program, [{"kind": "output"}])
    new_source = fake_engine.program("console.log('bye');", trace={"output": ["bye"], "error": None, "checkpoints": []})
    exercise.program = new_source
    exercise.save()
    version = services.exercise_sync(exercise=exercise)
    assert (version.number, Exercise.objects.get(pk=exercise.pk).version) == (2, 2)
    keys = AnswerKey.objects.filter(question__exercise=exercise).order_by("exercise_version__number")
    assert [k.key for k in keys] == [{"lines": ["hi"]}, {"lines": ["bye"]}]


@pytest.mark.django_db
def test_old_attempts_keep_the_key_of_their_version(heap_program: str, fake_engine: FakeEngine, student: Any,
                                                   make_exercise: Any, django_capture_on_commit_callbacks: Any) -> None:
    exercise = make_exercise(heap_program, [{"kind": "output"}])
    question = exercise.questions.get()
    with django_capture_on_commit_callbacks(execute=False):
        old = services.attempt_submit(student=student, question=question, answer={"lines": ["hi"]})
    exercise.program = fake_engine.program("x", trace={"output": ["bye"], "error": None, "checkpoints": []})
    exercise.save()
    services.exercise_sync(exercise=exercise)
    graded = services.attempt_grade(attempt_id=old.pk)
    assert graded.exercise_version.number == 1
    assert graded.score == 1.0


@pytest.mark.django_db
def test_a_draft_edited_before_any_attempt_is_retraced_in_place(heap_program: str, fake_engine: FakeEngine,
                                                                make_exercise: Any) -> None:
    exercise = make_exercise(heap_program, [{"kind": "output"}], publish=False)
    exercise.program = fake_engine.program("y", trace={"output": ["y"], "error": None, "checkpoints": []})
    exercise.save()
    version = services.exercise_sync(exercise=exercise)
    assert version.number == 1
    assert AnswerKey.objects.get(question__exercise=exercise).key == {"lines": ["y"]}


@pytest.mark.django_db
def test_syncing_an_unchanged_exercise_changes_nothing(heap_program: str, fake_engine: FakeEngine,
                                                       make_exercise: Any) -> None:
    exercise = make_exercise(heap_program, [dict(REACHABLE)])
    services.exercise_sync(exercise=exercise)
    assert ExerciseVersion.objects.filter(exercise=exercise).count() == 1
    assert fake_engine.calls == 1
    assert Attempt.objects.count() == 0


