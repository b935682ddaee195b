"""Learning pages as readers meet them: signed in, published only, with the
research summary's evidence, references and reflection questions."""

from wagtail.models import Page

import pytest

from learning.models import (
    LearningHomePage,
    LearningPathwayPage,
    LearningSectionPage,
    ResearchSummaryPage,
    TrainingEventPage,
)
from tests.factories.learning import learning_home, learning_section, research_summary

pytestmark = pytest.mark.django_db


def test_the_learning_home_is_the_site_root_and_unique():
    home = learning_home()
    assert home.get_url() == "/learning/"
    assert LearningHomePage.can_create_at(Page.get_first_root_node()) is False


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (LearningSectionPage, LearningHomePage, True),
        (LearningPathwayPage, LearningHomePage, True),
        (ResearchSummaryPage, LearningHomePage, False),
        (ResearchSummaryPage, LearningSectionPage, True),
        (TrainingEventPage, LearningSectionPage, True),
        (LearningPathwayPage, LearningSectionPage, True),
        (LearningSectionPage, LearningSectionPage, False),
        (ResearchSummaryPage, ResearchSummaryPage, False),
        (TrainingEventPage, TrainingEventPage, False),
    ],
)
def test_where_each_page_type_may_go(child, parent, allowed):
    assert (parent in child.allowed_parent_page_models()) is allowed
    assert (child in parent.allowed_subpage_models()) is allowed


def test_content_base_is_not_creatable():
    from learning.models import LearningContentPage

    assert LearningContentPage.is_creatable is False


def test_anonymous_readers_are_sent_to_sign_in(client, learning_page):
    response = client.get(learning_page.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_research_summary_shows_its_evidence(signed_in, practitioner, learning_page):
    client = signed_in(practitioner)
    response = client.get(learning_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Qualitative study" in html
    assert "Emerging: early or small studies" in html
    assert "Sample, A. (2020) A sample reference." in html
    assert "What does this mean for the families you work with?" in html
    assert "Sample content to show how the library works" in html
    assert "Record this as CPD" in html


def test_unpublished_pages_are_not_visible_to_practitioners(
    signed_in, practitioner, shipped_frameworks, settings
):
    # The database search (Elasticsearch's side: tests/search).
    settings.ELASTICSEARCH_URL = ""
    draft = research_summary(title="Draft only canary", live=False)
    client = signed_in(practitioner)
    assert client.get(draft.url).status_code == 404
    listing = client.get(learning_section().url).content.decode()
    assert "Draft only canary" not in listing
    found = client.get("/search/", {"q": "canary"}).content.decode()
    assert "Draft only canary" not in found


def test_the_home_searches_learning_content_only(
    signed_in, practitioner, learning_page, settings
):
    # The database search (Elasticsearch's side: tests/search).
    settings.ELASTICSEARCH_URL = ""
    from portfolio.evidence.models import Entry

    Entry.objects.create(owner=practitioner, title="Relationship families in my notes")
    client = signed_in(practitioner)
    home = client.get("/learning/").content.decode()
    assert 'action="/search/"' in home
    assert 'name="type" value="learning_page:researchsummarypage"' in home
    response = client.get(
        "/search/",
        {"q": "relationship families", "type": "learning_page:researchsummarypage"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{learning_page.url}"' in html
    assert "in my notes" not in html


def test_a_section_filters_by_topic(signed_in, practitioner, shipped_frameworks):
    from learning.models import Topic

    early_help = Topic.objects.get(slug="early-help")
    research_summary(title="About early help", topics=[early_help])
    research_summary(title="About something else")
    client = signed_in(practitioner)
    html = client.get(learning_section().url, {"topic": "early-help"}).content.decode()
    assert "About early help" in html
    assert "About something else" not in html


def test_the_topic_migration_seeds_the_munro_themes_and_practice_areas():
    from django.apps import apps

    from learning.models import Topic
    from tests.learning.conftest import TOPIC_SEED

    Topic.objects.all().delete()
    TOPIC_SEED.seed(apps, None)
    TOPIC_SEED.seed(apps, None)  # idempotent
    names = set(Topic.objects.filter(group="munro").values_list("name", flat=True))
    assert {"Child-centred practice", "Early help", "Risk and uncertainty"} <= names
    assert Topic.objects.filter(group="practice").count() == 14
    assert Topic.objects.count() == 23


def test_a_published_change_and_a_renamed_capability_show_at_once(
    signed_in, practitioner, shipped_frameworks
):
    """A page's shared parts are cached as fragments (issue #15): publishing
    a change, or renaming a capability it supports, shows on the next view,
    and a saved draft does not."""
    from capabilities.selectors import item_by_reference

    item = item_by_reference("pcf@2018:6")
    page = research_summary(items=[item])
    client = signed_in(practitioner)
    html = client.get(page.url).content.decode()
    assert "Sample findings." in html and "Critical Reflection and Analysis" in html

    page.key_findings = "<p>A draft not yet published.</p>"
    page.save_revision()
    assert "A draft not yet published." not in client.get(page.url).content.decode()

    page.key_findings = "<p>Revised findings.</p>"
    page.references = []
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Revised findings." in html and "Sample findings." not in html
    assert "Sample, A. (2020)" not in html

    item.name = "Critical Reflection, renamed"
    item.save()
    html = client.get(page.url).content.decode()
    assert "Critical Reflection, renamed" in html


def test_a_page_below_a_section_is_found_in_one_step_with_wagtails_answers(
    signed_in, practitioner
):
    """The learning home finds a page by its whole URL path (issue #15): a
    live page opens, a draft one, a missing one and a path below a page are
    404s, and moving or unpublishing shows at once."""
    page = research_summary(title="Routing check")
    client = signed_in(practitioner)
    assert client.get(page.url).status_code == 200
    assert client.get(page.url + "nothing-here/").status_code == 404
    assert client.get(page.url.replace("routing-check", "missing")).status_code == 404
    research_summary(title="Routing draft", live=False)
    draft_url = page.url.replace("routing-check", "routing-draft")
    assert client.get(draft_url).status_code == 404
    old_url = page.url
    page.slug = "routing-moved"
    page.save_revision().publish()
    page.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(page.url).status_code == 200
    page.unpublish()
    assert client.get(page.url).status_code == 404
