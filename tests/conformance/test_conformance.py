"""The engine agrees with V8 (node) on every program of the corpus, except the divergences listed."""

from __future__ import annotations

import pytest

from tests.conformance.compare import compare_traces, judge, load_divergences
from tests.conformance.conftest import NodeTraces
from tests.conformance.corpus import EngineRunError, programs, run_in_engine

PROGRAMS = [path.name for path in programs()]


def test_the_corpus_is_large_enough_to_mean_something() -> None:
    assert len(PROGRAMS) >= 60


def test_every_listed_divergence_names_a_program_of_the_corpus() -> None:
    unknown = [d.program for d in load_divergences() if d.program not in PROGRAMS]
    assert not unknown, f"divergences.toml names programs that do not exist: {unknown}"


@pytest.mark.parametrize("program", PROGRAMS)
def test_engine_agrees_with_v8(program: str, node_traces: NodeTraces) -> None:
    expected = node_traces.get(program)
    source = (programs()[0].parent / program).read_text(encoding="utf-8")
    try:
        actual = run_in_engine(source)
    except EngineRunError as error:
        pytest.fail(f"{program}: {error}")
    verdict = judge(program, compare_traces(expected, actual), load_divergences())
    assert verdict.agrees, verdict.render(program)
