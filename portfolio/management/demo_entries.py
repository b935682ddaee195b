"""A believable history of CPD for the demo practitioners (fictional
throughout: no real people, places or cases): last registration year's
entries, all complete, and the first few of this year's. Dates are relative
to today, so the demo looks the same whenever it is loaded."""

import datetime
from decimal import Decimal

from django.utils import timezone

from capabilities.selectors import item_by_reference
from portfolio.evidence.models import Entry, EntryMapping, EntryState, ReflectionStage
from portfolio.evidence.registration_year import registration_year_containing

#: (days after the year starts, type, hours, title, description, learning, impact,
#:  peer reflection, peer role, mappings as references, level code, complete?)
#: Last registration year's entries: all complete by the end of that year.
LAST_YEAR_ENTRIES = [
    (
        20,
        "course",
        "6",
        "Court skills: giving evidence in care proceedings",
        "A one-day course on preparing statements and giving evidence in the family court.",
        "A clear chronology and an analysis that separates fact from opinion make evidence easier to follow and harder to pick apart.",
        "I now draft my analysis section first and check every opinion is tied to evidence; my last statement needed no rewrites.",
        "In team meeting we compared how each of us prepares for cross-examination; I borrowed a colleague's checklist.",
        "senior practitioner",
        ["pcf@2018:5", "pcf@2018:6", "kss-cf-practitioner@2018:8"],
        "social-worker",
        True,
    ),
    (
        55,
        "reading_research",
        "2",
        "Reading: analysis and critical thinking in assessment",
        "I read a practice guide on using hypotheses when assessing families.",
        "Holding more than one explanation open for longer reduces the risk of confirmation bias.",
        "My assessments now include a short 'other explanations we considered' section, which families have said feels fairer.",
        "",
        "",
        ["pcf@2018:6", "swe-standards@2019:4.3"],
        "social-worker",
        True,
    ),
    (
        90,
        "supervision",
        "1.5",
        "Reflective supervision on a case that felt stuck",
        "Supervision where we used a structured reflective model on a long-running child in need case.",
        "My frustration was shaping how I read the parents' engagement; naming it changed the plan.",
        "I rearranged visits around the family's working hours and engagement has improved.",
        "My supervisor asked what the child would say about the plan; it shifted my focus to the child's day-to-day experience.",
        "practice supervisor",
        ["pcf@2018:1", "pcf@2018:6", "swe-standards@2019:4.2"],
        "social-worker",
        True,
    ),
    (
        140,
        "e_learning",
        "1",
        "E-learning: the Mental Capacity Act in practice",
        "An online module on assessing capacity and recording best-interests decisions.",
        "Capacity is decision-specific and time-specific; an unwise decision is not evidence of incapacity.",
        "I have changed how I record capacity discussions with parents who have a learning disability.",
        "",
        "",
        ["pcf@2018:5", "pcf@2018:4"],
        "social-worker",
        True,
    ),
    (
        200,
        "peer_discussion",
        "1",
        "Group discussion: anti-racist practice in assessments",
        "A practice forum discussing how racial bias can enter assessments and plans.",
        "Asking families directly about their experience of services, including discrimination, gives information I was missing.",
        "I now ask about identity and experience of services in every initial visit.",
        "A colleague described how she records families' own words about culture; I have started doing the same.",
        "social worker in another team",
        ["pcf@2018:3", "pcf@2018:2"],
        "experienced-social-worker",
        True,
    ),
    (
        260,
        "practice_observation",
        "2",
        "Observed initial visit with my practice educator",
        "My practice educator observed an initial visit and gave written feedback.",
        "Families settle when I explain at the start what I will do with what they tell me.",
        "I now open every first visit by explaining what happens to the information.",
        "We talked through the feedback together and agreed two things to practise.",
        "practice educator",
        ["pcf@2018:7", "kss-cf-practitioner@2018:2"],
        "experienced-social-worker",
        True,
    ),
    (
        300,
        "podcast_video",
        "0.75",
        "Podcast: systems thinking after serious incidents",
        "A podcast about learning from serious case reviews without blame.",
        "Looking at the conditions around a decision explains more than looking at the person who made it.",
        "In our team's case reviews I now ask what made a decision make sense at the time.",
        "",
        "",
        ["pcf@2018:8"],
        "experienced-social-worker",
        True,
    ),
]

