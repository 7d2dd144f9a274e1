"""Every exercise of the demo course (courses/js-memory/) passes the authoring self-test: all its variants (or fifty
of them) render, run within the engine's limits, reach every checkpoint a question names, and give every question
a meaningful key. The course files are read as docs/course-files.md lays them out; the variants of all exercises
are traced together, a few hundred per child process."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from exercises import selftest

COURSE = Path(__file__).resolve().parents[2] / "courses" / "js-memory"


def course_exercises() -> list[tuple[str, dict[str, Any], str]]:
    """(path, the exercise's TOML, its program) for every exercise file of the course, in order."""
    found = []
    for module in sorted(p for p in COURSE.iterdir() if p.is_dir()):
        for toml_file in sorted(module.glob("[0-9]*.toml")):
            data = tomllib.loads(toml_file.read_text(encoding="utf-8"))
            found.append((str(toml_file.relative_to(COURSE)), data, toml_file.with_suffix(".js").read_text("utf-8")))
    return found


def as_selftest(data: dict[str, Any], program: str) -> selftest.Exercise:
    questions = [
        selftest.QuestionInput(order=i, kind=q["kind"], checkpoint=q.get("checkpoint", ""), config=q.get("config", {}),
                               prompt=q.get("prompt", ""))
        for i, q in enumerate(data.get("questions", []), start=1)
    ]
    return selftest.Exercise(template=program, parameters=data.get("parameters", []), questions=questions)


def test_every_exercise_of_the_demo_course_passes_the_selftest() -> None:
    exercises = course_exercises()
    assert exercises, f"no exercise files under {COURSE}"
    reports = selftest.run_many([as_selftest(data, program) for _, data, program in exercises])
    failures = [f"{path}: {report.summary()} " + " | ".join(report.problems(limit=5))
                for (path, _, _), report in zip(exercises, reports, strict=True) if not report.ok]
    assert failures == []
    assert any(report.variants_total > 1 for report in reports)  # the course has templates
