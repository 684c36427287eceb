"""What every snippet the public sees shares: drafts, revisions, locking and moderation, in two languages.

Header banners, organisations and map features reach readers on every page,
so an editor's change goes through the same path as a page's: saved as a
draft (with its revision kept), previewed, submitted to the moderation
workflow and published. Readers see only what is live
(`ModeratedSnippetQuerySet.public_in`).
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models

from wagtail.models import DraftStateMixin, Locale, LockableMixin, RevisionMixin, TranslatableMixin, WorkflowMixin


class ModeratedSnippetQuerySet(models.QuerySet):
    """The questions readers' pages ask about a moderated snippet."""

    def live(self):
        """Published, and not withdrawn: what readers may see (a draft's last published version stays live)."""
        return self.filter(live=True)

    def in_language(self, language):
        """In a language: a Locale or a language code."""
        if isinstance(language, Locale):
            return self.filter(locale=language)
        return self.filter(locale__language_code=language)

    def public_in(self, language):
        """What readers of that language may see: live() and in_language()."""
        return self.live().in_language(language)


class ModeratedSnippet(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, models.Model):
    """Base of a public, translatable snippet with drafts, revisions, locking and the moderation workflow.

    A reader sees the published version (the row itself, while `live`);
    unpublished changes wait in the latest revision until a moderator approves.
    """

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(app_label)s_%(class)s")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(app_label)s_%(class)s",
        for_concrete_model=False,
    )

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def revisions(self):
        return self._revisions
