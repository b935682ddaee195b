from django.urls import path

from capabilities import views

app_name = "capabilities"

urlpatterns = [
    path("frameworks/", views.framework_index, name="framework_index"),
    path(
        "frameworks/<slug:family>/<str:version>/",
        views.framework_detail,
        name="framework_detail",
    ),
]
