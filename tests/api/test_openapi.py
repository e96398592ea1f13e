"""The published schema documents the errors every operation can answer."""

from typing import Any

import pytest
from django.test import Client

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def schema(client: Client, db: None) -> dict[str, Any]:
    return client.get("/api/openapi.json").json()


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method in METHODS
    ]


def _ref(operation: dict[str, Any], status: str) -> str:
    return operation["responses"][status]["content"]["application/json"]["schema"]["$ref"]


def test_every_operation_documents_its_errors(schema: dict[str, Any]) -> None:
    operations = _operations(schema)
    assert len(operations) > 30
    for path, method, operation in operations:
        where = f"{method.upper()} {path}"
        responses = operation["responses"]
        assert all(isinstance(status, str) for status in responses), where
        takes_input = bool(operation.get("parameters")) or "requestBody" in operation
        if takes_input:
            assert _ref(operation, "400") == "#/components/schemas/ErrorOut", where
            assert _ref(operation, "422") == "#/components/schemas/ValidationErrorOut", where
        assert operation.get("security"), where  # no operation of this API is open
        assert _ref(operation, "401") == "#/components/schemas/ErrorOut", where
        if any(p["in"] == "path" for p in operation.get("parameters", [])):
            assert _ref(operation, "404") == "#/components/schemas/ErrorOut", where
        if method != "get":
            assert _ref(operation, "403") == "#/components/schemas/ErrorOut", where
        assert any(status.startswith("2") for status in responses), where


def test_refusals_without_an_id_are_documented_too(schema: dict[str, Any]) -> None:
    assert "404" in schema["paths"]["/api/households"]["post"]["responses"]
    assert "404" in schema["paths"]["/api/rights/check"]["post"]["responses"]
    assert "404" not in schema["paths"]["/api/persons"]["get"]["responses"]


def test_error_schemas(schema: dict[str, Any]) -> None:
    components = schema["components"]["schemas"]
    assert components["ErrorOut"]["required"] == ["detail"]
    validation = components["ValidationErrorOut"]
    assert set(validation["required"]) == {"detail", "errors"}
    assert validation["properties"]["errors"]["additionalProperties"] == {"items": {"type": "string"}, "type": "array"}


def test_paging_and_ids_are_bounded_in_the_schema(schema: dict[str, Any]) -> None:
    parameters = {p["name"]: p["schema"] for p in schema["paths"]["/api/persons"]["get"]["parameters"]}
    assert parameters["page"]["minimum"] == 1 and parameters["page"]["maximum"] == 1_000_000
    person_id = schema["paths"]["/api/persons/{person_id}"]["get"]["parameters"][0]["schema"]
    assert person_id["minimum"] == 1 and person_id["maximum"] == 2**63 - 1
