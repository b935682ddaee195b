"""Learning content as Wagtail pages.

The tree is: one learning home → sections → research summaries, training events
and learning pathways (pathways may also sit directly under the home). Every
piece of content shares LearningContentPage: a summary, the one body block set,
estimated CPD time, questions for reflection, and what it supports (framework
items, PCF levels and topics) — which is what "record this as CPD" copies.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from capabilities.selectors import active_pcf, mappable_items
from learning.blocks import TEXT_FEATURES, LearningBodyBlock, ReflectionQuestionBlock
from learning.page_context import page_context_for

CONTENT_TYPES = [
    "learning.ResearchSummaryPage",
    "learning.TrainingEventPage",
    "learning.LearningPathwayPage",
]


class LearningHomePage(Page):
    intro = RichTextField(blank=True, features=TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["learning.LearningSectionPage", "learning.LearningPathwayPage"]
    max_count = 1
    template = "learning/home_page.html"

    class Meta:
        verbose_name = _("learning home")

    def route(self, request, path_components):
        """Find a page below in one query on its URL path, rather than
        Wagtail's one query (and one for its specific type) per level
        (issue #15). The same answer: no page below routes differently, and
        as in Wagtail only the page found need be live."""
        if len(path_components) > 1:
            url_path = self.url_path + "/".join(path_components) + "/"
            found = Page.objects.filter(url_path=url_path).descendant_of(self).first()
            if found is not None:
                return found.specific.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context_for(page=self, request=request))
        return context


class LearningSectionPage(Page):
    intro = RichTextField(blank=True, features=TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["learning.LearningHomePage"]
    subpage_types = CONTENT_TYPES
    template = "learning/section_page.html"

    class Meta:
        verbose_name = _("learning section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context_for(page=self, request=request))
        return context


class LearningContentForm(WagtailAdminPageForm):
    """Offers only the frameworks people map their evidence to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "supported_items" in self.fields:
            field = self.fields["supported_items"]
            field.queryset = mappable_items()
            field.label_from_instance = _item_label
        if "levels" in self.fields:
            pcf = active_pcf()
            self.fields["levels"].queryset = (
                pcf.levels.all() if pcf else self.fields["levels"].queryset.none()
            )


def _item_label(item) -> str:
    return f"{item.framework.short_name} {item.code} {item.name or item.text[:80]}"


class LearningContentPage(Page):
    """What every piece of learning content has. Not created on its own."""

    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("Two or three sentences, shown in lists and search results."),
    )
    body = StreamField(LearningBodyBlock(), blank=True, verbose_name=_("body"))
    cpd_hours = models.DecimalField(
        _("estimated CPD time (hours)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
    )
    reflection_questions = StreamField(
        ReflectionQuestionBlock(),
        blank=True,
        verbose_name=_("questions for reflection"),
    )
    supported_items = ParentalManyToManyField(
        "capabilities.Item",
        blank=True,
        related_name="+",
        verbose_name=_("capabilities it supports"),
        help_text=_(
            "PCF domains, Knowledge and Skills Statements and Social Work England "
            "standards this helps people evidence."
        ),
    )
    levels = ParentalManyToManyField(
        "capabilities.Level",
        blank=True,
        related_name="+",
        verbose_name=_("PCF levels"),
    )
    topics = ParentalManyToManyField(
        "learning.Topic", blank=True, related_name="pages", verbose_name=_("topics")
    )
    is_sample = models.BooleanField(
        _("sample content"),
        default=False,
        help_text=_("Shown to readers as sample content, not real guidance."),
    )

    #: The CPD type an entry recorded from this page gets (portfolio CPDType).
    cpd_type = "other"
    is_creatable = False
    base_form_class = LearningContentForm
    parent_page_types = ["learning.LearningSectionPage"]
    subpage_types = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]

    supports_panels = [
        FieldPanel("supported_items", widget=forms.CheckboxSelectMultiple),
        FieldPanel("levels", widget=forms.CheckboxSelectMultiple),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]
    common_panels = [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("reflection_questions"),
        FieldPanel("cpd_hours"),
        FieldPanel("is_sample"),
    ]

    class Meta:
        verbose_name = _("learning content")

    def reflection_prompts(self) -> list[str]:
        return [block.value for block in self.reflection_questions]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context_for(page=self, request=request))
        return context


class StudyType(models.TextChoices):
    SYSTEMATIC_REVIEW = "systematic_review", _("Systematic review")
    TRIAL = "trial", _("Randomised controlled trial")
    OBSERVATIONAL = "observational", _("Observational or cohort study")
    QUALITATIVE = "qualitative", _("Qualitative study")
    MIXED = "mixed", _("Mixed methods")
    INQUIRY = "inquiry", _("Independent review or inquiry")
    GUIDANCE = "guidance", _("Policy or guidance")
    EXPERT = "expert", _("Expert opinion")


class EvidenceStrength(models.TextChoices):
    STRONG = "strong", _("Strong: consistent findings from well-designed studies")
    MODERATE = "moderate", _("Moderate: good studies, but fewer or less consistent")
    EMERGING = "emerging", _("Emerging: early or small studies; treat with care")
    NOT_GRADED = "not_graded", _("Not graded: a review, policy or expert view")


