"""How the app logs: every line carries the request id (django-guid sets it per request and
passes it on to the Celery tasks a request queues), and each request writes one line."""

import logging
import time

from django_guid import get_guid

log = logging.getLogger("careerplanner.requests")


class RequestId(logging.Filter):
    """Puts the current request id (or "-" outside a request or task) on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = get_guid() or "-"
        return True


def access_log(get_response):
    """One line per request. It names the URL pattern, not the path, so the secret
    calendar and unsubscribe addresses never reach the logs."""

    def middleware(request):
        started = time.perf_counter()
        response = get_response(request)
        match = request.resolver_match
        route = f"/{match.route}" if match else "(no route)"
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        log.info(
            "%s %s %s %.1f ms",
            request.method,
            route,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "route": route,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response

    return middleware
