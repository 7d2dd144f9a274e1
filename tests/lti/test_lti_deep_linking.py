"""Deep linking: an instructor's LtiDeepLinkingRequest shows a picker of the course's exercises; the choice goes back
as an LtiDeepLinkingResponse signed with the tool's key, which the test platform verifies before it creates the
link and its line item; a learner who then opens that link lands on the exercise."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import requests

from tests.lti.lti_platform import DL, LTI


def pick(client: Any, launch: Any, exercise: Any) -> tuple[str, str]:
    response = launch("grace", "deep-link:course-7")
    assert response.status_code == 302 and response["Location"] == "/lti/deep-link/"
    picker = client.get("/lti/deep-link/").content.decode()
    assert "Keep and drop" in picker and f'value="exercise:{exercise.pk}"' in picker
    page = client.post("/lti/deep-link/", {"item": f"exercise:{exercise.pk}"})
    assert page.status_code == 200
    html = page.content.decode()
    action = unescape(re.search(r'<form method="post" action="([^"]+)" data-lti-autosubmit', html).group(1))
    token = re.search(r'name="JWT" value="([^"]+)"', html).group(1)
    assert "lti/autosubmit.js" in html and "<script>" not in html  # no inline script (CSP)
    origin = action.removesuffix("/deep_link_return")
    assert page._csp_update == {"form-action": [origin]}  # the CSP lets this one form post to the LMS
    return action, token


def test_an_instructor_picks_an_exercise_and_the_platform_verifies_the_signed_response(
        client: Any, lms: Any, instructor: Any, launch: Any, linked: Any, exercise: Any) -> None:
    action, token = pick(client, launch, exercise)
    assert action == f"{lms.url}/deep_link_return"

    answer = requests.post(action, data={"JWT": token}, timeout=10)
    assert answer.status_code == 200, answer.text
    (claims,) = lms.recorded.deep_link_responses
    assert claims["iss"] == lms.client_id and claims["aud"] == [lms.issuer]
    assert claims[LTI + "message_type"] == "LtiDeepLinkingResponse"
    assert claims[DL + "data"] == "opaque-platform-data"
    (item,) = claims[DL + "content_items"]
    assert item["type"] == "ltiResourceLink" and item["url"] == "http://testserver/lti/launch/"
    assert item["title"] == "Keep and drop" and item["custom"] == {"memcourse_exercise": str(exercise.pk)}
    assert item["lineItem"]["scoreMaximum"] == 2.0 and item["lineItem"]["label"] == "Keep and drop"
    link = lms.links[item["created_link"]]
    assert lms.lineitems[link.lineitem]["scoreMaximum"] == 2.0


def test_a_response_the_tool_did_not_sign_is_refused_by_the_platform(client: Any, lms: Any, instructor: Any,
                                                                      launch: Any, linked: Any, exercise: Any) -> None:
    action, token = pick(client, launch, exercise)
    header, body, signature = token.split(".")
    tampered = f"{header}.{body}.{signature[::-1]}"
    assert requests.post(action, data={"JWT": tampered}, timeout=10).status_code == 400
    assert lms.recorded.deep_link_responses == []


def test_the_learner_opens_the_deep_linked_link_and_lands_on_the_exercise(client: Any, lms: Any, instructor: Any,
                                                                         learner: Any, launch: Any, linked: Any,
                                                                         exercise: Any) -> None:
    from lti.models import ResourceLink

    action, token = pick(client, launch, exercise)
    requests.post(action, data={"JWT": token}, timeout=10).raise_for_status()
    (link_id,) = [i["created_link"] for i in lms.recorded.deep_link_responses[0][DL + "content_items"]]
    client.logout()
    response = launch("ada", f"link:{link_id}")
    assert response["Location"] == f"/exercises/{exercise.pk}/"
    assert ResourceLink.objects.get(resource_link_id=link_id).lineitem_url == lms.links[link_id].lineitem


def test_the_picker_needs_a_deep_linking_launch(client: Any, teacher: Any) -> None:
    client.force_login(teacher)
    response = client.get("/lti/deep-link/")
    assert response.status_code == 400 and "no deep-linking request" in response.content.decode()


def test_a_choice_outside_the_course_is_refused_with_the_picker_again(client: Any, lms: Any, instructor: Any,
                                                                      launch: Any, linked: Any, exercise: Any) -> None:
    launch("grace", "deep-link:course-7")
    response = client.post("/lti/deep-link/", {"item": "exercise:999999"})
    assert response.status_code == 400 and "Choose one of the exercises or assignments" in response.content.decode()
