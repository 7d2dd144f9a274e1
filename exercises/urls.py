"""Page routes of the student-facing site.

OWNED BY THE FRONTEND HELPER: this file was created empty by the backend helper only so that memcourse/urls.py can
include it; the frontend helper owns it and adds its page routes here.
"""

from django.urls import path  # noqa: F401

app_name = "exercises"

urlpatterns: list = []
