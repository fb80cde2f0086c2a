"""API use is throttled: past the rate, 429 with Retry-After."""

from __future__ import annotations

from django.core.cache import cache
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle


def test_too_many_anonymous_requests_get_429_with_retry_after(db, monkeypatch):
    # The throttle reads its rates when the class is defined; patch them there.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    cache.clear()
    client = APIClient()
    codes = [client.get("/api/v1/claims/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = client.get("/api/v1/claims/")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    cache.clear()
