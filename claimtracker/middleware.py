from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import render

from claimtracker import inputs

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


class RefuseUnreadableTextMiddleware:
    """A 400 naming the parameter, not a 500, for an address, query string or form that
    holds a NUL or a lone surrogate (claimtracker.inputs); JSON bodies are checked by the
    API's parser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = self.first_problem(request)
        if found is None:
            return self.get_response(request)
        name, problem = found
        if request.path.startswith("/api/") or request.path.endswith(".json"):
            return JsonResponse({name: [problem]}, status=400)
        return render(request, "400.html", {"name": name, "problem": problem}, status=400)

    @staticmethod
    def first_problem(request) -> tuple[str, str] | None:
        problem = inputs.text_problem(request.path)
        if problem:
            return "path", problem
        forms = [request.GET]
        if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            forms.append(request.POST)
        for form in forms:
            for name, values in form.lists():
                for text in (name, *values):
                    problem = inputs.text_problem(text)
                    if problem:
                        return name if inputs.text_problem(name) == "" else "parameter", problem
        return None
