"""One exception handler, one JSON error shape for every API error:

    {"error": {"code": "invalid", "message": "a sentence for a person", "details": {...} | null}}

`details` carries field errors from serializer validation ({"answer": ["..."]}); `message` always reads alone.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from exercises.errors import ApplicationError, RateLimited

ERROR_SHAPE = inline_serializer(
    "Error",
    {
        "error": inline_serializer(
            "ErrorBody",
            {"code": serializers.CharField(), "message": serializers.CharField(), "details": serializers.JSONField()},
        )
    },
)


def _first_message(detail: Any) -> str:
    if isinstance(detail, dict):
        for field, value in detail.items():
            inner = _first_message(value)
            return inner if field in ("non_field_errors", "detail") else f"{field}: {inner}"
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    return str(detail)


def _error(code: str, message: str, details: Any, status: int) -> Response:
    return Response({"error": {"code": code, "message": message, "details": details}}, status=status)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ApplicationError):
        response = _error(exc.code, exc.message, exc.details, exc.status)
        if isinstance(exc, RateLimited):
            response["Retry-After"] = str(exc.retry_after)
        return response
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    details = exc.detail if isinstance(exc, exceptions.ValidationError) else None
    code = exc.get_codes()
    code = code if isinstance(code, str) else "invalid"
    # Keep DRF's response (and its headers, such as WWW-Authenticate); only the body changes shape.
    response.data = {"error": {"code": code, "message": _first_message(exc.detail), "details": details}}
    return response
