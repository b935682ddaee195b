from django.contrib.auth.views import redirect_to_login
from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from learning.models import Topic
from learning.page_views import content_view_count


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    list_display = ["name", "group"]
    list_filter = ["group"]
    search_fields = ["name"]


register_snippet(TopicViewSet)


@hooks.register("before_serve_page")
def require_sign_in(page, request, serve_args, serve_kwargs):
    """Learning content is for the organisation's staff: sign in first."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


# After Wagtail's own checks (privacy, sign-in): only a page actually served
# counts as viewed.
hooks.register("before_serve_page", content_view_count, order=100)


@hooks.register("insert_editor_js")
def insert_editor_js():
    """Names Wagtail's rich text boxes after their labels (wagtail#14205)."""
    return format_html(
        '<script src="{}"></script>', static("learning/admin/field_names.js")
    )


@hooks.register("insert_global_admin_css")
def insert_global_admin_css():
    """Success messages readable in the dark theme (WCAG contrast)."""
    return format_html(
        '<link rel="stylesheet" href="{}">', static("learning/admin/contrast.css")
    )
