"""Naming what is wrong in one graded answer, as misconceptions a teacher can count (pure functions; no database).

Grading (exercises/grading.py) already compares an answer with its key part by part and stores the parts on the
attempt: for an object set one part per object of the key and per wrong pick, for a stack the frames matched by
longest common subsequence and the frames that are not there, for locals one part per variable, for output one per
line. `mistakes` reads those parts (never the raw answer JSON) and, with the checkpoint of the trace the answer was
about, turns each wrong part into a `Mistake`:

- `code`: the category, the same for every student who made it ("reachable.extra.garbage": an object marked
  reachable that is garbage; "stack.missing": a frame left out of the stack; "locals.wrong": a wrong value...);
- `subject`: what it is about, stable across students and variants ("B", "inner", "x=3|4", "2");
- `label`: the mistake in words, for the teacher ("marked reachable an object that is garbage: B, the array `a`
  (line 2); `a` is null now").

Two mistakes with the same (code, subject) are the same mistake; the statistics count students per pair.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from exercises import pending
from exercises.answer_keys import _render_value
from exercises.feedback import checkpoint_index
from exercises.labels import LABEL, letters_for_sites

# What "in the set" means for each object-set question, as the verb phrase of "marked ... an object".
SET_VERBS = {
    "reachable": "marked reachable",
    "gc_freed": "said a gc() here frees",
    "refcount_leak": "said reference counting leaks",
}
# Why a left-out object belongs in the set.
MISSING_PHRASES = {
    "reachable": "left out an object that is still reachable",
    "gc_freed": "left out an object a gc() here frees (it is garbage)",
    "refcount_leak": "left out an object reference counting never frees (it is on a cycle or hangs from one)",
}
# Where a wrongly picked object really is.
WHERE_PHRASES = {
    "garbage": "an object that is garbage",
    "freed": "an object an earlier gc() already freed",
    "reachable": "an object that is still reachable",
    "refcount_freed": "an object reference counting does free (it is garbage, but on no cycle)",
    "absent": "an object that does not exist yet",
}
NAME_BEFORE = re.compile(r"(?:\b(?:let|const|var)\s+)?([A-Za-z_$][\w$]*)\s*(?:=|:)\s*(?:new\s+)?$")
CLASS_NAME = re.compile(r"class\s+([A-Za-z_$][\w$]*)")


@dataclass(frozen=True)
class Mistake:
    code: str
    subject: str
    label: str


@dataclass(frozen=True)
class VersionFacts:
    """What the statistics need of one exercise version: its program, allocation sites and checkpoints."""

    program: str
    sites: Sequence[Mapping[str, Any]]
    checkpoints: Sequence[Mapping[str, Any]]
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class QuestionFacts:
    kind: str
    checkpoint: str = ""
    config: Mapping[str, Any] = field(default_factory=dict)


# --- naming objects -----------------------------------------------------------------------------------------------


def heap_key_of(label: str, sites: Sequence[Mapping[str, Any]]) -> str | None:
    """The engine's heap key ("2:11#1") of an object label ("B", "B#2"), from the version's allocation sites."""
    match = LABEL.match(label)
    if match is None:
        return None
    site = {letter: key for key, letter in letters_for_sites(str(s["key"]) for s in sites).items()}.get(match["letters"])
    return f"{site}#{match['k'] or 1}" if site else None


def _source_name(program: str, key: str) -> str:
    """The name the source gives the object where it is made: `a` in `let a = [1, 2]`, `left` in `left: {}`."""
    try:
        line, column = (int(part) for part in key.split("#", 1)[0].split(":"))
    except ValueError:
        return ""
    lines = program.splitlines()
    if not 0 < line <= len(lines):
        return ""
    text = lines[line - 1]
    found = NAME_BEFORE.search(text[: max(column - 1, 0)])
    if found:
        return found[1]
    klass = CLASS_NAME.match(text[max(column - 1, 0):])
    return klass[1] if klass else ""


def _what(desc: Mapping[str, Any] | None) -> str:
    if not isinstance(desc, Mapping):
        return "the object"
    kind, klass = desc.get("type"), desc.get("class")
    if kind == "function":
        return "the function"
    if kind == "array":
        return "the array"
    if klass and klass not in ("Object", "Function"):
        return f"the {klass} object"
    return "the object"


def _heap_desc(key: str, checkpoints: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    for checkpoint in checkpoints:
        desc = checkpoint.get("heap", {}).get(key)
        if isinstance(desc, Mapping):
            return desc
    return None


def _now_holds(name: str, key: str, checkpoint: Mapping[str, Any]) -> str:
    """"; `a` is null now" when the variable the object was made for holds something else at the checkpoint."""
    for bindings in checkpoint.get("locals", []):
        if isinstance(bindings, Mapping) and name in bindings:
            value = bindings[name]
            if isinstance(value, Mapping) and value.get("site") == key:
                return ""
            if isinstance(value, Mapping) and "site" in value:
                return f"; `{name}` refers to another object now"
            return f"; `{name}` is {_render_value(value)} now"
    return ""


def describe_object(label: str, version: VersionFacts, checkpoint: Mapping[str, Any]) -> str:
    """B, the array `a` (line 2); `a` is null now."""
    key = heap_key_of(label, version.sites)
    if key is None:
        return label
    desc = _heap_desc(key, [checkpoint, *version.checkpoints])
    name = str(desc.get("name") or "") if isinstance(desc, Mapping) and desc.get("type") == "function" else ""
    name = name or _source_name(version.program, key)
    line = pending.site_line(key)
    text = f"{label}, {_what(desc)}" + (f" `{name}`" if name else "") + f" (line {line})"
    return text + (_now_holds(name, key, checkpoint) if name else "")


def where_is(label: str, version: VersionFacts, checkpoint: Mapping[str, Any]) -> str:
    """Where an object is at the checkpoint: reachable, garbage, freed by an earlier gc(), or not made yet."""
    key = heap_key_of(label, version.sites)
    freed = {k for batch in checkpoint.get("freed", []) for k in batch}
    if key in freed:
        return "freed"
    if key in set(checkpoint.get("garbage", [])):
        return "garbage"
    if key in set(checkpoint.get("reachable", [])):
        return "reachable"
    return "absent"


# --- per kind -----------------------------------------------------------------------------------------------------


def _wrong(parts: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [part for part in parts if isinstance(part, Mapping) and not part.get("correct")]


def _object_set_mistakes(question: QuestionFacts, parts: Sequence[Mapping[str, Any]], version: VersionFacts,
                         checkpoint: Mapping[str, Any]) -> list[Mistake]:
    kind, out = question.kind, []
    for part in _wrong(parts):
        label = str(part.get("part"))
        what = describe_object(label, version, checkpoint)
        if part.get("expected") is True:
            out.append(Mistake(f"{kind}.missing", label, f"{MISSING_PHRASES[kind]}: {what}"))
            continue
        where = where_is(label, version, checkpoint)
        if kind == "refcount_leak" and where == "garbage":
            where = "refcount_freed"
        out.append(Mistake(f"{kind}.extra.{where}", label, f"{SET_VERBS[kind]} {WHERE_PHRASES[where]}: {what}"))
    return out


def _function_title(label: str, version: VersionFacts, checkpoint: Mapping[str, Any]) -> str:
    key = heap_key_of(label, version.sites) or ""
    desc = _heap_desc(key, [checkpoint, *version.checkpoints])
    name = str(desc.get("name") or "") if isinstance(desc, Mapping) else ""
    return pending.function_title(name, label, pending.site_line(key))


def _pending_mistakes(parts: Sequence[Mapping[str, Any]], version: VersionFacts, index: int | None) -> list[Mistake]:
    checkpoint = version.checkpoints[index] if index is not None else {}
    earlier = version.checkpoints[:index] if index is not None else []
    out = []
    for part in _wrong(parts):
        label = str(part.get("part"))
        key = heap_key_of(label, version.sites) or ""
        title = _function_title(label, version, checkpoint)
        if part.get("expected") is True:
            reasons = pending.waiting(checkpoint).get(key, [])
            reason = reasons[0] if reasons else "something still holds it to run later"
            out.append(Mistake("pending.missing", label, f"left out {title}, which is still waiting: {reason}"))
        else:
            reason = pending.not_waiting(checkpoint, key, earlier) if key else "it is not a function of this program"
            out.append(Mistake("pending.extra", label, f"marked waiting {title}, which is not: {reason}"))
    return out


def _stack_mistakes(parts: Sequence[Mapping[str, Any]]) -> list[Mistake]:
    missing = [str(p.get("expected")) for p in _wrong(parts) if str(p.get("part", "")).startswith("frame ")]
    extra = [str(name) for p in _wrong(parts) if not str(p.get("part", "")).startswith("frame ")
             for name in (p.get("given") or [])]
    out = []
    for name in dict.fromkeys(missing):
        if name in extra:
            out.append(Mistake("stack.order", name, f"put the frame `{name}` at the wrong place in the stack"))
        else:
            out.append(Mistake("stack.missing", name, f"frame `{name}` missing from the stack"))
    for name in dict.fromkeys(extra):
        if name not in missing:
            out.append(Mistake("stack.extra", name, f"listed a frame `{name}` that is not on the stack there"))
    return out


def _locals_mistakes(parts: Sequence[Mapping[str, Any]]) -> list[Mistake]:
    out = []
    for part in _wrong(parts):
        name, given, expected = part.get("part"), _render_value(part.get("given")), _render_value(part.get("expected"))
        out.append(Mistake("locals.wrong", f"{name}={given}|{expected}", f"`{name}` holds {expected}, not {given}"))
    return out


def _output_mistakes(parts: Sequence[Mapping[str, Any]]) -> list[Mistake]:
    out = []
    for part in _wrong(parts):
        line = str(part.get("part", "")).removeprefix("line ")
        want, got = part.get("expected"), part.get("given")
        if got is None:
            out.append(Mistake("output.missing", f"{line}|{want}", f"left out output line {line}: `{want}`"))
        elif want is None:
            out.append(Mistake("output.extra", f"{got}", f"an output line the program does not print: `{got}`"))
        else:
            out.append(Mistake("output.wrong", f"{line}|{got}|{want}", f"output line {line} is `{want}`, not `{got}`"))
    return out


def _overflow_mistakes(parts: Sequence[Mapping[str, Any]]) -> list[Mistake]:
    by_part = {str(p.get("part")): p for p in parts if isinstance(p, Mapping)}
    whether, where = by_part.get("overflows", {}), by_part.get("line", {})
    if whether and not whether.get("correct"):
        if whether.get("expected"):
            line = where.get("expected")
            return [Mistake("overflow.missed", "", f"said it does not overflow, but it does (the call at line {line})")]
        return [Mistake("overflow.invented", "", "said it overflows, but it ends normally")]
    if where and not where.get("correct"):
        given, expected = where.get("given"), where.get("expected")
        return [Mistake("overflow.line", str(given), f"put the overflowing call at line {given}, not line {expected}")]
    return []


def _choices(config: Mapping[str, Any]) -> list[Any]:
    choices = config.get("choices")
    return list(choices) if isinstance(choices, list) else []


def _choice_mistakes(parts: Sequence[Mapping[str, Any]], config: Mapping[str, Any]) -> list[Mistake]:
    choices = _choices(config)
    out = []
    for part in _wrong(parts):
        given = part.get("given")
        text = choices[given] if isinstance(given, int) and 0 <= given < len(choices) else f"choice {given}"
        out.append(Mistake("choice.wrong", str(given), f"chose “{text}”"))
    return out


def mistakes(*, question: QuestionFacts, parts: Sequence[Mapping[str, Any]], version: VersionFacts) -> list[Mistake]:
    """Every mistake in one graded answer, from its stored grading parts; [] for a right answer."""
    kind = question.kind
    if kind == "stack":
        return _stack_mistakes(parts)
    if kind == "locals":
        return _locals_mistakes(parts)
    if kind == "output":
        return _output_mistakes(parts)
    if kind == "overflow":
        return _overflow_mistakes(parts)
    if kind == "multiple_choice":
        return _choice_mistakes(parts, question.config)
    if kind not in (*SET_VERBS, "pending"):
        return []
    occurrence = question.config.get("occurrence", 1)
    index = checkpoint_index({"checkpoints": list(version.checkpoints)}, question.checkpoint,
                             occurrence if isinstance(occurrence, int) else 1)
    checkpoint = version.checkpoints[index] if index is not None else {}
    if kind == "pending":
        return _pending_mistakes(parts, version, index)
    return _object_set_mistakes(question, parts, version, checkpoint)


def answer_text(*, kind: str, answer: Any, config: Mapping[str, Any]) -> str:
    """A graded answer in words, as the feedback shows it: "inner → outer → <global>", "x = 3, o = object B"."""
    if not isinstance(answer, Mapping):
        return str(answer)
    if kind == "stack":
        return " → ".join(str(f) for f in answer.get("frames", [])) or "no frames"
    if kind == "locals":
        values = answer.get("values", {})
        return ", ".join(f"{name} = {_render_value(value)}" for name, value in values.items())
    if kind in (*SET_VERBS, "pending"):
        return ", ".join(str(label) for label in answer.get("objects", [])) or "none"
    if kind == "output":
        return " | ".join(str(line) for line in answer.get("lines", [])) or "(no output)"
    if kind == "overflow":
        return f"overflows at line {answer.get('line')}" if answer.get("overflows") else "does not overflow"
    if kind == "multiple_choice":
        choices = _choices(config)
        choice = answer.get("choice")
        return str(choices[choice]) if isinstance(choice, int) and 0 <= choice < len(choices) else f"choice {choice}"
    return str(dict(answer))
