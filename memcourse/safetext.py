"""Text a request may carry in JSON that no database column or UTF-8 page can hold: the NUL character and lone
surrogates (half of a UTF-16 pair, which JSON can write as an escape such as ``"\\ud83d"``). PostgreSQL refuses
both, so the site refuses them at the door, with a message that says where they are, instead of failing later with
a server error."""

from __future__ import annotations

import re
from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _what(ch: str) -> str:
    return "a NUL character (\\u0000)" if ch == "\x00" else f"an unpaired surrogate (\\u{ord(ch):04x})"


def _path(parent: str, key: Any) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else str(key)


def unstorable(value: Any, where: str = "") -> str | None:
    """Why `value` (parsed JSON) cannot be stored, naming the first place that cannot; None when it can."""
    if isinstance(value, str):
        found = _UNSTORABLE.search(value)
        if found is None:
            return None
        at = f" in {where}" if where else ""
        return f"The text{at} holds {_what(found.group())}, which cannot be stored; remove it and send again."
    if isinstance(value, list):
        for i, item in enumerate(value):
            problem = unstorable(item, _path(where, i))
            if problem:
                return problem
    elif isinstance(value, dict):
        for key, item in value.items():
            problem = unstorable(key, _path(where, "(a key)")) or unstorable(item, _path(where, key))
            if problem:
                return problem
    return None


class StorableJSONParser(JSONParser):
    """DRF's JSON parser, refusing (400) what :func:`unstorable` finds."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        problem = unstorable(data)
        if problem:
            raise ParseError(problem)
        return data


def validate_storable(value: Any) -> None:
    """A model field validator (JSON fields people type into): the same refusal as a form error."""
    from django.core.exceptions import ValidationError

    problem = unstorable(value)
    if problem:
        raise ValidationError(problem, code="unstorable")
