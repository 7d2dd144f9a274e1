"""A test LMS platform for LTI 1.3, served on localhost from a thread: what Canvas or Moodle does for a tool, small
enough to read. It has its own RSA signing key and JWKS, an OIDC authorization endpoint that answers a tool's login
with a signed id_token (posted by an auto-submitting form, as LMSs do), an OAuth2 client-credentials token endpoint
that accepts only the tool's JWT assertion signed with a key from the tool's JWKS, Assignment and Grade Services line
items and a score endpoint that record what they receive (and can be told to fail with 500s), a deep-linking return
endpoint that verifies the tool's signed response and creates the link and its line item, and a course page with a
button that launches a link, for the browser.

Nothing here imports memcourse: it only speaks HTTP and JWT to the tool, the way a real platform does."""

from __future__ import annotations

import html
import json
import secrets
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from jwcrypto.jwk import JWK

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
AGS = "https://purl.imsglobal.org/spec/lti-ags/"
DL = "https://purl.imsglobal.org/spec/lti-dl/claim/"
ROLE = "http://purl.imsglobal.org/vocab/lis/v2/membership#"
SCORE_SCOPE = AGS + "scope/score"
AGS_SCOPES = [AGS + "scope/lineitem", AGS + "scope/result.readonly", SCORE_SCOPE]
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


@dataclass
class LmsUser:
    sub: str
    given_name: str
    family_name: str
    email: str
    roles: list[str]
    custom: dict[str, str] = field(default_factory=dict)  # what a developer key's custom fields add for this user
    sis_id: str = ""  # the lis claim's person_sourcedid

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"


@dataclass
class LmsLink:
    id: str
    context_id: str
    title: str
    custom: dict[str, str] = field(default_factory=dict)
    lineitem: str = ""


@dataclass
class Recorded:
    """What the platform received, in order; every list is appended to under the platform's lock."""

    token_requests: list[dict[str, Any]] = field(default_factory=list)
    scores: list[dict[str, Any]] = field(default_factory=list)
    refused_scores: list[dict[str, Any]] = field(default_factory=list)
    deep_link_responses: list[dict[str, Any]] = field(default_factory=list)


def _key() -> tuple[JWK, str]:
    key = JWK.generate(kty="RSA", size=2048)
    return key, key.thumbprint()


