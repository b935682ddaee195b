"""The sign-in page's single sign-on buttons (one per organisation with a
turned-on identity provider)."""

from django import template

from portfolio.identity.selectors import sign_in_choices as _choices

register = template.Library()


@register.simple_tag
def sign_in_choices():
    return _choices()
