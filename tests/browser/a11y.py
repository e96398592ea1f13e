"""axe-core (WCAG 2.2 AA) on a Playwright page, from the copy bundled in axe-playwright-python."""

from pathlib import Path

import axe_playwright_python
from playwright.sync_api import Page

AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def assert_accessible(page: Page) -> None:
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in result["violations"]
    ]
    assert not violations, f"axe-core on {page.url}:\n" + "\n".join(violations)


def login(page: Page, base_url: str, identifier: str | None, password: str) -> None:
    """Logs in through the form; `identifier` is an account's email or phone (never missing here)."""
    assert identifier, "an account to log in with has an email or a phone"
    page.goto(f"{base_url}/compte/connexion/")
    assert_accessible(page)
    page.get_by_label("Adresse électronique ou numéro de téléphone").fill(identifier)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state("load")
