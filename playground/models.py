"""Saved playground programs. A snippet is named by a short hash of its text, so saving the same program twice
gives the same link and stores it once."""

from __future__ import annotations

from django.db import models


class Snippet(models.Model):
    id = models.CharField(primary_key=True, max_length=32, help_text="A short hash of the source: the permalink.")
    source = models.TextField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"snippet {self.id}"
