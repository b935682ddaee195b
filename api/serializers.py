"""What the API reads and writes, field by field. Serialisers parse and shape;
the rules stay in the apps' services and selectors."""

import re
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from portfolio.evidence.models import Attachment, CPDType, Entry, EntryState

#: An id in a path, query string or body: bounded like portfolio.forms.IdField.
MAX_ID = 999_999_999_999_999_999
HTML_TAG = re.compile(r"<\s*[a-zA-Z!/?]")
NO_HTML = _("Send plain text: HTML is not accepted.")


def no_html(value: str) -> str:
    if value and HTML_TAG.search(value):
        raise serializers.ValidationError(NO_HTML)
    return value


class PlainText(serializers.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.validators.append(no_html)


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know (an ``owner`` or ``state`` sent by a
    client is an error, never silently ignored)."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: [_("This field is not accepted.")] for name in unknown}
                )
        return super().to_internal_value(data)


class ProblemSerializer(serializers.Serializer):
    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(allow_blank=True)
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.EmailField()
    organisation = serializers.CharField(allow_null=True)
    roles = serializers.ListField(child=serializers.CharField())
    scopes = serializers.ListField(child=serializers.CharField())


class MappingSerializer(serializers.Serializer):
    item = serializers.IntegerField(source="item_id")
    level = serializers.IntegerField(source="level_id", allow_null=True)
    confirmed = serializers.SerializerMethodField()

    def get_confirmed(self, mapping) -> bool:
        return mapping.confirmed_at is not None


class EntrySummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Entry
        fields = [
            "id",
            "title",
            "state",
            "activity_date",
            "cpd_type",
            "hours",
            "version",
            "updated_at",
        ]


class EntrySerializer(serializers.ModelSerializer):
    mappings = MappingSerializer(many=True, read_only=True)
    reflection_prompts = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Entry
        fields = [
            "id",
            "title",
            "state",
            "activity_date",
            "cpd_type",
            "hours",
            "description",
            "learning",
            "impact",
            "peer_reflection",
            "peer_role",
            "source_url",
            "reflection_prompts",
            "mappings",
            "review_state",
            "version",
            "created_at",
            "updated_at",
            "completed_at",
        ]


class EntryWriteSerializer(StrictSerializer):
    """A draft's fields. ``state``, ``owner`` and review fields are the
    portal's to set: completing an entry needs the portal's confidentiality
    check."""

    title = PlainText(max_length=200)
    activity_date = serializers.DateField(required=False, allow_null=True)
    cpd_type = serializers.ChoiceField(
        choices=CPDType.choices, required=False, allow_blank=True
    )
    hours = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        required=False,
        allow_null=True,
        min_value=0,
        max_value=999,
    )
    description = PlainText(max_length=10_000)
    learning = PlainText(max_length=10_000)
    impact = PlainText(max_length=10_000)
    peer_reflection = PlainText(max_length=10_000)
    peer_role = PlainText(max_length=120)
    source_url = serializers.URLField(max_length=500, required=False, allow_blank=True)


class AttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attachment
        fields = ["id", "original_name", "content_type", "size", "uploaded_at"]


class AttachmentUploadSerializer(StrictSerializer):
    file = serializers.FileField(
        help_text="A PDF, Word document, image or plain-text file, checked and "
        "cleaned like an upload in the portal."
    )


class ReadinessSerializer(serializers.Serializer):
    year_starts = serializers.DateField(source="year.starts")
    year_ends = serializers.DateField(source="year.ends")
    is_met = serializers.BooleanField()
    counting = serializers.SerializerMethodField()
    with_peer_reflection = serializers.SerializerMethodField()
    drafts = serializers.SerializerMethodField()
    still_needed = serializers.ListField(child=serializers.CharField())

    def get_counting(self, readiness) -> int:
        return len(readiness.counting)

    def get_with_peer_reflection(self, readiness) -> int:
        return len(readiness.with_peer_reflection)

    def get_drafts(self, readiness) -> int:
        return len(readiness.drafts)


class CoverageCellSerializer(serializers.Serializer):
    level = serializers.IntegerField()
    mapped = serializers.IntegerField()
    confirmed = serializers.IntegerField()


class CoverageRowSerializer(serializers.Serializer):
    domain = serializers.IntegerField()
    name = serializers.CharField()
    is_gap = serializers.BooleanField()
    cells = CoverageCellSerializer(many=True)


class CoverageSerializer(serializers.Serializer):
    framework = serializers.IntegerField(allow_null=True)
    rows = CoverageRowSerializer(many=True)


class LevelSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class ItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    code = serializers.CharField()
    name = serializers.CharField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)


class FrameworkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    family = serializers.CharField()
    version = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()


class FrameworkDetailSerializer(FrameworkSerializer):
    levels = LevelSerializer(many=True)
    items = ItemSerializer(many=True)


class LearningPageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(allow_null=True)
    cpd_type = serializers.CharField()
    cpd_hours = serializers.DecimalField(
        max_digits=5, decimal_places=2, allow_null=True
    )
    reflection_prompts = serializers.SerializerMethodField()

    def get_reflection_prompts(self, page) -> list[str]:
        return [str(prompt) for prompt in page.reflection_prompts()]


class TeamSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")
    email = serializers.EmailField()
    team = serializers.IntegerField(source="team_id", allow_null=True)
    roles = serializers.SerializerMethodField()
    is_active = serializers.BooleanField()

    def get_roles(self, person) -> list[str]:
        return sorted(str(role) for role in person.roles)


class PersonComplianceSerializer(serializers.Serializer):
    person = serializers.IntegerField(source="row.person_id")
    name = serializers.CharField(source="row.name")
    team = serializers.IntegerField(source="row.team_id", allow_null=True)
    is_met = serializers.BooleanField(source="row.readiness.is_met")
    met_on = serializers.DateField(source="row.met_on", allow_null=True)
    counting = serializers.SerializerMethodField()
    with_peer_reflection = serializers.SerializerMethodField()
    appraisal = serializers.ChoiceField(
        source="status.appraisal", choices=["signed", "in_progress", "not_started"]
    )
    supervision = serializers.ChoiceField(
        source="status.supervision", choices=["on_time", "overdue", "no_supervisor"]
    )

    def get_counting(self, item) -> int:
        return len(item["row"].readiness.counting)

    def get_with_peer_reflection(self, item) -> int:
        return len(item["row"].readiness.with_peer_reflection)


class FigureSerializer(serializers.Serializer):
    """A count of people; ``value`` is null when small numbers are hidden."""

    value = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField()


class TeamComplianceSerializer(serializers.Serializer):
    team = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    people = FigureSerializer()
    readiness_met = FigureSerializer()
    appraisal_signed = FigureSerializer()
    appraisal_in_progress = FigureSerializer()
    appraisal_not_started = FigureSerializer()
    supervision_on_time = FigureSerializer()
    supervision_overdue = FigureSerializer()
    no_supervisor = FigureSerializer()


class YearQuerySerializer(StrictSerializer):
    year = serializers.IntegerField(
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="The registration year ending 30 November of this year.",
    )


class EntryFilterSerializer(StrictSerializer):
    """Filters for your entries (an empty value means no filter)."""

    state = serializers.ChoiceField(
        choices=EntryState.choices, required=False, allow_blank=True
    )
    cpd_type = serializers.ChoiceField(
        choices=CPDType.choices, required=False, allow_blank=True
    )
    year = serializers.IntegerField(
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="The registration year ending 30 November of this year.",
    )


class PageQuerySerializer(StrictSerializer):
    """The cursor pagination's own parameters (documented by the paginator);
    anything else in the query string is refused."""

    cursor = serializers.CharField(required=False, max_length=500, allow_blank=True)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=200)


class EntryQuerySerializer(EntryFilterSerializer, PageQuerySerializer):
    pass


class CompletionSerializer(StrictSerializer):
    """A learning system's report that a person completed a course."""

    person = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="The person's id."
    )
    person_email = serializers.EmailField(
        required=False, help_text="Or the person's email address."
    )
    course_title = PlainText(max_length=200, required=True, allow_blank=False)
    completed_on = serializers.DateField()
    hours = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.25"),
        max_value=Decimal("200"),
    )
    framework_items = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        max_length=50,
    )
    course_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    description = PlainText(max_length=2000)
    learning_page = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="The portal's learning page for this course, if it has one.",
    )
    reflection_prompts = serializers.ListField(
        child=PlainText(max_length=500, allow_blank=False),
        required=False,
        max_length=10,
    )

    def validate(self, attrs):
        if ("person" in attrs) == ("person_email" in attrs):
            raise serializers.ValidationError(
                {
                    "person": [
                        _("Give the person's id or their email address, not both.")
                    ]
                }
            )
        return attrs


class CompletionResultSerializer(serializers.Serializer):
    entry = serializers.IntegerField()
    person = serializers.IntegerField()
    state = serializers.CharField()
    reflection_prompts = serializers.ListField(child=serializers.CharField())
