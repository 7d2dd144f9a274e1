"""Class statistics as pure computations over plain data (no database; analytics/selectors.py reads the data).

The figures of a *unit* (one question, or an exercise or module rolled up) over the students who answered it
(docs/analytics.md says what each means):

- attempts: graded attempts on the unit's questions;
- students: students with a graded attempt on at least one of its questions;
- first try fully right: of the (student, question) first tries, the share with full marks;
- mean best score and mean first-try score: per student, the sum of their best (or first-try) scores on the unit's
  questions divided by the unit's points (a question they have not answered counts 0), averaged over students;
- distribution: how many students' best score falls in each band of the unit's points;
- discrimination: the item-rest correlation, Pearson's r between the students' best score on the unit and their best
  score on the rest of the scope (the course, or the assignment); with an all-or-nothing question this is the
  point-biserial correlation. "n/a" with the reason for fewer than MIN_STUDENTS students or a constant score.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from analytics.misconceptions import Mistake

MIN_STUDENTS = 5
METHOD = ("item-rest correlation: Pearson's r between the students' best score on it and their best score on the "
          "rest of the course, or of the assignment when the statistics are filtered by one (the point-biserial "
          "correlation when a question is all or nothing)")
# Bands of the distribution, as fractions of the points: [low, high), and full marks on their own.
BANDS: tuple[tuple[float, float], ...] = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.0), (1.0, 1.0))
EPSILON = 1e-9


# --- the formulas ---------------------------------------------------------------------------------------------------


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's correlation coefficient of two equally long samples; None when either has no variance."""
    n = len(xs)
    if n != len(ys) or n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx < EPSILON or syy < EPSILON:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def _reading(value: float) -> str:
    """Rule-of-thumb reading of a discrimination (Ebel and Frisbie's bands)."""
    if value < 0:
        return "negative: stronger students do worse on it; check the question and its key"
    if value < 0.2:
        return "poor"
    if value < 0.3:
        return "fair"
    if value < 0.4:
        return "good"
    return "very good"


@dataclass(frozen=True)
class Discrimination:
    value: float | None
    n: int
    reason: str = ""

    @property
    def reading(self) -> str:
        return _reading(self.value) if self.value is not None else ""

    def to_json(self) -> dict[str, Any]:
        value = round(self.value, 3) if self.value is not None else None
        return {"value": value, "n": self.n, "reason": self.reason, "reading": self.reading}


def discrimination(item: Sequence[float], rest: Sequence[float], *, has_rest: bool = True,
                   min_students: int = MIN_STUDENTS) -> Discrimination:
    """The item-rest correlation of paired scores (one pair per student), or n/a with the reason."""
    n = len(item)
    if not has_rest:
        return Discrimination(None, n, "there are no other questions to compare with")
    if n == 0:
        return Discrimination(None, n, "no student has answered yet")
    if n < min_students:
        who = "student has" if n == 1 else "students have"
        return Discrimination(None, n, f"only {n} {who} answered; it needs at least {min_students}")
    if max(item) - min(item) < EPSILON:
        return Discrimination(None, n, f"every student has the same score on it ({item[0]:.0%})")
    if max(rest) - min(rest) < EPSILON:
        return Discrimination(None, n, "every student has the same score on the other questions")
    return Discrimination(pearson(item, rest), n)


@dataclass(frozen=True)
class Band:
    label: str
    low: float
    high: float
    count: int

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "low": self.low, "high": self.high, "count": self.count}


def _band_label(low: float, high: float) -> str:
    return "100%" if low == high else f"{low:.0%}–{high:.0%}"


def _band_of(fraction: float) -> int:
    if fraction >= 1.0 - EPSILON:
        return len(BANDS) - 1
    for index, (low, high) in enumerate(BANDS[:-1]):
        if low - EPSILON <= fraction < high - EPSILON:
            return index
    return 0  # below 0 cannot happen: scores are at least 0


def distribution(fractions: Iterable[float]) -> list[Band]:
    """How many scores (fractions of the points) fall in each band: 0–20%, ..., 80–100% (below full marks), 100%."""
    counts = Counter(_band_of(fraction) for fraction in fractions)
    return [Band(_band_label(low, high), low, high, counts.get(i, 0)) for i, (low, high) in enumerate(BANDS)]


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


# --- the figures of a unit ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionRow:
    """One question of the scope, as plain data."""

    id: int
    exercise_id: int
    module_id: int
    points: float


@dataclass(frozen=True)
class ScoreData:
    """Scores of the scope's students: best and first-try score per (student, question), attempts per question."""

    best: Mapping[tuple[int, int], float]
    first: Mapping[tuple[int, int], float]
    attempts: Mapping[int, int]


@dataclass(frozen=True)
class Figures:
    max_score: float
    attempts: int
    students: int
    first_tries: int
    first_try_full: int
    mean_best: float | None
    mean_first_try: float | None
    distribution: list[Band]
    discrimination: Discrimination

    @property
    def first_try_full_share(self) -> float | None:
        return self.first_try_full / self.first_tries if self.first_tries else None

    def to_json(self) -> dict[str, Any]:
        share = self.first_try_full_share
        return {
            "max_score": self.max_score, "attempts": self.attempts, "students": self.students,
            "first_tries": self.first_tries, "first_try_full": self.first_try_full,
            "first_try_full_share": round(share, 4) if share is not None else None,
            "mean_best": _round(self.mean_best), "mean_first_try": _round(self.mean_first_try),
            "distribution": [band.to_json() for band in self.distribution],
            "discrimination": self.discrimination.to_json(),
        }


