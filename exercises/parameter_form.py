"""The admin's declarative editor of an exercise's variant parameters: rows of name / kind / min / max / choices,
stored as the JSON list of Exercise.parameters (docs/course-files.md). No raw JSON and no code to write.

Choices are typed on one line, separated by commas: `first, second`. A number stays a number (`3`), true and false
are booleans, and double quotes keep a text as it is (`"3"`, `"a, b"`)."""

from __future__ import annotations

import json
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join

from exercises import variants

EXTRA_ROWS = 2
INT_RE = re.compile(r"[+-]?\d+")
FLOAT_RE = re.compile(r"[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?")


class ChoicesSyntaxError(ValueError):
    pass


def parse_choices(text: str) -> list[Any]:
    """`first, 2, true, "a, b"` -> ["first", 2, True, "a, b"]."""
    items: list[Any] = []
    current, quoted, i = "", False, 0
    tokens: list[str] = []
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == "\\" and i + 1 < len(text):
                current += text[i:i + 2]
                i += 1
            elif ch == '"':
                quoted = False
                current += ch
            else:
                current += ch
        elif ch == '"':
            quoted = True
            current += ch
        elif ch == ",":
            tokens.append(current.strip())
            current = ""
        else:
            current += ch
        i += 1
    if quoted:
        raise ChoicesSyntaxError("a double quote is not closed.")
    tokens.append(current.strip())
    for token in tokens:
        if not token:
            if len(tokens) == 1:
                break
            raise ChoicesSyntaxError("there is an empty choice between two commas.")
        items.append(_choice_value(token))
    return items


def _choice_value(token: str) -> Any:
    if token.startswith('"'):
        try:
            value = json.loads(token)
        except ValueError as exc:
            raise ChoicesSyntaxError(f"{token} is not a quoted text.") from exc
        if not isinstance(value, str):
            raise ChoicesSyntaxError(f"{token} is not a quoted text.")
        return value
    if INT_RE.fullmatch(token):
        return int(token)
    if FLOAT_RE.fullmatch(token):
        return float(token)
    if token in ("true", "false"):
        return token == "true"
    return token


def format_choices(choices: list[Any]) -> str:
    """The inverse of parse_choices."""
    out = []
    for choice in choices:
        if isinstance(choice, bool):
            out.append("true" if choice else "false")
        elif isinstance(choice, int | float):
            out.append(json.dumps(choice))
        else:
            plain = str(choice)
            needs_quotes = (plain != plain.strip() or not plain or "," in plain or plain.startswith('"')
                            or plain in ("true", "false") or INT_RE.fullmatch(plain) or FLOAT_RE.fullmatch(plain))
            out.append(json.dumps(plain) if needs_quotes else plain)
    return ", ".join(out)


