"""Every model that holds data about a person is in the register of personal
data (portfolio/privacy/register.py), found through the app registry the way
tests/portal/test_policies.py finds models without a policy: every model of
any installed app (ours, allauth's, Wagtail's) with a foreign key to the user,
and every field named like a person's data."""

import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist

import pytest

from portfolio.privacy.register import OTHER_STORES, REGISTER, PersonalData

#: Field names that hold a person's details whatever model they are on.
PERSONAL_NAMES = re.compile(
    r"(^|_)(email|email_address|first_name|last_name|full_name|peer_name|"
    r"author_name|person_name|phone|telephone|mobile|address|postcode|"
    r"date_of_birth|ip_address|user_agent|original_name)$"
)


def _declared_here(model, field) -> bool:
    # A field inherited from a concrete parent (a learning page's owner comes
    # from wagtailcore.Page) is the parent's entry, not the child's.
    return field.model is model


def missing_from_register(register: dict[str, PersonalData]) -> list[str]:
    """One sentence per model field that should be registered and is not."""
    user_model = get_user_model()
    problems = []
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        label = model._meta.label
        for field in model._meta.get_fields():
            if not getattr(field, "concrete", False) or not _declared_here(
                model, field
            ):
                continue
            points_at_user = (
                field.is_relation
                and field.related_model is not None
                and isinstance(field.related_model, type)
                and issubclass(field.related_model, user_model)
            )
            named_like_a_person = bool(PERSONAL_NAMES.search(field.name))
            if not (points_at_user or named_like_a_person) or model is user_model:
                continue
            if label not in register:
                why = (
                    "a foreign key to the user"
                    if points_at_user
                    else "a field named like a person's data"
                )
                problems.append(
                    f"{label}.{field.name} is {why} but {label} is not in the "
                    "register of personal data: add a PersonalData entry in "
                    "portfolio/privacy/register.py (or call "
                    "personal_data_register from its app's ready())."
                )
            elif points_at_user and not _names_field(register[label], field.name):
                problems.append(
                    f"{label}.{field.name} points at the user but the register's "
                    f"entry for {label} does not name it in `whose`, so erasure "
                    "and subject access would miss it."
                )
    if user_model._meta.label not in register:
        problems.append(f"{user_model._meta.label} (the user) is not registered.")
    return problems


def _names_field(entry: PersonalData, name: str) -> bool:
    return any(path.split("__")[0] == name for path in entry.whose)


def test_every_model_holding_personal_data_is_registered(db):
    assert missing_from_register(REGISTER) == []


def test_an_unregistered_model_is_named_in_the_failure(db):
    without_entries = {k: v for k, v in REGISTER.items() if k != "portfolio.Entry"}
    problems = missing_from_register(without_entries)
    assert problems == [
        "portfolio.Entry.owner is a foreign key to the user but portfolio.Entry "
        "is not in the register of personal data: add a PersonalData entry in "
        "portfolio/privacy/register.py (or call personal_data_register from "
        "its app's ready())."
    ]


def test_a_field_named_like_personal_data_must_be_registered(db):
    without = {k: v for k, v in REGISTER.items() if k != "wagtailembeds.Embed"}
    assert missing_from_register(without) == [
        "wagtailembeds.Embed.author_name is a field named like a person's data "
        "but wagtailembeds.Embed is not in the register of personal data: add a "
        "PersonalData entry in portfolio/privacy/register.py (or call "
        "personal_data_register from its app's ready())."
    ]


@pytest.mark.parametrize("entry", list(REGISTER.values()), ids=lambda e: e.model)
def test_each_entry_names_real_fields(entry):
    model = apps.get_model(entry.model)
    for path in (*entry.delete_where, *entry.nullify, *entry.scrub):
        current = model
        for part in path.split("__"):
            try:
                field = current._meta.get_field(part)
            except FieldDoesNotExist:
                pytest.fail(f"{entry.model}: {path!r} is not a field.")
            current = field.related_model or current
    for path in entry.nullify:
        assert model._meta.get_field(path).null, f"{entry.model}.{path} is not null"


def test_sessions_and_other_stores_say_how_they_are_erased():
    assert {"sessions", "search", "files", "cache", "jobs"} <= set(OTHER_STORES)
