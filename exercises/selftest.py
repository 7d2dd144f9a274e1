"""The authoring self-test: before an exercise is published, prove over its variants that every question has a
valid, meaningful key.

It renders the pool of variants (all of them when there are at most variants.POOL_SIZE, else that many drawn from a
fixed seed: the same pool students get theirs from), traces them all in one child process, and fails a variant that
does not render, does not parse, hits an engine limit, never reaches a checkpoint a question names, or makes a
question degenerate (nothing to choose, an empty stack, a missing local, no output to predict...).
No database here: services.py stores the report and refuses to publish on failure."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from exercises import program, variants
from exercises.answer_keys import (
    CHECKPOINT_KINDS,
    OBJECT_SET_FIELDS,
    KeyResult,
    ProgramFacts,
    QuestionSpec,
    derive_key,
)
from exercises.labels import Labeler

Tracer = Callable[[list[str]], list[program.BatchRun]]

KIND_LABELS = {
    "stack": "Call stack", "locals": "Local variables", "reachable": "Reachable objects",
    "gc_freed": "Objects freed by gc()", "refcount_leak": "Reference-counting leaks",
    "pending": "Callbacks still waiting", "output": "Printed output",
    "overflow": "Stack overflow", "multiple_choice": "Multiple choice",
}


@dataclass(frozen=True)
class QuestionInput:
    order: int
    kind: str
    checkpoint: str = ""
    config: Mapping[str, Any] = field(default_factory=dict)
    prompt: str = ""

    @property
    def label(self) -> str:
        return f"Question {self.order} ({KIND_LABELS.get(self.kind, self.kind)})"


@dataclass(frozen=True)
class VariantResult:
    params: dict[str, Any]
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Report:
    variants_total: int
    results: list[VariantResult]
    seconds: float
    problem: str = ""  # a spec that is not valid, or an exercise without questions: no variant was tried

    @property
    def ok(self) -> bool:
        return not self.problem and all(r.ok for r in self.results)

    @property
    def failed(self) -> list[VariantResult]:
        return [r for r in self.results if not r.ok]

    def summary(self) -> str:
        if self.problem:
            return f"Self-test failed: {self.problem}"
        tested = len(self.results)
        of = f"{tested} variant{'s' if tested != 1 else ''}" + (
            f" (of {self.variants_total})" if self.variants_total > tested else "")
        if self.ok:
            return f"Self-test passed: {of} traced, every question has a valid key."
        return f"Self-test failed: {len(self.failed)} of {of} fail."

    def problems(self, limit: int = 10) -> list[str]:
        """One line per failing variant (at most `limit`, then how many more), for error messages."""
        if self.problem:
            return [self.problem]
        lines = [f"{variants.describe_params(r.params)}: {' '.join(r.problems)}" for r in self.failed[:limit]]
        if len(self.failed) > limit:
            lines.append(f"... and {len(self.failed) - limit} more failing variant(s).")
        return lines

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        results = [VariantResult(params=r["params"], problems=list(r["problems"])) for r in data.get("results", [])]
        return cls(variants_total=data.get("variants_total", 0), results=results, seconds=data.get("seconds", 0.0),
                   problem=data.get("problem", ""))

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok, "summary": self.summary(), "problem": self.problem, "variants_total": self.variants_total,
            "tested": len(self.results), "failed": len(self.failed), "seconds": round(self.seconds, 2),
            "results": [{**asdict(r), "ok": r.ok} for r in self.results],
        }


def fingerprint(template: str, parameters: Any, questions: Sequence[QuestionInput]) -> str:
    """What a self-test's verdict depends on (besides the engine), as one SHA-256."""
    data = [template, parameters, [asdict(q) | {"config": dict(q.config)} for q in questions]]
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def degenerate(question: QuestionInput, result: KeyResult) -> str:
    """Why a valid key still makes a pointless question, or ""."""
    where = f' at checkpoint("{question.checkpoint}")' if question.kind in CHECKPOINT_KINDS else ""
    if question.kind in OBJECT_SET_FIELDS and not result.options.get("objects"):
        return f"nothing to choose: no object exists{where}."
    if question.kind == "pending" and not result.options.get("objects"):
        return f"nothing to choose: the program has made no function{where}."
    if question.kind == "stack" and not result.key.get("frames"):
        return f"the stack is empty{where}."
    if question.kind == "output" and not result.key.get("lines"):
        return "the program prints nothing, so there is no output to predict."
    return ""


