"""The OpenAPI schema documents every error an operation can answer, in one place.

400 and 422 for every operation that reads a body or parameters, 401 for every authenticated one,
403 for the unsafe methods a browser session sends (its CSRF token), 404 for every operation that
reads an object by id or declares one (a forbidden object is a 404, like a missing one).
"""

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from .errors import CSRF_MESSAGE, HTTP_MESSAGES
from .schemas import ErrorOut, ValidationErrorOut

_REF = "#/components/schemas/{model}"
_UNSAFE = {"post", "put", "patch", "delete"}
_DESCRIPTIONS = {
    400: "Requête illisible : le corps n'est pas du JSON valide.",
    401: HTTP_MESSAGES[401],
    403: CSRF_MESSAGE,
    404: "Introuvable (objet inexistant, ou auquel vous n'avez pas accès).",
    422: "Données invalides : un ou plusieurs messages par champ.",
}


def _response(status: int, schema: str) -> dict[str, Any]:
    return {
        "description": _DESCRIPTIONS[status],
        "content": {"application/json": {"schema": {"$ref": _REF.format(model=schema)}}},
    }


def _components(schema: dict[str, Any]) -> None:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in (ErrorOut, ValidationErrorOut):
        found = model.model_json_schema(ref_template=_REF)
        components.update(found.pop("$defs", {}))
        components[model.__name__] = found


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    _components(schema)
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            parameters = operation.get("parameters", [])
            takes_input = bool(parameters) or "requestBody" in operation
            by_id = any(p.get("in") == "path" for p in parameters) or "404" in responses or 404 in responses
            wanted = {
                400: takes_input,
                401: bool(operation.get("security")),
                403: bool(operation.get("security")) and method in _UNSAFE,
                404: by_id,
                422: takes_input,
            }
            for status, applies in wanted.items():
                responses.pop(status, None)  # ninja keys declared responses by int, the rest of the schema by str
                if applies:
                    responses[str(status)] = _response(status, "ValidationErrorOut" if status == 422 else "ErrorOut")
    return schema


class AlliancesAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> OpenAPISchema:
        return document_errors(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))  # type: ignore[return-value]
