from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from capabilities.importing import MAX_IMPORT_BYTES
from capabilities.models import Framework


class FrameworkImportForm(forms.Form):
    file = forms.FileField(
        label=_("Framework file"),
        help_text=_(
            "A whole framework or crosswalk as JSON, or levels and items as CSV "
            "(columns: kind, code, name, parent, level, text, group, confirmed). "
            "Up to %(size)s MB, UTF-8."
        )
        % {"size": MAX_IMPORT_BYTES // 1024 // 1024},
    )
    target = forms.ModelChoiceField(
        label=_("Load CSV rows into"),
        queryset=None,
        required=False,
        help_text=_(
            "Only for CSV files: the framework the levels and items belong to."
        ),
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets


class FrameworkAdminForm(WagtailAdminModelForm):
    source_url = forms.URLField(
        label=_("source address"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Framework
        fields = [
            "family",
            "version",
            "name",
            "short_name",
            "publisher",
            "source_url",
            "source_note",
            "valid_from",
            "valid_to",
            "is_active",
        ]
