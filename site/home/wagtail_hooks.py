"""The header banners' admin (which banners readers see now, which the limit of two pushes out), and home's answers to the hooks in core.registry."""

from django.contrib import messages
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, LocaleColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core import registry
from home.models import HeaderBanner, HomePage


class HeaderBannerViewSet(SnippetViewSet):
    model = HeaderBanner
    icon = "warning"
    list_display = [
        "text",
        Column("showing_state_label", label=_("On the site"), accessor=lambda banner: banner.showing_state_label()),
        LiveStatusTagColumn(),
        "active_from",
        "active_until",
        "sort_order",
        LocaleColumn(),
        UpdatedAtColumn(),
    ]
    list_filter = ["live"]


register_snippet(HeaderBannerViewSet)


def banner_notice(request, instance):
    """Tell the editor when a published banner does not show because two others come first."""
    if not isinstance(instance, HeaderBanner):
        return
    instance = HeaderBanner.objects.get(pk=instance.pk)  # as published, if it was
    if instance.showing_state() != "pushed_out":
        return
    ahead = ", ".join(f"“{banner.text}”" for banner in HeaderBanner.objects.showing(instance.locale))
    messages.warning(
        request,
        _(
            "“%(text)s” is published but does not show: at most two banners show at once, and %(ahead)s come "
            "first. Lower its order number or end one of them to show it."
        )
        % {"text": instance.text, "ahead": ahead},
    )


hooks.register("after_create_snippet", banner_notice)
hooks.register("after_edit_snippet", banner_notice)


@hooks.register(registry.SCHEDULED_CHANGES)
def banners_started_or_ended(since, until):
    """A header banner (on every page) started or stopped showing between `since` and `until`."""
    return HeaderBanner.objects.filter(
        Q(active_from__gt=since, active_from__lte=until) | Q(active_until__gt=since, active_until__lte=until)
    ).exists()


@hooks.register(registry.SHOWN_EVERYWHERE)
def home_and_menu_shown_everywhere(page):
    """The home page gives every page its footer; its children in menus make every page's main menu."""
    if isinstance(page, HomePage):
        return True
    parent = page.get_parent()
    return parent is not None and parent.specific_class is HomePage and page.show_in_menus
