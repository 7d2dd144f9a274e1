"""The CSV formats, as generators of lines over row iterators (pure: no database, no Django). docs/exports.md
describes each one exactly.

- Canvas gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, then one column per assignment named
  "Title (id)"; the second row is "Points Possible" with the points of each assignment.
- Moodle grade import: an identifier column (Email address, with Username beside it) and one column per grade item.
- All submissions: one row per attempt.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from exports.selectors import GradeItem, StudentGrades, Submission

CANVAS_IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
# Canvas writes its points row with leading spaces ("    Points Possible") and reads it either way.
CANVAS_POINTS_ROW = "    Points Possible"
MOODLE_IDENTITY = ["Username", "Email address"]
SUBMISSION_HEADER = ["attempt", "student", "email", "assignment", "exercise", "question", "question order",
                     "question kind", "answer", "status", "score", "max score", "credit", "credited score",
                     "submitted", "late"]


class Echo:
    """A file-like object whose write returns what it was given, so csv.writer can feed a generator line by line."""

    def write(self, value: str) -> str:
        return value


def text_cell(value: str) -> str:
    """Free text as a spreadsheet will not run it: a cell starting with =, +, -, @ (a formula) gets a leading '."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def number_cell(value: float | None) -> str:
    """2.0 as "2", 1.5 as "1.5"; an empty cell for None (no attempt: Canvas and Moodle leave the grade alone)."""
    if value is None:
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _lines(rows: Iterable[list[Any]]) -> Iterator[str]:
    writer = csv.writer(Echo(), lineterminator="\r\n")
    for row in rows:
        yield writer.writerow(row)


def canvas_column(item: GradeItem) -> str:
    return f"{text_cell(item.title)} ({item.id})"


def canvas_student_name(student: StudentGrades) -> str:
    """Canvas's "Last, First"; the user name when the account has no name."""
    if student.last_name and student.first_name:
        return text_cell(f"{student.last_name}, {student.first_name}")
    return text_cell(student.last_name or student.first_name or student.username)


def canvas_lines(items: list[GradeItem], students: Iterable[StudentGrades]) -> Iterator[str]:
    def rows() -> Iterator[list[Any]]:
        yield [*CANVAS_IDENTITY, *(canvas_column(item) for item in items)]
        yield [CANVAS_POINTS_ROW, "", "", "", "", *(number_cell(item.points) for item in items)]
        for student in students:
            yield [canvas_student_name(student), text_cell(student.lms_user_id), text_cell(student.sis_user_id),
                   text_cell(student.lms_login_id or student.username), "",
                   *(number_cell(grade) for grade in student.grades)]

    return _lines(rows())


def moodle_lines(items: list[GradeItem], students: Iterable[StudentGrades]) -> Iterator[str]:
    def rows() -> Iterator[list[Any]]:
        yield [*MOODLE_IDENTITY, *(text_cell(item.title) for item in items)]
        for student in students:
            yield [text_cell(student.username), text_cell(student.email),
                   *(number_cell(grade) for grade in student.grades)]

    return _lines(rows())


def submission_lines(submissions: Iterable[Submission]) -> Iterator[str]:
    def rows() -> Iterator[list[Any]]:
        yield SUBMISSION_HEADER
        for s in submissions:
            yield [s.attempt, text_cell(s.username), text_cell(s.email), text_cell(s.assignment),
                   text_cell(s.exercise), s.question, s.question_order, s.kind, s.answer, s.status,
                   number_cell(s.score), number_cell(s.max_score), number_cell(s.multiplier),
                   number_cell(s.credited_score), s.submitted, "yes" if s.late else "no"]

    return _lines(rows())
