"""When Redis cannot be reached: a page whose work was kept for later says so, and a page that needed
Redis to answer (the shared cache: password-reset codes and throttling) says, in French, that nothing
was done and when to try again, instead of an error page."""

import logging
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alliances.core.queue import UNREACHABLE, kept_during

logger = logging.getLogger(__name__)


class QueueUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response, kept = kept_during(lambda: self.get_response(request))
        if kept and hasattr(request, "_messages"):
            messages.warning(
                request,
                _(
                    "Le service des tâches en arrière-plan est momentanément indisponible. Votre demande est "
                    "bien enregistrée : elle sera traitée dès son retour, sans rien refaire de votre côté."
                ),
            )
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, UNREACHABLE):
            return None
        logger.warning("shared cache or queue unreachable: %s", type(exception).__name__)
        return render(request, "503.html", status=503)
