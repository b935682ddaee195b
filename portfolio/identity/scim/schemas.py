"""The SCIM schemas the portal publishes: django-scim2's RFC 7643 schemas cut
down to the attributes a person or team actually keeps here, so a client (and
the conformance checker) never sends values that would be silently dropped.
Computed attributes (displayName, name.formatted, a person's groups) are
read-only."""

import copy

from django_scim.schemas import ALL

#: attribute → sub-attributes kept (None: a simple attribute).
USER_ATTRIBUTES = {
    "userName": None,
    "name": {"givenName", "familyName"},
    "displayName": None,
    "active": None,
    "emails": {"value"},
    "groups": {"value", "$ref", "display"},
}
GROUP_ATTRIBUTES = {"displayName": None, "members": {"value", "$ref", "display"}}
READ_ONLY = {"displayName@User", "groups"}
#: A person needs a work email (it is how they sign in); a team needs a name.
#: ``active`` too: an account is always active or not, so it cannot be removed.
REQUIRED = {"emails@User", "displayName@Group", "userName@User", "active@User"}

USER_URI = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_URI = "urn:ietf:params:scim:schemas:core:2.0:Group"


def _cut(schema: dict, keep: dict, resource: str) -> dict:
    schema = copy.deepcopy(schema)
    attributes = []
    for attribute in schema["attributes"]:
        name = attribute["name"]
        if name not in keep:
            continue
        if keep[name] is not None:
            attribute["subAttributes"] = [
                sub
                for sub in attribute.get("subAttributes", [])
                if sub["name"] in keep[name]
            ]
            for sub in attribute["subAttributes"]:
                if f"{name}.{sub['name']}" in READ_ONLY:
                    sub["mutability"] = "readOnly"
        if name in READ_ONLY or f"{name}@{resource}" in READ_ONLY:
            attribute["mutability"] = "readOnly"
        if f"{name}@{resource}" in REQUIRED:
            attribute["required"] = True
        attributes.append(attribute)
    schema["attributes"] = attributes
    return schema


def portfolio_schemas() -> list[dict]:
    schemas = []
    for schema in ALL:
        if schema["id"] == USER_URI:
            schema = _cut(schema, USER_ATTRIBUTES, "User")
        elif schema["id"] == GROUP_URI:
            schema = _cut(schema, GROUP_ATTRIBUTES, "Group")
        elif "extension" in schema["id"]:
            continue
        schemas.append(schema)
    return schemas
