"""/metrics for Prometheus: requests (django-prometheus) and the nudge queue. Not public:
only the addresses in METRICS_ALLOWED_ADDRESSES, or a scraper sending METRICS_TOKEN."""

import hmac
import ipaddress
import os

import prometheus_client
from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import multiprocess

from careerplanner.nudges.metrics import NudgeCollector

prometheus_client.REGISTRY.register(NudgeCollector())


def allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    sent = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        return True
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in network for network in settings.METRICS_ALLOWED_NETWORKS)


def registry() -> prometheus_client.CollectorRegistry:
    """With several gunicorn workers, each keeps its request counts in PROMETHEUS_MULTIPROC_DIR
    and a scrape adds them up; with one process, its own registry answers."""
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        return prometheus_client.REGISTRY
    combined = prometheus_client.CollectorRegistry()
    multiprocess.MultiProcessCollector(combined)
    combined.register(NudgeCollector())
    return combined


@never_cache
@require_GET
def metrics(request):
    if not allowed(request):
        raise Http404  # to anyone else, there is nothing here
    body = prometheus_client.generate_latest(registry())
    return HttpResponse(body, content_type=prometheus_client.CONTENT_TYPE_LATEST)
