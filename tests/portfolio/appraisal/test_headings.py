"""An appraisal's title, and headings that name whose record it is."""

import datetime

from django.urls import reverse

import pytest

from portfolio.appraisal.models import Appraisal

pytestmark = pytest.mark.django_db


def test_a_calendar_year_appraisal_is_named_by_its_year(appraisal):
    appraisal.period_start = datetime.date(2026, 1, 1)
    appraisal.period_end = datetime.date(2026, 12, 31)
    assert str(appraisal) == "Annual appraisal 2026"


def test_an_appraisal_across_two_years_names_both(appraisal):
    assert (appraisal.period_start.year, appraisal.period_end.year) == (2025, 2026)
    assert str(appraisal) == "Annual appraisal 2025–2026"


def test_the_supervisor_sees_the_supervisees_coverage_by_name(
    client, signed_in, supervisor, practitioner, appraisal
):
    Appraisal.objects.filter(pk=appraisal.pk).update(
        period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 12, 31)
    )
    signed_in(supervisor)
    html = client.get(reverse("appraisal:detail", args=[appraisal.pk])).content.decode()
    name = practitioner.get_full_name()
    assert f"{name}'s coverage of the PCF" in html
    assert "Your coverage of the PCF" not in html
    assert "Annual appraisal 2026<" in html
    assert "2026–2026" not in html


def test_the_practitioner_sees_their_own_coverage_as_theirs(
    client, signed_in, practitioner, shipped_frameworks
):
    signed_in(practitioner)
    html = client.get(reverse("portfolio:dashboard")).content.decode()
    assert "Your coverage of the PCF" in html


def test_the_supervisee_page_names_whose_coverage_it_is(
    client, signed_in, supervisor, practitioner, supervision
):
    signed_in(supervisor)
    html = client.get(
        reverse("supervision:supervisee", args=[supervision.pk])
    ).content.decode()
    assert f"{practitioner.get_full_name()}'s coverage of the PCF" in html
    assert "Your coverage of the PCF" not in html
