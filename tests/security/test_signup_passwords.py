"""Signing up validates the password with Django's validators (settings.AUTH_PASSWORD_VALIDATORS): too short, too
common, all digits or too like the user name is refused with the reason next to the field, and no account is made."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("password", "reason"), [
    ("short1", "This password is too short. It must contain at least 8 characters."),
    ("password123", "This password is too common."),
    ("4839201756", "This password is entirely numeric."),
    ("margaret_hamilton", "The password is too similar to the username."),
])
def test_a_weak_password_is_refused_with_the_reason(password: str, reason: str) -> None:
    response = Client().post("/accounts/signup/", {
        "username": "margaret_hamilton", "password1": password, "password2": password,
    })
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not get_user_model().objects.filter(username="margaret_hamilton").exists()


def test_a_strong_password_makes_the_account() -> None:
    response = Client().post("/accounts/signup/", {
        "username": "margaret_hamilton", "password1": "apollo-guidance-1969", "password2": "apollo-guidance-1969",
    })
    assert response.status_code == 302
    assert get_user_model().objects.get(username="margaret_hamilton").check_password("apollo-guidance-1969")
