"""Reading an xAPI "completed" statement (the Experience API 1.0.3 that
learning systems emit) as a completion. Only these fields are read:

- ``actor.mbox`` (``mailto:`` address) or ``actor.account.name`` (an email
  address): the person;
- ``verb.id``: must be ADL's ``completed`` verb;
- ``object.id``: the course's IRI, kept as the entry's link when it is a web
  address; ``object.definition.name`` (en-GB, then en, then any language):
  the title; ``object.definition.description``: the description;
- ``result.duration`` (ISO 8601, e.g. ``PT2H30M``): the hours;
  ``result.completion``: must not be false;
- ``timestamp``: the date it was completed;
- ``context.extensions`` under ``FRAMEWORK_ITEMS_EXTENSION``: framework item ids.
"""

import re
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from api.serializers import MAX_ID, StrictSerializer, no_html

COMPLETED_VERB = "http://adlnet.gov/expapi/verbs/completed"
FRAMEWORK_ITEMS_EXTENSION = (
    "https://practitioner-portfolio.example/xapi/framework-items"
)
DURATION = re.compile(
    r"^P(?:(?P<days>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)


class LanguageMap(serializers.DictField):
    child = serializers.CharField(max_length=500, validators=[no_html])


def _pick(names: dict) -> str:
    for language in ("en-GB", "en", "en-US"):
        if names.get(language):
            return names[language]
    return next(iter(names.values()), "")


class XapiAccount(StrictSerializer):
    homePage = serializers.URLField(max_length=500)
    name = serializers.EmailField()


class XapiActor(StrictSerializer):
    objectType = serializers.ChoiceField(choices=["Agent"], required=False)
    name = serializers.CharField(max_length=200, required=False, validators=[no_html])
    mbox = serializers.RegexField(
        r"^mailto:[^@\s]+@[^@\s]+$", max_length=254, required=False
    )
    account = XapiAccount(required=False)

    def validate(self, attrs):
        if ("mbox" in attrs) == ("account" in attrs):
            raise serializers.ValidationError(
                _("Identify the actor by mbox or by account, not both.")
            )
        return attrs


class XapiVerb(StrictSerializer):
    id = serializers.URLField(max_length=500)
    display = LanguageMap(required=False)

    def validate_id(self, value):
        if value != COMPLETED_VERB:
            raise serializers.ValidationError(
                _("Only the “completed” verb is recorded as CPD.")
            )
        return value


class XapiDefinition(StrictSerializer):
    name = LanguageMap(allow_empty=False)
    description = LanguageMap(required=False)
    type = serializers.URLField(max_length=500, required=False)


class XapiObject(StrictSerializer):
    objectType = serializers.ChoiceField(choices=["Activity"], required=False)
    id = serializers.URLField(max_length=500)
    definition = XapiDefinition()


class XapiResult(StrictSerializer):
    completion = serializers.BooleanField(required=False)
    success = serializers.BooleanField(required=False)
    duration = serializers.RegexField(DURATION, max_length=40)

    def validate_completion(self, value):
        if value is False:
            raise serializers.ValidationError(
                _("The statement says it was not completed.")
            )
        return value


class XapiContext(StrictSerializer):
    registration = serializers.UUIDField(required=False)
    extensions = serializers.DictField(required=False)


class XapiStatementSerializer(StrictSerializer):
    id = serializers.UUIDField(required=False)
    actor = XapiActor()
    verb = XapiVerb()
    object = XapiObject()
    result = XapiResult()
    context = XapiContext(required=False)
    timestamp = serializers.DateTimeField()
    version = serializers.CharField(max_length=20, required=False)


def _hours(duration: str) -> Decimal:
    parts = DURATION.match(duration).groupdict()
    total = (
        Decimal(parts["days"] or 0) * 24
        + Decimal(parts["hours"] or 0)
        + Decimal(parts["minutes"] or 0) / 60
        + Decimal(parts["seconds"] or 0) / 3600
    )
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def statement_as_completion(statement: dict) -> dict:
    """The validated statement as the fields of a JSON completion (then
    validated again by ``CompletionSerializer``, so both routes share every
    rule)."""
    actor = statement["actor"]
    email = (
        actor["mbox"].removeprefix("mailto:")
        if "mbox" in actor
        else actor["account"]["name"]
    )
    definition = statement["object"]["definition"]
    items = (
        (statement.get("context") or {})
        .get("extensions", {})
        .get(FRAMEWORK_ITEMS_EXTENSION, [])
    )
    if not isinstance(items, list) or not all(
        isinstance(item, int) and 1 <= item <= MAX_ID for item in items
    ):
        raise serializers.ValidationError(
            {"context": [_("Framework items must be a list of item ids.")]}
        )
    completion = {
        "person_email": email,
        "course_title": _pick(definition["name"])[:200],
        "completed_on": datetime.date(statement["timestamp"]).isoformat(),
        "hours": str(_hours(statement["result"]["duration"])),
        "framework_items": items,
        "course_url": statement["object"]["id"],
    }
    if definition.get("description"):
        completion["description"] = _pick(definition["description"])[:2000]
    return completion