def _round(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


@dataclass
class _Index:
    """The score data by question, and each student's total over the scope, computed once."""

    best: dict[int, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    first: dict[int, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    totals: dict[int, float] = field(default_factory=lambda: defaultdict(float))

    @classmethod
    def build(cls, data: ScoreData) -> _Index:
        index = cls()
        for (student, question), score in data.best.items():
            index.best[question][student] = score
            index.totals[student] += score
        for (student, question), score in data.first.items():
            index.first[question][student] = score
        return index


def unit_figures(questions: Sequence[QuestionRow], data: ScoreData, index: _Index, scope_max: float) -> Figures:
    """The figures of a set of questions (one question, an exercise, a module) over the students who answered it."""
    unit_max = float(sum(q.points for q in questions))
    best: dict[int, float] = defaultdict(float)
    first: dict[int, float] = defaultdict(float)
    first_tries = first_full = 0
    for q in questions:
        for student, score in index.best[q.id].items():
            best[student] += score
        for student, score in index.first[q.id].items():
            first[student] += score
            first_tries += 1
            first_full += q.points > 0 and score >= q.points - EPSILON
    students = sorted(set(best) | set(first))
    fraction = (lambda s: s / unit_max) if unit_max else (lambda s: 0.0)
    rest_max = scope_max - unit_max
    item = [fraction(best[s]) for s in students]
    rest = [(index.totals.get(s, 0.0) - best[s]) / rest_max if rest_max else 0.0 for s in students]
    return Figures(
        max_score=unit_max,
        attempts=sum(data.attempts.get(q.id, 0) for q in questions),
        students=len(students),
        first_tries=first_tries,
        first_try_full=first_full,
        mean_best=mean(item),
        mean_first_try=mean([fraction(first[s]) for s in students]),
        distribution=distribution(item),
        discrimination=discrimination(item, rest, has_rest=rest_max > 0),
    )


@dataclass(frozen=True)
class ScopeFigures:
    questions: dict[int, Figures]
    exercises: dict[int, Figures]
    modules: dict[int, Figures]


def scope_figures(questions: Sequence[QuestionRow], data: ScoreData) -> ScopeFigures:
    """The figures of every question, exercise and module of the scope."""
    index = _Index.build(data)
    scope_max = float(sum(q.points for q in questions))
    by_exercise: dict[int, list[QuestionRow]] = defaultdict(list)
    by_module: dict[int, list[QuestionRow]] = defaultdict(list)
    for q in questions:
        by_exercise[q.exercise_id].append(q)
        by_module[q.module_id].append(q)
    return ScopeFigures(
        questions={q.id: unit_figures([q], data, index, scope_max) for q in questions},
        exercises={e: unit_figures(qs, data, index, scope_max) for e, qs in by_exercise.items()},
        modules={m: unit_figures(qs, data, index, scope_max) for m, qs in by_module.items()},
    )


# --- the common wrong answers ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FirstTry:
    """A student's first graded answer to a question, with the mistakes it shows ([] when right)."""

    attempt_id: int
    student_id: int
    params: Mapping[str, Any]
    mistakes: Sequence[Mistake]


@dataclass(frozen=True)
class ParameterShare:
    name: str
    value: Any
    students: int
    answered: int

    @property
    def share(self) -> float:
        return self.students / self.answered if self.answered else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "students": self.students, "answered": self.answered,
                "share": round(self.share, 4)}


@dataclass(frozen=True)
class MistakeGroup:
    code: str
    subject: str
    label: str
    students: int
    answered: int
    attempt_ids: list[int]
    by_parameter: list[ParameterShare]

    @property
    def share(self) -> float:
        return self.students / self.answered if self.answered else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code, "subject": self.subject, "label": self.label, "students": self.students,
            "answered": self.answered, "share": round(self.share, 4), "attempts": self.attempt_ids,
            "by_parameter": [p.to_json() for p in self.by_parameter],
        }


def _parameter_values(tries: Sequence[FirstTry]) -> Counter[tuple[str, str]]:
    """How many first tries had each (parameter, value); values keyed by their JSON-ish text so 3 and "3" differ."""
    return Counter((name, repr(value)) for t in tries for name, value in sorted(t.params.items()))


def group_mistakes(tries: Sequence[FirstTry], *, limit: int = 10, examples: int = 3) -> list[MistakeGroup]:
    """The most common mistakes of first tries, each with the share of students who made it, a few attempts that
    show it, and, for a templated exercise, the share among the students of each parameter value."""
    members: dict[tuple[str, str], list[tuple[FirstTry, Mistake]]] = defaultdict(list)
    for attempt in tries:
        for mistake in {(m.code, m.subject): m for m in attempt.mistakes}.values():
            members[(mistake.code, mistake.subject)].append((attempt, mistake))
    answered = len({t.student_id for t in tries})
    values = _parameter_values(tries)
    shown = {(name, repr(value)): value for t in tries for name, value in t.params.items()}
    groups = []
    for (code, subject), found in members.items():
        labels = Counter(mistake.label for _, mistake in found)
        students = {attempt.student_id for attempt, _ in found}
        made = _parameter_values([attempt for attempt, _ in found])
        by_parameter = [ParameterShare(name, shown[(name, text)], made.get((name, text), 0), count)
                        for (name, text), count in sorted(values.items())]
        groups.append(MistakeGroup(
            code=code, subject=subject, label=labels.most_common(1)[0][0], students=len(students), answered=answered,
            attempt_ids=sorted(attempt.attempt_id for attempt, _ in found)[:examples], by_parameter=by_parameter,
        ))
    groups.sort(key=lambda g: (-g.students, g.label))
    return groups[:limit]
