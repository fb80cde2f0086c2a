from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login

# Reachable without signing in even when reading requires it.
OPEN_PREFIXES = ("/accounts/login/", "/static/", "/admin/", "/api/")


class ReadRequiresSignInMiddleware:
    """With CLAIMTRACKER_READ_REQUIRES_SIGN_IN on, pages ask anonymous visitors to sign
    in (the API answers 401/403 through its own permission class)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.READ_REQUIRES_SIGN_IN
            and not request.user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)
