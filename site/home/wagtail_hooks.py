"""What the home part tells lower parts (core.registry): its pages show on every page."""

from wagtail import hooks

from core import registry
from home.models import HomePage


@hooks.register(registry.SHOWN_EVERYWHERE)
def home_and_menu_shown_everywhere(page):
    """The home page gives every page its footer; its children in menus make every page's main menu."""
    if isinstance(page, HomePage):
        return True
    parent = page.get_parent()
    return parent is not None and parent.specific_class is HomePage and page.show_in_menus
