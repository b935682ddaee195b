"""The search contract, run against both backends (database and Elasticsearch)."""

import datetime

import pytest

from capabilities.selectors import item_by_reference
from portfolio.evidence.models import EntryMapping
from tests.factories.portfolio import EntryFactory

pytestmark = pytest.mark.django_db


def _ids(results):
    return {hit.object_id for hit in results.hits}


def test_english_stemming_finds_other_forms_of_a_word(backend, practitioner, find):
    entry = EntryFactory(
        owner=practitioner,
        title="Team meeting",
        description="Supervisors reviewed reflective practice with the team.",
    )
    results = find(practitioner, "reviewing")
    assert _ids(results) == {entry.pk}
    assert results.backend == backend
    assert results.notice == ""


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("A child in need visit with the family.", "CIN"),
        ("Planning the CIN review meeting.", "child in need"),
        ("Looked-after children and their contact plans.", "LAC"),
        ("Care plans for CLA.", "looked after children"),
        ("Assessing capacity under the Mental Capacity Act.", "MCA"),
        ("An EHCP review with the school.", "education health and care plan"),
        ("My NQSW year so far.", "newly qualified social worker"),
        ("Conversation with our principal social worker.", "PSW"),
        ("A strategy meeting about child protection.", "CP"),
    ],
)
def test_either_form_of_a_social_work_term_finds_both(
    backend, practitioner, find, written, typed
):
    entry = EntryFactory(owner=practitioner, title="Note", description=written)
    EntryFactory(owner=practitioner, title="Other", description="Nothing related.")
    assert _ids(find(practitioner, typed)) == {entry.pk}


def test_results_are_highlighted_and_escaped(backend, practitioner, find):
    EntryFactory(
        owner=practitioner,
        title="Home visit <b>notes</b>",
        description="We discussed <script>alert(1)</script> the safety plan at home.",
    )
    results = find(practitioner, "safety plan")
    [hit] = results.hits
    assert "<mark>" in hit.snippet
    assert "<script>" not in hit.snippet and "<b>" not in hit.title
    assert "&lt;b&gt;" in hit.title


def test_facets_count_matches_and_filter(backend, practitioner, find):
    this_year = datetime.date.today()
    last_year = this_year - datetime.timedelta(days=400)
    course = EntryFactory(
        owner=practitioner,
        title="Course on assessment",
        cpd_type="course",
        activity_date=this_year,
    )
    EntryMapping.objects.create(entry=course, item=item_by_reference("pcf@2018:6"))
    reading = EntryFactory(
        owner=practitioner,
        title="Reading on assessment",
        cpd_type="reading_research",
        activity_date=last_year,
    )
    EntryMapping.objects.create(entry=reading, item=item_by_reference("pcf@2018:6"))
    EntryMapping.objects.create(entry=reading, item=item_by_reference("pcf@2018:5"))
    results = find(practitioner, "assessment")
    assert results.total == 2
    assert dict(results.facets["type"]) == {
        "entry:course": 1,
        "entry:reading_research": 1,
    }
    assert dict(results.facets["year"]) == {
        str(this_year.year): 1,
        str(last_year.year): 1,
    }
    domain_6 = str(item_by_reference("pcf@2018:6").pk)
    domain_5 = str(item_by_reference("pcf@2018:5").pk)
    assert dict(results.facets["domains"]) == {domain_6: 2, domain_5: 1}

    only_course = find(practitioner, "assessment", type=["entry:course"])
    assert _ids(only_course) == {course.pk}
    only_5 = find(practitioner, "assessment", domains=[domain_5])
    assert _ids(only_5) == {reading.pk}
    by_year = find(practitioner, "assessment", year=[str(last_year.year)])
    assert _ids(by_year) == {reading.pk}


def test_sort_by_date_and_pages(backend, practitioner, find):
    today = datetime.date.today()
    entries = [
        EntryFactory(
            owner=practitioner,
            title=f"Court skills {n}",
            activity_date=today - datetime.timedelta(days=n),
        )
        for n in range(5)
    ]
    first = find(practitioner, "court", sort="date", page=1, page_size=2)
    second = find(practitioner, "court", sort="date", page=2, page_size=2)
    third = find(practitioner, "court", sort="date", page=3, page_size=2)
    assert first.total == 5
    ordered = [hit.object_id for r in (first, second, third) for hit in r.hits]
    assert ordered == [entry.pk for entry in entries]


def test_a_deleted_entry_is_not_found(backend, practitioner, find):
    entry = EntryFactory(owner=practitioner, title="Genogram practice")
    assert _ids(find(practitioner, "genogram")) == {entry.pk}
    entry.delete()
    assert _ids(find(practitioner, "genogram")) == set()


def test_an_empty_query_searches_nothing(backend, practitioner, find):
    EntryFactory(owner=practitioner)
    results = find(practitioner, "   ")
    assert results.total == 0 and results.hits == []


@pytest.mark.elasticsearch
def test_elasticsearch_tolerates_typos(practitioner, find):
    entry = EntryFactory(
        owner=practitioner,
        title="Safeguarding training",
        description="Trauma-informed practice with adolescents, and an eco map.",
    )
    results = find(practitioner, "trauma informd practise")
    assert [hit.object_id for hit in results.hits] == [entry.pk]
    assert results.backend == "elasticsearch"
    # Words of three letters or fewer must be exact.
    assert find(practitioner, "eco map").total == 1
    assert find(practitioner, "eco mop").total == 0
