"""Forms of the student pages. Answers are not Django forms: the exercise page posts them as JSON to the API."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User


class SignUpForm(UserCreationForm):  # type: ignore[type-arg]
    """A new student account: a username, an optional email address and a password typed twice."""

    email = forms.EmailField(required=False, help_text="Optional; only used to reset a forgotten password.")

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")
