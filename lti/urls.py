"""LTI 1.3 routes (memcourse/urls.py includes them under /lti/)."""

from django.urls import path

from lti import views

app_name = "lti"

urlpatterns = [
    path("login/", views.login, name="login"),
    path("launch/", views.launch, name="launch"),
    path("jwks.json", views.jwks, name="jwks"),
    path("deep-link/", views.deep_link, name="deep-link"),
    path("courses/<slug:slug>/passbacks/", views.course_passbacks, name="course-passbacks"),
]
