"""Changing state for LTI 1.3: the tool's keys, accepting a launch (the user, the course, the enrollment, the
resource link), the deep-linking answer, and grade passback. Keyword-only functions; expected failures raise
LaunchRefused (a launch memcourse cannot serve) or PassbackNotSent (a score the platform did not take)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.deep_link import DeepLink
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.grade import Grade
from pylti1p3.lineitem import LineItem
from pylti1p3.service_connector import ServiceConnector

from assignments.models import Assignment
from exercises.models import Attempt, Course, Enrollment, Exercise, unique_slug
from lti import keys, selectors
from lti.claims import (
    CUSTOM_ASSIGNMENT,
    CUSTOM_CANVAS_LOGIN_ID,
    CUSTOM_CANVAS_USER_ID,
    CUSTOM_EXERCISE,
    Launch,
    LaunchRefused,
    course_role,
    display_name,
)
from lti.models import ContextMember, LtiContext, LtiUser, Passback, Platform, ResourceLink
from lti.tool_conf import TimeoutSession, registration_for

logger = logging.getLogger(__name__)


class PassbackNotSent(Exception):
    """The platform did not take a score; `retry` says whether trying again later may help."""

    def __init__(self, message: str, *, retry: bool) -> None:
        super().__init__(message)
        self.retry = retry


# --- the tool's keys --------------------------------------------------------------------------------------------


@transaction.atomic
def platform_keys_generate(*, platform: Platform) -> Platform:
    """Give the platform a fresh key pair. The old public key leaves the JWKS at once, so rotate only when the
    platform can fetch the JWKS again (it does on an unknown kid)."""
    pair = keys.key_pair_generate()
    platform.private_key, platform.public_key, platform.key_id = pair.private_pem, pair.public_pem, pair.key_id
    platform.save(update_fields=["private_key", "public_key", "key_id"])
    return platform


# --- launches ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LaunchResult:
    user: AbstractBaseUser
    course: Course
    role: str
    context: LtiContext
    link: ResourceLink | None
    destination: str  # the page to send the user to


def _username(launch: Launch) -> str:
    digest = hashlib.sha256(f"{launch.issuer}\n{launch.sub}".encode()).hexdigest()
    base = slugify(display_name(launch))[:40] or "lti"
    User = get_user_model()
    for length in (8, 16, 64):
        candidate = f"{base}-{digest[:length]}"
        if not User.objects.filter(username=candidate).exists():
            return candidate
    raise LaunchRefused("memcourse could not name an account for you; tell the administrator.")


def _lti_user(platform: Platform, launch: Launch) -> LtiUser:
    """The memcourse account of (issuer, sub): created at the first launch, its name and email kept current."""
    lti_user = LtiUser.objects.select_related("user").filter(platform=platform, sub=launch.sub).first()
    if lti_user is None:
        user = get_user_model().objects.create_user(username=_username(launch), email=launch.email)  # no password
        lti_user = LtiUser(platform=platform, sub=launch.sub, user=user)
    user = lti_user.user
    user.first_name, user.last_name = launch.given_name[:150], launch.family_name[:150]
    user.email = launch.email or user.email
    user.save(update_fields=["first_name", "last_name", "email"])
    lti_user.name, lti_user.email = display_name(launch)[:255], launch.email
    lms_ids = {"lms_user_id": launch.custom.get(CUSTOM_CANVAS_USER_ID, ""), "sis_user_id": launch.sis_user_id,
               "lms_login_id": launch.custom.get(CUSTOM_CANVAS_LOGIN_ID, "")}
    for name, value in lms_ids.items():
        if value and not value.startswith("$"):  # "$Canvas.user.id" unexpanded: the LMS did not know it
            setattr(lti_user, name, value[:255])
    lti_user.save()
    return lti_user


def _context(platform: Platform, launch: Launch) -> LtiContext:
    """The memcourse course of the LMS course: the platform's default course, or a new course named after it."""
    context = LtiContext.objects.select_related("course").filter(platform=platform, context_id=launch.context_id).first()
    if context is None:
        course = platform.default_course or _course_create(launch)
        context = LtiContext(platform=platform, context_id=launch.context_id, course=course)
    context.title = launch.context_title[:255]
    context.save()
    return context


def _course_create(launch: Launch) -> Course:
    title = (launch.context_title or f"LMS course {launch.context_id}")[:200]
    taken = set(Course.objects.values_list("slug", flat=True))
    return Course.objects.create(title=title, slug=unique_slug(title, taken, "lms-course"),
                                 description="Created by an LTI launch.")


def _enroll(user: AbstractBaseUser, course: Course, role: str) -> None:
    """The LMS says what the user is in its course, at every launch: a learner made instructor becomes a teacher."""
    Enrollment.objects.update_or_create(user=user, course=course, defaults={"role": role})


