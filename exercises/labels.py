"""Object labels: how students name the objects of a program.

Every allocation site of the program (engine.allocation_sites, in source order) gets a letter: A, B, ... Z, then
AA, AB, ... (like spreadsheet columns). An object the engine calls "L:C#k" (the k-th object allocated at the site
that starts at line L, column C) is labelled by its site's letter, with "#k" appended only when that site allocated
more than one object in the run (as far as the trace shows): "B" or "B#2".

This is the one place that converts engine site ids to labels; the answer keys, the API and the pages all use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

OBJECT_ID = re.compile(r"^(?P<site>\d+:\d+)#(?P<k>\d+)$")
LABEL = re.compile(r"^(?P<letters>[A-Z]+)(?:#(?P<k>[1-9]\d*))?$")


def site_letter(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA", 27 -> "AB" (bijective base 26)."""
    if index < 0:
        raise ValueError("site index must be >= 0")
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def letters_for_sites(site_keys: Iterable[str]) -> dict[str, str]:
    """Map each site key "L:C" (in source order) to its letter."""
    return {key: site_letter(i) for i, key in enumerate(site_keys)}


def _walk_object_ids(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if OBJECT_ID.match(value):
            yield value
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield from _walk_object_ids(k)
            yield from _walk_object_ids(v)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_object_ids(item)


def objects_per_site(trace: Mapping[str, Any]) -> dict[str, int]:
    """The highest allocation count seen for each site anywhere in the trace."""
    counts: dict[str, int] = {}
    for object_id in _walk_object_ids(trace.get("checkpoints", [])):
        match = OBJECT_ID.match(object_id)
        assert match is not None
        site, k = match["site"], int(match["k"])
        counts[site] = max(counts.get(site, 0), k)
    return counts


@dataclass(frozen=True)
class Labeler:
    """Converts engine object ids ("3:15#2") to labels ("B#2") for one program and its trace."""

    letters: Mapping[str, str]
    counts: Mapping[str, int]

    @classmethod
    def build(cls, site_keys: Iterable[str], trace: Mapping[str, Any] | None) -> Labeler:
        return cls(letters=letters_for_sites(site_keys), counts=objects_per_site(trace or {}))

    def label(self, object_id: str | None) -> str | None:
        """The label of an engine object id; None for an object without a site; unknown ids are returned as is."""
        if object_id is None:
            return None
        match = OBJECT_ID.match(object_id)
        if match is None or match["site"] not in self.letters:
            return object_id
        letter = self.letters[match["site"]]
        if self.counts.get(match["site"], 1) > 1:
            return f"{letter}#{match['k']}"
        return letter

    def labels(self, object_ids: Iterable[str]) -> list[str]:
        return sort_labels(str(self.label(object_id)) for object_id in object_ids)

    def value(self, value: Any) -> Any:
        """An engine value with every {"site": id} turned into {"object": label}; recurses through containers."""
        if isinstance(value, Mapping):
            if set(value) == {"site"}:
                return {"object": self.label(value["site"])}
            return {self.label(k) if isinstance(k, str) else k: self.value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(item) for item in value]
        return value

    def checkpoint(self, checkpoint: Mapping[str, Any]) -> dict[str, Any]:
        """A whole checkpoint of the trace, with labels instead of engine ids, for the memory diagram."""
        labelled: dict[str, Any] = dict(self.value(dict(checkpoint)))
        for field in ("reachable", "garbage", "refcount_leaked"):
            if field in checkpoint:
                labelled[field] = self.labels(checkpoint[field])
        if "freed" in checkpoint:
            labelled["freed"] = [self.labels(batch) for batch in checkpoint["freed"]]
        return labelled

    def site_labels(self) -> list[dict[str, Any]]:
        """Every allocation site with its letter and how many objects it allocated (0 if none seen)."""
        out = []
        for key, letter in self.letters.items():
            line, column = (int(part) for part in key.split(":"))
            out.append({"label": letter, "line": line, "column": column, "count": self.counts.get(key, 0)})
        return out


def label_sort_key(label: str) -> tuple[int, str, int]:
    """Sort labels as A, B, ..., Z, AA, ... and B#1 < B#2 < B#10."""
    match = LABEL.match(label)
    if match is None:
        return (10**6, label, 0)
    letters = match["letters"]
    return (len(letters), letters, int(match["k"] or 0))


def sort_labels(labels: Iterable[str]) -> list[str]:
    return sorted(labels, key=label_sort_key)


def is_label(text: str) -> bool:
    return LABEL.match(text) is not None
