"""Who may reach every URL of the portal: one declarative table.

Every named URL pattern in the URLconf must appear here (or under a delegated
prefix whose owner enforces access and is probed separately). A new URL fails
``tests/portal/test_url_access.py`` until its rule is written down.

Outcomes: OK (the page or action works), LOGIN (sent to sign in), HIDDEN (404,
the same answer as for something that does not exist), REDIRECT (always
rerouted elsewhere).
"""

from dataclasses import dataclass, field

OK, LOGIN, HIDDEN, REDIRECT = "ok", "login", "hidden", "redirect"
#: 401: a SCIM endpoint without the organisation's bearer token (a session,
#: whoever's, is not a credential there).
UNAUTHORISED = "unauthorised"

ROLES = (
    "anonymous",
    "practitioner",
    "supervisor",
    "other_team_supervisor",
    "training_editor",
    "org_admin",
    "other_org_admin",
    "site_admin",
    "deactivated",
    "leaver_in_grace",
)
#: A deactivated person within their organisation's grace period is signed in
#: but kept to the leaving pages (portal.middleware.LeaverAreaMiddleware).
SIGNED_IN = frozenset(ROLES) - {"anonymous", "deactivated", "leaver_in_grace"}


@dataclass(frozen=True)
class Rule:
    #: roles that get OK; everyone else signed in gets ``others``.
    allowed: frozenset
    method: str = "get"
    #: what a signed-in role outside ``allowed`` gets
    others: str = HIDDEN
    #: what anonymous (and deactivated) people get
    anonymous: str = LOGIN
    #: builds the URL kwargs from the fixtures: {kwarg: fixture-name.attribute}
    kwargs: dict = field(default_factory=dict)
    #: fixed kwargs (e.g. an invalid token)
    fixed_kwargs: dict = field(default_factory=dict)
    #: fixtures to set up first (e.g. the shipped frameworks)
    needs: tuple = ()
    #: what a leaver within their grace period gets: every page but the
    #: leaving ones (and the public ones) is a 404 for them
    leaver: str = HIDDEN
    #: request headers, as a browser would send (SAML needs the Host header)
    headers: dict = field(default_factory=dict)

    def expected(self, role: str) -> str:
        if role == "leaver_in_grace":
            return self.leaver
        if role in ("anonymous", "deactivated"):
            return self.anonymous
        return OK if role in self.allowed else self.others


PUBLIC = Rule(allowed=frozenset(ROLES), anonymous=OK, leaver=OK)
#: The practitioner who owns the entry (fixtures `entry`, `attachment`).
OWNER = frozenset({"practitioner"})
#: Pages about one's own organisation: every organisation admin has them.
ORG_ADMINS = frozenset({"org_admin", "other_org_admin", "site_admin"})
#: A person in the first organisation: only its admins (and site admins) see them.
THEIR_ADMINS = frozenset({"org_admin", "site_admin"})

