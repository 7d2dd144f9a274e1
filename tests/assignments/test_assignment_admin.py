"""Assignments in the admin: dates entered in the course's time zone and stored in UTC, impossible local times
refused, exercises of the teacher's own courses only, extensions inline."""

from datetime import UTC, datetime
from typing import Any

import pytest
from django.contrib.auth.models import Permission

from assignments.models import Assignment, Extension
from exercises.models import Course, Exercise, Module


@pytest.fixture
def author(teacher: Any) -> Any:
    teacher.user_permissions.add(*Permission.objects.filter(content_type__app_label__in=["exercises", "assignments"]))
    return teacher


@pytest.fixture
def paris(course: Course) -> Course:
    course.time_zone = "Europe/Paris"
    course.save()
    return course


def form(course: Course, exercises: list[Any], *, due: tuple[str, str], opens: tuple[str, str] = ("", ""),
         extensions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "course": course.pk, "title": "Week 1", "opens_at_0": opens[0], "opens_at_1": opens[1],
        "due_at_0": due[0], "due_at_1": due[1], "late_days": 7, "late_credit": 50,
        "items-TOTAL_FORMS": len(exercises), "items-INITIAL_FORMS": 0, "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
        "extensions-TOTAL_FORMS": len(extensions or []), "extensions-INITIAL_FORMS": 0,
        "extensions-MIN_NUM_FORMS": 0, "extensions-MAX_NUM_FORMS": 1000,
    }
    for i, exercise in enumerate(exercises):
        data.update({f"items-{i}-order": i + 1, f"items-{i}-exercise": exercise.pk})
    for i, extension in enumerate(extensions or []):
        data.update({f"extensions-{i}-{key}": value for key, value in extension.items()})
    return data


@pytest.mark.django_db
def test_a_teacher_creates_an_assignment_with_dates_in_the_course_time_zone(
    client: Any, author: Any, paris: Course, exercise: Any
) -> None:
    client.force_login(author)
    response = client.post("/admin/assignments/assignment/add/",
                           form(paris, [exercise], due=("2024-10-15", "23:59:00"), opens=("2024-10-08", "09:00:00")))
    assert response.status_code == 302, response.content.decode()
    assignment = Assignment.objects.get()
    assert assignment.due_at == datetime(2024, 10, 15, 21, 59, tzinfo=UTC)
    assert assignment.opens_at == datetime(2024, 10, 8, 7, 0, tzinfo=UTC)
    assert [item.exercise for item in assignment.items.all()] == [exercise]
    page = client.get(f"/admin/assignments/assignment/{assignment.pk}/change/").content.decode()
    assert 'name="due_at_1" value="23:59:00"' in page  # shown again in Paris time, not in UTC
    assert "Europe/Paris (the course&#x27;s time zone)" in page
    listing = client.get("/admin/assignments/assignment/").content.decode()
    assert "Tue 15 Oct 2024, 23:59 CEST" in listing and "50% for 7 day(s), then closed" in listing


@pytest.mark.django_db
def test_a_local_time_that_does_not_exist_is_refused(client: Any, author: Any, paris: Course, exercise: Any) -> None:
    client.force_login(author)  # 31 March 2024, Paris: the clocks jump from 02:00 to 03:00
    response = client.post("/admin/assignments/assignment/add/", form(paris, [exercise], due=("2024-03-31", "02:30:00")))
    assert response.status_code == 200
    assert "couldn’t be interpreted in time zone Europe/Paris" in response.content.decode()
    assert not Assignment.objects.exists()


@pytest.mark.django_db
def test_the_admin_refuses_an_opening_after_the_due_time(client: Any, author: Any, course: Course,
                                                         exercise: Any) -> None:
    client.force_login(author)
    data = form(course, [exercise], due=("2024-10-15", "12:00:00"), opens=("2024-10-16", "12:00:00"))
    response = client.post("/admin/assignments/assignment/add/", data)
    assert response.status_code == 200
    assert "The opening time must be before the due time." in response.content.decode()
    assert not Assignment.objects.exists()


