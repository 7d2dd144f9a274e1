"""A launch that is not what the platform signed (forged, expired, replayed elsewhere, a wrong state or nonce, an
unknown deployment) gets an error page that says what is wrong, 400 or 403, never a 500, and signs nobody in."""

from __future__ import annotations

import time
from typing import Any

import pytest
from jwcrypto.jwk import JWK

from tests.lti.conftest import start_login


@pytest.fixture
def login(client: Any, lms: Any, learner: Any) -> dict[str, str]:
    """A started login: the state and nonce the tool chose, as the platform's authorization endpoint sees them."""
    lms.add_link(title="Week 1")
    return start_login(client, lms, "ada", "link:link-1")


def post_launch(client: Any, form: dict[str, str]) -> Any:
    response = client.post("/lti/launch/", form)
    assert "_auth_user_id" not in client.session
    return response


def refused(response: Any, status: int, words: str) -> None:
    text = response.content.decode()
    assert response.status_code == status, text
    assert "memcourse could not open this from your LMS" in text and words in text, text


def test_a_token_signed_with_another_key_is_refused(client: Any, lms: Any, login: dict[str, str]) -> None:
    forged = lms.sign(lms.claims("ada", "link:link-1", login["nonce"]), key=JWK.generate(kty="RSA", size=2048))
    refused(post_launch(client, {"id_token": forged, "state": login["state"]}), 403, "Signature verification failed")


def test_a_token_whose_claims_were_changed_after_signing_is_refused(client: Any, lms: Any,
                                                                    login: dict[str, str]) -> None:
    import base64
    import json

    header, _, signature = lms.sign(lms.claims("ada", "link:link-1", login["nonce"])).split(".")
    claims = lms.claims("ada", "link:link-1", login["nonce"])
    claims["https://purl.imsglobal.org/spec/lti/claim/roles"] = ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"]
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    refused(post_launch(client, {"id_token": f"{header}.{body}.{signature}", "state": login["state"]}), 403,
            "Signature verification failed")


def test_an_expired_token_is_refused(client: Any, lms: Any, login: dict[str, str]) -> None:
    claims = lms.claims("ada", "link:link-1", login["nonce"])
    claims["iat"], claims["exp"] = int(time.time()) - 600, int(time.time()) - 300
    refused(post_launch(client, {"id_token": lms.sign(claims), "state": login["state"]}), 403, "Signature has expired")


def test_a_token_without_an_expiry_is_refused(client: Any, lms: Any, login: dict[str, str]) -> None:
    claims = lms.claims("ada", "link:link-1", login["nonce"])
    del claims["exp"]
    refused(post_launch(client, {"id_token": lms.sign(claims), "state": login["state"]}), 403, "exp")


def test_a_wrong_nonce_is_refused(client: Any, lms: Any, login: dict[str, str]) -> None:
    token = lms.sign(lms.claims("ada", "link:link-1", "a-nonce-the-tool-never-issued"))
    refused(post_launch(client, {"id_token": token, "state": login["state"]}), 403, "Invalid Nonce")


def test_a_wrong_state_is_refused(client: Any, lms: Any, login: dict[str, str]) -> None:
    token = lms.sign(lms.claims("ada", "link:link-1", login["nonce"]))
    refused(post_launch(client, {"id_token": token, "state": "state-somebody-elses"}), 403, "State not found")


def test_a_launch_from_another_browser_has_no_state_cookie_and_is_refused(client: Any, lms: Any,
                                                                         login: dict[str, str]) -> None:
    from django.test import Client

    redirect_uri, form = lms.authorize(login)
    refused(post_launch(Client(), form), 403, "State not found")


def test_an_unregistered_deployment_is_refused(client: Any, lms: Any, login: dict[str, str]) -> None:
    claims = lms.claims("ada", "link:link-1", login["nonce"])
    claims["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] = "deployment-unknown"
    refused(post_launch(client, {"id_token": lms.sign(claims), "state": login["state"]}), 403,
            "Unable to find deployment")


def test_a_token_for_another_client_is_refused(client: Any, lms: Any, login: dict[str, str]) -> None:
    claims = lms.claims("ada", "link:link-1", login["nonce"])
    claims["aud"] = ["some-other-tool"]
    refused(post_launch(client, {"id_token": lms.sign(claims), "state": login["state"]}), 403, "not found")


@pytest.mark.parametrize("token", ["not-a-jwt", "a.b.c", "e30.W10.c2ln", "eyJhbGciOiJSUzI1NiJ9.bnVsbA.c2ln"])
def test_a_malformed_token_is_refused(client: Any, lms: Any, login: dict[str, str], token: str) -> None:
    response = post_launch(client, {"id_token": token, "state": login["state"]})
    assert response.status_code == 403, response.content.decode()
    assert "This LTI launch was refused" in response.content.decode()


def test_a_launch_without_a_token_is_a_bad_request(client: Any, lms: Any, login: dict[str, str]) -> None:
    refused(post_launch(client, {"state": login["state"]}), 400, "Missing id_token")


def test_a_launch_without_a_state_is_a_bad_request(client: Any, lms: Any, login: dict[str, str]) -> None:
    refused(post_launch(client, {"id_token": "x.y.z"}), 400, "Missing state param")


def test_a_login_from_an_unregistered_issuer_is_a_bad_request(client: Any, lms: Any) -> None:
    params = {**lms.login_params("ada", "link:link-1"), "iss": "https://unknown.example"}
    refused(client.get("/lti/login/", params), 400, "Could not find registration details")


def test_a_login_without_a_login_hint_is_a_bad_request(client: Any, lms: Any) -> None:
    params = lms.login_params("ada", "link:link-1")
    del params["login_hint"]
    refused(client.post("/lti/login/", params), 400, "Could not find login hint")


def test_a_launch_whose_platform_keys_cannot_be_fetched_is_refused(client: Any, lms: Any,
                                                                    login: dict[str, str]) -> None:
    lms.registered.key_set_url = f"{lms.url}/no-such-jwks"
    lms.registered.save()
    token = lms.sign(lms.claims("ada", "link:link-1", login["nonce"]))
    response = post_launch(client, {"id_token": token, "state": login["state"]})
    assert response.status_code == 403 and "This LTI launch was refused" in response.content.decode()


def test_a_learner_cannot_send_a_deep_linking_request(client: Any, lms: Any, learner: Any, launch: Any) -> None:
    refused(launch("ada", "deep-link:course-7"), 403, "Only instructors can choose what a link opens")
