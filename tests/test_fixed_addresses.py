"""The sections whose addresses other sites rely on keep them: /{lang}/map/, /{lang}/buildings/, /{lang}/news/,
/{lang}/residents/, /{lang}/timeline/, /{lang}/apply/, /{lang}/privacy/."""

from django.urls import reverse
from django.utils import translation

from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.blocks.base import BlockWidget
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from applications.models import ApplyPage, PrivacyPage
from buildings.models import BuildingIndexPage, TimelinePage
from map.models import MapPage
from news.models import NewsIndexPage
from residents.models import ResidentsPage
from tests.factories import SuperuserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "slug"),
    [
        (MapPage, "map"),
        (BuildingIndexPage, "buildings"),
        (NewsIndexPage, "news"),
        (ResidentsPage, "residents"),
        (TimelinePage, "timeline"),
        (ApplyPage, "apply"),
        (PrivacyPage, "privacy"),
    ],
)
def test_renaming_a_section_in_the_admin_is_refused(client, ru, model, slug):
    """Embeds, feeds and links in journalists' articles point at these addresses: an editor can't break them."""
    client.force_login(SuperuserFactory(admin_language="en"))
    page = model.objects.get(locale=ru)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = client.get(url).context["form"]
    data = _form_data(form) | {"slug": "renamed"}
    with translation.override("en"):
        response = client.post(url, data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"slug"}, response.context["form"].errors
    assert f"fixed as “{slug}”" in response.content.decode()
    assert Page.objects.get(pk=page.pk).slug == slug


def _form_data(form):
    """The edit form's current values as POST data, as the browser would send them unchanged."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None:
            continue
        widget = bound.field.widget
        if isinstance(widget, DraftailRichTextArea):
            data[bound.html_name] = widget.format_value(value)
        elif isinstance(widget, BlockWidget):
            items = [(child.block_type, _block_data(child.value)) for child in value]
            data.update(nested_form_data({bound.html_name: streamfield(items)}))
        else:
            data[bound.html_name] = value if isinstance(value, str | int | list) else str(value)
    return data


def _block_data(value):
    return {key: str(item) for key, item in value.items()} if hasattr(value, "items") else str(value)
