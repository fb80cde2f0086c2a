"""Signed-in users' own API tokens: create (shown once), list, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from knox.models import AuthToken

from claimtracker import roles

MAX_TOKENS = 20


@login_required
@require_http_methods(["GET"])
def token_list(request: HttpRequest) -> HttpResponse:
    tokens = AuthToken.objects.filter(user=request.user).order_by("-created")
    return render(
        request,
        "accounts/tokens.html",
        {
            "tokens": tokens,
            "new_token": request.session.pop("new_api_token", None),
            "can_write": roles.is_editor(request.user),
        },
    )


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    if AuthToken.objects.filter(user=request.user).count() >= MAX_TOKENS:
        messages.error(request, f"You have {MAX_TOKENS} tokens; revoke one first.")
        return redirect("accounts:tokens")
    _, key = AuthToken.objects.create(user=request.user)
    # Only a hash is stored: the token is shown this once, on the next page.
    request.session["new_api_token"] = key
    return redirect("accounts:tokens")


@login_required
@require_POST
def token_revoke(request: HttpRequest) -> HttpResponse:
    token_key = request.POST.get("token_key", "")
    deleted, _ = AuthToken.objects.filter(user=request.user, token_key=token_key).delete()
    if deleted:
        messages.success(request, f"Token {token_key}… revoked; it no longer works.")
    else:
        messages.error(request, "No such token of yours.")
    return redirect("accounts:tokens")
