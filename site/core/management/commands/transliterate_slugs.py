"""manage.py transliterate_slugs: give pages with Cyrillic (any non-Latin) slugs Latin ones, old addresses redirecting.

Run once after upgrading a site whose pages were made before slugs became
Latin (core.pages.AsciiSlugs); it is idempotent. Each page is renamed as an
editor would rename it, so Wagtail's redirects app records a permanent
redirect from the old address of the page and of every page below it.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from core.pages import ascii_slug


class Command(BaseCommand):
    help = _("Give pages with non-Latin slugs Latin ones; their old addresses redirect to the new ones.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("Only list what would be renamed."))

    def handle(self, *args, dry_run=False, **options):
        renamed = 0
        # Parents first: a child's old address is read after its parent's rename has moved it.
        for page in Page.objects.filter(depth__gt=1).order_by("path"):
            if page.slug.isascii():
                continue
            page = page.specific
            old_urls = {descendant.pk: descendant.url for descendant in page.get_descendants(inclusive=True)}
            new_slug = self.free_slug(page, ascii_slug(page.slug) or "page")
            self.stdout.write(f"{page.url} → {new_slug}")
            renamed += 1
            if dry_run:
                continue
            with transaction.atomic():
                page.slug = new_slug
                page.save(clean=False)  # a full save: Wagtail moves url_path, its own and its descendants'
                revision = page.latest_revision
                if revision is not None:  # the next publish must not bring the old slug back
                    revision.content["slug"] = new_slug
                    revision.save(update_fields=["content"])
                for descendant in page.get_descendants(inclusive=True).specific():
                    old_url = old_urls.get(descendant.pk)
                    if old_url and old_url != descendant.url:
                        Redirect.objects.update_or_create(
                            old_path=Redirect.normalise_path(old_url),
                            site=None,
                            defaults={"redirect_page": descendant, "is_permanent": True},
                        )
        self.stdout.write(_("Pages renamed: %(count)d.") % {"count": renamed})

    @staticmethod
    def free_slug(page, base):
        """`base`, or `base-2`, `base-3`... if a sibling already has it."""
        siblings = set(page.get_siblings(inclusive=False).values_list("slug", flat=True))
        slug, number = base, 1
        while slug in siblings:
            number += 1
            slug = f"{base}-{number}"
        return slug
