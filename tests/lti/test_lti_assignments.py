"""Assignments (assignments/) through LTI: deep linking offers them beside the exercises, a learner opening an
assignment's link lands on the course page where it is listed, and each graded attempt on any of its exercises sends
the sum of the student's credited scores over the assignment's exercises to its line item."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import requests
from django.utils import timezone

from tests.lti.lti_platform import DL


@pytest.fixture
def assignment(course: Any, exercise: Any, make_exercise: Any) -> Any:
    from assignments.models import Assignment, AssignmentExercise

    other = make_exercise('let x = { a: 1 };\ncheckpoint("A");\n', [{"kind": "reachable", "checkpoint": "A",
                                                                    "points": 3}], title="One object")
    homework = Assignment.objects.create(course=course, title="Homework 1", due_at=timezone.now() + timedelta(days=7))
    AssignmentExercise.objects.create(assignment=homework, exercise=exercise, order=1)
    AssignmentExercise.objects.create(assignment=homework, exercise=other, order=2)
    return homework


def test_an_instructor_deep_links_an_assignment_worth_its_exercises_points(client: Any, lms: Any, instructor: Any,
                                                                          launch: Any, linked: Any,
                                                                          assignment: Any) -> None:
    import re
    from html import unescape

    launch("grace", "deep-link:course-7")
    assert f'value="assignment:{assignment.pk}"' in client.get("/lti/deep-link/").content.decode()
    html = client.post("/lti/deep-link/", {"item": f"assignment:{assignment.pk}"}).content.decode()
    action = unescape(re.search(r'action="([^"]+)" data-lti-autosubmit', html).group(1))
    requests.post(action, data={"JWT": re.search(r'name="JWT" value="([^"]+)"', html).group(1)},
                  timeout=10).raise_for_status()
    (item,) = lms.recorded.deep_link_responses[0][DL + "content_items"]
    assert item["custom"] == {"memcourse_assignment": str(assignment.pk)} and item["title"] == "Homework 1"
    assert item["lineItem"]["scoreMaximum"] == 5.0


def test_each_graded_attempt_in_an_assignment_sends_the_assignments_score(client: Any, lms: Any, learner: Any,
                                                                          launch: Any, linked: Any, course: Any,
                                                                          assignment: Any, exercise: Any,
                                                                          django_capture_on_commit_callbacks: Any) -> None:
    link = lms.add_link(title="Homework 1", custom={"memcourse_assignment": str(assignment.pk)}, lineitem_points=5)
    response = launch("ada", f"link:{link.id}")
    assert response["Location"] == f"/courses/{course.slug}/#assignments-title"
    other = assignment.items.get(order=2).exercise
    for question, objects in ((exercise.questions.get(), ["A"]), (other.questions.get(), ["A"])):
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/api/attempts/", {"question": question.pk, "answer": {"objects": objects}},
                        content_type="application/json")
    assert [(s["body"]["scoreGiven"], s["body"]["scoreMaximum"]) for s in lms.scores] == [(1.0, 5.0), (4.0, 5.0)]
    assert {s["lineitem"] for s in lms.scores} == {link.lineitem}
