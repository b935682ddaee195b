from django.urls import path

from portfolio.people import views as people_views

app_name = "portfolio"

urlpatterns = [
    path("organisation/people/", people_views.people_list, name="people_list"),
    path(
        "organisation/people/invite/", people_views.person_invite, name="person_invite"
    ),
    path(
        "organisation/people/<int:pk>/",
        people_views.person_detail,
        name="person_detail",
    ),
    path(
        "organisation/people/<int:pk>/deactivate/",
        people_views.person_set_active,
        {"active": False},
        name="person_deactivate",
    ),
    path(
        "organisation/people/<int:pk>/reactivate/",
        people_views.person_set_active,
        {"active": True},
        name="person_reactivate",
    ),
    path(
        "organisation/settings/",
        people_views.organisation_settings,
        name="organisation_settings",
    ),
    path(
        "invitation/<str:token>/",
        people_views.invitation_accept,
        name="invitation_accept",
    ),
]
