"""Shared behaviour of the site's page types."""

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _


class FixedSlugMixin:
    """A section page whose address is part of the site's public contract (docs/contract.md: /{lang}/<slug>/).

    Routes of their own live under it (/{lang}/map/embed/, /{lang}/news/feed/), oEmbed recognises
    it, and journalists' articles link to it: an editor renaming it would break all of them.
    """

    fixed_slug = ""

    def clean(self):
        super().clean()
        if self.slug != self.fixed_slug:
            raise ValidationError(
                {
                    "slug": _(
                        "This section's address is fixed as “%(slug)s”: embeds, feeds and links on other sites depend on it."
                    )
                    % {"slug": self.fixed_slug}
                }
            )


def without_restricted(pages):
    """`pages` (a page queryset) without those inside a private section, in the same query.

    Wagtail's .public() first reads every view restriction in a query of its
    own; the same test as a subquery keeps the caller's single query.
    """
    from wagtail.models import PageViewRestriction

    restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return pages.exclude(Exists(restricted))
