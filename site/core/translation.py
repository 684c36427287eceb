"""Translating content through wagtail-localize from code (demo content, tests).

The same path an editor takes in the admin ("Translate" then "Publish"), with
the translated strings supplied as a mapping from source text to translation.
"""

from django.conf import settings
from django.db import transaction

from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue


class MissingTranslationError(KeyError):
    """A source string has no entry in the mapping: the translation would silently fall back."""


@transaction.atomic
def translate(instance, locale, strings, *, publish=True, user=None):
    """Translate `instance` (a page or translatable snippet) into `locale`.

    `strings` maps each translatable source string to its translation, as
    plain text (line breaks and all) or, for rich text, as its HTML. Every
    segment of the source must be covered, so a partial translation fails
    loudly instead of showing Russian text on an English page. Returns the
    translated instance.
    """
    # wagtail-localize keeps plain text as HTML (a line break is <br/>).
    lookup = {
        StringValue.from_plaintext(src).data: StringValue.from_plaintext(dst).data for src, dst in strings.items()
    }
    lookup.update(strings)
    if isinstance(instance, Page):
        instance = instance.specific
    # What the admin's "Translate" does (TranslationCreator), without its
    # publish-on-commit of an untranslated copy.
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    Translation.objects.update_or_create(source=source, target_locale=locale, defaults={"enabled": True})
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    missing = [segment.string.data for segment in segments if segment.string.data not in lookup]
    if missing:
        raise MissingTranslationError(f"No {locale.language_code} translation for: {missing}")
    for segment in segments:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": lookup[segment.string.data],
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
    # wagtail-localize publishes a page translation on commit, from a revision
    # taken now: pages added under it before the commit (the demo loader adds
    # a whole tree in one transaction) would be lost from its child count and
    # unreachable. Save a draft and publish it here instead.
    is_page = isinstance(instance, Page)
    translation = Translation.objects.get(source=source, target_locale=locale)
    translation.save_target(user=user, publish=publish and not is_page)
    translated = instance.get_translation(locale)
    if publish and is_page:
        translated.get_latest_revision().publish(user=user)
    return translated


def publish_translated_page(parent, page, locale, strings, *, user=None):
    """Add `page` under `parent`, publish it, and publish its translation into `locale`.

    The demo loaders' way of making a page in Russian and English; returns
    the translated page (see `translate` for `strings`).
    """
    parent.add_child(instance=page)
    page.save_revision(user=user).publish(user=user)
    return translate(page, locale, strings, user=user)


def in_language_with_fallback(queryset, language):
    """The objects of `queryset` (a translatable snippet model) in `language` (a code or a Locale), and,
    for those with no version among them in that language, the default language's. Each carries
    `fallback_language`: the language code of its text when it is a fallback (to mark it with `lang`),
    else "". Locales are matched by language code in the same query: no Locale is fetched.
    """
    from django.db.models import Case, F, Q, Value, When

    from wagtail.coreutils import get_supported_content_language_variant

    language = getattr(language, "language_code", language)
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    if language == default:
        return queryset.filter(locale__language_code=language).annotate(fallback_language=Value(""))
    translated = queryset.filter(locale__language_code=language).values("translation_key")
    return queryset.filter(
        Q(locale__language_code=language) | (Q(locale__language_code=default) & ~Q(translation_key__in=translated))
    ).annotate(
        fallback_language=Case(When(locale__language_code=language, then=Value("")), default=F("locale__language_code"))
    )
