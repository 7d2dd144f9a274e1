"""memview in Chromium: the player and the static diagram mounted on a static page (tests/js/harness.py) with the
hand-written timeline of tests/js/fixtures.js; every check reads the page's own DOM through the stable hooks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from harness import write_harness

from tests.browser import chromium

HERE = Path(__file__).resolve().parent
SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp"))
LABELS = {"7:9#1": "A", "8:9#1": "B", "3:10#1": "C", "1:1#1": "F"}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def fixture_trace() -> dict[str, Any]:
    node = shutil.which("node")
    assert node, "node is not on PATH"
    script = "const f = require('./fixtures.js'); console.log(JSON.stringify({trace: f.closureCycleTrace(), source: f.closureCycleSource}))"
    out = subprocess.run([node, "-e", script], cwd=HERE, capture_output=True, text=True, check=True).stdout
    data: dict[str, Any] = json.loads(out)
    return data


def open_page(browser: Any, tmp_path: Path, trace: dict[str, Any], source: str, script: str) -> Any:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(write_harness(tmp_path, trace, source, script).as_uri())
    assert not errors, f"JavaScript errors on the page: {errors}"
    page.memview_errors = errors
    return page


def mount_script(options: str = "") -> str:
    return (
        "window.PLAYER = MemView.mount(document.getElementById('player'), "
        f"Object.assign({{trace: TRACE, source: SOURCE, labels: {json.dumps(LABELS)}}}, {{{options}}}));"
    )


def classes_of(page: Any, key: str) -> list[str]:
    return list(page.get_attribute(f'[data-mv-object="{key}"]', "class").split())


def test_the_player_shows_a_checkpoint_with_arrows_scopes_and_garbage(browser: Any, tmp_path: Path, fixture_trace: Any) -> None:
    page = open_page(browser, tmp_path, fixture_trace["trace"], fixture_trace["source"], mount_script("start: {checkpoint: 0}"))
    assert page.inner_text(".mv-player .mv-status") == "Step 12 of 18, line 11"
    assert page.get_attribute(".mv-status", "aria-live") == "polite"
    assert page.inner_text(".mv-code .mv-current-line").strip().endswith('checkpoint("before");')
    assert page.input_value("select.mv-checkpoints") == "0"
    assert "mv-garbage" in classes_of(page, "7:9#1") and "mv-garbage" in classes_of(page, "8:9#1")
    assert "mv-garbage" not in classes_of(page, "3:10#1")
    assert page.get_attribute('[data-mv-object="@2"]', "data-mv-kind") == "scope"
    arrows = page.eval_on_selector_all("[data-mv-arrow]", "els => els.map(e => e.dataset.from + '>' + e.dataset.to)")
    assert {"frame:0:c>3:10#1", "3:10#1>@2", "7:9#1>8:9#1", "8:9#1>7:9#1"} <= set(arrows)
    assert page.locator("[data-mv-frame='0']").count() == 1
    tables = page.locator("table.mv-table")
    assert tables.count() == 2
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "memview-player-checkpoint.png"), full_page=True)


def test_the_text_table_lists_frames_variables_and_objects(browser: Any, tmp_path: Path, fixture_trace: Any) -> None:
    page = open_page(browser, tmp_path, fixture_trace["trace"], fixture_trace["source"], mount_script("start: {checkpoint: 0}"))
    frames = page.eval_on_selector_all("table.mv-table-frames tbody tr", "rows => rows.map(r => r.innerText)")
    assert any("c" in row and "→ C" in row for row in frames)
    objects = {r["key"]: r["text"] for r in page.eval_on_selector_all(
        "table.mv-table-objects tbody tr", "rows => rows.map(r => ({key: r.dataset.key, text: r.textContent}))")}
    assert "garbage" in objects["7:9#1"] and "reachable" in objects["3:10#1"]
    assert "other: → B" in objects["7:9#1"]


def test_clicking_or_pressing_enter_on_an_object_shows_why_it_is_alive(browser: Any, tmp_path: Path, fixture_trace: Any) -> None:
    page = open_page(browser, tmp_path, fixture_trace["trace"], fixture_trace["source"], mount_script("start: {checkpoint: 0}"))
    page.click('[data-mv-object="@2"]')
    hops = page.eval_on_selector_all(".mv-path li", "els => els.map(e => e.textContent)")
    assert hops == ['frame "<global>" · variable c', "C [[Scope]]", "scope 1"]
    page.focus('[data-mv-object="8:9#1"]')
    page.keyboard.press("Enter")
    assert "B is garbage" in page.inner_text(".mv-why")
    assert page.locator(".mv-path").count() == 0


def test_stepping_to_the_gc_shows_freed_objects_and_the_output_grows(browser: Any, tmp_path: Path, fixture_trace: Any) -> None:
    page = open_page(browser, tmp_path, fixture_trace["trace"], fixture_trace["source"], mount_script("start: {checkpoint: 0}"))
    page.click("button[aria-label='Next step']")
    page.click("button[aria-label='Next step']")
    assert page.inner_text(".mv-status") == "Step 14 of 18, line 12"
    assert "mv-freed" in classes_of(page, "7:9#1") and "mv-freed" in classes_of(page, "8:9#1")
    assert "frees 2 objects" in page.inner_text(".mv-event")
    page.click("button[aria-label='Next step']")
    assert page.locator('[data-mv-object="7:9#1"]').count() == 0
    assert page.inner_text(".mv-output") == ""
    page.press(".mv-player", "End")
    assert page.inner_text(".mv-output") == "done"
    assert page.is_disabled("button[aria-label='Next step']")


def test_the_keyboard_the_slider_and_the_checkpoint_select_move_the_player(browser: Any, tmp_path: Path, fixture_trace: Any) -> None:
    page = open_page(browser, tmp_path, fixture_trace["trace"], fixture_trace["source"], mount_script())
    assert page.inner_text(".mv-status") == "Step 1 of 18, line 5"
    page.focus("button[aria-label='Next step']")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("PLAYER.step") == 2
    page.keyboard.press("End")
    assert page.evaluate("PLAYER.step") == 17
    page.keyboard.press("Home")
    assert page.evaluate("PLAYER.step") == 0
    page.keyboard.press("PageDown")
    assert page.evaluate("PLAYER.step") == 11
    page.select_option("select.mv-checkpoints", "1")
    assert page.evaluate("PLAYER.step") == 15
    page.fill("input[type=range].mv-slider", "3")
    page.wait_for_function("PLAYER.step === 3")
    assert page.inner_text(".mv-status") == "Step 4 of 18, line 6"


def test_the_reference_counting_view_shows_counts_and_leaked_cycles(browser: Any, tmp_path: Path, fixture_trace: Any) -> None:
    page = open_page(browser, tmp_path, fixture_trace["trace"], fixture_trace["source"], mount_script("start: {checkpoint: 0}"))
    assert page.locator(".mv-rc").count() == 0
    page.check("input[name=mv-view][value=rc]")
    badges = page.eval_on_selector_all(
        "[data-mv-object]", "els => Object.fromEntries(els.map(e => [e.dataset.mvObject, e.querySelector('.mv-rc').textContent]))")
    assert badges["@2"] == "rc 1" and badges["7:9#1"] == "rc 1"
    assert "mv-leaked" in classes_of(page, "7:9#1") and "mv-leaked" in classes_of(page, "8:9#1")
    assert "mv-leaked" not in classes_of(page, "3:10#1")
    page.screenshot(path=str(SCREENSHOTS / "memview-player-refcount.png"), full_page=True)


def test_marks_show_at_their_checkpoint_only(browser: Any, tmp_path: Path, fixture_trace: Any) -> None:
    marks = {"objects": {"7:9#1": {"kind": "extra", "note": "You said reachable; it is garbage"},
                         "3:10#1": {"kind": "missing", "note": "You left it out; it is reachable"}}}
    page = open_page(browser, tmp_path, fixture_trace["trace"], fixture_trace["source"],
                     mount_script(f"start: {{checkpoint: 0}}, markCheckpoint: 0, marks: {json.dumps(marks)}"))
    assert "mv-mark-extra" in classes_of(page, "7:9#1")
    assert "mv-mark-missing" in classes_of(page, "3:10#1")
    assert "You said reachable" in page.get_attribute('[data-mv-object="7:9#1"]', "aria-label")
    assert "You said reachable" in page.text_content("table.mv-table-objects tr[data-key='7:9#1']")
    page.evaluate("PLAYER.goToCheckpoint(1)")
    assert page.locator(".mv-mark-missing").count() == 0


def test_a_run_that_hit_a_limit_says_which_and_a_truncated_timeline_says_so(browser: Any, tmp_path: Path, fixture_trace: Any) -> None:
    trace = dict(fixture_trace["trace"])
    trace["error"] = {"name": "LimitExceeded", "message": "The program ran more than 1,000,000 steps.", "line": 9}
    trace["steps_truncated"] = True
    trace["steps_truncated_reason"] = "The timeline stops after 200,000 steps."
    page = open_page(browser, tmp_path, trace, fixture_trace["source"], mount_script())
    banners = page.eval_on_selector_all(".mv-limit", "els => els.map(e => e.textContent)")
    assert any("1,000,000 steps" in b for b in banners)
    assert any("200,000 steps" in b for b in banners)


def test_without_steps_the_player_steps_through_checkpoints(browser: Any, tmp_path: Path, fixture_trace: Any) -> None:
    trace = {k: v for k, v in fixture_trace["trace"].items() if k != "steps"}
    page = open_page(browser, tmp_path, trace, fixture_trace["source"], mount_script())
    assert page.inner_text(".mv-status") == "Checkpoint 1 of 2, line 11"
    assert "mv-garbage" in classes_of(page, "7:9#1")
    page.click("button[aria-label='Next step']")
    assert page.inner_text(".mv-status") == "Checkpoint 2 of 2, line 13"


def test_mount_diagram_draws_one_checkpoint_with_its_table(browser: Any, tmp_path: Path, fixture_trace: Any) -> None:
    script = (f"MemView.mountDiagram(document.getElementById('diagram'), {{trace: TRACE, checkpoint: 0, labels: {json.dumps(LABELS)}, "
              "marks: {objects: {'8:9#1': {kind: 'extra', note: 'not reachable'}}}});")
    page = open_page(browser, tmp_path, fixture_trace["trace"], fixture_trace["source"], script)
    assert page.locator("#diagram .mv-player").count() == 0
    assert "mv-garbage" in classes_of(page, "8:9#1") and "mv-mark-extra" in classes_of(page, "8:9#1")
    assert page.locator("#diagram table.mv-table").count() == 2
    assert page.locator("#diagram [data-mv-arrow][data-from='3:10#1'][data-to='@2']").count() == 1


def test_destroy_removes_the_player(browser: Any, tmp_path: Path, fixture_trace: Any) -> None:
    page = open_page(browser, tmp_path, fixture_trace["trace"], fixture_trace["source"], mount_script())
    page.evaluate("PLAYER.destroy()")
    assert page.locator(".mv-player").count() == 0


def test_a_step_without_a_recorded_heap_shows_the_frames_and_says_why(browser: Any, tmp_path: Path, fixture_trace: Any) -> None:
    trace = json.loads(json.dumps(fixture_trace["trace"]))
    trace["steps"][8] = {"line": 10, "heap_omitted": True}
    page = open_page(browser, tmp_path, trace, fixture_trace["source"], mount_script("start: {step: 9}"))
    assert "only the frames are shown" in page.inner_text(".mv-diagram")
    assert page.locator("[data-mv-object]").count() == 0
    assert page.locator("[data-mv-frame='0']").count() == 1


# ---------------------------------------------------------------- the event loop (docs/event-loop.md)
ENGINE_PROGRAMS = HERE.parent / "engine" / "timeline_programs"


def engine_trace(name: str) -> tuple[dict[str, Any], str]:
    from engine.api import trace

    source = (ENGINE_PROGRAMS / f"{name}.js").read_text(encoding="utf-8")
    return trace(source, steps=True).to_json(), source


@pytest.fixture(scope="module")
def async_trace() -> tuple[dict[str, Any], str]:
    return engine_trace("async_tasks_and_generators")


def loop_rows(page: Any, kind: str) -> list[str]:
    return list(page.eval_on_selector_all(f"[data-mv-loop='{kind}'] .mv-name", "els => els.map(e => e.textContent)"))


def test_the_loop_panel_shows_the_timers_immediates_and_microtasks_with_arrows_into_the_heap(
        browser: Any, tmp_path: Path, async_trace: Any) -> None:
    trace, source = async_trace
    script_end = next(k for k, e in enumerate(trace["steps"]) if e.get("event") == "script_end")
    page = open_page(browser, tmp_path, trace, source, mount_script(f"start: {{step: {script_end}}}"))
    assert page.inner_text(".mv-task").startswith("Running: the script · now 0 ms · task 1 of ")
    assert "The script has finished; the event loop now runs what it queued." in page.inner_text(".mv-event")
    assert loop_rows(page, "timers") == ["1. timeout at 1 ms", "↳ callback", "2. timeout at 10 ms", "↳ callback"]
    assert loop_rows(page, "immediates") == ["1. immediate", "↳ callback"]
    jobs = loop_rows(page, "microtasks")
    assert jobs[0] == "1. then callback" and "2. queueMicrotask callback" in jobs and "↳ argument" in jobs
    loop = next(e["loop"] for e in reversed(trace["steps"][:script_end + 1]) if "loop" in e)
    first = loop["timers"][0]
    arrows = set(page.eval_on_selector_all("[data-mv-arrow]", "els => els.map(e => e.dataset.from + '>' + e.dataset.to)"))
    assert f"loop:timers.0>{first['timer']['ref']}" in arrows
    assert f"loop:timers.0.callback>{first['callback']['site']}" in arrows
    assert f"loop:microtasks.0.callback>{loop['microtasks'][0]['callback']['site']}" in arrows
    assert page.get_attribute(f"[data-mv-object='{first['timer']['ref']}']", "data-mv-kind") == "timer"
    text = page.text_content("table.mv-table-loop")
    assert "Runningthe script" in text.replace("\n", "")
    assert "Timer 1timeout due at 1 ms" in text and "Timer 2timeout due at 10 ms" in text
    assert "Immediate 1" in text and "Microtask 1then callback" in text and "Microtask 2queueMicrotask callback" in text
    assert "the event loop under it (running: the script)" in page.get_attribute(".mv-svg", "aria-label")
    page.focus(f"[data-mv-object='{first['timer']['ref']}']")
    page.keyboard.press("Enter")
    hops = page.eval_on_selector_all(".mv-path li", "els => els.map(e => e.textContent)")
    assert hops[0] == "the event loop · timer 1 (timeout, due at 1 ms)"
    highlighted = page.eval_on_selector_all(".mv-highlight", "els => els.map(e => e.dataset.from + '>' + e.dataset.to)")
    assert highlighted == [f"loop:timers.0>{first['timer']['ref']}"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "memview-player-event-loop.png"), full_page=True)


def test_the_player_steps_through_tasks_and_shows_which_one_runs(browser: Any, tmp_path: Path, async_trace: Any) -> None:
    trace, source = async_trace
    page = open_page(browser, tmp_path, trace, source, mount_script())
    assert page.is_disabled("button[aria-label='Previous task']")
    page.click("button[aria-label='Next task']")
    assert page.inner_text(".mv-task").startswith("Running: then callback → 5:25#1 · now 0 ms · task 2 of ")
    assert "running then callback → 5:25#1" in page.inner_text(".mv-status")
    assert "mv-running" in page.get_attribute("[data-mv-loop='task']", "class")
    assert "mv-running" in classes_of(page, "5:25#1")
    assert page.locator("[data-mv-frame='0'].mv-globals").count() == 1
    assert page.text_content("[data-mv-frame='0'] .mv-title") == "globals · script finished"
    page.click("button[aria-label='Next task']")
    page.click("button[aria-label='Next task']")
    assert page.inner_text(".mv-task").startswith("Running: await resume → async f")
    options = page.eval_on_selector_all("select.mv-tasks option", "els => els.map(e => e.textContent)")
    timeout = next(i for i, text in enumerate(options) if "timeout → 2:12#1" in text)
    page.select_option("select.mv-tasks", str(timeout - 1))
    assert page.inner_text(".mv-task").startswith("Running: timeout → 2:12#1 · now 10 ms")
    assert page.text_content("[data-mv-loop='task'] .mv-subtitle") == "running: timeout → 2:12#1"
    page.click("button[aria-label='Previous task']")
    assert page.inner_text(".mv-task").startswith("Running: timeout → 3:12#1 · now 1 ms")
    page.press(".mv-player", "End")
    assert page.inner_text(".mv-task").startswith("Event loop: nothing: the event loop is empty")
    assert "The event loop is empty: the program has finished." in page.inner_text(".mv-event")
    page.press(".mv-player", "[")
    assert page.inner_text(".mv-task").startswith("Running: timeout → 2:12#1")


def test_suspended_coroutines_are_nodes_with_their_variables_and_the_text_says_what_they_keep(
        browser: Any, tmp_path: Path) -> None:
    trace, source = engine_trace("async_pending_forever")
    page = open_page(browser, tmp_path, trace, source, mount_script("start: {checkpoint: 0}"))
    activation = page.eval_on_selector_all(
        "[data-mv-kind='generator']", "els => els.map(e => ({key: e.dataset.mvObject, label: e.getAttribute('aria-label'), "
        "rows: Array.from(e.querySelectorAll('.mv-name')).map(n => n.textContent)}))")
    kept = [a for a in activation if "async function waitOnKept" in a["label"]]
    assert kept and kept[0]["rows"][:4] == ["state", "function", "held", "awaiting"]
    assert "mv-generator" in classes_of(page, kept[0]["key"])
    suspended = page.eval_on_selector_all("table.mv-table-loop tbody tr", "rows => rows.map(r => r.textContent)")
    row = next(r for r in suspended if r.startswith("Suspended") and "waitOnKept" in r)
    assert "awaiting at line 10" in row and "awaits 7:12#1" in row and "keeps held = → 9:16#1" in row
    assert any(r.startswith("Runningtimeout →") for r in suspended)
    promise = page.get_attribute("[data-mv-object='7:12#1']", "aria-label")
    assert promise.startswith("7:12#1, Promise · pending, reachable")


def test_a_static_diagram_of_a_checkpoint_after_the_script_draws_the_globals_and_the_loop(
        browser: Any, tmp_path: Path) -> None:
    trace, source = engine_trace("timers_generators_interval_cache")
    tick = next(i for i, cp in enumerate(trace["checkpoints"]) if cp["name"] == "tick")
    # Feedback marks count depths on the checkpoint's own stack (the callback's frame is 0 there): drawn one up.
    marks = {"frames": {"0": {"kind": "wrong", "note": "You said tick here"}}, "variables": {"0.x": {"kind": "wrong", "note": "no x"}}}
    script = (f"MemView.mountDiagram(document.getElementById('diagram'), {{trace: TRACE, checkpoint: {tick}, "
              f"marks: {json.dumps(marks)}}});")
    page = open_page(browser, tmp_path, trace, source, script)
    assert page.locator("#diagram [data-mv-frame='0'].mv-globals").count() == 1
    assert "mv-mark-wrong" in page.get_attribute("#diagram [data-mv-frame='1']", "class")
    assert "mv-mark-wrong" not in page.get_attribute("#diagram [data-mv-frame='0']", "class")
    frames = page.eval_on_selector_all("#diagram table.mv-table-frames tbody tr", "rows => rows.map(r => r.textContent)")
    assert any(r.startswith("globals of the finished script (not on the stack)") for r in frames)
    assert page.text_content("#diagram [data-mv-frame='0'] .mv-subtitle") == "off the stack; its variables live on"
    assert page.text_content("#diagram [data-mv-frame='1'] .mv-title").startswith("<anonymous>")
    assert page.text_content("#diagram [data-mv-loop='task'] .mv-title") == "Event loop · now 20 ms"
    assert loop_rows(page, "timers")[0] == "1. timeout at 50 ms"
    assert "Timer 1timeout due at 50 ms" in page.text_content("#diagram table.mv-table-loop")
