"""The statistics pages and API: who may see them (the course's teachers only), what they show, the OpenAPI
schema, the attempt page that shows the feedback a student saw, and a bounded number of queries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exercises.models import Course, Enrollment, Exercise, Module, Question

pytestmark = pytest.mark.django_db

PROGRAM = """let keep = { name: "keep" };
let temp = { name: "temp" };
temp = null;
checkpoint("after");
console.log(keep.name);
"""
# A is keep's object, B temp's (garbage at the checkpoint).


@pytest.fixture
def exercise(make_exercise: Callable[..., Exercise]) -> Exercise:
    return make_exercise(PROGRAM, [
        {"kind": "reachable", "checkpoint": "after", "prompt": "Which objects are reachable?"},
        {"kind": "output", "prompt": "What does it print?"},
    ], title="Keep and temp")


@pytest.fixture
def answered(exercise: Exercise, student: Any, other_student: Any, answer: Any) -> Exercise:
    reachable, output = exercise.questions.order_by("order")
    answer(student, reachable, {"objects": ["A", "B"]})
    answer(other_student, reachable, {"objects": ["A"]})
    answer(student, output, {"lines": ["keep"]})
    answer(other_student, output, {"lines": ["temp"]})
    return exercise


def page_urls(course: Course, exercise: Exercise) -> list[str]:
    return [reverse("analytics:course", args=[course.slug]),
            reverse("analytics:exercise", args=[course.slug, exercise.pk])]


def api_urls(course: Course, exercise: Exercise) -> list[str]:
    return [reverse("api-course-statistics", args=[course.slug]),
            reverse("api-exercise-statistics", args=[course.slug, exercise.pk])]


# --- who may see them -------------------------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_log_in(client: Any, course: Course, exercise: Exercise) -> None:
    for url in page_urls(course, exercise):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_students_and_outsiders_get_403_on_the_pages(client: Any, course: Course, exercise: Exercise,
                                                      student: Any, outsider: Any) -> None:
    for user in (student, outsider):
        client.force_login(user)
        for url in page_urls(course, exercise):
            assert client.get(url).status_code == 403


def test_a_teacher_of_another_course_gets_403(client: Any, course: Course, exercise: Exercise, make_user: Any) -> None:
    other = Course.objects.create(title="Other", slug="other")
    teacher = make_user("other_teacher", is_staff=True)
    Enrollment.objects.create(user=teacher, course=other, role=Enrollment.Role.TEACHER)
    client.force_login(teacher)
    for url in page_urls(course, exercise):
        assert client.get(url).status_code == 403


def test_an_unknown_course_or_exercise_is_404(client: Any, course: Course, teacher: Any, exercise: Exercise) -> None:
    client.force_login(teacher)
    assert client.get(reverse("analytics:course", args=["no-such-course"])).status_code == 404
    assert client.get(reverse("analytics:exercise", args=[course.slug, exercise.pk + 99])).status_code == 404


def test_an_unpublished_exercise_has_no_statistics_page(client: Any, course: Course, teacher: Any,
                                                         make_exercise: Any) -> None:
    draft = make_exercise(PROGRAM, [{"kind": "output", "prompt": "?"}], publish=False, title="Draft")
    client.force_login(teacher)
    assert client.get(reverse("analytics:exercise", args=[course.slug, draft.pk])).status_code == 404


def test_the_api_answers_401_or_403_in_the_error_shape(api_client_for: Any, course: Course, exercise: Exercise,
                                                        student: Any, outsider: Any) -> None:
    for url in api_urls(course, exercise):
        assert api_client_for(None).get(url).status_code in (401, 403)
        for user in (student, outsider):
            response = api_client_for(user).get(url)
            assert response.status_code == 403
            assert response.json()["error"] == {
                "code": "forbidden", "message": "Only the teachers of this course can see its statistics.", "details": None,
            }


def test_the_api_says_which_exercise_does_not_exist(api_client_for: Any, course: Course, teacher: Any,
                                                     exercise: Exercise) -> None:
    response = api_client_for(teacher).get(reverse("api-exercise-statistics", args=[course.slug, 999999]))
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "There is no published exercise 999999 with questions in this course."


# --- what they show ---------------------------------------------------------------------------------------------


def test_the_gradebook_links_to_the_statistics(client: Any, course: Course, teacher: Any) -> None:
    client.force_login(teacher)
    page = client.get(reverse("gradebook", args=[course.slug])).content.decode()
    assert f'href="{reverse("analytics:course", args=[course.slug])}"' in page


def test_the_course_api_has_the_figures_of_every_level(api_client_for: Any, course: Course, teacher: Any,
                                                        answered: Exercise) -> None:
    data = api_client_for(teacher).get(reverse("api-course-statistics", args=[course.slug])).json()
    assert data["course"] == course.slug and data["min_students"] == 5
    assert data["discrimination_method"].startswith("item-rest correlation")
    [module] = data["modules"]
    [exercise] = module["exercises"]
    reachable, output = exercise["questions"]
    assert reachable["figures"] | {"distribution": None, "discrimination": None} == {
        "max_score": 1.0, "attempts": 2, "students": 2, "first_tries": 2, "first_try_full": 1,
        "first_try_full_share": 0.5, "mean_best": 0.5, "mean_first_try": 0.5, "distribution": None,
        "discrimination": None,
    }
    assert [b["count"] for b in reachable["figures"]["distribution"]] == [1, 0, 0, 0, 0, 1]
    assert reachable["figures"]["discrimination"] == {
        "value": None, "n": 2, "reason": "only 2 students have answered; it needs at least 5", "reading": "",
    }
    assert output["figures"]["first_try_full"] == 1
    assert exercise["figures"]["attempts"] == 4 and module["figures"]["students"] == 2


def test_the_exercise_api_lists_the_common_wrong_answers(api_client_for: Any, course: Course, teacher: Any,
                                                          answered: Exercise) -> None:
    data = api_client_for(teacher).get(reverse("api-exercise-statistics", args=[course.slug, answered.pk])).json()
    reachable, output = data["questions"]
    [wrong] = reachable["wrong_answers"]
    assert wrong["label"] == "marked reachable an object that is garbage: B, the object `temp` (line 2); `temp` is null now"
    assert (wrong["students"], wrong["answered"], wrong["share"]) == (1, 2, 0.5)
    assert [w["label"] for w in output["wrong_answers"]] == ["output line 1 is `keep`, not `temp`"]


def test_teachers_own_attempts_do_not_count(api_client_for: Any, course: Course, teacher: Any, exercise: Exercise,
                                            answer: Any) -> None:
    answer(teacher, exercise.questions.get(kind="output"), {"lines": ["nope"]})
    data = api_client_for(teacher).get(reverse("api-exercise-statistics", args=[course.slug, exercise.pk])).json()
    assert all(q["figures"]["attempts"] == 0 and q["wrong_answers"] == [] for q in data["questions"])


def test_the_exercise_page_shows_wrong_answers_a_chart_and_its_table(client: Any, course: Course, teacher: Any,
                                                                     answered: Exercise) -> None:
    client.force_login(teacher)
    page = client.get(reverse("analytics:exercise", args=[course.slug, answered.pk])).content.decode()
    assert "marked reachable an object that is garbage: B, the object <code>temp</code> (line 2)" in page
    assert 'data-chart="distribution-data"' in page and 'id="distribution-data" type="application/json"' in page
    assert '<caption>Score distribution</caption>' in page
    assert "analytics/vendor/chartjs/chart.umd.js" in page and "analytics/js/charts.js" in page
    assert "<script>" not in page.replace('<script src=', '') and " onclick=" not in page  # no inline script
    assert "n/a" in page and "only 2 students have answered" in page


def test_a_students_answer_is_escaped_on_the_page(client: Any, course: Course, teacher: Any, exercise: Exercise,
                                                  student: Any, answer: Any) -> None:
    answer(student, exercise.questions.get(kind="output"), {"lines": ["<img src=x onerror=alert(1)>`"]})
    client.force_login(teacher)
    page = client.get(reverse("analytics:exercise", args=[course.slug, exercise.pk])).content.decode()
    assert "<img src=x" not in page
    assert "not <code>&lt;img src=x onerror=alert(1)&gt;</code>`" in page


def test_the_course_page_shows_every_question_and_the_chart_data(client: Any, course: Course, teacher: Any,
                                                                 answered: Exercise) -> None:
    client.force_login(teacher)
    response = client.get(reverse("analytics:course", args=[course.slug]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Q1 · Reachable objects at “after”" in page and "Q2 · Printed output" in page
    assert 'id="course-chart-data" type="application/json"' in page
    assert response.context["chart"]["labels"] == ["Keep and temp · Q1", "Keep and temp · Q2"]


def test_the_course_chart_leaves_out_questions_nobody_answered_and_says_so(
        client: Any, course: Course, teacher: Any, answered: Exercise, make_exercise: Callable[..., Exercise]) -> None:
    make_exercise(PROGRAM, [{"kind": "output", "prompt": "What does it print?"}], title="Not yet tried")
    client.force_login(teacher)
    response = client.get(reverse("analytics:course", args=[course.slug]))
    page = " ".join(response.content.decode().split())
    assert response.context["chart"]["labels"] == ["Keep and temp · Q1", "Keep and temp · Q2"]
    assert response.context["chart"]["questions"] == 3
    assert "per question answered so far <small>(2 of 3 questions; the table below lists them all)</small>" in page
    assert "Not yet tried" in page  # the table still has it


def test_the_course_page_says_when_no_student_has_answered_yet(client: Any, course: Course, teacher: Any,
                                                                exercise: Exercise) -> None:
    client.force_login(teacher)
    page = client.get(reverse("analytics:course", args=[course.slug])).content.decode()
    assert 'id="course-chart"' not in page
    assert "No student has answered yet: the chart appears with the first graded answer." in page


def test_an_attempt_page_shows_the_feedback_the_student_saw(client: Any, course: Course, teacher: Any,
                                                            answered: Exercise, student: Any) -> None:
    attempt = student.attempts.get(question__kind="reachable")
    client.force_login(teacher)
    page = client.get(reverse("analytics:attempt", args=[course.slug, attempt.pk])).content.decode()
    assert "Attempt" in page and "sam_student" in page
    assert "You picked B, but it is not reachable: it is garbage (unreachable)." in page
    assert "<code>A, B</code>" in page


def test_an_attempt_page_is_for_the_courses_teachers_only(client: Any, course: Course, answered: Exercise,
                                                          student: Any, other_student: Any, make_user: Any) -> None:
    attempt = student.attempts.first()
    url = reverse("analytics:attempt", args=[course.slug, attempt.pk])
    client.force_login(other_student)
    assert client.get(url).status_code == 403
    client.force_login(student)  # even their own: the student's page is the exercise itself
    assert client.get(url).status_code == 403
    other = Course.objects.create(title="Other", slug="other")
    teacher = make_user("other_teacher")
    Enrollment.objects.create(user=teacher, course=other, role=Enrollment.Role.TEACHER)
    client.force_login(teacher)
    assert client.get(reverse("analytics:attempt", args=[other.slug, attempt.pk])).status_code == 404


def test_the_schema_documents_the_statistics_endpoints(api_client_for: Any, teacher: Any) -> None:
    schema = api_client_for(teacher).get(reverse("api-schema"), HTTP_ACCEPT="application/json").json()
    assert "/api/courses/{slug}/statistics/" in schema["paths"]
    assert "/api/courses/{slug}/statistics/exercises/{exercise_id}/" in schema["paths"]
    components = schema["components"]["schemas"]
    assert "wrong_answers" in components["QuestionDetail"]["properties"]
    assert "discrimination" in components["Figures"]["properties"]


# --- bounded queries --------------------------------------------------------------------------------------------


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_students_questions_or_exercises(
    api_client_for: Any, client: Any, course: Course, teacher: Any, exercise: Exercise, enrolled: Any, answer: Any
) -> None:
    reachable, output = exercise.questions.order_by("order")
    client.force_login(teacher)
    api = api_client_for(teacher)
    urls = [*api_urls(course, exercise), *page_urls(course, exercise)]

    def add_students(first: int, count: int) -> None:
        for i in range(first, first + count):
            who = enrolled(f"s{i}")
            answer(who, reachable, {"objects": ["A", "B"] if i % 2 else ["A"]})
            answer(who, reachable, {"objects": ["A"]})
            answer(who, output, {"lines": [f"line {i}"]})

    add_students(0, 2)
    few = [_queries(api if u.startswith("/api/") else client, u) for u in urls]
    add_students(2, 6)
    module = Module.objects.create(course=course, order=2, title="M2")
    more = Exercise.objects.create(module=module, title="More", program=exercise.program, order=1)
    Question.objects.create(exercise=more, order=1, kind="output", prompt="?")
    from exercises import services

    services.exercise_publish(exercise=more)
    many = [_queries(api if u.startswith("/api/") else client, u) for u in urls]
    assert many == few
    assert max(many) <= 15
