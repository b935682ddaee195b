"""The ASYE pages: forms through the views, errors named, and who sees what
(the URL access matrix covers every role on every URL)."""

from django.urls import reverse
from django.utils import timezone

import pytest

from portfolio.asye.models import AssessedYear, PanelMember, Programme
from tests.auth import sign_in

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate().isoformat()


def test_the_admin_starts_a_year_and_it_shows_in_the_cohort(
    client, org_admin, practitioner, supervisor
):
    sign_in(client, org_admin)
    response = client.post(
        reverse("asye:assign"),
        {
            "nqsw": practitioner.pk,
            "assessor": supervisor.pk,
            "programme": Programme.objects.get(code="asye").pk,
            "starts_on": TODAY,
        },
    )
    assert response.status_code == 302
    year = AssessedYear.objects.get(nqsw=practitioner)
    page = client.get(reverse("asye:cohort")).content.decode()
    assert reverse("asye:year", kwargs={"pk": year.pk}) in page


def test_a_missing_assessor_is_named_in_the_error_summary(client, org_admin):
    sign_in(client, org_admin)
    response = client.post(reverse("asye:assign"), {"starts_on": TODAY})
    assert response.status_code == 400
    assert 'href="#id_assessor"' in response.content.decode()


def test_the_admin_puts_someone_on_the_panel(client, org_admin, supervisor):
    sign_in(client, org_admin)
    client.post(reverse("asye:panel_member"), {"member": supervisor.pk})
    assert PanelMember.objects.filter(member=supervisor).exists()


def test_the_assessor_records_the_plan_and_a_review(client, asye_year, supervisor):
    sign_in(client, supervisor)
    client.post(
        reverse("asye:support_plan", kwargs={"pk": asye_year.pk}),
        {
            "workload_protection": "A protected caseload.",
            "supervision_rhythm": "Weekly, then fortnightly.",
            "learning_needs": "Report writing.",
            "agreed_on": TODAY,
        },
    )
    response = client.post(
        reverse("asye:review", kwargs={"pk": asye_year.pk}),
        {
            "month": "3",
            "held_on": TODAY,
            "nqsw_view": "Settling in.",
            "manager_view": "Good start.",
            "judgement": "Developing relationships well.",
            "progress": "on_track",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("asye:year", kwargs={"pk": asye_year.pk}))
    assert "Developing relationships well." in page.content.decode()
    assert asye_year.support_plan.learning_needs == "Report writing."


def test_the_nqsw_adds_to_the_log_and_sees_the_year(client, asye_year, practitioner):
    sign_in(client, practitioner)
    response = client.post(
        reverse("asye:mine"), {"written_on": TODAY, "text": "What I learnt today."}
    )
    assert response.status_code == 302
    page = client.get(reverse("asye:mine")).content.decode()
    assert "What I learnt today." in page
    assert "Overdue" in page  # the 3-month review, 120 days in
    career = client.get(reverse("career:mine")).content.decode()
    assert 'data-testid="asye-outcome"' in career


def test_the_panel_page_never_names_the_social_worker(
    client, asye_year_at_panel, org_admin, practitioner
):
    sign_in(client, org_admin)
    page = client.get(
        reverse("asye:panel_portfolio", kwargs={"pk": asye_year_at_panel.pk})
    ).content.decode()
    main = page[page.index("<main") :]
    assert f"Portfolio {asye_year_at_panel.pk:04d}" in main
    assert practitioner.get_full_name() not in main
    assert practitioner.email not in main


def test_the_assessor_is_told_what_the_year_is_judged_against(
    client, asye_year, supervisor, shipped_frameworks
):
    sign_in(client, supervisor)
    page = client.get(reverse("asye:year", kwargs={"pk": asye_year.pk}))
    judged = page.content.decode().split('data-testid="asye-judged-against"')[1]
    assert "not by counting pieces" in judged
    assert "Knowledge and skills statement: child and family practitioners" in judged


def test_the_navigation_offers_the_asye_to_those_with_a_part_in_it(
    client, asye_year, supervisor, other_practitioner
):
    sign_in(client, supervisor)
    page = client.get(reverse("asye:home")).content.decode()
    assert 'data-testid="nav-asye"' in page
    assert reverse("asye:year", kwargs={"pk": asye_year.pk}) in page
    sign_in(client, other_practitioner)
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="nav-asye"' not in page
