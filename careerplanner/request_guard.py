"""Refuses requests no page can use before anything reads them: bodies over the size limit
(413, so a 200 MB post is never spooled to disk) and NUL bytes in the address (404: no id,
slug or token holds one, and PostgreSQL refuses them in a query with an error)."""

from urllib.parse import unquote

from django.conf import settings
from django.http import Http404, HttpResponse


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _declared_length(request) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return HttpResponse(
                f"The request is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            raise Http404("No page has a NUL byte in its address.")
        return self.get_response(request)