def _link_target(link: ResourceLink, launch: Launch, course: Course) -> None:
    """What a new link opens: the exercise or the assignment its custom parameter names (deep linking put it
    there), which must be in the link's course; a link keeps what it opened first."""
    if link.exercise_id or link.assignment_id:
        return
    for name, kind, targets in ((CUSTOM_EXERCISE, "exercise", Exercise.objects.filter(module__course=course)),
                                (CUSTOM_ASSIGNMENT, "assignment", Assignment.objects.filter(course=course))):
        raw = launch.custom.get(name, "")
        if not raw:
            continue
        target = targets.filter(pk=int(raw) if raw.isdigit() else None).first()
        if target is None:
            raise LaunchRefused(f'This link opens {kind} "{raw}", which is not in the course "{course.title}".')
        setattr(link, kind, target)
        return


def _resource_link(context: LtiContext, launch: Launch) -> ResourceLink | None:
    if not launch.resource_link_id:
        return None
    link, _ = ResourceLink.objects.get_or_create(context=context, resource_link_id=launch.resource_link_id)
    link.title = launch.resource_link_title[:255]
    _link_target(link, launch, context.course)
    if launch.ags is not None:
        link.ags_scopes, link.lineitems_url = launch.ags.scopes, launch.ags.lineitems_url
        link.lineitem_url = launch.ags.lineitem_url
    link.save()
    return link


def _destination(launch: Launch, course: Course, link: ResourceLink | None) -> str:
    if launch.is_deep_linking:
        return reverse("lti:deep-link")
    if link is not None and link.exercise_id:
        return reverse("exercises:exercise-detail", args=[link.exercise_id])
    if link is not None and link.assignment_id:  # assignments are listed on the course page
        return reverse("exercises:course-detail", args=[course.slug]) + "#assignments-title"
    return reverse("exercises:course-detail", args=[course.slug])


@transaction.atomic
def launch_accept(*, platform: Platform, launch: Launch) -> LaunchResult:
    """Match or create the user (issuer + sub) and the course (context id), enroll with the mapped role,
    remember the resource link (its exercise, its grade endpoint) and say where to go."""
    role = course_role(launch)
    if launch.is_deep_linking and role != Enrollment.Role.TEACHER:
        raise LaunchRefused("Only instructors can choose what a link opens.")
    lti_user = _lti_user(platform, launch)
    context = _context(platform, launch)
    _enroll(lti_user.user, context.course, role)
    ContextMember.objects.update_or_create(context=context, lti_user=lti_user, defaults={"role": role})
    link = _resource_link(context, launch) if not launch.is_deep_linking else None
    return LaunchResult(user=lti_user.user, course=context.course, role=role, context=context, link=link,
                        destination=_destination(launch, context.course, link))


# --- deep linking -----------------------------------------------------------------------------------------------


def deep_link_response(*, platform: Platform, deployment_id: str, settings: dict[str, Any],
                       target: Exercise | Assignment, launch_url: str) -> str:
    """The signed LtiDeepLinkingResponse (a JWT) for one exercise or assignment: an LTI resource link back to
    memcourse naming it in a custom parameter, with a line item worth its points, so the LMS makes a grade column."""
    is_exercise = isinstance(target, Exercise)
    maximum = selectors.exercise_max_score(exercise=target) if is_exercise else selectors.assignment_max_score(
        assignment=target)  # type: ignore[arg-type]
    kind, custom = ("exercise", CUSTOM_EXERCISE) if is_exercise else ("assignment", CUSTOM_ASSIGNMENT)
    line_item = LineItem().set_score_maximum(maximum).set_label(target.title)
    line_item.set_resource_id(f"memcourse-{kind}-{target.pk}").set_tag("memcourse")
    resource = DeepLinkResource().set_url(launch_url).set_title(target.title).set_lineitem(line_item)
    resource.set_custom_params({custom: str(target.pk)}).set_target("window")
    deep_link = DeepLink(registration_for(platform), deployment_id, settings)  # type: ignore[arg-type]
    return str(deep_link.get_response_jwt([resource]))


# --- grade passback ---------------------------------------------------------------------------------------------


def _queue_send(passback_id: int) -> None:
    from lti.tasks import passback_send as passback_send_task

    try:
        passback_send_task.delay(passback_id)
    except Exception:  # the broker is down: the passback stays pending; lti_resend_passbacks --stale queues it
        logger.warning("could not queue grade passback %s; it stays pending", passback_id, exc_info=True)


