"""API errors in French: 400 for unreadable JSON, 422 with one message per field, 404 for the rest."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

_MESSAGES = {
    "missing": "Ce champ est obligatoire.",
    "date_from_datetime_parsing": "Cette date n'est pas valide (format attendu : AAAA-MM-JJ).",
    "date_parsing": "Cette date n'est pas valide (format attendu : AAAA-MM-JJ).",
    "date_from_datetime_inexact": "Cette date n'est pas valide (format attendu : AAAA-MM-JJ).",
    "datetime_parsing": "Cette date et heure ne sont pas valides (format attendu : AAAA-MM-JJTHH:MM).",
    "datetime_from_date_parsing": "Cette date et heure ne sont pas valides (format attendu : AAAA-MM-JJTHH:MM).",
    "bool_parsing": "Cette valeur doit être vrai ou faux.",
    "decimal_parsing": "Ce montant doit être un nombre.",
    "float_parsing": "Ce montant doit être un nombre.",
    "int_parsing": "Ce nombre doit être entier.",
    "string_type": "Ce champ doit être un texte.",
    "enum": "Cette valeur ne fait pas partie de la liste.",
    "literal_error": "Cette valeur ne fait pas partie de la liste.",
    "greater_than_equal": "Cette valeur ne peut pas être négative.",
    "extra_forbidden": "Ce champ n'est pas attendu.",
    "string_too_long": "Ce texte est trop long.",
    "string_pattern_mismatch": "Ce format n'est pas valide.",
    "list_type": "Une liste est attendue.",
    "dict_type": "Un objet est attendu.",
    "model_attributes_type": "Un objet est attendu.",
}


_HTTP_MESSAGES = {
    400: "Le corps de la requête n'est pas du JSON valide.",
    401: "Authentification requise.",
    403: "Introuvable.",
    404: "Introuvable.",
    405: "Méthode non autorisée.",
    429: "Trop de requêtes : réessayez dans un moment.",
}


def _field(loc: list[Any]) -> str:
    parts = [str(part) for part in loc if part not in ("body", "payload", "query", "path")]
    return ".".join(parts) or "__all__"


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            if error.get("type") == "json_invalid":
                return api.create_response(
                    request, {"detail": "Le corps de la requête n'est pas du JSON valide."}, status=400
                )
            message = _MESSAGES.get(error.get("type", ""), "Cette valeur n'est pas valide.")
            errors.setdefault(_field(list(error.get("loc", []))), []).append(message)
        return api.create_response(request, {"detail": "Données invalides.", "errors": errors}, status=422)

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc, AuthenticationError):
            return on_auth(request, exc)
        detail = _HTTP_MESSAGES.get(exc.status_code, "La requête n'a pas pu aboutir.")
        return api.create_response(request, {"detail": detail}, status=exc.status_code)

    @api.exception_handler(DjangoValidationError)
    def on_service_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return api.create_response(request, {"detail": "Données invalides.", "errors": errors}, status=422)

    @api.exception_handler(AuthenticationError)
    def on_auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(request, {"detail": "Authentification requise."}, status=401)
