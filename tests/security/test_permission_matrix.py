"""The permission matrix: every endpoint of the site (each named URL pattern, the API's from its OpenAPI schema
too) asked by every role, with the status it must answer and the secrets it must not show.

Roles: anonymous, the student (who has answered), another student of the course, a user not enrolled, the course's
teacher, another course's teacher and staff without the course (both staff with every authoring permission). The
world: a course with a published exercise (an output and a locals question, whose keys are values the program
computes and never spells out), a draft exercise, the student's graded attempt with a distinctive answer, their
progress, and a playground snippet.

Besides each status, every response body is searched for each secret the role may not see: an answer key, the
draft, the student's answer, the student's name. The matrix fails when the site has an endpoint the table does not
list (a new app's URLs must be added here, with who may see them), so nothing new goes unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "student", "other_student", "outsider", "teacher", "other_teacher", "staff")

PUBLISHED = """let secret = 31337 * 3;
console.log("out-" + (42000 + 123));
checkpoint("c");
"""
DRAFT = """console.log("draft-" + (5 * 11163 + 2));
checkpoint("d");
"""
ANSWER = "sam-answer-6620"
TOKEN = "7c0ffee5ec12e7c0ffee5ec12e7c0ffee5ec12e7"

# Each secret and the roles that may see it. The student sees the keys of the exercise they answered: a graded
# attempt's feedback shows what was expected, and it unlocks the run (every checkpoint) for them.
SECRETS: dict[str, set[str]] = {
    "out-42123": {"student", "teacher"},  # the output question's key
    "94011": {"student", "teacher"},  # the locals question's key
    "Draft-zq9": {"teacher"},  # the draft exercise's title
    "11163": {"teacher"},  # the draft's program
    "55817": {"teacher"},  # the draft's key
    ANSWER: {"student", "teacher"},  # the student's answer
    "sam_student": {"student", "teacher"},  # the student's name (gradebook, attempts in the admin)
    TOKEN: set(),  # the student's API token: only ever the answer to their own POST /api/auth/token/
}


def S(anonymous: int, student: int, other_student: int, outsider: int, teacher: int, other_teacher: int,
      staff: int) -> dict[str, int]:
    return dict(zip(ROLES, (anonymous, student, other_student, outsider, teacher, other_teacher, staff), strict=True))


def every(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


@dataclass
class Case:
    statuses: dict[str, int]
    method: str = "get"
    args: Callable[[Any], list[Any]] = lambda w: []  # noqa: E731
    data: Callable[[Any], Any] = lambda w: None  # noqa: E731
    json: bool = False
    note: str = ""


@dataclass
class World:
    users: dict[str, Any]
    course: Any
    exercise: Any
    draft: Any
    output_q: Any
    locals_q: Any
    draft_q: Any
    attempt: Any
    snippet: Any
    objects: dict[str, Any] = field(default_factory=dict)


API_ANON = 403  # DRF answers 403 (not 401) to anonymous requests: its first authenticator, the session, has no scheme
LOGIN = 302  # a page that needs a login redirects there

E1 = lambda w: [w.exercise.pk]  # noqa: E731
E2 = lambda w: [w.draft.pk]  # noqa: E731
SLUG = lambda w: [w.course.slug]  # noqa: E731

TABLE: dict[str, list[Case]] = {
    # --- the API -------------------------------------------------------------------------------------------------
    "api-course-list": [Case(S(API_ANON, 200, 200, 200, 200, 200, 200))],
    "api-course-detail": [Case(S(API_ANON, 200, 200, 200, 200, 200, 200), args=SLUG)],
    "api-course-enroll": [Case(S(API_ANON, 200, 200, 200, 200, 200, 200), method="post", args=SLUG)],
    "api-course-progress": [Case(S(API_ANON, 200, 200, 404, 200, 404, 404), args=SLUG)],
    "api-course-gradebook": [Case(S(API_ANON, 403, 403, 403, 200, 403, 403), args=SLUG)],
    "api-exercise-detail": [
        Case(S(API_ANON, 200, 200, 403, 200, 403, 403), args=E1),
        Case(S(API_ANON, 404, 404, 403, 200, 403, 403), args=E2, note="draft"),
    ],
    "api-exercise-new-variant": [
        Case(S(API_ANON, 409, 409, 403, 409, 403, 403), method="post", args=E1),
        Case(S(API_ANON, 404, 404, 403, 409, 403, 403), method="post", args=E2, note="draft"),
    ],
    "api-attempt-list": [
        Case(S(API_ANON, 200, 200, 200, 200, 200, 200)),
        Case(S(API_ANON, 200, 200, 200, 200, 200, 200), data=lambda w: {"question": w.output_q.pk}),
        Case(S(API_ANON, 202, 202, 403, 202, 403, 403), method="post", json=True,
             data=lambda w: {"question": w.output_q.pk, "answer": {"lines": ["x"]}}),
        Case(S(API_ANON, 400, 400, 400, 409, 400, 400), method="post", json=True, note="a draft's question: none",
             data=lambda w: {"question": w.draft_q.pk, "answer": {"lines": ["x"]}}),
    ],
    "api-attempt-detail": [Case(S(API_ANON, 200, 404, 404, 200, 404, 404), args=lambda w: [w.attempt.pk])],
    "api-token": [Case(every(400), method="post", data=lambda w: {"username": "sam_student", "password": "wrong"})],
    "api-schema": [Case(every(200))],
    "api-docs": [Case(every(200))],
    "api-redoc": [Case(every(200))],
    # --- pages ---------------------------------------------------------------------------------------------------
    "exercises:home": [Case(every(200))],
    "exercises:signup": [Case(S(200, 302, 302, 302, 302, 302, 302))],
    "exercises:course-list": [Case(every(200))],
    "exercises:course-detail": [Case(every(200), args=SLUG)],
    "exercises:course-enroll": [Case(every(302), method="post", args=SLUG)],
    "exercises:exercise-detail": [
        Case(S(LOGIN, 200, 200, 302, 200, 302, 302), args=E1, note="not enrolled: sent to the course page"),
        Case(S(LOGIN, 404, 404, 302, 200, 302, 302), args=E2, note="draft"),
    ],
    "exercises:exercise-run": [
        Case(S(401, 200, 403, 403, 200, 403, 403), args=E1, note="after a graded answer"),
        Case(S(401, 404, 404, 403, 200, 403, 403), args=E2, note="draft"),
    ],
    "exercises:exercise-new-variant": [
        Case(S(LOGIN, 302, 302, 403, 302, 403, 403), method="post", args=E1),
        Case(S(LOGIN, 404, 404, 403, 302, 403, 403), method="post", args=E2, note="draft"),
    ],
    "gradebook": [Case(S(LOGIN, 403, 403, 403, 200, 403, 403), args=SLUG)],
    "gradebook-csv": [Case(S(LOGIN, 403, 403, 403, 200, 403, 403), args=SLUG)],
    "playground:playground": [Case(every(200))],
    "playground:run": [Case(every(200), method="post", json=True, data=lambda w: {"source": "let a = [];"})],
    "playground:save": [Case(every(201), method="post", json=True, data=lambda w: {"source": "let a = [];"})],
    "playground:snippet": [Case(every(200), args=lambda w: [w.snippet.pk])],
    # --- accounts (django.contrib.auth) ------------------------------------------------------------------------------
    "login": [Case(every(200))],
    "logout": [Case(every(302), method="post")],
    "password_change": [Case(S(LOGIN, 200, 200, 200, 200, 200, 200))],
    "password_change_done": [Case(S(LOGIN, 200, 200, 200, 200, 200, 200))],
    "password_reset": [Case(every(200))],
    "password_reset_done": [Case(every(200))],
    "password_reset_confirm": [Case(every(200), args=lambda w: ["MQ", "set-password"], note="an invalid link")],
    "password_reset_complete": [Case(every(200))],
    # --- exports (exports/) and assignments (assignments/) ------------------------------------------------------------
    "export-canvas": [Case(S(LOGIN, 403, 403, 403, 200, 403, 403), args=SLUG)],
    "export-moodle": [Case(S(LOGIN, 403, 403, 403, 200, 403, 403), args=SLUG)],
    "export-submissions": [Case(S(LOGIN, 403, 403, 403, 200, 403, 403), args=SLUG)],
    "api-course-assignments": [Case(S(API_ANON, 200, 200, 404, 200, 404, 404), args=SLUG)],
    "api-assignment-extensions": [Case(S(API_ANON, 404, 404, 404, 404, 404, 404), method="post", json=True,
                                       args=lambda w: [999999], data=lambda w: {}, note="no such assignment")],
    # --- class statistics (analytics/): the course's teachers only -----------------------------------------------------
    "analytics:course": [Case(S(LOGIN, 403, 403, 403, 200, 403, 403), args=SLUG)],
    "analytics:exercise": [Case(S(LOGIN, 403, 403, 403, 200, 403, 403), args=lambda w: [w.course.slug, w.exercise.pk])],
    "analytics:attempt": [Case(S(LOGIN, 403, 403, 403, 200, 403, 403), args=lambda w: [w.course.slug, w.attempt.pk])],
    "api-course-statistics": [Case(S(API_ANON, 403, 403, 403, 200, 403, 403), args=SLUG)],
    "api-exercise-statistics": [Case(S(API_ANON, 403, 403, 403, 200, 403, 403),
                                     args=lambda w: [w.course.slug, w.exercise.pk])],
    # --- LTI 1.3 (lti/) --------------------------------------------------------------------------------------------
    "lti:login": [Case(every(400), note="no LMS login request")],
    "lti:launch": [Case(every(400), method="post", note="no id_token")],
    "lti:jwks": [Case(every(200))],
    "lti:deep-link": [Case(S(LOGIN, 400, 400, 400, 400, 400, 400), note="no deep-linking request in the session")],
    "lti:course-passbacks": [Case(S(LOGIN, 403, 403, 403, 200, 403, 403), args=SLUG)],
}

# --- the admin -------------------------------------------------------------------------------------------------
# Students and outsiders are not staff: every admin page sends them to the admin's log-in. The course's teacher
# sees its objects; another course's teacher and staff without the course find none of them (the admin redirects
# from an object it does not have), though they may open the lists (filtered) and add forms.
ADMIN_LOGIN = S(302, 302, 302, 302, 200, 200, 200)
ADMIN_OWN = S(302, 302, 302, 302, 200, 302, 302)
ADMIN_AUTH = S(302, 302, 302, 302, 403, 403, 403)  # users, groups and tokens: superusers only

ADMIN_SITE = {
    "admin:index": [Case(ADMIN_LOGIN)],
    "admin:app_list": [Case(ADMIN_LOGIN, args=lambda w: ["exercises"]),
                       Case(S(302, 302, 302, 302, 404, 404, 404), args=lambda w: ["auth"], note="no permission")],
    "admin:login": [Case(S(200, 200, 200, 200, 302, 302, 302), note="staff are sent on to the admin")],
    "admin:logout": [Case(every(302), method="post")],
    "admin:auth_user_password_change": [Case(ADMIN_AUTH, args=lambda w: [w.users["student"].pk])],
    "admin:password_change": [Case(ADMIN_LOGIN)],
    "admin:password_change_done": [Case(ADMIN_LOGIN)],
    "admin:jsi18n": [Case(ADMIN_LOGIN)],
    "admin:autocomplete": [Case(S(302, 302, 302, 302, 403, 403, 403), note="users: superusers only",
                                data=lambda w: {"app_label": "exercises", "model_name": "enrollment",
                                                "field_name": "user", "term": "sam"})],
    "admin:view_on_site": [Case(S(302, 302, 302, 302, 404, 404, 404), note="no model has get_absolute_url",
                                args=lambda w: [w.objects["contenttype"], w.course.pk])],
}


def admin_cases(model: Any) -> dict[str, list[Case]]:
    """The five pages of a registered model, for its object in the world."""
    label = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    key = f"{model._meta.app_label}.{model._meta.model_name}"
    obj = lambda w: [w.objects[key].pk if key in w.objects else 999999]  # noqa: E731
    if model._meta.app_label not in ("exercises", "playground", "auth", "authtoken"):
        # lti (LMS registrations), assignments...: no one in this world was given rights to them
        return {f"{label}_changelist": [Case(ADMIN_AUTH)], f"{label}_add": [Case(ADMIN_AUTH)],
                f"{label}_change": [Case(ADMIN_AUTH, args=obj)], f"{label}_delete": [Case(ADMIN_AUTH, args=obj)],
                f"{label}_history": [Case(S(302, 302, 302, 302, 302, 302, 302), args=obj, note="no such row")]}
    if model._meta.app_label in ("auth", "authtoken"):
        lists, own = ADMIN_AUTH, ADMIN_AUTH
    elif model._meta.app_label == "playground":  # snippets are public by their link; staff may list them
        lists, own = ADMIN_LOGIN, ADMIN_LOGIN
    else:
        lists, own = ADMIN_LOGIN, ADMIN_OWN
    derived = key in {"exercises.exerciseversion", "exercises.attempt", "exercises.progress"}
    adds = S(302, 302, 302, 302, 403, 403, 403) if derived else lists  # what the services derive: never by hand
    return {
        f"{label}_changelist": [Case(lists)],
        f"{label}_add": [Case(adds)],
        f"{label}_change": [Case(own, args=obj)],
        f"{label}_history": [Case(own, args=obj)],
        f"{label}_delete": [Case(own, args=obj)],
    }


def full_table() -> dict[str, list[Case]]:
    table = {**TABLE, **ADMIN_SITE}
    for model in admin.site._registry:
        table.update(admin_cases(model))
    return table


# --- the world -------------------------------------------------------------------------------------------------


@pytest.fixture
def world(db: Any, course: Any, teacher: Any, student: Any, other_student: Any, outsider: Any,
          make_user: Any, make_exercise: Any, settings: Any) -> World:
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from rest_framework.authtoken.models import Token, TokenProxy

    from exercises import services
    from exercises.models import Course, Enrollment, Progress
    from playground.models import Snippet

    settings.RATELIMIT_ENABLE = False
    other_course = Course.objects.create(title="Other 202", slug="other-202")
    other_teacher = make_user("otto_teacher", is_staff=True)
    Enrollment.objects.create(user=other_teacher, course=other_course, role=Enrollment.Role.TEACHER)
    staff = make_user("stella_staff", is_staff=True)
    authoring = Permission.objects.filter(content_type__app_label__in=["exercises", "playground"])
    for user in (teacher, other_teacher, staff):
        user.user_permissions.set(authoring)

    exercise = make_exercise(PUBLISHED, [
        {"kind": "output", "prompt": "What does it print?"},
        {"kind": "locals", "checkpoint": "c", "config": {"frame": 0, "variables": ["secret"]}, "prompt": "secret?"},
    ], title="Published")
    draft = make_exercise(DRAFT, [{"kind": "output", "prompt": "And this?"}], publish=False, title="Draft-zq9")
    output_q, locals_q = exercise.questions.order_by("order")
    attempt = services.attempt_submit(student=student, question=output_q, answer={"lines": [ANSWER]})
    attempt = services.attempt_grade(attempt_id=attempt.pk)
    assert attempt.status == "graded" and exercise.published and not draft.published
    snippet = Snippet.objects.create(id="abc123def0", source="let shared = {};")
    users = {"student": student, "other_student": other_student, "outsider": outsider, "teacher": teacher,
             "other_teacher": other_teacher, "staff": staff}
    objects = {
        "exercises.course": course, "exercises.enrollment": Enrollment.objects.get(user=student, course=course),
        "exercises.module": exercise.module, "exercises.exercise": draft,
        "exercises.exerciseversion": exercise.versions.first(), "exercises.attempt": attempt,
        "exercises.progress": Progress.objects.get(student=student, question=output_q),
        "playground.snippet": snippet, "auth.user": student, "auth.group": Group.objects.create(name="graders"),
        "contenttype": ContentType.objects.get_for_model(Course).pk,
        "authtoken.tokenproxy": TokenProxy.objects.get(pk=Token.objects.create(user=student, key=TOKEN).pk),
    }
    return World(users=users, course=course, exercise=exercise, draft=draft, output_q=output_q, locals_q=locals_q,
                 draft_q=draft.questions.get(), attempt=attempt, snippet=snippet, objects=objects)


def client_for(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def body_of(response: Any) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", "replace")


def ask(client: Client, url: str, case: Case, world: World) -> Any:
    """One request, rolled back afterwards, so that enrolling or answering does not change the next request."""
    data = case.data(world)
    with transaction.atomic():
        if case.json:
            response = getattr(client, case.method)(url, data, content_type="application/json")
        else:
            response = getattr(client, case.method)(url, data or {})
        body = body_of(response)
        transaction.set_rollback(True)
    return response, body


# --- the tests -------------------------------------------------------------------------------------------------


def url_names(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, str]]:
    """(name, route) of every URL pattern, recursively, with its namespace."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}{pattern.name}" if pattern.name else "", str(pattern.pattern))


