"""The blocks of a news article's body: the shared ones (core.blocks) and the park map (map.blocks)."""

from wagtail import blocks

from core.blocks import CaptionedImageBlock, HeadingBlock, ParagraphBlock, QuoteBlock, VideoBlock
from map.blocks import ParkMapBlock


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of a news article."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    park_map = ParkMapBlock()
