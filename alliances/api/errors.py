"""API errors in French, one shape: `{"detail": "<French>"}`, plus `errors` (field → messages) for 422.

400 for unreadable JSON, 401 without valid credentials, 403 for a session without its CSRF token,
404 for missing and forbidden objects alike, 422 with one message per field.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

_MESSAGES = {
    "missing": "Ce champ est obligatoire.",
    "date_from_datetime_parsing": "Cette date n'est pas valide (format attendu : AAAA-MM-JJ).",
    "date_parsing": "Cette date n'est pas valide (format attendu : AAAA-MM-JJ).",
    "date_type": "Cette date n'est pas valide (format attendu : AAAA-MM-JJ).",
    "date_from_datetime_inexact": "Cette date n'est pas valide (format attendu : AAAA-MM-JJ).",
    "datetime_parsing": "Cette date et heure ne sont pas valides (format attendu : AAAA-MM-JJTHH:MM).",
    "datetime_from_date_parsing": "Cette date et heure ne sont pas valides (format attendu : AAAA-MM-JJTHH:MM).",
    "datetime_type": "Cette date et heure ne sont pas valides (format attendu : AAAA-MM-JJTHH:MM).",
    "bool_parsing": "Cette valeur doit être vrai ou faux.",
    "bool_type": "Cette valeur doit être vrai ou faux.",
    "decimal_parsing": "Ce montant doit être un nombre.",
    "decimal_type": "Ce montant doit être un nombre.",
    "float_parsing": "Ce montant doit être un nombre.",
    "float_type": "Ce montant doit être un nombre.",
    "int_parsing": "Ce nombre doit être entier.",
    "int_type": "Ce nombre doit être entier.",
    "int_from_float": "Ce nombre doit être entier.",
    "string_type": "Ce champ doit être un texte.",
    "enum": "Cette valeur ne fait pas partie de la liste.",
    "literal_error": "Cette valeur ne fait pas partie de la liste.",
    "extra_forbidden": "Ce champ n'est pas attendu.",
    "string_too_short": "Ce texte est trop court.",
    "string_too_long": "Ce texte est trop long.",
    "too_short": "Cette liste est trop courte.",
    "too_long": "Cette liste est trop longue.",
    "string_pattern_mismatch": "Ce format n'est pas valide.",
    "list_type": "Une liste est attendue.",
    "dict_type": "Un objet est attendu.",
    "model_attributes_type": "Un objet est attendu.",
    "model_type": "Un objet est attendu.",
    "string_nul_character": "Ce texte contient un caractère nul, qui n'est pas accepté.",
}

#: The French detail of each status the API answers with, whoever produced the answer.
HTTP_MESSAGES = {
    400: "Le corps de la requête n'est pas du JSON valide.",
    401: "Authentification requise.",
    403: "Accès refusé.",
    404: "Introuvable.",
    405: "Méthode non autorisée.",
    413: "La requête est trop volumineuse.",
    415: "Type de contenu non pris en charge : envoyez du JSON.",
    429: "Trop de requêtes : réessayez dans un moment.",
    500: "Erreur interne : rien n'a été enregistré. Réessayez dans un moment.",
}
CSRF_MESSAGE = "Jeton CSRF manquant ou invalide : utilisez un jeton d'API ou rechargez la page."
INVALID = "Données invalides."


def detail_for(status: int) -> str:
    if status in HTTP_MESSAGES:
        return HTTP_MESSAGES[status]
    return HTTP_MESSAGES[500] if status >= 500 else "La requête n'a pas pu aboutir."


class ApiError(HttpError):
    """An HTTP error whose message is already plain French, answered as it is."""


class CsrfFailed(ApiError):
    def __init__(self) -> None:
        super().__init__(403, CSRF_MESSAGE)


def _message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    if kind.startswith("alliances."):  # our own validators write French
        return str(error.get("msg", ""))
    ctx = error.get("ctx") or {}
    if kind == "greater_than_equal":
        bound = ctx.get("ge")
        if str(bound) == "0":
            return "Cette valeur ne peut pas être négative."
        return f"Cette valeur doit être au moins {bound}."
    if kind == "greater_than":
        return f"Cette valeur doit dépasser {ctx.get('gt')}."
    if kind in ("less_than_equal", "less_than"):
        return f"Cette valeur ne peut pas dépasser {ctx.get('le', ctx.get('lt'))}."
    if kind in ("decimal_max_digits", "decimal_whole_digits", "decimal_max_places"):
        return "Ce montant a trop de chiffres."
    return _MESSAGES.get(kind, "Cette valeur n'est pas valide.")


def _field(loc: list[Any]) -> str:
    parts = [str(part) for part in loc if part not in ("body", "payload", "query", "path")]
    return ".".join(parts) or "__all__"


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            if error.get("type") == "json_invalid":
                return api.create_response(request, {"detail": HTTP_MESSAGES[400]}, status=400)
            errors.setdefault(_field(list(error.get("loc", []))), []).append(_message(error))
        return api.create_response(request, {"detail": INVALID, "errors": errors}, status=422)

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc, AuthenticationError):
            return on_auth(request, exc)
        detail = exc.message if isinstance(exc, ApiError) else detail_for(exc.status_code)
        return api.create_response(request, {"detail": detail}, status=exc.status_code)

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        # Missing and forbidden alike, whatever the exception says: nothing leaks, not even in DEBUG.
        return api.create_response(request, {"detail": HTTP_MESSAGES[404]}, status=404)

    @api.exception_handler(DjangoValidationError)
    def on_service_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return api.create_response(request, {"detail": INVALID, "errors": errors}, status=422)

    @api.exception_handler(AuthenticationError)
    def on_auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(request, {"detail": HTTP_MESSAGES[401]}, status=401)
