"""The playground: run a stranger's JavaScript for the memory player, and save it under a permalink.

Anyone may run a program, so every run is bounded: the source size (`MAX_SOURCE_CHARS`), the engine's own budgets
and a hard deadline on its child process (`LIMITS`, through exercises.program, the one module that calls the
engine), a number of runs per client per minute, and a number of runs at once across the site (slots in the cache,
which is shared between processes when it is Redis). Results of the same source are cached, so a shared link that
many people open runs once. Every refusal is a `PlaygroundRefused` with a sentence and an HTTP status.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction

from exercises import program
from exercises.feedback import labels_map
from exercises.labels import Labeler
from exercises.page_context import player_trace
from memcourse import ratelimits
from playground.models import Snippet

MAX_SOURCE_CHARS = 20_000
# The deadline leaves room for the timeline: its recording is not charged to the program's 3 s (docs/timeline.md).
LIMITS = program.EngineLimits(steps=300_000, depth=10_000, heap=100_000, seconds=3.0, deadline=20.0)
RUNS_PER_MINUTE = 20
SAVES_PER_MINUTE = 10
CONCURRENT_RUNS = 2
RESULT_CACHE_SECONDS = 3600
RESULT_CACHE_MAX_STEPS = 20_000  # bigger runs are not kept in the cache
SNIPPET_ID_LENGTH = 10


class PlaygroundRefused(Exception):
    """An expected refusal: `message` is shown on the page as is; `status` is the HTTP status; `code` is short."""

    def __init__(self, message: str, *, status: int, code: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.message, self.status, self.code, self.retry_after = message, status, code, retry_after


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, f"PLAYGROUND_{name}", default)


# --- input ------------------------------------------------------------------------------------------------------


def source_clean(source: Any) -> str:
    """The program as the engine should see it: text, with newlines normalised, no longer than the cap."""
    if not isinstance(source, str):
        raise PlaygroundRefused("Send the program as text in the field \"source\".", status=400, code="invalid")
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    if not source.strip():
        raise PlaygroundRefused("The program is empty: write or paste some JavaScript first.", status=400, code="empty")
    cap = _setting("MAX_SOURCE_CHARS", MAX_SOURCE_CHARS)
    if len(source) > cap:
        raise PlaygroundRefused(
            f"The program is too large: {len(source):,} characters, and the playground runs at most {cap:,}.",
            status=413, code="too_large",
        )
    return source


# --- protecting the server --------------------------------------------------------------------------------------


def rate_limit_check(*, client: str, action: str, per_minute: int) -> None:
    """At most `per_minute` actions per client in each minute (django-ratelimit's fixed window in the cache)."""
    wait = ratelimits.check(f"playground-{action}", client, per=f"{per_minute}/m")
    if wait is not None:
        raise PlaygroundRefused(
            f"Too many requests: the playground allows {per_minute} {action}s a minute from one address. "
            f"Wait {wait} seconds and try again.",
            status=429, code="rate_limited", retry_after=wait,
        )


@contextmanager
def run_slot() -> Iterator[None]:
    """One of `CONCURRENT_RUNS` slots for the length of a run; refused when all are taken. A slot expires on its
    own after the run's deadline, so a crashed process cannot hold one forever."""
    token = uuid.uuid4().hex
    timeout = int(LIMITS.deadline) + 5
    for index in range(_setting("CONCURRENT_RUNS", CONCURRENT_RUNS)):
        key = f"playground:slot:{index}"
        if cache.add(key, token, timeout=timeout):
            try:
                yield
            finally:
                if cache.get(key) == token:
                    cache.delete(key)
            return
    raise PlaygroundRefused(
        "The playground is busy running other programs right now. Try again in a few seconds.",
        status=503, code="busy", retry_after=5,
    )


# --- running ----------------------------------------------------------------------------------------------------


def _problem_kind(error: dict[str, Any] | None) -> str:
    name = (error or {}).get("name", "")
    return {"SyntaxError": "syntax", "UnsupportedSyntax": "unsupported", "LimitExceeded": "limit",
            "Deadline": "deadline"}.get(name, "engine" if name else "")


def _result(source: str, run: program.ProgramRun) -> dict[str, Any]:
    """What the page needs: the trace and labels for MemView.mount, or the problem (with where, for syntax)."""
    error = run.error or {}
    result: dict[str, Any] = {
        "source": source, "trace": run.trace, "labels": {}, "problem": run.problem,
        "problem_kind": _problem_kind(run.error) if run.problem else "",
        "line": error.get("line"), "column": error.get("column"),
    }
    if run.trace is not None:
        result["trace"] = player_trace(run.trace)
        result["labels"] = labels_map(result["trace"], Labeler.build(program.site_keys(source), run.trace))
    return result


def _cache_key(source: str) -> str:
    return "playground:run:" + hashlib.sha256(source.encode()).hexdigest()


def playground_run(*, source: Any, client: str) -> dict[str, Any]:
    """Run a program for the player: {"source", "trace", "labels", "problem", "problem_kind", "line", "column"}.
    A program that cannot run (syntax, unsupported syntax, a limit, the deadline) is a result with a problem, not a
    refusal; refusals are for the request itself (empty, too large, too many, busy)."""
    text = source_clean(source)
    cached = cache.get(_cache_key(text))
    if cached is not None:
        return dict(cached)
    rate_limit_check(client=client, action="run", per_minute=_setting("RUNS_PER_MINUTE", RUNS_PER_MINUTE))
    with run_slot():
        result = _result(text, program.run_limited(text, LIMITS))
    if result["problem_kind"] not in {"deadline", "engine"} and _small(result):
        cache.set(_cache_key(text), result, timeout=RESULT_CACHE_SECONDS)
    return result


def _small(result: dict[str, Any]) -> bool:
    return len((result.get("trace") or {}).get("steps") or []) <= RESULT_CACHE_MAX_STEPS


# --- permalinks -------------------------------------------------------------------------------------------------


def snippet_id_for(source: str, length: int = SNIPPET_ID_LENGTH) -> str:
    return hashlib.sha256(source.encode()).hexdigest()[:length]


def snippet_save(*, source: Any, client: str) -> Snippet:
    """Store a program under a short hash of its text; the same text gives the same snippet (stored once). Should
    two texts ever share the short hash, the later one gets a longer id."""
    text = source_clean(source)
    rate_limit_check(client=client, action="save", per_minute=_setting("SAVES_PER_MINUTE", SAVES_PER_MINUTE))
    for length in (SNIPPET_ID_LENGTH, 16, 32):
        snippet_id = snippet_id_for(text, length)
        existing = Snippet.objects.filter(pk=snippet_id).first()
        if existing is not None:
            if existing.source == text:
                return existing
            continue
        try:
            with transaction.atomic():
                return Snippet.objects.create(id=snippet_id, source=text)
        except IntegrityError:  # saved by someone else at the same moment
            existing = Snippet.objects.filter(pk=snippet_id).first()
            if existing is not None and existing.source == text:
                return existing
    raise PlaygroundRefused("This program could not be saved; try again.", status=503, code="unsaved")


def snippet_get(*, snippet_id: str) -> Snippet | None:
    return Snippet.objects.filter(pk=snippet_id).first()
