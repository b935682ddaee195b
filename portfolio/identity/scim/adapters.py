"""django-scim2 adapters: a SCIM User is a person of the token's organisation
(userName is their work email), a SCIM Group is one of its teams."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from django_scim import constants, exceptions
from django_scim.adapters import SCIMGroup, SCIMUser
from django_scim.utils import get_group_adapter

from portfolio.identity.models import ProvisionedAccount
from portfolio.identity.provisioning import (
    PersonRecord,
    person_provision,
    person_scim_remove,
    team_provision,
    team_remove,
)
from portfolio.identity.scim.auth import scim_organisation
from portfolio.people.models import User


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

    def _external_id(self) -> str:
        account = ProvisionedAccount.objects.filter(user_id=self.obj.pk).first()
        return account.external_id if account else ""

    def to_dict(self):
        data = {
            "schemas": [constants.SchemaURI.USER],
            "id": self.id,
            "userName": self.obj.email,
            "name": {
                "givenName": self.obj.first_name,
                "familyName": self.obj.last_name,
                "formatted": self.display_name,
            },
            "displayName": self.display_name,
            "emails": [{"value": self.obj.email, "primary": True, "type": "work"}],
            "active": self.obj.is_active,
            "groups": self.groups,
            "meta": self.meta,
        }
        external_id = self._external_id() if self.obj.pk else ""
        if external_id:
            data["externalId"] = external_id
        return data

    def from_dict(self, d):
        emails = d.get("emails") or []
        primary = [
            e.get("value") for e in emails if isinstance(e, dict) and e.get("primary")
        ]
        email = (d.get("userName") or (primary[0] if primary else "") or "").strip()
        name = d.get("name") or {}
        self._record = PersonRecord(
            email=email.lower(),
            first_name=name.get("givenName", "") if isinstance(name, dict) else "",
            last_name=name.get("familyName", "") if isinstance(name, dict) else "",
            active=_truthy(d["active"]) if "active" in d else None,
            external_id=d.get("externalId") or "",
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
        current = self.to_dict()
        for operation in operations:
            op = str(operation.get("op", "")).lower()
            path = operation.get("path")
            value = operation.get("value")
            if op not in ("add", "replace"):
                raise exceptions.NotImplementedError(f"PATCH {op} is not supported.")
            updates = value if not path and isinstance(value, dict) else {path: value}
            for key, new in updates.items():
                _apply_path(current, key, new)
        self.from_dict(current)
        self.save()


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
                {"value": str(p.pk), "display": p.get_full_name() or p.email}
                for p in people
            ]
            if self.obj.pk
            else []
        )

    @property
    def meta(self):
        return {"resourceType": self.resource_type, "location": self.location}

    def to_dict(self):
        return {
            "schemas": [constants.SchemaURI.GROUP],
            "id": self.id,
            "displayName": self.obj.name,
            "members": self.members,
            "meta": self.meta,
        }

    def from_dict(self, d):
        self._name = (d.get("displayName") or "").strip()
        members = d.get("members")
        self._members = (
            None
            if members is None
            else [int(m["value"]) for m in members if str(m.get("value", "")).isdigit()]
        )
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
        )

    def delete(self):
        request = self.request
        team_remove(
            organisation=scim_organisation(request),
            actor_label=request.user.label,
            team=self.obj,
        )

    def handle_operations(self, operations):
        name = self.obj.name
        members = {int(m["value"]) for m in self.members}
        for operation in operations:
            op = str(operation.get("op", "")).lower()
            path = operation.get("path") or ""
            value = operation.get("value")
            if path == "displayName" or (
                not path and isinstance(value, dict) and "displayName" in value
            ):
                name = value if path else value["displayName"]
            elif path.startswith("members"):
                ids = _member_ids(value, path)
                if op == "add":
                    members |= ids
                elif op == "remove":
                    members -= ids
                elif op == "replace":
                    members = ids
            else:
                raise exceptions.BadRequestError(f"Unsupported attribute path: {path}")
        self._name = name
        self._members = sorted(members)
        self.save()


def _member_ids(value, path: str) -> set[int]:
    if isinstance(value, list):
        return {int(v["value"]) for v in value if str(v.get("value", "")).isdigit()}
    # members[value eq "12"]
    digits = "".join(c for c in path.partition("eq")[2] if c.isdigit())
    return {int(digits)} if digits else set()
