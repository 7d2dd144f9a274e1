"""Rate limits (memcourse/ratelimits.py, django-ratelimit): logging in, signing up, getting a token, submitting
attempts and running the playground each answer 429 with a sentence once over their rate (a page for pages, the
API's error shape for JSON), count per address or per user as they should, and can all be turned off."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PROGRAM = "let kept = { tag: 1 };\ncheckpoint(\"end\");\n"


@pytest.fixture
def tight(settings: Any) -> Any:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": "2/m", "signup": "2/m", "token": "2/m", "attempt": "2/m"}
    return settings


def log_in(client: Client, username: str, password: str = "wrong") -> Any:
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_logging_in_too_often_from_one_address_gets_a_429_page_that_says_why(tight: Any, student: Any) -> None:
    client = Client()
    assert [log_in(client, "sam_student").status_code for _ in range(2)] == [200, 200]
    refused = log_in(client, "sam_student", "pw-sam_student")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "Too many log-in attempts from here" in refused.content.decode()
    assert "<h1>Too many requests</h1>" in refused.content.decode()
    assert log_in(Client(REMOTE_ADDR="10.1.1.1"), "someone_else").status_code == 200


def test_guessing_one_accounts_password_from_many_addresses_is_limited_too(tight: Any, student: Any) -> None:
    for n in range(2):
        log_in(Client(REMOTE_ADDR=f"10.2.0.{n}"), "Sam_Student")
    assert log_in(Client(REMOTE_ADDR="10.2.0.9"), "sam_student", "pw-sam_student").status_code == 429


def test_signing_up_too_often_gets_a_429(tight: Any) -> None:
    client = Client()
    form = {"username": "", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"}
    for name in ("first_one", "second_one"):
        assert Client().post("/accounts/signup/", {**form, "username": name}).status_code == 302
    refused = client.post("/accounts/signup/", {**form, "username": "third_one"})
    assert refused.status_code == 429 and "Too many new accounts" in refused.content.decode()
    assert client.get("/accounts/signup/").status_code == 200  # only posting counts


def test_asking_for_tokens_too_often_gets_a_429_in_the_api_error_shape(tight: Any, student: Any) -> None:
    client = Client()
    for _ in range(2):
        client.post("/api/auth/token/", {"username": "sam_student", "password": "wrong"})
    refused = client.post("/api/auth/token/", {"username": "sam_student", "password": "pw-sam_student"})
    assert refused.status_code == 429
    assert refused.json() == {"error": {"code": "rate_limited", "details": None,
                                        "message": "Too many token requests from here. Wait a minute and try again."}}


def test_submitting_too_many_attempts_gets_a_429_per_student(
    tight: Any, student: Any, other_student: Any, make_exercise: Any, api_client_for: Any
) -> None:
    exercise = make_exercise(PROGRAM, [{"kind": "reachable", "checkpoint": "end"}])
    question = exercise.questions.get()
    body = {"question": question.pk, "answer": {"objects": ["A"]}}
    mine = api_client_for(student)
    assert [mine.post("/api/attempts/", body, format="json").status_code for _ in range(2)] == [202, 202]
    refused = mine.post("/api/attempts/", body, format="json")
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["error"] == {"code": "rate_limited", "details": None,
                                       "message": "Too many answers in a minute. Wait a little and submit again."}
    assert api_client_for(other_student).post("/api/attempts/", body, format="json").status_code == 202


def test_running_the_playground_too_often_gets_a_429_with_a_sentence(settings: Any) -> None:
    settings.PLAYGROUND_RUNS_PER_MINUTE = 1
    client = Client()
    run = lambda source: client.post("/playground/run/", json.dumps({"source": source}),  # noqa: E731
                                     content_type="application/json")
    assert run("let a = 1;").status_code == 200
    refused = run("let b = 2;")
    assert refused.status_code == 429
    assert refused.json()["error"]["message"].startswith("Too many requests: the playground allows 1 runs a minute")


def test_rate_limits_can_be_turned_off(tight: Any, student: Any) -> None:
    tight.RATELIMIT_ENABLE = False
    client = Client()
    assert {log_in(client, "sam_student").status_code for _ in range(4)} == {200}
