"""Routes of the public playground (memcourse/urls.py includes them under /playground/)."""

from django.urls import path

from playground import views

app_name = "playground"

urlpatterns = [
    path("", views.playground, name="playground"),
    path("run/", views.run, name="run"),
    path("save/", views.save, name="save"),
    path("<slug:snippet_id>/", views.snippet, name="snippet"),
]
