"""What memcourse reads from a validated LTI 1.3 launch (the id_token's claims, LTI Core 1.3 §5), and the role
mapping: pure functions, no database. pylti1p3 has validated the token before anything here runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pylti1p3.roles import StudentRole, TeacherRole, TeachingAssistantRole

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
DEEP_LINKING_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest"
DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest"
CUSTOM_EXERCISE = "memcourse_exercise"  # the custom parameters a deep-linked resource link carries
# Custom fields a Canvas developer key can add to every launch (docs/lti.md): canvas_user_id=$Canvas.user.id and
# canvas_user_login_id=$Canvas.user.loginId, so that the Canvas CSV names students as Canvas does.
CUSTOM_CANVAS_USER_ID = "canvas_user_id"
CUSTOM_CANVAS_LOGIN_ID = "canvas_user_login_id"
CUSTOM_ASSIGNMENT = "memcourse_assignment"

TEACHER, STUDENT = "teacher", "student"


class LaunchRefused(Exception):
    """A valid launch memcourse cannot serve; the message says why, for the person who launched."""


@dataclass(frozen=True)
class AgsEndpoint:
    scopes: list[str]
    lineitems_url: str
    lineitem_url: str


@dataclass(frozen=True)
class Launch:
    issuer: str
    client_id: str
    sub: str
    message_type: str
    roles: list[str]
    context_id: str
    context_title: str
    name: str = ""
    given_name: str = ""
    family_name: str = ""
    email: str = ""
    resource_link_id: str = ""
    resource_link_title: str = ""
    custom: dict[str, str] = field(default_factory=dict)
    ags: AgsEndpoint | None = None
    deep_linking_settings: dict[str, Any] | None = None
    deployment_id: str = ""
    sis_user_id: str = ""  # the lis claim's person_sourcedid: the student's id in the school's records (SIS)

    @property
    def is_deep_linking(self) -> bool:
        return self.message_type == DEEP_LINKING_REQUEST


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _ags(claim: Any) -> AgsEndpoint | None:
    claim = _dict(claim)
    scopes = [s for s in claim.get("scope", []) if isinstance(s, str)] if isinstance(claim.get("scope"), list) else []
    lineitem, lineitems = _str(claim.get("lineitem")), _str(claim.get("lineitems"))
    if not scopes or not (lineitem or lineitems):
        return None
    return AgsEndpoint(scopes=scopes, lineitems_url=lineitems, lineitem_url=lineitem)


def client_id_of(body: dict[str, Any]) -> str:
    """The audience is the client id: a string, or a list whose first entry it is (as pylti1p3 reads it)."""
    aud = body.get("aud")
    return _str(aud[0] if isinstance(aud, list) and aud else aud)


def launch_from_claims(body: dict[str, Any]) -> Launch:
    """The launch's facts; a launch without an LMS course (context) is refused: memcourse needs one to enroll in."""
    context = _dict(body.get(LTI + "context"))
    if not _str(context.get("id")):
        raise LaunchRefused("This launch has no course (context claim); open memcourse from inside an LMS course.")
    resource_link = _dict(body.get(LTI + "resource_link"))
    custom = {str(k): str(v) for k, v in _dict(body.get(LTI + "custom")).items()}
    return Launch(
        issuer=_str(body.get("iss")), client_id=client_id_of(body),
        sub=_str(body.get("sub")), message_type=_str(body.get(LTI + "message_type")),
        roles=[r for r in body.get(LTI + "roles", []) if isinstance(r, str)],
        context_id=_str(context.get("id")), context_title=_str(context.get("title")) or _str(context.get("label")),
        name=_str(body.get("name")), given_name=_str(body.get("given_name")),
        family_name=_str(body.get("family_name")), email=_str(body.get("email")),
        resource_link_id=_str(resource_link.get("id")), resource_link_title=_str(resource_link.get("title")),
        custom=custom, ags=_ags(body.get(AGS_ENDPOINT)),
        deep_linking_settings=_dict(body.get(DEEP_LINKING_SETTINGS)) or None,
        deployment_id=_str(body.get(LTI + "deployment_id")),
        sis_user_id=_str(_dict(body.get(LTI + "lis")).get("person_sourcedid")),
    )


def course_role(launch: Launch) -> str:
    """Instructors (and teaching assistants and context administrators) teach; learners study. Any other role
    (a mentor, a guest) has no place in a memcourse course, and the launch is refused saying so."""
    body = {LTI + "roles": launch.roles}
    if TeacherRole(body).check() or TeachingAssistantRole(body).check():
        return TEACHER
    if StudentRole(body).check():
        return STUDENT
    shown = ", ".join(r.rsplit("#", 1)[-1] for r in launch.roles) or "none"
    raise LaunchRefused(f"memcourse admits instructors and learners; your role in this LMS course is: {shown}.")


def display_name(launch: Launch) -> str:
    return launch.name or " ".join(p for p in (launch.given_name, launch.family_name) if p) or launch.email
