"""The admin's preview of memory at each checkpoint of an exercise's current version, drawn in the page by the
memview library (exercises/static/exercises/js/admin_preview.js) with the same labels students see."""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html, format_html_join, json_script

from exercises import selectors
from exercises.models import ExerciseVersion
from exercises.page_context import player_payload

STEPS_FIELDS = ("steps", "steps_version", "steps_truncated", "steps_truncated_reason")


def preview_payload(version: ExerciseVersion) -> dict[str, Any]:
    """The run without its step timeline (a diagram per checkpoint needs only the checkpoints): smaller pages."""
    payload = player_payload(version.program, version.trace or {}, selectors.version_labeler(version=version))
    payload["trace"] = {k: v for k, v in payload["trace"].items() if k not in STEPS_FIELDS}
    return payload


def memory_preview_html(version: ExerciseVersion | None) -> str:
    if version is None or not version.trace:
        return "Save a program that runs to preview its memory here."
    checkpoints = version.trace.get("checkpoints", [])
    if not checkpoints:
        return 'The program reaches no checkpoint("...") call, so there is no memory to preview.'
    element_id = f"memory-preview-{version.pk}"
    total = len(checkpoints)
    figures = format_html_join(
        "",
        '<figure class="preview-checkpoint" data-preview-checkpoint="{}" aria-labelledby="{}-{}">'
        '<figcaption id="{}-{}">Checkpoint “{}” at line {} ({} of {})</figcaption>'
        '<div class="preview-diagram" data-preview-diagram>Loading the diagram…</div></figure>',
        ((i, element_id, i, element_id, i, cp.get("name"), cp.get("line"), i + 1, total)
         for i, cp in enumerate(checkpoints)),
    )
    return format_html(
        '<div class="memory-preview" data-memory-preview="{}">{}{}</div>',
        element_id, json_script(preview_payload(version), element_id), figures,
    )
