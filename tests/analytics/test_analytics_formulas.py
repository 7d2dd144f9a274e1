"""The statistics' formulas on crafted data whose answers are known by hand: Pearson's r, the point-biserial case,
n/a with its reason, the distribution's bands, the figures of a unit and their roll-up, and grouping mistakes."""

from __future__ import annotations

import math

import pytest

from analytics import services
from analytics.misconceptions import Mistake
from analytics.services import FirstTry, QuestionRow, ScoreData


def test_pearson_matches_the_textbook_example() -> None:
    # mean 3 and 4; Sxy = 6, Sxx = 10, Syy = 6: r = 6 / sqrt(60)
    assert services.pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]) == pytest.approx(6 / math.sqrt(60))


def test_an_all_or_nothing_question_gives_the_point_biserial_correlation() -> None:
    item, rest = [0, 0, 1, 1, 1], [1, 2, 3, 4, 5]
    # r_pb = (M1 - M0) / s_n * sqrt(p q): M1 = 4, M0 = 1.5, s_n = sqrt(2), p = 0.6, q = 0.4
    point_biserial = (4 - 1.5) / math.sqrt(2) * math.sqrt(0.6 * 0.4)
    result = services.discrimination(item, rest)
    assert result.value == pytest.approx(point_biserial) == pytest.approx(math.sqrt(3) / 2)
    assert (result.n, result.reason, result.reading) == (5, "", "very good")


def test_a_question_the_weak_students_get_right_has_a_negative_discrimination() -> None:
    result = services.discrimination([1, 1, 0, 0, 0], [1, 2, 3, 4, 5])
    assert result.value == pytest.approx(-math.sqrt(3) / 2)
    assert result.reading.startswith("negative")


def test_discrimination_is_na_with_too_few_students() -> None:
    result = services.discrimination([0, 1, 1, 0], [1, 2, 3, 4])
    assert result.value is None
    assert result.reason == "only 4 students have answered; it needs at least 5"
    assert services.discrimination([1], [2]).reason == "only 1 student has answered; it needs at least 5"
    assert services.discrimination([], []).reason == "no student has answered yet"  # not "only 0 students"


def test_discrimination_is_na_when_everyone_has_the_same_score() -> None:
    same_item = services.discrimination([1, 1, 1, 1, 1], [1, 2, 3, 4, 5])
    assert (same_item.value, same_item.reason) == (None, "every student has the same score on it (100%)")
    same_rest = services.discrimination([0, 1, 0, 1, 1], [0.5] * 5)
    assert (same_rest.value, same_rest.reason) == (None, "every student has the same score on the other questions")


def test_discrimination_is_na_without_other_questions() -> None:
    result = services.discrimination([0, 1, 0, 1, 1], [0] * 5, has_rest=False)
    assert (result.value, result.reason) == (None, "there are no other questions to compare with")


def test_the_distribution_puts_full_marks_in_a_band_of_their_own() -> None:
    bands = services.distribution([0, 0.1, 0.2, 0.5, 0.79, 0.8, 0.99, 1.0, 1.0])
    assert [(b.label, b.count) for b in bands] == [
        ("0%–20%", 2), ("20%–40%", 1), ("40%–60%", 1), ("60%–80%", 1), ("80%–100%", 2), ("100%", 2),
    ]
    assert sum(b.count for b in services.distribution([1 / 3, 2 / 3, 0.6])) == 3


# Two exercises: e1 has q1 (1 point) and q2 (2 points), e2 has q3 (1 point); one module.
Q1, Q2, Q3 = QuestionRow(1, 10, 100, 1), QuestionRow(2, 10, 100, 2), QuestionRow(3, 20, 100, 1)
# Five students (ids 1..5): best scores, first-try scores; student 5 never answered q3.
BEST = {(1, 1): 1, (1, 2): 2, (1, 3): 1,
        (2, 1): 1, (2, 2): 1, (2, 3): 1,
        (3, 1): 0, (3, 2): 2, (3, 3): 0,
        (4, 1): 1, (4, 2): 0, (4, 3): 0,
        (5, 1): 0, (5, 2): 0}