class TestPlatform:
    """A platform at http://localhost:PORT (its issuer). `tool_jwks` returns the tool's JWKS (fetched from the
    tool's /lti/jwks.json); `tool_launch_url` is the redirect URI registered for the tool."""

    __test__ = False  # not a pytest test class
    client_id = "memcourse-test-client"
    deployment_id = "deployment-1"

    def __init__(self, *, tool_login_url: str, tool_launch_url: str, tool_jwks: Callable[[], dict[str, Any]]) -> None:
        self.key, self.kid = _key()
        self.tool_login_url, self.tool_launch_url, self.tool_jwks = tool_login_url, tool_launch_url, tool_jwks
        self.lock = threading.Lock()
        self.recorded = Recorded()
        self.users: dict[str, LmsUser] = {}
        self.links: dict[str, LmsLink] = {}
        self.lineitems: dict[str, dict[str, Any]] = {}
        self.contexts = {"course-7": "Intro to memory (LMS)"}
        self.tokens: dict[str, list[str]] = {}
        self.score_failures_left = 0  # answer this many score posts with 500
        self.score_status = 0  # when set, answer every score post with this status
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.url = f"http://localhost:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True, name="test-lms")

    # --- its endpoints, as registered with the tool ---

    @property
    def issuer(self) -> str:
        return self.url

    @property
    def auth_login_url(self) -> str:
        return f"{self.url}/auth"

    @property
    def token_url(self) -> str:
        return f"{self.url}/token"

    @property
    def jwks_url(self) -> str:
        return f"{self.url}/jwks"

    def lineitems_url(self, context_id: str) -> str:
        return f"{self.url}/contexts/{context_id}/lineitems"

    def start(self) -> TestPlatform:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- its people, links and line items ---

    def add_user(self, login_hint: str, *, given: str, family: str, role: str,
                 custom: dict[str, str] | None = None, sis_id: str = "") -> LmsUser:
        user = LmsUser(sub=f"sub-{login_hint}-{uuid.uuid4().hex[:6]}", given_name=given, family_name=family,
                       email=f"{login_hint}@lms.example", roles=[ROLE + role], custom=dict(custom or {}),
                       sis_id=sis_id)
        self.users[login_hint] = user
        return user

    def add_lineitem(self, context_id: str, *, label: str, score_maximum: float, **extra: Any) -> str:
        with self.lock:
            item_id = f"{self.url}/lineitems/{len(self.lineitems) + 1}"
            self.lineitems[item_id] = {"id": item_id, "label": label, "scoreMaximum": score_maximum,
                                       "context": context_id, **extra}
        return item_id

    def add_link(self, *, title: str, custom: dict[str, str] | None = None, lineitem_points: float | None = None,
                 context_id: str = "course-7") -> LmsLink:
        link = LmsLink(id=f"link-{len(self.links) + 1}", context_id=context_id, title=title, custom=dict(custom or {}))
        if lineitem_points is not None:
            link.lineitem = self.add_lineitem(context_id, label=title, score_maximum=lineitem_points,
                                              resourceLinkId=link.id)
        self.links[link.id] = link
        return link

    # --- OIDC: the tool's login request, and the id_token the platform answers with ---

    def login_params(self, login_hint: str, message_hint: str) -> dict[str, str]:
        """What the platform sends to the tool's login URL to start a launch ('link:ID' or 'deep-link:CONTEXT')."""
        return {"iss": self.issuer, "login_hint": login_hint, "target_link_uri": self.tool_launch_url,
                "lti_message_hint": message_hint, "client_id": self.client_id,
                "lti_deployment_id": self.deployment_id}

    def claims(self, login_hint: str, message_hint: str, nonce: str) -> dict[str, Any]:
        user = self.users[login_hint]
        kind, _, ref = message_hint.partition(":")
        context_id = self.links[ref].context_id if kind == "link" else ref
        now = int(time.time())
        body: dict[str, Any] = {
            "iss": self.issuer, "aud": [self.client_id], "azp": self.client_id, "sub": user.sub, "nonce": nonce,
            "iat": now, "exp": now + 300, "name": user.name, "given_name": user.given_name,
            "family_name": user.family_name, "email": user.email,
            LTI + "version": "1.3.0", LTI + "deployment_id": self.deployment_id, LTI + "roles": user.roles,
            LTI + "target_link_uri": self.tool_launch_url,
            LTI + "context": {"id": context_id, "label": context_id, "title": self.contexts.get(context_id, context_id),
                              "type": ["http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"]},
            LTI + "tool_platform": {"guid": "test-lms", "name": "Test LMS", "product_family_code": "memcourse-tests"},
        }
        if user.sis_id:
            body[LTI + "lis"] = {"person_sourcedid": user.sis_id}
        if kind == "link":
            link = self.links[ref]
            body[LTI + "message_type"] = "LtiResourceLinkRequest"
            body[LTI + "resource_link"] = {"id": link.id, "title": link.title}
            body[LTI + "custom"] = {**user.custom, **link.custom}
            endpoint = {"scope": AGS_SCOPES, "lineitems": self.lineitems_url(context_id)}
            body[AGS + "claim/endpoint"] = {**endpoint, **({"lineitem": link.lineitem} if link.lineitem else {})}
        else:
            body[LTI + "message_type"] = "LtiDeepLinkingRequest"
            body[DL + "deep_linking_settings"] = {
                "deep_link_return_url": f"{self.url}/deep_link_return", "accept_types": ["ltiResourceLink"],
                "accept_presentation_document_targets": ["iframe", "window"], "accept_multiple": False,
                "data": "opaque-platform-data",
            }
        return body

    def sign(self, body: dict[str, Any], *, key: JWK | None = None, kid: str | None = None) -> str:
        pem = (key or self.key).export_to_pem(private_key=True, password=None)
        return jwt.encode(body, pem, algorithm="RS256", headers={"kid": kid or self.kid})

    def authorize(self, query: dict[str, str]) -> tuple[str, dict[str, str]]:
        """The authorization endpoint's decision: (where to post, the form), or ValueError saying what is wrong."""
        expected = {"scope": "openid", "response_type": "id_token", "response_mode": "form_post",
                    "client_id": self.client_id, "prompt": "none", "redirect_uri": self.tool_launch_url}
        wrong = [f"{name}={query.get(name)!r}" for name, value in expected.items() if query.get(name) != value]
        if wrong or query.get("login_hint") not in self.users or not query.get("nonce") or not query.get("state"):
            raise ValueError(f"bad authorization request: {', '.join(wrong) or 'login_hint, nonce or state'}")
        token = self.sign(self.claims(query["login_hint"], query.get("lti_message_hint", ""), query["nonce"]))
        return query["redirect_uri"], {"id_token": token, "state": query["state"]}

    # --- OAuth2 and Assignment and Grade Services ---

    def _tool_key(self, token: str) -> Any:
        kid = jwt.get_unverified_header(token).get("kid")
        for jwk in self.tool_jwks().get("keys", []):
            if jwk.get("kid") == kid:
                return jwt.PyJWK(jwk).key
        raise ValueError(f"no key {kid!r} in the tool's JWKS")

    def issue_token(self, form: dict[str, str]) -> dict[str, Any]:
        if form.get("grant_type") != "client_credentials" or form.get("client_assertion_type") != ASSERTION_TYPE:
            raise ValueError("unsupported_grant_type")
        assertion = form.get("client_assertion", "")
        claims = jwt.decode(assertion, self._tool_key(assertion), algorithms=["RS256"], audience=self.token_url,
                            issuer=self.client_id, options={"require": ["exp", "iat", "jti", "sub"]})
        if claims["sub"] != self.client_id:
            raise ValueError("the assertion's sub is not the client id")
        scopes = form.get("scope", "").split()
        token = secrets.token_urlsafe(16)
        with self.lock:
            self.tokens[token] = scopes
            self.recorded.token_requests.append({"claims": claims, "scopes": scopes})
        return {"access_token": token, "token_type": "Bearer", "expires_in": 3600, "scope": " ".join(scopes)}

    def authorized(self, header: str, scope: str) -> bool:
        token = header.removeprefix("Bearer ")
        return header.startswith("Bearer ") and scope in self.tokens.get(token, [])

    def receive_score(self, item_id: str, body: dict[str, Any]) -> int:
        with self.lock:
            if item_id not in self.lineitems:
                return 404
            if self.score_status or self.score_failures_left > 0:
                self.score_failures_left = max(0, self.score_failures_left - 1)
                self.recorded.refused_scores.append({"lineitem": item_id, "body": body})
                return self.score_status or 500
            self.recorded.scores.append({"lineitem": item_id, "body": body})
        return 200

    @property
    def scores(self) -> list[dict[str, Any]]:
        with self.lock:
            return list(self.recorded.scores)

    # --- deep linking ---

    def receive_deep_link(self, token: str) -> dict[str, Any]:
        """Verify the tool's LtiDeepLinkingResponse and create what it asks for: a link with its line item."""
        claims = jwt.decode(token, self._tool_key(token), algorithms=["RS256"], audience=self.issuer,
                            issuer=self.client_id, options={"require": ["exp", "iat", "nonce"]})
        if claims.get(LTI + "message_type") != "LtiDeepLinkingResponse":
            raise ValueError("not a deep linking response")
        if claims.get(LTI + "deployment_id") != self.deployment_id:
            raise ValueError("wrong deployment")
        for item in claims.get(DL + "content_items", []):
            line_item = item.get("lineItem")
            link = self.add_link(title=item.get("title", ""), custom=item.get("custom") or {},
                                 lineitem_points=line_item["scoreMaximum"] if line_item else None)
            item["created_link"] = link.id
        with self.lock:
            self.recorded.deep_link_responses.append(claims)
        return claims

    def course_page(self, login_hint: str, link_id: str = "") -> str:
        """The LMS page a user sees: the link (or, without one, "add memcourse content", a deep-linking request),
        as a form that starts the tool's OIDC login."""
        hint = f"link:{link_id}" if link_id else "deep-link:course-7"
        fields = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                         for k, v in self.login_params(login_hint, hint).items())
        label = f"Open {self.links[link_id].title} in memcourse" if link_id else "Add memcourse content"
        return (f"<!doctype html><title>Test LMS</title><h1>Test LMS: {html.escape(self.contexts['course-7'])}</h1>"
                f'<form method="get" action="{html.escape(self.tool_login_url)}">{fields}'
                f"<button type=\"submit\">{html.escape(label)}</button></form>")


