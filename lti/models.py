"""LTI 1.3 links between an LMS (a platform) and memcourse: the registered platforms with the tool's key pair for
each, who a platform's user is here (issuer + sub), which memcourse course an LMS course (context) is, which exercise
a resource link opens and where its grades go, and every grade passback with its outcome. Models hold data only;
behaviour lives in services.py and selectors.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from assignments.models import Assignment
from exercises.models import Attempt, Course, Enrollment, Exercise


class Platform(models.Model):
    """An LMS registered with memcourse, with the values its administrator gives (issuer, client id, deployment
    ids, its login, token and keyset URLs) and the key pair memcourse signs with for it (generated here; the
    private key never leaves the database)."""

    name = models.CharField(max_length=200, help_text="For people: 'Canvas at our university'.")
    issuer = models.CharField(max_length=255, help_text="The platform's issuer (iss), e.g. https://canvas.instructure.com.")
    client_id = models.CharField(max_length=255, help_text="The client id the platform gave memcourse.")
    deployment_ids = models.JSONField(
        default=list, blank=True, help_text='The deployment ids the platform gave memcourse: ["1:abc", ...].'
    )
    auth_login_url = models.URLField(max_length=1024, help_text="The platform's OIDC authorization (login) URL.")
    auth_token_url = models.URLField(max_length=1024, help_text="The platform's OAuth2 access token URL.")
    auth_audience = models.CharField(
        max_length=1024, blank=True, help_text="The audience of token requests, if the platform wants one other than its token URL."
    )
    key_set_url = models.URLField(max_length=1024, help_text="The platform's public keyset (JWKS) URL.")
    default_course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Link each new LMS course to this memcourse course; empty: create a memcourse course for each.",
    )
    private_key = models.TextField(blank=True, editable=False, help_text="The tool's private key (PEM) for this platform.")
    public_key = models.TextField(blank=True, editable=False, help_text="The tool's public key (PEM), served in its JWKS.")
    key_id = models.CharField(max_length=100, blank=True, editable=False, help_text="The public key's JWK thumbprint (kid).")
    is_active = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["issuer", "client_id"], name="lti_platform_unique_issuer_client")]

    def __str__(self) -> str:
        return self.name


class LtiUser(models.Model):
    """A platform's user (its issuer and `sub`) and the memcourse account they sign in as."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="users")
    sub = models.CharField(max_length=255)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_identities")
    name = models.CharField(max_length=255, blank=True)
    email = models.EmailField(blank=True)
    # How the LMS's own gradebook knows the student, for its grade import (exports/: Canvas's ID, SIS User ID and
    # SIS Login ID columns): from Canvas's custom fields canvas_user_id and canvas_user_login_id and the lis claim.
    lms_user_id = models.CharField(max_length=255, blank=True)
    sis_user_id = models.CharField(max_length=255, blank=True)
    lms_login_id = models.CharField(max_length=255, blank=True)
    last_launch = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "LTI user"
        constraints = [models.UniqueConstraint(fields=["platform", "sub"], name="lti_user_unique_platform_sub")]

    def __str__(self) -> str:
        return f"{self.name or self.sub} ({self.platform})"


class LtiContext(models.Model):
    """An LMS course (context) and the memcourse course it is."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="contexts")
    context_id = models.CharField(max_length=255)
    title = models.CharField(max_length=255, blank=True)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lti_contexts")

    class Meta:
        verbose_name = "LTI context"
        constraints = [models.UniqueConstraint(fields=["platform", "context_id"], name="lti_context_unique")]

    def __str__(self) -> str:
        return f"{self.title or self.context_id} ({self.platform}) → {self.course}"


class ContextMember(models.Model):
    """Who launched from which LMS course, with the role the LMS gave them there: a student's grades go back only
    to the LMS courses they are a learner of."""

    context = models.ForeignKey(LtiContext, on_delete=models.CASCADE, related_name="members")
    lti_user = models.ForeignKey(LtiUser, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Enrollment.Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["context", "lti_user"], name="lti_member_unique")]

    def __str__(self) -> str:
        return f"{self.lti_user} in {self.context} ({self.role})"


class ResourceLink(models.Model):
    """A link placed in an LMS course: the exercise or the assignment it opens and, when the LMS offers Assignment
    and Grade Services, where scores go (its line item, or the line items container to find or create one in)."""

    context = models.ForeignKey(LtiContext, on_delete=models.CASCADE, related_name="links")
    resource_link_id = models.CharField(max_length=255)
    title = models.CharField(max_length=255, blank=True)
    exercise = models.ForeignKey(Exercise, null=True, blank=True, on_delete=models.SET_NULL, related_name="lti_links")
    assignment = models.ForeignKey(Assignment, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="lti_links")
    lineitem_url = models.URLField(max_length=1024, blank=True)
    lineitems_url = models.URLField(max_length=1024, blank=True)
    ags_scopes = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["context", "resource_link_id"], name="lti_link_unique")]

    def __str__(self) -> str:
        return f"{self.title or self.resource_link_id} → {self.exercise or self.assignment or 'the course page'}"


class Passback(models.Model):
    """One score to send to an LMS after a graded attempt, and what became of it: pending until the platform
    accepts it (sent), or failed with the last error after the retries ran out; a failed one can be resent."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    link = models.ForeignKey(ResourceLink, on_delete=models.CASCADE, related_name="passbacks")
    lti_user = models.ForeignKey(LtiUser, on_delete=models.CASCADE, related_name="passbacks")
    attempt = models.ForeignKey(Attempt, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    tries = models.PositiveIntegerField(default=0)
    score_given = models.FloatField(null=True, blank=True, help_text="The score last sent (or tried).")
    score_maximum = models.FloatField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["status", "updated"])]
        constraints = [
            models.UniqueConstraint(fields=["link", "lti_user", "attempt"], name="lti_passback_once_per_attempt")
        ]

    def __str__(self) -> str:
        return f"passback {self.pk} of {self.lti_user} to {self.link} ({self.status})"


class LaunchState(models.Model):
    """pylti1p3's launch data storage (OIDC nonces, states, launch data) in the database, so that the login and
    the launch may reach different processes (lti/tool_conf.py:DatabaseLaunchStorage)."""

    key = models.CharField(max_length=255, unique=True)
    value = models.JSONField(null=True)
    expires = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.key