FIRST = {(1, 1): 1, (1, 2): 1, (1, 3): 1,
         (2, 1): 0, (2, 2): 1, (2, 3): 1,
         (3, 1): 0, (3, 2): 2, (3, 3): 0,
         (4, 1): 1, (4, 2): 0, (4, 3): 0,
         (5, 1): 0, (5, 2): 0}
DATA = ScoreData(best=BEST, first=FIRST, attempts={1: 7, 2: 6, 3: 4})


def test_the_figures_of_one_question() -> None:
    q1 = services.scope_figures([Q1, Q2, Q3], DATA).questions[1]
    assert (q1.attempts, q1.students, q1.first_tries, q1.first_try_full) == (7, 5, 5, 2)
    assert q1.mean_best == pytest.approx(3 / 5) and q1.mean_first_try == pytest.approx(2 / 5)
    assert [b.count for b in q1.distribution] == [2, 0, 0, 0, 0, 3]
    # item: best on q1 (1, 1, 0, 1, 0); rest: best on q2 and q3 out of 3 points (3, 2, 2, 0, 0) / 3
    expected = services.pearson([1, 1, 0, 1, 0], [1, 2 / 3, 2 / 3, 0, 0])
    assert q1.discrimination.value == pytest.approx(expected)
    assert q1.discrimination.n == 5


def test_an_exercise_rolls_up_its_questions() -> None:
    e1 = services.scope_figures([Q1, Q2, Q3], DATA).exercises[10]
    assert e1.max_score == 3 and e1.attempts == 13 and e1.students == 5
    # first tries on q1 and q2: 10 pairs, full marks on (1,1) (3,2) (4,1): 3
    assert (e1.first_tries, e1.first_try_full) == (10, 3)
    # per student best over 3 points: 3, 2, 2, 1, 0
    assert e1.mean_best == pytest.approx((3 + 2 + 2 + 1 + 0) / 5 / 3)
    assert e1.mean_first_try == pytest.approx((2 + 1 + 2 + 1 + 0) / 5 / 3)
    assert [b.count for b in e1.distribution] == [1, 1, 0, 2, 0, 1]
    expected = services.pearson([1, 2 / 3, 2 / 3, 1 / 3, 0], [1, 1, 0, 0, 0])
    assert e1.discrimination.value == pytest.approx(expected)


def test_a_question_only_some_students_answered_counts_only_them() -> None:
    q3 = services.scope_figures([Q1, Q2, Q3], DATA).questions[3]
    assert (q3.students, q3.first_tries) == (4, 4)
    assert q3.discrimination.value is None
    assert q3.discrimination.reason == "only 4 students have answered; it needs at least 5"


def test_a_module_with_nothing_answered_has_no_means() -> None:
    empty = services.scope_figures([Q1], ScoreData(best={}, first={}, attempts={})).modules[100]
    assert (empty.students, empty.mean_best, empty.first_try_full_share) == (0, None, None)
    assert empty.to_json()["mean_best"] is None


def _try(attempt: int, student: int, codes: list[str], **params: str) -> FirstTry:
    return FirstTry(attempt, student, params, [Mistake(code, "B", f"label of {code}") for code in codes])


def test_mistakes_are_grouped_by_category_with_shares_overall_and_per_parameter_value() -> None:
    tries = [
        _try(11, 1, ["x.extra", "x.missing"], victim="a"),
        _try(12, 2, ["x.extra"], victim="a"),
        _try(13, 3, [], victim="b"),
        _try(14, 4, ["x.missing"], victim="b"),
    ]
    groups = services.group_mistakes(tries)
    assert [(g.code, g.students, g.answered, g.attempt_ids) for g in groups] == [
        ("x.extra", 2, 4, [11, 12]), ("x.missing", 2, 4, [11, 14]),
    ]
    extra = groups[0]
    assert extra.share == 0.5
    assert [(p.value, p.students, p.answered, p.share) for p in extra.by_parameter] == [("a", 2, 2, 1.0), ("b", 0, 2, 0.0)]


def test_the_same_mistake_twice_in_one_answer_counts_once() -> None:
    [group] = services.group_mistakes([_try(1, 1, ["x.extra", "x.extra"])])
    assert group.students == 1
