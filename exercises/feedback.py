"""After grading: a student's answer set beside the true state at its checkpoint (pure functions; no database).

`compare` turns (question kind, answer, key, the trace's checkpoint) into a `Comparison`: a text list of what was
missing, extra or wrong, and the same findings as marks for the memory diagram (the memview library's `marks`
option), keyed the way the diagram names things:

- objects by heap key (the engine's "3:15#1", not the label "B"): {"kind": "extra" | "missing", "note"};
- frames by depth, outermost = 0 (the timeline's numbering): {"kind": "extra" | "missing" | "wrong", "note"};
- variables by "depth.name": {"kind": "wrong", "note"}.

"extra" is something the answer has and the truth does not (an object called reachable that is garbage, a frame
that is not on the stack, a function called waiting that already ran); "missing" is the reverse. For a pending
question each finding says why the function is (not) waiting (exercises/pending.py), and marks the function object. Only the questions about a checkpoint get a comparison; the
others (output, overflow, multiple choice) have nothing to draw.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from exercises import pending
from exercises.answer_keys import OBJECT_SET_FIELDS, _render_value
from exercises.grading import lcs_pairs, values_equal
from exercises.labels import Labeler, sort_labels

CHECKPOINT_KINDS = {"stack", "locals", *OBJECT_SET_FIELDS, "pending"}

# What "in the set" means for each object-set question, as a phrase after "it is" / "it is not".
SET_MEANING = {
    "reachable": "reachable",
    "gc_freed": "freed by a gc() here",
    "refcount_leak": "leaked by reference counting",
}


@dataclass
class Comparison:
    """The answer beside the truth at one checkpoint: `checkpoint` indexes the trace's `checkpoints`."""

    kind: str
    checkpoint: int
    name: str
    line: int
    items: list[dict[str, str]] = field(default_factory=list)
    marks: dict[str, dict[str, dict[str, str]]] = field(
        default_factory=lambda: {"objects": {}, "frames": {}, "variables": {}}
    )

    @property
    def right(self) -> bool:
        return not self.items

    def add(self, section: str, key: str, kind: str, note: str, text: str) -> None:
        """One finding: a line of the text list, and (when `section` is given) a mark on the diagram."""
        self.items.append({"kind": kind, "text": text})
        if section:
            self.marks[section][key] = {"kind": kind, "note": note}

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "checkpoint": self.checkpoint, "name": self.name, "line": self.line,
            "right": self.right, "items": self.items, "marks": self.marks,
        }


def checkpoint_index(trace: Mapping[str, Any], name: str, occurrence: int) -> int | None:
    """The index in trace["checkpoints"] of the `occurrence`-th run of checkpoint(`name`), or None."""
    seen = 0
    for index, cp in enumerate(trace.get("checkpoints", [])):
        if cp.get("name") == name:
            seen += 1
            if seen == occurrence:
                return index
    return None


def heap_keys_by_label(checkpoint: Mapping[str, Any], labeler: Labeler) -> dict[str, str]:
    """Label -> heap key for every object the checkpoint knows about (live, garbage, or freed earlier)."""
    keys = set(checkpoint.get("heap", {})) | set(checkpoint.get("reachable", [])) | set(checkpoint.get("garbage", []))
    for batch in checkpoint.get("freed", []):
        keys |= set(batch)
    out: dict[str, str] = {}
    for key in sorted(keys):
        label = labeler.label(key)
        if label is not None and label != key:
            out[label] = key
    return out


def _freed_labels(checkpoint: Mapping[str, Any], labeler: Labeler) -> set[str]:
    return {str(labeler.label(key)) for batch in checkpoint.get("freed", []) for key in batch}


def _where_else(label: str, checkpoint: Mapping[str, Any], labeler: Labeler) -> str:
    """Where an object really is, for the note on a wrong pick: reachable, garbage, or freed by an earlier gc()."""
    if label in _freed_labels(checkpoint, labeler):
        return "already freed by an earlier gc()"
    if label in labeler.labels(checkpoint.get("garbage", [])):
        return "garbage (unreachable)"
    return "still reachable"


def _compare_objects(result: Comparison, answer: Mapping[str, Any], key: Mapping[str, Any],
                     checkpoint: Mapping[str, Any], labeler: Labeler) -> None:
    meaning = SET_MEANING[result.kind]
    given, expected = set(answer.get("objects", [])), set(key.get("objects", []))
    heap_key = heap_keys_by_label(checkpoint, labeler)
    for label in sort_labels(given - expected):
        note = f"You picked {label}, but it is not {meaning}: it is {_where_else(label, checkpoint, labeler)}."
        section = "objects" if label in heap_key else ""
        result.add(section, heap_key.get(label, label), "extra", note, note)
    for label in sort_labels(expected - given):
        note = f"You left out {label}, but it is {meaning}."
        section = "objects" if label in heap_key else ""
        result.add(section, heap_key.get(label, label), "missing", note, note)


