"""Filters of the statistics pages: figures as people read them, with "n/a" for what cannot be computed."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def percent(value: Any) -> str:
    """0.4567 -> "46%"; None -> "n/a"."""
    if value is None or value == "":
        return "n/a"
    return f"{float(value):.0%}"


@register.filter
def signed(value: Any) -> str:
    """A correlation as "0.42" or "−0.17"; None -> "n/a"."""
    if value is None:
        return "n/a"
    return f"{float(value):.2f}".replace("-", "−")


@register.filter
def ticks(text: Any) -> str:
    """Escape the text, then show `quoted` names as code: the mistake labels quote names that way."""
    parts = str(text).split("`")
    out = [escape(part) if i % 2 == 0 else f"<code>{escape(part)}</code>" for i, part in enumerate(parts)]
    if len(parts) % 2 == 0:  # an unpaired backtick: keep it as written
        out[-1] = "`" + escape(parts[-1])
    return mark_safe("".join(out))  # every piece is escaped above
