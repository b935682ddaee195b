"""The header's navigation offers learning once it is published."""

from django.urls import reverse

import pytest

from tests.factories.learning import learning_home

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["practitioner", "supervisor", "training_editor"])
def test_learning_is_in_the_main_navigation(client, signed_in, request, role):
    home = learning_home()
    signed_in(request.getfixturevalue(role))
    html = client.get(reverse("home")).content.decode()
    link = html.split('data-testid="nav-learning"')[0].rsplit("<a ", 1)[1]
    assert f'href="{home.url}"' in link


def test_learning_link_is_current_on_a_learning_page(client, signed_in, practitioner):
    home = learning_home()
    signed_in(practitioner)
    html = client.get(home.url).content.decode()
    link = html.split('data-testid="nav-learning"')[0].rsplit("<a ", 1)[1]
    assert 'aria-current="page"' in link


def test_no_learning_link_before_learning_is_published(client, signed_in, practitioner):
    from learning.models import LearningHomePage

    LearningHomePage.objects.all().update(live=False)
    signed_in(practitioner)
    assert (
        'data-testid="nav-learning"' not in client.get(reverse("home")).content.decode()
    )


# The header's facts (the ASYE offer, the content admin, the unread count) are
# asked in one query on every page: each must still follow the data at once.


def _header(client):
    html = client.get(reverse("home")).content.decode()
    return html[html.index('data-testid="site-header"') : html.index("<main")]


def test_the_content_admin_link_follows_the_permission_as_has_perm_does(
    client, signed_in, practitioner, training_editor, site_admin
):
    from django.contrib.auth.models import Permission

    for person, offered in (
        (practitioner, False),
        (training_editor, True),
        (site_admin, True),
    ):
        signed_in(person)
        assert ('data-testid="nav-admin"' in _header(client)) is offered, person
        assert person.has_perm("wagtailadmin.access_admin") is offered, person
    practitioner.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    signed_in(practitioner)
    assert 'data-testid="nav-admin"' in _header(client)


def test_the_unread_count_follows_each_new_and_read_notification(
    client, signed_in, practitioner
):
    from portfolio.notifications.services import (
        notification_create,
        notifications_mark_read,
    )

    signed_in(practitioner)
    assert 'data-testid="unread-count"' not in _header(client)
    notification_create(recipient=practitioner, text="One.")
    notification_create(recipient=practitioner, text="Two.")
    assert 'data-testid="unread-count">2<' in _header(client)
    notifications_mark_read(recipient=practitioner)
    assert 'data-testid="unread-count"' not in _header(client)


def test_the_header_asks_the_same_few_queries_whoever_signs_in(
    client, signed_in, practitioner, training_editor, org_admin, site_admin
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for person in (practitioner, training_editor, org_admin, site_admin):
        signed_in(person)
        client.get(reverse("accessibility"))
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("accessibility"))
        counts[person.email] = len(captured)
    # Session, user, authenticator (and, without one, whether the
    # organisation asks for it), the header's one query, the session's save,
    # and the transactions around them.
    assert max(counts.values()) <= 10, counts


def test_a_request_carries_the_person_not_a_lazy_wrapper(
    client, signed_in, practitioner
):
    from django.contrib.auth.models import AnonymousUser
    from django.utils.functional import SimpleLazyObject

    response = client.get(reverse("accessibility"))
    assert isinstance(response.wsgi_request.user, AnonymousUser)
    signed_in(practitioner)
    user = client.get(reverse("home")).wsgi_request.user
    assert not isinstance(user, SimpleLazyObject)
    assert user.pk == practitioner.pk
