"""SCIM 2.0 (RFC 7643/7644) through django-scim2, at /scim/v2/: ``auth`` (the
per-organisation bearer token, rate limit and scoping hooks), ``filters`` (the
filter parsers, scoped to the organisation) and ``adapters`` (SCIM Users are
people, Groups are teams). The protocol is django-scim2's; every write goes
through identity.provisioning. Settings name these modules by dotted path:
django-scim2 imports the filters while importing its adapters, so the three
stay separate modules."""