#: This registration year's first entries (dated no later than today): two
#: complete, one of them with peer reflection, and a draft still being written.
THIS_YEAR_ENTRIES = [
    (
        0,
        "peer_discussion",
        "1.5",
        "Team case discussion: neglect and cumulative harm",
        "A case discussion in the team meeting on recognising cumulative harm in long-running neglect cases.",
        "A chronology that shows the pattern over time says more than any single incident.",
        "I have started a running chronology for each of my neglect cases and review it before every core group.",
        "A colleague showed how she shares the chronology with parents; I tried it and the conversation was more honest.",
        "social worker in my team",
        ["pcf@2018:6", "pcf@2018:7", "kss-cf-practitioner@2018:3"],
        "experienced-social-worker",
        True,
    ),
    (
        1,
        "reading_research",
        "1",
        "Reading: what children say helps in child protection conferences",
        "A research summary on children's experience of child protection conferences.",
        "Children value knowing beforehand what will be said about them and being asked how they want to take part.",
        "Before my next conference I will go through the report with the child in words they can use.",
        "",
        "",
        ["pcf@2018:4", "pcf@2018:5"],
        "experienced-social-worker",
        True,
    ),
    (
        2,
        "practice_observation",
        "2",
        "Observed home visit with feedback",
        "My practice educator observed a home visit and gave written feedback.",
        "I talk too quickly when I explain worries; slowing down and checking understanding helped.",
        "",
        "",
        "",
        ["pcf@2018:7", "kss-cf-practitioner@2018:2"],
        "experienced-social-worker",
        False,
    ),
]

#: Every demo entry, last year's then this year's.
DEMO_ENTRIES = LAST_YEAR_ENTRIES + THIS_YEAR_ENTRIES


def demo_entries_create(*, user, today: datetime.date | None = None) -> int:
    """Give ``user`` the demo entries (replacing all their earlier entries):
    last registration year's, dated and completed through that year, and this
    year's first few."""
    today = today or timezone.localdate()
    this_year = registration_year_containing(today)
    last_year = registration_year_containing(this_year.starts - datetime.timedelta(1))
    user.entries.all().delete()
    created = 0
    for year, entries in (
        (last_year, LAST_YEAR_ENTRIES),
        (this_year, THIS_YEAR_ENTRIES),
    ):
        for row in entries:
            day = min(year.starts + datetime.timedelta(days=row[0]), today)
            _entry_create(user, day, *row[1:])
            created += 1
    return created


def _entry_create(
    user,
    day,
    cpd_type,
    hours,
    title,
    description,
    learning,
    impact,
    peer,
    peer_role,
    references,
    level_code,
    complete,
):
    # Recorded on the day of the activity, as a practitioner would have.
    recorded = timezone.make_aware(datetime.datetime.combine(day, datetime.time(17, 0)))
    entry = Entry.objects.create(
        owner=user,
        title=title,
        activity_date=day,
        cpd_type=cpd_type,
        hours=Decimal(hours),
        description=description,
        learning=learning,
        impact=impact,
        peer_reflection=peer,
        peer_role=peer_role,
        state=EntryState.COMPLETE if complete else EntryState.DRAFT,
        completed_at=recorded if complete else None,
        reflective_model="gibbs" if cpd_type == "supervision" else "",
    )
    Entry.objects.filter(pk=entry.pk).update(created_at=recorded, updated_at=recorded)
    if entry.reflective_model:
        ReflectionStage.objects.create(
            entry=entry, stage="feelings", text="Frustrated at first, then curious."
        )
        ReflectionStage.objects.create(
            entry=entry,
            stage="action_plan",
            text="Ask the child directly at the next visit.",
        )
    for reference in references:
        item = item_by_reference(reference)
        if item is None:
            continue
        level = (
            item.framework.levels.filter(code=level_code).first()
            if item.framework.family == "pcf"
            else None
        )
        EntryMapping.objects.create(entry=entry, item=item, level=level)
    return entry
