"""Every model a person can reach has a registered permission policy.

The models are found through the app registry: every model of ours with a
foreign key (or many-to-many) to the user model. A new one fails here until
its policy is registered the way the others are (``register_policies()`` from
its app's ``ready()``), so who may do what never goes back to ad-hoc checks in
views.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model

from wagtail.models import Page
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import PolicyRegistry, policy_registry

import pytest

#: Our own apps: the ones whose code lives in this repository. Wagtail's and
#: allauth's models (revisions, log entries, authenticators, email addresses…)
#: are guarded by those libraries' own views and admin permission policies,
#: and probed by the URL access matrix (tests/portal/test_url_access.py).
#: (The virtualenv may live inside the repository, as `make` puts it.)
OWN_APPS = {
    config.label
    for config in apps.get_app_configs()
    if Path(config.path).is_relative_to(Path(settings.BASE_DIR))
    and "site-packages" not in Path(config.path).parts
}

#: Pure audit rows with no policy of their own. Empty today; add a model here
#: only with a comment saying why nobody ever reaches its rows directly.
EXEMPT: dict[str, str] = {}


def _models_with_a_person():
    user_model = get_user_model()
    for model in apps.get_models():
        if model._meta.app_label not in OWN_APPS or model is user_model:
            continue
        if any(
            field.is_relation
            and field.concrete
            and field.related_model is not None
            and issubclass(field.related_model, user_model)
            for field in model._meta.get_fields()
        ):
            yield model


def test_our_apps_are_found():
    assert {"portfolio", "capabilities", "learning", "search"} <= OWN_APPS


def test_the_models_with_a_person_are_found():
    labels = {model._meta.label for model in _models_with_a_person()}
    # A sample that must always be among them: if the search breaks, the next
    # test would pass vacuously.
    assert {
        "portfolio.Entry",
        "portfolio.Supervision",
        "portfolio.LevelRequest",
        "portfolio.Export",
        "capabilities.FrameworkImportJob",
        "search.IndexRebuild",
    } <= labels


def _without_a_policy(models, registry) -> list[str]:
    return [
        model._meta.label
        for model in models
        if model._meta.label not in EXEMPT
        and not isinstance(
            registry.get_by_type(model, fallback=False), BasePermissionPolicy
        )
    ]


def test_every_model_a_person_can_reach_has_a_policy():
    assert _without_a_policy(_models_with_a_person(), policy_registry) == []


@pytest.mark.parametrize(
    "model", list(_models_with_a_person()), ids=lambda model: model._meta.label
)
def test_each_policy_is_written_for_its_model(model):
    """Not one inherited from a base class the model happens to share; pages
    use Wagtail's page policy, which is what governs them in the admin."""
    policy = policy_registry.get_by_type(model, fallback=False)
    assert policy.model is model or issubclass(model, Page)


def test_a_model_without_a_policy_is_reported():
    """The check itself fails for a model nobody registered a policy for."""
    from portfolio.people.models import Supervision

    assert _without_a_policy([Supervision], PolicyRegistry()) == [
        "portfolio.Supervision"
    ]
