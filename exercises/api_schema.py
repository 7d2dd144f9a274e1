"""The OpenAPI schema's view of every operation (settings.REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]): besides what a
view declares, each may answer in the one error shape with 401 or 403 (no or a wrong credential, no permission) and
404 (nothing at that address), and one that takes input with 400. Declared once here, so the schema is true for
every endpoint, including those added later (tests/security/test_api_fuzz.py checks every response against it).
Serializers nested in a view are named after it, so two views' `OutputSerializer`s never share a component."""

from __future__ import annotations

from typing import Any

from drf_spectacular import openapi

from exercises.api_errors import ERROR_SHAPE


class AutoSchema(openapi.AutoSchema):  # type: ignore[misc]
    def get_serializer_name(self, serializer: Any, direction: Any) -> str:
        """A serializer nested in a view (`CourseAssignmentsApi.InputSerializer`) is named after both
        (`CourseAssignmentsInput`): every view's `InputSerializer` is a component of its own, not one shared name."""
        outer, _, inner = type(serializer).__qualname__.rpartition(".")
        if outer and "<" not in outer:
            return outer.split(".")[-1].removesuffix("Api") + inner
        return str(super().get_serializer_name(serializer, direction))

    def _takes_input(self) -> bool:
        return self.method in ("POST", "PUT", "PATCH") or bool(self._get_filter_parameters() or self.get_override_parameters())

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        codes = ["401", "403", "404", *(["400"] if self._takes_input() else [])]
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(ERROR_SHAPE, code, direction=direction)
        return responses