def _autosubmit(action: str, form: dict[str, str]) -> str:
    fields = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in form.items())
    return (f'<!doctype html><title>Launching</title><form method="post" action="{html.escape(action)}">{fields}'
            f"<noscript><button>Continue</button></noscript></form><script>document.forms[0].submit()</script>")


def _handler_for(platform: TestPlatform) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # keep the test output quiet
            pass

        def _send(self, status: int, body: Any, content_type: str = "application/json") -> None:
            data = (json.dumps(body) if content_type.endswith("json") else str(body)).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/jwks":
                return self._send(200, {"keys": [{**json.loads(platform.key.export_public()), "alg": "RS256",
                                                  "use": "sig", "kid": platform.kid}]})
            if url.path == "/auth":
                try:
                    action, form = platform.authorize(query)
                except ValueError as exc:
                    return self._send(400, str(exc), "text/plain")
                return self._send(200, _autosubmit(action, form), "text/html")
            if url.path == "/course":
                if query.get("user") not in platform.users or query.get("link", "") not in {"", *platform.links}:
                    return self._send(404, "no such user or link", "text/plain")
                return self._send(200, platform.course_page(query["user"], query.get("link", "")), "text/html")
            if url.path == "/received":
                with platform.lock:
                    return self._send(200, {"scores": platform.recorded.scores, "links": [vars(link) for link in
                                                                                         platform.links.values()]})
            if url.path.endswith("/lineitems") and url.path.startswith("/contexts/"):
                if not platform.authorized(self.headers.get("Authorization", ""), AGS + "scope/lineitem"):
                    return self._send(401, {"error": "unauthorized"})
                context_id = url.path.split("/")[2]
                return self._send(200, [i for i in platform.lineitems.values() if i["context"] == context_id],
                                  "application/vnd.ims.lis.v2.lineitemcontainer+json")
            return self._send(404, {"error": f"no {url.path}"})

        def do_POST(self) -> None:
            url = urlparse(self.path)
            raw = self._body()
            if url.path == "/token":
                try:
                    return self._send(200, platform.issue_token({k: v[0] for k, v in parse_qs(raw.decode()).items()}))
                except (ValueError, jwt.InvalidTokenError) as exc:
                    return self._send(400, {"error": "invalid_client", "error_description": str(exc)})
            if url.path == "/deep_link_return":
                form = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                try:
                    claims = platform.receive_deep_link(form.get("JWT", ""))
                except (ValueError, jwt.InvalidTokenError) as exc:
                    return self._send(400, f"Deep linking response refused: {exc}", "text/plain")
                titles = ", ".join(i.get("title", "") for i in claims.get(DL + "content_items", []))
                return self._send(200, f"<!doctype html><title>Added</title><p>Added to the course: {html.escape(titles)}</p>",
                                  "text/html")
            if url.path.startswith("/contexts/") and url.path.endswith("/lineitems"):
                if not platform.authorized(self.headers.get("Authorization", ""), AGS + "scope/lineitem"):
                    return self._send(401, {"error": "unauthorized"})
                item = json.loads(raw)
                label, maximum = item.pop("label", ""), item.pop("scoreMaximum", None)
                if not isinstance(maximum, int | float) or maximum <= 0:
                    return self._send(400, {"error": "a line item needs a positive scoreMaximum"})
                item_id = platform.add_lineitem(url.path.split("/")[2], label=label, score_maximum=maximum, **item)
                return self._send(201, platform.lineitems[item_id], "application/vnd.ims.lis.v2.lineitem+json")
            if url.path.startswith("/lineitems/") and url.path.endswith("/scores"):
                if not platform.authorized(self.headers.get("Authorization", ""), SCORE_SCOPE):
                    return self._send(401, {"error": "unauthorized"})
                if self.headers.get("Content-Type") != "application/vnd.ims.lis.v1.score+json":
                    return self._send(415, {"error": "a score is application/vnd.ims.lis.v1.score+json"})
                item_id = f"{platform.url}{url.path.removesuffix('/scores')}"
                status = platform.receive_score(item_id, json.loads(raw))
                return self._send(status, {} if status == 200 else {"error": f"score endpoint answered {status}"})
            return self._send(404, {"error": f"no {url.path}"})

    return Handler