ACCESS = {
    # A leaver in their grace period is sent on to the leaving page.
    "home": Rule(allowed=SIGNED_IN, leaver=REDIRECT),
    "accessibility": PUBLIC,
    "health_live": PUBLIC,
    "health_ready": PUBLIC,
    "privacy": PUBLIC,
    # Leaving: only a leaver within their grace period; a 404 for everyone
    # else signed in (an active person exports from the exports page).
    "portfolio:leaver_home": Rule(allowed=frozenset(), leaver=OK),
    # The emailed link shows its button to anyone; a made-up token is a 404.
    "portfolio:leaver_link": Rule(
        allowed=frozenset(),
        anonymous=HIDDEN,
        leaver=HIDDEN,
        fixed_kwargs={"token": "not-a-token"},
    ),
    "portfolio:leaver_download": Rule(
        allowed=frozenset(), leaver=OK, kwargs={"pk": "leaver_export.pk"}
    ),
    # Importing a portable portfolio: anyone signed in, into their own; an
    # upload is its uploader's alone.
    "portfolio:portable_import": Rule(allowed=SIGNED_IN),
    "portfolio:portable_import_detail": Rule(
        allowed=OWNER, kwargs={"pk": "portable_import.pk"}
    ),
    # Subject access: the organisation's admins (a site admin belongs to no
    # organisation); the answer only to the admins of the person's own.
    "portfolio:subject_access": Rule(
        allowed=frozenset({"org_admin", "other_org_admin"})
    ),
    "portfolio:subject_access_download": Rule(
        allowed=frozenset({"org_admin"}), kwargs={"pk": "subject_access.pk"}
    ),
    # A person's data (legal holds, erasure): their organisation's admins.
    "portfolio:privacy_settings": Rule(
        allowed=frozenset({"org_admin", "other_org_admin"})
    ),
    "portfolio:person_personal_data": Rule(
        allowed=frozenset({"org_admin"}), kwargs={"pk": "practitioner.pk"}
    ),
    "portfolio:legal_hold_place": Rule(
        allowed=frozenset({"org_admin"}),
        method="post",
        kwargs={"pk": "practitioner.pk"},
    ),
    "portfolio:legal_hold_lift": Rule(
        allowed=frozenset({"org_admin"}),
        method="post",
        kwargs={"pk": "legal_hold.pk"},
    ),
    "portfolio:erasure_request": Rule(
        allowed=frozenset({"org_admin"}),
        method="post",
        kwargs={"pk": "practitioner.pk"},
    ),
    # Approving needs an admin of the person's organisation (or a site
    # admin); the one who asked (here the site admin) reaches it and is told a
    # second admin must approve; everyone else gets a 404.
    "portfolio:erasure_approve": Rule(
        allowed=frozenset({"org_admin", "site_admin"}),
        method="post",
        kwargs={"pk": "erasure_asked.pk"},
    ),
    "portfolio:people_list": Rule(allowed=ORG_ADMINS),
    "portfolio:person_invite": Rule(allowed=ORG_ADMINS),
    "portfolio:person_detail": Rule(
        allowed=THEIR_ADMINS, kwargs={"pk": "practitioner.pk"}
    ),
    "portfolio:person_deactivate": Rule(
        allowed=THEIR_ADMINS, method="post", kwargs={"pk": "practitioner.pk"}
    ),
    "portfolio:person_reactivate": Rule(
        allowed=THEIR_ADMINS, method="post", kwargs={"pk": "practitioner.pk"}
    ),
    # A site admin belongs to no organisation, so has no settings page here.
    "portfolio:organisation_settings": Rule(
        allowed=frozenset({"org_admin", "other_org_admin"})
    ),
    # Anyone holding a valid token may use it; an invalid one is a 404 for all.
    "portfolio:invitation_accept": Rule(
        allowed=frozenset(),
        anonymous=HIDDEN,
        fixed_kwargs={"token": "not-a-real-token"},
    ),
    # Wagtail's own login is always sent to allauth's.
    # The portfolio: every signed-in person has their own; another person's
    # entry or file is a 404 for everyone else (supervisors come with #5).
    "portfolio:dashboard": Rule(allowed=SIGNED_IN),
    "portfolio:career_levels": Rule(allowed=SIGNED_IN, method="post"),
    "portfolio:entry_list": Rule(allowed=SIGNED_IN),
    "portfolio:entry_create": Rule(allowed=SIGNED_IN),
    "portfolio:entry_autosave_new": Rule(allowed=SIGNED_IN, method="post"),
    "portfolio:session_keepalive": Rule(allowed=SIGNED_IN, method="post"),
    "portfolio:export_list": Rule(allowed=SIGNED_IN),
    "portfolio:export_download": Rule(allowed=OWNER, kwargs={"pk": "export.pk"}),
    # Each person's own exports only (the list is empty for anyone else's).
    "portfolio:export_status": Rule(allowed=SIGNED_IN),
    **{
        name: Rule(allowed=OWNER, method=method, kwargs={"pk": "entry.pk"})
        for name, method in (
            ("portfolio:entry_detail", "get"),
            ("portfolio:entry_edit", "get"),
            ("portfolio:entry_autosave", "post"),
            ("portfolio:entry_delete", "get"),
            ("portfolio:entry_swe", "get"),
            ("portfolio:attachment_upload", "post"),
        )
    },
    **{
        name: Rule(allowed=OWNER, method=method, kwargs={"pk": "attachment.pk"})
        for name, method in (
            ("portfolio:attachment_download", "get"),
            ("portfolio:attachment_delete", "post"),
        )
    },
    # Supervision: the practitioner's current supervisor (fixture `supervision`)
    # sees what is shared with them; a supervisor of another team sees nothing.
    "supervision:home": Rule(allowed=SIGNED_IN),
    "supervision:queue": Rule(allowed=SIGNED_IN),
    "supervision:entry_review": Rule(
        allowed=frozenset({"supervisor"}), kwargs={"pk": "shared_entry.pk"}
    ),
    "supervision:supervisee": Rule(
        allowed=frozenset({"supervisor"}), kwargs={"pk": "supervision.pk"}
    ),
    # Sharing the owner's entry: one POST-only URL per action.
    **{
        f"supervision:{name}": Rule(
            allowed=OWNER, method="post", kwargs={"pk": "entry.pk"}
        )
        for name in ("share", "unshare", "request_review")
    },
    "supervision:mine": Rule(allowed=SIGNED_IN),
    # Asking the named peer: the owner's; the peer's link needs no login and
    # an invalid token is a 404 for everyone.
    "supervision:peer_ask": Rule(
        allowed=OWNER, method="post", kwargs={"pk": "entry.pk"}
    ),
    "supervision:peer_confirm": Rule(
        allowed=frozenset(), anonymous=HIDDEN, fixed_kwargs={"token": "not-a-token"}
    ),
    "supervision:session_entry": Rule(
        allowed=frozenset({"practitioner", "supervisor"}),
        method="post",
        kwargs={"pk": "supervision_session.pk"},
    ),
    "supervision:who_viewed": Rule(allowed=SIGNED_IN),
    "supervision:relationships": Rule(
        allowed=frozenset({"org_admin", "other_org_admin"})
    ),
    # The principal social worker's policy: each organisation admin their own.
    "supervision:frequency_policy": Rule(
        allowed=frozenset({"org_admin", "other_org_admin"})
    ),
    "supervision:relationship_end": Rule(
        allowed=frozenset({"org_admin"}),
        method="post",
        kwargs={"pk": "supervision.pk"},
    ),
    # Career path: each person's own page; requests reach their supervisor
    # (to recommend) and their organisation's admins (to decide).
    "career:mine": Rule(allowed=SIGNED_IN),
    "career:withdraw": Rule(
        allowed=OWNER, method="post", kwargs={"pk": "level_request.pk"}
    ),
    "career:requests": Rule(allowed=SIGNED_IN),
    "career:recommend": Rule(
        allowed=frozenset({"supervisor"}), kwargs={"pk": "level_request.pk"}
    ),
    "career:decide": Rule(
        allowed=frozenset({"org_admin", "site_admin"}),
        kwargs={"pk": "recommended_request.pk"},
    ),
    # The assessed year (#19): the NQSW's own page; the organisation's admins
    # assign years and read the cohort; the assessor (fixture `supervisor`)
    # records the plan, reviews and recommendation; the panel (the
    # organisation admin in fixture `asye_year_at_panel`) decides.
    "asye:mine": Rule(allowed=SIGNED_IN),
    "asye:home": Rule(allowed=SIGNED_IN),
    "asye:cohort": Rule(allowed=ORG_ADMINS),
    "asye:assign": Rule(allowed=ORG_ADMINS, method="post"),
    "asye:panel_member": Rule(allowed=ORG_ADMINS, method="post"),
    "asye:year": Rule(
        allowed=frozenset({"practitioner", "supervisor"}) | THEIR_ADMINS,
        kwargs={"pk": "asye_year.pk"},
    ),
    **{
        f"asye:{name}": Rule(
            allowed=frozenset({"supervisor"}),
            method="post",
            kwargs={"pk": "asye_year.pk"},
        )
        for name in ("support_plan", "review", "recommend")
    },
    "asye:panel": Rule(allowed=SIGNED_IN),
    "asye:panel_portfolio": Rule(
        allowed=frozenset({"org_admin"}), kwargs={"pk": "asye_year_at_panel.pk"}
    ),
    # Appraisals: the supervisee and their appraiser, nobody else. The feedback
    # link works for its token only; an invalid one is a 404 for everyone.
    "appraisal:list": Rule(allowed=SIGNED_IN),
    "appraisal:detail": Rule(
        allowed=frozenset({"practitioner", "supervisor"}), kwargs={"pk": "appraisal.pk"}
    ),
    # Starting one: anyone signed in reaches the form (and is told what is
    # missing); only a current supervisor's choice of supervisee is accepted.
    "appraisal:start": Rule(allowed=SIGNED_IN, method="post"),
    # One URL per action on the appraisal, POST only, for its two parties;
    # an empty POST is refused with the page shown again (400).
    **{
        f"appraisal:{name}": Rule(
            allowed=frozenset({"practitioner", "supervisor"}),
            method="post",
            kwargs={"pk": "appraisal.pk"},
        )
        for name in (
            "assessment",
            "feedback_record",
            "feedback_link",
            "finish_step",
            "meeting",
            "sign",
            "addendum",
        )
    },
    # Asks for the PDF (built in the background, downloaded by the requester
    # only from the exports page): a POST by either party.
    "portfolio:appraisal_pdf": Rule(
        allowed=frozenset({"practitioner", "supervisor"}),
        method="post",
        kwargs={"pk": "signed_appraisal.pk"},
    ),
    "appraisal:objective_evidence": Rule(
        allowed=OWNER, method="post", kwargs={"pk": "plan_objective.pk"}
    ),
    "appraisal:feedback": Rule(
        allowed=frozenset(), anonymous=HIDDEN, fixed_kwargs={"token": "not-a-token"}
    ),
    "notifications:list": Rule(allowed=SIGNED_IN),
    "notifications:mark_read": Rule(allowed=SIGNED_IN, method="post"),
    # GET (the link on the page) and POST both mark it read and redirect; the
    # POST is probed so the owner's redirect reads as OK.
    "notifications:open": Rule(
        allowed=OWNER, method="post", kwargs={"pk": "notification.pk"}
    ),
    "notifications:preferences": Rule(allowed=SIGNED_IN),
    # Needs no login: the signed token is the credential; a forged one is a 404.
    "notifications:unsubscribe": Rule(
        allowed=frozenset(), anonymous=HIDDEN, fixed_kwargs={"token": "not-a-token"}
    ),
    "capabilities:framework_index": Rule(allowed=SIGNED_IN),
    "capabilities:framework_detail": Rule(
        allowed=SIGNED_IN,
        fixed_kwargs={"family": "pcf", "version": "2018"},
        needs=("shipped_frameworks",),
    ),
    # Everyone signed in may search; what each finds is their own business
    # (tests/search/test_isolation.py).
    "search:search": Rule(allowed=SIGNED_IN),
    # Reports (#9): organisation admins (their own organisation's), and the
    # training team for training needs. Team managers are tested in
    # tests/portfolio/reports (no role here manages a team).
    "reports:index": Rule(
        allowed=frozenset({"org_admin", "other_org_admin", "training_editor"})
    ),
    **{
        f"reports:{key}{suffix}": Rule(
            allowed=frozenset({"org_admin", "other_org_admin"})
            | (
                {"training_editor"}
                if key in ("training-needs", "learning-content-use")
                else set()
            )
        )
        for key in (
            "cpd-readiness",
            "capability-coverage",
            "appraisals-supervision",
            "training-needs",
            "learning-content-use",
            "asye-cohort",
        )
        for suffix in ("", "-csv")
    },
    "reports:team_managers": Rule(allowed=frozenset({"org_admin", "other_org_admin"})),
    "reports:team_managers_edit": Rule(
        allowed=frozenset({"org_admin"}), kwargs={"pk": "team.pk"}
    ),
    "admin_login_reroute": Rule(allowed=frozenset(), others=LOGIN),
    "admin_password_reset_reroute": Rule(
        allowed=frozenset(), others=REDIRECT, anonymous=REDIRECT
    ),
    # Learning: anyone signed in may record a published page or mark it read;
    # recording attendance is the training team's (their organisation's staff).
    "learning:record_as_cpd": Rule(
        allowed=SIGNED_IN, method="post", kwargs={"page_id": "learning_page.pk"}
    ),
    "learning:mark_read": Rule(
        allowed=SIGNED_IN, method="post", kwargs={"page_id": "learning_page.pk"}
    ),
    "learning:attendance": Rule(
        allowed=frozenset({"training_editor"}),
        kwargs={"page_id": "training_event.pk"},
    ),
    # The API's screens: organisation admins register and remove their
    # organisation's systems and apps; everyone sees the tokens they may revoke.
    "api_pages:client_list": Rule(allowed=ORG_ADMINS),
    # A site admin belongs to no organisation, so registers nothing here.
    "api_pages:client_register": Rule(
        allowed=frozenset({"org_admin", "other_org_admin"})
    ),
    "api_pages:client_remove": Rule(
        allowed=THEIR_ADMINS, method="post", kwargs={"pk": "api_system.pk"}
    ),
    "api_pages:token_list": Rule(allowed=SIGNED_IN),
    "api_pages:token_revoke": Rule(
        allowed=frozenset({"practitioner", "org_admin", "site_admin"}),
        method="post",
        kwargs={"pk": "api_practitioner_token.pk"},
    ),
}

