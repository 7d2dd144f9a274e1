"""With the broker down, a student who submits sees on the exercise page that the answer is saved and will be graded
when the grader is back, never an error."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.test_student_answers_reachable import log_in, reachable_exercise  # noqa: F401 (a fixture)
from tests.reliability.fault_harness import reset_broker_connections

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker_down() -> Iterator[None]:
    """Tasks go to a Redis port nothing listens on."""
    from memcourse.celery import app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    before = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager, app.conf.broker_url = False, f"redis://127.0.0.1:{port}/0"
    reset_broker_connections(app)
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.broker_url = before
        reset_broker_connections(app)


def test_a_student_submitting_while_the_grader_is_down_is_told_the_answer_is_saved(
    page: Any, live_server: Any, student: Any, reachable_exercise: Any, broker_down: None  # noqa: F811
) -> None:
    from exercises.models import Attempt
    from exercises.services import BROKER_DOWN

    log_in(page, live_server.url, "sam_student", "pw-sam_student")
    page.goto(f"{live_server.url}/exercises/{reachable_exercise.pk}/")
    question = page.locator("article.question").first
    question.get_by_label("A", exact=True).check()
    question.get_by_role("button", name="Submit answer").click()

    question.locator(".result .status").filter(has_text=BROKER_DOWN).wait_for()
    assert Attempt.objects.get().status == "pending"
