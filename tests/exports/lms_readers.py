"""Readers that apply each LMS's documented import rules to a CSV, strictly, so a test can check that an export
is what the LMS accepts. They are checked first against fixtures written from the documentation
(fixtures/*.csv), then run on memcourse's exports.

Canvas (Instructure's guide "How do I import grades in the Gradebook?" and the format of its own gradebook
export): the first row names the columns Student, ID, SIS User ID, SIS Login ID and Section, then one column per
assignment titled "Assignment name (assignment id)"; an optional second row starts with "Points Possible" (Canvas
writes it with leading spaces) and holds each assignment's points, with the identity columns empty; every further
row is a student, identified by at least one of Student, ID, SIS User ID or SIS Login ID; a grade is a number, or
empty for no change.

Moodle ("Import grades: CSV file" in the Moodle docs): a header row; one column is the identifier mapped to a user
field (here "Email address" or "Username"); each other column is a grade item; every row is one user, a grade is a
number or empty (no change); there is no points row."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

CANVAS_IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
CANVAS_ASSIGNMENT = re.compile(r"^(?P<title>.+) \((?P<id>\d+)\)$")


class Rejected(Exception):
    pass


def _grade(cell: str, where: str) -> float | None:
    if cell == "":
        return None
    try:
        return float(cell)
    except ValueError as exc:
        raise Rejected(f"{where}: {cell!r} is not a number") from exc


@dataclass
class CanvasImport:
    assignments: dict[int, str] = field(default_factory=dict)  # id -> title
    points: dict[int, float] = field(default_factory=dict)
    grades: dict[str, dict[int, float | None]] = field(default_factory=dict)  # SIS Login ID (or name) -> id -> grade
    names: dict[str, str] = field(default_factory=dict)


def canvas_read(text: str) -> CanvasImport:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or rows[0][:5] != CANVAS_IDENTITY:
        raise Rejected(f"the first columns must be {CANVAS_IDENTITY}, not {rows[0][:5] if rows else []}")
    result = CanvasImport()
    ids = []
    for column in rows[0][5:]:
        match = CANVAS_ASSIGNMENT.match(column)
        if match is None:
            raise Rejected(f"column {column!r} is not 'Title (id)'")
        ids.append(int(match["id"]))
        result.assignments[int(match["id"])] = match["title"]
    body = rows[1:]
    if body and body[0][0].strip() == "Points Possible":
        if any(body[0][1:5]):
            raise Rejected("the Points Possible row has identity cells")
        for assignment_id, cell in zip(ids, body[0][5:], strict=True):
            points = _grade(cell, "Points Possible")
            if points is None:
                raise Rejected("an assignment has no points possible")
            result.points[assignment_id] = points
        body = body[1:]
    for n, row in enumerate(body, start=3):
        if len(row) != len(rows[0]):
            raise Rejected(f"row {n} has {len(row)} cells, the header {len(rows[0])}")
        key = row[3] or row[2] or row[1] or row[0]
        if not key:
            raise Rejected(f"row {n} identifies no student")
        result.names[key] = row[0]
        result.grades[key] = {a: _grade(cell, f"row {n}") for a, cell in zip(ids, row[5:], strict=True)}
    return result


@dataclass
class MoodleImport:
    items: list[str]
    grades: dict[str, dict[str, float | None]]  # identifier -> grade item -> grade


def moodle_read(text: str, *, identifier: str, other_identity: tuple[str, ...] = ("Username", "Email address")
                ) -> MoodleImport:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or identifier not in rows[0]:
        raise Rejected(f"no identifier column {identifier!r}")
    header = rows[0]
    key_at = header.index(identifier)
    item_at = [i for i, name in enumerate(header) if name not in other_identity and i != key_at]
    grades: dict[str, dict[str, float | None]] = {}
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(header) or not row[key_at]:
            raise Rejected(f"row {n} is not a user row")
        grades[row[key_at]] = {header[i]: _grade(row[i], f"row {n}") for i in item_at}
    return MoodleImport(items=[header[i] for i in item_at], grades=grades)
