"""Which translations are missing, outdated or up to date.

Worked out from wagtail-localize's own data: the strings of the source as it
is published now (`extract_segments`) against the string translations stored
for the target locale. A translation is *outdated* when a string of the
source has no translation in that context: the source's text changed since
it was last translated. Nothing is stored twice.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.mail import send_mail
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.models import DraftStateMixin, Locale, Page, Revision, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import String, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

MISSING = "missing"
OUTDATED = "outdated"
UP_TO_DATE = "up_to_date"
STATES = [
    (MISSING, _("Missing")),
    (OUTDATED, _("Outdated")),
    (UP_TO_DATE, _("Up to date")),
]


@dataclass
class TranslationState:
    """The state of one object's translation into one locale, with what the report links to."""

    source: object
    locale: Locale
    state: str
    target: object = None
    translation: Translation | None = None
    since: object = None  # when the source changed after the last translation
    fields: list = field(default_factory=list)  # labels of the fields whose text changed

    @property
    def state_label(self):
        return dict(STATES)[self.state]

    @property
    def title(self):
        return str(self.source)

    @property
    def type_label(self):
        return capfirst(type(self.source)._meta.verbose_name)

    @property
    def fields_label(self):
        return ", ".join(str(label) for label in self.fields)

    @property
    def source_edit_url(self):
        return edit_url(self.source)

    @property
    def target_edit_url(self):
        return edit_url(self.target) if self.target is not None else None

    @property
    def translate_url(self):
        """ "Translate this page/snippet": only while there is no translation to edit."""
        if self.target is not None:
            return None
        if isinstance(self.source, Page):
            return reverse("wagtail_localize:submit_page_translation", args=[self.source.pk])
        meta = type(self.source)._meta
        return reverse(
            "wagtail_localize:submit_snippet_translation", args=[meta.app_label, meta.model_name, quote(self.source.pk)]
        )

    @property
    def sync_url(self):
        """Wagtail-localize's "Sync translated pages/snippets": brings new source text into the editor."""
        if self.translation is None or self.state != OUTDATED:
            return None
        return reverse("wagtail_localize:update_translations", args=[self.translation.source_id])

    @property
    def review_url(self):
        """Where a reader sees the English version (pages that are live)."""
        if isinstance(self.target, Page) and self.target.live:
            return self.target.get_url()
        return None


def edit_url(instance):
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    meta = type(instance)._meta
    try:
        return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[quote(instance.pk)])
    except NoReverseMatch:
        return None


def is_public(instance):
    return instance.live if isinstance(instance, DraftStateMixin) else True


def field_label(model, path):
    name = path.split(".", 1)[0]
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except Exception:  # a path that is not a model field (wagtail-localize's own)
        return name


def untranslated_paths(source, locale):
    """Content paths of the source's current strings that have no translation into `locale`."""
    segments = [s for s in extract_segments(source) if isinstance(s, StringSegmentValue)]
    if not segments:
        return []
    translated = set(
        StringTranslation.objects.filter(
            context__object_id=source.translation_key,
            locale=locale,
            has_error=False,
            translation_of__locale_id=source.locale_id,
        ).values_list("context__path", "translation_of__data_hash")
    )
    return [
        segment.path
        for segment in segments
        if (segment.path, String._get_data_hash(segment.string.data)) not in translated
    ]


def last_translated_at(source, locale):
    return StringTranslation.objects.filter(context__object_id=source.translation_key, locale=locale).aggregate(
        at=Max("updated_at")
    )["at"]


def changed_since(source, locale):
    """When the source was first published (or saved) after the last translation."""
    last = last_translated_at(source, locale)
    if isinstance(source, Page | DraftStateMixin):
        revisions = Revision.objects.for_instance(source).order_by("created_at")
        if last is not None:
            revisions = revisions.filter(created_at__gt=last)
        first = revisions.first()
        if first is not None:
            return first.created_at
        return getattr(source, "last_published_at", None)
    source_record = TranslationSource.objects.filter(
        object_id=source.translation_key, locale_id=source.locale_id
    ).first()
    return source_record.last_updated_at if source_record else None


def state_of(source, locale, *, target=None, translation_record=None, with_since=True):
    """The TranslationState of `source` (in the default language) into `locale`."""
    if target is None:
        target = type(source).objects.filter(translation_key=source.translation_key, locale=locale).first()
    if target is not None and isinstance(target, Page):
        target = target.specific
    if translation_record is None:
        translation_record = Translation.objects.filter(
            source__object_id=source.translation_key, source__locale_id=source.locale_id, target_locale=locale
        ).first()
    state = TranslationState(source=source, locale=locale, state=MISSING, target=target, translation=translation_record)
    if target is None or not is_public(target):
        return state
    if translation_record is None or not translation_record.enabled:
        state.state = UP_TO_DATE  # an independent English version, not followed by wagtail-localize
        return state
    paths = untranslated_paths(source, locale)
    if not paths:
        state.state = UP_TO_DATE
        return state
    state.state = OUTDATED
    labels = []
    for path in paths:
        label = field_label(type(source), path)
        if label not in labels:
            labels.append(label)
    state.fields = labels
    if with_since:
        state.since = changed_since(source, locale)
    return state


def translatable_models():
    """Every page type and translatable snippet model, pages first."""
    from django.apps import apps

    pages = [m for m in apps.get_models() if issubclass(m, Page) and m is not Page]
    snippets = [m for m in get_snippet_models() if issubclass(m, TranslatableMixin)]
    return pages + snippets


def all_states():
    """The state of every translatable object of the default language into every other content language."""
    default = Locale.get_default()
    others = list(Locale.objects.exclude(pk=default.pk))
    results = []
    for model in translatable_models():
        objects = model.objects.filter(locale=default)
        if issubclass(model, Page):
            objects = objects.exact_type(model).filter(depth__gt=1).order_by("path")
        for source in objects:
            for locale in others:
                results.append(state_of(source, locale))
    return results


def notify_translators(source):
    """E-mail the people who translated `source` when its published text no longer matches their work."""
    if not isinstance(source, TranslatableMixin):
        return 0
    sent = 0
    records = Translation.objects.filter(
        source__object_id=source.translation_key, source__locale_id=source.locale_id, enabled=True
    ).select_related("target_locale")
    for record in records:
        state = state_of(source, record.target_locale, translation_record=record)
        if state.state != OUTDATED:
            continue
        translators = (
            StringTranslation.objects.filter(
                context__object_id=source.translation_key,
                locale=record.target_locale,
                last_translated_by__isnull=False,
            )
            .values_list("last_translated_by__email", "last_translated_by__wagtail_userprofile__preferred_language")
            .distinct()
        )
        for email, language in translators:
            if not email:
                continue
            with translation.override(language or settings.LANGUAGE_CODE):
                context = {"state": state, "base_url": settings.WAGTAILADMIN_BASE_URL}
                subject = render_to_string("core/emails/translation_outdated_subject.txt", context).strip()
                body = render_to_string("core/emails/translation_outdated.txt", context)
            send_mail(subject, body, None, [email])
            sent += 1
    return sent
