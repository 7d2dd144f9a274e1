"""test262 frontmatter (the YAML between ``/*---`` and ``---*/``), read without a YAML library.

Only the keys a runner needs are kept: ``includes``, ``flags``, ``features`` and ``negative`` (``phase``,
``type``). test262 writes them as ``key: [a, b]``, as ``key:`` followed by ``- a`` lines, and ``negative:``
followed by indented ``phase:``/``type:`` lines; everything else (``description: |`` blocks...) is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BLOCK = re.compile(r"/\*---(.*?)---\*/", re.S)
_LIST_KEYS = ("includes", "flags", "features")


@dataclass(frozen=True)
class Negative:
    phase: str  # parse, resolution or runtime
    type: str  # the expected error's constructor name


@dataclass(frozen=True)
class Meta:
    includes: tuple[str, ...] = ()
    flags: frozenset[str] = field(default_factory=frozenset)
    features: tuple[str, ...] = ()
    negative: Negative | None = None


def _items(text: str) -> list[str]:
    text = text.split("#", 1)[0].strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    return [s.strip().strip("'\"") for s in text.split(",") if s.strip()]


def parse_meta(source: str) -> Meta:
    """The frontmatter of one test file (an empty Meta when it has none)."""
    m = _BLOCK.search(source)
    if m is None:
        return Meta()
    lists: dict[str, list[str]] = {k: [] for k in _LIST_KEYS}
    negative: dict[str, str] = {}
    current: str | None = None  # the top-level key whose indented lines we are reading
    for line in m.group(1).splitlines():
        if not line.strip():
            continue
        indented = line[0] in " \t"
        stripped = line.strip()
        if not indented:
            key, _, rest = stripped.partition(":")
            current = key.strip()
            if current in lists and rest.strip():
                lists[current].extend(_items(rest))
            continue
        if current in lists and stripped.startswith("- "):
            lists[current].extend(_items(stripped[2:]))
        elif current == "negative":
            key, _, rest = stripped.partition(":")
            negative[key.strip()] = rest.split("#", 1)[0].strip().strip("'\"")
    neg = Negative(negative.get("phase", ""), negative.get("type", "")) if negative else None
    return Meta(tuple(lists["includes"]), frozenset(lists["flags"]), tuple(lists["features"]), neg)
