"""API fuzzing against the OpenAPI schema (schemathesis, in process): never a server error,
and every answer has the status, type and shape the schema documents."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bluehelmet.web import create_app
from bluehelmet.web.security import LOOPBACK_HOSTS

# schemathesis's in-process client calls itself "testserver"
schema = schemathesis.openapi.from_asgi(
    "/api/openapi.json", create_app(allowed_hosts=[*LOOPBACK_HOSTS, "testserver"])
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_never_fails_and_matches_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)
