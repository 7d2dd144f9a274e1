"""Presentation helpers of the student pages: pure functions that shape what the selectors return into what the
templates and the page scripts need (question widgets, object pickers, the step-through timeline). No database."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from exercises.labels import LABEL, Labeler, label_sort_key

SITE_KIND_TEXT = {
    "object": "object literal",
    "array": "array literal",
    "new": "new expression",
    "function": "function",
    "arrow": "arrow function",
    "class": "class",
    "method": "method",
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
    last_attempt_id: int | None = None
    functions: list[str] = field(default_factory=list)
    variables: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    object_rows: list[ObjectRow] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)

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
    )


# --- the step-through timeline -----------------------------------------------------------------------------------


def checkpoint_frames(trace: Mapping[str, Any], labeler: Labeler) -> list[dict[str, Any]]:
    """One frame of the step-through per checkpoint the run recorded, with the memory there (labelled)."""
    frames = []
    checkpoints = trace.get("checkpoints", [])
    for index, cp in enumerate(checkpoints, start=1):
        title = f'Checkpoint “{cp.get("name")}” at line {cp.get("line")} ({index} of {len(checkpoints)})'
        frames.append({"line": cp.get("line"), "title": title, "state": labeler.checkpoint(cp)})
    return frames


def labelled_steps(steps: Sequence[Any], labeler: Labeler) -> list[dict[str, Any]]:
    """The engine's compact timeline with object ids turned into labels. Each entry keeps its shape: "line",
    "stack" (names, innermost first), and what changed: "frames" (locals by depth, outermost = "0"), "heap"
    (objects added or changed), "freed" (objects gone), "heap_reset" / "heap_omitted" flags. The page replays it."""
    out = []
    for step in steps:
        if not isinstance(step, Mapping):
            continue
        entry = dict(labeler.value(dict(step)))
        if "freed" in step:
            entry["freed"] = [labeler.label(key) or key for key in step["freed"]]
        out.append(entry)
    return out


def run_timeline(trace: Mapping[str, Any] | None, labeler: Labeler) -> dict[str, Any]:
    """The step-through of a run: its steps when the trace has a timeline, otherwise its checkpoints."""
    trace = trace or {}
    steps = trace.get("steps")
    if isinstance(steps, list) and steps:
        return {
            "mode": "steps",
            "steps": labelled_steps(steps, labeler),
            "truncated": bool(trace.get("steps_truncated")),
            "output": trace.get("output", []),
        }
    return {"mode": "checkpoints", "frames": checkpoint_frames(trace, labeler), "output": trace.get("output", [])}
