"""The three roles: anyone reads; members of `editor` write; members of
`administrator` (and superusers) also delete and merge."""

from __future__ import annotations

EDITOR = "editor"
ADMINISTRATOR = "administrator"


def _groups(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_claimtracker_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._claimtracker_groups = cached
    return cached


def is_administrator(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or ADMINISTRATOR in _groups(user)


def is_editor(user) -> bool:
    return is_administrator(user) or EDITOR in _groups(user)


def _require(check, role_name: str):
    from functools import wraps

    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied(f"This needs the {role_name} role.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


editor_required = _require(is_editor, EDITOR)
administrator_required = _require(is_administrator, ADMINISTRATOR)
