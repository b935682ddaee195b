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
