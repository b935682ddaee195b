"""Employers' identity: single sign-on (OpenID Connect, Microsoft Entra ID,
SAML) through django-allauth's own providers, configured per organisation, and
provisioning from HR (SCIM 2.0 and a CSV upload). It sits directly above
``people``: it creates, moves and deactivates people through people's services.

Public face (what other packages may import):

- models (IdentityProvider, ScimToken)
- selectors (identity_provider_for_organisation, social_apps_for, …)
- services (identity_provider_save, scim_token_rotate, sso_login_check, …)
- policies (register_policies)
- scim (django-scim2's adapters and the bearer-token middleware, named in settings)
- views (wired by portfolio.identity.urls)

Private to this package: forms, secrets.
"""
