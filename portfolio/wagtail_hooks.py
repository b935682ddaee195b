"""Wagtail admin registrations for portfolio: the first-year programmes'
shape (review months, expected evidence, what they are judged against) is
national data that site admins keep up to date, above all the Early Career
Development Programme's while it is unconfirmed."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from portfolio.asye.models import Programme


class ProgrammeViewSet(ModelViewSet):
    model = Programme
    icon = "date"
    menu_label = _("First-year programmes")
    add_to_admin_menu = True
    menu_order = 310
    copy_view_enabled = False
    list_display = ["name", "code", "starts_from", "confirmed"]
    form_fields = [
        "name",
        "length_months",
        "review_months",
        "optional_review_months",
        "expected_evidence",
        "judged_against",
        "level_code",
        "starts_from",
        "confirmed",
        "note",
    ]


@hooks.register("register_admin_viewset")
def register_programme_viewset():
    return ProgrammeViewSet("programmes")
