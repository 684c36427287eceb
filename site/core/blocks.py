"""StreamField blocks shared by the site's pages. Each block describes itself
(template, icon, description, preview) so editors know what they are adding."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Subsection heading"))],
        default="h2",
    )

    class Meta:
        template = "components/blocks/heading.html"
        icon = "title"
        label = _("Heading")
        description = _("A section heading; the page title is the only first-level heading.")
        preview_value = {"text": "Kaliningrad IT Park", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "ol", "ul"])
        super().__init__(**kwargs)

    class Meta:
        template = "components/blocks/paragraph.html"
        icon = "pilcrow"
        label = _("Paragraph")
        description = _("Running text with links and lists.")
        preview_value = "<p>A place where IT businesses meet, find ideas and make solutions.</p>"


class KeyFactBlock(blocks.StructBlock):
    """A figure with its label: the number is copied to translations, the words are translated."""

    number = blocks.DecimalBlock(label=_("Number"), decimal_places=2)
    unit = blocks.CharBlock(label=_("Unit"), required=False, max_length=40, help_text=_('For example "ha".'))
    label = blocks.CharBlock(label=_("Label"), max_length=120)

    class Meta:
        template = "components/blocks/key_fact.html"
        icon = "decimal"
        label = _("Key fact")
        description = _("A figure about the park, such as its area or the number of buildings.")
        preview_value = {"number": "5.4", "unit": "ha", "label": "site area"}


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()


# Blocks for richer bodies (news articles); other pages may use them too.


class CaptionedImageBlock(blocks.StructBlock):
    """An image across the text column, with alt text for people who cannot see it and an optional caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alt text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        template = "components/blocks/captioned_image.html"
        icon = "image"
        label = _("Image")
        description = _("An image with alt text and an optional caption.")


class QuoteBlock(blocks.StructBlock):
    """A quotation with who said it."""

    quote = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        template = "components/blocks/quote.html"
        icon = "openquote"
        label = _("Quote")
        description = _("A quotation, with the name of the person or source quoted.")
        preview_value = {
            "quote": "A place where IT businesses meet, find ideas and make solutions.",
            "attribution": "Kaliningrad Region Development Corporation",
        }


class VideoBlock(blocks.StructBlock):
    """A video hosted elsewhere (YouTube, Rutube, VK Video...), shown as a link.

    The page does not load the other site's player: that would tell the video
    host about every reader. The link leads to the video, and the embed is
    looked up (and cached) by Wagtail's embeds app only when an editor saves.
    """

    video = EmbedBlock(label=_("Video address"), help_text=_("The address of the video page."))
    title = blocks.CharBlock(label=_("Title"), max_length=200, help_text=_("What the video is about."))

    class Meta:
        template = "components/blocks/video.html"
        icon = "media"
        label = _("Video")
        description = _("A link to a video on another site; readers open it there.")
