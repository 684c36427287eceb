"""StreamField blocks shared by the site's pages. Each block describes itself
(template, icon, description, preview) so editors know what they are adding."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


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
