"""The client's address, read the same way by the login throttle and the audit trail.

Behind a TLS proxy every request comes from the proxy's address. The proxy's header is trusted
only when configured explicitly (`ALLIANCES_PROXY_IP_HEADER`, e.g. `X-Forwarded-For`), together
with the number of proxies in front of the application (`ALLIANCES_PROXY_COUNT`): the client is the
address that many hops from the right of the header, so a value the client wrote itself is ignored.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    header = getattr(settings, "ALLIANCES_PROXY_IP_HEADER", "")
    if header:
        meta_key = "HTTP_" + header.upper().replace("-", "_")
        hops = [hop for hop in request.META.get(meta_key, "").split(",") if hop.strip()]
        count = max(1, int(getattr(settings, "ALLIANCES_PROXY_COUNT", 1)))
        if len(hops) >= count:
            found = _valid(hops[-count])
            if found:
                return found
    return _valid(request.META.get("REMOTE_ADDR", "") or "")
