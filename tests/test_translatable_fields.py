"""Every translatable model declares what is translated and what is copied from the source:
no geometry, number, date, image, choice or foreign key is ever offered for translation
(a translator could otherwise move a building or change its floors in English only)."""

from django.apps import apps
from django.contrib.gis.db import models as gis_models
from django.db import models

from wagtail.models import Page, TranslatableMixin
from wagtail_localize.fields import get_translatable_fields

import pytest

TRANSLATABLE_MODELS = [
    model
    for model in apps.get_models()
    if issubclass(model, TranslatableMixin)
    and model is not Page
    and model._meta.app_label in {"home", "buildings", "map", "news"}
]
FACT_FIELDS = (
    gis_models.GeometryField,
    models.IntegerField,
    models.DecimalField,
    models.FloatField,
    models.DateField,
    models.ForeignKey,
    models.BooleanField,
)


def test_the_walk_finds_every_translatable_model():
    """Pages and snippets of every app are covered (a new model would be walked too)."""
    names = {model.__name__ for model in TRANSLATABLE_MODELS}
    assert {"BuildingPage", "HeaderBanner", "MapFeature", "Organisation", "ArticlePage", "HomePage"} <= names


@pytest.mark.parametrize("model", TRANSLATABLE_MODELS, ids=lambda model: model.__name__)
def test_no_fact_is_offered_for_translation(model):
    """Only text is translated; facts are synchronised from the Russian source."""
    offered = []
    for translatable in get_translatable_fields(model):
        if not translatable.is_translated(None):
            continue
        field = translatable.get_field(model)
        if isinstance(field, FACT_FIELDS) or getattr(field, "choices", None):
            offered.append(field.name)
    assert offered == [], f"{model.__name__} offers facts for translation: {offered}"


@pytest.mark.parametrize("model", TRANSLATABLE_MODELS, ids=lambda model: model.__name__)
def test_every_model_declares_its_fields(model):
    """Each model says, field by field, what is translated and what is synchronised."""
    own = model.__dict__.get("override_translatable_fields") or model.__dict__.get("translatable_fields")
    assert own, f"{model.__name__} relies on wagtail-localize's guesses"
