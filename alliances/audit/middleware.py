import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from alliances.core.client_ip import client_ip

from .context import RequestContext, new_request_id, reset_context, set_context
from .services import flush_reads

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestContextMiddleware:
    """Gives each request an id (kept from X-Request-ID when well formed) for audit and logs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else new_request_id()
        request.request_id = request_id  # type: ignore[attr-defined]  # for the log lines written after return
        context = RequestContext(
            request_id=request_id, ip_address=client_ip(request), path=request.path, deduplicate=True
        )
        token = set_context(context)
        try:
            response = self.get_response(request)
        finally:
            try:
                flush_reads(context)  # even when the view failed: what it read was read
            finally:
                reset_context(token)
        response["X-Request-ID"] = request_id
        return response
