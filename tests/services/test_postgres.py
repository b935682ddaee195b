from django.conf import settings
from django.db import connection

import pytest

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_the_suite_runs_on_postgresql_when_configured():
    assert connection.vendor == "postgresql"
    assert connection.pg_version >= 150000
    assert "django.contrib.postgres" in settings.INSTALLED_APPS


def test_email_addresses_are_unique_whatever_their_case_in_practice(org_admin):
    # The service lower-cases addresses; the database's unique index is the
    # last line of defence against two accounts for one person.
    from django.db import IntegrityError, transaction

    from tests.factories.portfolio import UserFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email=org_admin.email)
