"""Reading frameworks: every signed-in person may browse them."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from capabilities.selectors import framework_browse, framework_get, framework_list


@require_GET
@login_required
def framework_index(request):
    frameworks = framework_list(fetched_by=request.user).order_by(
        "-is_active", "family", "-version"
    )
    return render(
        request, "capabilities/framework_index.html", {"frameworks": frameworks}
    )


@require_GET
@login_required
def framework_detail(request, family: str, version: str):
    framework = framework_get(fetched_by=request.user, family=family, version=version)
    if framework is None:
        raise Http404
    level = None
    if request.GET.get("level"):
        level = framework.levels.filter(code=request.GET["level"]).first()
    view = framework_browse(framework=framework, level=level)
    return render(
        request,
        "capabilities/framework_detail.html",
        {"view": view, "framework": framework, "selected_level": level},
    )
