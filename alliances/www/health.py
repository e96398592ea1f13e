"""GET /sante/: 200 when the database, the queue and a consumer answer, 503 otherwise (JSON, nothing
personal). GET /sante/vivant/: 200 as long as the process answers (liveness: no database, no Redis; also
the bare view the load benchmark compares pages with). Open to all: a load balancer or Docker's
HEALTHCHECK has no session."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from alliances.core.health import health_check


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    state = health_check()
    return JsonResponse(state.as_json(), status=200 if state.ok else 503)


@require_GET
def alive(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
