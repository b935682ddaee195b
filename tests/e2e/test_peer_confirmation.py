"""Peer reflection confirmed by the named peer in Chromium: the owner makes
the link, the peer (signed out) sees only the title and date and confirms,
and the readiness card counts it; axe-core on every page."""

import re

from django.utils import timezone

import pytest

from tests.e2e.conftest import assert_accessible
from tests.e2e.test_sign_in_journeys import sign_in_through_pages
from tests.factories.portfolio import EntryFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_peer_confirms_a_reflection_through_the_link(
    browser, live_server, practitioner
):
    today = timezone.localdate()
    entry = EntryFactory(
        owner=practitioner,
        state="complete",
        title="Talking through a risk decision",
        activity_date=today,
    )
    EntryFactory(
        owner=practitioner,
        state="complete",
        title="Reading on neglect",
        learning="Neglect builds up over time.",
        activity_date=today,
    )
    contexts = [
        browser.new_context(base_url=live_server.url, bypass_csp=True) for _ in range(2)
    ]
    try:
        owner, peer = (context.new_page() for context in contexts)
        sign_in_through_pages(owner, practitioner)
        owner.goto(f"/portfolio/entries/{entry.pk}/")
        owner.get_by_label("The name of the colleague you reflected with").fill(
            "Jo Bloggs"
        )
        owner.get_by_role("button", name="Make a confirmation link").click()
        assert_accessible(owner)
        link = re.search(
            r"https?://\S+/peer-confirmation/\S+?/", owner.content()
        ).group(0)

        peer.goto(link)
        assert "Talking through a risk decision" in peer.content()
        assert entry.learning not in peer.content()
        assert_accessible(peer)
        peer.get_by_role("button", name="Confirm").click()
        assert_accessible(peer)  # the error summary
        peer.get_by_label("I confirm we discussed").check()
        peer.get_by_role("button", name="Confirm").click()
        peer.get_by_test_id("peer-thanks").wait_for()
        assert_accessible(peer)

        owner.goto("/portfolio/")
        assert owner.get_by_test_id("readiness-peer-confirmed").inner_text() == "1"
        owner.get_by_text("If Social Work England selects you").click()
        assert "Ready to submit" in owner.get_by_test_id("ready-to-submit").inner_text()
        assert_accessible(owner)
    finally:
        for context in contexts:
            context.close()