def _compare_pending(result: Comparison, answer: Mapping[str, Any], key: Mapping[str, Any],
                     trace: Mapping[str, Any], labeler: Labeler) -> None:
    """Each wrong pick and each missed function, with why it is (not) waiting, in the student's terms: its name,
    its label, and what holds it (or why nothing does)."""
    checkpoint = trace["checkpoints"][result.checkpoint]
    earlier = trace["checkpoints"][:result.checkpoint]
    given, expected = set(answer.get("objects", [])), set(key.get("objects", []))
    heap_key = heap_keys_by_label(checkpoint, labeler)
    described = pending.function_descriptions(checkpoint, trace)
    why = pending.waiting(checkpoint)

    def title(label: str) -> str:
        site = heap_key.get(label, "")
        name = str(described.get(site, {}).get("name") or "")
        return pending.function_title(name, label, pending.site_line(site))

    waited = pending.waited_before(earlier) if given - expected else set()
    for label in sort_labels(given - expected):
        site = heap_key.get(label)
        reason = pending.not_waiting(checkpoint, site, earlier, waited) if site else "it is not a function of this program"
        note = f"You picked {title(label)}, but it is not waiting: {reason}."
        result.add("objects" if site else "", site or label, "extra", note, note)
    for label in sort_labels(expected - given):
        site = heap_key.get(label)
        reasons = why.get(site or "", [])
        reason = reasons[0] if reasons else "something still holds it to run later"
        note = f"You left out {title(label)}, but it is still waiting: {reason}."
        result.add("objects" if site else "", site or label, "missing", note, note)


def _compare_stack(result: Comparison, answer: Mapping[str, Any], checkpoint: Mapping[str, Any]) -> None:
    """Frames matched as grading matches them (longest common subsequence, innermost first). An unmatched true
    frame is "missing", or "wrong" when the answer has an unmatched frame at the same depth instead; the answer's
    other unmatched frames are "extra", at depths past the true stack's innermost frame."""
    expected = [str(frame["function"]) for frame in checkpoint.get("stack", [])]
    given = [str(name) for name in answer.get("frames", [])]
    pairs = lcs_pairs(expected, given)
    matched_true, matched_given = {i for i, _ in pairs}, {j for _, j in pairs}
    # depth counts from the outermost frame (<global> is 0), in both lists
    true_depth = {len(expected) - 1 - i: name for i, name in enumerate(expected) if i not in matched_true}
    given_depth = {len(given) - 1 - j: name for j, name in enumerate(given) if j not in matched_given}
    for depth in sorted(true_depth, reverse=True):
        name = true_depth[depth]
        if depth in given_depth:
            note = f"You said {given_depth.pop(depth)} here; this frame is {name}."
            result.add("frames", str(depth), "wrong", note, note)
        else:
            note = f"You left out the frame {name}; it is on the stack."
            result.add("frames", str(depth), "missing", note, note)
    # A frame the stack does not have has no place in it: the diagram draws extras as ghosts above the innermost.
    for ghost, depth in enumerate(sorted(given_depth), start=len(expected)):
        note = f"You listed a frame {given_depth[depth]} that is not on the stack there."
        result.add("frames", str(ghost), "extra", note, note)


def _compare_locals(result: Comparison, answer: Mapping[str, Any], key: Mapping[str, Any],
                    checkpoint: Mapping[str, Any], frame: int) -> None:
    depth = len(checkpoint.get("stack", [])) - 1 - frame
    given = answer.get("values", {})
    for name, value in key.get("values", {}).items():
        if values_equal(value, given.get(name)):
            continue
        note = f"You said {name} = {_render_value(given.get(name))}; it is {_render_value(value)}."
        result.add("variables", f"{depth}.{name}", "wrong", note, note)


def compare(*, kind: str, answer: Mapping[str, Any], key: Mapping[str, Any], trace: Mapping[str, Any],
            checkpoint_name: str, config: Mapping[str, Any], labeler: Labeler) -> Comparison | None:
    """The comparison of one graded answer with its key, or None when the question is not about a checkpoint (or
    the trace no longer has that checkpoint)."""
    if kind not in CHECKPOINT_KINDS:
        return None
    occurrence = config.get("occurrence", 1)
    index = checkpoint_index(trace, checkpoint_name, occurrence if isinstance(occurrence, int) else 1)
    if index is None:
        return None
    checkpoint = trace["checkpoints"][index]
    result = Comparison(kind=kind, checkpoint=index, name=checkpoint_name, line=int(checkpoint.get("line", 0)))
    if kind == "stack":
        _compare_stack(result, answer, checkpoint)
    elif kind == "locals":
        frame = config.get("frame", 0)
        _compare_locals(result, answer, key, checkpoint, frame if isinstance(frame, int) else 0)
    elif kind == "pending":
        _compare_pending(result, answer, key, trace, labeler)
    else:
        _compare_objects(result, answer, key, checkpoint, labeler)
    return result


def labels_map(trace: Mapping[str, Any] | None, labeler: Labeler, keys: Sequence[str] = ()) -> dict[str, str]:
    """Heap key -> label for every object of the trace that has a label (what the diagram writes on objects)."""
    found: set[str] = set(keys)
    _collect_keys(trace or {}, found)
    out = {}
    for key in found:
        label = labeler.label(key)
        if label is not None and label != key:
            out[key] = label
    return out


KEY_LISTS = ("reachable", "garbage", "refcount_leaked", "freed")


def _strings(value: Any) -> list[str]:
    """The strings of a list, or of a list of lists (a checkpoint's `freed` is one list per gc())."""
    if not isinstance(value, list):
        return []
    out = [item for item in value if isinstance(item, str)]
    for batch in value:
        if isinstance(batch, list):
            out.extend(item for item in batch if isinstance(item, str))
    return out


def _collect_keys(value: Any, found: set[str]) -> None:
    """Every heap key in a trace: keys of `heap` maps and values of {"site": key} references (iteratively, since a
    timeline can have hundreds of thousands of entries)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Mapping):
            site = item.get("site")
            if isinstance(site, str):
                found.add(site)
            heap = item.get("heap")
            if isinstance(heap, Mapping):
                found.update(k for k in heap if isinstance(k, str))
            for name in KEY_LISTS:
                found.update(_strings(item.get(name)))
            stack.extend(v for v in item.values() if isinstance(v, (Mapping, list)))
        elif isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, (Mapping, list)))
