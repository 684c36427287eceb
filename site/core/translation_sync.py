"""Facts follow their source at once.

When a source page (or translatable snippet) is published, its synchronised
fields (geometry, numbers, dates, choices, images, related pages, codes) are
copied into every enabled translation: the live row and its latest revision,
so a translator's pending draft keeps the new facts too. Translated prose is
never touched; it waits for the translator.
"""

from django.db import models, transaction

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.models import DraftStateMixin, Page, TranslatableMixin
from wagtail.signals import page_published, published
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import TranslationSource


def synchronised_fields(model):
    """The fields of `model` that are copied from the source, never translated (the model's declaration)."""
    return [field for field in get_translatable_fields(model) if not field.is_translated(None)]


def copy_facts(source, target):
    """Copy the synchronised fields of `source` onto `target` (same model), in memory."""
    for translatable_field in synchronised_fields(type(source)):
        field = translatable_field.get_field(type(target))
        if isinstance(field, models.ManyToOneRel) and isinstance(field.remote_field, ParentalKey):
            source.copy_child_relation(field.name, target)
        elif isinstance(field, ParentalManyToManyField):
            setattr(target, field.name, list(getattr(source, field.name).all()))
        elif isinstance(field, models.Field) and field.concrete:
            setattr(target, field.attname, getattr(source, field.attname))


def translation_source_of(instance):
    """The TranslationSource whose source is `instance` (in its own locale), or None."""
    return TranslationSource.objects.filter(object_id=instance.translation_key, locale_id=instance.locale_id).first()


def translations_to_update(instance):
    source = translation_source_of(instance)
    if source is None:
        return []
    locales = source.translations.filter(enabled=True).values_list("target_locale_id", flat=True)
    return list(type(instance).objects.filter(translation_key=instance.translation_key, locale_id__in=locales))


def _update_latest_revision(source, target):
    revision = target.latest_revision
    if revision is None:
        return
    draft = revision.as_object()
    copy_facts(source, draft)
    revision.content = draft.serializable_data()
    revision.save(update_fields=["content"])


@transaction.atomic
def propagate_facts(instance):
    """Copy the facts of a just-published source into its translations; returns the translations updated."""
    updated = []
    for target in translations_to_update(instance):
        if isinstance(target, DraftStateMixin):
            _update_latest_revision(instance, target)
            if not target.live:
                continue
        copy_facts(instance, target)
        if isinstance(target, Page):
            target.save(clean=False, update_fields=None)
        else:
            target.save()
        updated.append(target)
    return updated


def _after_source_change(instance):
    from core.translation_status import notify_translators

    transaction.on_commit(lambda: notify_translators(instance))


def _on_page_published(sender, instance, **kwargs):
    instance = instance.specific
    updated = propagate_facts(instance)
    for target in updated:
        # Let the caches and search index hear that the translation changed.
        page_published.send(sender=type(target), instance=target, revision=target.live_revision)
    if translation_source_of(instance) is not None:
        _after_source_change(instance)


def _on_snippet_published(sender, instance, **kwargs):
    if isinstance(instance, TranslatableMixin) and not isinstance(instance, Page):
        propagate_facts(instance)
        if translation_source_of(instance) is not None:
            _after_source_change(instance)


def _on_snippet_saved(sender, instance, raw=False, **kwargs):
    """Snippets without drafts are live as saved: their facts follow on save."""
    if raw or not isinstance(instance, TranslatableMixin) or isinstance(instance, Page | DraftStateMixin):
        return
    propagate_facts(instance)
    if translation_source_of(instance) is not None:
        _after_source_change(instance)


def connect():
    page_published.connect(_on_page_published, dispatch_uid="itpark_propagate_page_facts")
    published.connect(_on_snippet_published, dispatch_uid="itpark_propagate_snippet_facts")
    models.signals.post_save.connect(_on_snippet_saved, dispatch_uid="itpark_propagate_snippet_facts_on_save")
