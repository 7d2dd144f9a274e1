"""LTI 1.3 endpoints (thin: pylti1p3 validates, the services decide) and the teacher's passback page.

/lti/login/      OIDC third-party login initiation (GET or POST from the platform)
/lti/launch/     the launch: the platform posts the id_token here (resource links and deep linking)
/lti/jwks.json   the tool's public keys
/lti/deep-link/  the instructor's picker after a deep-linking launch
A bad, forged or expired token, or a wrong state or nonce, gets an error page that says what is wrong (400/403)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from pylti1p3.contrib.django import DjangoMessageLaunch, DjangoOIDCLogin
from pylti1p3.exception import LtiException, OIDCException

from exercises import selectors as exercise_selectors
from exercises.errors import ApplicationError
from exercises.models import Course
from lti import claims, selectors, services
from lti.models import LtiContext, Passback
from lti.tool_conf import DatabaseLaunchStorage, PlatformToolConf, TimeoutSession, platform_find

SESSION_DEEP_LINK = "lti_deep_link"
BAD_REQUEST_MESSAGES = ("Missing id_token", "Missing state param", "Could not find issuer", "Could not find login hint")
# The token must say when it expires and when it was issued (LTI Core 1.3 §5.1.2); pylti1p3 checks the audience.
JWT_OPTIONS = {"verify_aud": False, "require": ["exp", "iat"]}


def _error(request: HttpRequest, status: int, message: str) -> HttpResponse:
    return render(request, "lti/error.html", {"message": message, "status": status}, status=status)


def _refused(request: HttpRequest, exc: Exception) -> HttpResponse:
    """pylti1p3's complaint as a page: a missing parameter is a bad request, everything else a refusal."""
    text = str(exc) or type(exc).__name__
    status = 400 if text.startswith(BAD_REQUEST_MESSAGES) else 403
    return _error(request, status, f"This LTI launch was refused: {text}.")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    """Answer the platform's login initiation with a redirect to its authorization URL (state and nonce set)."""
    oidc = DjangoOIDCLogin(request, PlatformToolConf(), launch_data_storage=DatabaseLaunchStorage())
    try:
        return oidc.redirect(request.build_absolute_uri(reverse("lti:launch")))  # type: ignore[no-any-return]
    except (OIDCException, LtiException) as exc:
        return _error(request, 400, f"This LTI login could not start: {exc}.")


def _validated_claims(request: HttpRequest) -> dict[str, Any]:
    message_launch = DjangoMessageLaunch(request, PlatformToolConf(), launch_data_storage=DatabaseLaunchStorage(),
                                         requests_session=TimeoutSession())
    message_launch.set_jwt_verify_options(JWT_OPTIONS)
    return dict(message_launch.get_launch_data())


@csrf_exempt
@require_POST
def launch(request: HttpRequest) -> HttpResponse:
    """Validate the id_token (signature against the platform's JWKS, expiry, state, nonce, deployment), then sign
    the user in and send them to the linked exercise, the course, or (deep linking) the picker."""
    try:
        body = _validated_claims(request)
    except LtiException as exc:
        return _refused(request, exc)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # a token whose parts have the wrong shapes
        return _error(request, 403, f"This LTI launch was refused: its token is malformed ({type(exc).__name__}).")
    platform = platform_find(str(body.get("iss", "")), claims.client_id_of(body))
    if platform is None:
        return _error(request, 403, "This LTI launch was refused: its platform is no longer registered.")
    try:
        launch_facts = claims.launch_from_claims(body)
        result = services.launch_accept(platform=platform, launch=launch_facts)
    except claims.LaunchRefused as exc:
        return _error(request, 403, str(exc))
    auth_login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
    if launch_facts.is_deep_linking:
        request.session[SESSION_DEEP_LINK] = {
            "context": result.context.pk, "deployment_id": launch_facts.deployment_id,
            "settings": launch_facts.deep_linking_settings,
        }
    return redirect(result.destination)


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    return JsonResponse(selectors.jwks())


@login_required
@require_http_methods(["GET", "POST"])
def deep_link(request: HttpRequest) -> HttpResponse:
    """The instructor picks an exercise or an assignment; the answer goes back to the LMS as a signed
    LtiDeepLinkingResponse."""
    pending = request.session.get(SESSION_DEEP_LINK)
    context = LtiContext.objects.select_related("platform", "course").filter(
        pk=(pending or {}).get("context")).first()
    if context is None:
        return _error(request, 400, "There is no deep-linking request to answer; start again from the LMS.")
    if not exercise_selectors.user_is_teacher(user=request.user, course=context.course):
        return _error(request, 403, "Only the course's instructors can choose what a link opens.")
    exercises = selectors.deep_link_exercises(course=context.course)
    assignments = selectors.deep_link_assignments(course=context.course)
    choices = {f"exercise:{e.pk}": e for e in exercises} | {f"assignment:{a.pk}": a for a in assignments}
    page = {"context": context, "exercises": exercises, "assignments": assignments}
    if request.method == "GET":
        return render(request, "lti/deep_link.html", page)
    return_url = str(pending["settings"].get("deep_link_return_url", ""))
    if urlsplit(return_url).scheme not in ("http", "https"):
        return _error(request, 400, "The LMS did not say where to return the choice (deep_link_return_url).")
    chosen = choices.get(request.POST.get("item", ""))
    if chosen is None:
        return render(request, "lti/deep_link.html", {**page, "error": "Choose one of the exercises or assignments."},
                      status=400)
    token = services.deep_link_response(platform=context.platform, deployment_id=pending["deployment_id"],
                                        settings=pending["settings"], target=chosen,
                                        launch_url=request.build_absolute_uri(reverse("lti:launch")))
    del request.session[SESSION_DEEP_LINK]
    response = render(request, "lti/deep_link_return.html", {
        "return_url": return_url, "jwt": token, "chosen": chosen, "platform": context.platform,
    })
    # The Content-Security-Policy (django-csp) allows forms to post only to memcourse; this one goes to the LMS.
    return_origin = urlsplit(return_url)
    response._csp_update = {"form-action": [f"{return_origin.scheme}://{return_origin.netloc}"]}  # type: ignore[attr-defined]
    return response


def _teacher_course(request: HttpRequest, slug: str) -> Course | HttpResponse:
    try:
        course = exercise_selectors.course_get(slug=slug)
        exercise_selectors.course_require_teacher(user=request.user, course=course)
    except ApplicationError as exc:
        return _error(request, exc.status, exc.message)
    return course


@login_required
@require_http_methods(["GET", "POST"])
def course_passbacks(request: HttpRequest, slug: str) -> HttpResponse:
    """For a course's teachers: the grades an LMS did not take, why, and a button to send them again."""
    course = _teacher_course(request, slug)
    if isinstance(course, HttpResponse):
        return course
    failed = selectors.course_passbacks_failed(course=course)
    if request.method == "POST":
        chosen = failed.filter(pk=request.POST["passback"]) if request.POST.get("passback", "").isdigit() else failed
        count = services.passbacks_resend(passbacks=chosen)
        return redirect(reverse("lti:course-passbacks", args=[course.slug]) + f"?resent={count}")
    return render(request, "lti/course_passbacks.html", {
        "course": course, "failed": failed, "pending": selectors.course_passbacks_pending(course=course).count(),
        "resent": request.GET.get("resent"), "statuses": Passback.Status,
    })
