"""Grade passback (Assignment and Grade Services): after each graded attempt the test platform receives the
student's score for the exercise once, with a token it issued for the tool's signed assertion; a platform that
keeps failing gets retries, then a failure the teacher sees (admin, gradebook line, passback page), and a resend
succeeds. Celery runs eagerly here (tests/conftest.py); test_lti_passback_worker.py uses a real worker."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from tests.lti.lti_platform import SCORE_SCOPE


@pytest.fixture
def lms_link(lms: Any, exercise: Any) -> Any:
    """The exercise placed in the LMS course by deep linking: a link with a line item worth its 2 points."""
    return lms.add_link(title="Keep and drop", custom={"memcourse_exercise": str(exercise.pk)}, lineitem_points=2)


@pytest.fixture
def answer(client: Any, launch: Any, learner: Any, linked: Any, lms_link: Any, exercise: Any,
           django_capture_on_commit_callbacks: Any) -> Any:
    """The learner opens the link and answers through the API; grading and passback run as each commit happens."""
    assert launch("ada", f"link:{lms_link.id}")["Location"] == f"/exercises/{exercise.pk}/"
    question = exercise.questions.get()

    def submit(objects: list[str]) -> dict[str, Any]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/api/attempts/", {"question": question.pk, "answer": {"objects": objects}},
                                   content_type="application/json")
        assert response.status_code == 202, response.content
        return dict(client.get(f"/api/attempts/{response.json()['id']}/").json())

    return submit


def test_a_graded_attempt_sends_the_score_to_the_platform_once(lms: Any, learner: Any, lms_link: Any,
                                                                answer: Any) -> None:
    from lti.models import Passback

    attempt = answer(["A"])
    assert (attempt["status"], attempt["score"]) == ("graded", 1.0)
    (score,) = lms.scores
    assert score["lineitem"] == lms_link.lineitem
    body = score["body"]
    assert (body["userId"], body["scoreGiven"], body["scoreMaximum"]) == (learner.sub, 1.0, 2.0)
    assert (body["activityProgress"], body["gradingProgress"]) == ("InProgress", "FullyGraded")
    assert body["timestamp"]
    (token_request,) = lms.recorded.token_requests
    assert SCORE_SCOPE in token_request["scopes"] and token_request["claims"]["iss"] == lms.client_id
    passback = Passback.objects.get()
    assert (passback.status, passback.tries, passback.score_given, passback.last_error) == ("sent", 1, 1.0, "")


def test_each_graded_attempt_sends_the_best_score_so_far(lms: Any, answer: Any) -> None:
    answer(["A", "B"])
    answer(["A"])  # worse: the exercise's score (best per question) stays 2
    assert [s["body"]["scoreGiven"] for s in lms.scores] == [2.0, 2.0]
    assert lms.scores[0]["body"]["activityProgress"] == "Completed"


def test_a_student_who_never_launched_from_the_lms_sends_nothing(lms: Any, lms_link: Any, student: Any,
                                                                  exercise: Any, api_client_for: Any,
                                                                  django_capture_on_commit_callbacks: Any) -> None:
    from lti.models import Passback

    with django_capture_on_commit_callbacks(execute=True):
        response = api_client_for(student).post("/api/attempts/", {"question": exercise.questions.get().pk,
                                                                   "answer": {"objects": ["A"]}}, format="json")
    assert response.status_code == 202
    assert lms.scores == [] and not Passback.objects.exists()


def test_a_failing_score_endpoint_is_retried_then_failed_for_the_teacher_to_see_and_resend(
        client: Any, lms: Any, answer: Any, teacher: Any, course: Any,
        django_capture_on_commit_callbacks: Any) -> None:
    from lti.models import Passback
    from lti.tasks import MAX_RETRIES

    lms.score_status = 500
    attempt = answer(["A", "B"])
    assert attempt["status"] == "graded"  # the LMS failing never fails the grading
    passback = Passback.objects.get()
    assert (passback.status, passback.tries) == ("failed", MAX_RETRIES + 1)
    assert "500" in passback.last_error and len(lms.recorded.refused_scores) == MAX_RETRIES + 1
    assert lms.scores == []

    client.force_login(teacher)
    gradebook = client.get(f"/courses/{course.slug}/gradebook/").content.decode()
    assert "1 grade did not reach the LMS" in gradebook
    page = client.get(f"/lti/courses/{course.slug}/passbacks/").content.decode()
    assert "Keep and drop" in page and "Ada Lovelace" in page and "500" in page

    lms.score_status = 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/lti/courses/{course.slug}/passbacks/", {"passback": passback.pk})
    assert response.status_code == 302
    (score,) = lms.scores
    assert score["body"]["scoreGiven"] == 2.0
    passback.refresh_from_db()
    assert passback.status == "sent" and passback.sent_at is not None
    assert "did not reach the LMS" not in client.get(f"/courses/{course.slug}/gradebook/").content.decode()


def test_a_platform_that_recovers_during_the_retries_gets_the_score_once(lms: Any, answer: Any) -> None:
    from lti.models import Passback

    lms.score_failures_left = 2
    answer(["A"])
    assert len(lms.scores) == 1 and len(lms.recorded.refused_scores) == 2
    assert (Passback.objects.get().status, Passback.objects.get().tries) == ("sent", 3)


def test_a_refusal_that_retrying_cannot_fix_fails_at_once(lms: Any, answer: Any) -> None:
    from lti.models import Passback

    lms.score_status = 403
    answer(["A"])
    passback = Passback.objects.get()
    assert (passback.status, passback.tries) == ("failed", 1) and "403" in passback.last_error


def test_the_resend_command_sends_failed_passbacks_again(lms: Any, answer: Any,
                                                         django_capture_on_commit_callbacks: Any) -> None:
    from lti.models import Passback

    lms.score_status = 503
    answer(["A"])
    lms.score_status = 0
    with django_capture_on_commit_callbacks(execute=True):
        call_command("lti_resend_passbacks")
    assert Passback.objects.get().status == "sent" and len(lms.scores) == 1


def test_a_sent_passback_is_not_sent_again(lms: Any, answer: Any) -> None:
    from lti import services
    from lti.models import Passback

    answer(["A"])
    services.passback_send(passback_id=Passback.objects.get().pk)
    assert len(lms.scores) == 1


def test_a_link_without_a_line_item_finds_or_creates_one_by_tag(lms: Any, learner: Any, exercise: Any,
                                                                 client: Any, launch: Any, linked: Any,
                                                                 django_capture_on_commit_callbacks: Any) -> None:
    link = lms.add_link(title="No line item", custom={"memcourse_exercise": str(exercise.pk)})
    launch("ada", f"link:{link.id}")
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/api/attempts/", {"question": exercise.questions.get().pk, "answer": {"objects": ["A"]}},
                        content_type="application/json")
    (created,) = [i for i in lms.lineitems.values() if i.get("tag") == f"memcourse-exercise-{exercise.pk}"]
    assert created["scoreMaximum"] == 2.0 and created["label"] == "Keep and drop"
    assert [s["lineitem"] for s in lms.scores] == [created["id"], created["id"]]


def test_a_broken_passback_hook_never_fails_the_grading(lms: Any, answer: Any, monkeypatch: pytest.MonkeyPatch,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    from lti import selectors
    from lti.models import Passback

    def broken(**_: Any) -> Any:
        raise RuntimeError("the LTI tables are gone")

    monkeypatch.setattr(selectors, "passback_targets", broken)
    attempt = answer(["A", "B"])
    assert (attempt["status"], attempt["score"]) == ("graded", 2.0)
    assert not Passback.objects.exists() and lms.scores == []
    assert "the LTI tables are gone" in caplog.text
