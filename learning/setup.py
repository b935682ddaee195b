"""The learning site's fixed structure, made idempotently after every migrate:
the learning home (the Wagtail site's root), the training team's page
permissions, and the review workflow every page goes through before it is
published.

Editors may add and change pages but not publish them; reviewers approve
(publishing through the workflow). Nobody else gets any page permission, so
practitioners and supervisors can never edit content.
"""

from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from learning.models import LearningHomePage
from portfolio.people.groups import role_groups_ensure

EDITORS, REVIEWERS = "Training editors", "Training reviewers"
#: The default site Wagtail's first migration creates.
WAGTAIL_PLACEHOLDER_HOST = ("localhost", 80)
WORKFLOW_NAME = "Training team review"
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    REVIEWERS: ["add_page", "change_page", "publish_page", "unlock_page"],
}
#: Model permissions (as "app_label.Model", codename): the topic taxonomy.
MODEL_PERMISSIONS = [
    ("learning.Topic", "add_topic"),
    ("learning.Topic", "change_topic"),
]
#: Images for page bodies, in the root collection.
IMAGE_PERMISSIONS = ["add_image", "choose_image", "change_image"]


@transaction.atomic
def learning_site_ensure() -> LearningHomePage:
    # After a flush (transactional tests) cached content type ids are stale.
    ContentType.objects.clear_cache()
    role_groups_ensure()
    home = _home_ensure()
    groups = {name: Group.objects.get(name=name) for name in PAGE_PERMISSIONS}
    collection = Collection.get_first_root_node() or Collection.add_root(
        name="Root"  # a flushed database (transactional tests)
    )
    for name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name],
                page=home,
                permission=_permission("wagtailcore.Page", codename),
            )
        for model_label, codename in MODEL_PERMISSIONS:
            groups[name].permissions.add(_permission(model_label, codename))
        for codename in IMAGE_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name],
                collection=collection,
                permission=_permission("wagtailimages.Image", codename),
            )
    _workflow_ensure(home=home, reviewers=groups[REVIEWERS])
    return home


def _permission(model_label: str, codename: str) -> Permission:
    # get_or_create: on a fresh database this runs before Django's own
    # post-migrate handler has created the permissions of later apps.
    model = apps.get_model(model_label)
    permission, _created = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(model),
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def _home_ensure() -> LearningHomePage:
    home = LearningHomePage.objects.first()
    root = Page.get_first_root_node()
    if not Locale.objects.exists():  # a flushed database (transactional tests)
        Locale.objects.create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
    if root is None:  # a flushed database (transactional tests)
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    if home is None:
        home = root.add_child(
            instance=LearningHomePage(
                title=_("Learning"),
                slug="learning",
                intro=_(
                    "<p>Research summaries, training and learning pathways chosen "
                    "by the training team. Record anything here as CPD in one step.</p>"
                ),
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = _base_url_host_and_port()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Practitioner Portfolio",
        )
    elif (site.hostname, site.port) == WAGTAIL_PLACEHOLDER_HOST != (hostname, port):
        # Wagtail's own "localhost:80" placeholder: serve links ("View live")
        # on the address the portal is configured for instead.
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    if site is not None and site.root_page_id != home.pk:
        previous = site.root_page
        site.root_page = home
        site.save()
        # Wagtail's own placeholder "Welcome" page has no further use.
        if previous.specific_class is Page and not previous.get_children().exists():
            previous.delete()
    return home


def _base_url_host_and_port() -> tuple[str, int]:
    """The host and port of WAGTAILADMIN_BASE_URL, for the Wagtail site."""
    url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return url.hostname or "localhost", url.port or (
        443 if url.scheme == "https" else 80
    )


def _workflow_ensure(*, home, reviewers) -> None:
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name=_("Reviewer approval")).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=_("Reviewer approval"))
    task.groups.set([reviewers])
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
