"""Routes of the JSON API under /api/."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token

from exercises import api

urlpatterns = [
    path("courses/", api.CourseListApi.as_view(), name="api-course-list"),
    path("courses/<slug:slug>/", api.CourseDetailApi.as_view(), name="api-course-detail"),
    path("courses/<slug:slug>/enroll/", api.CourseEnrollApi.as_view(), name="api-course-enroll"),
    path("courses/<slug:slug>/progress/", api.ProgressApi.as_view(), name="api-course-progress"),
    path("courses/<slug:slug>/gradebook/", api.GradebookApi.as_view(), name="api-course-gradebook"),
    path("exercises/<int:exercise_id>/", api.ExerciseDetailApi.as_view(), name="api-exercise-detail"),
    path("exercises/<int:exercise_id>/new-variant/", api.ExerciseNewVariantApi.as_view(), name="api-exercise-new-variant"),
    path("attempts/", api.AttemptCreateApi.as_view(), name="api-attempt-list"),
    path("attempts/<int:attempt_id>/", api.AttemptDetailApi.as_view(), name="api-attempt-detail"),
    path("auth/token/", obtain_auth_token, name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
