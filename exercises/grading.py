"""Grading with partial credit: pure functions from (key, answer) to a fraction and per-part feedback.

Every answer has already passed exercises/answers.py, and has the same shape as its key. The rules (also in the
README):
- stack: the longest common subsequence of the given and the true frame lists (innermost first), divided by the
  longer of the two lists. Order matters, a missed or extra frame costs one frame, not everything after it.
- locals: one part per asked variable; credit = right values / asked variables. Numbers compare by value (1 == 1.0).
- reachable, gc_freed, refcount_leak: credit = (right picks - wrong picks) / objects in the key, at least 0;
  when the key is empty, full credit for picking nothing, else 0.
- pending: the same, over the functions still waiting to run (a function scheduled twice counts once).
- output: line by line in order, each line compared with trailing spaces ignored; credit = matching lines / the
  longer of the two lists (no lines expected and none given is full credit).
- overflow: two halves: whether it overflows, and the line (when it does not overflow, the line half is right when
  the answer also says it does not).
- multiple_choice: all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Grade:
    fraction: float
    parts: list[dict[str, Any]] = field(default_factory=list)

    def score(self, points: float) -> float:
        return round(points * self.fraction, 2)


def _part(name: str, correct: bool, expected: Any, given: Any) -> dict[str, Any]:
    return {"part": name, "correct": correct, "expected": expected, "given": given}


def lcs_pairs(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Index pairs (i, j) of one longest common subsequence of a and b, in order."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def grade_stack(key: Mapping[str, Any], answer: Mapping[str, Any]) -> Grade:
    expected, given = list(key["frames"]), list(answer["frames"])
    longest = max(len(expected), len(given))
    if longest == 0:
        return Grade(1.0, [])
    matched = dict(lcs_pairs(expected, given))
    parts = [
        _part(f"frame {i + 1}", i in matched, name, given[matched[i]] if i in matched else None)
        for i, name in enumerate(expected)
    ]
    extra = [name for j, name in enumerate(given) if j not in matched.values()]
    if extra:
        parts.append(_part("frames that are not on the stack there", False, [], extra))
    return Grade(len(matched) / longest, parts)


def values_equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    return bool(a == b)


def grade_locals(key: Mapping[str, Any], answer: Mapping[str, Any]) -> Grade:
    expected, given = key["values"], answer["values"]
    parts = [_part(name, values_equal(value, given.get(name)), value, given.get(name)) for name, value in expected.items()]
    right = sum(part["correct"] for part in parts)
    return Grade(right / len(parts) if parts else 1.0, parts)


def grade_object_set(key: Mapping[str, Any], answer: Mapping[str, Any]) -> Grade:
    expected, given = set(key["objects"]), set(answer["objects"])
    parts = [_part(label, label in given, True, label in given) for label in key["objects"]]
    parts += [_part(label, False, False, True) for label in answer["objects"] if label not in expected]
    if not expected:
        return Grade(0.0 if given else 1.0, parts)
    right, wrong = len(expected & given), len(given - expected)
    return Grade(max(0.0, (right - wrong) / len(expected)), parts)


def grade_output(key: Mapping[str, Any], answer: Mapping[str, Any]) -> Grade:
    expected, given = list(key["lines"]), list(answer["lines"])
    longest = max(len(expected), len(given))
    if longest == 0:
        return Grade(1.0, [])
    parts = []
    for i in range(longest):
        want = expected[i] if i < len(expected) else None
        got = given[i] if i < len(given) else None
        same = want is not None and got is not None and want.rstrip() == got.rstrip()
        parts.append(_part(f"line {i + 1}", same, want, got))
    return Grade(sum(part["correct"] for part in parts) / longest, parts)


def grade_overflow(key: Mapping[str, Any], answer: Mapping[str, Any]) -> Grade:
    whether = answer["overflows"] == key["overflows"]
    where = answer["line"] == key["line"] if key["overflows"] else not answer["overflows"]
    parts = [
        _part("overflows", whether, key["overflows"], answer["overflows"]),
        _part("line", where, key["line"], answer["line"]),
    ]
    return Grade((whether + where) / 2, parts)


def grade_multiple_choice(key: Mapping[str, Any], answer: Mapping[str, Any]) -> Grade:
    right = key["choice"] == answer["choice"]
    return Grade(1.0 if right else 0.0, [_part("choice", right, key["choice"], answer["choice"])])


GRADERS: dict[str, Callable[[Mapping[str, Any], Mapping[str, Any]], Grade]] = {
    "stack": grade_stack,
    "locals": grade_locals,
    "reachable": grade_object_set,
    "gc_freed": grade_object_set,
    "refcount_leak": grade_object_set,
    "pending": grade_object_set,
    "output": grade_output,
    "overflow": grade_overflow,
    "multiple_choice": grade_multiple_choice,
}


def grade(kind: str, key: Mapping[str, Any], answer: Mapping[str, Any]) -> Grade:
    grader = GRADERS.get(kind)
    if grader is None:
        raise ValueError(f'Unknown question kind "{kind}".')
    return grader(key, answer)
