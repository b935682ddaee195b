"""The learning library the demo starts with.

One real research summary — the Munro Review of Child Protection (2011) and the
government's response — in our own words. Everything else is marked as sample
content: it describes published frameworks and standards the portal already
uses, and reports no research findings. Loading twice changes nothing.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from capabilities.models import Level
from capabilities.selectors import item_by_reference
from learning.models import (
    LearningContentPage,
    LearningPathwayPage,
    LearningSectionPage,
    PathwayStep,
    ResearchReference,
    ResearchSummaryPage,
    Topic,
    TrainingEventPage,
)
from learning.setup import learning_site_ensure


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _questions(*questions: str) -> list:
    return [("question", question) for question in questions]


MUNRO = {
    "title": "The Munro Review of Child Protection (2011) and the government's response",
    "slug": "munro-review-of-child-protection",
    "summary": (
        "Eileen Munro's final report argued that child protection in England had "
        "become driven by compliance rather than by professional expertise, and set "
        "out what a child-centred system would look like. The government accepted "
        "her direction of travel later the same year."
    ),
    "key_findings": _p(
        "The review describes an effective child protection system through a small "
        "number of principles. It should be centred on the child; the family is "
        "usually the best place for a child to grow up; helping children means "
        "working with their families; help offered early is better than help "
        "offered late; and services need enough variety to meet different needs."
    )
    + _ul(
        "Good practice rests on professional knowledge of theory and research, not "
        "only on following procedure.",
        "Uncertainty and risk are part of the work: the system should be "
        "&#x27;risk sensible&#x27; rather than trying to remove all risk.",
        "Success should be judged by whether children receive effective help, not "
        "by whether timescales and forms were completed.",
        "Statutory guidance should separate the few rules that must be followed from "
        "professional guidance that practitioners apply with judgement; fixed "
        "timescales for initial and core assessments should give way to a single, "
        "proportionate assessment.",
        "Local areas should secure early help services and learn from serious cases "
        "with a systems approach that looks at what shapes practice, not only at "
        "individual errors.",
    ),
    "implications": _p(
        "The government's response (July 2011) agreed that the system had become too "
        "focused on compliance and had lost sight of children's needs and "
        "experiences. It promised less prescription, more weight on direct work "
        "with children and families, and more evidence-based practice."
    )
    + _ul(
        "Social workers' capabilities were to inform their training, continuing "
        "professional development and appraisal explicitly — which is what mapping "
        "your CPD to the Professional Capabilities Framework does.",
        "Practice should draw on research: record what you read and how it changed "
        "what you do.",
        "A career path should let experienced social workers stay in direct practice, "
        "with a stronger practitioner voice in management and government.",
        "Performance information should be used locally to benchmark and improve, as "
        "part of a system that monitors, learns and adapts.",
    ),
    "study_type": "inquiry",
    "evidence_strength": "not_graded",
    "strength_explained": (
        "An independent review commissioned by government. It drew on research, "
        "inspection evidence and the views of children, families and professionals, "
        "but it is a review of the system rather than a study that tests an "
        "intervention, so we do not grade it."
    ),
    "research_published_on": datetime.date(2011, 5, 10),
    "cpd_hours": Decimal("1.5"),
    "is_sample": False,
    "questions": _questions(
        "Think of a recent decision where following procedure and doing what was "
        "right for the child pulled in different directions. What did you do, and why?",
        "How do you stay 'risk sensible' when a case is uncertain?",
        "What research has changed how you work with a family in the last year?",
    ),
    "references": [
        {
            "citation": (
                "Munro, E. (2011) The Munro Review of Child Protection: Final Report. "
                "A child-centred system. Cm 8062. London: Department for Education."
            ),
            "url": "https://www.gov.uk/government/publications/munro-review-of-child-protection-final-report-a-child-centred-system",
        },
        {
            "citation": (
                "Department for Education (2011) A child-centred system: the "
                "Government's response to the Munro review of child protection. "
                "London: Department for Education."
            ),
            "url": "https://www.gov.uk/government/publications/a-child-centred-system-the-governments-response-to-the-munro-review-of-child-protection",
        },
    ],
    "items": [
        "pcf@2018:1",
        "pcf@2018:6",
        "pcf@2018:7",
        "pcf@2018:8",
        "kss-cf-practitioner@2018:7",
    ],
    "levels": ["social-worker", "experienced-social-worker", "advanced"],
    "topics": [
        "child-centred-practice",
        "working-with-families",
        "early-help",
        "risk-and-uncertainty",
        "professional-expertise",
        "systems-learning",
        "effective-help",
    ],
}

SAMPLE_SUMMARIES = [
    {
        "title": "Sample: what Social Work England asks of your CPD each year",
        "slug": "sample-social-work-england-cpd",
        "summary": (
            "Sample content showing how a guidance summary looks. It restates the "
            "regulator's yearly CPD requirement that the portal checks for you."
        ),
        "key_findings": _ul(
            "The registration year runs from 1 December to 30 November; renewal "
            "opens on 1 September.",
            "Record at least two pieces of CPD in the year, at least one of them "
            "with peer reflection.",
            "Each record says what you did and why, what you learnt, and the impact "
            "on your practice and the people you work with.",
        ),
        "implications": _p(
            "Record as you go rather than in November: the dashboard shows what is "
            "still missing for this year."
        ),
        "study_type": "guidance",
        "evidence_strength": "not_graded",
        "research_published_on": datetime.date(2021, 12, 1),
        "cpd_hours": Decimal("0.5"),
        "questions": _questions(
            "Which of this year's activities would a peer help you reflect on?"
        ),
        "references": [
            {
                "citation": "Social Work England. Continuing professional development.",
                "url": "https://www.socialworkengland.org.uk/cpd/",
            }
        ],
        "items": ["pcf@2018:1", "swe-standards@2019:4.7", "swe-standards@2019:4.6"],
        "levels": ["asye", "social-worker"],
        "topics": ["supervision-and-reflection"],
    },
    {
        "title": "Sample: the Knowledge and Skills Statement for child and family practitioners",
        "slug": "sample-kss-child-and-family",
        "summary": (
            "Sample content: the ten areas of the post-qualifying standard for child "
            "and family practitioners, and how they sit beside the PCF."
        ),
        "key_findings": _p(
            "The statement (2018) has ten areas, from relationships and effective "
            "direct work to the role of supervision and the organisational context. "
            "They map onto the PCF's practice domains: Knowledge, Critical Reflection "
            "and Analysis, and Skills and Interventions."
        ),
        "implications": _p(
            "When you map an entry to a statement, the portal counts it towards the "
            "PCF domain it links to as well."
        ),
        "study_type": "guidance",
        "evidence_strength": "not_graded",
        "research_published_on": datetime.date(2018, 4, 1),
        "cpd_hours": Decimal("1"),
        "questions": _questions(
            "Which of the ten areas is thinnest in your portfolio?"
        ),
        "references": [
            {
                "citation": (
                    "Department for Education (2018) Post-qualifying standard: "
                    "knowledge and skills statement for child and family practitioners."
                ),
                "url": "https://www.gov.uk/government/publications/knowledge-and-skills-statements-for-child-and-family-social-work",
            }
        ],
        "items": [
            "kss-cf-practitioner@2018:1",
            "kss-cf-practitioner@2018:6",
            "kss-cf-practitioner@2018:7",
            "pcf@2018:5",
        ],
        "levels": ["asye", "social-worker", "experienced-social-worker"],
        "topics": ["assessment-and-analysis", "direct-work", "children-in-need"],
    },
    {
        "title": "Sample: supervision that supports practice",
        "slug": "sample-supervision-standards",
        "summary": (
            "Sample content: how often social workers should be supervised under the "
            "employer standards, and what the portal reminds supervisors about."
        ),
        "key_findings": _ul(
            "Newly qualified social workers: weekly for the first six weeks, "
            "fortnightly to six months, then monthly.",
            "Everyone else: at least monthly, in sessions of at least an hour and a half.",
            "The Principal Social Worker owns the organisation's supervision policy.",
        ),
        "implications": _p(
            "Bring one piece of recent CPD to each supervision and ask your "
            "supervisor to confirm how it maps to the PCF."
        ),
        "study_type": "guidance",
        "evidence_strength": "not_graded",
        "research_published_on": datetime.date(2020, 1, 1),
        "cpd_hours": Decimal("0.5"),
        "questions": _questions("What do you want more of from supervision?"),
        "references": [
            {
                "citation": (
                    "Local Government Association. The standards for employers of "
                    "social workers in England."
                ),
                "url": "https://www.local.gov.uk/our-support/workforce-and-hr-support/social-workers/standards-employers-social-workers",
            }
        ],
        "items": ["pcf@2018:1", "kss-cf-practitioner@2018:9", "swe-standards@2019:4.2"],
        "levels": ["asye", "social-worker"],
        "topics": ["supervision-and-reflection"],
    },
]

SAMPLE_EVENTS = [
    {
        "title": "Sample: risk-sensible decision-making workshop",
        "slug": "sample-risk-sensible-workshop",
        "summary": (
            "Sample event: a half-day workshop on weighing risk and uncertainty in "
            "child protection decisions, using anonymised case studies."
        ),
        "format": "in_person",
        "place": "Sample venue: training room 2, council offices",
        "capacity": 20,
        "days_ahead": 21,
        "hours": 3,
        "cpd_hours": Decimal("3"),
        "questions": _questions(
            "What helps you hold uncertainty without either over- or under-reacting?"
        ),
        "items": ["pcf@2018:6", "pcf@2018:7", "kss-cf-practitioner@2018:7"],
        "levels": ["social-worker", "experienced-social-worker"],
        "topics": ["risk-and-uncertainty", "child-protection"],
    },
    {
        "title": "Sample: writing analytical assessments (online)",
        "slug": "sample-analytical-assessments",
        "summary": (
            "Sample event: an online session on moving from description to analysis "
            "in assessments."
        ),
        "format": "online",
        "place": "",
        "capacity": 40,
        "days_ahead": 35,
        "hours": 2,
        "cpd_hours": Decimal("2"),
        "questions": _questions(
            "Where in your last assessment did you analyse rather than describe?"
        ),
        "items": ["pcf@2018:6", "kss-cf-practitioner@2018:6"],
        "levels": ["asye", "social-worker"],
        "topics": ["assessment-and-analysis"],
    },
]

PATHWAYS = [
    {
        "title": "Sample pathway: moving to Experienced Social Worker",
        "slug": "sample-pathway-experienced",
        "summary": (
            "Sample content: a route through the library for social workers working "
            "towards the Experienced level."
        ),
        "target_level": "experienced-social-worker",
        "steps": [
            ("munro-review-of-child-protection", "Why professional judgement matters."),
            (
                "sample-kss-child-and-family",
                "Check your practice against the statement.",
            ),
            ("sample-risk-sensible-workshop", "Practise decisions under uncertainty."),
        ],
        "cpd_hours": Decimal("5"),
        "questions": _questions("Which step changed your practice most?"),
        "items": ["pcf@2018:6", "pcf@2018:9"],
        "levels": ["experienced-social-worker"],
        "topics": ["professional-expertise"],
    },
    {
        "title": "Sample pathway: your first year in practice",
        "slug": "sample-pathway-first-year",
        "summary": (
            "Sample content: a route through the library for newly qualified social "
            "workers in their assessed first year."
        ),
        "target_level": "social-worker",
        "steps": [
            ("sample-social-work-england-cpd", "Know what the regulator asks."),
            ("sample-supervision-standards", "Get the supervision you are due."),
            ("sample-kss-child-and-family", "Map your work to the statement."),
        ],
        "cpd_hours": Decimal("2"),
        "questions": _questions(
            "What do you want to be able to do by the end of the year?"
        ),
        "items": ["pcf@2018:1", "pcf@2018:5"],
        "levels": ["asye"],
        "topics": ["supervision-and-reflection"],
    },
]


@transaction.atomic
def demo_learning_content_load() -> int:
    """Create the demo library if missing; returns the number of pages made."""
    home = learning_site_ensure()
    research = _section(home, "Research summaries", "research-summaries")
    training = _section(home, "Training and events", "training")
    made = 0
    for spec in [MUNRO, *SAMPLE_SUMMARIES]:
        made += _summary(research, spec)
    for spec in SAMPLE_EVENTS:
        made += _event(training, spec)
    for spec in PATHWAYS:
        made += _pathway(home, spec)
    return made


def _section(home, title, slug):
    existing = LearningSectionPage.objects.child_of(home).filter(slug=slug).first()
    if existing:
        return existing
    section = home.add_child(instance=LearningSectionPage(title=title, slug=slug))
    section.save_revision().publish()
    return section


def _exists(slug) -> bool:
    return LearningContentPage.objects.filter(slug=slug).exists()


def _supports(page, spec):
    page.supported_items = [item_by_reference(ref) for ref in spec["items"]]
    page.levels = list(
        Level.objects.filter(
            framework__family="pcf", framework__is_active=True, code__in=spec["levels"]
        )
    )
    page.topics = list(Topic.objects.filter(slug__in=spec["topics"]))


def _publish(parent, page):
    page.live = False
    parent.add_child(instance=page)
    page.save_revision().publish()


def _summary(parent, spec) -> int:
    if _exists(spec["slug"]):
        return 0
    page = ResearchSummaryPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        key_findings=spec["key_findings"],
        implications=spec["implications"],
        study_type=spec["study_type"],
        evidence_strength=spec["evidence_strength"],
        strength_explained=spec.get("strength_explained", ""),
        research_published_on=spec["research_published_on"],
        cpd_hours=spec["cpd_hours"],
        is_sample=spec.get("is_sample", True),
        reflection_questions=spec["questions"],
    )
    page.references = [
        ResearchReference(**reference) for reference in spec["references"]
    ]
    _supports(page, spec)
    _publish(parent, page)
    return 1


def _event(parent, spec) -> int:
    if _exists(spec["slug"]):
        return 0
    starts = (
        timezone.localtime() + datetime.timedelta(days=spec["days_ahead"])
    ).replace(hour=9, minute=30, second=0, microsecond=0)
    page = TrainingEventPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=spec["hours"]),
        format=spec["format"],
        place=spec["place"],
        capacity=spec["capacity"],
        cpd_hours=spec["cpd_hours"],
        is_sample=True,
        reflection_questions=spec["questions"],
    )
    _supports(page, spec)
    _publish(parent, page)
    return 1


def _pathway(parent, spec) -> int:
    if _exists(spec["slug"]):
        return 0
    page = LearningPathwayPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        target_level=Level.objects.filter(
            framework__family="pcf",
            framework__is_active=True,
            code=spec["target_level"],
        ).first(),
        cpd_hours=spec["cpd_hours"],
        is_sample=True,
        reflection_questions=spec["questions"],
    )
    page.steps = [
        PathwayStep(page=LearningContentPage.objects.get(slug=slug), note=note)
        for slug, note in spec["steps"]
    ]
    _supports(page, spec)
    _publish(parent, page)
    return 1
