"""In Chromium: a student opens a link on the test LMS's course page; the browser goes through the OIDC login and
posts the launch to memcourse, which signs them in on the linked exercise; they answer, and the grade arrives at the
test LMS's score endpoint (tests/lti/lti_platform.py), sent with a token the LMS issued for memcourse's signed JWT."""

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


def test_a_launch_from_the_lms_signs_the_student_in_on_the_exercise_and_the_grade_arrives(
        page: Any, live_server: Any, lms: TestPlatform, make_exercise: Any) -> None:
    exercise = make_exercise(PROGRAM, [{"kind": "reachable", "checkpoint": "A", "points": 2,
                                        "prompt": "Which objects are still reachable?"}], title="Keep and drop")
    student = lms.add_user("ada", given="Ada", family="Lovelace", role="Learner")
    link = lms.add_link(title="Keep and drop", custom={"memcourse_exercise": str(exercise.pk)}, lineitem_points=2)

    page.goto(f"{lms.url}/course?user=ada&link={link.id}")
    page.get_by_role("button", name="Open Keep and drop in memcourse").click()
    page.wait_for_url(f"{live_server.url}/exercises/{exercise.pk}/")
    assert "Signed in as Ada Lovelace" in page.locator(".user-nav").inner_text()
    assert page.locator(".user-nav strong").get_attribute("title").startswith("ada-lovelace-")
    assert page.get_by_role("heading", name="Keep and drop").count() >= 1

    question = page.locator("article.question").first
    for label in ["A", "B"]:
        question.get_by_label(label, exact=True).check()
    question.get_by_role("button", name="Submit answer").click()
    question.locator(".result .status").filter(has_text="2 / 2").wait_for()
    screenshot(page, "lti-launched-and-graded")

    deadline = time.monotonic() + 30
    while not lms.scores and time.monotonic() < deadline:
        time.sleep(0.2)
    (score,) = lms.scores
    assert score["lineitem"] == link.lineitem
    assert (score["body"]["userId"], score["body"]["scoreGiven"], score["body"]["scoreMaximum"]) == (student.sub, 2.0, 2.0)
    assert lms.recorded.token_requests and lms.recorded.refused_scores == []
