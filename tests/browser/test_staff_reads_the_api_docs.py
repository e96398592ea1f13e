from urllib.parse import urlsplit

from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from ..conftest import World
from ..factories import PASSWORD


def test_swagger_ui_runs_under_the_site_csp(
    browser: Browser, live_server: LiveServer, transactional_db: None, world: World
) -> None:
    """With the CSP enforced (the other browser tests bypass it for axe-core): nothing refused, no other host."""
    context = browser.new_context(bypass_csp=False, locale="fr-FR")
    page = context.new_page()
    refused: list[str] = []
    hosts: set[str] = set()
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(f"{live_server.url}/compte/connexion/")  # not a11y.login: axe-core cannot be injected under the CSP
    page.get_by_label("Adresse électronique ou numéro de téléphone").fill(world.user("referent_of").email or "")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state("load")
    page.goto(f"{live_server.url}/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Alliances API")
    expect(page.locator(".opblock-tag-section").first).to_be_visible()
    assert refused == []
    assert hosts == {urlsplit(live_server.url).netloc}
    context.close()
