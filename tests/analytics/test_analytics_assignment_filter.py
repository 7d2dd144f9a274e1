"""The statistics filtered by assignment ("after a deadline, which idea did the class get wrong"): only the
assignment's exercises count, the rest-of-scope is the assignment's other questions, late answers can be left out,
and late answers count as graded, not with their late credit."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from assignments import services as assignment_services
from assignments.models import Assignment
from exercises.models import Course, Exercise

pytestmark = pytest.mark.django_db

PROGRAM = """let keep = { name: "keep" };
let temp = { name: "temp" };
temp = null;
checkpoint("after");
console.log(keep.name);
"""


@pytest.fixture
def two_exercises(make_exercise: Any) -> tuple[Exercise, Exercise]:
    first = make_exercise(PROGRAM, [{"kind": "output", "prompt": "What does it print?"}], title="In the assignment")
    second = make_exercise(PROGRAM, [{"kind": "reachable", "checkpoint": "after", "prompt": "?"}], title="Not in it")
    return first, second


@pytest.fixture
def week_one(course: Course, two_exercises: tuple[Exercise, Exercise]) -> Assignment:
    return assignment_services.assignment_create(
        course=course, title="Week 1", exercises=[two_exercises[0]], due_at=timezone.now() + timedelta(days=1),
        late_days=7, late_credit=50,
    )


def make_late(assignment: Assignment) -> None:
    """Move the due time into the past: answers from now on are late (earlier ones keep their on-time credit)."""
    Assignment.objects.filter(pk=assignment.pk).update(due_at=timezone.now() - timedelta(hours=1))


def statistics(client: Any, course: Course, **query: Any) -> dict[str, Any]:
    response = client.get(reverse("api-course-statistics", args=[course.slug]), query)
    assert response.status_code == 200, response.content
    return response.json()


def test_an_assignment_filter_keeps_only_its_exercises(api_client_for: Any, course: Course, teacher: Any,
                                                       week_one: Assignment) -> None:
    data = statistics(api_client_for(teacher), course, assignment=week_one.pk)
    assert data["assignment"]["title"] == "Week 1" and data["on_time_only"] is False
    assert [e["title"] for m in data["modules"] for e in m["exercises"]] == ["In the assignment"]
    everything = statistics(api_client_for(teacher), course)
    assert [e["title"] for m in everything["modules"] for e in m["exercises"]] == ["In the assignment", "Not in it"]


def test_late_answers_count_as_graded_and_can_be_left_out(api_client_for: Any, course: Course, teacher: Any,
                                                          week_one: Assignment, two_exercises: Any,
                                                          student: Any, other_student: Any, answer: Any) -> None:
    question = two_exercises[0].questions.get()
    answer(student, question, {"lines": ["temp"]})  # on time, wrong
    make_late(week_one)
    late = answer(other_student, question, {"lines": ["keep"]})  # late, right: half the credit in the gradebook
    assert late.credit.late is True

    client = api_client_for(teacher)
    [q] = statistics(client, course, assignment=week_one.pk)["modules"][0]["exercises"][0]["questions"]
    assert (q["figures"]["students"], q["figures"]["first_try_full"], q["figures"]["mean_best"]) == (2, 1, 0.5)
    [q] = statistics(client, course, assignment=week_one.pk, on_time="true")["modules"][0]["exercises"][0]["questions"]
    assert (q["figures"]["students"], q["figures"]["first_try_full"], q["figures"]["mean_best"]) == (1, 0, 0.0)

    url = reverse("api-exercise-statistics", args=[course.slug, two_exercises[0].pk])
    on_time = client.get(url, {"assignment": week_one.pk, "on_time": "true"}).json()
    assert [(w["label"], w["answered"]) for w in on_time["questions"][0]["wrong_answers"]] == [
        ("output line 1 is `keep`, not `temp`", 1)
    ]


def test_an_exercise_outside_the_assignment_is_404_when_filtered(api_client_for: Any, course: Course, teacher: Any,
                                                                  week_one: Assignment, two_exercises: Any) -> None:
    url = reverse("api-exercise-statistics", args=[course.slug, two_exercises[1].pk])
    response = api_client_for(teacher).get(url, {"assignment": week_one.pk})
    assert response.status_code == 404
    assert response.json()["error"]["message"] == (
        f"There is no published exercise {two_exercises[1].pk} with questions in the assignment Week 1."
    )


def test_a_bad_assignment_is_a_clear_error(api_client_for: Any, client: Any, course: Course, teacher: Any,
                                           week_one: Assignment) -> None:
    api = api_client_for(teacher)
    response = api.get(reverse("api-course-statistics", args=[course.slug]), {"assignment": "soon"})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "assignment: A valid integer is required."
    other = Course.objects.create(title="Other", slug="other")
    foreign = Assignment.objects.create(course=other, title="Elsewhere", due_at=timezone.now())
    response = api.get(reverse("api-course-statistics", args=[course.slug]), {"assignment": foreign.pk})
    assert response.status_code == 404
    assert response.json()["error"]["message"] == f"There is no assignment {foreign.pk} in this course."
    client.force_login(teacher)
    assert client.get(reverse("analytics:course", args=[course.slug]), {"assignment": "soon"}).status_code == 404
    assert client.get(reverse("analytics:course", args=[course.slug]), {"assignment": foreign.pk}).status_code == 404


def test_the_page_offers_the_filter_and_keeps_it_in_its_links(client: Any, course: Course, teacher: Any,
                                                               week_one: Assignment, two_exercises: Any) -> None:
    client.force_login(teacher)
    page = client.get(reverse("analytics:course", args=[course.slug]),
                      {"assignment": week_one.pk, "on_time": "1"}).content.decode()
    assert f'<option value="{week_one.pk}" selected>Week 1 (due ' in page
    assert 'name="on_time" value="1" checked' in page
    assert "Showing the assignment <strong>Week 1</strong>" in page
    exercise_url = reverse("analytics:exercise", args=[course.slug, two_exercises[0].pk])
    assert f'href="{exercise_url}?assignment={week_one.pk}&amp;on_time=1"' in page
    assert "Not in it" not in page
