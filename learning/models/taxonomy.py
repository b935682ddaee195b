"""Topics: the managed taxonomy learning content is filed under."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TopicGroup(models.TextChoices):
    MUNRO_THEME = "munro", _("Theme of the Munro review")
    PRACTICE_AREA = "practice", _("Practice area")


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    group = models.CharField(
        _("group"), max_length=20, choices=TopicGroup.choices, default=""
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")

    def __str__(self):
        return self.name
