"""Top-level routes: pages (exercises.urls, owned by the frontend), the gradebook, the API, admin and accounts."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from exercises import gradebook
from memcourse.ratelimits import limit, login_username

# Logging in is rate-limited per address and per user name tried (memcourse/ratelimits.py).
login_view = limit("login", key=login_username)(limit("login")(auth_views.LoginView.as_view()))

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", login_view, name="login"),
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

handler404 = "memcourse.error_pages.page_not_found"
handler500 = "memcourse.error_pages.server_error"
