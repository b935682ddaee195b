"""A practitioner with a full year: complete, mapped entries (one confirmed by
their supervisor, one with a file), supervision, a signed appraisal with
objectives and a self-assessment, a level change and an ASYE with a review
and a reflection log."""

import datetime
import secrets

from django.utils import timezone

import pytest

from capabilities.models import Level
from capabilities.selectors import item_by_reference
from portfolio.career.models import LevelChange
from portfolio.evidence.models import EntryMapping
from tests.factories.portfolio import AttachmentFactory, EntryFactory


def _complete(owner, title, days_ago, **fields):
    return EntryFactory(
        owner=owner,
        state="complete",
        title=title,
        activity_date=timezone.localdate() - datetime.timedelta(days=days_ago),
        completed_at=timezone.now() - datetime.timedelta(days=days_ago),
        **fields,
    )


@pytest.fixture
def full_year(
    practitioner,
    supervisor,
    signed_appraisal,
    supervision_session,
    asye_year,
    shipped_frameworks,
):
    entries = [
        _complete(practitioner, "Court skills training", 200, cpd_type="course"),
        _complete(
            practitioner,
            "Reading on trauma-informed practice",
            120,
            cpd_type="reading_research",
            reflective_model="gibbs",
        ),
        _complete(practitioner, "Group supervision on risk", 30),
    ]
    entries[1].stages.create(stage="description", text="I read two studies.")
    entries[1].stages.create(stage="feelings", text="Unsettled, then curious.")
    EntryMapping.objects.create(
        entry=entries[0],
        item=item_by_reference("pcf@2018:6"),
        justification="Weighed the evidence for the court.",
        confirmed_by=supervisor,
        confirmed_at=timezone.now(),
    )
    EntryMapping.objects.create(entry=entries[1], item=item_by_reference("pcf@2018:5"))
    EntryMapping.objects.create(entry=entries[2], item=item_by_reference("pcf@2018:9"))
    AttachmentFactory(entry=entries[0])
    objective = signed_appraisal.objectives.create(
        text="Lead a case discussion.", due_on=datetime.date(2027, 6, 30)
    )
    objective.domains.add(item_by_reference("pcf@2018:9"))
    assessment = signed_appraisal.assessments.first()
    assessment.self_rating = 3
    assessment.self_commentary = "Growing in confidence."
    assessment.save()
    levels = Level.objects.filter(framework__family="pcf", framework__version="2018")
    LevelChange.objects.create(
        person=practitioner,
        from_level=levels.get(code="social-worker"),
        to_level=levels.get(code="experienced-social-worker"),
        changed_on=timezone.localdate() - datetime.timedelta(days=60),
        recorded_by=supervisor,
        note="Two years of complex work.",
    )
    asye_year.reflections.create(
        written_on=timezone.localdate(), text="My first month on duty."
    )
    asye_year.reviews.create(
        month=3,
        held_on=timezone.localdate() - datetime.timedelta(days=30),
        nqsw_view="Settling in.",
        manager_view="Good progress.",
        judgement="On track.",
        progress="on_track",
        recorded_by=supervisor,
    )
    return entries


@pytest.fixture
def portable_zip(practitioner, full_year, django_capture_on_commit_callbacks):
    """The practitioner's portable portfolio, built by the export task."""
    from portfolio.exports.services import export_request_portable

    with django_capture_on_commit_callbacks(execute=True):
        export = export_request_portable(owner=practitioner)
    export.refresh_from_db()
    assert export.status == "ready", export.error
    with export.file.open("rb") as handle:
        return handle.read()


@pytest.fixture
def newcomer(db):
    """Someone at a fresh organisation, where the practitioner moves."""
    from tests.factories.portfolio import OrganisationFactory, UserFactory

    organisation = OrganisationFactory(name="Westfold County Council", slug="westfold")
    return UserFactory(organisation=organisation, email="sam.new@example.org")


@pytest.fixture
def search_index(settings):
    """This test's own indices on the real node, written through at once."""
    from search import breaker
    from search.connection import get_client
    from search.documents import forget_ensured
    from tests.search.indices import RUN_PREFIX, delete_indices

    prefix = f"{RUN_PREFIX}{secrets.token_hex(3)}-"
    settings.SEARCH_INDEX_PREFIX = prefix
    settings.SEARCH_REFRESH_ON_WRITE = True
    breaker.reset()
    forget_ensured()
    get_client.cache_clear()
    yield prefix
    forget_ensured()
    get_client.cache_clear()
    delete_indices(prefix)
