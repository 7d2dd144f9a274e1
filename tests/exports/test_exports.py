"""The Canvas, Moodle and submissions exports: their format (read back with each LMS's documented import rules,
checked against fixtures written from that documentation), credited scores, the course's time zone, who may
download them, and the links on the gradebook page."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.http import StreamingHttpResponse
from lms_readers import Rejected, canvas_read, moodle_read

FIXTURES = Path(__file__).parent / "fixtures"
DUE = datetime(2024, 10, 15, 21, 59, tzinfo=UTC)  # 23:59 in Paris
RIGHT, WRONG = {"choice": 0}, {"choice": 1}


def text_of(response: StreamingHttpResponse) -> str:
    return b"".join(response.streaming_content).decode()


@pytest.fixture
def graded_class(course: Any, student: Any, other_student: Any, heap_program: str,
                 make_exercise: Callable[..., Any], make_assignment: Callable[..., Any],
                 submit: Callable[..., Any], set_now: Callable[[datetime], None]) -> dict[str, Any]:
    """Two assignments of one exercise each (2 points); sam answers week 1 late (worth 50%) and week 2 on time;
    olga answers week 1 on time, wrongly first, and never week 2."""
    from exercises.models import Question

    course.time_zone = "Europe/Paris"
    course.save()
    student.first_name, student.last_name, student.email = "Sam", "Student", "sam@example.com"
    student.save()
    other_student.email = "olga@example.com"
    other_student.save()
    mc = {"kind": "multiple_choice", "points": 2, "config": {"choices": ["right", "wrong"], "correct": 0}}
    first = make_exercise(heap_program, [dict(mc)], title="Frames")
    second = make_exercise(heap_program, [dict(mc)], title="Heap")
    week1 = make_assignment([first], due_at=DUE, late_days=7, late_credit=50, title="Week 1")
    week2 = make_assignment([second], due_at=DUE + timedelta(days=7), title="Week 2")
    q1, q2 = Question.objects.get(exercise=first), Question.objects.get(exercise=second)
    set_now(DUE - timedelta(hours=1))
    submit(other_student, q1, WRONG)
    submit(other_student, q1, RIGHT)
    submit(student, q2, RIGHT)
    set_now(DUE + timedelta(hours=1))
    late = submit(student, q1, RIGHT)
    return {"week1": week1, "week2": week2, "q1": q1, "q2": q2, "late": late}


def test_the_canvas_reader_accepts_the_documented_format() -> None:
    fixture = canvas_read((FIXTURES / "canvas_gradebook_import.csv").read_text())
    assert fixture.assignments == {101: "Week 1", 102: "Midterm project"}
    assert fixture.points == {101: 10.0, 102: 20.0}
    assert fixture.grades["jdoe"] == {101: 8.0, 102: 15.5}
    assert fixture.grades["rroe"] == {101: None, 102: 20.0}


def test_the_canvas_reader_rejects_what_canvas_rejects() -> None:
    with pytest.raises(Rejected):
        canvas_read("Name,Login,Week 1 (101)\r\nJane,jdoe,8\r\n")
    with pytest.raises(Rejected):
        canvas_read("Student,ID,SIS User ID,SIS Login ID,Section,Week 1\r\nJane,,,jdoe,,8\r\n")


def test_the_moodle_reader_accepts_the_documented_format() -> None:
    fixture = moodle_read((FIXTURES / "moodle_grade_import.csv").read_text(), identifier="Email address")
    assert fixture.items == ["Week 1", "Midterm project"]
    assert fixture.grades["jdoe@example.com"] == {"Week 1": 8.0, "Midterm project": 15.5}
    assert fixture.grades["lwei@example.com"] == {"Week 1": 0.0, "Midterm project": None}


@pytest.mark.django_db
def test_the_canvas_export_has_canvas_columns_points_and_credited_scores(
    client: Any, teacher: Any, graded_class: dict[str, Any]
) -> None:
    week1, week2 = graded_class["week1"], graded_class["week2"]
    client.force_login(teacher)
    response = client.get("/courses/memory-101/exports/canvas.csv")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="memory-101-canvas.csv"'
    text = text_of(response)
    assert text.splitlines()[:2] == [
        f"Student,ID,SIS User ID,SIS Login ID,Section,Week 1 ({week1.pk}),Week 2 ({week2.pk})",
        "    Points Possible,,,,,2,2",
    ]
    imported = canvas_read(text)
    assert imported.points == {week1.pk: 2.0, week2.pk: 2.0}
    assert imported.grades == {
        "olga_student": {week1.pk: 2.0, week2.pk: None},  # no attempt on week 2: left empty, not 0
        "sam_student": {week1.pk: 1.0, week2.pk: 2.0},  # week 1 late: 2 points at 50%
    }
    assert imported.names["sam_student"] == "Student, Sam"


@pytest.mark.django_db
def test_the_moodle_export_has_an_identifier_and_a_column_per_grade_item(
    client: Any, teacher: Any, graded_class: dict[str, Any]
) -> None:
    client.force_login(teacher)
    text = text_of(client.get("/courses/memory-101/exports/moodle.csv"))
    assert text.splitlines()[0] == "Username,Email address,Week 1,Week 2"
    by_email = moodle_read(text, identifier="Email address")
    assert by_email.items == ["Week 1", "Week 2"]
    assert by_email.grades == {"olga@example.com": {"Week 1": 2.0, "Week 2": None},
                               "sam@example.com": {"Week 1": 1.0, "Week 2": 2.0}}
    assert moodle_read(text, identifier="Username").grades["sam_student"] == {"Week 1": 1.0, "Week 2": 2.0}


@pytest.mark.django_db
def test_the_submissions_export_has_one_row_per_attempt_in_the_course_zone(
    client: Any, teacher: Any, graded_class: dict[str, Any]
) -> None:
    import csv
    import io

    client.force_login(teacher)
    rows = list(csv.DictReader(io.StringIO(text_of(client.get("/courses/memory-101/exports/submissions.csv")))))
    assert [(r["student"], r["exercise"], r["score"], r["credited score"], r["late"]) for r in rows] == [
        ("olga_student", "Frames", "0", "0", "no"),
        ("olga_student", "Frames", "2", "2", "no"),
        ("sam_student", "Heap", "2", "2", "no"),
        ("sam_student", "Frames", "2", "1", "yes"),
    ]
    late = rows[-1]
    assert late == {
        "attempt": str(graded_class["late"].pk), "student": "sam_student", "email": "sam@example.com",
        "assignment": "Week 1", "exercise": "Frames", "question": str(graded_class["q1"].pk), "question order": "1",
        "question kind": "multiple_choice", "answer": '{"choice":0}', "status": "graded", "score": "2",
        "max score": "2", "credit": "0.5", "credited score": "1", "submitted": "2024-10-16T00:59:00+02:00",
        "late": "yes",
    }


@pytest.mark.django_db
def test_the_gradebook_csv_counts_credited_scores(client: Any, teacher: Any, graded_class: dict[str, Any]) -> None:
    client.force_login(teacher)
    text = text_of(client.get("/courses/memory-101/gradebook.csv"))
    assert text.splitlines()[1:] == ["olga_student,2.0,0.0,2.0", "sam_student,1.0,2.0,3.0"]


@pytest.mark.django_db
def test_a_course_without_assignments_exports_identity_columns_only(client: Any, teacher: Any, student: Any) -> None:
    client.force_login(teacher)
    assert text_of(client.get("/courses/memory-101/exports/canvas.csv")).splitlines() == [
        "Student,ID,SIS User ID,SIS Login ID,Section", "    Points Possible,,,,", "sam_student,,,sam_student,"]


@pytest.mark.django_db
def test_text_that_a_spreadsheet_would_run_as_a_formula_is_quoted(
    client: Any, teacher: Any, student: Any, make_assignment: Callable[..., Any], exercise: Any
) -> None:
    make_assignment([exercise], due_at=DUE, title='=HYPERLINK("http://evil")')
    client.force_login(teacher)
    header = text_of(client.get("/courses/memory-101/exports/moodle.csv")).splitlines()[0]
    assert header == "Username,Email address,\"'=HYPERLINK(\"\"http://evil\"\")\""


@pytest.mark.parametrize("export", ["canvas.csv", "moodle.csv", "submissions.csv"])
@pytest.mark.django_db
def test_only_the_courses_teachers_may_download(client: Any, teacher: Any, student: Any, outsider: Any,
                                                export: str) -> None:
    url = f"/courses/memory-101/exports/{export}"
    anonymous = client.get(url)
    assert (anonymous.status_code, anonymous["Location"]) == (302, f"/accounts/login/?next={url}")
    for person, status in [(student, 403), (outsider, 403), (teacher, 200)]:
        client.force_login(person)
        assert client.get(url).status_code == status
    assert client.get(f"/courses/no-such-course/exports/{export}").status_code == 404


@pytest.mark.django_db
def test_the_gradebook_page_links_every_export(client: Any, teacher: Any) -> None:
    client.force_login(teacher)
    html = client.get("/courses/memory-101/gradebook/").content.decode()
    for export in ("canvas.csv", "moodle.csv", "submissions.csv"):
        assert f'href="/courses/memory-101/exports/{export}"' in html


@pytest.mark.django_db
def test_the_view_reads_nothing_until_the_download_is_consumed(
    client: Any, teacher: Any, graded_class: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    client.force_login(teacher)
    response = client.get("/courses/memory-101/exports/submissions.csv")
    with django_assert_max_num_queries(1):  # the whole export is one query over a cursor
        lines = text_of(response).splitlines()
    assert len(lines) == 1 + 4


@pytest.mark.django_db
def test_the_submission_time_is_written_to_the_second(client: Any, teacher: Any, graded_class: dict[str, Any]) -> None:
    """Stored times carry microseconds; a spreadsheet reads 2024-10-16T00:59:07+02:00, not ...07.123456+02:00."""
    import csv
    import io

    credit = graded_class["late"].credit
    credit.submitted_at = credit.submitted_at.replace(second=7, microsecond=123456)
    credit.save()
    client.force_login(teacher)
    rows = list(csv.DictReader(io.StringIO(text_of(client.get("/courses/memory-101/exports/submissions.csv")))))
    assert rows[-1]["submitted"] == "2024-10-16T00:59:07+02:00"
