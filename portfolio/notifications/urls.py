from django.urls import path

from portfolio.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notifications, name="list"),
    path("notifications/read/", views.mark_all_read, name="mark_read"),
]
