"""Fixtures of the statistics tests: students enrolled in the course, and answers graded through the real services
(and the real engine, unless a test asks for the stand-in)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def enrolled(make_user: Callable[..., Any], course: Any) -> Callable[[str], Any]:
    from exercises.models import Enrollment

    def make(username: str) -> Any:
        user = make_user(username)
        Enrollment.objects.create(user=user, course=course, role=Enrollment.Role.STUDENT)
        return user

    return make


@pytest.fixture
def answer(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Submit an answer as a student and grade it (the on-commit task runs in-process), returning the attempt."""
    from exercises import services

    def submit(student: Any, question: Any, given: dict[str, Any]) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            attempt = services.attempt_submit(student=student, question=question, answer=given)
        attempt.refresh_from_db()
        assert attempt.status == "graded", attempt.message
        return attempt

    return submit
