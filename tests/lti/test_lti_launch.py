"""A launch from the LMS: OIDC login, the id_token validated, the user and course created or matched (issuer + sub,
context id), roles mapped to enrollments, the user signed in and sent to the linked exercise or the course."""

from __future__ import annotations

from typing import Any

import pytest

from tests.lti.lti_platform import ROLE


def signed_in_user(client: Any) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def test_a_learner_launch_creates_the_user_and_the_course_and_enrolls_a_student(client: Any, lms: Any, learner: Any,
                                                                                 launch: Any) -> None:
    from exercises.models import Enrollment
    from lti.models import ContextMember, LtiContext, LtiUser

    link = lms.add_link(title="Week 1")
    response = launch("ada", f"link:{link.id}")

    context = LtiContext.objects.get()
    assert (context.context_id, context.title, context.course.title) == ("course-7", "Intro to memory (LMS)",
                                                                        "Intro to memory (LMS)")
    assert response.status_code == 302 and response["Location"] == f"/courses/{context.course.slug}/"
    user = signed_in_user(client)
    assert LtiUser.objects.get().user == user and LtiUser.objects.get().sub == learner.sub
    assert (user.first_name, user.last_name, user.email) == ("Ada", "Lovelace", "ada@lms.example")
    assert user.username.startswith("ada-lovelace-") and not user.has_usable_password()
    assert Enrollment.objects.get(user=user).role == "student"
    assert ContextMember.objects.get().role == "student"
    page = client.get(response["Location"])
    # the name the LMS gave, not the account's generated user name (kept in the title)
    assert page.status_code == 200
    assert f'Signed in as <strong title="{user.username}">Ada Lovelace</strong>' in page.content.decode()


def test_a_second_launch_matches_the_same_user_and_course(client: Any, lms: Any, learner: Any, launch: Any) -> None:
    from django.contrib.auth import get_user_model

    from exercises.models import Course, Enrollment

    link = lms.add_link(title="Week 1")
    launch("ada", f"link:{link.id}")
    first = signed_in_user(client)
    client.logout()
    learner.family_name = "King"
    launch("ada", f"link:{link.id}")
    assert signed_in_user(client) == first
    assert get_user_model().objects.count() == 1 and Course.objects.count() == 1 and Enrollment.objects.count() == 1
    first.refresh_from_db()
    assert first.last_name == "King"


def test_the_same_sub_from_another_issuer_is_another_user(client: Any, lms: Any, learner: Any, launch: Any) -> None:
    from lti.models import LtiUser, Platform

    other = Platform.objects.create(name="Other", issuer="https://other.example", client_id=lms.client_id,
                                    auth_login_url="https://other.example/a", auth_token_url="https://other.example/t",
                                    key_set_url="https://other.example/k")
    link = lms.add_link(title="Week 1")
    launch("ada", f"link:{link.id}")
    assert LtiUser.objects.get().platform == lms.registered and not LtiUser.objects.filter(platform=other).exists()


def test_an_instructor_launch_enrolls_a_teacher(client: Any, lms: Any, instructor: Any, launch: Any) -> None:
    from exercises.models import Enrollment

    link = lms.add_link(title="Week 1")
    launch("grace", f"link:{link.id}")
    enrollment = Enrollment.objects.get(user=signed_in_user(client))
    assert enrollment.role == "teacher"
    assert client.get(f"/courses/{enrollment.course.slug}/gradebook/").status_code == 200


def test_a_learner_made_instructor_in_the_lms_becomes_a_teacher_at_the_next_launch(client: Any, lms: Any,
                                                                                  learner: Any, launch: Any) -> None:
    from exercises.models import Enrollment

    link = lms.add_link(title="Week 1")
    launch("ada", f"link:{link.id}")
    learner.roles = [ROLE + "Instructor"]
    launch("ada", f"link:{link.id}")
    assert Enrollment.objects.get().role == "teacher"


