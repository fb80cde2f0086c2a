"""{% statement_row statement %} and {% stance_badge stance %}: a statement as a row of a
list and a stance's badge, written by claims.views.rows."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from claims.views.rows import stance_html, statement_html

register = template.Library()


@register.simple_tag
def statement_row(statement, hide_claim: bool = False):
    return statement_html(statement, hide_claim)


@register.simple_tag
def stance_badge(stance):
    return mark_safe(stance_html(str(stance)))  # noqa: S308 - escaped in stance_html
