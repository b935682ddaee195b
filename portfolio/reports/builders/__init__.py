"""The reports portfolio offers, registered when the app is ready."""

from django.utils.translation import gettext_lazy as _

from portfolio.reports.builders.appraisals import build_appraisals_supervision
from portfolio.reports.builders.asye import build_asye_cohort
from portfolio.reports.builders.coverage import build_capability_coverage
from portfolio.reports.builders.readiness import build_cpd_readiness
from portfolio.reports.builders.training_needs import build_training_needs
from portfolio.reports.registry import Audience, Report, register_report

MANAGERS = frozenset({Audience.ORG_ADMIN, Audience.TEAM_MANAGER})


def register_builtin_reports() -> None:
    register_report(
        Report(
            key="cpd-readiness",
            title=_("CPD readiness"),
            summary=_(
                "Who has met Social Work England's CPD requirement for the year, "
                "month by month, and what the others still need."
            ),
            build=build_cpd_readiness,
            audiences=MANAGERS,
            order=10,
            uses_summaries=True,
        )
    )
    register_report(
        Report(
            key="capability-coverage",
            title=_("Capability coverage"),
            summary=_(
                "Where evidence against the PCF domains is thin, by team or level."
            ),
            build=build_capability_coverage,
            audiences=MANAGERS,
            order=20,
            compares=True,
            uses_summaries=True,
        )
    )
    register_report(
        Report(
            key="appraisals-supervision",
            title=_("Appraisals and supervision"),
            summary=_(
                "Annual appraisals not started, in progress and signed; "
                "supervision on time and overdue."
            ),
            build=build_appraisals_supervision,
            audiences=MANAGERS,
            order=30,
        )
    )
    register_report(
        Report(
            key="training-needs",
            title=_("Training needs"),
            summary=_(
                "The PCF domains that appear most in development plans and "
                "coverage gaps."
            ),
            build=build_training_needs,
            audiences=MANAGERS | {Audience.TRAINING_TEAM},
            order=40,
        )
    )
    register_report(
        Report(
            key="asye-cohort",
            title=_("ASYE cohort"),
            summary=_(
                "Each newly qualified social worker's assessed year: reviews "
                "held and overdue, and where the year stands."
            ),
            build=build_asye_cohort,
            audiences=frozenset({Audience.ORG_ADMIN}),
            order=35,
        )
    )
