"""The one error type for expected failures. Services raise it; the API's exception handler and the admin turn it
into a message for the person who caused it."""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """An expected failure with a message meant for a person. `status` is the HTTP status the API answers with."""

    def __init__(self, message: str, *, status: int = 400, code: str = "invalid", details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.details = details


class NotFound(ApplicationError):
    def __init__(self, message: str = "Not found.") -> None:
        super().__init__(message, status=404, code="not_found")


class Forbidden(ApplicationError):
    def __init__(self, message: str = "You do not have permission to do this.") -> None:
        super().__init__(message, status=403, code="forbidden")


class RateLimited(ApplicationError):
    """Over a rate limit (memcourse/ratelimits.py): a 429 with Retry-After."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message, status=429, code="rate_limited")
        self.retry_after = retry_after
