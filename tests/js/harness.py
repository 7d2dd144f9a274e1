"""A static page that loads memview from the source tree (no server, no build): for the browser tests and
bench/render_bench.py. The page defines `window.TRACE` and `window.SOURCE` and runs `script` after memview loads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "exercises" / "static" / "exercises"
MODULES = ["values", "timeline", "analysis", "layout", "render", "player"]


def harness_html(trace: dict[str, Any], source: str, script: str = "", extra_head: str = "") -> str:
    tags = "\n".join(f'<script src="{(STATIC / "js" / "memview" / (m + ".js")).as_uri()}"></script>' for m in MODULES)
    data = _script_json(trace)
    text = _script_json(source)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>memview harness</title>
<link rel="stylesheet" href="{(STATIC / "css" / "app.css").as_uri()}">
<link rel="stylesheet" href="{(STATIC / "css" / "memview.css").as_uri()}">
{extra_head}</head>
<body><main style="padding:16px"><div id="player"></div><div id="diagram"></div></main>
<script>window.TRACE = {data}; window.SOURCE = {text};</script>
{tags}
<script>{script}</script>
</body></html>
"""


def _script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element."""
    return json.dumps(value).replace("</", "<\\/")


def write_harness(directory: Path, trace: dict[str, Any], source: str, script: str = "") -> Path:
    path = directory / "harness.html"
    path.write_text(harness_html(trace, source, script), encoding="utf-8")
    return path