@pytest.mark.django_db
def test_an_impossible_rule_is_said_once_in_the_rule_s_words_not_as_a_violated_constraint(
    client: Any, author: Any, course: Course, exercise: Any
) -> None:
    client.force_login(author)
    data = form(course, [exercise], due=("2024-10-15", "12:00:00"), opens=("2024-10-16", "12:00:00"))
    data["late_credit"] = 150
    response = client.post("/admin/assignments/assignment/add/", data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert list(errors) == ["The opening time must be before the due time.", "Late credit is a percentage from 0 to 100."]
    assert "is violated" not in response.content.decode()
    assert not Assignment.objects.exists()


@pytest.mark.django_db
def test_an_exercise_already_in_another_assignment_is_refused_with_that_assignment_s_name(
    client: Any, author: Any, course: Course, exercise: Any
) -> None:
    client.force_login(author)
    assert client.post("/admin/assignments/assignment/add/", form(course, [exercise], due=("2024-10-15", "12:00"))
                       ).status_code == 302
    data = {**form(course, [exercise], due=("2024-10-22", "12:00")), "title": "Week 2"}
    response = client.post("/admin/assignments/assignment/add/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert (f"&quot;{exercise}&quot; is already in the assignment &quot;Week 1&quot;: an exercise belongs to one "
            "assignment at most, whose dates decide what its answers earn.") in page
    assert "already exists" not in page
    assert list(Assignment.objects.values_list("title", flat=True)) == ["Week 1"]
    # and the assignment that has it may still be saved with it
    week = Assignment.objects.get()
    item = week.items.get()
    change = {**form(course, [], due=("2024-10-15", "12:00")), "items-TOTAL_FORMS": 1, "items-INITIAL_FORMS": 1,
              "items-0-id": item.pk, "items-0-assignment": week.pk, "items-0-order": 1,
              "items-0-exercise": exercise.pk, "title": "Week 1 (renamed)"}
    response = client.post(f"/admin/assignments/assignment/{week.pk}/change/", change)
    assert response.status_code == 302, response.content.decode()
    assert Assignment.objects.get().title == "Week 1 (renamed)"


@pytest.mark.django_db
def test_the_admin_refuses_an_exercise_of_another_course(client: Any, admin_client: Any, course: Course,
                                                         heap_program: str) -> None:
    other = Course.objects.create(title="Other", slug="other")
    foreign = Exercise.objects.create(module=Module.objects.create(course=other, title="M"), title="Foreign",
                                      program=heap_program)
    response = admin_client.post("/admin/assignments/assignment/add/", form(course, [foreign], due=("2024-10-15", "12:00")))
    assert response.status_code == 200
    assert "&quot;Foreign&quot; is not an exercise of Memory 101." in response.content.decode()
    assert not Assignment.objects.exists()


@pytest.mark.django_db
def test_an_extension_is_added_inline(client: Any, author: Any, course: Course, exercise: Any, student: Any) -> None:
    client.force_login(author)
    extension = {"student": student.pk, "due_at_0": "2024-10-20", "due_at_1": "12:00:00", "reason": "ill"}
    response = client.post("/admin/assignments/assignment/add/",
                           form(course, [exercise], due=("2024-10-15", "12:00:00"), extensions=[extension]))
    assert response.status_code == 302, response.content.decode()
    saved = Extension.objects.get()
    assert (saved.student, saved.due_at, saved.late_days) == (student, datetime(2024, 10, 20, 12, tzinfo=UTC), None)


@pytest.mark.django_db
def test_an_extension_for_someone_not_a_student_is_refused(client: Any, author: Any, course: Course, exercise: Any,
                                                          outsider: Any) -> None:
    client.force_login(author)
    extension = {"student": outsider.pk, "due_at_0": "2024-10-20", "due_at_1": "12:00:00"}
    response = client.post("/admin/assignments/assignment/add/",
                           form(course, [exercise], due=("2024-10-15", "12:00:00"), extensions=[extension]))
    assert response.status_code == 200
    assert "oscar_outsider is not a student of Memory 101." in response.content.decode()


@pytest.mark.django_db
def test_teachers_see_only_the_assignments_of_their_courses(client: Any, author: Any, make_assignment: Any,
                                                            exercise: Any) -> None:
    mine = make_assignment([exercise], due_at=datetime(2024, 10, 15, tzinfo=UTC), title="Mine")
    other = Course.objects.create(title="Other", slug="other")
    theirs = Assignment.objects.create(course=other, title="Theirs", due_at=datetime(2024, 10, 15, tzinfo=UTC))
    client.force_login(author)
    listing = client.get("/admin/assignments/assignment/").content.decode()
    assert "Mine" in listing and "Theirs" not in listing
    assert client.get(f"/admin/assignments/assignment/{mine.pk}/change/").status_code == 200
    assert client.get(f"/admin/assignments/assignment/{theirs.pk}/change/").status_code == 302


@pytest.mark.django_db
def test_a_course_time_zone_is_checked_in_the_admin_and_empty_means_utc(admin_client: Any) -> None:
    data = {"title": "New", "slug": "new", "description": "", "modules-TOTAL_FORMS": 0, "modules-INITIAL_FORMS": 0,
            "modules-MIN_NUM_FORMS": 0, "modules-MAX_NUM_FORMS": 1000}
    refused = admin_client.post("/admin/exercises/course/add/", {**data, "time_zone": "Mars/Olympus_Mons"})
    assert refused.status_code == 200
    assert "&quot;Mars/Olympus_Mons&quot; is not an IANA time zone" in refused.content.decode()
    assert admin_client.post("/admin/exercises/course/add/", {**data, "time_zone": ""}).status_code == 302
    assert Course.objects.get(slug="new").time_zone == "UTC"


@pytest.mark.django_db
def test_the_exercise_picker_groups_the_teacher_s_exercises_by_module(client: Any, author: Any, course: Course,
                                                                     exercise: Any) -> None:
    later = Module.objects.create(course=course, order=9, title="Closures")
    Exercise.objects.create(module=later, order=1, title="One scope per call", program="let a = 1;")
    other = Course.objects.create(title="Other", slug="other")
    Exercise.objects.create(module=Module.objects.create(course=other, order=1, title="Theirs"), order=1,
                            title="Not yours", program="let b = 2;")
    client.force_login(author)
    html = client.get("/admin/assignments/assignment/add/").content.decode()
    picker = html[html.index('name="items-0-exercise"'):]
    picker = picker[:picker.index("</select>")]
    assert f'<optgroup label="{course.title} · {exercise.module.title}">' in picker
    assert f'<optgroup label="{course.title} · Closures">' in picker and ">One scope per call</option>" in picker
    assert picker.index(exercise.module.title) < picker.index("Closures")
    assert "Not yours" not in picker
