"""Registering LMS platforms (the tool's key pair is generated on save; its public key and the URLs to give the
platform are shown), the links LTI launches made, and every grade passback with a resend action."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from lti import services
from lti.models import ContextMember, LtiContext, LtiUser, Passback, Platform, ResourceLink


class DeploymentIdsField(forms.CharField):
    """Deployment ids, one a line (or comma-separated), stored as a JSON list."""

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return value
        return "\n".join(value) if isinstance(value, list) else str(value or "")

    def to_python(self, value: Any) -> list[str]:
        text = super().to_python(value)
        return [part.strip() for line in text.splitlines() for part in line.split(",") if part.strip()]


def _https_urls(db_field: models.Field, **kwargs: Any) -> Any:  # type: ignore[type-arg]
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"  # Django 6's default, said now
    return db_field.formfield(**kwargs)


class PlatformForm(forms.ModelForm):
    deployment_ids = DeploymentIdsField(widget=forms.Textarea(attrs={"rows": 3}), required=True,
                                        help_text="The deployment ids the platform gave memcourse, one a line.")

    class Meta:
        model = Platform
        formfield_callback = _https_urls
        fields = ["name", "issuer", "client_id", "deployment_ids", "auth_login_url", "auth_token_url", "key_set_url",
                  "auth_audience", "default_course", "is_active"]


@admin.register(Platform)
class PlatformAdmin(admin.ModelAdmin):
    form = PlatformForm
    list_display = ["name", "issuer", "client_id", "is_active", "key_id"]
    readonly_fields = ["tool_urls", "key_id", "public_key"]
    actions = ["generate_key_pair"]
    fieldsets = [
        (None, {"fields": ["name", "issuer", "client_id", "deployment_ids", "is_active", "default_course"]}),
        ("The platform's URLs", {"fields": ["auth_login_url", "auth_token_url", "key_set_url", "auth_audience"]}),
        ("Give these to the platform", {"fields": ["tool_urls", "key_id", "public_key"],
                                        "description": "memcourse's key pair for this platform is generated when the "
                                                       "platform is saved the first time; its private key is never shown."}),
    ]

    @admin.display(description="memcourse's LTI URLs")
    def tool_urls(self, platform: Platform) -> str:
        request = getattr(self, "_request", None)
        rows = [("Login (OIDC initiation) URL", "lti:login"), ("Launch / redirect URL (also deep linking)", "lti:launch"),
                ("Public keyset (JWKS) URL", "lti:jwks")]
        absolute = request.build_absolute_uri if request else (lambda path: path)
        return format_html("<dl>{}</dl>", format_html_join(
            "", "<dt>{}</dt><dd><code>{}</code></dd>", ((label, absolute(reverse(name))) for label, name in rows)))

    def formfield_for_dbfield(self, db_field: models.Field, request: HttpRequest, **kwargs: Any) -> Any:  # type: ignore[type-arg]
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        self._request = request
        return super().get_form(request, obj, change, **kwargs)

    def save_model(self, request: HttpRequest, obj: Platform, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not obj.private_key:
            services.platform_keys_generate(platform=obj)

    @admin.action(description="Generate a new key pair (the platform must fetch the JWKS again)")
    def generate_key_pair(self, request: HttpRequest, queryset: QuerySet[Platform]) -> None:
        for platform in queryset:
            services.platform_keys_generate(platform=platform)
        self.message_user(request, f"New key pairs for {queryset.count()} platform(s).", messages.SUCCESS)


@admin.register(LtiContext)
class LtiContextAdmin(admin.ModelAdmin):
    list_display = ["title", "context_id", "platform", "course"]
    list_filter = ["platform"]
    readonly_fields = ["platform", "context_id", "title"]
    fields = ["platform", "context_id", "title", "course"]


@admin.register(LtiUser)
class LtiUserAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "sub", "platform", "user", "last_launch"]
    list_filter = ["platform"]
    search_fields = ["name", "email", "sub", "user__username"]
    readonly_fields = ["platform", "sub", "user", "name", "email", "last_launch"]


@admin.register(ContextMember)
class ContextMemberAdmin(admin.ModelAdmin):
    list_display = ["lti_user", "context", "role"]
    list_filter = ["role", "context__platform"]


@admin.register(ResourceLink)
class ResourceLinkAdmin(admin.ModelAdmin):
    list_display = ["title", "resource_link_id", "context", "exercise", "assignment", "lineitem_url"]
    list_filter = ["context__platform"]
    readonly_fields = ["context", "resource_link_id", "lineitem_url", "lineitems_url", "ags_scopes"]


@admin.register(Passback)
class PassbackAdmin(admin.ModelAdmin):
    list_display = ["id", "status", "lti_user", "exercise", "course", "score_given", "score_maximum", "tries",
                    "short_error", "updated"]
    list_filter = ["status", "link__context__platform", "link__context__course"]
    search_fields = ["lti_user__name", "lti_user__user__username", "link__exercise__title"]
    readonly_fields = ["link", "lti_user", "attempt", "status", "tries", "score_given", "score_maximum", "last_error",
                       "created", "updated", "sent_at"]
    actions = ["resend"]
    list_select_related = ["lti_user", "link__exercise", "link__context__course"]

    @admin.display(description="exercise")
    def exercise(self, passback: Passback) -> Any:
        return passback.link.exercise

    @admin.display(description="course")
    def course(self, passback: Passback) -> Any:
        return passback.link.context.course

    @admin.display(description="last error")
    def short_error(self, passback: Passback) -> str:
        return passback.last_error[:120]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Send again (failed or stuck pending ones)")
    def resend(self, request: HttpRequest, queryset: QuerySet[Passback]) -> None:
        count = services.passbacks_resend(passbacks=queryset)
        self.message_user(request, f"Queued {count} grade passback(s) to send again.", messages.SUCCESS)
