"""playground/services.py with the real engine (small programs, well under a second each)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from exercises import program
from playground import services
from playground.examples import EXAMPLES
from playground.models import Snippet

CYCLE = next(e for e in EXAMPLES if e.slug == "cycle").source


def test_it_runs_a_program_with_its_timeline_and_labels_its_objects() -> None:
    result = services.playground_run(source=CYCLE, client="1.2.3.4")
    assert result["problem"] == "" and result["problem_kind"] == ""
    trace = result["trace"]
    assert [cp["name"] for cp in trace["checkpoints"]] == ["before-gc", "after-gc"]
    assert trace["steps_version"] == 2 and trace["steps"], "the player steps through the version-2 timeline"
    freed = trace["checkpoints"][1]["freed"][0]
    assert {result["labels"][key] for key in freed} == {"B", "C"}  # class Node is A; the two new Node(...) are B, C


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.slug)
def test_every_example_runs_to_its_end_with_a_checkpoint(example: Any) -> None:
    result = services.playground_run(source=example.source, client="1.2.3.4")
    assert result["problem"] == "" and result["trace"]["error"] is None
    assert result["trace"]["checkpoints"]


def test_a_syntax_error_is_a_result_with_its_line_and_column() -> None:
    result = services.playground_run(source="let x = 1;\nlet = ;\n", client="1.2.3.4")
    assert result["trace"] is None
    assert result["problem_kind"] == "syntax"
    assert result["problem"].startswith("SyntaxError at line 2, column ")
    assert (result["line"], isinstance(result["column"], int)) == (2, True)


def test_unsupported_syntax_says_what_is_not_supported() -> None:
    result = services.playground_run(source='import x from "y";\n', client="1.2.3.4")
    assert result["problem_kind"] == "unsupported"
    assert "is not supported in memcourse" in result["problem"]


def test_a_limit_keeps_the_partial_run_and_names_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "LIMITS", program.EngineLimits(steps=500, depth=100, heap=1000, seconds=3, deadline=10))
    result = services.playground_run(source='checkpoint("start");\nwhile (true) {}\n', client="1.2.3.4")
    assert result["problem_kind"] == "limit"
    assert result["problem"].startswith("The program exceeded an engine limit")
    assert result["trace"]["checkpoints"][0]["name"] == "start"  # the run up to the limit is kept


def test_the_hard_deadline_stops_the_child_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "LIMITS", program.EngineLimits(steps=10**9, depth=100, heap=1000, seconds=60,
                                                                 deadline=0.5))
    result = services.playground_run(source="while (true) {}\n", client="1.2.3.4")
    assert result["problem_kind"] == "deadline"
    assert result["problem"] == "The program ran for more than 0.5 seconds; it was stopped."


@pytest.mark.parametrize(("source", "status", "message"), [
    ("", 400, "The program is empty"),
    ("   \n", 400, "The program is empty"),
    (None, 400, 'Send the program as text in the field "source".'),
    (["let x;"], 400, 'Send the program as text'),
    ("x" * (services.MAX_SOURCE_CHARS + 1), 413, "The program is too large: 20,001 characters"),
])
def test_it_refuses_bad_input_with_a_sentence(source: Any, status: int, message: str) -> None:
    with pytest.raises(services.PlaygroundRefused) as refused:
        services.playground_run(source=source, client="1.2.3.4")
    assert refused.value.status == status
    assert refused.value.message.startswith(message)


def test_a_client_over_the_rate_limit_is_refused_and_others_are_not(settings: Any) -> None:
    settings.PLAYGROUND_RUNS_PER_MINUTE = 2
    for n in range(2):
        services.playground_run(source=f"let x = {n};\n", client="1.1.1.1")
    with pytest.raises(services.PlaygroundRefused) as refused:
        services.playground_run(source="let x = 3;\n", client="1.1.1.1")
    assert (refused.value.status, refused.value.code) == (429, "rate_limited")
    assert refused.value.retry_after is not None and 1 <= refused.value.retry_after <= 60
    assert "allows 2 runs a minute" in refused.value.message
    assert services.playground_run(source="let x = 3;\n", client="2.2.2.2")["problem"] == ""


def test_a_program_run_before_comes_from_the_cache_without_counting(settings: Any) -> None:
    settings.PLAYGROUND_RUNS_PER_MINUTE = 1
    first = services.playground_run(source="let x = 1;\n", client="1.1.1.1")
    again = services.playground_run(source="let x = 1;\r\n", client="1.1.1.1")  # same program, other newlines
    assert again == first


def test_when_every_run_slot_is_taken_the_run_is_refused_as_busy(settings: Any) -> None:
    settings.PLAYGROUND_CONCURRENT_RUNS = 2
    cache.set("playground:slot:0", "other", 30)
    cache.set("playground:slot:1", "other", 30)
    with pytest.raises(services.PlaygroundRefused) as refused:
        services.playground_run(source="let x = 1;\n", client="1.1.1.1")
    assert (refused.value.status, refused.value.code) == (503, "busy")
    cache.delete("playground:slot:1")
    assert services.playground_run(source="let x = 1;\n", client="1.1.1.1")["problem"] == ""
    assert cache.get("playground:slot:1") is None  # the slot is given back after the run


@pytest.mark.django_db
def test_saving_the_same_program_twice_gives_one_snippet_with_one_link() -> None:
    first = services.snippet_save(source="let a = {};\n", client="1.1.1.1")
    second = services.snippet_save(source="let a = {};\r\n", client="1.1.1.1")
    other = services.snippet_save(source="let b = {};\n", client="1.1.1.1")
    assert first.pk == second.pk and len(first.pk) == services.SNIPPET_ID_LENGTH
    assert other.pk != first.pk
    assert Snippet.objects.count() == 2


@pytest.mark.django_db
def test_a_short_hash_shared_by_another_program_gets_a_longer_id() -> None:
    source = "let a = {};\n"
    Snippet.objects.create(id=services.snippet_id_for(source), source="something else")
    saved = services.snippet_save(source=source, client="1.1.1.1")
    assert saved.pk == services.snippet_id_for(source, 16)
    assert saved.source == source