@contextmanager
def running_platform(**kwargs: Any) -> Iterator[TestPlatform]:
    platform = TestPlatform(**kwargs).start()
    try:
        yield platform
    finally:
        platform.stop()


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def with_query(url: str, params: dict[str, str]) -> str:
    return f"{url}?{urlencode(params)}"


def main() -> None:
    """Try it by hand: `python -m tests.lti.lti_platform --tool http://localhost:8000` (memcourse from `make run`,
    opened as localhost so that the LMS and the tool share a site), register what it prints, then open its pages."""
    import argparse

    import requests

    parser = argparse.ArgumentParser(description="A test LMS platform for trying memcourse's LTI 1.3 by hand.")
    parser.add_argument("--tool", default="http://localhost:8000", help="memcourse's address")
    parser.add_argument("--exercise", type=int, help="an exercise id to place as a link with a line item")
    args = parser.parse_args()
    tool = args.tool.rstrip("/")
    platform = TestPlatform(tool_login_url=f"{tool}/lti/login/", tool_launch_url=f"{tool}/lti/launch/",
                            tool_jwks=lambda: requests.get(f"{tool}/lti/jwks.json", timeout=10).json())
    platform.add_user("ada", given="Ada", family="Lovelace", role="Learner", sis_id="S-1815",
                      custom={"canvas_user_id": "101", "canvas_user_login_id": "ada.lovelace"})
    platform.add_user("grace", given="Grace", family="Hopper", role="Instructor")
    if args.exercise:
        platform.add_link(title=f"Exercise {args.exercise}", custom={"memcourse_exercise": str(args.exercise)},
                          lineitem_points=1)
    default_course = ("  default course: the course of that exercise (the demo course), or the launch is refused\n"
                      if args.exercise else "")
    print("Register in memcourse's admin as an administrator (manage.py createsuperuser; the demo teacher may not),"
          f" LTI 1.3 > Platforms > Add:\n  issuer {platform.issuer}\n"
          f"  client id {platform.client_id}\n  deployment id {platform.deployment_id}\n"
          f"  auth login URL {platform.auth_login_url}\n  auth token URL {platform.token_url}\n"
          f"  key set URL {platform.jwks_url}\n{default_course}"
          f"Instructor, deep linking: {platform.url}/course?user=grace\n"
          + (f"Student, the exercise: {platform.url}/course?user=ada&link=link-1\n" if args.exercise else "")
          + f"Links and scores the LMS received (deep-linked links get the next ids): {platform.url}/received")
    platform.start().thread.join()


if __name__ == "__main__":
    main()
