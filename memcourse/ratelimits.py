"""Rate limits (django-ratelimit) on logging in, signing up, getting an API token and submitting attempts; the
playground's run and save limits use the same counters (playground/services.py). The rates are
`settings.RATE_LIMITS`; `RATELIMIT_ENABLE=0` turns them all off (a load benchmark from one address).

A refusal is a 429 with a sentence: JSON in the API's one error shape for /api/ and JSON requests, else a page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage
from django_ratelimit.decorators import ratelimit

MESSAGES = {
    "login": "Too many log-in attempts from here. Wait a minute and try again.",
    "signup": "Too many new accounts from here. Wait a minute and try again.",
    "token": "Too many token requests from here. Wait a minute and try again.",
    "attempt": "Too many answers in a minute. Wait a little and submit again.",
}
DEFAULT_MESSAGE = "Too many requests. Wait a minute and try again."


def rate(group: str, request: HttpRequest | None = None) -> str:
    """The rate of a group, e.g. "10/m", from settings.RATE_LIMITS (read each time, so tests can change it)."""
    return str(settings.RATE_LIMITS[group])


def _rate_of(group: str) -> Callable[[str, HttpRequest], str]:
    return lambda _group, request: rate(group, request)


def limit(group: str, *, key: str | Callable[[str, HttpRequest], str] = "ip", method: Any = "POST") -> Callable[..., Any]:
    """A view decorator: over the group's rate, raise Ratelimited, which `refused` (through django-ratelimit's
    middleware) answers with the group's message."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        limited = ratelimit(group=group, key=key, rate=_rate_of(group), method=method, block=True)(view)

        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            request.ratelimit_group = group  # type: ignore[attr-defined]
            return limited(request, *args, **kwargs)

        return wrapped

    return decorator


def login_username(group: str, request: HttpRequest) -> str:
    """Guessing one account's password from many addresses is limited too: per user name tried."""
    return "name:" + str(request.POST.get("username", "")).strip().lower()


def check(group: str, value: str, per: str | None = None) -> int | None:
    """Count one action of `value` (an address, a user) in `group` at the rate `per` (default the group's); the
    seconds to wait when over the rate, else None. For code that decides itself when an action counts (a
    playground run served from the cache is free)."""
    usage = get_usage(None, group=group, key=lambda _g, _r: value, rate=per or rate(group), increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return max(1, int(usage["time_left"]))


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind a proxy the META key it sets (RATELIMIT_IP_META_KEY, e.g.
    HTTP_X_REAL_IP), never a header the client could set itself, so a limit cannot be dodged by lying."""
    meta_key = getattr(settings, "RATELIMIT_IP_META_KEY", None) or "REMOTE_ADDR"
    return str(request.META.get(meta_key) or "unknown")


def _wants_json(request: HttpRequest) -> bool:
    accept = request.META.get("HTTP_ACCEPT", "")
    return request.path.startswith("/api/") or request.content_type == "application/json" or (
        "application/json" in accept and "text/html" not in accept
    )


def refused_response(request: HttpRequest, message: str) -> HttpResponse:
    if _wants_json(request):
        response: HttpResponse = JsonResponse(
            {"error": {"code": "rate_limited", "message": message, "details": None}}, status=429
        )
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = "60"
    return response


def refused(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """settings.RATELIMIT_VIEW: the answer to a request over its rate."""
    group = getattr(request, "ratelimit_group", "")
    return refused_response(request, MESSAGES.get(group, DEFAULT_MESSAGE))
