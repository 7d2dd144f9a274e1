"""Shared fixtures: the people every permission test talks about (a teacher, an enrolled student, an outsider),
a course, an exercise factory, and the real services (Redis, PostgreSQL) that integration tests need.

Under CI=true a missing Redis or PostgreSQL fails the tests that need them; elsewhere they skip, saying why.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from memcourse.redis_ping import redis_answers


def pytest_configure(config: pytest.Config) -> None:
    # STATIC_ROOT only exists after collectstatic; whitenoise serves from the finders meanwhile.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


def require_service(service: str, reason: str) -> None:
    """Fail under CI=true, skip elsewhere, with a message saying what is missing and how to provide it."""
    message = f"{service} is not available: {reason}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}. CI=true requires it (.ci/run starts it).", pytrace=False)
    pytest.skip(f"{message}. Start it (see .ci/run) to run this test.")


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    if not redis_answers(url):
        require_service("Redis", f"nothing answers PING at REDIS_URL={url}")
    return url


@pytest.fixture
def postgres(django_db_setup: Any, django_db_blocker: Any) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        require_service(
            "PostgreSQL", f"the tests run on {connection.vendor}; set DATABASE_URL=postgres://... to use PostgreSQL"
        )


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _celery_eager() -> Iterator[None]:
    """Unit tests grade in-process; the integration test turns this off and talks to a real worker."""
    from memcourse.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture(autouse=True)
def _fresh_engine_cache() -> Iterator[None]:
    from exercises import program, selectors

    program._run_cached.cache_clear()
    selectors.version_facts_forget()
    yield
    program._run_cached.cache_clear()
    selectors.version_facts_forget()


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Rate-limit counters live in Django's cache (memcourse/ratelimits.py): every test starts with none, so the
    suite's many log-ins from 127.0.0.1 (and user ids that repeat across tests) never add up."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _ratelimit_window_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    """django-ratelimit counts in fixed windows of the clock: a test's requests never straddle two of them."""
    import time
    from types import SimpleNamespace

    import django_ratelimit.core

    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now))


# --- people and a course ---------------------------------------------------------------------------------------


@pytest.fixture
def course(db: Any) -> Any:
    from exercises.models import Course

    return Course.objects.create(title="Memory 101", slug="memory-101", description="Test course")


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    from django.contrib.auth import get_user_model

    def make(username: str, **extra: Any) -> Any:
        return get_user_model().objects.create_user(username=username, password="pw-" + username, **extra)

    return make


@pytest.fixture
def teacher(make_user: Callable[..., Any], course: Any) -> Any:
    from exercises.models import Enrollment

    user = make_user("tina_teacher", is_staff=True)
    Enrollment.objects.create(user=user, course=course, role=Enrollment.Role.TEACHER)
    return user


@pytest.fixture
def student(make_user: Callable[..., Any], course: Any) -> Any:
    from exercises.models import Enrollment

    user = make_user("sam_student")
    Enrollment.objects.create(user=user, course=course, role=Enrollment.Role.STUDENT)
    return user


@pytest.fixture
def other_student(make_user: Callable[..., Any], course: Any) -> Any:
    from exercises.models import Enrollment

    user = make_user("olga_student")
    Enrollment.objects.create(user=user, course=course, role=Enrollment.Role.STUDENT)
    return user


@pytest.fixture
def outsider(make_user: Callable[..., Any]) -> Any:
    return make_user("oscar_outsider")


@pytest.fixture
def api_client_for() -> Callable[[Any], Any]:
    from rest_framework.test import APIClient

    def client_for(user: Any) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return client_for


@pytest.fixture
def make_exercise(course: Any) -> Callable[..., Any]:
    """An exercise in the course with the given questions, synced through the services (published by default)."""
    from exercises import services
    from exercises.models import Exercise, Module, Question

    def make(program: str, questions: list[dict[str, Any]], *, publish: bool = True, title: str = "Ex") -> Any:
        module, _ = Module.objects.get_or_create(course=course, order=1, defaults={"title": "M1"})
        exercise = Exercise.objects.create(module=module, title=title, program=program,
                                           order=module.exercises.count() + 1)
        for order, spec in enumerate(questions, start=1):
            Question.objects.create(exercise=exercise, order=order, prompt=spec.pop("prompt", "?"), **spec)
        if publish:
            services.exercise_publish(exercise=exercise)
        else:
            services.exercise_sync(exercise=exercise)
        exercise.refresh_from_db()
        return exercise

    return make
