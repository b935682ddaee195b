from django.urls import path

from portfolio.appraisal import views

app_name = "appraisal"

urlpatterns = [
    path("appraisals/", views.appraisal_list, name="list"),
    path("appraisals/<int:pk>/", views.appraisal_detail, name="detail"),
    path("feedback/<str:token>/", views.feedback, name="feedback"),
    path(
        "appraisals/objectives/<int:pk>/evidence/",
        views.objective_evidence,
        name="objective_evidence",
    ),
]
