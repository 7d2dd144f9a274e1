"""{% memview_assets %}: the <link> and <script> tags of the memview library (exercises/static/exercises/js/memview/),
in dependency order, for any page that shows the memory diagram or the player.

The library is a set of plain scripts, each adding a part to window.MemView from the parts it `require`s (the same
files load in node for its tests). The order is read from those require("./x.js") calls, so adding a file to the
library needs no change here; the file that mounts the player (the one no other file requires and that requires
others) comes after its dependencies by the same rule."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

LIBRARY = Path(__file__).resolve().parent.parent / "static" / "exercises" / "js" / "memview"
STATIC_PREFIX = "exercises/js/memview/"
STYLESHEET = "exercises/css/memview.css"
REQUIRE = re.compile(r"""require\(\s*["']\./([\w.-]+\.js)["']\s*\)""")


def script_order(sources: dict[str, str]) -> list[str]:
    """File names ordered so that each comes after the files it requires (alphabetical among equals); a require of
    a file that does not exist, or a cycle, is ignored rather than dropping a file."""
    needs = {name: sorted(set(REQUIRE.findall(text)) & set(sources) - {name}) for name, text in sources.items()}
    order: list[str] = []
    placed: set[str] = set()

    def place(name: str, visiting: frozenset[str]) -> None:
        if name in placed or name in visiting:
            return
        for dependency in needs[name]:
            place(dependency, visiting | {name})
        placed.add(name)
        order.append(name)

    for name in sorted(sources):
        place(name, frozenset())
    return order


def _library_files() -> list[str]:
    if not LIBRARY.is_dir():
        return []
    sources = {path.name: path.read_text(encoding="utf-8") for path in sorted(LIBRARY.glob("*.js"))}
    return script_order(sources)


_cached_library_files = lru_cache(maxsize=1)(_library_files)


def memview_scripts() -> list[str]:
    """The library's static paths ("exercises/js/memview/values.js", ...), in the order they must load."""
    names = _library_files() if settings.DEBUG else _cached_library_files()
    return [STATIC_PREFIX + name for name in names]


@register.simple_tag
def memview_assets() -> SafeString:
    scripts = format_html_join("\n", '<script src="{}" defer></script>', ((static(path),) for path in memview_scripts()))
    return format_html('<link rel="stylesheet" href="{}">\n{}', static(STYLESHEET), scripts)