class ResearchSummaryPage(LearningContentPage):
    key_findings = RichTextField(_("key findings"), features=TEXT_FEATURES)
    implications = RichTextField(_("implications for practice"), features=TEXT_FEATURES)
    study_type = models.CharField(
        _("type of study"), max_length=30, choices=StudyType.choices
    )
    evidence_strength = models.CharField(
        _("how strong the evidence is"),
        max_length=20,
        choices=EvidenceStrength.choices,
    )
    strength_explained = models.TextField(
        _("why we rated it so"),
        blank=True,
        max_length=600,
        help_text=_("In plain language: what makes the evidence strong or weak."),
    )
    research_published_on = models.DateField(_("date the research was published"))

    cpd_type = "research_summary"
    is_creatable = True
    template = "learning/research_summary_page.html"

    content_panels = [
        *Page.content_panels,
        *LearningContentPage.common_panels[:1],
        FieldPanel("key_findings"),
        FieldPanel("implications"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("study_type"), FieldPanel("evidence_strength")]
                ),
                FieldPanel("strength_explained"),
                FieldPanel("research_published_on"),
            ],
            heading=_("The evidence"),
        ),
        InlinePanel(
            "references",
            label=_("References"),
            min_num=1,
            help_text=_("At least one; each needs a DOI or a link."),
        ),
        *LearningContentPage.common_panels[1:],
        MultiFieldPanel(LearningContentPage.supports_panels, heading=_("Supports")),
    ]
    search_fields = [
        *LearningContentPage.search_fields,
        index.SearchField("key_findings"),
        index.SearchField("implications"),
    ]

    class Meta:
        verbose_name = _("research summary")
        verbose_name_plural = _("research summaries")


DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")


class ResearchReference(Orderable):
    page = ParentalKey(
        ResearchSummaryPage, on_delete=models.CASCADE, related_name="references"
    )
    citation = models.TextField(
        _("full reference"),
        max_length=600,
        help_text=_("Authors, year, title, publisher or journal."),
    )
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        help_text=_(
            "Give a DOI or a link (or both) so readers can find the study. "
            "A DOI starts with 10., for example 10.1000/xyz123"
        ),
    )
    url = models.URLField(
        _("link"),
        blank=True,
        max_length=500,
        help_text=_(
            "Needed when there is no DOI: the study's address, starting https://"
        ),
    )

    panels = [FieldPanel("citation"), FieldPanel("doi"), FieldPanel("url")]

    def clean(self):
        super().clean()
        if self.doi and not DOI_PATTERN.match(self.doi.strip()):
            raise ValidationError(
                {"doi": _("Enter a DOI that starts with 10., like 10.1000/xyz123")}
            )
        if not self.doi and not self.url:
            raise ValidationError(_("Give a DOI or a link so readers can find it."))

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class TrainingEventPage(LearningContentPage):
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    format = models.CharField(_("format"), max_length=20, choices=EventFormat.choices)
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("Where it happens.")
    )
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)

    cpd_type = "course"
    is_creatable = True
    template = "learning/training_event_page.html"

    content_panels = [
        *Page.content_panels,
        *LearningContentPage.common_panels[:1],
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldRowPanel([FieldPanel("format"), FieldPanel("capacity")]),
                FieldPanel("place"),
            ],
            heading=_("When and where"),
        ),
        *LearningContentPage.common_panels[1:],
        MultiFieldPanel(LearningContentPage.supports_panels, heading=_("Supports")),
    ]

    class Meta:
        verbose_name = _("training event")

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if (
            self.format in (EventFormat.IN_PERSON, EventFormat.HYBRID)
            and not (self.place or "").strip()
        ):
            errors["place"] = _("Say where an in-person event happens.")
        if errors:
            raise ValidationError(errors)


class LearningPathwayPage(LearningContentPage):
    """An ordered route through other pages, e.g. towards a career level."""

    target_level = models.ForeignKey(
        "capabilities.Level",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for the move to"),
    )

    cpd_type = "e_learning"
    is_creatable = True
    parent_page_types = ["learning.LearningHomePage", "learning.LearningSectionPage"]
    template = "learning/pathway_page.html"

    content_panels = [
        *Page.content_panels,
        *LearningContentPage.common_panels[:1],
        FieldPanel("target_level"),
        InlinePanel("steps", label=_("Steps"), min_num=1),
        *LearningContentPage.common_panels[1:],
        MultiFieldPanel(LearningContentPage.supports_panels, heading=_("Supports")),
    ]

    class Meta:
        verbose_name = _("learning pathway")


class PathwayStep(Orderable):
    pathway = ParentalKey(
        LearningPathwayPage, on_delete=models.CASCADE, related_name="steps"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
    )
    note = models.CharField(_("why this step"), max_length=300, blank=True)

    panels = [
        PageChooserPanel(
            "page", ["learning.ResearchSummaryPage", "learning.TrainingEventPage"]
        ),
        FieldPanel("note"),
    ]
