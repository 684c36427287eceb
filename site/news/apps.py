from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """The park's news: the news index, articles, their RSS feeds, moderation groups and workflow."""

    name = "news"
    verbose_name = _("News")
