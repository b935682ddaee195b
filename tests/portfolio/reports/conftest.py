"""A small hand-built organisation whose report figures are worked out by hand:
Riverside, in last registration year, with 6 social workers in North and 3 in South, a team manager for
North, an organisation admin and a training editor. Every piece of free text
carries a canary the reports must never show."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

import pytest

from capabilities.selectors import item_by_reference
from portfolio.appraisal.models import Appraisal
from portfolio.evidence.models import EntryMapping
from portfolio.evidence.registration_year import registration_year_containing
from portfolio.people.models import Supervision
from tests.conftest import _load_shipped_frameworks, _with_mfa
from tests.factories.portfolio import (
    EntryFactory,
    OrganisationFactory,
    TeamFactory,
    UserFactory,
)

CANARIES = (
    "CANARY-REFLECTION",
    "CANARY-LEARNING",
    "CANARY-PEER",
    "CANARY-TITLE",
    "CANARY-SESSION",
    "CANARY-OBJECTIVE",
    "CANARY-APPRAISAL",
)


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def riverside(db):
    _load_shipped_frameworks()
    # Last registration year, so the figures never depend on today's date:
    # reports are asked for it with ?year=..., and are "as at" its last day.
    this_year = registration_year_containing(timezone.localdate())
    year = registration_year_containing(this_year.starts - datetime.timedelta(days=1))
    today = year.ends
    organisation = OrganisationFactory(name="Riverside Council", slug="riverside")
    north = TeamFactory(organisation=organisation, name="North")
    south = TeamFactory(organisation=organisation, name="South")

    def person(name, team, **extra):
        return UserFactory(
            organisation=organisation,
            team=team,
            first_name=name,
            last_name="Test",
            email=f"{name.lower()}@riverside.example",
            **extra,
        )

    n = [person(f"North{i}", north) for i in range(1, 7)]
    s = [person(f"South{i}", south) for i in range(1, 4)]
    manager = _with_mfa(
        person("Manager", north, is_supervisor=True, is_practitioner=False)
    )
    north.managers.add(manager)
    admin = _with_mfa(person("Admin", None, is_org_admin=True, is_practitioner=False))
    editor = _with_mfa(
        person("Editor", None, is_training_editor=True, is_practitioner=False)
    )
    plain_supervisor = _with_mfa(
        person("Supervisor", south, is_supervisor=True, is_practitioner=False)
    )

    def day(offset):
        return year.starts + datetime.timedelta(days=offset)

    def entry(owner, offset, *, peer=True, title=None, state="complete", maps=()):
        made = EntryFactory(
            owner=owner,
            state=state,
            title=title or f"CANARY-TITLE {owner.first_name} {offset}",
            activity_date=day(offset),
            description="CANARY-REFLECTION what happened",
            learning=f"CANARY-LEARNING {owner.first_name} {offset}",
            impact="CANARY-REFLECTION impact",
            peer_reflection="CANARY-PEER talked it over" if peer else "",
            completed_at=_aware(day(offset)) if state == "complete" else None,
        )
        for reference, confirmed in maps:
            EntryMapping.objects.create(
                entry=made,
                item=item_by_reference(reference),
                confirmed_by=manager if confirmed else None,
                confirmed_at=timezone.now() if confirmed else None,
                justification="CANARY-REFLECTION because",
            )
        return made

    # Readiness. North1 met in January; North5 in March; South1, South2 in
    # February. North2 lacks peer reflection; North3 has 1 entry; North4's
    # two entries are one duplicated; North6 has none; South3 a draft only.
    entry(n[0], 10, maps=[("pcf@2018:6", True)])
    entry(n[0], 40, peer=False, maps=[("pcf@2018:6", False)])
    entry(n[1], 20, peer=False)
    entry(n[1], 30, peer=False)
    entry(n[2], 25)
    entry(n[3], 50, title="Same course")
    made = entry(n[3], 60, title="Same course")
    made.learning = f"CANARY-LEARNING {n[3].first_name} 50"
    made.save()
    entry(n[4], 100, maps=[("pcf@2018:5", False)])
    entry(n[4], 105, maps=[("pcf@2018:5", False)])
    entry(s[0], 70, maps=[("pcf@2018:6", True)])
    entry(s[0], 75)
    entry(s[1], 65)
    entry(s[1], 80)
    entry(s[2], 90, state="draft")

    # Appraisals: North1 signed, North2 in progress, North3 only a mid-year
    # review (so still not started). Objectives on North1's signed plan.
    signed = Appraisal.objects.create(
        supervisee=n[0],
        appraiser=manager,
        organisation=organisation,
        kind="annual",
        period_start=year.starts,
        period_end=year.ends,
        stage="signed",
        locked_at=timezone.now(),
        strengths="CANARY-APPRAISAL strengths",
    )
    lead = signed.objectives.create(
        text="CANARY-OBJECTIVE lead a group", due_on=year.ends
    )
    lead.domains.add(item_by_reference("pcf@2018:9"))
    teach = signed.objectives.create(
        text="CANARY-OBJECTIVE teach students", due_on=year.ends
    )
    teach.domains.add(item_by_reference("pcf@2018:9"), item_by_reference("pcf@2018:5"))
    Appraisal.objects.create(
        supervisee=n[1],
        appraiser=manager,
        organisation=organisation,
        kind="annual",
        period_start=year.starts,
        period_end=year.ends,
        development_needs="CANARY-APPRAISAL needs",
    )
    Appraisal.objects.create(
        supervisee=n[2],
        appraiser=manager,
        organisation=organisation,
        kind="mid_year",
        period_start=year.starts,
        period_end=year.ends,
    )

    # Supervision as at today: North1 on time, North2 overdue, South1 overdue.
    def supervise(supervisor, supervisee, *, started_days_ago, session_days_ago=None):
        relationship = Supervision.objects.create(
            organisation=organisation,
            supervisor=supervisor,
            supervisee=supervisee,
            kind="line_manager",
            starts_on=today - datetime.timedelta(days=started_days_ago),
        )
        if session_days_ago is not None:
            relationship.sessions.create(
                held_on=today - datetime.timedelta(days=session_days_ago),
                minutes=90,
                kind="individual",
                topics="CANARY-SESSION topics",
                agreed_actions="CANARY-SESSION actions",
                supervisor_note="CANARY-SESSION private",
            )
        return relationship

    supervise(manager, n[0], started_days_ago=200, session_days_ago=10)
    supervise(manager, n[1], started_days_ago=200, session_days_ago=60)
    supervise(plain_supervisor, s[0], started_days_ago=100)

    return SimpleNamespace(
        query={"year": year.ends.year},
        organisation=organisation,
        year=year,
        today=today,
        north=north,
        south=south,
        n=n,
        s=s,
        manager=manager,
        admin=admin,
        editor=editor,
        plain_supervisor=plain_supervisor,
    )
