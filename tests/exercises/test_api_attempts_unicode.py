"""Answers that PostgreSQL's jsonb cannot store as they are (a NUL character, a lone surrogate) get a clear 400."""

import json
from typing import Any

import pytest

from exercises.models import Attempt

URL = "/api/attempts/"


@pytest.fixture
def exercise(heap_program: str, make_exercise: Any) -> Any:
    return make_exercise(heap_program, [{"kind": "output"}])


@pytest.mark.django_db
@pytest.mark.parametrize("line", ["nul \u0000 here", "half \ud83d pair"])
def test_an_answer_with_text_no_database_can_hold_gets_400(student: Any, exercise: Any, api_client_for: Any,
                                                           line: str) -> None:
    question = exercise.questions.get()
    body = json.dumps({"question": question.pk, "answer": {"lines": [line]}})  # escapes, as a browser sends them
    response = api_client_for(student).post(URL, body, content_type="application/json")
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert message.startswith("The text in answer.lines[0] holds ") and "cannot be stored" in message
    assert Attempt.objects.count() == 0
