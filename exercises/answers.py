"""What a valid answer looks like for each question kind. An answer has the same shape as its key:

    stack            {"frames": ["inner", "outer", "<global>"]}          innermost first
    locals           {"values": {"n": 3, "s": "hi", "o": {"object": "B"}, "u": {"undefined": true}}}
    reachable        {"objects": ["A", "B#2"]}                           also gc_freed and refcount_leak
    pending          {"objects": ["B", "E"]}                             labels of the functions still waiting
    output           {"lines": ["first line", "second line"]}
    overflow         {"overflows": true, "line": 7}                      "line" is null when it does not overflow
    multiple_choice  {"choice": 1}                                       index into the question's choices

Values in locals are JSON numbers, strings, booleans and null as themselves; {"undefined": true};
{"number": "NaN" | "Infinity" | "-Infinity"}; {"bigint": "10"} for the BigInt 10n; {"uninitialized": true} for a binding in its temporal dead zone;
{"object": "B"} for the object labelled B (or {"object": null} for an object without a label).

`validate_answer` checks an answer against its kind and the question's public options and raises AnswerInvalid
with a sentence saying what is wrong.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from exercises.labels import is_label

MAX_ITEMS = 500
SPECIAL_NUMBERS = {"NaN", "Infinity", "-Infinity"}
BIGINT_DIGITS = re.compile(r"-?[0-9]+")


class AnswerInvalid(ValueError):
    pass


def _require_fields(answer: Any, fields: set[str], optional: frozenset[str] = frozenset()) -> Mapping[str, Any]:
    if not isinstance(answer, Mapping):
        raise AnswerInvalid(f"The answer must be a JSON object with {', '.join(sorted(fields))}.")
    missing = sorted(fields - set(answer))
    if missing:
        raise AnswerInvalid(f'The answer is missing "{missing[0]}".')
    extra = sorted(set(answer) - fields - optional)
    if extra:
        raise AnswerInvalid(f'The answer has an unexpected field "{extra[0]}".')
    return answer


def _string_list(value: Any, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise AnswerInvalid(f"{what} must be a list of texts.")
    if len(value) > MAX_ITEMS:
        raise AnswerInvalid(f"{what} has more than {MAX_ITEMS} entries.")
    return value


def _validate_stack(answer: Any, options: Mapping[str, Any]) -> dict[str, Any]:
    frames = _string_list(_require_fields(answer, {"frames"})["frames"], '"frames"')
    known: list[str] = options.get("functions", [])
    unknown = [name for name in frames if known and name not in known]
    if unknown:
        raise AnswerInvalid(f'"{unknown[0]}" is not a function of this program; choose from {", ".join(known)}.')
    return {"frames": frames}


def _validate_object_label(label: Any, options: Mapping[str, Any]) -> str | None:
    if label is None:
        return None
    if not isinstance(label, str) or not is_label(label):
        raise AnswerInvalid(f'"{label}" is not an object label: labels look like A, B, AA or B#2.')
    known = options.get("objects")
    if known is not None and label not in known:
        listing = ", ".join(known) or "none"
        raise AnswerInvalid(f'There is no object {label} at this point; the objects are: {listing}.')
    return label


def _validate_value(name: str, value: Any, options: Mapping[str, Any]) -> Any:
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise AnswerInvalid(f'The value of {name} must be a finite number or {{"number": "NaN"}}.')
        return value
    if isinstance(value, Mapping) and len(value) == 1:
        if "object" in value:
            return {"object": _validate_object_label(value["object"], options)}
        if value.get("undefined") is True or value.get("uninitialized") is True:
            return dict(value)
        if value.get("number") in SPECIAL_NUMBERS:
            return dict(value)
        digits = value.get("bigint")
        if isinstance(digits, str) and BIGINT_DIGITS.fullmatch(digits):
            return {"bigint": str(int(digits))}  # the engine writes BigInts in this canonical form
    raise AnswerInvalid(
        f'The value of {name} must be a number, a text, true, false, null, {{"undefined": true}}, '
        f'{{"number": "NaN"}}, {{"bigint": "10"}}, {{"uninitialized": true}} or {{"object": "A"}}.'
    )


def _validate_locals(answer: Any, options: Mapping[str, Any]) -> dict[str, Any]:
    values = _require_fields(answer, {"values"})["values"]
    if not isinstance(values, Mapping):
        raise AnswerInvalid('"values" must be an object mapping each variable to its value.')
    asked = list(options.get("variables", values.keys()))
    missing = [name for name in asked if name not in values]
    if missing:
        raise AnswerInvalid(f"Give a value for {missing[0]}.")
    extra = [name for name in values if name not in asked]
    if extra:
        raise AnswerInvalid(f"{extra[0]} is not asked; the question asks about {', '.join(asked)}.")
    return {"values": {name: _validate_value(name, values[name], options) for name in asked}}


def _validate_objects(answer: Any, options: Mapping[str, Any]) -> dict[str, Any]:
    objects = _string_list(_require_fields(answer, {"objects"})["objects"], '"objects"')
    labels = [_validate_object_label(label, options) for label in objects]
    if len(set(labels)) != len(labels):
        raise AnswerInvalid("Each object may be picked only once.")
    return {"objects": labels}


def _validate_functions(answer: Any, options: Mapping[str, Any]) -> dict[str, Any]:
    """A pending answer: labels of function objects, each one of the question's options."""
    objects = _string_list(_require_fields(answer, {"objects"})["objects"], '"objects"')
    callbacks = {str(option.get("label")): option for option in options.get("callbacks", [])}
    known = options.get("objects")
    for label in objects:
        if not is_label(label):
            raise AnswerInvalid(f'"{label}" is not a function label: labels look like A, B, AA or B#2.')
        if known is not None and label not in known:
            listing = ", ".join(_function_text(label, callbacks[label]) for label in known if label in callbacks)
            raise AnswerInvalid(f"There is no function {label} at this point; the functions are: {listing or 'none'}.")
    if len(set(objects)) != len(objects):
        raise AnswerInvalid("Each function may be picked only once.")
    return {"objects": list(objects)}


