"""Deriving a question's answer key from the engine's trace (pure functions; no database).

A key has the same shape as a valid answer of its kind (see exercises/answers.py), so grading compares like with
like. Next to the key, `options` holds what students may see to answer (the objects that exist at the checkpoint,
the functions of the program, the choices of a multiple-choice question): never the key itself.
A question whose key cannot be derived gets a `problem`: an exact sentence saying why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from exercises import pending
from exercises.labels import Labeler, label_sort_key, sort_labels

RANGE_ERROR = "RangeError"
STACK_OVERFLOW = "Maximum call stack size exceeded"
CHECKPOINT_KINDS = {"stack", "locals", "reachable", "gc_freed", "refcount_leak", "pending"}
OBJECT_SET_FIELDS = {"reachable": "reachable", "gc_freed": "garbage", "refcount_leak": "refcount_leaked"}
# Kinds answered with a set of labels, {"objects": [...]}, graded by grade_object_set.
OBJECT_ANSWER_KINDS = {*OBJECT_SET_FIELDS, "pending"}


@dataclass(frozen=True)
class QuestionSpec:
    kind: str
    checkpoint: str
    config: Mapping[str, Any]


@dataclass(frozen=True)
class ProgramFacts:
    """What the engine said about one program version."""

    trace: Mapping[str, Any]
    labeler: Labeler
    functions: list[str]


@dataclass(frozen=True)
class KeyResult:
    key: Any = None
    options: dict[str, Any] = field(default_factory=dict)
    problem: str = ""


class KeyProblem(Exception):
    """Raised inside derivation; becomes KeyResult.problem."""


def _stopped_by(trace: Mapping[str, Any]) -> str:
    """ ": it stopped first with RangeError: ... (line 5)" when an uncaught error ended the run, else "" """
    error = trace.get("error")
    if not isinstance(error, Mapping):
        return ""
    where = f" (line {error['line']})" if error.get("line") else ""
    return f": it stopped first with {error.get('name', 'an error')}: {error.get('message', '')}{where}"


def find_checkpoint(trace: Mapping[str, Any], name: str, occurrence: int) -> Mapping[str, Any]:
    if not name:
        raise KeyProblem("This kind of question needs a checkpoint name.")
    found = [cp for cp in trace.get("checkpoints", []) if cp.get("name") == name]
    if not found:
        raise KeyProblem(f'The program never reaches checkpoint("{name}"){_stopped_by(trace)}.')
    if occurrence > len(found):
        raise KeyProblem(
            f'checkpoint("{name}") runs {len(found)} time(s), but the question asks about occurrence {occurrence}.'
        )
    return found[occurrence - 1]


def _occurrence(config: Mapping[str, Any]) -> int:
    occurrence = config.get("occurrence", 1)
    if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
        raise KeyProblem('config "occurrence" must be a whole number from 1.')
    return occurrence


def existing_objects(checkpoint: Mapping[str, Any], labeler: Labeler) -> list[str]:
    """Labels of every object allocated so far: reachable, garbage not yet freed, and freed by earlier gc() calls."""
    ids = set(checkpoint.get("reachable", [])) | set(checkpoint.get("garbage", []))
    for batch in checkpoint.get("freed", []):
        ids |= set(batch)
    return labeler.labels(ids)


def _stack_key(spec: QuestionSpec, cp: Mapping[str, Any], facts: ProgramFacts) -> KeyResult:
    frames = [frame["function"] for frame in cp.get("stack", [])]
    functions = facts.functions + ["<global>"]
    return KeyResult(key={"frames": frames}, options={"functions": functions})


def _locals_config(config: Mapping[str, Any]) -> tuple[int, list[str]]:
    frame = config.get("frame", 0)
    variables = config.get("variables")
    if not isinstance(frame, int) or isinstance(frame, bool) or frame < 0:
        raise KeyProblem('config "frame" must be a frame index: 0 for the innermost frame, 1 for its caller...')
    if not isinstance(variables, list) or not variables or not all(isinstance(v, str) and v for v in variables):
        raise KeyProblem('config "variables" must be a non-empty list of variable names.')
    return frame, variables


def _locals_key(spec: QuestionSpec, cp: Mapping[str, Any], facts: ProgramFacts) -> KeyResult:
    frame, variables = _locals_config(spec.config)
    stack, frames_locals = cp.get("stack", []), cp.get("locals", [])
    if frame >= len(stack) or frame >= len(frames_locals):
        raise KeyProblem(f'At checkpoint("{spec.checkpoint}") the stack has {len(stack)} frame(s); frame {frame} does not exist.')
    function, bindings = stack[frame]["function"], frames_locals[frame]
    missing = [name for name in variables if name not in bindings]
    if missing:
        raise KeyProblem(f'Frame {frame} ({function}) at checkpoint("{spec.checkpoint}") has no local named {", ".join(missing)}.')
    values = {name: facts.labeler.value(bindings[name]) for name in variables}
    options = {"frame": frame, "function": function, "variables": variables, "objects": existing_objects(cp, facts.labeler)}
    return KeyResult(key={"values": values}, options=options)


def _object_set_key(spec: QuestionSpec, cp: Mapping[str, Any], facts: ProgramFacts) -> KeyResult:
    field_name = OBJECT_SET_FIELDS[spec.kind]
    if field_name not in cp:
        raise KeyProblem(f'The engine reported no "{field_name}" at checkpoint("{spec.checkpoint}").')
    key = {"objects": facts.labeler.labels(cp[field_name])}
    return KeyResult(key=key, options={"objects": existing_objects(cp, facts.labeler)})


def function_options(cp: Mapping[str, Any], facts: ProgramFacts) -> list[dict[str, Any]]:
    """Every function object the program has allocated by the checkpoint (as existing_objects counts them), with
    what identifies it on the page: [{"label": "B", "name": "tick", "line": 1}], in label order."""
    ids = set(cp.get("reachable", [])) | set(cp.get("garbage", []))
    for batch in cp.get("freed", []):
        ids |= set(batch)
    described = pending.function_descriptions(cp, facts.trace)
    out = []
    for key in ids & set(described):
        label = facts.labeler.label(key)
        if label is None or label == key:  # a site the program listing does not know
            continue
        out.append({"label": label, "name": str(described[key].get("name") or ""), "line": pending.site_line(key)})
    return sorted(out, key=lambda option: label_sort_key(option["label"]))


def _pending_key(spec: QuestionSpec, cp: Mapping[str, Any], facts: ProgramFacts) -> KeyResult:
    if not isinstance(cp.get("loop"), Mapping) or not isinstance(cp.get("heap"), Mapping):
        raise KeyProblem(
            f'The engine reported no event loop at checkpoint("{spec.checkpoint}"): the trace needs "loop" and '
            '"heap", which an engine with the event loop (docs/event-loop.md) gives; trace the program again.'
        )
    callbacks = function_options(cp, facts)
    shown = {option["label"] for option in callbacks}
    labels = [str(facts.labeler.label(key)) for key in pending.waiting(cp)]
    key = {"objects": sort_labels(label for label in set(labels) if label in shown)}
    return KeyResult(key=key, options={"objects": [option["label"] for option in callbacks], "callbacks": callbacks})


CHECKPOINT_DERIVERS: dict[str, Callable[[QuestionSpec, Mapping[str, Any], ProgramFacts], KeyResult]] = {
    "stack": _stack_key,
    "locals": _locals_key,
    "reachable": _object_set_key,
    "gc_freed": _object_set_key,
    "refcount_leak": _object_set_key,
    "pending": _pending_key,
}


def _output_key(spec: QuestionSpec, facts: ProgramFacts) -> KeyResult:
    return KeyResult(key={"lines": list(facts.trace.get("output", []))})


def _overflow_key(spec: QuestionSpec, facts: ProgramFacts) -> KeyResult:
    error = facts.trace.get("error") or {}
    overflows = error.get("name") == RANGE_ERROR and error.get("message") == STACK_OVERFLOW
    return KeyResult(key={"overflows": overflows, "line": error.get("line") if overflows else None})


def multiple_choice_key(config: Mapping[str, Any]) -> KeyResult:
    """A teacher-authored key: it needs no trace, only a valid config."""
    choices, correct = config.get("choices"), config.get("correct")
    if not isinstance(choices, list) or len(choices) < 2 or not all(isinstance(c, str) and c.strip() for c in choices):
        return KeyResult(problem='config "choices" must be a list of at least two non-empty texts.')
    if not isinstance(correct, int) or isinstance(correct, bool) or not 0 <= correct < len(choices):
        return KeyResult(problem=f'config "correct" must be the index of the right choice, from 0 to {len(choices) - 1}.')
    return KeyResult(key={"choice": correct}, options={"choices": choices})


def derive_key(spec: QuestionSpec, facts: ProgramFacts) -> KeyResult:
    """The key of one question for one traced program, or the problem that prevents it."""
    try:
        if spec.kind in CHECKPOINT_DERIVERS:
            cp = find_checkpoint(facts.trace, spec.checkpoint, _occurrence(spec.config))
            return CHECKPOINT_DERIVERS[spec.kind](spec, cp, facts)
        if spec.kind == "output":
            return _output_key(spec, facts)
        if spec.kind == "overflow":
            return _overflow_key(spec, facts)
        if spec.kind == "multiple_choice":
            return multiple_choice_key(spec.config)
    except KeyProblem as exc:
        return KeyResult(problem=str(exc))
    return KeyResult(problem=f'Unknown question kind "{spec.kind}".')


def _render_value(value: Any) -> str:
    if isinstance(value, Mapping):
        if "object" in value:
            return "an object without a label" if value["object"] is None else f"object {value['object']}"
        if value.get("undefined"):
            return "undefined"
        if value.get("uninitialized"):
            return "uninitialized (temporal dead zone)"
        if "number" in value:
            return str(value["number"])
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def describe_key(kind: str, key: Mapping[str, Any], options: Mapping[str, Any] | None = None) -> str:
    """A one-line human reading of a key, for the admin."""
    options = options or {}
    if kind == "stack":
        return "frames, innermost first: " + " → ".join(key["frames"])
    if kind == "locals":
        pairs = ", ".join(f"{name} = {_render_value(v)}" for name, v in key["values"].items())
        return f"in frame {options.get('frame', '?')} ({options.get('function', '?')}): {pairs}"
    if kind in OBJECT_SET_FIELDS:
        objects = ", ".join(sort_labels(key["objects"])) or "none"
        return f"objects: {objects}"
    if kind == "pending":
        names = {option["label"]: option.get("name") for option in options.get("callbacks", [])}
        waiting = ", ".join(f"{label} ({names[label]})" if names.get(label) else label
                            for label in sort_labels(key["objects"]))
        return f"still waiting: {waiting or 'nothing'}"
    if kind == "output":
        return "lines: " + (" | ".join(key["lines"]) if key["lines"] else "(no output)")
    if kind == "overflow":
        return f"overflows at line {key['line']}" if key["overflows"] else "does not overflow"
    if kind == "multiple_choice":
        choices = options.get("choices", [])
        text = choices[key["choice"]] if key["choice"] < len(choices) else "?"
        return f"choice {key['choice']}: {text}"
    return str(key)


__all__ = ["CHECKPOINT_KINDS", "KeyResult", "ProgramFacts", "QuestionSpec", "derive_key", "describe_key"]


def config_problem(kind: str, config: Mapping[str, Any]) -> str:
    """What is wrong with a question's own configuration, found without a trace ("" when nothing is)."""
    try:
        if kind in CHECKPOINT_DERIVERS:
            _occurrence(config)
        if kind == "locals":
            _locals_config(config)
    except KeyProblem as exc:
        return str(exc)
    return multiple_choice_key(config).problem if kind == "multiple_choice" else ""
