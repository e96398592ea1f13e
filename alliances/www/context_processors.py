from typing import Any

from django.http import HttpRequest

from .menu import menu_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The main menu of the account (see menu.py), the current page's link marked active."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = menu_for(user)
    matches = [url for url, _ in items if request.path.startswith(url)]
    active = max(matches, key=len) if matches else None
    return {"nav_items": [{"url": url, "label": label, "active": url == active} for url, label in items]}
