"""Account management for organisation admins, and accepting an invitation.

Views parse input, ask the policy, call one service or selector and respond.
"""

import csv
from urllib.parse import urljoin

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capabilities.selectors import framework_family_choices
from portfolio.people.forms import (
    AuditFilterForm,
    InvitationForm,
    OrganisationSecurityForm,
    SetPasswordForm,
)
from portfolio.people.selectors import (
    audit_action_choices,
    audit_event_list,
    audit_policy,
    organisation_policy,
    people_policy,
    staff_member_get,
    staff_member_list,
    supervisees_needing_supervisor,
    team_list_for_organisation,
)
from portfolio.people.services import (
    invitation_accept as accept_invitation,
)
from portfolio.people.services import (
    invitation_get_valid,
    organisation_update_security,
    staff_member_invite,
    staff_member_set_active,
)


def _require(allowed: bool) -> None:
    # A page someone may not use is reported as missing, exactly like a page
    # that does not exist, so probing reveals nothing.
    if not allowed:
        raise Http404


@login_required
@require_http_methods(["GET"])
def people_list(request):
    _require(people_policy().user_has_permission(request.user, "change"))
    people = staff_member_list(fetched_by=request.user).order_by(
        "last_name", "first_name"
    )
    organisation = request.user.organisation
    links = {
        "audit": audit_policy().user_has_permission(request.user, "view"),
        "sign_in": organisation is not None
        and organisation_policy().user_has_permission_for_instance(
            request.user, "change", organisation
        ),
    }
    return render(
        request,
        "portfolio/people/people_list.html",
        {
            "people": people,
            "links": links,
            "needing_supervisor": supervisees_needing_supervisor(
                organisation=organisation
            ),
        },
    )


@login_required
@require_http_methods(["GET"])
def person_detail(request, pk: int):
    person = staff_member_get(fetched_by=request.user, pk=pk)
    _require(person is not None)
    can_deactivate = people_policy().user_has_permission_for_instance(
        request.user, "deactivate", person
    )
    return render(
        request,
        "portfolio/people/person_detail.html",
        {"person": person, "can_deactivate": can_deactivate},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_invite(request):
    _require(people_policy().user_has_permission(request.user, "add"))
    teams = team_list_for_organisation(organisation=request.user.organisation)
    form = InvitationForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        try:
            person = staff_member_invite(
                invited_by=request.user,
                email=form.cleaned_data["email"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                roles=form.cleaned_data["roles"],
                team=form.cleaned_data["team"],
                # Not from the request's Host header: a forged Host must not
                # put someone else's address into the invitation.
                accept_url_builder=lambda path: urljoin(
                    settings.WAGTAILADMIN_BASE_URL, path
                ),
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("We have sent an invitation to %(email)s.") % {"email": person.email},
            )
            return redirect("portfolio:people_list")
    return render(request, "portfolio/people/person_invite.html", {"form": form})


@login_required
@require_POST
def person_set_active(request, pk: int, active: bool):
    person = staff_member_get(fetched_by=request.user, pk=pk)
    _require(person is not None)
    try:
        staff_member_set_active(changed_by=request.user, member=person, active=active)
    except PermissionDenied as error:
        raise Http404 from error
    if active:
        message = _("%(name)s can sign in again.")
    else:
        message = _("%(name)s can no longer sign in.")
    messages.success(request, message % {"name": person})
    return redirect("portfolio:person_detail", pk=person.pk)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_settings(request):
    organisation = request.user.organisation
    _require(
        organisation is not None
        and organisation_policy().user_has_permission_for_instance(
            request.user, "change", organisation
        )
    )
    form = OrganisationSecurityForm(
        request.POST or None,
        instance=organisation,
        framework_choices=framework_family_choices(),
    )
    if request.method == "POST" and form.is_valid():
        # The form only parses; the service decides and writes.
        organisation.refresh_from_db()
        organisation_update_security(
            changed_by=request.user, organisation=organisation, **form.cleaned_data
        )
        messages.success(request, _("Your organisation's settings have been saved."))
        return redirect("portfolio:organisation_settings")
    return render(
        request,
        "portfolio/people/organisation_settings.html",
        {"form": form, "organisation": organisation},
    )


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    invitation = invitation_get_valid(token=token)
    if invitation is None:
        return render(request, "portfolio/people/invitation_invalid.html", status=404)
    form = SetPasswordForm(request.POST or None, user=invitation.user)
    if request.method == "POST" and form.is_valid():
        try:
            accept_invitation(token=token, password=form.cleaned_data["password1"])
        except ValidationError:
            return render(
                request, "portfolio/people/invitation_invalid.html", status=404
            )
        messages.success(
            request, _("Your password is set. Sign in to start using the portal.")
        )
        return redirect("account_login")
    return render(
        request,
        "portfolio/people/invitation_accept.html",
        {"form": form, "invited": invitation.user},
    )


def _add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


AUDIT_CSV_HEADER = (
    "When",
    "Organisation",
    "Done by",
    "What happened",
    "About",
    "What",
    "Before",
    "After",
)


@login_required
@require_http_methods(["GET"])
def audit_log(request):
    """The audit log: an organisation admin's organisation, everything for a
    site admin. Read only; ``?download=csv`` gives the filtered rows as CSV."""
    _require(audit_policy().user_has_permission(request.user, "view"))
    form = AuditFilterForm(
        request.GET or None, actions=audit_action_choices(fetched_by=request.user)
    )
    filters = form.cleaned_data if form.is_valid() else {}
    rows = audit_event_list(
        fetched_by=request.user,
        action=filters.get("action") or "",
        person=filters.get("person") or "",
        days=filters.get("days"),
    )
    if request.GET.get("download") == "csv":
        return _audit_csv(rows)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portfolio/people/audit_log.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "all_organisations": request.user.is_superuser,
        },
    )


def _audit_csv(rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    writer = csv.writer(response)
    writer.writerow(AUDIT_CSV_HEADER)
    for row in rows.iterator():
        writer.writerow(
            [
                _csv_safe(value)
                for value in (
                    row.at.isoformat(),
                    str(row.organisation or ""),
                    row.actor_label,
                    row.action,
                    str(row.subject or ""),
                    row.target_label,
                    row.before,
                    row.after,
                )
            ]
        )
    return response


def _csv_safe(value) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
