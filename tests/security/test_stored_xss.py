"""Stored XSS: everything a teacher or a user can write comes back escaped or sanitised, on every page that shows
it and in the scripts that draw it. A teacher writes a course, module, lesson, exercise title, instructions, a
question prompt, a checkpoint name and a program (whose strings, output and checkpoint names the pages and the
memory player show); a visitor writes playground programs; a student's answers are shown back to them.

The payload tries a script element, an event handler and a marker element; the pages must show it as text (or
sanitise it away in Markdown), never as markup. In the browser, no marker element may appear and nothing it
carries may run (the CSP would block a script anyway: these tests check the escaping beneath it)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from tests.e2e.conftest import browser  # noqa: F401  (the module's Chromium)

pytestmark = pytest.mark.django_db(transaction=True)

PAYLOAD = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2"><b class="xss-probe">probe</b>'
# What must never come back in an HTML page: the pieces of the payload as markup.
RAW = ["<script>window.__xss", "onerror=\"window.__xss", 'class="xss-probe"', "<img src=x"]

PROGRAM = """const note = {{ text: {} }};
console.log(note.text);
checkpoint({});
""".format(json.dumps(PAYLOAD), json.dumps("cp" + PAYLOAD))


def assert_escaped(html: str, where: str) -> None:
    found = [piece for piece in RAW if piece in html]
    assert not found, f"{where}: {found}"


@pytest.fixture
def hostile_course(course: Any, teacher: Any, student: Any) -> Any:
    from django.contrib.auth.models import Permission

    from exercises import services
    from exercises.models import Exercise, Module, Question

    teacher.user_permissions.set(Permission.objects.filter(content_type__app_label="exercises"))
    course.title, course.description = "Course " + PAYLOAD, "About " + PAYLOAD
    course.save()
    module = Module.objects.create(course=course, order=1, title="Module " + PAYLOAD, lesson="Lesson " + PAYLOAD)
    exercise = Exercise.objects.create(module=module, order=1, title="Exercise " + PAYLOAD, program=PROGRAM,
                                       instructions="Read " + PAYLOAD)
    Question.objects.create(exercise=exercise, order=1, kind="reachable", checkpoint="cp" + PAYLOAD, points=1,
                            prompt="Prompt " + PAYLOAD)
    Question.objects.create(exercise=exercise, order=2, kind="output", points=1, prompt="What does it print?")
    services.exercise_publish(exercise=exercise)
    return exercise


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_page_shows_what_teachers_wrote_as_text(hostile_course: Any, teacher: Any, student: Any) -> None:
    exercise = hostile_course
    slug = exercise.module.course.slug
    pages = {
        student: ["/courses/", f"/courses/{slug}/", f"/exercises/{exercise.pk}/"],
        teacher: [f"/courses/{slug}/gradebook/", f"/exercises/{exercise.pk}/",
                  f"/admin/exercises/exercise/{exercise.pk}/change/", "/admin/exercises/exercise/",
                  f"/admin/exercises/course/{exercise.module.course.pk}/change/", "/admin/exercises/question/"],
    }
    for user, urls in pages.items():
        client = logged_in(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code in (200, 404), url  # a model without an admin page is fine
            assert_escaped(response.content.decode(), url)


def test_the_gradebook_csv_never_starts_a_cell_with_a_formula(hostile_course: Any, teacher: Any,
                                                               make_user: Any) -> None:
    from exercises.models import Enrollment

    hostile_course.title = '=HYPERLINK("https://evil.example","x")'
    hostile_course.save()
    Enrollment.objects.create(user=make_user("-2+3"), course=hostile_course.module.course)
    csv_text = logged_in(teacher).get(f"/courses/{hostile_course.module.course.slug}/gradebook.csv")
    lines = b"".join(csv_text.streaming_content).decode().splitlines()
    assert lines[0].split(",")[1].startswith("\"'=HYPERLINK(")
    assert lines[1].startswith("'-2+3,")


def test_a_saved_playground_program_and_a_students_answer_come_back_as_text(hostile_course: Any, student: Any) -> None:
    client = Client()
    saved = client.post("/playground/save/", json.dumps({"source": PROGRAM}), content_type="application/json")
    assert_escaped(client.get(f"/playground/{saved.json()['id']}/").content.decode(), "permalink")
    output = hostile_course.questions.get(order=2)
    mine = logged_in(student)
    answered = mine.post("/api/attempts/", json.dumps({"question": output.pk, "answer": {"lines": [PAYLOAD]}}),
                         content_type="application/json")
    assert answered.status_code == 202
    assert_escaped(mine.get(f"/exercises/{hostile_course.pk}/").content.decode(), "exercise page after answering")


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def assert_inert(page: Any) -> None:
    assert page.evaluate("document.querySelectorAll('.xss-probe').length") == 0, page.url
    assert page.evaluate("window.__xss === undefined"), page.url


def to_checkpoint(page: Any, player: Any) -> None:
    """Step the player to the hostile checkpoint, where the note object is drawn."""
    select = player.locator("select.mv-checkpoints")
    select.wait_for()
    select.select_option(value=select.locator("option", has_text="cp<script>").first.get_attribute("value"))
    player.locator("[data-mv-object]").first.wait_for()


def test_the_scripts_draw_hostile_text_as_text(page: Any, live_server: Any, hostile_course: Any, student: Any) -> None:
    base = live_server.url
    page.goto(f"{base}/playground/")
    page.locator("textarea").first.fill(PROGRAM)
    page.get_by_role("button", name="Run").first.click()
    to_checkpoint(page, page.locator(".mv-player"))
    assert PAYLOAD in page.locator(".mv-player").inner_text()  # shown, as text
    assert_inert(page)

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill("sam_student")
    page.get_by_label("Password").fill("pw-sam_student")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/exercises/{hostile_course.pk}/")
    output = page.locator("article.question").nth(1)
    output.locator("textarea").first.fill(PAYLOAD)
    output.get_by_role("button", name="Submit answer").click()
    output.locator(".result .status").filter(has_text="1 / 1").wait_for()
    first = page.locator("article.question").first
    first.get_by_label("A", exact=True).check()
    first.get_by_role("button", name="Submit answer").click()
    first.locator("[data-feedback-diagram] [data-mv-object]").first.wait_for()
    page.locator("[data-player-open]").click()
    to_checkpoint(page, page.locator("[data-player]"))
    assert_inert(page)
