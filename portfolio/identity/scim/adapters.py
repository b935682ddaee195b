"""django-scim2 adapters: a SCIM User is a person of the token's organisation
(userName is their work email), a SCIM Group is one of its teams."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from django_scim import constants, exceptions
from django_scim.adapters import SCIMGroup, SCIMUser
from django_scim.utils import get_group_adapter, get_user_adapter

from portfolio.identity.models import ProvisionedAccount, ProvisionedTeam
from portfolio.identity.provisioning import (
    PersonRecord,
    person_provision,
    person_scim_remove,
    team_provision,
    team_remove,
)
from portfolio.identity.scim.auth import scim_organisation
from portfolio.people.models import User

ALWAYS_RETURNED = {"schemas", "id", "meta"}


def _select(request, data: dict) -> dict:
    """RFC 7644 §3.4.2.5: ``attributes`` and ``excludedAttributes`` (top-level
    names, case-insensitive) narrow what a GET returns."""
    if request is None or request.method != "GET":
        return data
    wanted = {
        a.strip().lower()
        for a in request.GET.get("attributes", "").split(",")
        if a.strip()
    }
    excluded = {
        a.strip().lower()
        for a in request.GET.get("excludedAttributes", "").split(",")
        if a.strip()
    }
    wanted = {a.split(".")[0].rpartition(":")[2] for a in wanted}
    excluded = {a.rpartition(":")[2] for a in excluded if "." not in a}
    return {
        k: v
        for k, v in data.items()
        if k in ALWAYS_RETURNED
        or ((not wanted or k.lower() in wanted) and k.lower() not in excluded)
    }


def _truthy(value) -> bool:
    # Entra ID sends "False"/"True" strings in PATCH operations.
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return bool(value)


class PersonScimAdapter(SCIMUser):
    """A SCIM User is a person; userName is their work email address."""

    id_field = "pk"

    @property
    def id(self):
        return str(self.obj.pk)

    @property
    def display_name(self):
        return self.obj.get_full_name() or self.obj.email

    @property
    def groups(self):
        if self.obj.team_id is None:
            return []
        group = get_group_adapter()(self.obj.team, self.request)
        return [
            {"value": group.id, "$ref": group.location, "display": group.display_name}
        ]

    @property
    def meta(self):
        return {
            "resourceType": self.resource_type,
            "created": self.obj.date_joined.isoformat(),
            "lastModified": self.obj.date_joined.isoformat(),
            "location": self.location,
        }

    def _full_dict(self) -> dict:
        self._unselected = True
        try:
            return self.to_dict()
        finally:
            self._unselected = False

    def _account(self):
        if not self.obj.pk:
            return None
        return ProvisionedAccount.objects.filter(user_id=self.obj.pk).first()

    @classmethod
    def resource_type_dict(cls, request=None):
        # RFC 7643 §6: the endpoint is relative to the base URL.
        return {**super().resource_type_dict(request), "endpoint": "/Users"}

    def to_dict(self):
        account = self._account()
        data = {
            "schemas": [constants.SchemaURI.USER],
            "id": self.id,
            "userName": (account.user_name if account else "") or self.obj.email,
            "name": {
                k: v
                for k, v in (
                    ("givenName", self.obj.first_name),
                    ("familyName", self.obj.last_name),
                )
                if v
            },
            "displayName": self.display_name,
            "emails": [{"value": self.obj.email}],
            "active": self.obj.is_active,
            "groups": self.groups,
            "meta": self.meta,
        }
        if not data["name"]:
            del data["name"]
        if account and account.external_id:
            data["externalId"] = account.external_id
        if getattr(self, "_unselected", False):
            return data
        return _select(self.request, data)

    def from_dict(self, d):
        emails = [e for e in (d.get("emails") or []) if isinstance(e, dict)]
        emails.sort(key=lambda e: not e.get("primary"))
        user_name = str(d.get("userName") or "").strip()
        # The work email is the primary address HR sends, else the userName
        # (Entra ID's user principal name is usually the address).
        email = str(emails[0].get("value") if emails else user_name).strip()
        name = d.get("name") or {}
        self._record = PersonRecord(
            email=email.lower(),
            first_name=name.get("givenName", "") if isinstance(name, dict) else "",
            last_name=name.get("familyName", "") if isinstance(name, dict) else "",
            active=_truthy(d["active"]) if "active" in d else None,
            external_id=d.get("externalId") or "",
            user_name="" if user_name.lower() == email.lower() else user_name,
        )

    def save(self):
        request = self.request
        organisation = scim_organisation(request)
        try:
            self.obj, _created = person_provision(
                organisation=organisation,
                actor_label=request.user.label,
                record=self._record,
                user=self.obj if self.obj.pk else None,
            )
        except ValidationError as error:
            messages = (
                error.message_dict
                if hasattr(error, "error_dict")
                else {"": error.messages}
            )
            if (
                "email" in messages
                and User.objects.filter(email__iexact=self._record.email).exists()
            ):
                raise exceptions.IntegrityError(
                    " ".join(sum(messages.values(), []))
                ) from error
            raise exceptions.BadRequestError(
                " ".join(sum(messages.values(), []))
            ) from error

    def delete(self):
        request = self.request
        person_scim_remove(
            organisation=scim_organisation(request),
            actor_label=request.user.label,
            user=self.obj,
        )

    def handle_operations(self, operations):
        """PATCH: apply each add/replace to the resource as SCIM sees it, then
        save once through the service (so ``active: false`` deactivates by the
        one path)."""
        current = self._full_dict()
        for operation in operations:
            op = str(operation.get("op", "")).lower()
            path = operation.get("path")
            value = operation.get("value")
            if op == "remove":
                _remove_path(current, path or "")
                continue
            if op not in ("add", "replace"):
                raise exceptions.BadRequestError(f"Unknown PATCH operation {op}.")
            updates = value if not path and isinstance(value, dict) else {path: value}
            for key, new in updates.items():
                _apply_path(current, key, new)
        self.from_dict(current)
        self.save()


REMOVABLE = {"externalId", "name", "name.givenName", "name.familyName"}


def _remove_path(resource: dict, path: str) -> None:
    """Clear an optional attribute; required ones (userName, emails) and
    ``active`` (an account is always one or the other) cannot be removed."""
    if path not in REMOVABLE:
        raise exceptions.BadRequestError(f"{path} cannot be removed.")
    if path == "externalId":
        resource["externalId"] = ""
    elif path == "name":
        resource["name"] = {"givenName": "", "familyName": ""}
    else:
        resource.setdefault("name", {})[path.split(".")[1]] = ""


def _apply_path(resource: dict, path: str, value) -> None:
    if path in ("name.givenName", "name.familyName"):
        resource.setdefault("name", {})[path.split(".")[1]] = value
    elif path == 'emails[type eq "work"].value':
        resource["emails"] = [{"value": value, "primary": True}]
    elif path in ("userName", "active", "externalId", "displayName", "name", "emails"):
        resource[path] = value
    else:
        raise exceptions.BadRequestError(f"Unsupported attribute path: {path}")


class TeamScimAdapter(SCIMGroup):
    """A SCIM Group is a team of the organisation; members move between teams."""

    id_field = "pk"

    @property
    def id(self):
        return str(self.obj.pk)

    @property
    def display_name(self):
        return self.obj.name

    @property
    def members(self):
        people = self.obj.members.exclude(
            provisioned_account__scim_removed_at__isnull=False
        )
        return (
            [
                {
                    "value": str(p.pk),
                    "$ref": get_user_adapter()(p, self.request).location,
                }
                for p in people
            ]
            if self.obj.pk
            else []
        )

    @property
    def meta(self):
        return {"resourceType": self.resource_type, "location": self.location}

    @classmethod
    def resource_type_dict(cls, request=None):
        return {**super().resource_type_dict(request), "endpoint": "/Groups"}

    def to_dict(self):
        data = {
            "schemas": [constants.SchemaURI.GROUP],
            "id": self.id,
            "displayName": self.obj.name,
            "members": self.members,
            "meta": self.meta,
        }
        external = ProvisionedTeam.objects.filter(team_id=self.obj.pk).first()
        if external and external.external_id:
            data["externalId"] = external.external_id
        if not data["members"]:
            del data["members"]
        if getattr(self, "_unselected", False):
            return data
        return _select(self.request, data)

    def from_dict(self, d):
        self._name = (d.get("displayName") or "").strip()
        members = d.get("members")
        self._members = (
            None
            if members is None
            else [int(m["value"]) for m in members if str(m.get("value", "")).isdigit()]
        )
        self._external_id = d.get("externalId")
        if not self._name:
            raise exceptions.BadRequestError("displayName is required.")

    def save(self):
        request = self.request
        self.obj = team_provision(
            organisation=scim_organisation(request),
            actor_label=request.user.label,
            team=self.obj if self.obj.pk else None,
            name=self._name,
            member_ids=self._members,
            external_id=getattr(self, "_external_id", None),
        )

    def delete(self):
        request = self.request
        team_remove(
            organisation=scim_organisation(request),
            actor_label=request.user.label,
            team=self.obj,
        )

    def handle_operations(self, operations):
        current = self._full_dict()
        name = current["displayName"]
        external_id = current.get("externalId", "")
        members = {int(m["value"]) for m in current.get("members", [])}
        for operation in operations:
            op = str(operation.get("op", "")).lower()
            path = operation.get("path") or ""
            value = operation.get("value")
            updates = value if not path and isinstance(value, dict) else {path: value}
            for key, new in updates.items():
                if key == "displayName" and op != "remove":
                    name = new
                elif key == "externalId":
                    external_id = "" if op == "remove" else new
                elif key.startswith("members"):
                    ids = _member_ids(new, key)
                    if op == "add":
                        members |= ids
                    elif op == "remove":
                        members = members - ids if ids else set()
                    else:
                        members = ids
                else:
                    raise exceptions.BadRequestError(
                        f"Unsupported attribute path: {key}"
                    )
        self._name = name
        self._external_id = external_id
        self._members = sorted(members)
        self.save()

    def _full_dict(self) -> dict:
        self._unselected = True
        try:
            return self.to_dict()
        finally:
            self._unselected = False


def _member_ids(value, path: str) -> set[int]:
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, list):
        return {int(v["value"]) for v in value if str(v.get("value", "")).isdigit()}
    # members[value eq "12"]
    digits = "".join(c for c in path.partition("eq")[2] if c.isdigit())
    return {int(digits)} if digits else set()
