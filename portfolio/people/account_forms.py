"""allauth's forms with the portal's wording."""

from django.utils.translation import gettext_lazy as _

from allauth.account.forms import LoginForm


class PortfolioLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page has its own "Forgotten your password?" link below the form.
        self.fields["password"].help_text = ""
        self.fields["login"].label = _("Email address")
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)
