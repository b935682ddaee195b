"""The integration API at ``/api/v1/``: Django REST Framework endpoints over
the apps' own selectors, services and permission policies, authenticated with
OAuth 2 (django-oauth-toolkit), described by an OpenAPI 3 schema
(drf-spectacular). Beside ``search``, below ``portal``; nothing below imports
it, and it reads the apps only through their public faces.

- models (ApiClient: an OAuth application registered for an organisation;
  IdempotentResponse: the first answer to a POST, replayed on a retry)
- scopes (the scopes and which kind of client may ask for them)
- selectors, services, policies
- views (the endpoints), pages (the people-facing screens: register a system,
  revoke tokens), urls
See docs/api.md.
"""
