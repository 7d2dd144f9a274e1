"""The site's 404 and 500 answers: the API's one JSON error shape under /api/ (also for addresses no API view
matches), Django's pages (templates/404.html, 500.html) elsewhere."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults


def _api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _error(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message, "details": None}}, status=status)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _api(request):
        return _error("not_found", "There is nothing at this address of the API; see /api/docs/.", 404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if _api(request):
        return _error("server_error", "Something went wrong on our side; it has been logged. Try again later.", 500)
    return defaults.server_error(request)
