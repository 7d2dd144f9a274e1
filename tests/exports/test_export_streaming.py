"""The exports stream in constant memory: 10,000 generated students are read through one database cursor in
chunks (QuerySet.iterator), and the lines are produced one at a time; nothing builds a list of the class.

The proof is at the service level (selectors + formats, no HTTP): the number of queries does not grow with the
class, the cursor is read in chunks of 500, and the memory the export holds at its peak while producing every line
does not grow after the first chunks and is a small fraction of what holding the class's rows takes (measured with
tracemalloc, not with a clock)."""

import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assignments.models import AttemptCredit
from exercises.models import Attempt, Enrollment, Progress
from exports import formats, selectors

STUDENTS = 10_000


@pytest.fixture
def big_class(course: Any, exercise: Any, make_assignment: Callable[..., Any]) -> Any:
    """10,000 students of the course, each with a progress row (1 of 2 points) on the assignment's question and one
    late attempt, created in bulk."""
    from datetime import UTC, datetime

    make_assignment([exercise], due_at=datetime(2024, 10, 15, tzinfo=UTC), late_days=7, late_credit=50)
    User = get_user_model()
    User.objects.bulk_create((User(username=f"s{i:05d}", email=f"s{i:05d}@example.com") for i in range(STUDENTS)),
                             batch_size=2000)
    users = list(User.objects.filter(username__startswith="s0").only("id"))
    Enrollment.objects.bulk_create((Enrollment(user=u, course=course) for u in users), batch_size=2000)
    question = exercise.questions.get()
    Progress.objects.bulk_create((Progress(student=u, question=question, best_score=1.0, max_score=2.0) for u in users),
                                 batch_size=2000)
    version = exercise.versions.get()
    Attempt.objects.bulk_create((Attempt(student=u, question=question, exercise_version=version, answer={"choice": 0},
                                         status="graded", score=2.0, max_score=2.0) for u in users), batch_size=2000)
    when = datetime(2024, 10, 16, tzinfo=UTC)
    AttemptCredit.objects.bulk_create((AttemptCredit(attempt=a, submitted_at=when, late=True, multiplier=0.5, rule={})
                                       for a in Attempt.objects.only("id").iterator()), batch_size=2000)
    return course


def canvas(course: Any) -> Iterator[str]:
    items = selectors.grade_items(course=course)
    return formats.canvas_lines(items, selectors.student_grades(course=course, items=items))


def canvas_rows(course: Any) -> Any:
    return selectors.student_grades_queryset(course=course, items=selectors.grade_items(course=course))


def submissions(course: Any) -> Iterator[str]:
    return formats.submission_lines(selectors.submissions(course=course))


def submission_rows(course: Any) -> Any:
    return selectors.submissions_queryset(course=course)


def peak_holding(rows: Any) -> int:
    """What an export that read the class before writing would hold at least: every row at once."""
    tracemalloc.start()
    try:
        held = list(rows)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(held) == STUDENTS
    return peak


def stream(lines: Iterator[str], *, checkpoint: int) -> dict[str, int]:
    """Produce every line, counting queries, and note the peak memory held after `checkpoint` lines and at the end."""
    found = {"lines": 0}
    tracemalloc.start()
    try:
        with CaptureQueriesContext(connection) as queries:
            for line in lines:
                found["lines"] += 1
                if found["lines"] == checkpoint:
                    found["peak_early"], found["queries_early"] = tracemalloc.get_traced_memory()[1], len(queries)
                assert line.endswith("\r\n")
            found["peak_end"], found["queries_end"] = tracemalloc.get_traced_memory()[1], len(queries)
    finally:
        tracemalloc.stop()
    return found


@pytest.mark.django_db
def test_exports_of_ten_thousand_students_read_one_chunked_cursor_in_constant_memory(
    big_class: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    chunks: list[int] = []
    queryset_class = type(Attempt.objects.all())
    real_iterator = queryset_class.iterator

    def spy(self: Any, chunk_size: int | None = None) -> Any:
        chunks.append(chunk_size or 0)
        return real_iterator(self, chunk_size=chunk_size)

    monkeypatch.setattr(queryset_class, "iterator", spy)
    for export, rows, header_lines in [(canvas, canvas_rows, 2), (submissions, submission_rows, 1)]:
        holding = peak_holding(rows(big_class))
        chunks.clear()
        # 2,000 lines in, four chunks of 500 have been read: whatever one chunk holds is already at its peak.
        found = stream(export(big_class), checkpoint=2_000)
        assert found["lines"] == header_lines + STUDENTS
        assert chunks == [500], "one cursor, read 500 rows at a time"
        assert found["queries_end"] == found["queries_early"] <= 3, "no query after the first rows"
        # Reading the other 8,000 rows does not hold more: memory does not grow with the class (holding the rows
        # would make the end peak about five times the early one).
        assert found["peak_end"] < 1.25 * found["peak_early"], (export.__name__, found)
        # And at its peak the export holds a small fraction of what holding the class's rows takes.
        assert found["peak_end"] < holding / 4, (export.__name__, found, holding)
