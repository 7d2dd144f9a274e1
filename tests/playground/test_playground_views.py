"""The playground's pages and JSON endpoints: public, no login; every refusal is JSON with a sentence."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest
from django.test import Client

from playground import services
from playground.models import Snippet

pytestmark = pytest.mark.django_db


def post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_anyone_can_open_the_playground_with_a_labelled_editor_and_the_examples() -> None:
    html = Client().get("/playground/").content.decode()
    assert '<label for="pg-source"' in html and 'id="pg-source"' in html
    assert 'id="pg-example-sources"' in html
    for title in ["Recursion", "Closures sharing a scope", "A cycle, garbage and gc()"]:
        assert title in html
    assert "memview" in html  # the player's scripts


def test_running_answers_the_trace_and_labels() -> None:
    response = post(Client(), "/playground/run/", {"source": 'let o = {};\ncheckpoint("here");\n'})
    assert response.status_code == 200
    body = response.json()
    assert body["trace"]["checkpoints"][0]["name"] == "here"
    assert body["labels"] == {"1:9#1": "A"}


def test_a_syntax_error_is_a_200_with_the_problem_not_a_server_error() -> None:
    body = post(Client(), "/playground/run/", {"source": "let = ;"}).json()
    assert body["trace"] is None and body["problem"].startswith("SyntaxError at line 1")


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"source": ""}, 400, "empty"),
    ({"program": "let x;"}, 400, "invalid"),
    ([1, 2], 400, "invalid"),
    ({"source": "x" * (services.MAX_SOURCE_CHARS + 5)}, 413, "too_large"),
])
def test_bad_requests_get_a_json_error_with_a_message(body: Any, status: int, code: str) -> None:
    response = post(Client(), "/playground/run/", body)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]


@pytest.mark.parametrize("url", ["/playground/run/", "/playground/save/"])
@pytest.mark.parametrize("source", ["let s = 1;\u0000", "let s = '\ud83d';"])
def test_a_program_holding_text_no_database_can_hold_is_a_400_that_says_so(url: str, source: str) -> None:
    response = post(Client(), url, {"source": source})  # json.dumps writes them as escapes, as a browser does
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("The text in the program holds ")
    assert not Snippet.objects.exists()


def test_a_program_whose_strings_hold_half_a_pair_runs_and_shows_it_as_a_terminal_does() -> None:
    response = post(Client(), "/playground/run/", {"source": 'let s = "\\ud83d" + "\\0";\nconsole.log(s.length);\n'
                                                             'checkpoint("A");'})
    assert response.status_code == 200
    trace = response.json()["trace"]
    assert trace["output"] == ["2"] and trace["checkpoints"][0]["locals"][0]["s"] == "\ufffd\u2400"


def test_a_body_that_is_not_json_is_a_400() -> None:
    response = Client().post("/playground/run/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "The request is not valid JSON."


def test_a_body_over_django_s_upload_limit_is_a_413_not_an_error_page(settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post(Client(), "/playground/run/", {"source": "x" * 5000})
    assert response.status_code == 413
    assert response.json()["error"]["message"].startswith("The program is too large")


def test_a_form_post_works_too() -> None:
    response = Client().post("/playground/run/", {"source": "let a = [];\ncheckpoint(\"x\");"})
    assert response.status_code == 200 and response.json()["labels"] == {"1:9#1": "A"}


def test_too_many_runs_from_one_address_get_429_with_retry_after(settings: Any) -> None:
    settings.PLAYGROUND_RUNS_PER_MINUTE = 1
    client = Client()
    assert post(client, "/playground/run/", {"source": "let a;"}).status_code == 200
    response = post(client, "/playground/run/", {"source": "let b;"})
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60  # the rest of django-ratelimit's one-minute window
    assert "Too many requests" in response.json()["error"]["message"]
    assert post(Client(REMOTE_ADDR="10.0.0.9"), "/playground/run/", {"source": "let b;"}).status_code == 200


def test_a_forged_forwarded_for_header_does_not_dodge_the_rate_limit(settings: Any) -> None:
    settings.PLAYGROUND_RUNS_PER_MINUTE = 1
    client = Client()
    post(client, "/playground/run/", {"source": "let a;"})
    response = client.post("/playground/run/", json.dumps({"source": "let b;"}), content_type="application/json",
                           HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert response.status_code == 429


def test_saving_gives_a_permalink_that_opens_the_program_and_runs_it() -> None:
    client = Client()
    source = 'let greeting = { text: "<hi>" };\ncheckpoint("a");\n'
    response = post(client, "/playground/save/", {"source": source})
    assert response.status_code == 201
    snippet_id = response.json()["id"]
    assert response.json()["url"] == f"http://testserver/playground/{snippet_id}/"
    again = post(client, "/playground/save/", {"source": source}).json()
    assert again["id"] == snippet_id and Snippet.objects.count() == 1
    html = client.get(f"/playground/{snippet_id}/").content.decode()
    assert 'data-autorun="true"' in html
    assert "let greeting = { text: &quot;&lt;hi&gt;&quot; };" in html  # escaped inside the textarea


def test_an_unknown_permalink_is_a_404_page() -> None:
    response = Client().get("/playground/0123456789/")
    assert response.status_code == 404


def test_saving_an_empty_program_is_refused() -> None:
    response = post(Client(), "/playground/save/", {"source": "  "})
    assert response.status_code == 400
    assert Snippet.objects.count() == 0


def test_run_and_save_only_answer_post() -> None:
    assert Client().get("/playground/run/").status_code == 405
    assert Client().get("/playground/save/").status_code == 405


def test_a_run_travels_gzip_compressed_when_the_browser_accepts_it() -> None:
    source = "let total = 0;\nfor (let i = 0; i < 200; i++) { total += i; }\ncheckpoint(\"end\");\n"
    response = Client().post("/playground/run/", json.dumps({"source": source}), content_type="application/json",
                             HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    body = json.loads(gzip.decompress(response.content))
    assert body["trace"]["checkpoints"][0]["name"] == "end"
