"""Every exercise of the demo course (courses/js-memory/) passes the authoring self-test: all its variants (or fifty
of them) render, run within the engine's limits, reach every checkpoint a question names, and give every question
a meaningful key. The course is read with the course-files reader; the variants of all exercises are traced
together, a few hundred per child process."""

from __future__ import annotations

from pathlib import Path

from exercises import selftest
from exercises.coursefiles import ExerciseData, course_read

COURSE = Path(__file__).resolve().parents[2] / "courses" / "js-memory"


def as_selftest(exercise: ExerciseData) -> selftest.Exercise:
    questions = [
        selftest.QuestionInput(order=i, kind=q.kind, checkpoint=q.checkpoint, config=q.config, prompt=q.prompt)
        for i, q in enumerate(exercise.questions, start=1)
    ]
    return selftest.Exercise(template=exercise.program, parameters=exercise.parameters, questions=questions)


def test_every_exercise_of_the_demo_course_passes_the_selftest() -> None:
    exercises = [exercise for module in course_read(COURSE).modules for exercise in module.exercises]
    assert len(exercises) >= 40
    reports = selftest.run_many([as_selftest(exercise) for exercise in exercises])
    failures = [f"{exercise.path}: {report.summary()} " + " | ".join(report.problems(limit=5))
                for exercise, report in zip(exercises, reports, strict=True) if not report.ok]
    assert failures == []
    assert sum(report.variants_total > 1 for report in reports) >= 10  # the course has templates