def passbacks_for_attempt(*, attempt: Attempt) -> list[Passback]:
    """A pending passback for each LMS link to the attempt's exercise (or to its assignment), in each LMS course
    where the student is a learner; each is sent once this transaction commits."""
    passbacks = []
    for link, lti_user in selectors.passback_targets(student_id=attempt.student_id,
                                                     exercise_id=attempt.question.exercise_id):
        passback, _ = Passback.objects.get_or_create(link=link, lti_user=lti_user, attempt=attempt)
        passbacks.append(passback)
        transaction.on_commit(lambda pk=passback.pk: _queue_send(pk))
    return passbacks


def _grade(passback: Passback, score: selectors.Score) -> Grade:
    grade = Grade().set_score_given(score.given).set_score_maximum(score.maximum)
    grade.set_activity_progress("Completed" if score.completed else "InProgress")
    grade.set_grading_progress("FullyGraded").set_user_id(passback.lti_user.sub)
    return grade.set_timestamp(timezone.now().isoformat())


def _line_item(link: ResourceLink, score: selectors.Score) -> LineItem | None:
    """Without a line item of its own the link's grades go to one found or created (by tag) in the container."""
    if link.lineitem_url:
        return None
    target = link.exercise or link.assignment
    label = target.title if target else link.title or "memcourse"
    tag = f"memcourse-exercise-{link.exercise_id}" if link.exercise_id else f"memcourse-assignment-{link.assignment_id}"
    return (LineItem().set_tag(tag).set_label(label)
            .set_score_maximum(score.maximum).set_resource_link_id(link.resource_link_id))


def _put_score(passback: Passback, score: selectors.Score) -> None:
    link = passback.link
    platform = link.context.platform
    connector = ServiceConnector(registration_for(platform), requests_session=TimeoutSession())
    service_data = {"scope": link.ags_scopes, "lineitems": link.lineitems_url, "lineitem": link.lineitem_url}
    ags = AssignmentsGradesService(connector, service_data)  # type: ignore[arg-type]
    try:
        ags.put_grade(_grade(passback, score), _line_item(link, score))
    except LtiServiceException as exc:
        status = exc.response.status_code
        raise PassbackNotSent(str(exc)[:2000], retry=status >= 500 or status in (408, 429)) from exc
    except LtiException as exc:
        raise PassbackNotSent(str(exc)[:2000], retry=False) from exc
    except (requests.RequestException, ValueError, KeyError) as exc:  # network, or a token answer that is not JSON
        raise PassbackNotSent(f"{type(exc).__name__}: {exc}"[:2000], retry=True) from exc


def _passback_record(passback_id: int, **fields: Any) -> None:
    Passback.objects.filter(pk=passback_id).update(updated=timezone.now(), **fields)


def passback_send(*, passback_id: int, last_try: bool = False) -> Passback | None:
    """Send the student's current score for the link's exercise or assignment (so a late resend never lowers a grade). A sent
    passback is not sent again. When the platform refuses it, the try and the error are recorded and
    PassbackNotSent is raised to retry, unless this was the last try or retrying cannot help: then it is failed."""
    passback = Passback.objects.select_related("link__context__platform", "link__exercise", "link__assignment",
                                               "lti_user").filter(
        pk=passback_id).first()
    if passback is None or passback.status == Passback.Status.SENT:
        return passback
    score = selectors.passback_score(passback=passback)
    _passback_record(passback.pk, tries=passback.tries + 1, score_given=score.given, score_maximum=score.maximum)
    try:
        _put_score(passback, score)
    except PassbackNotSent as exc:
        final = last_try or not exc.retry
        _passback_record(passback.pk, last_error=str(exc),
                         status=Passback.Status.FAILED if final else Passback.Status.PENDING)
        logger.warning("grade passback %s not sent (%s): %s", passback.pk, "failed" if final else "will retry", exc)
        if not final:
            raise
    else:
        _passback_record(passback.pk, status=Passback.Status.SENT, sent_at=timezone.now(), last_error="")
    passback.refresh_from_db()
    return passback


def passbacks_resend(*, passbacks: QuerySet[Passback]) -> int:
    """Queue the given failed (or stuck pending) passbacks again, each with a fresh round of retries."""
    ids = list(passbacks.exclude(status=Passback.Status.SENT).values_list("pk", flat=True))
    Passback.objects.filter(pk__in=ids).update(status=Passback.Status.PENDING, updated=timezone.now())
    for passback_id in ids:
        transaction.on_commit(lambda pk=passback_id: _queue_send(pk))
    return len(ids)


def passbacks_resend_stale(*, older_than: timedelta) -> int:
    """Queue again the passbacks still pending after `older_than` (a lost message, a broker that was down)."""
    cutoff = timezone.now() - older_than
    return passbacks_resend(passbacks=Passback.objects.filter(status=Passback.Status.PENDING, updated__lt=cutoff))
