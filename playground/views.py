"""The public playground page, its permalinks, and the two JSON endpoints its script calls (run and save).
Thin: every decision is in playground/services.py."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_POST

from memcourse import ratelimits
from memcourse.safetext import unstorable
from playground import services
from playground.examples import EXAMPLES


def _client(request: HttpRequest) -> str:
    return ratelimits.client_address(request)


def _page(request: HttpRequest, source: str, snippet_id: str | None) -> HttpResponse:
    context = {
        "source": source,
        "snippet_id": snippet_id,
        "examples": EXAMPLES,
        "example_sources": {example.slug: example.source for example in EXAMPLES},
        "max_chars": services.MAX_SOURCE_CHARS,
        "urls": {"run": reverse("playground:run"), "save": reverse("playground:save")},
    }
    return render(request, "playground/playground.html", context)


@require_GET
def playground(request: HttpRequest) -> HttpResponse:
    example = next((e for e in EXAMPLES if e.slug == request.GET.get("example")), EXAMPLES[0])
    return _page(request, example.source, None)


@require_GET
def snippet(request: HttpRequest, snippet_id: str) -> HttpResponse:
    found = services.snippet_get(snippet_id=snippet_id)
    if found is None:
        raise Http404("There is no saved program with this link.")
    return _page(request, found.source, found.pk)


def _refused(exc: services.PlaygroundRefused) -> JsonResponse:
    response = JsonResponse({"error": {"code": exc.code, "message": exc.message, "details": None}}, status=exc.status)
    if exc.retry_after:
        response["Retry-After"] = str(exc.retry_after)
    return response


def _source_of(request: HttpRequest) -> Any:
    """The "source" of a JSON body or a form post."""
    try:
        if request.content_type != "application/json":
            body: Any = {"source": request.POST.get("source")}
        else:
            body = json.loads(request.body or b"{}")
    except RequestDataTooBig as exc:
        message = f"The program is too large: the playground runs at most {services.MAX_SOURCE_CHARS:,} characters."
        raise services.PlaygroundRefused(message, status=413, code="too_large") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise services.PlaygroundRefused("The request is not valid JSON.", status=400, code="invalid") from exc
    source = body.get("source") if isinstance(body, dict) else None
    problem = unstorable(source, "the program")
    if problem:
        raise services.PlaygroundRefused(problem, status=400, code="invalid")
    return source


@require_POST
@gzip_page  # a long run's timeline is megabytes of JSON; compressed it is about 30 times smaller
def run(request: HttpRequest) -> JsonResponse:
    try:
        return JsonResponse(services.playground_run(source=_source_of(request), client=_client(request)))
    except services.PlaygroundRefused as exc:
        return _refused(exc)


@require_POST
def save(request: HttpRequest) -> JsonResponse:
    try:
        saved = services.snippet_save(source=_source_of(request), client=_client(request))
    except services.PlaygroundRefused as exc:
        return _refused(exc)
    url = request.build_absolute_uri(reverse("playground:snippet", args=[saved.pk]))
    return JsonResponse({"id": saved.pk, "url": url}, status=201)