def _function_text(label: str, option: Mapping[str, Any]) -> str:
    name = option.get("name")
    return f"{label} ({name})" if name else label


def _validate_output(answer: Any, options: Mapping[str, Any]) -> dict[str, Any]:
    return {"lines": _string_list(_require_fields(answer, {"lines"})["lines"], '"lines"')}


def _validate_overflow(answer: Any, options: Mapping[str, Any]) -> dict[str, Any]:
    fields = _require_fields(answer, {"overflows"}, optional=frozenset({"line"}))
    overflows, line = fields["overflows"], fields.get("line")
    if not isinstance(overflows, bool):
        raise AnswerInvalid('"overflows" must be true or false.')
    if overflows and (not isinstance(line, int) or isinstance(line, bool) or line < 1):
        raise AnswerInvalid('Say at which line the stack overflows: "line" must be a line number from 1.')
    if not overflows and line is not None:
        raise AnswerInvalid('"line" must be null when the program does not overflow.')
    return {"overflows": overflows, "line": line if overflows else None}


def _validate_choice(answer: Any, options: Mapping[str, Any]) -> dict[str, Any]:
    choice = _require_fields(answer, {"choice"})["choice"]
    count = len(options.get("choices", []))
    if not isinstance(choice, int) or isinstance(choice, bool) or not 0 <= choice < count:
        raise AnswerInvalid(f'"choice" must be the index of a choice, from 0 to {count - 1}.')
    return {"choice": choice}


VALIDATORS: dict[str, Callable[[Any, Mapping[str, Any]], dict[str, Any]]] = {
    "stack": _validate_stack,
    "locals": _validate_locals,
    "reachable": _validate_objects,
    "gc_freed": _validate_objects,
    "refcount_leak": _validate_objects,
    "pending": _validate_functions,
    "output": _validate_output,
    "overflow": _validate_overflow,
    "multiple_choice": _validate_choice,
}


def validate_answer(kind: str, answer: Any, options: Mapping[str, Any]) -> dict[str, Any]:
    """The cleaned answer, or AnswerInvalid saying what is wrong."""
    validator = VALIDATORS.get(kind)
    if validator is None:
        raise AnswerInvalid(f'Unknown question kind "{kind}".')
    return validator(answer, options)
