"""Routes of the JSON API under /api/."""

from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from exercises import api
from memcourse.ratelimits import limit

# Swagger UI and Redoc add <style> elements as they render and Redoc searches in a blob: worker; their scripts
# still come only from our static files (the split view serves Swagger UI's settings as a script of its own).
_docs_csp = csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]})

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
    path("auth/token/", limit("token")(api.TokenApi.as_view()), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", _docs_csp(SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
    path("redoc/", _docs_csp(SpectacularRedocView.as_view(url_name="api-schema")), name="api-redoc"),
]