def test_a_new_lms_course_joins_the_platforms_default_course(client: Any, lms: Any, learner: Any, launch: Any,
                                                             course: Any) -> None:
    from exercises.models import Course, Enrollment

    lms.registered.default_course = course
    lms.registered.save()
    link = lms.add_link(title="Week 1")
    response = launch("ada", f"link:{link.id}")
    assert response["Location"] == f"/courses/{course.slug}/"
    assert Course.objects.count() == 1 and Enrollment.objects.get(user=signed_in_user(client)).course == course


def test_a_link_with_an_exercise_opens_it_and_keeps_its_grade_endpoint(client: Any, lms: Any, learner: Any,
                                                                        launch: Any, linked: Any, exercise: Any) -> None:
    from lti.models import ResourceLink

    link = lms.add_link(title="Exercise", custom={"memcourse_exercise": str(exercise.pk)}, lineitem_points=2)
    response = launch("ada", f"link:{link.id}")
    assert response["Location"] == f"/exercises/{exercise.pk}/"
    stored = ResourceLink.objects.get()
    assert (stored.resource_link_id, stored.exercise, stored.lineitem_url) == (link.id, exercise, link.lineitem)
    assert stored.lineitems_url == lms.lineitems_url("course-7") and "scope/score" in " ".join(stored.ags_scopes)
    assert client.get(response["Location"]).status_code == 200


def test_a_link_to_an_exercise_of_another_course_is_refused(client: Any, lms: Any, learner: Any, launch: Any,
                                                           exercise: Any) -> None:
    link = lms.add_link(title="Elsewhere", custom={"memcourse_exercise": str(exercise.pk)})
    response = launch("ada", f"link:{link.id}")  # the context gets a new course of its own, without that exercise
    assert response.status_code == 403
    assert "which is not in the course" in response.content.decode()


@pytest.mark.parametrize("role", ["Mentor", "urn:lti:role:ims/lis/Guest"])
def test_a_role_that_is_neither_instructor_nor_learner_is_refused_with_a_page_saying_so(
        client: Any, lms: Any, launch: Any, role: str) -> None:
    from exercises.models import Enrollment

    lms.add_user("mo", given="Mo", family="Mentor", role=role)
    if ":" in role:
        lms.users["mo"].roles = [role]
    link = lms.add_link(title="Week 1")
    response = launch("mo", f"link:{link.id}")
    assert response.status_code == 403
    assert "memcourse admits instructors and learners" in response.content.decode()
    assert not Enrollment.objects.exists() and "_auth_user_id" not in client.session


def test_the_lms_s_ids_for_the_student_fill_the_canvas_csv_identity_columns(client: Any, lms: Any,
                                                                             launch: Any) -> None:
    import csv
    import io

    from django.contrib.auth import get_user_model

    from exercises.models import Enrollment
    from lti.models import LtiUser

    lms.add_user("ada", given="Ada", family="Lovelace", role="Learner", sis_id="S-1815",
                 custom={"canvas_user_id": "101", "canvas_user_login_id": "ada.lovelace"})
    lms.add_user("bea", given="Bea", family="Unknown", role="Learner", custom={"canvas_user_id": "$Canvas.user.id"})
    link = lms.add_link(title="Week 1")
    launch("ada", f"link:{link.id}")
    ada = LtiUser.objects.get(name="Ada Lovelace")
    assert (ada.lms_user_id, ada.sis_user_id, ada.lms_login_id) == ("101", "S-1815", "ada.lovelace")
    client.logout()
    launch("bea", f"link:{link.id}")
    bea = LtiUser.objects.get(name="Bea Unknown")
    assert (bea.lms_user_id, bea.sis_user_id, bea.lms_login_id) == ("", "", "")  # an unexpanded field is no id

    course = Enrollment.objects.get(user=ada.user).course
    teacher = get_user_model().objects.create_user("tia", password="pw")
    Enrollment.objects.create(user=teacher, course=course, role=Enrollment.Role.TEACHER)
    client.force_login(teacher)
    response = client.get(f"/courses/{course.slug}/exports/canvas.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    identity = {row[0]: row[1:5] for row in rows[2:]}
    assert identity["Lovelace, Ada"] == ["101", "S-1815", "ada.lovelace", ""]
    assert identity["Unknown, Bea"] == ["", "", bea.user.username, ""]  # matched by its memcourse name, as before