def question_problem(question: QuestionInput, facts: ProgramFacts | None, params: Mapping[str, Any],
                     names: Sequence[str]) -> str:
    """What is wrong with one question in one variant, or ""."""
    if params:
        try:
            variants.render(question.prompt, params, names)
        except variants.TemplateProblem as exc:
            return f"{question.label}, prompt: {exc}"
    spec = QuestionSpec(kind=question.kind, checkpoint=question.checkpoint or "", config=question.config or {})
    if facts is None:
        if question.kind != "multiple_choice":
            return ""  # the program's own problem is reported once for the variant
        result = derive_key(spec, ProgramFacts(trace={}, labeler=Labeler.build([], None), functions=[]))
    else:
        result = derive_key(spec, facts)
    if result.problem:
        return f"{question.label}: {result.problem}"
    reason = degenerate(question, result)
    return f"{question.label}: {reason}" if reason else ""


def check_variant(params: dict[str, Any], rendered_problem: str, run: program.BatchRun | None,
                  questions: Sequence[QuestionInput], names: Sequence[str]) -> VariantResult:
    if rendered_problem:
        return VariantResult(params=params, problems=[rendered_problem])
    assert run is not None
    problems = [run.run.problem] if run.run.problem else []
    facts = None
    if run.run.ok and run.run.trace is not None:
        labeler = Labeler.build([s["key"] for s in run.sites], run.run.trace)
        facts = ProgramFacts(trace=run.run.trace, labeler=labeler, functions=list(run.functions))
    problems += [p for q in questions if (p := question_problem(q, facts, params, names))]
    return VariantResult(params=params, problems=problems)


def pool_sources(template: str, parameters: Any, size: int = variants.POOL_SIZE) -> list[str]:
    """The programs of the pool's variants that render (what run_selftest traces); [] for a spec that is not valid."""
    if variants.spec_errors(parameters):
        return []
    spec = variants.validate_spec(parameters)
    rendered = (variants.render_variant(template, spec, params) for params in variants.pool(spec, size))
    return [r.program for r in rendered if not r.problem]


def run_selftest(*, template: str, parameters: Any, questions: Sequence[QuestionInput],
                 tracer: Tracer | None = None, size: int = variants.POOL_SIZE) -> Report:
    """Render and trace the exercise's pool of variants (one child process for all of them) and check every
    question in each. An exercise without parameters has one variant: its program as written."""
    started = time.monotonic()
    errors = variants.spec_errors(parameters)
    if errors:
        return Report(variants_total=0, results=[], seconds=0.0, problem="The parameters are not valid: " + " ".join(errors))
    if not questions:
        return Report(variants_total=0, results=[], seconds=0.0,
                      problem="An exercise needs at least one question before it can be published.")
    spec = variants.validate_spec(parameters)
    names = [p["name"] for p in spec]
    pool = variants.pool(spec, size)
    rendered = [variants.render_variant(template, spec, params) for params in pool]
    sources = [r.program for r in rendered if not r.problem]
    runs = iter((tracer or program.trace_many)(sources) if sources else [])
    results = [
        check_variant(r.params, r.problem, None if r.problem else next(runs), questions, names) for r in rendered
    ]
    return Report(variants_total=variants.count(spec), results=results, seconds=time.monotonic() - started)


@dataclass(frozen=True)
class Exercise:
    """What the self-test needs of an exercise."""

    template: str
    parameters: Any
    questions: Sequence[QuestionInput]


CHUNK = 400  # programs per child process when testing many exercises


def prewarm(exercises: Sequence[tuple[str, Any]], *, deadline: float = 300.0) -> int:
    """Trace the variant pools of many (template, parameters) exercises ahead of their self-tests, CHUNK programs per
    child process, so that saving each exercise afterwards (an import, say) finds its variants traced. Returns how
    many programs were traced."""
    sources = [s for template, parameters in exercises if parameters for s in pool_sources(template, parameters)]
    for start in range(0, len(sources), CHUNK):
        program.trace_many(sources[start:start + CHUNK], deadline=deadline)
    return len(sources)


def run_many(exercises: Sequence[Exercise], *, deadline: float = 300.0) -> list[Report]:
    """The self-tests of many exercises, their variants traced together: one child process per CHUNK programs
    (each chunk's self-tests run right after it, while its traces are in the cache)."""
    reports: list[Report] = []
    batch: list[Exercise] = []
    sources: list[str] = []
    for exercise in [*exercises, None]:
        if exercise is not None:
            batch.append(exercise)
            sources += pool_sources(exercise.template, exercise.parameters) if exercise.parameters else [exercise.template]
        if batch and (exercise is None or len(sources) >= CHUNK):
            program.trace_many(sources, deadline=deadline)
            reports += [run_selftest(template=e.template, parameters=e.parameters, questions=e.questions) for e in batch]
            batch, sources = [], []
    return reports
