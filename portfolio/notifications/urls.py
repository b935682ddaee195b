from django.urls import path

from portfolio.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notifications, name="list"),
    path("notifications/read/", views.mark_all_read, name="mark_read"),
    path("notifications/<int:pk>/", views.notification_open, name="open"),
    path("notifications/emails/", views.preferences, name="preferences"),
    path(
        "notifications/unsubscribe/<str:token>/",
        views.unsubscribe,
        name="unsubscribe",
    ),
]
