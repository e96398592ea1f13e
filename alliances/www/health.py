"""GET /sante/: 200 when the database, the queue and a consumer answer, 503 otherwise (JSON, nothing
personal). Open to all: a load balancer or Docker's HEALTHCHECK has no session."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from alliances.core.health import health_check


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    state = health_check()
    return JsonResponse(state.as_json(), status=200 if state.ok else 503)
