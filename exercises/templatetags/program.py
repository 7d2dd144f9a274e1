"""Render a JavaScript program as a highlighted listing with allocation-site labels.

Pygments tokenises the program; we lay the tokens out line by line ourselves so that a site
label (A, B, C...) can be placed before the exact column where its syntax starts (columns are
1-based and counted in UTF-16 code units, as the engine counts them) and checkpoint lines can
be marked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from pygments import lex
from pygments.lexers import JavascriptLexer
from pygments.token import STANDARD_TYPES, _TokenType

register = template.Library()

Segment = tuple[str, str]  # (css class, text)


@dataclass(frozen=True)
class ListingLine:
    number: int
    html: SafeString
    checkpoints: tuple[str, ...]


def _css_class(ttype: _TokenType) -> str:
    while ttype not in STANDARD_TYPES:
        ttype = ttype.parent
    return STANDARD_TYPES[ttype]


def _segments_by_line(source: str) -> list[list[Segment]]:
    lexer = JavascriptLexer(stripnl=False, stripall=False, ensurenl=False)
    lines: list[list[Segment]] = [[]]
    for ttype, value in lex(source, lexer):
        css = _css_class(ttype)
        for index, part in enumerate(value.split("\n")):
            if index:
                lines.append([])
            if part:
                lines[-1].append((css, part))
    return lines


def _utf16_width(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def _span(css: str, text: str) -> str:
    if not text:
        return ""
    if not css:
        return str(escape(text))
    return f'<span class="{css}">{escape(text)}</span>'


def _badge(label: str) -> str:
    return str(
        format_html(
            '<span class="site-label" title="allocation site {}">'
            '<span class="visually-hidden">allocation site </span>{}</span>',
            label,
            label,
        )
    )


def _render_line(segments: Iterable[Segment], labels: Mapping[int, str]) -> str:
    pending = dict(labels)
    out: list[str] = []
    column = 1
    for css, text in segments:
        start = 0
        for index, char in enumerate(text):
            if column in pending:
                out.append(_span(css, text[start:index]))
                out.append(_badge(pending.pop(column)))
                start = index
            column += _utf16_width(char)
        out.append(_span(css, text[start:]))
    # A site past the end of the text (should not happen) is still shown, at the end.
    out.extend(_badge(label) for _, label in sorted(pending.items()))
    return "".join(out)


def program_lines(
    source: str,
    *,
    site_labels: Mapping[tuple[int, int], str] | None = None,
    checkpoint_lines: Mapping[int, Iterable[str]] | None = None,
) -> list[ListingLine]:
    """The listing of `source`, one entry per line, with labels at (line, column) positions."""
    normalised = source.replace("\r\n", "\n").replace("\r", "\n")
    by_line: dict[int, dict[int, str]] = {}
    for (line, column), label in (site_labels or {}).items():
        by_line.setdefault(line, {})[column] = label
    checkpoints = checkpoint_lines or {}
    return [
        ListingLine(
            number=number,
            html=mark_safe(_render_line(segments, by_line.get(number, {}))),  # noqa: S308 - every piece is escaped
            checkpoints=tuple(checkpoints.get(number, ())),
        )
        for number, segments in enumerate(_segments_by_line(normalised), start=1)
    ]


@register.inclusion_tag("exercises/_program.html")
def program_listing(
    source: str,
    site_labels: Mapping[tuple[int, int], str] | None = None,
    checkpoint_lines: Mapping[int, Iterable[str]] | None = None,
    listing_id: str = "program",
) -> dict[str, object]:
    lines = program_lines(source, site_labels=site_labels, checkpoint_lines=checkpoint_lines)
    if lines and not lines[-1].html and len(lines) > 1:
        lines = lines[:-1]  # the newline that ends the file does not start a line
    return {"lines": lines, "listing_id": listing_id}
