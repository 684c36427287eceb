"""RSS 2.0 feed of the news in the reader's language: `/{lang}/news/feed/`.

Absolute links, RFC 822 dates (Django's Rss201rev2Feed), the hero image as an
enclosure with its length and type. A new feed object serves each request,
so the request can be kept on it safely.
"""

import datetime
import mimetypes

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.translation import get_language, gettext

from core.urls import absolute_url
from news.models import NewsIndexPage

FEED_LENGTH = 20
ENCLOSURE_RENDITION = "fill-1200x630-c100"


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, request):
        super().__init__()
        self.request = request

    def get_object(self, request, *args, **kwargs):
        index = NewsIndexPage.objects.public_in(get_language()).first()
        if index is None:
            raise Http404(gettext("There is no news in this language."))
        return index

    def title(self, obj):
        return f"{obj.title} · {gettext('Kaliningrad IT Park')}"

    # Links on the configured base URL (core.urls), never the request's Host: the feed is cached and shared.
    def link(self, obj):
        return absolute_url(obj.get_url(self.request))

    def feed_url(self, obj):
        return absolute_url(self.request.path)

    def description(self, obj):
        return obj.intro or gettext("News of the Kaliningrad IT Park.")

    def items(self, obj):
        return obj.articles().select_related("image").prefetch_related("tagged_items__tag")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return absolute_url(item.get_url(self.request))

    def item_pubdate(self, item):
        """The article's date at midnight in the site's time zone (its publication time on that date, if known)."""
        published = item.first_published_at
        if published and timezone.localdate(published) == item.date:
            return published
        return datetime.datetime.combine(item.date, datetime.time(), tzinfo=timezone.get_current_timezone())

    def item_categories(self, item):
        return [tagged.tag.name for tagged in item.tagged_items.all()]

    def item_enclosures(self, item):
        if item.image is None:
            return []
        rendition = item.image.get_rendition(ENCLOSURE_RENDITION)
        mime_type = mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"
        url = absolute_url(rendition.url)
        return [Enclosure(url, str(rendition.file.size), mime_type)]


def news_feed(request):
    """The feed view: a fresh NewsFeed for each request."""
    return NewsFeed(request)(request)
