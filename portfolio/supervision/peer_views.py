"""Peer reflection confirmed by the named peer: the owner asks (signed in),
the peer confirms through a single-use link without a login. Apart from
views.py, which is already past the size where modules are split."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portfolio.evidence.selectors import entry_get
from portfolio.supervision.forms import PeerAskForm, PeerConfirmForm
from portfolio.supervision.services import (
    peer_confirmation_ask,
    peer_confirmation_confirm,
    peer_confirmation_get,
)


@require_POST
@login_required
def peer_ask(request, pk: int):
    """The owner makes a link for the colleague they reflected with."""
    entry = entry_get(fetched_by=request.user, pk=pk, action="share")
    if entry is None:
        raise Http404
    form = PeerAskForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("peer_name", []):
            messages.error(request, error)
        return redirect("portfolio:entry_detail", pk=entry.pk)
    try:
        token = peer_confirmation_ask(
            owner=request.user, entry=entry, peer_name=form.cleaned_data["peer_name"]
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("portfolio:entry_detail", pk=entry.pk)
    url = request.build_absolute_uri(reverse("supervision:peer_confirm", args=[token]))
    messages.success(
        request,
        _("Send this link to %(name)s. It works once, for 14 days: %(url)s")
        % {"name": form.cleaned_data["peer_name"], "url": url},
    )
    return redirect("portfolio:entry_detail", pk=entry.pk)


@require_http_methods(["GET", "POST"])
def peer_confirm(request, token: str):
    """The peer confirms the discussion. Shows only the entry's title and
    date: nothing of the reflection, nor whose portfolio it is."""
    link = peer_confirmation_get(token=token)
    if link is None:
        return render(request, "portfolio/supervision/peer_invalid.html", status=404)
    form = PeerConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            peer_confirmation_confirm(token=token)
        except ValidationError:
            return render(
                request, "portfolio/supervision/peer_invalid.html", status=404
            )
        return render(request, "portfolio/supervision/peer_thanks.html")
    return render(
        request,
        "portfolio/supervision/peer_confirm.html",
        {
            "title": link.entry.title,
            "activity_date": link.entry.activity_date,
            "form": form,
        },
        status=400 if form.errors else 200,
    )
