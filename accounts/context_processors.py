from claimtracker import roles


def user_roles(request):
    """What the signed-in user may do, for showing controls; the server checks again."""
    user = getattr(request, "user", None)
    return {
        "can_edit": roles.is_editor(user),
        "can_administer": roles.is_administrator(user),
    }
