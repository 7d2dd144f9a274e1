"""Presentation helpers of the student pages: pure functions that shape what the selectors return into what the
templates and the page scripts need (question widgets, object pickers, the step-through timeline). No database."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from exercises.feedback import labels_map
from exercises.labels import LABEL, Labeler, label_sort_key

SITE_KIND_TEXT = {
    "object": "object literal",
    "array": "array literal",
    "new": "new expression",
    "function": "function",
    "arrow": "arrow function",
    "class": "class",
    "method": "method",
    "regexp": "regular expression literal",
}
MANY_OBJECTS = 16  # above this many objects a site is answered with a list of numbers instead of checkboxes
CHECKPOINT_CALL = re.compile(r"""\bcheckpoint\(\s*(["'`])(?P<name>[^"'`]*)\1\s*\)""")


def site_kind_text(kind: str) -> str:
    return SITE_KIND_TEXT.get(kind, "allocation")


@dataclass(frozen=True)
class ObjectRow:
    """One allocation site in an object picker: its letter, where it is, and the labels of its objects."""

    letter: str
    line: int
    kind_text: str
    labels: list[str]

    @property
    def count(self) -> int:
        return max((_instance(label) for label in self.labels), default=0)

    @property
    def many(self) -> bool:
        return len(self.labels) > MANY_OBJECTS


def _instance(label: str) -> int:
    match = LABEL.match(label)
    return int(match["k"] or 1) if match else 0


def _letter(label: str) -> str:
    match = LABEL.match(label)
    return match["letters"] if match else label


def object_rows(labels: Iterable[str], sites: Sequence[Mapping[str, Any]]) -> list[ObjectRow]:
    """Group object labels ("B", "B#2") by site letter, in the order of the sites in the program."""
    by_letter: dict[str, list[str]] = {}
    for label in sorted(labels, key=label_sort_key):
        by_letter.setdefault(_letter(label), []).append(label)
    site_of = {site["label"]: site for site in sites}
    rows = []
    for letter, members in by_letter.items():
        site = site_of.get(letter, {})
        rows.append(ObjectRow(letter, int(site.get("line", 0)), site_kind_text(str(site.get("kind", ""))), members))
    return sorted(rows, key=lambda row: label_sort_key(row.letter))


def checkpoint_lines(source: str, reached: Iterable[Mapping[str, Any]]) -> dict[int, list[str]]:
    """Line -> checkpoint names: from the trace when it has them, else from the checkpoint("...") calls in the text."""
    lines: dict[int, list[str]] = {}
    for cp in reached:
        lines.setdefault(int(cp["line"]), []).append(str(cp["name"]))
    if lines:
        return lines
    for number, text in enumerate(source.splitlines(), start=1):
        names = [match["name"] for match in CHECKPOINT_CALL.finditer(text)]
        if names:
            lines[number] = names
    return lines


def site_positions(sites: Iterable[Mapping[str, Any]]) -> dict[tuple[int, int], str]:
    """(line, column) -> letter, for placing labels on the program listing."""
    return {(int(site["line"]), int(site["column"])): str(site["label"]) for site in sites}


@dataclass
class QuestionItem:
    """Everything the template needs to render one question's form."""

    question: Any
    options: Mapping[str, Any]
    answerable: bool
    checkpoint_line: int | None = None
    best_score: float = 0.0
    attempts: int = 0
    completed: bool = False  # fully right once, even if late credit makes the best (credited) score lower
    last_attempt_id: int | None = None
    functions: list[str] = field(default_factory=list)
    variables: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    object_rows: list[ObjectRow] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)
    callbacks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def occurrence(self) -> int:
        occurrence = (self.question.config or {}).get("occurrence", 1)
        return occurrence if isinstance(occurrence, int) else 1


def question_item(
    *,
    question: Any,
    options: Mapping[str, Any],
    answerable: bool,
    program_functions: Sequence[str],
    sites: Sequence[Mapping[str, Any]],
    checkpoint_line_of: Mapping[str, int],
) -> QuestionItem:
    config = question.config or {}
    objects = [str(label) for label in options.get("objects", [])]
    return QuestionItem(
        question=question,
        options=options,
        answerable=answerable,
        checkpoint_line=checkpoint_line_of.get(question.checkpoint) if question.checkpoint else None,
        functions=list(options.get("functions") or [*program_functions, "<global>"]),
        variables=list(options.get("variables") or config.get("variables") or []),
        objects=objects,
        object_rows=object_rows(objects, sites),
        choices=[str(choice) for choice in options.get("choices") or config.get("choices") or []],
        callbacks=[dict(option) for option in options.get("callbacks") or [] if isinstance(option, Mapping)],
    )


# --- the memory player ----------------------------------------------------------------------------------------


def player_trace(trace: Mapping[str, Any]) -> dict[str, Any]:
    """The trace as the player reads it. A timeline older than version 2 (docs/timeline.md) is left out, so the
    player steps checkpoint by checkpoint rather than misreading it."""
    out = dict(trace)
    if out.get("steps") and out.get("steps_version") != 2:
        for name in ("steps", "steps_version", "steps_truncated", "steps_truncated_reason"):
            out.pop(name, None)
    return out


def player_payload(source: str, trace: Mapping[str, Any], labeler: Labeler) -> dict[str, Any]:
    """What MemView.mount needs: the program, its trace, and heap key -> label for every labelled object."""
    shown = player_trace(trace)
    return {"source": source, "trace": shown, "labels": labels_map(shown, labeler)}
