"""Compare the engine's trace with V8's, field by field, and read the list of accepted divergences.

Only the contract's **compared** fields take part: ``output``, ``error`` (name, message, line) and, per
checkpoint, ``name``, ``line``, ``stack``, ``locals`` and ``reachable``. A difference is named by a field
path such as ``error``, ``checkpoints[2].locals`` or ``checkpoints`` (when the number of checkpoints
differs), which is also how ``divergences.toml`` names the differences it accepts.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHECKPOINT_FIELDS = ("name", "line", "stack", "locals", "reachable")
ERROR_FIELDS = ("name", "message", "line")
DIVERGENCES_FILE = Path(__file__).resolve().parent / "divergences.toml"


@dataclass(frozen=True)
class Difference:
    """One compared field on which V8 (node) and the engine disagree."""

    field: str
    node: Any
    engine: Any

    def render(self) -> str:
        return f"{self.field}:\n    node:   {_compact(self.node)}\n    engine: {_compact(self.engine)}"


@dataclass(frozen=True)
class Divergence:
    """An accepted difference: a program, a field path and the reason it is not a bug."""

    program: str
    field: str
    reason: str


class DivergencesFileError(ValueError):
    """divergences.toml is malformed."""


def _compact(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def compared_view(trace: dict[str, Any]) -> dict[str, Any]:
    """Only the compared fields of a trace, in the contract's shape."""
    error = trace.get("error")
    return {
        "output": trace.get("output"),
        "error": None if error is None else {key: error.get(key) for key in ERROR_FIELDS},
        "checkpoints": [
            {key: checkpoint.get(key) for key in CHECKPOINT_FIELDS}
            for checkpoint in trace.get("checkpoints") or []
        ],
    }


def compare_traces(node: dict[str, Any], engine: dict[str, Any]) -> list[Difference]:
    """Every compared field on which the two traces disagree, in trace order."""
    expected, actual = compared_view(node), compared_view(engine)
    differences: list[Difference] = []
    for key in ("output", "error"):
        if expected[key] != actual[key]:
            differences.append(Difference(key, expected[key], actual[key]))
    differences.extend(_compare_checkpoints(expected["checkpoints"], actual["checkpoints"]))
    return differences


def _compare_checkpoints(expected: list[dict[str, Any]], actual: list[dict[str, Any]]) -> list[Difference]:
    differences: list[Difference] = []
    if len(expected) != len(actual):
        differences.append(
            Difference("checkpoints", [c["name"] for c in expected], [c["name"] for c in actual])
        )
    for index, (ours, theirs) in enumerate(zip(expected, actual, strict=False)):
        for key in CHECKPOINT_FIELDS:
            if ours[key] != theirs[key]:
                differences.append(Difference(f"checkpoints[{index}].{key}", ours[key], theirs[key]))
    return differences


def load_divergences(path: Path = DIVERGENCES_FILE) -> list[Divergence]:
    """The accepted divergences; each needs a program, a field and a reason."""
    if not path.exists():
        return []
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise DivergencesFileError(f"{path.name}: {error}") from error
    entries = document.get("divergence", [])
    if not isinstance(entries, list):
        raise DivergencesFileError(f"{path.name}: 'divergence' must be an array of tables ([[divergence]])")
    return [_divergence(entry, number) for number, entry in enumerate(entries, start=1)]


def _divergence(entry: Any, number: int) -> Divergence:
    if not isinstance(entry, dict):
        raise DivergencesFileError(f"divergence #{number} is not a table")
    missing = [key for key in ("program", "field", "reason") if not str(entry.get(key, "")).strip()]
    if missing:
        raise DivergencesFileError(f"divergence #{number} lacks {', '.join(missing)}")
    return Divergence(program=str(entry["program"]), field=str(entry["field"]), reason=str(entry["reason"]))


@dataclass(frozen=True)
class Verdict:
    """The differences nobody explained, and the listed divergences that no longer happen."""

    unexplained: list[Difference]
    stale: list[Divergence]

    @property
    def agrees(self) -> bool:
        return not self.unexplained and not self.stale

    def render(self, program: str) -> str:
        lines: list[str] = []
        if self.unexplained:
            lines.append(
                f"{program}: the engine disagrees with V8 (node) on {len(self.unexplained)} field(s):"
            )
            lines.extend("  " + difference.render() for difference in self.unexplained)
        if self.stale:
            lines.append(
                f"{program}: divergences.toml lists differences that no longer happen (remove them):"
            )
            lines.extend(f"  {divergence.field} ({divergence.reason})" for divergence in self.stale)
        return "\n".join(lines)


def judge(program: str, differences: list[Difference], divergences: list[Divergence]) -> Verdict:
    """Split differences into explained and unexplained ones, and find stale divergence entries."""
    accepted = {divergence.field: divergence for divergence in divergences if divergence.program == program}
    seen = {difference.field for difference in differences}
    unexplained = [difference for difference in differences if difference.field not in accepted]
    stale = [divergence for field, divergence in accepted.items() if field not in seen]
    return Verdict(unexplained=unexplained, stale=stale)
