from django.contrib import admin

from playground.models import Snippet


@admin.register(Snippet)
class SnippetAdmin(admin.ModelAdmin):
    list_display = ("id", "created")
    readonly_fields = ("id", "source", "created")
