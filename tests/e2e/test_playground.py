"""A visitor (no login) opens the playground, runs a program with a closure and a gc(), steps to the checkpoints
and checks the memory diagram from the page itself: objects, arrows, the closure's scope, garbage and freed
objects; then saves a permalink and opens it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import readme_screenshot, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

# Sites: makeCounter A (1:1), the object B (3:15), increment C (4:3), report D (5:3), temp E (10:12).
PROGRAM = """function makeCounter() {
  let count = 0;
  const big = { data: "a large buffer" };
  function increment() { count += 1; return count; }
  function report() { return big.data; }
  return increment;
}
let counter = makeCounter();
counter();
let temp = { name: "temp" };
temp = null;
checkpoint("before-gc");
gc();
checkpoint("after-gc");
"""


def key_of(page: Any, label: str) -> str:
    """The heap key of the object the diagram labels `label` (from the run the page holds)."""
    return str(page.evaluate("""(label) => {
        const node = [...document.querySelectorAll('.mv-player [data-mv-object]')]
            .find((n) => n.textContent.includes(label));
        return node ? node.getAttribute('data-mv-object') : null;
    }""", label))


def go_to_checkpoint(page: Any, name: str) -> None:
    select = page.locator("select.mv-checkpoints")
    option = select.locator("option", has_text=name).first
    select.select_option(value=option.get_attribute("value"))


def test_a_visitor_runs_a_closure_and_a_gc_and_sees_scopes_arrows_garbage_and_freed_objects(
    page: Any, live_server: Any
) -> None:
    page.goto(f"{live_server.url}/playground/")
    editor = page.get_by_label("Your program")
    editor.fill(PROGRAM)
    editor.press("Control+Enter")  # the keyboard runs it
    page.locator(".mv-player").wait_for()
    assert "Ran:" in page.locator("[data-status]").inner_text()

    go_to_checkpoint(page, "before-gc")
    player = page.locator(".mv-player")
    player.locator(".mv-code .mv-current-line", has_text='checkpoint("before-gc")').wait_for()
    objects = player.locator("[data-mv-object]")
    keys = set(objects.evaluate_all("nodes => nodes.map(n => n.getAttribute('data-mv-object'))"))
    assert {"3:15#1", "4:3#1", "5:3#1", "10:12#1"} <= keys
    # the closure's scope is a node of its own; increment points to it and it points to big
    scope = player.locator("[data-mv-kind=scope]").first
    scope_key = scope.get_attribute("data-mv-object")
    assert player.locator(f'[data-mv-arrow][data-from="4:3#1"][data-to="{scope_key}"]').count() == 1
    assert player.locator(f'[data-mv-arrow][data-from="{scope_key}"][data-to="3:15#1"]').count() == 1
    # report (D) and temp (E) are garbage, greyed but still drawn; big (B) is kept alive by the shared scope
    assert "mv-garbage" in (player.locator('[data-mv-object="10:12#1"]').get_attribute("class") or "")
    assert "mv-garbage" in (player.locator('[data-mv-object="5:3#1"]').get_attribute("class") or "")
    assert "mv-garbage" not in (player.locator('[data-mv-object="3:15#1"]').get_attribute("class") or "")
    # the text alternative lists the same objects
    assert player.locator("table.mv-table").count() >= 1
    assert player.get_by_role("table").count() >= 1  # in the accessibility tree, though visually hidden
    screenshot(page, "playground-garbage")

    # step forward to the gc() on the next line: the garbage is shown freed there
    freed = player.locator("[data-mv-object].mv-freed")
    for _ in range(4):
        if freed.count():
            break
        page.get_by_role("button", name="Next step").click()
    player.locator(".mv-code .mv-current-line", has_text="gc();").wait_for()
    freed_keys = set(freed.evaluate_all("nodes => nodes.map(n => n.getAttribute('data-mv-object'))"))
    assert freed_keys == {"10:12#1", "5:3#1"}
    screenshot(page, "playground")
    editor.evaluate("el => { el.setSelectionRange(0, 0); el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); }")
    readme_screenshot(page.locator("main"), "playground")

    # the keyboard steps too: ArrowRight on the player moves on to the line after the gc()
    player.locator("input.mv-slider").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    player.locator(".mv-code .mv-current-line", has_text='checkpoint("after-gc")').wait_for()
    assert player.locator('[data-mv-object="10:12#1"]').count() == 0  # freed objects are gone after their step


def test_a_syntax_error_says_where_and_a_permalink_reopens_the_program(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/playground/")
    editor = page.get_by_label("Your program")
    editor.fill("let x = 1;\nlet = ;\n")
    page.get_by_role("button", name="Run").click()
    status = page.locator("[data-status]")
    status.filter(has_text="SyntaxError at line 2").wait_for()
    assert status.get_attribute("role") == "alert"

    page.get_by_label("Example", exact=True).select_option("cycle")
    page.get_by_role("button", name="Load example").click()
    page.get_by_role("button", name="Save and get a link").click()
    link = page.get_by_label("Link to this program")
    link.wait_for()
    url = link.input_value()
    assert url.startswith(f"{live_server.url}/playground/")

    page.goto(url)
    page.locator(".mv-player").wait_for()  # the permalink runs the program on its own
    assert "class Node" in page.get_by_label("Your program").input_value()
