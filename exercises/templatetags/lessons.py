"""Lesson text: Markdown written by teachers, rendered to HTML and then sanitised with nh3."""

from __future__ import annotations

import markdown as md
import nh3
from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_EXTENSIONS = ["fenced_code", "tables", "sane_lists"]
_ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "kbd", "sup", "sub",
}


def render_markdown(text: str) -> str:
    """Markdown to HTML that is safe to embed: scripts, styles, event handlers and odd URLs are removed."""
    html = md.markdown(text or "", extensions=_EXTENSIONS, output_format="html")
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "code": {"class"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3 above
