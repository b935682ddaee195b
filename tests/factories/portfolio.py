import datetime
from decimal import Decimal

from django.utils import timezone

import factory
from allauth.account.models import EmailAddress
from factory.django import DjangoModelFactory

from portfolio.evidence.models import Attachment, CPDType, Entry
from portfolio.people.groups import staff_member_sync_groups
from portfolio.people.models import Organisation, Team, User

#: A complete entry's answers, for tests that save through entry_save as the
#: form does (EntryFactory writes rows directly).
COMPLETE_ANSWERS = {
    "title": "Reading: working with uncertainty",
    "activity_date": datetime.date(2026, 10, 1),
    "cpd_type": "reading_research",
    "hours": Decimal("2"),
    "description": "I read a research summary on analytical assessment.",
    "learning": "Hypotheses should be tested with the family, not just recorded.",
    "impact": "I now list competing explanations in my assessments.",
    "peer_reflection": "Talked it through with a colleague.",
}


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testshire Council {n}")
    slug = factory.Sequence(lambda n: f"testshire-{n}")


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Family Support {n}")


class UserFactory(DjangoModelFactory):
    """A verified, active social worker in an organisation."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    organisation = factory.SubFactory(OrganisationFactory)
    team = factory.LazyAttribute(
        lambda user: (
            TeamFactory(organisation=user.organisation) if user.organisation else None
        )
    )
    is_practitioner = True
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-42")

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            staff_member_sync_groups(user=obj)
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"primary": True, "verified": True}
            )


class EntryFactory(DjangoModelFactory):
    """A draft entry with every answer filled in (ready to be completed once
    mapped)."""

    class Meta:
        model = Entry

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Reflective supervision session {n}")
    activity_date = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=10)
    )
    cpd_type = CPDType.PEER_DISCUSSION
    hours = Decimal("1.5")
    description = "A group discussion about working with uncertainty in assessments."
    learning = "Naming what I do not know helps the family and me plan together."
    impact = "I now write a short 'what we do not know yet' section in assessments."
    peer_reflection = "My colleague showed me how she shares uncertainty with parents."
    peer_role = "senior practitioner"


class AttachmentFactory(DjangoModelFactory):
    class Meta:
        model = Attachment

    entry = factory.SubFactory(EntryFactory)
    original_name = "certificate.txt"
    content_type = "text/plain"
    size = 27
    file = factory.django.FileField(
        filename="certificate", data=b"Certificate of attendance."
    )
