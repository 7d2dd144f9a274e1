"""Top-level routes: pages (exercises.urls, owned by the frontend), the gradebook, the API, admin and accounts."""

from django.contrib import admin
from django.urls import include, path

from exercises import gradebook

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("exercises.api_urls")),
    path("api/", include("assignments.api_urls")),  # assignments and extensions (issue 12)
    path("api/", include("analytics.api_urls")),
    path("playground/", include("playground.urls")),
    path("lti/", include("lti.urls")),
    path("courses/<slug:slug>/gradebook/", gradebook.GradebookPageView.as_view(), name="gradebook"),
    path("courses/<slug:slug>/gradebook.csv", gradebook.GradebookCsvView.as_view(), name="gradebook-csv"),
    path("courses/<slug:slug>/exports/", include("exports.urls")),  # Canvas, Moodle, submissions (issue 12)
    path("", include("analytics.urls")),
    path("", include("exercises.urls")),
]
