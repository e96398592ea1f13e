import re

from django.test import Client

from ..conftest import World


def test_pages_carry_a_strict_csp_and_only_nonced_scripts(world: World, client: Client) -> None:
    client.force_login(world.user("referent_of"))
    response = client.get(f"/personnes/{world.person.pk}/foyer/")
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert nonce and "script-src 'self'" in policy and "unsafe-inline" not in policy
    html = response.content.decode()
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts and all(f'nonce="{nonce.group(1)}"' in tag for tag in scripts)
    assert " onclick=" not in html and " style=" not in html
    assert response["X-Frame-Options"] == "DENY"
