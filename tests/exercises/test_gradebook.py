"""The gradebook page and its streaming CSV export."""

import csv
import io
from typing import Any

import pytest
from django.http import StreamingHttpResponse

from exercises import selectors, services
from exercises.models import Enrollment, Progress

MC = {"kind": "multiple_choice", "points": 2, "config": {"choices": ["a", "b"], "correct": 0}}


@pytest.fixture
def two_exercises(heap_program: str, make_exercise: Any) -> list[Any]:
    return [make_exercise(heap_program, [dict(MC)], title="First"),
            make_exercise(heap_program, [dict(MC), dict(MC)], title="Second")]


def read_csv(response: StreamingHttpResponse) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.django_db
def test_csv_has_a_row_per_student_a_column_per_exercise_and_a_total(
    client: Any, teacher: Any, student: Any, other_student: Any, two_exercises: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    first, second = two_exercises
    with django_capture_on_commit_callbacks(execute=True):
        services.attempt_submit(student=student, question=first.questions.get(), answer={"choice": 0})
        services.attempt_submit(student=student, question=second.questions.first(), answer={"choice": 0})
        services.attempt_submit(student=other_student, question=second.questions.last(), answer={"choice": 1})
    client.force_login(teacher)
    response = client.get("/courses/memory-101/gradebook.csv")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="memory-101-grades.csv"'
    assert read_csv(response) == [
        ["student", "First (max 2)", "Second (max 4)", "total (max 6)"],
        ["olga_student", "0.0", "0.0", "0.0"],
        ["sam_student", "2.0", "2.0", "4.0"],
    ]


@pytest.mark.django_db
def test_csv_streams_thousands_of_students_from_a_cursor(
    client: Any, teacher: Any, two_exercises: list[Any], django_assert_max_num_queries: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    count = 3000
    User.objects.bulk_create(User(username=f"s{i:05d}") for i in range(count))
    users = list(User.objects.filter(username__startswith="s0"))
    course = two_exercises[0].module.course
    Enrollment.objects.bulk_create(Enrollment(user=u, course=course) for u in users)
    question = two_exercises[0].questions.get()
    Progress.objects.bulk_create(Progress(student=u, question=question, best_score=1.0, max_score=2.0) for u in users)

    chunks: list[int] = []
    real_rows = selectors.gradebook_students

    def spy(**kwargs: Any) -> Any:
        queryset = real_rows(**kwargs)
        real_iterator = queryset.iterator

        def iterator(chunk_size: int) -> Any:
            chunks.append(chunk_size)
            return real_iterator(chunk_size=chunk_size)

        queryset.iterator = iterator  # type: ignore[method-assign]
        return queryset

    monkeypatch.setattr(selectors, "gradebook_students", spy)
    client.force_login(teacher)
    response = client.get("/courses/memory-101/gradebook.csv")
    assert isinstance(response, StreamingHttpResponse)
    assert chunks == [], "nothing is read before the response is consumed"
    with django_assert_max_num_queries(10):
        rows = read_csv(response)
    assert chunks == [500]
    assert len(rows) == 1 + count
    assert rows[1] == ["s00000", "1.0", "0.0", "1.0"]


@pytest.mark.django_db
def test_gradebook_page_shows_the_table_and_the_export_link(client: Any, teacher: Any, student: Any,
                                                            two_exercises: list[Any]) -> None:
    client.force_login(teacher)
    response = client.get("/courses/memory-101/gradebook/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/courses/memory-101/gradebook.csv"' in html
    assert "<th scope=\"row\">sam_student</th>" in html
    assert "First" in html and "Second" in html
