"""Shared behaviour of the site's page types."""

from django.core.exceptions import ValidationError
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
