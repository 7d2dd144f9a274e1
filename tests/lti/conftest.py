"""Fixtures of the LTI tests: the test LMS platform (tests/lti/lti_platform.py) on localhost, registered with
memcourse as an admin would, and a launch driven through the Django test client as a browser would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.lti.lti_platform import TestPlatform, query_of, running_platform

TOOL = "http://testserver"  # the Django test client's host


def register(platform: TestPlatform, **extra: Any) -> Any:
    """Register the platform in memcourse with the values an LMS administrator gives (as the admin form saves them)."""
    from lti import services
    from lti.models import Platform

    registered = Platform.objects.create(
        name="Test LMS", issuer=platform.issuer, client_id=platform.client_id,
        deployment_ids=[platform.deployment_id], auth_login_url=platform.auth_login_url,
        auth_token_url=platform.token_url, key_set_url=platform.jwks_url, **extra,
    )
    return services.platform_keys_generate(platform=registered)


@pytest.fixture
def lms(db: Any, client: Any) -> Iterator[TestPlatform]:
    """The test LMS, registered; it reads the tool's keys from memcourse's own JWKS endpoint."""
    jwks: dict[str, Any] = {}
    with running_platform(tool_login_url=f"{TOOL}/lti/login/", tool_launch_url=f"{TOOL}/lti/launch/",
                          tool_jwks=lambda: jwks) as platform:
        platform.registered = register(platform)
        jwks.update(client.get("/lti/jwks.json").json())  # here, not in the platform's thread: the test's database
        yield platform


@pytest.fixture
def learner(lms: TestPlatform) -> Any:
    return lms.add_user("ada", given="Ada", family="Lovelace", role="Learner")


@pytest.fixture
def instructor(lms: TestPlatform) -> Any:
    return lms.add_user("grace", given="Grace", family="Hopper", role="Instructor")


def start_login(client: Any, lms: TestPlatform, login_hint: str, message_hint: str) -> dict[str, str]:
    """The platform starts the OIDC login; the tool redirects to the platform's authorization URL."""
    response = client.get("/lti/login/", lms.login_params(login_hint, message_hint))
    assert response.status_code == 302, response.content.decode()
    assert response["Location"].startswith(lms.auth_login_url), response["Location"]
    return query_of(response["Location"])


@pytest.fixture
def launch(client: Any, lms: TestPlatform) -> Callable[..., Any]:
    """The whole launch in the test client: login initiation, the platform's authorization, the form post."""

    def run(login_hint: str, message_hint: str) -> Any:
        redirect_uri, form = lms.authorize(start_login(client, lms, login_hint, message_hint))
        assert redirect_uri == f"{TOOL}/lti/launch/"
        return client.post("/lti/launch/", form)

    return run


# The real engine traces it; the reachable question is worth 2 (both objects right: 2, one of two: 1).
PROGRAM = 'let keep = { a: 1 };\nlet also = [1, 2];\nlet drop = { b: 2 };\ndrop = null;\ncheckpoint("A");\n'


@pytest.fixture
def exercise(course: Any, make_exercise: Callable[..., Any]) -> Any:
    return make_exercise(PROGRAM, [{"kind": "reachable", "checkpoint": "A", "points": 2}], title="Keep and drop")


@pytest.fixture
def linked(lms: TestPlatform, course: Any) -> Any:
    """The platform's new LMS courses join `course` (as its admin would set it)."""
    lms.registered.default_course = course
    lms.registered.save()
    return lms.registered