def test_every_endpoint_of_the_site_is_in_the_table() -> None:
    names = {name for name, _ in url_names(get_resolver().url_patterns) if name}
    # The admin's two unnamed patterns only redirect: /admin/<model>/<id>/ to its change page, anything else to
    # the log-in or the index (the "catch-all" view); every other pattern must have a name to be listed here.
    unnamed = [route for name, route in url_names(get_resolver().url_patterns)
               if not name and route not in ("<path:object_id>/", "(?P<url>.*)$")]
    assert not unnamed, f"URL patterns without a name cannot be listed in the matrix: {unnamed}"
    missing = sorted(names - set(full_table()))
    assert not missing, f"endpoints missing from the permission matrix (add who may see them): {missing}"


def test_every_path_of_the_api_schema_is_in_the_table(client: Any) -> None:
    import yaml

    schema = yaml.safe_load(client.get("/api/schema/").content)
    for path in schema["paths"]:
        concrete = re.sub(r"\{[a-z_]*id\}", "1", path).replace("{slug}", "a-slug")
        match = resolve(concrete)
        assert match.view_name in full_table(), path


def run_matrix(world: World, names: list[str]) -> list[str]:
    table = full_table()
    failures = []
    for name in names:
        for case in table[name]:
            url = reverse(name, args=case.args(world))
            for role in ROLES:
                response, body = ask(client_for(world, role), url, case, world)
                where = f"{role:13} {case.method.upper():4} {url} {case.note}"
                if response.status_code != case.statuses[role]:
                    failures.append(f"{where}: {response.status_code}, expected {case.statuses[role]}")
                leaked = [secret for secret, allowed in SECRETS.items() if role not in allowed and secret in body]
                if leaked:
                    failures.append(f"{where}: shows {leaked}")
    return failures


def test_the_api_and_pages_answer_each_role_as_the_table_says(world: World) -> None:
    failures = run_matrix(world, [name for name in TABLE])
    assert not failures, "\n".join(failures)


def test_the_admin_answers_each_role_as_the_table_says(world: World) -> None:
    names = [name for name in full_table() if name.startswith("admin:")]
    failures = run_matrix(world, names)
    assert not failures, "\n".join(failures)


def test_the_secrets_are_really_there_for_those_who_may_see_them(world: World) -> None:
    """The control: the searched values do appear where they should, so their absence elsewhere means something."""
    teacher, student = client_for(world, "teacher"), client_for(world, "student")
    attempt = body_of(student.get(f"/api/attempts/{world.attempt.pk}/"))
    run = body_of(student.get(f"/exercises/{world.exercise.pk}/run.json"))
    draft = body_of(teacher.get(f"/admin/exercises/exercise/{world.draft.pk}/change/"))
    gradebook = body_of(teacher.get(f"/courses/{world.course.slug}/gradebook/"))
    assert "out-42123" in attempt and ANSWER in attempt and "94011" in run
    assert "Draft-zq9" in draft and "11163" in draft and "55817" in draft and "sam_student" in gradebook
