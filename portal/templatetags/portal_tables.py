"""A wide table in GOV.UK's scrolling-region pattern (WCAG 1.4.10 Reflow): the
page never scrolls sideways; the table scrolls inside a region that is named,
reachable by keyboard (so arrow keys scroll it) and described by a hint that
portal.js shows only while the table is wider than the region."""

from django import template
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_block_tag
def scroll_region(content, label, testid=""):
    """Wrap ``content`` (a table) in a labelled, focusable scrolling region.

    ``label`` names the region for screen readers, e.g. "Your entries"."""
    hint_id = f"{slugify(label)}-scroll-hint"
    return format_html(
        '<p class="govuk-body-s portal-table-scroll-hint" id="{}">{}</p>'
        '<div class="portal-table-scroll" tabindex="0" role="region" '
        'aria-label="{}" aria-describedby="{}" data-scroll-region{}>{}</div>',
        hint_id,
        _(
            "The table is wider than the screen: scroll it sideways to see all "
            "of it, or select it and use the arrow keys."
        ),
        label,
        hint_id,
        format_html(' data-testid="{}"', testid) if testid else "",
        content,
    )
