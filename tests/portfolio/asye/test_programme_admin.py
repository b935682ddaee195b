"""Site admins keep the programmes' shape in the Wagtail admin; nobody else
reaches it."""

from django.urls import reverse

import pytest

from portfolio.asye.models import Programme
from tests.auth import sign_in

pytestmark = pytest.mark.django_db


def test_a_site_admin_edits_the_ecdp_shape(client, site_admin):
    ecdp = Programme.objects.get(code="ecdp")
    sign_in(client, site_admin)
    url = reverse("programmes:edit", args=[ecdp.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": ecdp.name,
            "length_months": "24",
            "review_months": "[3, 6, 12, 18, 24]",
            "optional_review_months": "[]",
            "expected_evidence": '{"direct_observation": 4}',
            "judged_against": '["pcf@2018"]',
            "level_code": "asye",
            "starts_from": "2027-09-01",
            "note": "Two years, as published.",
            "confirmed": "on",
        },
    )
    assert response.status_code == 302
    ecdp.refresh_from_db()
    assert (ecdp.length_months, ecdp.final_review_month, ecdp.confirmed) == (
        24,
        24,
        True,
    )


def test_an_organisation_admin_cannot_edit_programmes(client, org_admin):
    sign_in(client, org_admin)
    response = client.get(reverse("programmes:index"))
    # Wagtail's own answer to a missing model permission: back to the dashboard.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
