"""The API's entries in the register of personal data (portfolio.privacy):
its own rows and django-oauth-toolkit's, which name the person a token or
an authorisation belongs to."""

from portfolio.privacy.register import (
    SAR,
    SECRETS,
    Basis,
    PersonalData,
    Retention,
    personal_data_register,
)


def register_personal_data() -> None:
    personal_data_register(
        PersonalData(
            "api.ApiClient",
            "Which admin registered a system or app that uses the API.",
            ("registered_by",),
            Basis.LEGITIMATE,
            Retention.AUDIT,
            SAR,
            nullify=("registered_by",),
            note="The registration stays for the organisation; your name goes.",
            public=False,
        ),
        PersonalData(
            "api.IdempotentResponse",
            "The first answer to a request an app made for you, kept so a "
            "retried request does not create twice.",
            ("user",),
            Basis.LEGITIMATE,
            Retention.TRANSIENT,
            SAR,
            delete_where=("user",),
            public=False,
        ),
        PersonalData(
            "oauth2_provider.Application",
            "Apps an admin registered (their name and who registered them).",
            ("user",),
            Basis.LEGITIMATE,
            Retention.ACCOUNT,
            SECRETS,
            nullify=("user",),
            public=False,
        ),
        *[
            PersonalData(
                label,
                "Permissions you gave an app to use the API on your behalf.",
                ("user",),
                Basis.CONTRACT,
                Retention.TRANSIENT,
                SECRETS,
                delete_where=("user",),
            )
            for label in (
                "oauth2_provider.Grant",
                "oauth2_provider.AccessToken",
                "oauth2_provider.RefreshToken",
                "oauth2_provider.IDToken",
                "oauth2_provider.DeviceGrant",
            )
        ],
    )
