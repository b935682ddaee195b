"""Peer reflection confirmed by the named peer through a single-use link, and
what the readiness card makes of it."""

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from portfolio.evidence.selectors import registration_readiness
from portfolio.supervision.models import PeerConfirmationLink
from portfolio.supervision.services import (
    NO_PEER_REFLECTION,
    PEER_LINK_INVALID,
    peer_confirmation_ask,
    peer_confirmation_confirm,
    peer_confirmation_get,
)
from tests.auth import sign_in
from tests.factories.portfolio import EntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def complete_entry(practitioner):
    return EntryFactory(
        owner=practitioner,
        state="complete",
        title="Discussing risk with a colleague",
        activity_date=timezone.localdate(),
    )


def test_the_peer_confirms_once_and_the_entry_counts_as_confirmed(complete_entry):
    token = peer_confirmation_ask(
        owner=complete_entry.owner, entry=complete_entry, peer_name="Jo Bloggs"
    )
    assert peer_confirmation_get(token=token).peer_name == "Jo Bloggs"
    # Only the hash is kept.
    assert not PeerConfirmationLink.objects.filter(token_hash=token).exists()
    peer_confirmation_confirm(token=token)
    complete_entry.refresh_from_db()
    assert complete_entry.peer_confirmed_at is not None
    assert peer_confirmation_get(token=token) is None
    with pytest.raises(ValidationError) as error:
        peer_confirmation_confirm(token=token)
    assert error.value.messages == [PEER_LINK_INVALID]


def test_an_expired_link_cannot_confirm(complete_entry):
    token = peer_confirmation_ask(
        owner=complete_entry.owner, entry=complete_entry, peer_name="Jo"
    )
    PeerConfirmationLink.objects.update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError):
        peer_confirmation_confirm(token=token)


def test_only_the_owner_asks_and_only_with_a_peer_reflection(
    complete_entry, supervisor, supervision
):
    complete_entry.shared_with_supervisors = True
    complete_entry.save()
    with pytest.raises(PermissionDenied):
        peer_confirmation_ask(owner=supervisor, entry=complete_entry, peer_name="Jo")
    complete_entry.peer_reflection = ""
    complete_entry.save()
    with pytest.raises(ValidationError) as error:
        peer_confirmation_ask(
            owner=complete_entry.owner, entry=complete_entry, peer_name="Jo"
        )
    assert error.value.message_dict["peer_name"] == [NO_PEER_REFLECTION]


def test_the_link_shows_only_the_title_and_date(client, complete_entry):
    sign_in(client, complete_entry.owner)
    response = client.post(
        reverse("supervision:peer_ask", kwargs={"pk": complete_entry.pk}),
        {"peer_name": "Jo Bloggs"},
        follow=True,
    )
    url = re.search(r"https?://\S+/peer-confirmation/\S+?/", response.content.decode())
    path = url.group(0).split("testserver", 1)[1]
    client.logout()
    page = client.get(path).content.decode()
    assert complete_entry.title in page
    for private in (
        complete_entry.learning,
        complete_entry.peer_reflection,
        complete_entry.owner.email,
        complete_entry.owner.last_name,
    ):
        assert private not in page
    assert client.post(path, {}).status_code == 400  # the box must be ticked
    assert "peer-thanks" in client.post(path, {"confirmed": "on"}).content.decode()
    assert client.get(path).status_code == 404


def test_the_readiness_card_counts_confirmed_peer_reflection_and_the_two_pieces(
    practitioner,
):
    today = timezone.localdate()
    # Different learning, or the second would count as a duplicate.
    first = EntryFactory(
        owner=practitioner,
        state="complete",
        title="Court skills",
        activity_date=today,
        learning="Giving evidence calmly.",
    )
    second = EntryFactory(
        owner=practitioner,
        state="complete",
        title="Reading on neglect",
        activity_date=today,
        learning="Neglect builds up over time.",
    )
    readiness = registration_readiness(user=practitioner, today=today)
    assert readiness.peer_confirmed == []
    assert readiness.pieces_to_submit[0] == first
    peer_confirmation_confirm(
        token=peer_confirmation_ask(owner=practitioner, entry=second, peer_name="Al")
    )
    # The practitioner's next page loads them afresh, with the portfolio
    # version the peer's confirmation raised (portfolio.evidence.freshness).
    practitioner.refresh_from_db()
    readiness = registration_readiness(user=practitioner, today=today)
    assert [entry.pk for entry in readiness.peer_confirmed] == [second.pk]
    # The confirmed peer reflection is offered first.
    assert [entry.pk for entry in readiness.pieces_to_submit] == [second.pk, first.pk]


def test_nothing_to_submit_until_the_year_is_met(practitioner):
    EntryFactory(
        owner=practitioner, state="complete", activity_date=timezone.localdate()
    )
    readiness = registration_readiness(user=practitioner, today=timezone.localdate())
    assert readiness.pieces_to_submit == []
