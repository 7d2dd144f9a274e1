"""The access rule as pure functions of time: the exact boundaries, late credit, time zones and daylight saving."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from assignments.rules import (
    Phase,
    Rule,
    credited,
    describe,
    local_text,
    refusal,
    standing,
    time_zone_problem,
)

PARIS = ZoneInfo("Europe/Paris")
DUE = datetime(2024, 10, 15, 21, 59, tzinfo=UTC)  # 23:59 in Paris (CEST, UTC+2)
RULE = Rule(opens_at=DUE - timedelta(days=7), due_at=DUE, late_days=7, late_credit=50, time_zone="Europe/Paris")
TICK = timedelta(microseconds=1)


def test_before_the_opening_time_answers_are_refused() -> None:
    assert standing(RULE, RULE.opens_at - TICK).phase is Phase.NOT_OPEN
    assert not standing(RULE, RULE.opens_at - TICK).accepts


def test_exactly_at_the_opening_time_it_is_open() -> None:
    assert standing(RULE, RULE.opens_at) == standing(RULE, DUE - timedelta(days=1))
    assert standing(RULE, RULE.opens_at).phase is Phase.ON_TIME


def test_an_answer_exactly_at_the_due_time_is_on_time_with_full_credit() -> None:
    at_due = standing(RULE, DUE)
    assert (at_due.phase, at_due.multiplier, at_due.late) == (Phase.ON_TIME, 1.0, False)


def test_a_microsecond_after_the_due_time_is_late_with_the_late_credit() -> None:
    late = standing(RULE, DUE + TICK)
    assert (late.phase, late.multiplier, late.late, late.accepts) == (Phase.LATE, 0.5, True, True)


def test_the_late_period_ends_inclusively_then_it_is_closed() -> None:
    end = DUE + timedelta(days=7)  # no daylight-saving change between 15 and 22 October 2024
    assert RULE.late_until == end
    assert standing(RULE, end).phase is Phase.LATE
    assert standing(RULE, end + TICK).phase is Phase.CLOSED
    assert standing(RULE, end + TICK).multiplier == 0.0


def test_without_late_days_it_closes_right_after_the_due_time() -> None:
    strict = Rule(due_at=DUE, late_credit=50)
    assert strict.late_until is None
    assert standing(strict, DUE).phase is Phase.ON_TIME
    assert standing(strict, DUE + TICK).phase is Phase.CLOSED


def test_without_an_opening_time_it_is_open_from_the_start() -> None:
    assert standing(Rule(due_at=DUE), datetime(1970, 1, 1, tzinfo=UTC)).phase is Phase.ON_TIME


def test_the_late_period_keeps_the_wall_clock_time_across_a_daylight_saving_change() -> None:
    # Paris leaves summer time on 27 October 2024: a week after 23:59 CEST on the 25th is 23:59 CET on 1 November,
    # which is 7 days and 1 hour later in UTC.
    due = datetime(2024, 10, 25, 23, 59, tzinfo=PARIS)
    rule = Rule(due_at=due, late_days=7, late_credit=50, time_zone="Europe/Paris")
    assert rule.late_until is not None
    assert rule.late_until.astimezone(PARIS).replace(tzinfo=None) == datetime(2024, 11, 1, 23, 59)
    assert rule.late_until - due == timedelta(days=7, hours=1)
    seven_days_later = due.astimezone(UTC) + timedelta(days=7, minutes=30)  # 23:29 CET on 1 November
    assert standing(rule, seven_days_later).phase is Phase.LATE


def test_the_same_rule_in_utc_has_a_late_period_of_exactly_seven_days() -> None:
    due = datetime(2024, 10, 25, 21, 59, tzinfo=UTC)
    rule = Rule(due_at=due, late_days=7, late_credit=50, time_zone="UTC")
    assert rule.late_until == due + timedelta(days=7)
    assert standing(rule, due + timedelta(days=7, minutes=30)).phase is Phase.CLOSED


def test_spring_forward_keeps_the_wall_clock_time_a_day_shorter() -> None:
    # New York springs forward on 10 March 2024: a week after 12:00 EST on the 5th is 12:00 EDT on the 12th.
    new_york = ZoneInfo("America/New_York")
    due = datetime(2024, 3, 5, 12, 0, tzinfo=new_york)
    rule = Rule(due_at=due, late_days=7, late_credit=25, time_zone="America/New_York")
    assert rule.late_until == datetime(2024, 3, 12, 16, 0, tzinfo=UTC)
    assert rule.late_until - due == timedelta(days=6, hours=23)


def test_instants_compare_the_same_whatever_zone_they_are_written_in() -> None:
    assert standing(RULE, DUE.astimezone(PARIS)).phase is Phase.ON_TIME
    assert standing(RULE, (DUE + TICK).astimezone(ZoneInfo("Asia/Tokyo"))).phase is Phase.LATE


def test_credited_score_is_the_score_times_the_multiplier_to_hundredths() -> None:
    assert credited(2.0, 0.5) == 1.0
    assert credited(1.0, 1 / 3) == 0.33
    assert credited(None, 0.5) is None


def test_times_are_shown_in_the_course_time_zone_with_its_abbreviation() -> None:
    assert local_text(DUE, "Europe/Paris") == "Tue 15 Oct 2024, 23:59 CEST"
    assert local_text(DUE, "UTC") == "Tue 15 Oct 2024, 21:59 UTC"
    assert local_text(DUE + timedelta(days=14), "Europe/Paris") == "Tue 29 Oct 2024, 22:59 CET"


def test_the_description_says_what_is_due_and_what_a_late_answer_earns() -> None:
    assert describe(RULE, DUE - timedelta(hours=1)) == (
        "Due Tue 15 Oct 2024, 23:59 CEST. After that, an answer earns 50% of its score until "
        "Tue 22 Oct 2024, 23:59 CEST; then it closes."
    )
    assert describe(RULE, DUE + timedelta(hours=1)) == (
        "Past due since Tue 15 Oct 2024, 23:59 CEST: an answer now earns 50% of its score, "
        "until Tue 22 Oct 2024, 23:59 CEST."
    )
    assert describe(RULE, DUE + timedelta(days=8)) == (
        "Closed since Tue 22 Oct 2024, 23:59 CEST: answers are no longer accepted."
    )
    assert describe(RULE, RULE.opens_at - TICK).startswith("Opens Tue 8 Oct 2024, 23:59 CEST; answers are not accepted")


def test_refusals_say_when_it_opens_or_closed_and_accepted_answers_have_none() -> None:
    assert refusal(RULE, RULE.opens_at - TICK) == (
        "This assignment opens Tue 8 Oct 2024, 23:59 CEST; answers are not accepted before then."
    )
    assert refusal(RULE, DUE + timedelta(days=8)) == (
        "This assignment closed Tue 22 Oct 2024, 23:59 CEST; answers are no longer accepted."
    )
    assert refusal(RULE, DUE) == refusal(RULE, DUE + TICK) == ""


@pytest.mark.parametrize("rule, problem", [
    (Rule(opens_at=DUE, due_at=DUE), "The opening time must be before the due time."),
    (Rule(due_at=DUE, late_credit=120), "Late credit is a percentage from 0 to 100."),
    (Rule(due_at=DUE, time_zone="Mars/Olympus"), '"Mars/Olympus" is not an IANA time zone'),
])
def test_impossible_rules_are_named(rule: Rule, problem: str) -> None:
    assert any(found.startswith(problem) for found in rule.problems())


@pytest.mark.parametrize("name", ["UTC", "Europe/Paris", "America/Argentina/Buenos_Aires"])
def test_iana_names_are_time_zones(name: str) -> None:
    assert time_zone_problem(name) == ""


@pytest.mark.parametrize("name", ["", "Paris", "../../etc/passwd", "/etc/localtime", "Europe/Paris "])
def test_other_names_are_not(name: str) -> None:
    assert time_zone_problem(name) != ""


def test_the_snapshot_of_a_rule_is_in_utc() -> None:
    assert RULE.to_json() == {
        "opens_at": "2024-10-08T21:59:00+00:00", "due_at": "2024-10-15T21:59:00+00:00", "late_days": 7,
        "late_credit": 50, "late_until": "2024-10-22T21:59:00+00:00", "time_zone": "Europe/Paris",
        "extension": False,
    }
