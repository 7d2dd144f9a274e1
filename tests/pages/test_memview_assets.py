"""{% memview_assets %} loads the memview library's scripts in the order their require() calls need."""

from __future__ import annotations

from django.template import Context, Template

from exercises.templatetags.memview import script_order


def test_each_file_comes_after_the_files_it_requires() -> None:
    sources = {
        "player.js": 'require("./timeline.js"), require("./render.js")',
        "render.js": 'require("./values.js"); require("./layout.js")',
        "layout.js": "require('./values.js')",
        "timeline.js": "",
        "values.js": "",
    }
    order = script_order(sources)
    assert sorted(order) == sorted(sources)
    for name, text in sources.items():
        for dependency in ("timeline.js", "render.js", "values.js", "layout.js"):
            if f"./{dependency}" in text:
                assert order.index(dependency) < order.index(name), (dependency, name)


def test_a_cycle_or_a_missing_file_drops_nothing() -> None:
    order = script_order({"a.js": 'require("./b.js")', "b.js": 'require("./a.js") require("./gone.js")'})
    assert sorted(order) == ["a.js", "b.js"]


def test_the_tag_writes_the_stylesheet_and_deferred_scripts() -> None:
    html = Template("{% load memview %}{% memview_assets %}").render(Context())
    assert '<link rel="stylesheet" href="/static/exercises/css/memview.css">' in html
    assert html.count("<script ") == html.count(" defer></script>")
