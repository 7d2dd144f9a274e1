"""The Content Security Policy in a real browser: the main pages run under it with no violation and no page error.

Every page here is opened in Debian's Chromium (tests/browser.py) with a listener for `securitypolicyviolation`
events (added before any of the page's own scripts) and for the console's "Refused to ..." messages, and is used
as a person would: the playground runs a program and steps through it, a student answers and opens the memory
player, a teacher opens the gradebook and the admin's change page with its memory preview.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.conftest import browser  # noqa: F401  (the module's Chromium)

pytestmark = pytest.mark.django_db(transaction=True)

PROGRAM = """function pair() {
  const left = { name: "left" };
  const right = { name: "right", peer: left };
  left.peer = right;
  return right;
}
let keep = pair();
let temp = { name: "temp" };
temp = null;
checkpoint("after");
"""

# Reported through a binding, so what each page met is kept when the next page loads.
RECORD_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations = (window.__violations || 0) + 1;
  window.__report(location.pathname + ': ' + e.violatedDirective + ' ' + (e.blockedURI || '') + ' '
                  + (e.sourceFile || '') + ':' + e.lineNumber);
});
window.addEventListener('unhandledrejection', (e) => window.__report(location.pathname + ': unhandled ' + e.reason));
"""


class Watched:
    """A page with every CSP violation (and unhandled rejection), "Refused to" console message (Chromium reports most of these outside the console API that Playwright sees, so the
    event is what counts) and page error."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.violations: list[str] = []
        self.refused: list[str] = []
        self.errors: list[str] = []
        page.on("console", lambda m: self.refused.append(m.text) if "Refused to" in m.text else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def assert_clean(self) -> None:
        assert (self.violations, self.refused, self.errors) == ([], [], [])


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    watched = Watched(page)
    context.expose_function("__report", lambda text: watched.violations.append(text))
    context.add_init_script(RECORD_VIOLATIONS)
    yield watched
    context.close()


@pytest.fixture
def exercise(course: Any) -> Any:
    from exercises import services
    from exercises.models import Exercise, Module, Question

    module = Module.objects.create(course=course, order=1, title="Reachability", lesson="What stays *alive*?")
    exercise = Exercise.objects.create(module=module, order=1, title="A pair", program=PROGRAM,
                                       instructions="Look at **the pair**.")
    Question.objects.create(exercise=exercise, order=1, kind="reachable", checkpoint="after", points=3,
                            prompt="Which objects are still reachable at the checkpoint?")
    services.exercise_publish(exercise=exercise)
    return exercise


def log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw-" + username)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")


def test_the_policy_header_allows_no_inline_script(client: Any, db: Any) -> None:
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "'unsafe-inline'" not in directives["style-src"] and "'unsafe-eval'" not in policy
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


def test_the_playground_runs_and_steps_with_no_violation(watched: Watched, live_server: Any) -> None:
    page = watched.page
    page.goto(f"{live_server.url}/playground/")
    page.locator("textarea").first.fill(PROGRAM)
    page.get_by_role("button", name="Run").first.click()
    page.locator(".mv-player [data-mv-object]").first.wait_for()
    page.get_by_role("button", name="Save and get a link").click()
    page.wait_for_url(f"{live_server.url}/playground/*/")
    page.locator(".mv-player [data-mv-object]").first.wait_for()
    watched.assert_clean()


def test_login_and_the_student_exercise_page_with_the_player_have_no_violation(
    watched: Watched, live_server: Any, student: Any, exercise: Any
) -> None:
    page = watched.page
    log_in(page, live_server.url, "sam_student")
    page.goto(f"{live_server.url}/courses/{exercise.module.course.slug}/")
    page.goto(f"{live_server.url}/exercises/{exercise.pk}/")
    question = page.locator("article.question").first
    for label in ["A", "B", "C"]:
        question.get_by_label(label, exact=True).check()
    question.get_by_role("button", name="Submit answer").click()
    question.locator(".result .status").filter(has_text="3 / 3").wait_for()
    question.locator("[data-feedback-diagram] [data-mv-object]").first.wait_for()
    page.locator("[data-player-open]").click()
    page.locator("[data-player] [data-mv-object]").first.wait_for()
    watched.assert_clean()


def test_the_gradebook_and_the_admin_change_page_with_its_preview_have_no_violation(
    watched: Watched, live_server: Any, teacher: Any, student: Any, exercise: Any
) -> None:
    from django.contrib.auth.models import Permission

    teacher.user_permissions.set(Permission.objects.filter(content_type__app_label="exercises"))
    page = watched.page
    log_in(page, live_server.url, "tina_teacher")
    page.goto(f"{live_server.url}/courses/{exercise.module.course.slug}/gradebook/")
    page.get_by_role("table").first.wait_for()
    page.goto(f"{live_server.url}/admin/exercises/exercise/{exercise.pk}/change/")
    page.locator("[data-memory-preview] [data-mv-object]").first.wait_for()
    page.goto(f"{live_server.url}/admin/exercises/exercise/")
    page.goto(f"{live_server.url}/admin/exercises/exercise/add/")
    page.locator(".add-row a").first.click()
    watched.assert_clean()


def test_the_api_docs_load_their_scripts_from_the_site(watched: Watched, live_server: Any, student: Any) -> None:
    page = watched.page
    log_in(page, live_server.url, "sam_student")
    page.goto(f"{live_server.url}/api/docs/")
    page.locator(".swagger-ui .opblock").first.wait_for()
    page.goto(f"{live_server.url}/api/redoc/")
    page.get_by_text("memcourse API").first.wait_for()
    # Redoc's "powered by" badge asks its CDN for a logo: the policy refuses it, as it should (nothing from a CDN).
    watched.violations[:] = [v for v in watched.violations if "https://cdn.redoc.ly/" not in v]
    watched.assert_clean()


def test_the_watcher_sees_an_inline_script_the_policy_refuses(watched: Watched, live_server: Any) -> None:
    """The control: an injected inline script is refused, and the listeners above report it."""
    page = watched.page
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'window.ran = true'; document.body.appendChild(s); }""")
    page.wait_for_function("window.__violations > 0")
    for _ in range(100):  # the binding's call arrives on its own
        if watched.violations:
            break
        page.wait_for_timeout(50)
    assert page.evaluate("window.ran === undefined")
    assert watched.violations == ["/accounts/login/: script-src-elem inline :2"]
