"""A practitioner leaves: their account is deactivated, they sign in during
the grace period, can reach nothing but the leaving page, take their portable
portfolio (downloaded, and emailed to a personal address), and import it as a
new person at another organisation."""

import datetime

from django.core import mail
from django.utils import timezone

import pytest

from tests.e2e.conftest import assert_accessible
from tests.e2e.test_sign_in_journeys import sign_in_through_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def leaving_practitioner(practitioner, org_admin, shipped_frameworks):
    from capabilities.selectors import item_by_reference
    from portfolio.evidence.models import EntryMapping
    from portfolio.people.services import staff_member_set_active
    from tests.factories.portfolio import AttachmentFactory, EntryFactory

    entry = EntryFactory(
        owner=practitioner,
        state="complete",
        title="Court skills training",
        activity_date=timezone.localdate() - datetime.timedelta(days=40),
        completed_at=timezone.now(),
    )
    EntryMapping.objects.create(entry=entry, item=item_by_reference("pcf@2018:6"))
    AttachmentFactory(entry=entry)
    staff_member_set_active(changed_by=org_admin, member=practitioner, active=False)
    return practitioner


def test_a_leaver_takes_their_portfolio_and_imports_it_elsewhere(
    page, leaving_practitioner, tmp_path
):
    from tests.factories.portfolio import OrganisationFactory, UserFactory

    sign_in_through_pages(page, leaving_practitioner)
    page.get_by_test_id("leaver-form").wait_for()
    assert page.url.endswith("/portfolio/leaving/")
    assert_accessible(page)

    page.get_by_label("Personal email address (optional)").fill("nope")
    page.get_by_test_id("leaver-request").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)
    page.get_by_label("Personal email address (optional)").fill("sam@home.example")
    page.get_by_test_id("leaver-request").click()
    with page.expect_download() as downloading:
        page.get_by_test_id("leaver-download").first.click()
    saved = tmp_path / "portable.zip"
    downloading.value.save_as(saved)
    sent = [m for m in mail.outbox if m.to == ["sam@home.example"]]
    assert sent and sent[0].attachments[0][0].endswith(".zip")

    # Nothing else is open to them.
    response = page.goto("/portfolio/entries/")
    assert response.status == 404
    page.goto("/portfolio/leaving/")
    assert page.locator("nav a[data-testid^=nav-]").count() == 0
    page.get_by_test_id("sign-out").click()

    elsewhere = OrganisationFactory(name="Westfold County Council", slug="westfold")
    newcomer = UserFactory(organisation=elsewhere, email="sam.new@example.org")
    sign_in_through_pages(page, newcomer)
    page.goto("/portfolio/import/")
    assert_accessible(page)
    page.get_by_label("Portable portfolio (ZIP)").set_input_files(str(saved))
    page.get_by_test_id("import-upload").click()
    entries = page.get_by_test_id("import-entries")
    assert "Court skills training: will be added" in entries.inner_text()
    assert_accessible(page)
    page.get_by_test_id("import-confirm").click()
    assert page.get_by_test_id("import-status").inner_text() == "Imported"
    assert "1 entry imported." in page.get_by_test_id("import-summary").inner_text()
    page.goto("/portfolio/entries/")
    assert page.get_by_text("Court skills training").first.is_visible()


def test_the_personal_data_pages_are_accessible(page, org_admin, deactivated):
    page.goto("/privacy/")
    assert page.get_by_test_id("privacy-register").is_visible()
    assert_accessible(page)
    sign_in_through_pages(page, org_admin)
    page.goto("/organisation/subject-access/")
    page.get_by_test_id("sar-request").click()  # empty: the error summary
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)
    page.get_by_label("Who the request is about").select_option(str(deactivated.pk))
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("12")
    page.get_by_label("Year").fill("2026")
    page.get_by_test_id("sar-request").click()
    assert "3 January 2027" in page.get_by_test_id("sar-table").inner_text()
    assert_accessible(page)
    page.goto(f"/organisation/people/{deactivated.pk}/personal-data/")
    page.get_by_test_id("place-hold").wait_for()
    assert_accessible(page)
    page.goto("/organisation/privacy/")
    assert_accessible(page)
