"""The launch's facts and the role mapping (lti/claims.py): pure, on claim bodies as platforms send them."""

from __future__ import annotations

from typing import Any

import pytest

from lti.claims import LaunchRefused, course_role, launch_from_claims

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
LIS = "http://purl.imsglobal.org/vocab/lis/v2/"


def body(roles: list[str], **extra: Any) -> dict[str, Any]:
    return {"iss": "https://lms.example", "aud": "client-1", "sub": "u1", LTI + "roles": roles,
            LTI + "message_type": "LtiResourceLinkRequest", LTI + "context": {"id": "c1", "label": "CS1"}, **extra}


@pytest.mark.parametrize(("roles", "role"), [
    ([LIS + "membership#Instructor"], "teacher"),
    ([LIS + "membership#Administrator"], "teacher"),
    ([LIS + "membership/Instructor#TeachingAssistant"], "teacher"),
    ([LIS + "institution/person#Student", LIS + "membership#Instructor"], "teacher"),
    ([LIS + "membership#Learner"], "student"),
    ([LIS + "institution/person#Student"], "student"),
    (["Learner"], "student"),
])
def test_roles_map_to_teacher_or_student(roles: list[str], role: str) -> None:
    assert course_role(launch_from_claims(body(roles))) == role


def test_an_institution_instructor_who_is_not_an_instructor_of_the_course_is_not_a_teacher() -> None:
    with pytest.raises(LaunchRefused, match="your role in this LMS course is: Instructor"):
        course_role(launch_from_claims(body([LIS + "institution/person#Instructor"])))


def test_a_launch_without_a_course_is_refused() -> None:
    with pytest.raises(LaunchRefused, match="no course"):
        launch_from_claims({**body([]), LTI + "context": "not an object"})


def test_the_context_title_falls_back_to_its_label_and_the_audience_may_be_a_list() -> None:
    launch = launch_from_claims(body([], aud=["client-1", "other"]))
    assert (launch.client_id, launch.context_title) == ("client-1", "CS1")


def test_an_ags_claim_without_scopes_or_urls_gives_no_grade_endpoint() -> None:
    ags = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
    assert launch_from_claims(body([], **{ags: {"scope": [], "lineitem": "https://x/li/1"}})).ags is None
    assert launch_from_claims(body([], **{ags: {"scope": ["s"]}})).ags is None
    endpoint = launch_from_claims(body([], **{ags: {"scope": ["s"], "lineitems": "https://x/li"}})).ags
    assert endpoint is not None and (endpoint.lineitems_url, endpoint.lineitem_url) == ("https://x/li", "")
