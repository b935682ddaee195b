"""The people-facing screens of the API: an organisation admin registers a
system or an app (its client id shown, its secret shown once) and removes
one; a person (and their admin) sees and revokes tokens.

Views parse input, ask the policy, call one service or selector and respond.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from api.forms import ClientForm
from api.policies import api_client_policy
from api.selectors import api_client_get, api_client_list, token_get, token_list_for
from api.services import access_token_revoke, api_client_register, api_client_remove


def _require(allowed: bool) -> None:
    if not allowed:
        raise Http404


@login_required
@require_http_methods(["GET"])
def client_list(request):
    _require(api_client_policy().user_has_permission(request.user, "view"))
    return render(
        request,
        "api/client_list.html",
        {"clients": api_client_list(fetched_by=request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def client_register(request):
    _require(
        api_client_policy().user_has_permission(request.user, "add")
        and request.user.organisation_id is not None
    )
    form = ClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            client, secret = api_client_register(
                registered_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            # The secret is stored as a hash: this page is the only place it
            # is ever shown.
            response = render(
                request,
                "api/client_registered.html",
                {"client": client, "secret": secret},
            )
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "api/client_register.html", {"form": form})


@login_required
@require_POST
def client_remove(request, pk: int):
    client = api_client_get(fetched_by=request.user, pk=pk, action="delete")
    _require(client is not None)
    api_client_remove(removed_by=request.user, client=client)
    messages.success(
        request, _("%(name)s can no longer use the API.") % {"name": client}
    )
    return redirect("api_pages:client_list")


@login_required
@require_http_methods(["GET"])
def token_list(request):
    return render(
        request,
        "api/token_list.html",
        {"tokens": token_list_for(fetched_by=request.user)},
    )


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = token_get(fetched_by=request.user, pk=pk)
    _require(token is not None)
    access_token_revoke(revoked_by=request.user, token=token)
    messages.success(request, _("The token has been revoked."))
    return redirect("api_pages:token_list")
