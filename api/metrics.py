"""Prometheus metrics: request latency, commands by outcome, events appended, view lag.

One registry per app (tests build many apps); the lag gauges are read from the
projectors when Prometheus scrapes, so they are never stale.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain.errors import (
    ConflictError,
    ForbiddenError,
    InputError,
    NotFoundError,
    RuleViolation,
)
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

    @contextmanager
    def counted(self, command: str) -> Iterator[None]:
        """Count one run of ``command`` by how it ended; whatever it raised goes on."""
        outcome = "ok"
        try:
            yield
        except ConflictError:
            outcome = "conflict"
            raise
        except ForbiddenError:
            outcome = "forbidden"
            raise
        except NotFoundError:
            outcome = "not_found"
            raise
        except (RuleViolation, InputError):
            outcome = "refused"
            raise
        except Exception:
            outcome = "error"
            raise
        finally:
            self.commands.labels(command, outcome).inc()


class RequestTimer:
    """Times every HTTP request by route template and status, as a pure ASGI middleware.

    Starlette's ``BaseHTTPMiddleware`` (``@app.middleware``) runs each request in an
    extra task with memory streams between them; under sixteen concurrent writers that
    alone cost a fifth of the command rate. This one only watches the response start.
    The metrics are the app's, found at request time (they are built in its lifespan).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def watching(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, watching)
        finally:
            services = getattr(scope["app"].state, "services", None)
            if services is not None:
                path = getattr(scope.get("route"), "path", "unmatched")
                services.metrics.requests.labels(scope["method"], path, str(status)).observe(
                    time.perf_counter() - started
                )
