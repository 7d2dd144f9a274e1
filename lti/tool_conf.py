"""pylti1p3 wired to memcourse's models: the tool configuration is the Platform table, launch data (OIDC nonces,
states, launches) is kept in the database, and every HTTP request the library makes has a timeout."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import requests
from django.db.models import Q
from django.utils import timezone
from pylti1p3.deployment import Deployment
from pylti1p3.launch_data_storage.base import LaunchDataStorage
from pylti1p3.registration import Registration
from pylti1p3.service_connector import REQUESTS_USER_AGENT
from pylti1p3.tool_config.abstract import ToolConfAbstract

from lti.models import LaunchState, Platform

HTTP_TIMEOUT = (5, 15)  # seconds to connect, to read: a platform that hangs must not hold a worker


class TimeoutSession(requests.Session):
    """A requests session whose requests time out unless told otherwise (pylti1p3 passes no timeout)."""

    def __init__(self) -> None:
        super().__init__()
        self.headers["User-Agent"] = f"memcourse {REQUESTS_USER_AGENT}"

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        kwargs.setdefault("timeout", HTTP_TIMEOUT)
        return super().request(method, url, *args, **kwargs)


def registration_for(platform: Platform) -> Registration:
    """pylti1p3's view of a platform: its URLs and client id, and the tool's key pair for it."""
    registration = Registration()
    registration.set_issuer(platform.issuer).set_client_id(platform.client_id)
    registration.set_auth_login_url(platform.auth_login_url).set_auth_token_url(platform.auth_token_url)
    registration.set_auth_audience(platform.auth_audience or None)  # type: ignore[arg-type]
    registration.set_key_set_url(platform.key_set_url)
    registration.set_tool_private_key(platform.private_key).set_tool_public_key(platform.public_key)
    return registration


def platform_find(issuer: str, client_id: str | None) -> Platform | None:
    """The active platform of this issuer and client id; without a client id (some OIDC logins omit it), the
    issuer's only active platform."""
    platforms = Platform.objects.filter(issuer=issuer, is_active=True).exclude(private_key="")
    if client_id:
        return platforms.filter(client_id=client_id).first()
    candidates = list(platforms[:2])
    return candidates[0] if len(candidates) == 1 else None


class PlatformToolConf(ToolConfAbstract):  # type: ignore[type-arg]
    """Registrations and deployments from the Platform table (an issuer may have several client ids)."""

    def check_iss_has_one_client(self, iss: str) -> bool:
        return False

    def check_iss_has_many_clients(self, iss: str) -> bool:
        return True

    def find_registration_by_issuer(self, iss: str, *args: Any, **kwargs: Any) -> Registration | None:
        return self.find_registration_by_params(iss, None, *args, **kwargs)  # type: ignore[arg-type]

    def find_registration_by_params(self, iss: str, client_id: str, *args: Any, **kwargs: Any) -> Registration | None:
        platform = platform_find(iss, client_id)
        return registration_for(platform) if platform else None

    def find_deployment(self, iss: str, deployment_id: str) -> Deployment | None:
        return None

    def find_deployment_by_params(self, iss: str, deployment_id: str, client_id: str, *args: Any,
                                  **kwargs: Any) -> Deployment | None:
        platform = platform_find(iss, client_id)
        if platform is None or deployment_id not in (platform.deployment_ids or []):
            return None
        return Deployment().set_deployment_id(deployment_id)


class DatabaseLaunchStorage(LaunchDataStorage[Any]):
    """pylti1p3's launch data storage in the LaunchState table, shared by every web process. Over HTTPS the keys
    are scoped by the library's own session cookie (SameSite=None, so it survives the platform's cross-site form
    post); over plain HTTP (local use) they are not, like pylti1p3's cache storage."""

    def get_session_cookie_name(self) -> str | None:
        assert self._request is not None
        return super().get_session_cookie_name() if self._request.is_secure() else None

    def can_set_keys_expiration(self) -> bool:
        return True

    def get_value(self, key: str) -> Any:
        state = LaunchState.objects.filter(key=self._prepare_key(key), expires__gt=timezone.now()).first()
        return state.value if state else None

    def set_value(self, key: str, value: Any, exp: int | None = None) -> None:
        now = timezone.now()
        LaunchState.objects.filter(expires__lte=now).delete()
        LaunchState.objects.update_or_create(
            key=self._prepare_key(key), defaults={"value": value, "expires": now + timedelta(seconds=exp or 86400)}
        )

    def check_value(self, key: str) -> bool:
        return LaunchState.objects.filter(Q(key=self._prepare_key(key)), expires__gt=timezone.now()).exists()
