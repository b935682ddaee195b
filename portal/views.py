"""Site-wide pages: the role-aware home page, legal pages and error pages."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import get_template
from django.views.decorators.http import require_GET

from portal.home import home_for
from portfolio.privacy.selectors import privacy_notice_rows


@require_GET
@login_required
def home(request):
    return render(request, "portal/home.html", home_for(request))


@require_GET
def accessibility(request):
    return render(request, "portal/accessibility.html")


@require_GET
def privacy(request):
    return render(request, "portal/privacy.html", {"rows": privacy_notice_rows()})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request's context: whatever broke (the database, a
    # context processor) must not break the error page too.
    return HttpResponseServerError(get_template("500.html").render())
