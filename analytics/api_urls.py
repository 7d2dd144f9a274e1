"""Routes of the statistics API (memcourse/urls.py includes them under /api/)."""

from django.urls import path

from analytics import api

urlpatterns = [
    path("courses/<slug:slug>/statistics/", api.CourseStatisticsApi.as_view(), name="api-course-statistics"),
    path("courses/<slug:slug>/statistics/exercises/<int:exercise_id>/", api.ExerciseStatisticsApi.as_view(),
         name="api-exercise-statistics"),
]
