"""Translators finish their work: "Submit for moderation" in wagtail-localize's editor.

wagtail-localize's editor only knows "Publish in <language>". A translator
(who may edit the English page but not publish it) gets the same button,
labelled "Submit for moderation", and it saves the translation as a draft and
starts the page's workflow; a moderator approves and the English page goes
live. Users who may publish keep wagtail-localize's own "Publish".

Translations need a second pair of eyes: English readers see the park's facts
and promises in a language the editors may not read themselves, so a
moderator approves them as they approve Russian news.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.models import WorkflowState
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation


class SubmitInsteadOfPublish:
    """A user's permissions on a page, where "publish" in the translation editor means "submit"."""

    submits_for_moderation = True

    def __init__(self, permissions):
        self._permissions = permissions

    def can_publish(self):
        return True

    def can_unpublish(self):
        return False

    def __getattr__(self, name):
        return getattr(self._permissions, name)


def synced_translation(instance):
    return Translation.objects.filter(
        source__object_id=instance.translation_key, target_locale_id=instance.locale_id, enabled=True
    ).first()


def submits_for_moderation(user, page):
    """True when `user` edits this translated page but needs a moderator to publish it."""
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() and not permissions.can_publish() and page.get_workflow() is not None


def submit_translation(request, translation, page):
    """Save the translation as a draft of the English page and send it to its workflow."""
    try:
        translation.save_target(user=request.user, publish=False)
    except ValidationError:
        messages.error(
            request,
            _(
                "'%(title)s' could not be saved in %(language)s: some translations are not valid. Fix them and submit again."
            )
            % {"title": page.title, "language": translation.target_locale.get_display_name()},
        )
        return redirect(request.path)
    page.refresh_from_db()
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=request.user)
    else:
        if state is not None:
            state.cancel(user=request.user)
        page.get_workflow().start(page, request.user)
    messages.success(
        request,
        _("'%(title)s' in %(language)s has been submitted for moderation.")
        % {"title": page.title, "language": translation.target_locale.get_display_name()},
    )
    return redirect(request.path)


def before_edit_page(request, page):
    """Runs before wagtail-localize's own hook; returns None to leave the page to it."""
    if page.alias_of_id is not None:
        return None
    translation = synced_translation(page)
    if translation is None or not submits_for_moderation(request.user, page):
        return None
    if request.method == "POST":
        if request.POST.get("action") == "publish":
            return submit_translation(request, translation, page)
        return None
    permissions = SubmitInsteadOfPublish(page.permissions_for_user(request.user))
    page.permissions_for_user = lambda user: permissions
    return edit_translation.edit_translation(request, translation, page)


def download_pofile(request, translation_id):
    """wagtail-localize's PO download, named after the object in any script.

    wagtail-localize names the file `slugify(title)-en.po`, which is "-en.po" for
    every Russian title; this keeps the title's letters (RFC 6266 `filename*`
    for non-ASCII names) and falls back to the object's type when nothing is left.
    """
    response = edit_translation.download_pofile(request, translation_id)
    translation = Translation.objects.select_related("source", "target_locale").get(pk=translation_id)
    stem = slugify(translation.source.object_repr, allow_unicode=True) or slugify(
        translation.source.specific_content_type.name
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{stem}-{translation.target_locale.language_code}.po"
    )
    return response
