from django.urls import path

from portfolio.supervision import peer_views, views

app_name = "supervision"

urlpatterns = [
    path("supervision/", views.supervisor_home, name="home"),
    path("supervision/queue/", views.queue, name="queue"),
    path("supervision/entries/<int:pk>/", views.entry_review, name="entry_review"),
    path(
        "supervision/supervisees/<int:pk>/", views.supervisee_detail, name="supervisee"
    ),
    path("portfolio/entries/<int:pk>/share/", views.share, name="share"),
    path("portfolio/entries/<int:pk>/unshare/", views.unshare, name="unshare"),
    path(
        "portfolio/entries/<int:pk>/review/",
        views.request_review,
        name="request_review",
    ),
    path(
        "portfolio/entries/<int:pk>/peer-confirmation/",
        peer_views.peer_ask,
        name="peer_ask",
    ),
    # No login: the token is the credential (like appraisal feedback links).
    path(
        "peer-confirmation/<str:token>/", peer_views.peer_confirm, name="peer_confirm"
    ),
    path("portfolio/supervision/", views.my_supervision, name="mine"),
    path(
        "portfolio/supervision/sessions/<int:pk>/entry/",
        views.session_as_entry,
        name="session_entry",
    ),
    path("portfolio/who-viewed/", views.who_viewed, name="who_viewed"),
    path("organisation/supervision/", views.relationships, name="relationships"),
    path(
        "organisation/supervision/policy/",
        views.frequency_policy_edit,
        name="frequency_policy",
    ),
    path(
        "organisation/supervision/<int:pk>/end/",
        views.relationship_end,
        name="relationship_end",
    ),
]
