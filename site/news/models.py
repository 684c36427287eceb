"""The newsroom: a news index per language and its articles.

An article's text is translated with wagtail-localize; its date, images,
related buildings and source link are synchronised from the Russian original.
Tags belong to each language version (a Russian reader filters by Russian
tags), so they are set on each version and not copied.
"""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from buildings.models import BuildingPage
from core.pages import FixedSlugMixin, PublicPageManager, SitePage
from core.routing import route_pages
from core.urls import absolute_url
from news.blocks import ArticleBodyBlock


class NewsIndexPage(SitePage, FixedSlugMixin, Page):
    """The list of articles in one language, newest first, paginated and filterable by tag."""

    objects = PublicPageManager()

    fixed_slug = "news"
    # The query parameters the index reads: the public cache keeps a copy per tag and page (core/page_cache.py).
    cache_query_parameters = ("tag", "page")

    intro = models.TextField(_("introduction"), blank=True)
    per_page = models.PositiveSmallIntegerField(
        _("articles per page"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("How many articles each page of the list shows (1 to 50)."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.ArticlePage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, FieldPanel("per_page")]

    override_translatable_fields = [TranslatableField("intro"), SynchronizedField("per_page")]

    class Meta:
        verbose_name = _("news index")

    def articles(self):
        """The live, public articles of this index (so in its language), newest first."""
        return (
            ArticlePage.objects.child_of(self)
            .public_in(self.locale_id)
            .select_related("image")
            .order_by("-date", "-first_published_at", "-pk")
        )

    def tags(self):
        """The tags used by this index's live articles, by name."""
        ids = ArticleTag.objects.filter(content_object__in=self.articles()).values("tag_id")
        return Tag.objects.filter(pk__in=ids).order_by("name")

    @staticmethod
    def page_of(paginator, number):
        """The page `number` of `paginator`: not a number (or below 1) gives the first page;
        beyond the last page raises Http404, as a link to a page that does not exist should."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        number = max(number, 1)
        try:
            return paginator.page(number)
        except (EmptyPage, PageNotAnInteger) as error:
            if number == 1:  # an index without articles still shows its (empty) first page
                return paginator.page(1)
            raise Http404(_("There is no page %(number)s of the news.") % {"number": number}) from error

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles()
        tags = self.tags()
        tag_slug = request.GET.get("tag", "").strip()
        tag = tags.filter(slug=tag_slug).first() if tag_slug else None
        notice = ""
        if tag_slug and tag is None:
            notice = _("No article is tagged “%(tag)s”, so all articles are shown.") % {"tag": tag_slug[:60]}
        if tag is not None:
            articles = articles.filter(tags=tag)
        paginator = Paginator(articles, self.per_page, allow_empty_first_page=True)
        context.update(
            articles=self.page_of(paginator, request.GET.get("page")),
            paginator=paginator,
            tags=tags,
            current_tag=tag,
            pagination_params=f"{urlencode({'tag': tag.slug})}&" if tag else "",
            tag_notice=notice,
        )
        return context


class ArticleTag(TaggedItemBase):
    """A tag on an article."""

    content_object = ParentalKey("news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class ArticlePage(SitePage, Page):
    """A news article."""

    objects = PublicPageManager()

    date = models.DateField(_("date"), default=timezone.localdate, help_text=_("The date shown on the article."))
    lead = models.TextField(_("lead"), help_text=_("One or two sentences under the title; also in lists and feeds."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set its focal point in the image editor: the crops keep it in view."),
    )
    image_alt = models.CharField(
        _("hero image alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    source_name = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("When reporting someone else's news: who reported it.")
    )
    source_url = models.URLField(_("source address"), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Hero image")),
        FieldPanel("body"),
        InlinePanel("related_buildings", heading=_("Related buildings"), label=_("Building")),
        MultiFieldPanel([FieldRowPanel([FieldPanel("source_name"), FieldPanel("source_url")])], heading=_("Source")),
        FieldPanel("tags"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("lead", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    override_translatable_fields = [
        TranslatableField("lead"),
        TranslatableField("image_alt"),
        TranslatableField("body"),
        TranslatableField("source_name"),
        SynchronizedField("date"),
        SynchronizedField("image"),
        SynchronizedField("source_url"),
    ]

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def clean(self):
        super().clean()
        errors = {}
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = _("Describe the image for people who cannot see it.")
        if self.source_url and not self.source_name.strip():
            errors["source_name"] = _("Name the source the link leads to.")
        if errors:
            raise ValidationError(errors)

    @property
    def buildings(self):
        """The related buildings, live ones only, in this article's language where translated."""
        if not isinstance(self.related_buildings.all(), models.QuerySet):
            # A preview: the links are in memory (modelcluster), which can't take part in a subquery.
            links = sorted(self.related_buildings.all(), key=lambda link: link.sort_order or 0)
            order = {link.building.translation_key: position for position, link in enumerate(links) if link.building}
            found = BuildingPage.objects.public_in(self.locale_id).filter(translation_key__in=list(order))
            return sorted(found, key=lambda building: (order[building.translation_key], building.title))
        keys = self.related_buildings.values("building__translation_key")
        order = self.related_buildings.filter(building__translation_key=OuterRef("translation_key")).values(
            "sort_order"
        )
        return list(
            BuildingPage.objects.public_in(self.locale_id)
            .filter(translation_key__in=keys)
            .annotate(link_order=Subquery(order[:1]))
            .order_by("link_order", "title")
        )

    def structured_data(self, request):
        """schema.org NewsArticle, as a dict for JSON-LD."""
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.lead,
            "inLanguage": self.locale.language_code,
            "datePublished": self.date.isoformat(),
            "mainEntityOfPage": absolute_url(self.get_url(request)),
            "url": absolute_url(self.get_url(request)),
        }
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        if self.image:
            data["image"] = [absolute_url(self.image.get_rendition("fill-1200x630-c100").url)]
        data["publisher"] = {"@type": "Organization", "name": str(_("Kaliningrad IT Park"))}
        if self.source_name:
            data["isBasedOn"] = self.source_url or self.source_name
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = route_pages(request)
        parent = pages[-2] if len(pages) > 1 else self.get_parent()
        context.update(
            news_index=parent if issubclass(parent.specific_class, NewsIndexPage) else None,
            tags=list(self.tags.all()),
            structured_data=self.structured_data(request),
            og_image=self.image.get_rendition("fill-1200x630-c100") if self.image else None,
        )
        return context


class ArticleBuilding(Orderable):
    """A building an article is about; the English article links the building's English page."""

    page = ParentalKey(ArticlePage, related_name="related_buildings", on_delete=models.CASCADE)
    building = models.ForeignKey(
        "buildings.BuildingPage", verbose_name=_("building"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("building")]

    class Meta(Orderable.Meta):
        verbose_name = _("related building")
        verbose_name_plural = _("related buildings")
