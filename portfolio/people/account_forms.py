"""allauth's forms with the portal's wording."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from allauth.account.forms import LoginForm
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, validate_totp_code
from allauth.mfa.utils import decrypt


class PortfolioLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page has its own "Forgotten your password?" link below the form.
        self.fields["password"].help_text = ""
        self.fields["login"].label = _("Email address")
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)


#: Shown when the code is right but was already used to sign in: the person
#: should wait for the app to show the next one rather than doubt the code.
CODE_ALREADY_USED = _(
    "That code has already been used. Wait for your authenticator app to show "
    "the next code, then enter it."
)


def _is_used_totp_code(*, user, code: str) -> bool:
    """Whether ``code`` is a correct authenticator code for ``user`` that
    allauth has already accepted once (it refuses a code's second use, with
    the same "Incorrect code." as a wrong one)."""
    for authenticator in Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ):
        totp = TOTP(authenticator)
        secret = decrypt(authenticator.data["secret"])
        # allauth keeps no public "was it used" check; this reads the marker
        # its TOTP.validate_code sets (allauth.mfa.totp.internal.auth).
        if validate_totp_code(secret, code) and cache.get(
            totp._get_used_cache_key(code)
        ):
            return True
    return False


class _CodeAlreadyUsedMixin:
    def clean_code(self):
        try:
            return super().clean_code()
        except ValidationError as refused:
            code = self.cleaned_data.get("code", "")
            if _is_used_totp_code(user=self.user, code=code):
                raise ValidationError(
                    CODE_ALREADY_USED, code="code_already_used"
                ) from refused
            raise


class PortfolioAuthenticateForm(_CodeAlreadyUsedMixin, AuthenticateForm):
    pass


class PortfolioReauthenticateForm(_CodeAlreadyUsedMixin, ReauthenticateForm):
    pass
