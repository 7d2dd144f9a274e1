"""The access rule of an assignment, as pure functions of time (no Django, no database).

A rule is an optional opening time, a due time, and a late period: `late_days` days after the due time (the same
wall-clock time in the course's time zone, so a week is a week across a daylight-saving change), during which an
answer earns `late_credit` percent of its score. After that the assignment is closed. The boundaries:

    at <  opens_at                     not open yet: answers are refused
    opens_at <= at <= due_at           on time: full credit (an answer exactly at the due time is on time)
    due_at < at <= late_until          late: late_credit percent (an answer exactly at late_until still counts)
    late_until < at  (or no late days) closed: answers are refused

Times are aware datetimes; they are compared as instants, so the stored zone (UTC) does not matter. The course's
time zone is used only to compute late_until and to show times to people.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any


class Phase(StrEnum):
    NOT_OPEN = "not_open"
    ON_TIME = "on_time"
    LATE = "late"
    CLOSED = "closed"


def time_zone_problem(name: str) -> str:
    """Why `name` is not an IANA time zone ("" when it is one), e.g. "Europe/Paris" or "UTC"."""
    if not name:
        return "Give a time zone, e.g. UTC or Europe/Paris."
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return f'"{name}" is not an IANA time zone; use a name such as UTC, Europe/Paris or America/New_York.'
    return ""


def zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


@dataclass(frozen=True)
class Rule:
    """The effective rule of one assignment for one student (the assignment's own, or with an extension)."""

    due_at: datetime
    opens_at: datetime | None = None
    late_days: int = 0
    late_credit: int = 0  # percent of the score a late answer earns
    time_zone: str = "UTC"
    extension: bool = False

    @property
    def late_until(self) -> datetime | None:
        """The end of the late period: due_at plus late_days at the same wall-clock time in the course's zone."""
        if self.late_days <= 0:
            return None
        local = self.due_at.astimezone(zone(self.time_zone))
        return (local + timedelta(days=self.late_days)).astimezone(zone("UTC"))

    def problems(self) -> list[str]:
        """What makes this rule impossible (empty when it is fine)."""
        found = []
        if self.opens_at is not None and self.opens_at >= self.due_at:
            found.append("The opening time must be before the due time.")
        if not 0 <= self.late_credit <= 100:
            found.append("Late credit is a percentage from 0 to 100.")
        if self.late_days < 0:
            found.append("Late days cannot be negative.")
        zone_problem = time_zone_problem(self.time_zone)
        return [*found, zone_problem] if zone_problem else found

    def to_json(self) -> dict[str, Any]:
        """The rule as stored with an attempt (times in UTC, ISO 8601)."""
        late_until = self.late_until
        return {
            "opens_at": self.opens_at.astimezone(zone("UTC")).isoformat() if self.opens_at else None,
            "due_at": self.due_at.astimezone(zone("UTC")).isoformat(),
            "late_days": self.late_days,
            "late_credit": self.late_credit,
            "late_until": late_until.isoformat() if late_until else None,
            "time_zone": self.time_zone,
            "extension": self.extension,
        }


@dataclass(frozen=True)
class Standing:
    """Where a moment falls under a rule, and what an answer submitted then is worth (a multiplier of its score)."""

    phase: Phase
    multiplier: float

    @property
    def accepts(self) -> bool:
        return self.phase in (Phase.ON_TIME, Phase.LATE)

    @property
    def late(self) -> bool:
        return self.phase is Phase.LATE


def standing(rule: Rule, at: datetime) -> Standing:
    if rule.opens_at is not None and at < rule.opens_at:
        return Standing(Phase.NOT_OPEN, 0.0)
    if at <= rule.due_at:
        return Standing(Phase.ON_TIME, 1.0)
    late_until = rule.late_until
    if late_until is not None and at <= late_until:
        return Standing(Phase.LATE, rule.late_credit / 100)
    return Standing(Phase.CLOSED, 0.0)


def credited(score: float | None, multiplier: float) -> float | None:
    """The score that counts: the raw score times the multiplier of its submission time, to hundredths."""
    return None if score is None else round(score * multiplier, 2)


# --- in words, in the course's time zone ---------------------------------------------------------------------------


def local_text(moment: datetime, time_zone: str) -> str:
    """"Tue 15 Oct 2024, 23:59 CEST": the moment as the course's clocks show it."""
    local = moment.astimezone(zone(time_zone))
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M} {local.tzname()}"


def describe(rule: Rule, now: datetime) -> str:
    """One or two sentences for a student: what is due when, and what an answer now is worth."""
    tz = rule.time_zone
    late_until = rule.late_until
    after_due = (
        f"After that, an answer earns {rule.late_credit}% of its score until {local_text(late_until, tz)}; then it closes."
        if late_until else "After that it closes."
    )
    current = standing(rule, now)
    if current.phase is Phase.NOT_OPEN:
        assert rule.opens_at is not None
        return (f"Opens {local_text(rule.opens_at, tz)}; answers are not accepted before then. "
                f"Due {local_text(rule.due_at, tz)}. {after_due}")
    if current.phase is Phase.ON_TIME:
        return f"Due {local_text(rule.due_at, tz)}. {after_due}"
    if current.phase is Phase.LATE:
        assert late_until is not None
        return (f"Past due since {local_text(rule.due_at, tz)}: an answer now earns {rule.late_credit}% of its score, "
                f"until {local_text(late_until, tz)}.")
    closed_at = late_until or rule.due_at
    return f"Closed since {local_text(closed_at, tz)}: answers are no longer accepted."


def refusal(rule: Rule, at: datetime) -> str:
    """Why an answer at `at` is refused ("" when it is accepted)."""
    current = standing(rule, at)
    if current.phase is Phase.NOT_OPEN:
        assert rule.opens_at is not None
        return f"This assignment opens {local_text(rule.opens_at, rule.time_zone)}; answers are not accepted before then."
    if current.phase is Phase.CLOSED:
        closed_at = rule.late_until or rule.due_at
        return f"This assignment closed {local_text(closed_at, rule.time_zone)}; answers are no longer accepted."
    return ""
