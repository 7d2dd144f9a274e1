"""A teacher creates an assignment with a due date (yesterday) and late credit in the admin, with an extension for
one student; two students answer, one on time (the extension) and one late; the late student's page shows the
late credit; the teacher downloads the Canvas CSV from the gradebook and it holds both credited scores."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PROGRAM = """let kept = { tag: "kept" };
let lost = { tag: "lost" };
lost = null;
checkpoint("end");
"""
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def assignment_setup(teacher: Any, student: Any, other_student: Any, course: Any) -> Any:
    from django.contrib.auth.models import Permission

    from exercises import services
    from exercises.models import Exercise, Module, Question

    course.time_zone = "Europe/Paris"
    course.save()
    module = Module.objects.create(course=course, order=1, title="Reachability")
    exercise = Exercise.objects.create(module=module, order=1, title="Dropping a reference", program=PROGRAM)
    Question.objects.create(exercise=exercise, order=1, kind="reachable", checkpoint="end", points=3,
                            prompt="Which objects are reachable at the end?")
    services.exercise_publish(exercise=exercise)
    teacher.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["exercises", "assignments"])
                                 | Permission.objects.filter(codename="view_user"))
    return exercise


def log_in(page: Any, base: str, username: str, *, admin: bool = False) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/?next=/admin/" if admin else f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"pw-{username}")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/admin/" if admin else f"{base}/")


def answer(page: Any, base: str, exercise_id: int) -> Any:
    page.goto(f"{base}/exercises/{exercise_id}/")
    question = page.locator("article.question").first
    question.get_by_label("A", exact=True).check()
    question.get_by_role("button", name="Submit answer").click()
    question.locator(".result .status").filter(has_text="3 / 3").wait_for()
    return question


def test_teacher_sets_a_due_date_students_answer_on_time_and_late_and_canvas_gets_credited_scores(
    page: Any, live_server: Any, assignment_setup: Any
) -> None:
    base = live_server.url
    yesterday = (timezone.now().astimezone(PARIS) - timedelta(days=1)).date()
    in_a_week = yesterday + timedelta(days=8)

    # the teacher: an assignment due yesterday at noon (Paris), 50% for 7 days, and an extension for sam
    log_in(page, base, "tina_teacher", admin=True)
    page.goto(f"{base}/admin/assignments/assignment/add/")
    page.locator("#id_course").select_option(label="Memory 101")
    page.locator("#id_title").fill("Week 1")
    page.locator("#id_due_at_0").fill(yesterday.isoformat())
    page.locator("#id_due_at_1").fill("12:00:00")
    page.locator("#id_late_days").fill("7")
    page.locator("#id_late_credit").fill("50")
    page.locator("#id_items-0-exercise").select_option(label="Dropping a reference")
    page.locator("#extensions-group .add-row a").click()
    page.locator("#extensions-group .select2-selection").first.click()
    page.locator(".select2-search__field").fill("sam")
    page.locator(".select2-results__option", has_text="sam_student").click()
    page.locator("#id_extensions-0-due_at_0").fill(in_a_week.isoformat())
    page.locator("#id_extensions-0-due_at_1").fill("12:00:00")
    screenshot(page, "teacher-assignment-add")
    page.locator("input[name=_save]").click()
    page.get_by_text("was added successfully").wait_for()
    assert "50% for 7 day(s), then closed" in page.locator("#result_list").inner_text()

    from assignments.models import Assignment

    assignment = Assignment.objects.get()
    assert assignment.due_at.astimezone(PARIS).hour == 12 and assignment.extensions.count() == 1

    # olga: past due, so her page says what an answer earns now, and her graded answer shows the late credit
    log_in(page, base, "olga_student")
    page.goto(f"{base}/courses/memory-101/")
    assert "Late: 50% credit" in page.locator("[data-assignments]").inner_text()
    question = answer(page, base, assignment_setup.pk)
    banner = page.locator("[data-assignment-status]")
    assert banner.get_attribute("data-phase") == "late"
    assert "an answer now earns 50% of its score" in banner.inner_text()
    late_note = question.locator(".late-credit")
    assert late_note.inner_text() == "Submitted late: it earns 50% of its score, 1.5 / 3."
    assert "Best score: 1.5 / 3" in question.locator("[data-best]").inner_text()
    score_card = page.locator("[data-exercise-score]")
    assert "1.5 / 3 pts" in score_card.inner_text() and "1 of 1 question fully right" in score_card.inner_text()
    page.reload()  # the same from the server: fully right (completed), worth 1.5
    score_card.filter(has_text="1 of 1 question fully right").wait_for()
    # the server writes 1.50; the page's script, showing the last attempt's result at once (long poll), 1.5
    assert re.search(r"\b1\.50? / 3 pts", score_card.inner_text())
    screenshot(page, "student-late-credit")

    # sam: his extension makes him on time, with full credit
    log_in(page, base, "sam_student")
    question = answer(page, base, assignment_setup.pk)
    assert page.locator("[data-assignment-status]").get_attribute("data-phase") == "on_time"
    assert "Your extension" in page.locator("[data-assignment-status]").inner_text()
    assert question.locator(".late-credit").count() == 0

    # the teacher downloads the Canvas CSV from the gradebook
    log_in(page, base, "tina_teacher")
    page.goto(f"{base}/courses/memory-101/gradebook/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Canvas gradebook (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "memory-101-canvas.csv"
    with open(download.path(), encoding="utf-8") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", f"Week 1 ({assignment.pk})"]
    assert rows[1] == ["    Points Possible", "", "", "", "", "3"]
    assert {row[3]: row[5] for row in rows[2:]} == {"olga_student": "1.5", "sam_student": "3"}
