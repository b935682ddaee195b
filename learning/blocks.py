"""The one block set every learning page's body is written with.

Kept small on purpose: headings, paragraphs with a few safe formats, key points,
quotations, images with required alternative text, and lists of further links.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

#: Rich text formats editors may use (no raw HTML, no embeds, no colours).
TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_(
            "Describe what the image shows for people who cannot see it. "
            "Leave empty only if the image is purely decorative."
        ),
        required=False,
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "learning/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(max_length=1000)
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "learning/blocks/quote.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    url = blocks.URLBlock()

    class Meta:
        icon = "link"


class LearningBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        max_length=120, template="learning/blocks/heading.html", icon="title"
    )
    paragraph = blocks.RichTextBlock(features=TEXT_FEATURES)
    key_point = blocks.TextBlock(
        max_length=600,
        template="learning/blocks/key_point.html",
        icon="pick",
        help_text=_("Shown as inset text to draw the reader's eye."),
    )
    quote = QuoteBlock()
    image = ImageBlock()
    further_reading = blocks.ListBlock(
        LinkBlock(),
        template="learning/blocks/further_reading.html",
        icon="list-ul",
    )


class ReflectionQuestionBlock(blocks.StreamBlock):
    question = blocks.CharBlock(max_length=300, icon="help")
