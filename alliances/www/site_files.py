"""Files a browser asks for at the site's root, whatever the page says."""

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_GET


@require_GET
def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """/favicon.ico: the DSFR's icon (through WhiteNoise), not a 404 in every log."""
    return HttpResponsePermanentRedirect(static("dsfr/dist/favicon/favicon.ico"))
