"""/api/docs: Swagger UI served from our own static files (ninja ships them), for staff only.

The page has no inline script (ninja's template reads its settings from a JSON block and starts
from a static file), so the site's CSP applies unchanged. Persons and peers get a 404, like any
page that is not theirs; anonymous visitors go to the login page. The schema itself
(/api/openapi.json) stays public: integrations read it, and it holds no personal data.
"""

from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from ninja.openapi.docs import Swagger

from alliances.access.policy import AccessDenied, can_read_api_docs

if TYPE_CHECKING:
    from ninja import NinjaAPI


class StaffSwagger(Swagger):
    def render_page(self, request: HttpRequest, api: "NinjaAPI", **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_read_api_docs(user):
            raise AccessDenied
        return super().render_page(request, api, **kwargs)


#: No call to validator.swagger.io: the CSP would refuse it, and the schema is ours.
DOCS = StaffSwagger(settings={"validatorUrl": None})
