from django.urls import path

from portfolio.evidence import views as evidence_views
from portfolio.exports import views as export_views
from portfolio.identity import views as identity_views
from portfolio.people import views as people_views
from portfolio.privacy import person_views as privacy_person_views
from portfolio.privacy import views as privacy_views

app_name = "portfolio"

urlpatterns = [
    path("portfolio/leaving/", privacy_views.leaver_home, name="leaver_home"),
    path(
        "portfolio/leaving/link/<str:token>/",
        privacy_views.leaver_link,
        name="leaver_link",
    ),
    path(
        "portfolio/leaving/<int:pk>/download/",
        privacy_views.leaver_download,
        name="leaver_download",
    ),
    path("portfolio/import/", privacy_views.portable_import, name="portable_import"),
    path(
        "portfolio/import/<int:pk>/",
        privacy_views.portable_import_detail,
        name="portable_import_detail",
    ),
    path(
        "organisation/subject-access/",
        privacy_views.subject_access,
        name="subject_access",
    ),
    path(
        "organisation/privacy/",
        privacy_person_views.privacy_settings_edit,
        name="privacy_settings",
    ),
    path(
        "organisation/people/<int:pk>/personal-data/",
        privacy_person_views.person_personal_data,
        name="person_personal_data",
    ),
    path(
        "organisation/people/<int:pk>/legal-hold/",
        privacy_person_views.legal_hold_add,
        name="legal_hold_place",
    ),
    path(
        "organisation/legal-holds/<int:pk>/lift/",
        privacy_person_views.legal_hold_remove,
        name="legal_hold_lift",
    ),
    path(
        "organisation/people/<int:pk>/erasure/",
        privacy_person_views.erasure_ask,
        name="erasure_request",
    ),
    path(
        "organisation/erasure/<int:pk>/approve/",
        privacy_person_views.erasure_approve_view,
        name="erasure_approve",
    ),
    path(
        "organisation/subject-access/<int:pk>/download/",
        privacy_views.subject_access_download,
        name="subject_access_download",
    ),
    path("organisation/audit/", people_views.audit_log, name="audit_log"),
    path(
        "organisation/sign-in/",
        identity_views.identity_settings,
        name="identity_settings",
    ),
    path(
        "organisation/sign-in/staff-upload/",
        identity_views.staff_upload,
        name="staff_upload",
    ),
    path(
        "organisation/sign-in/staff-upload/<int:pk>/",
        identity_views.staff_import,
        name="staff_import",
    ),
    path(
        "organisation/sign-in/scim-token/",
        identity_views.scim_token_new,
        name="scim_token_new",
    ),
    path("portfolio/", evidence_views.dashboard, name="dashboard"),
    path("portfolio/levels/", evidence_views.career_levels, name="career_levels"),
    path("portfolio/entries/", evidence_views.entries, name="entry_list"),
    path("portfolio/entries/new/", evidence_views.entry_edit, name="entry_create"),
    path(
        "portfolio/entries/autosave/",
        evidence_views.entry_autosave,
        name="entry_autosave_new",
    ),
    path(
        "portfolio/entries/<int:pk>/", evidence_views.entry_detail, name="entry_detail"
    ),
    path(
        "portfolio/entries/<int:pk>/edit/", evidence_views.entry_edit, name="entry_edit"
    ),
    path(
        "portfolio/entries/<int:pk>/autosave/",
        evidence_views.entry_autosave,
        name="entry_autosave",
    ),
    path(
        "portfolio/entries/<int:pk>/delete/",
        evidence_views.entry_remove,
        name="entry_delete",
    ),
    path(
        "portfolio/entries/<int:pk>/social-work-england/",
        evidence_views.entry_for_regulator,
        name="entry_swe",
    ),
    path(
        "portfolio/entries/<int:pk>/attachments/",
        evidence_views.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "portfolio/attachments/<int:pk>/",
        evidence_views.attachment_download,
        name="attachment_download",
    ),
    path(
        "portfolio/attachments/<int:pk>/delete/",
        evidence_views.attachment_remove,
        name="attachment_delete",
    ),
    path("portfolio/exports/", export_views.exports, name="export_list"),
    path(
        "portfolio/exports/status/",
        export_views.export_status,
        name="export_status",
    ),
    # Asked for from the appraisal's page; an export like the others.
    path("appraisals/<int:pk>/pdf/", export_views.appraisal_pdf, name="appraisal_pdf"),
    path(
        "portfolio/exports/<int:pk>/download/",
        export_views.export_download,
        name="export_download",
    ),
    path(
        "portfolio/session/keep-alive/",
        evidence_views.session_keepalive,
        name="session_keepalive",
    ),
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
