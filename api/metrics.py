"""Prometheus metrics: request latency, commands by outcome, events appended, view lag.

One registry per app (tests build many apps); the lag gauges are read from the
projectors when Prometheus scrapes, so they are never stale.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response

from projections.service import Projections


class _LagCollector(Collector):
    def __init__(self, projections: Projections) -> None:
        self.projections = projections

    def collect(self) -> Iterator[GaugeMetricFamily]:
        events = GaugeMetricFamily(
            "tidtam_projection_lag_events", "Events not yet folded into a view", labels=["view"]
        )
        seconds = GaugeMetricFamily(
            "tidtam_projection_lag_seconds",
            "Age of the oldest event not yet folded into a view",
            labels=["view"],
        )
        for status in self.projections.status():
            events.add_metric([status.name], status.lag_events)
            seconds.add_metric([status.name], status.lag_seconds)
        yield events
        yield seconds


class Metrics:
    """The service's metrics and the middleware that times requests."""

    def __init__(self, projections: Projections) -> None:
        self.registry = CollectorRegistry()
        self.requests = Histogram(
            "tidtam_http_request_duration_seconds",
            "HTTP request latency",
            ["method", "route", "status"],
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
        )
        self.commands = Counter(
            "tidtam_commands_total",
            "Commands by name and outcome (ok, refused, conflict, forbidden, not_found)",
            ["command", "outcome"],
            registry=self.registry,
        )
        self.events = Counter(
            "tidtam_events_appended_total", "Events appended by commands", registry=self.registry
        )
        self.registry.register(_LagCollector(projections))

    def exposition(self) -> bytes:
        return generate_latest(self.registry)

    async def middleware(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        started = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        path = getattr(route, "path", "unmatched")
        self.requests.labels(request.method, path, str(response.status_code)).observe(
            time.perf_counter() - started
        )
        return response
