from django.urls import path

from learning import views

app_name = "learning"

# Under /learning/pages/: the rest of /learning/ is Wagtail's page tree.
urlpatterns = [
    path("<int:page_id>/record-as-cpd/", views.record_as_cpd, name="record_as_cpd"),
    path("<int:page_id>/read/", views.mark_read, name="mark_read"),
    path("<int:page_id>/attendance/", views.attendance, name="attendance"),
]
