"""Fixtures of the page tests: the sample exercise (hand-written trace, no engine) in the shared course."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.pages.sample import build_exercise


@pytest.fixture
def exercise(course: Any) -> Any:
    return build_exercise(course=course)


@pytest.fixture
def draft_exercise(course: Any) -> Any:
    from exercises.models import Exercise

    exercise = build_exercise(course=course, published=False)
    Exercise.objects.filter(pk=exercise.pk).update(title="Draft exercise")
    exercise.refresh_from_db()
    return exercise


@pytest.fixture
def client_for() -> Any:
    def make(user: Any) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
