"""The API keeps the promises of its own OpenAPI document, under generated requests.

Schemathesis reads the app's OpenAPI document and sends, to a real server
(SQLite, the example year loaded), a bounded number of generated requests to every
operation, signed in as a manager: no answer may be a 5xx, and every answer
must match the status codes, media types and bodies the document declares.
The live stream is left out (it never ends).
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.main import create_app
from tests.e2e.api.conftest import Api

EXAMPLES = 12
"""Generated requests per operation: enough to reach each parameter's edges, quick to run."""
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


schema = schemathesis.openapi.from_dict(create_app().openapi()).exclude(
    path="/api/v1/events/stream"
)
"""The app's own document, built without starting it (``create_app`` opens nothing)."""


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_its_schema_says(
    case: schemathesis.Case[Any], served: Api
) -> None:
    case.call_and_validate(
        base_url=str(served.http.base_url), headers=served.headers("manager"), checks=CHECKS
    )


def test_the_document_declares_its_problems_and_never_fastapis_default_422() -> None:
    document = create_app().openapi()
    operations = [
        (path, method, operation)
        for path, methods in document["paths"].items()
        if path.startswith("/api/")
        for method, operation in methods.items()
    ]

    assert "Problem" in document["components"]["schemas"]
    assert "HTTPValidationError" not in document["components"]["schemas"]
    for path, method, operation in operations:
        responses = operation["responses"]
        for status in ("422", "503") if path == "/api/v1/session" else ("401", "403", "422"):
            assert list(responses[status]["content"]) == ["application/problem+json"], (
                method,
                path,
                status,
            )
    upload = document["paths"]["/api/v1/plans/import"]["post"]["responses"]
    assert "413" in upload
    assert (
        "Retry-After" in document["paths"]["/api/v1/session"]["post"]["responses"]["429"]["headers"]
    )


def test_the_document_says_how_to_sign_in_and_anonymous_callers_are_refused(
    served: Api,
) -> None:
    """Every API operation but signing in and out names the bearer token and the
    session cookie; and each of them, called with neither, answers 401."""
    document = create_app().openapi()
    schemes = document["components"]["securitySchemes"]
    assert schemes["token"] == {**schemes["token"], "type": "http", "scheme": "bearer"}
    assert schemes["session"]["in"] == "cookie"
    secured = 0
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            declared = operation.get("security")
            if not path.startswith("/api/") or path == "/api/v1/session":
                assert declared is None, (method, path)
                continue
            assert declared == [{"token": []}, {"session": []}], (method, path)
            concrete = re.sub(r"\{[a-z_]*id\}", str(uuid.uuid4()), path)
            concrete = re.sub(r"\{(step|entry)\}", "1", concrete)
            concrete = re.sub(r"\{[a-z_]+\}", "x", concrete)
            if path.endswith("/stream"):
                continue  # never ends when signed in; refused like the rest otherwise
            answer = served.http.request(method.upper(), concrete)
            assert answer.status_code == 401, (method, path, answer.status_code, answer.text)
            secured += 1
    assert secured > 30
