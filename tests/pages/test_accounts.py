from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db


def test_home_page_invites_visitors_to_sign_up(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert b"Create a free account" in response.content


def test_sign_up_creates_the_account_and_logs_it_in(client: Client) -> None:
    response = client.post("/accounts/signup/", {
        "username": "new_student", "email": "", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase",
    })
    assert response.status_code == 302
    assert response["Location"] == "/courses/"
    assert get_user_model().objects.filter(username="new_student").exists()
    assert client.get("/courses/").context["user"].username == "new_student"


def test_sign_up_shows_what_is_wrong_next_to_the_fields(client: Client) -> None:
    response = client.post("/accounts/signup/", {
        "username": "x", "password1": "a-long-pass-phrase", "password2": "another-pass-phrase",
    })
    assert response.status_code == 200
    assert "password fields didn’t match" in response.content.decode()
    assert not get_user_model().objects.filter(username="x").exists()


def test_sign_up_never_redirects_off_site(client: Client) -> None:
    response = client.post("/accounts/signup/?next=https://evil.example/", {
        "username": "careful", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase",
        "next": "https://evil.example/",
    })
    assert response["Location"] == "/courses/"


def test_a_signed_in_user_is_sent_from_sign_up_to_the_courses(client_for: Any, student: Any) -> None:
    response = client_for(student).get("/accounts/signup/")
    assert response.status_code == 302


def test_log_in_page_has_labelled_fields(client: Client) -> None:
    html = client.get("/accounts/login/").content.decode()
    assert '<label for="id_username">' in html
    assert '<label for="id_password">' in html


def test_log_out_is_a_post_form_in_the_header(client_for: Any, student: Any) -> None:
    html = client_for(student).get("/courses/").content.decode()
    assert 'action="/accounts/logout/"' in html
    assert 'method="post"' in html
