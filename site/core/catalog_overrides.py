"""Strings of wagtail-localize, Wagtail and Leaflet.draw whose Russian translation the project corrects.

Their translations live in the project's catalog (locale/ru/LC_MESSAGES/django.po),
which Django reads before any app's (LOCALE_PATHS come first). Listed here so
that makemessages keeps them; nothing imports this module.
"""

from django.utils.translation import gettext_noop

CORRECTED = [
    # wagtail-localize: the translations report's state ("до даты").
    gettext_noop("Up to date"),
    gettext_noop("Waiting for translations"),
    # wagtail-localize: who translated a string, shown in the editor ("Переведено в ручную в …").
    gettext_noop("Translated manually on {date}"),
    gettext_noop("Translated with {tool_name} on {date}"),
    gettext_noop("Machine translated on {date}"),
    gettext_noop("Machine"),
    # wagtail-localize: the submit message, missing its subject.
    gettext_noop("The {model_name} '{object}' was successfully submitted for translation into {locales}"),
]
