"""Template filters that put the vocabulary's names into English sentences."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def possessive(name: object) -> str:
    """ "Iran" -> "Iran's"; a name ending in s takes the apostrophe alone ("the United
    States' stance"). Escaped like any other value where the template prints it."""
    name = str(name)
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"
