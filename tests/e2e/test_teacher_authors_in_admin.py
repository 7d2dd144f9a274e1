"""A teacher logs into the admin, creates an exercise with a question, sees its derived answer key, and downloads
the course's grades as CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PROGRAM = """let kept = { tag: "kept" };
let lost = { tag: "lost" };
lost = null;
checkpoint("end");
"""


@pytest.fixture
def authoring_teacher(teacher: Any, course: Any) -> Any:
    from django.contrib.auth.models import Permission

    from exercises.models import Module

    Module.objects.create(course=course, order=1, title="Basics")
    teacher.user_permissions.set(Permission.objects.filter(content_type__app_label="exercises"))
    return teacher


def test_teacher_creates_an_exercise_sees_its_key_and_downloads_grades(
    page: Any, live_server: Any, authoring_teacher: Any, student: Any, course: Any
) -> None:
    base = live_server.url
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("tina_teacher")
    page.get_by_label("Password").fill("pw-tina_teacher")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/admin/")

    page.goto(f"{base}/admin/exercises/exercise/add/")
    page.locator("#id_module").select_option(label="Basics")
    page.locator("#id_title").fill("Dropping a reference")
    page.locator("#id_program").fill(PROGRAM)
    page.locator("#id_published").check()
    screenshot(page, "teacher-admin-add")
    page.locator(".add-row a").first.click()
    page.locator("#id_questions-0-kind").select_option("reachable")
    page.locator("#id_questions-0-checkpoint").fill("end")
    page.locator("#id_questions-0-prompt").fill("Which objects are reachable at the end?")
    page.locator("#id_questions-0-points").fill("2")
    page.locator("input[name=_continue]").click()

    page.get_by_text("every question has an answer key").wait_for()
    key = page.locator(".answer-key").first
    assert key.inner_text() == "objects: A"
    screenshot(page, "teacher-admin-key")

    # the memory at the checkpoint, previewed with the students' labels: kept (A) reachable, lost (B) garbage
    preview = page.locator(".memory-preview [data-preview-checkpoint='0']")
    assert "Checkpoint “end” at line 4 (1 of 1)" in preview.locator("figcaption").inner_text()
    kept, lost = preview.locator('[data-mv-object="1:12#1"]'), preview.locator('[data-mv-object="2:12#1"]')
    kept.wait_for()
    assert "A" in (kept.text_content() or "") and "B" in (lost.text_content() or "")
    assert "mv-garbage" in (lost.get_attribute("class") or "")
    assert "mv-garbage" not in (kept.get_attribute("class") or "")
    preview.scroll_into_view_if_needed()
    screenshot(page, "teacher-admin-preview")

    from exercises import services
    from exercises.models import Attempt, Exercise

    exercise = Exercise.objects.get(title="Dropping a reference")
    assert exercise.published
    services.attempt_submit(student=student, question=exercise.questions.get(), answer={"objects": ["A"]})
    assert Attempt.objects.get(student=student).status == Attempt.Status.GRADED

    page.goto(f"{base}/courses/{course.slug}/gradebook/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download grades (CSV)").click()
    download = download_info.value
    rows = list(csv.reader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert rows[0][0] == "student"
    assert any("Dropping a reference" in header for header in rows[0])
    assert rows[1:] == [["sam_student", "2.0", "2.0"]]
    screenshot(page, "teacher-gradebook")
