"""Property tests of the API from its own OpenAPI document (schemathesis): for generated
requests, no endpoint fails with a server error, and every response matches the schema it
declares."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

OPERATIONS = [("GET", "/v1/meta"), ("GET", "/v1/events"), ("GET", "/v1/stats"),
              ("GET", "/v1/map"), ("GET", "/v1/network"), ("GET", "/v1/documents/{doc_id}"),
              ("POST", "/v1/extract")]


@pytest.fixture(scope="module")
def api_schema(client: TestClient) -> Any:
    return schemathesis.openapi.from_asgi("/v1/openapi.json", client.app)


def test_api_every_operation_is_tested(api_schema: Any) -> None:
    found = {(r.ok().method.upper(), r.ok().path) for r in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_api_conforms_to_its_openapi_document(api_schema: Any, method: str, path: str) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=40 if method == "GET" else 15, deadline=None,
              suppress_health_check=list(HealthCheck))
    def check(case: Any) -> None:
        # a schema cannot say that 2024-02-30 is no date: such a request gets a 400 with a
        # message, which the other checks still hold to the schema
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    check()
