from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared pieces that belong to no single app: health check, language links, blocks."""

    name = "core"
    verbose_name = _("Site core")

    def ready(self):
        from core import translation_sync

        translation_sync.connect()
        from core import page_cache

        page_cache.connect_signals()
        from core import frontend_cache

        frontend_cache.connect()
