"""Page routes of the student-facing site (memcourse/urls.py includes them at the root)."""

from django.urls import path

from exercises import views

app_name = "exercises"

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/signup/", views.signup, name="signup"),
    path("courses/", views.course_list, name="course-list"),
    path("courses/<slug:slug>/", views.course_detail, name="course-detail"),
    path("courses/<slug:slug>/enroll/", views.course_enroll, name="course-enroll"),
    path("exercises/<int:exercise_id>/", views.exercise_detail, name="exercise-detail"),
    path("exercises/<int:exercise_id>/run.json", views.exercise_run, name="exercise-run"),
    path("exercises/<int:exercise_id>/new-variant/", views.exercise_new_variant, name="exercise-new-variant"),
]
