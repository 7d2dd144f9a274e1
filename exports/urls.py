"""Export downloads (memcourse/urls.py includes them under /courses/<slug>/exports/)."""

from django.urls import path

from exports import views

urlpatterns = [
    path("canvas.csv", views.CanvasExportView.as_view(), name="export-canvas"),
    path("moodle.csv", views.MoodleExportView.as_view(), name="export-moodle"),
    path("submissions.csv", views.SubmissionsExportView.as_view(), name="export-submissions"),
]
