"""In Chromium: the test LMS refuses a student's grade (403); the teacher's gradebook says a grade did not reach
the LMS, the passback page shows who, what, the score and the LMS's error with a Send again button in view (the
long error wraps in its cell instead of pushing the button out of the table), and sending again once the LMS takes
scores delivers the grade."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.e2e.conftest import screenshot
from tests.lti.conftest import PROGRAM, register
from tests.lti.lti_platform import TestPlatform, running_platform

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lms(live_server: Any, course: Any) -> Iterator[TestPlatform]:
    tool = live_server.url
    with running_platform(tool_login_url=f"{tool}/lti/login/", tool_launch_url=f"{tool}/lti/launch/",
                          tool_jwks=lambda: requests.get(f"{tool}/lti/jwks.json", timeout=10).json()) as platform:
        platform.registered = register(platform, default_course=course)
        yield platform


def wait_for(condition: Any, what: str) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.2)


def test_a_grade_the_lms_refused_is_shown_to_the_teacher_who_sends_it_again(
        page: Any, live_server: Any, lms: TestPlatform, make_exercise: Any, teacher: Any) -> None:
    base = live_server.url
    exercise = make_exercise(PROGRAM, [{"kind": "reachable", "checkpoint": "A", "points": 2}], title="Keep and drop")
    student = lms.add_user("ada", given="Ada", family="Lovelace", role="Learner")
    link = lms.add_link(title="Keep and drop", custom={"memcourse_exercise": str(exercise.pk)}, lineitem_points=2)
    lms.score_status = 403  # a refusal retrying cannot fix: the passback fails at once

    page.goto(f"{lms.url}/course?user=ada&link={link.id}")
    page.get_by_role("button", name="Open Keep and drop in memcourse").click()
    page.wait_for_url(f"{base}/exercises/{exercise.pk}/")
    question = page.locator("article.question").first
    for label in ["A", "B"]:
        question.get_by_label(label, exact=True).check()
    question.get_by_role("button", name="Submit answer").click()
    question.locator(".result .status").filter(has_text="2 / 2").wait_for()
    wait_for(lambda: lms.recorded.refused_scores, "the LMS to refuse the score")

    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill("tina_teacher")
    page.get_by_label("Password").fill("pw-tina_teacher")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/courses/{exercise.module.course.slug}/gradebook/")
    notice = page.locator("[data-lti-passback-notice]")
    assert " ".join(notice.inner_text().split()) == "1 grade did not reach the LMS. See why and send again."
    notice.get_by_role("link", name="See why and send again").click()

    page.get_by_role("heading", name="Grades the LMS did not take").wait_for()
    row = page.locator("[data-lti-failed] tbody tr")
    assert row.count() == 1
    cells = [" ".join(text.split()) for text in row.locator("th, td").all_inner_texts()]
    assert cells[:5] == ["Ada Lovelace", "Keep and drop", "Test LMS", "2.0 / 2.0", "1"]
    assert "403" in cells[5] and "score endpoint answered 403" in cells[5]
    screenshot(page, "teacher-failed-passback")
    # the row's button is on the page where the teacher can see it, not cut off by the table's edge
    send_again = row.get_by_role("button", name="Send again")
    button, table = send_again.bounding_box(), page.locator(".table-wrap").bounding_box()
    assert button and table and button["x"] + button["width"] <= table["x"] + table["width"], (button, table)
    assert page.evaluate("() => document.querySelector('.table-wrap').scrollWidth"
                         " <= document.querySelector('.table-wrap').clientWidth")

    lms.score_status = 0
    send_again.click()
    page.get_by_text("Queued 1 grade to send again.").wait_for()
    assert page.get_by_text("None: every grade reached the LMS.").is_visible()
    wait_for(lambda: lms.scores, "the LMS to receive the score")
    (score,) = lms.scores
    assert (score["body"]["userId"], score["body"]["scoreGiven"]) == (student.sub, 2.0)