#: Single sign-on (allauth's openid_connect and saml providers, under
#: accounts/): the start and return of a sign-in are open to anyone, as they
#: must be (a return with no sign-in in progress is refused, 401); whoever
#: they sign in is decided by the adapter
#: (tests/portfolio/identity). Keyed to the organisations' IdPs.
SSO_OIDC = {"provider_id": "organisation.slug"}
SSO_SAML = {"organization_slug": "other_organisation.slug"}
BROWSER_HOST = {"host": "portal.example.org"}
ACCESS.update(
    {
        "openid_connect_login": Rule(
            allowed=frozenset(ROLES),
            anonymous=OK,
            kwargs=SSO_OIDC,
            needs=("identity_providers",),
        ),
        "openid_connect_callback": Rule(
            allowed=frozenset(),
            others=UNAUTHORISED,
            anonymous=UNAUTHORISED,
            kwargs=SSO_OIDC,
            needs=("identity_providers",),
        ),
        "saml_login": Rule(
            allowed=frozenset(ROLES),
            anonymous=OK,
            kwargs=SSO_SAML,
            headers=BROWSER_HOST,
            needs=("identity_providers",),
        ),
        "saml_metadata": Rule(
            allowed=frozenset(ROLES),
            anonymous=OK,
            kwargs=SSO_SAML,
            headers=BROWSER_HOST,
            needs=("identity_providers",),
        ),
        "saml_acs": Rule(
            allowed=frozenset(ROLES),
            anonymous=OK,
            method="post",
            kwargs=SSO_SAML,
            headers=BROWSER_HOST,
            needs=("identity_providers",),
        ),
        "saml_finish_acs": Rule(
            allowed=frozenset(),
            others=UNAUTHORISED,
            anonymous=UNAUTHORISED,
            kwargs=SSO_SAML,
            headers=BROWSER_HOST,
            needs=("identity_providers",),
        ),
        "saml_sls": Rule(
            allowed=frozenset(ROLES),
            anonymous=OK,
            kwargs=SSO_SAML,
            headers=BROWSER_HOST,
            needs=("identity_providers",),
        ),
        # The audit log: organisation admins (their own rows), site admins (all).
        "portfolio:audit_log": Rule(allowed=ORG_ADMINS),
        # A site admin belongs to no organisation, so configures none here.
        "portfolio:identity_settings": Rule(
            allowed=frozenset({"org_admin", "other_org_admin"})
        ),
        "portfolio:staff_upload": Rule(
            allowed=frozenset({"org_admin", "other_org_admin"})
        ),
        # Only the uploading organisation's admins (and site admins) see it.
        "portfolio:staff_import": Rule(
            allowed=THEIR_ADMINS, kwargs={"pk": "staff_import.pk"}
        ),
        "portfolio:scim_token_new": Rule(
            allowed=frozenset({"org_admin", "other_org_admin"}), method="post"
        ),
    }
)
#: SCIM: nobody with a session gets in; only an organisation's bearer token
#: (tests/portfolio/identity/test_scim.py probes the tokens and their scope).
ACCESS.update(
    {
        f"scim:{name}": Rule(
            allowed=frozenset(), others=UNAUTHORISED, anonymous=UNAUTHORISED
        )
        for name in (
            "root",
            "search",
            "users-search",
            "users",
            "groups-search",
            "groups",
            "me",
            "service-provider-config",
            "resource-types",
            "schemas",
            "bulk",
            "not-found",
        )
    }
)

#: URL prefixes whose views belong to a library that enforces access itself;
#: each has probes in the access test.
#: Our own URLs that sit under a delegated prefix are classified all the same.
OWN_NAMESPACES = ("learning:",)

DELEGATED_PREFIXES = {
    "accounts/": "django-allauth: sign-in pages public, account pages need a session",
    "admin/": "Wagtail admin: needs wagtailadmin.access_admin (probed below)",
    "learning/": "Wagtail page serving (published learning content)",
    "api/v1/": "The integration API: OAuth tokens, not sessions; every route x "
    "role x scope is in tests/access/api_table.py (tests/api/test_access.py)",
    "oauth/": "django-oauth-toolkit's token, authorise and revoke endpoints "
    "(tests/api/test_oauth.py)",
}
