"""Routes of the assignments API (memcourse/urls.py includes them under /api/)."""

from django.urls import path

from assignments import api

urlpatterns = [
    path("courses/<slug:slug>/assignments/", api.CourseAssignmentsApi.as_view(), name="api-course-assignments"),
    path("assignments/<int:assignment_id>/extensions/", api.ExtensionCreateApi.as_view(),
         name="api-assignment-extensions"),
]
