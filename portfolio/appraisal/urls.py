from django.urls import path

from portfolio.appraisal import views

app_name = "appraisal"

urlpatterns = [
    path("appraisals/", views.appraisal_list, name="list"),
    path("appraisals/start/", views.appraisal_start, name="start"),
    path("appraisals/<int:pk>/", views.appraisal_detail, name="detail"),
    # One URL per thing a person does to an appraisal; each only takes a POST.
    path("appraisals/<int:pk>/assessment/", views.assessment_save, name="assessment"),
    path(
        "appraisals/<int:pk>/feedback/", views.feedback_record, name="feedback_record"
    ),
    path(
        "appraisals/<int:pk>/feedback-link/",
        views.feedback_link_create,
        name="feedback_link",
    ),
    path("appraisals/<int:pk>/finish-step/", views.step_finish, name="finish_step"),
    path("appraisals/<int:pk>/meeting/", views.meeting_save, name="meeting"),
    path("appraisals/<int:pk>/sign/", views.sign, name="sign"),
    path("appraisals/<int:pk>/addenda/", views.addendum_add, name="addendum"),
    path("feedback/<str:token>/", views.feedback, name="feedback"),
    path(
        "appraisals/objectives/<int:pk>/evidence/",
        views.objective_evidence,
        name="objective_evidence",
    ),
]
