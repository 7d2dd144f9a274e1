"""Two students answer a reachable-objects question in the browser, each wrong in a different way; the teacher
opens the class statistics from the gradebook, sees the common wrong answers named by what is wrong and the charts
drawn (canvas present and painted, no page errors), and opens the feedback one student saw."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import screenshot
from tests.e2e.test_student_answers_reachable import log_in, reachable_exercise  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db(transaction=True)

# The policy the site is moving to (no 'unsafe-inline'): the statistics pages must work under it.
STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'"

PAINTED = """(canvas) => {
    const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
    return painted;
}"""


def answer_as(page: Any, base: str, username: str, exercise: Any, labels: list[str]) -> None:
    log_in(page, base, username, f"pw-{username}")
    page.goto(f"{base}/exercises/{exercise.pk}/")
    question = page.locator("article.question").first
    for label in labels:
        question.get_by_label(label, exact=True).check()
    question.get_by_role("button", name="Submit answer").click()
    question.locator(".result .status").filter(has_text="/ 3").wait_for()
    page.context.clear_cookies()


def with_strict_csp(route: Any) -> None:
    """Serve every page with STRICT_CSP, so an inline script or a blocked chart shows up as a console error."""
    response = route.fetch()
    headers = {**response.headers, "content-security-policy": STRICT_CSP}
    route.fulfill(response=response, headers=headers)


def assert_drawn(page: Any, selector: str) -> None:
    """The canvas is there, charts.js has drawn it (it marks it data-drawn once Chart.js returns), and it has ink."""
    canvas = page.locator(f"{selector}[data-drawn=true]").first
    canvas.wait_for()
    assert canvas.evaluate(PAINTED) > 100  # bars, axes and labels, not a blank canvas


def test_the_teacher_sees_the_common_wrong_answers_and_charts(
    page: Any, live_server: Any, teacher: Any, student: Any, other_student: Any, reachable_exercise: Any  # noqa: F811
) -> None:
    console_errors: list[str] = []
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    base = live_server.url
    answer_as(page, base, "sam_student", reachable_exercise, ["A", "B", "C", "D"])  # D (temp) is garbage
    answer_as(page, base, "olga_student", reachable_exercise, ["A", "B"])  # C (right) left out

    log_in(page, base, "tina_teacher", "pw-tina_teacher")
    page.route(lambda url: "/statistics/" in url, with_strict_csp)
    page.goto(f"{base}/courses/{reachable_exercise.module.course.slug}/gradebook/")
    page.get_by_role("link", name="Class statistics and common wrong answers").click()
    page.get_by_role("heading", name="Class statistics: Memory 101").wait_for()
    assert_drawn(page, "canvas#course-chart")
    table = page.locator("table.statistics-table")
    row = table.locator("tr.question-row").first.locator("td").all_inner_texts()
    assert [" ".join(cell.split()) for cell in row[:5]] == ["2", "2", "0% (0/2)", "67%", "67%"]  # both 2/3 of it
    assert " ".join(row[5].split()) == "n/a there are no other questions to compare with"

    page.get_by_role("link", name="A pair and a temporary").click()
    wrong = page.locator("li.wrong-answer")
    wrong.first.wait_for()
    texts = wrong.all_inner_texts()
    assert len(texts) == 2
    assert any("50% (1 of 2 students)" in t and "marked reachable an object that is garbage: D, the object temp (line 8)"
               in t and "temp is null now" in t for t in texts), texts
    assert any("50% (1 of 2 students)" in t and "left out an object that is still reachable: C, the object right (line 3)"
               in t for t in texts), texts
    assert_drawn(page, "canvas[data-chart-type=distribution]")
    assert page.locator("table.distribution-table").first.locator("td").all_inner_texts() == ["0", "0", "0", "2", "0", "0"]  # 67%: the 60–80% band
    screenshot(page, "teacher-statistics")

    garbage = wrong.filter(has_text="garbage")
    garbage.get_by_role("link", name="attempt").first.click()
    page.get_by_role("heading", name="Attempt").wait_for()
    assert "sam_student" in page.locator("h1").inner_text()
    assert "You picked D, but it is not reachable: it is garbage (unreachable)." in page.locator(".findings").inner_text()
    diagram = page.locator("[data-attempt-diagram]")  # the true memory there, marked as the student saw it
    diagram.locator(".mv-mark-extra").first.wait_for()
    assert diagram.locator(".mv-mark-extra").count() == 1 and diagram.locator(".mv-mark-missing").count() == 0
    assert not console_errors, console_errors
    # and the policy was in force: an inline script does not run on these pages
    ran = page.evaluate("""() => { const s = document.createElement("script");
        s.textContent = "window.inlineRan = true"; document.body.appendChild(s); return window.inlineRan === true; }""")
    assert ran is False