class ParametersWidget(forms.Widget):
    """A table with one row per parameter, and EXTRA_ROWS empty rows to add more; blank the name to remove one."""

    def format_value(self, value: Any) -> list[dict[str, Any]]:
        if isinstance(value, str):
            try:
                value = json.loads(value) if value else []
            except ValueError:
                value = []
        return list(value) if isinstance(value, list) else []

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[dict[str, str]] | None:
        if f"{name}-rows" not in data:
            return None
        try:
            rows = int(data.get(f"{name}-rows", 0))
        except ValueError:
            rows = 0
        fields = ("name", "kind", "min", "max", "choices")
        return [{f: str(data.get(f"{name}-{i}-{f}", "")).strip() for f in fields} for i in range(min(rows, 100))]

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> str:
        if _is_raw_rows(value):  # the form came back with errors: show what was typed
            rows = [row for row in value if any(row[f] for f in ("name", "min", "max", "choices"))]
        else:
            rows = [self._row(p) for p in self.format_value(value)]
        rows = rows + [{"name": "", "kind": "int", "min": "", "max": "", "choices": ""}] * EXTRA_ROWS
        body = format_html_join("", "{}", ((self._row_html(name, i, row),) for i, row in enumerate(rows)))
        return format_html(
            '<table class="parameters-editor" id="id_{}"><thead><tr><th>Name</th><th>Kind</th><th>Min</th><th>Max</th>'
            "<th>Choices (comma-separated)</th></tr></thead><tbody>{}</tbody></table>"
            '<input type="hidden" name="{}-rows" value="{}">'
            '<p class="help">An int takes every whole number from min to max; a choice takes one of its choices. '
            "Use them in the program as {{{{ name }}}} or {{% if name == \"first\" %}}...{{% endif %}}. "
            "Blank a name to remove its row; save to get more empty rows.</p>",
            name, body, name, len(rows),
        )

    @staticmethod
    def _row(param: Any) -> dict[str, str]:
        if not isinstance(param, dict):
            return {"name": "", "kind": "int", "min": "", "max": "", "choices": ""}
        choices = param.get("choices")
        return {
            "name": str(param.get("name", "")), "kind": str(param.get("kind", "int")),
            "min": "" if param.get("min") is None else str(param.get("min")),
            "max": "" if param.get("max") is None else str(param.get("max")),
            "choices": format_choices(choices) if isinstance(choices, list) else "",
        }

    @staticmethod
    def _row_html(name: str, i: int, row: dict[str, str]) -> str:
        prefix = f"{name}-{i}"
        kind = row.get("kind", "int")
        options = format_html_join(
            "", '<option value="{}"{}>{}</option>',
            ((k, " selected" if k == kind else "", k) for k in variants.KINDS),
        )
        return format_html(
            '<tr><td><input type="text" name="{}-name" value="{}" size="14" aria-label="Name of parameter {}"></td>'
            '<td><select name="{}-kind" aria-label="Kind of parameter {}">{}</select></td>'
            '<td><input type="text" name="{}-min" value="{}" size="5" aria-label="Min of parameter {}"></td>'
            '<td><input type="text" name="{}-max" value="{}" size="5" aria-label="Max of parameter {}"></td>'
            '<td><input type="text" name="{}-choices" value="{}" size="40" aria-label="Choices of parameter {}"></td></tr>',
            prefix, row.get("name", ""), i + 1, prefix, i + 1, options,
            prefix, row.get("min", ""), i + 1, prefix, row.get("max", ""), i + 1,
            prefix, row.get("choices", ""), i + 1,
        )


ROW_FIELDS = {"name", "kind", "min", "max", "choices"}


def _is_raw_rows(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(r, dict) and set(r) == ROW_FIELDS and all(isinstance(v, str) for v in r.values()) for r in value
    ) and bool(value)


def _whole(text: str, what: str, row: str) -> int:
    if not INT_RE.fullmatch(text):
        raise ValidationError(f"{row}: {what} must be a whole number, not {text!r}." if text else f"{row}: {what} is missing.")
    return int(text)


def _param_from_row(index: int, row: dict[str, str]) -> dict[str, Any]:
    label = f'Row {index + 1} ("{row["name"]}")'
    if row["kind"] == "int":
        if row["choices"]:
            raise ValidationError(f"{label}: an int parameter takes min and max, not choices.")
        return {"name": row["name"], "kind": "int", "min": _whole(row["min"], "min", label),
                "max": _whole(row["max"], "max", label)}
    if row["kind"] == "choice":
        if row["min"] or row["max"]:
            raise ValidationError(f"{label}: a choice parameter takes choices, not min and max.")
        try:
            choices = parse_choices(row["choices"])
        except ChoicesSyntaxError as exc:
            raise ValidationError(f"{label}: in the choices, {exc}") from exc
        return {"name": row["name"], "kind": "choice", "choices": choices}
    raise ValidationError(f'{label}: kind must be "int" or "choice".')


class ParametersField(forms.Field):
    widget = ParametersWidget

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[dict[str, Any]]:
        if value is None:
            return []
        if _is_raw_rows(value):
            errors, params = [], []
            for index, row in enumerate(value):
                if not row["name"]:
                    continue  # a blank row, or a row being removed
                try:
                    params.append(_param_from_row(index, row))
                except ValidationError as exc:
                    errors.extend(exc.messages)
            problems = errors + variants.spec_errors(params)
            if problems:
                raise ValidationError(problems)
            return params
        problems = variants.spec_errors(value)
        if problems:
            raise ValidationError(problems)
        return list(value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != (initial or [])
        except ValidationError:
            return True
