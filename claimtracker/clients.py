"""The address a request came from, as the sign-in lockout (django-axes) counts it.

Behind the TLS proxy the README recommends, every request comes from the proxy's
address, so counting REMOTE_ADDR would let anyone lock any account for everyone. The
X-Forwarded-For header says who the proxy served, but any client can send one: it is
believed only when the request comes from a proxy named in CLAIMTRACKER_TRUSTED_PROXIES,
and then only as far as the trusted proxies go (the right-most address that is not one).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in settings.TRUSTED_PROXIES)


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    # Walk back from the nearest hop: each trusted proxy vouches for the one before it.
    for hop in reversed(hops):
        if not is_trusted_proxy(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a garbled header: count the proxy, as without one
    return remote
