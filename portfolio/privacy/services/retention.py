"""The daily retention run: for each leaver (deactivated, not under a legal
hold), what their organisation's rules say is due is erased, in batches, and
the run writes a report of what it did.

Two stages, from docs/privacy.md's defaults:
1. once the grace period has ended (the portable copy was offered from
   deactivation on): CPD entries, files, notifications, exports and the rest
   kept "until the portable copy was offered", "only until it expires" or
   "as long as the account exists";
2. once the longer of the organisation's appraisal/supervision and audit
   periods has passed: everything else, and the account is anonymised.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from portfolio.people.models import User
from portfolio.privacy.models import LegalHold, RetentionRun
from portfolio.privacy.register import Retention
from portfolio.privacy.selectors import privacy_settings
from portfolio.privacy.services.erasure import person_erase

FIRST_STAGE = frozenset({Retention.PORTFOLIO, Retention.TRANSIENT, Retention.ACCOUNT})
ERASED_DOMAIN = "@erased.invalid"
BATCH = 100


def _leavers():
    held = LegalHold.objects.filter(lifted_at__isnull=True).values("person")
    return (
        User.objects.filter(is_active=False, deactivated_at__isnull=False)
        .exclude(pk__in=held)
        .exclude(email__endswith=ERASED_DOMAIN)
        .select_related("organisation")
        .order_by("deactivated_at", "pk")
    )


def _holds_first_stage_data(person) -> bool:
    return (
        person.entries.exists()
        or person.exports.exists()
        or person.notifications.exists()
    )


def retention_run(*, now=None, batch: int = BATCH) -> RetentionRun:
    """Erase or anonymise what is due, ``batch`` people at most per stage,
    each person in their own transaction; record what was done."""
    now = now or timezone.now()
    run = RetentionRun.objects.create()
    report = {"portfolio_removed": [], "anonymised": [], "held": [], "errors": []}
    report["held"] = list(
        LegalHold.objects.filter(lifted_at__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    first, second = 0, 0
    for person in _leavers().iterator():
        settings = privacy_settings(organisation=person.organisation)
        gone_for = now - person.deactivated_at
        years = max(settings.keep_appraisals_years, settings.keep_audit_years)
        try:
            if gone_for > timedelta(days=365 * years) + timedelta(days=years // 4):
                if second >= batch:
                    continue
                removed = person_erase(person=person)
                report["anonymised"].append({"person": person.pk, "removed": removed})
                second += 1
            elif gone_for > timedelta(days=settings.leaver_grace_days):
                if first >= batch or not _holds_first_stage_data(person):
                    continue
                removed = person_erase(person=person, retentions=FIRST_STAGE)
                report["portfolio_removed"].append(
                    {"person": person.pk, "removed": removed}
                )
                first += 1
        except ValidationError as error:  # a hold placed during the run
            report["errors"].append({"person": person.pk, "error": error.messages})
    run.report = report
    run.finished_at = timezone.now()
    run.save(update_fields=["report", "finished_at"])
    return run
