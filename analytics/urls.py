"""Routes of the statistics pages (memcourse/urls.py includes them at the root)."""

from django.urls import path

from analytics import views

app_name = "analytics"

urlpatterns = [
    path("courses/<slug:slug>/statistics/", views.CourseStatisticsView.as_view(), name="course"),
    path("courses/<slug:slug>/statistics/exercises/<int:exercise_id>/", views.ExerciseStatisticsView.as_view(),
         name="exercise"),
    path("courses/<slug:slug>/statistics/attempts/<int:attempt_id>/", views.AttemptFeedbackView.as_view(),
         name="attempt"),
]
