"""Registering a platform in the admin: the tool's key pair is generated on the first save, the public key is in
the JWKS at /lti/jwks.json (never the private key), and the change page shows the URLs to give the platform."""

from __future__ import annotations

from typing import Any

import jwt
import pytest


@pytest.fixture
def admin(client: Any, admin_user: Any) -> Any:
    client.force_login(admin_user)
    return client


FORM = {
    "name": "Canvas at our school", "issuer": "https://canvas.instructure.com", "client_id": "10000000000001",
    "deployment_ids": "1:abc\n2:def, 3:ghi", "auth_login_url": "https://sso.canvaslms.com/api/lti/authorize_redirect",
    "auth_token_url": "https://sso.canvaslms.com/login/oauth2/token",
    "key_set_url": "https://sso.canvaslms.com/api/lti/security/jwks", "auth_audience": "", "is_active": "on",
}


def test_adding_a_platform_generates_its_key_pair_and_the_jwks_serves_the_public_key(admin: Any) -> None:
    from lti.models import Platform

    response = admin.post("/admin/lti/platform/add/", FORM)
    assert response.status_code == 302, response.content.decode()[:3000]
    platform = Platform.objects.get()
    assert platform.deployment_ids == ["1:abc", "2:def", "3:ghi"]
    assert "BEGIN PRIVATE KEY" in platform.private_key and "BEGIN PUBLIC KEY" in platform.public_key

    (key,) = admin.get("/lti/jwks.json").json()["keys"]
    assert (key["kid"], key["alg"], key["use"], key["kty"]) == (platform.key_id, "RS256", "sig", "RSA")
    assert not {"d", "p", "q", "dp", "dq", "qi"} & key.keys()
    signed = jwt.encode({"iss": "memcourse"}, platform.private_key, algorithm="RS256")
    assert jwt.decode(signed, jwt.PyJWK(key).key, algorithms=["RS256"]) == {"iss": "memcourse"}

    page = admin.get(f"/admin/lti/platform/{platform.pk}/change/").content.decode()
    for url in ("http://testserver/lti/login/", "http://testserver/lti/launch/", "http://testserver/lti/jwks.json"):
        assert url in page
    assert platform.key_id in page and "PRIVATE KEY" not in page


def test_generating_a_new_key_pair_replaces_the_key_in_the_jwks(admin: Any) -> None:
    from lti.models import Platform

    admin.post("/admin/lti/platform/add/", FORM)
    platform = Platform.objects.get()
    old = platform.key_id
    admin.post("/admin/lti/platform/", {"action": "generate_key_pair", "_selected_action": [platform.pk]})
    platform.refresh_from_db()
    assert platform.key_id != old
    assert [k["kid"] for k in admin.get("/lti/jwks.json").json()["keys"]] == [platform.key_id]


def test_an_inactive_platform_is_not_in_the_jwks_and_cannot_launch(admin: Any, client: Any) -> None:
    from lti.models import Platform

    admin.post("/admin/lti/platform/add/", {**FORM, "is_active": ""})
    assert Platform.objects.get().is_active is False
    assert admin.get("/lti/jwks.json").json() == {"keys": []}
    response = client.get("/lti/login/", {"iss": FORM["issuer"], "login_hint": "x", "client_id": FORM["client_id"],
                                          "target_link_uri": "http://testserver/lti/launch/"})
    assert response.status_code == 400


def test_a_platform_without_deployment_ids_is_refused_by_the_form(admin: Any) -> None:
    response = admin.post("/admin/lti/platform/add/", {**FORM, "deployment_ids": " \n "})
    assert response.status_code == 200 and "This field is required" in response.content.decode()


def test_the_passback_admin_lists_failures_and_resends_them(client: Any, admin_user: Any, lms: Any, learner: Any,
                                                            launch: Any, linked: Any, exercise: Any,
                                                            django_capture_on_commit_callbacks: Any) -> None:
    from lti.models import Passback, ResourceLink

    link = lms.add_link(title="Keep and drop", custom={"memcourse_exercise": str(exercise.pk)}, lineitem_points=2)
    assert launch("ada", f"link:{link.id}").status_code == 302
    failed = Passback.objects.create(link=ResourceLink.objects.get(), lti_user=linked.users.get(), status="failed",
                                     tries=9, last_error="HTTP response [x]: 500 - boom")
    client.force_login(admin_user)
    listing = client.get("/admin/lti/passback/?status__exact=failed").content.decode()
    assert "500 - boom" in listing
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/lti/passback/", {"action": "resend", "_selected_action": [failed.pk]})
    failed.refresh_from_db()
    assert failed.status == "sent" and len(lms.scores) == 1
