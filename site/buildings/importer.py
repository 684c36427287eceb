"""Importing building footprints from a GeoJSON file (RFC 7946).

The same service backs `manage.py import_buildings` and the admin's "Import
buildings" view. Each feature names an existing building by slug (its `id`,
else `properties.slug`) in the default (source) language; a building whose
footprint differs gets a new revision with the new one, published or left as
a draft. When published, the translations follow through wagtail-localize, as
"Sync translated pages" does. Nothing is ever created.

Every fault is reported against its feature, numbered from 1 in file order,
in the active language. Any fault at all, and nothing is changed: the whole
import runs in one transaction, rolled back on the first sign of trouble.
"""

import json
import math
from dataclasses import dataclass, field
from functools import partial

from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from buildings import geometry
from buildings.models import BuildingPage

POLYGON_TYPES = ("Polygon", "MultiPolygon")
# Two outlines this close (in degrees, about 0.1 mm) count as the same.
SAME_GEOMETRY_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Fault:
    """What is wrong, and where: feature `number` (from 1) and its slug, or the file as a whole."""

    number: int | None
    slug: str
    message: str

    @property
    def where(self):
        if self.number is None:
            return _("The file")
        if self.slug:
            return _("Feature %(number)s (%(slug)s)") % {"number": self.number, "slug": self.slug}
        return _("Feature %(number)s") % {"number": self.number}

    def __str__(self):
        return f"{self.where}: {self.message}"


@dataclass
class ImportReport:
    """The outcome of an import. With any fault, nothing was changed and the slug lists are empty."""

    publish: bool
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    in_review: list[str] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)

    @property
    def ok(self):
        return not self.faults


@dataclass
class _Candidate:
    """A feature that passed every check of its own: the building it names and its new footprint."""

    number: int
    slug: str
    page: BuildingPage
    footprint: object
    revision: object = None


class _Rollback(Exception):
    """Raised inside the import's transaction to undo it."""


def import_buildings(data, *, publish=True, user=None):
    """Import footprints from GeoJSON `data` (text or UTF-8 bytes) and return an ImportReport."""
    report = ImportReport(publish=publish)
    features = _read_collection(data, report)
    if features is None:
        return report
    try:
        with transaction.atomic():
            candidates = _check_features(features, report)
            report.faults += _overlap_faults(candidates)
            if report.faults:
                raise _Rollback
            _apply(candidates, report, user)
            if report.faults:
                raise _Rollback
    except _Rollback:
        report.updated.clear()
        report.unchanged.clear()
    return report


# The file as a whole


def _file_fault(report, message):
    report.faults.append(Fault(None, "", message))


def _refuse_constant(name):
    raise ValueError(_("%(name)s is not a number JSON allows.") % {"name": name})


def _read_collection(data, report):
    """The list of features, or None with a fault in the report."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            _file_fault(report, _("The file is not UTF-8 text (byte %(position)s).") % {"position": error.start + 1})
            return None
    try:
        document = json.loads(data, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        _file_fault(
            report,
            _("The file is not valid JSON: %(error)s at line %(line)s, column %(column)s.")
            % {"error": error.msg, "line": error.lineno, "column": error.colno},
        )
        return None
    except (ValueError, RecursionError) as error:
        _file_fault(report, _("The file is not valid JSON: %(error)s.") % {"error": error})
        return None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        _file_fault(report, _("The file is not a GeoJSON FeatureCollection."))
        return None
    if "crs" in document:
        _file_fault(report, _crs_message())
        return None
    features = document.get("features")
    if not isinstance(features, list):
        _file_fault(report, _("The FeatureCollection has no list of features."))
        return None
    if not features:
        _file_fault(report, _("The file has no features."))
        return None
    return features


def _crs_message():
    return _(
        "GeoJSON has no “crs” member (RFC 7946): coordinates are always WGS 84 longitude and latitude. "
        "Remove it, and give the coordinates in WGS 84."
    )


# Each feature on its own


def _check_features(features, report):
    """Check every feature; return those fit to import, and report the faults of the others."""
    locale = Locale.get_default()
    region = geometry.park_region()
    slugs = {}
    parsed = []
    for number, feature in enumerate(features, start=1):
        slug, faults = _feature_slug(feature)
        if slug and slug in slugs:
            faults.append(
                _("The slug “%(slug)s” is used again: feature %(first)s has it already.")
                % {"slug": slug, "first": slugs[slug]}
            )
        elif slug:
            slugs[slug] = number
        footprint = None
        if isinstance(feature, dict) and feature.get("type") == "Feature":
            footprint, geometry_faults = _feature_footprint(feature, region)
            faults += geometry_faults
        parsed.append((number, slug, footprint, faults))

    pages = _pages_by_slug(locale, list(slugs))
    candidates = []
    for number, slug, footprint, faults in parsed:
        if slug and slug not in pages:
            faults.append(_("There is no building with the slug “%(slug)s”.") % {"slug": slug})
        report.faults += [Fault(number, slug, message) for message in faults]
        if not faults:
            candidates.append(_Candidate(number, slug, pages[slug], footprint))
    return candidates


def _pages_by_slug(locale, slugs):
    """The source-language building pages with these slugs, locked until the import ends."""
    pages = BuildingPage.objects.select_for_update().filter(locale=locale, slug__in=slugs).order_by("-path")
    return {page.slug: page for page in pages}


def _feature_slug(feature):
    """The slug a feature names (its `id`, else `properties.slug`) and what is wrong with it."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return "", [_("It is not a GeoJSON Feature.")]
    properties = feature.get("properties")
    properties = properties if isinstance(properties, dict) else {}
    feature_id = feature.get("id")
    property_slug = properties.get("slug")
    slug = feature_id if feature_id not in (None, "") else property_slug
    if slug in (None, ""):
        return "", [_("It has no slug: give the building's slug as the feature's “id” or as “properties.slug”.")]
    slug = str(slug)
    if property_slug not in (None, "") and str(property_slug) != slug:
        return slug, [
            _("Its “id” (%(id)s) and “properties.slug” (%(slug)s) name different buildings.")
            % {"id": slug, "slug": property_slug}
        ]
    return slug, []


def _feature_footprint(feature, region):
    """The feature's footprint as a MultiPolygon (SRID 4326), or None and what is wrong with it."""
    if "crs" in feature:
        return None, [_crs_message()]
    data = feature.get("geometry")
    if data is None:
        return None, [_("It has no geometry: a Polygon or a MultiPolygon is expected.")]
    if not isinstance(data, dict):
        return None, [_("Its geometry is not a GeoJSON geometry object.")]
    if "crs" in data:
        return None, [_crs_message()]
    kind = data.get("type")
    if not kind or not isinstance(kind, str):
        return None, [_("Its geometry has no type: a Polygon or a MultiPolygon is expected.")]
    if kind not in POLYGON_TYPES:
        return None, [_("The footprint must be a polygon or a multipolygon, not a %(type)s.") % {"type": kind}]
    coordinates, problem = _plane_coordinates(kind, data.get("coordinates"))
    if problem:
        return None, [problem]
    try:
        # The dict was checked above, and has no "crs": GDAL reads plain WGS 84 coordinates.
        parsed = GEOSGeometry(json.dumps({"type": kind, "coordinates": coordinates}), srid=4326)
    except (GEOSException, GDALException, ValueError, TypeError) as error:
        return None, [_("The geometry cannot be read: %(error)s") % {"error": error}]
    problems = geometry.shape_problems(parsed) or geometry.location_problems(parsed, region)
    if problems:
        return None, problems
    return geometry.as_multipolygon(parsed), []


def _plane_coordinates(kind, coordinates):
    """The coordinates with any altitude dropped, or None and what is wrong with their layout."""
    try:
        if kind == "Polygon":
            return _polygon(coordinates), None
        if not isinstance(coordinates, list) or not coordinates:
            raise _Layout
        return [_polygon(polygon) for polygon in coordinates], None
    except _Layout:
        if kind == "Polygon":
            return None, _(
                "The coordinates do not make a Polygon: a list of rings is expected, "
                "each a list of [longitude, latitude] number pairs."
            )
        return None, _(
            "The coordinates do not make a MultiPolygon: a list of polygons is expected, "
            "each a list of rings of [longitude, latitude] number pairs."
        )
    except _OpenRing:
        return None, _("Each ring needs at least four positions, and its last position must repeat the first.")


class _Layout(Exception):
    """The coordinates are not nested as the geometry type needs."""


class _OpenRing(Exception):
    """A ring is too short or does not close."""


def _polygon(rings):
    if not isinstance(rings, list) or not rings:
        raise _Layout
    return [_ring(ring) for ring in rings]


def _ring(positions):
    if not isinstance(positions, list):
        raise _Layout
    ring = [_position(position) for position in positions]
    if len(ring) < 4 or ring[0] != ring[-1]:
        raise _OpenRing
    return ring


def _position(position):
    if not isinstance(position, list) or len(position) < 2:
        raise _Layout
    lon, lat = position[:2]
    for number in (lon, lat):
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise _Layout
        try:
            finite = math.isfinite(number)
        except OverflowError:  # an integer too big for a float: no coordinate
            finite = False
        if not finite:
            raise _Layout
    return [lon, lat]


# The features together, in the database


def _overlap_faults(candidates):
    """Features whose new footprints overlap other buildings, in the file or not.

    Asked of the database: every new footprint is written in a trial that is
    then undone, so each is checked against the others' new ones and against
    the buildings the file leaves where they are.
    """
    faults = []
    with transaction.atomic():
        for candidate in candidates:
            BuildingPage.objects.filter(pk=candidate.page.pk).update(footprint=candidate.footprint)
        for candidate in candidates:
            others = geometry.overlapping_buildings(
                candidate.footprint, BuildingPage.objects.others_than(candidate.page)
            )
            if others:
                names = ", ".join(f"{other.title} ({other.slug})" for other in others)
                message = _("The footprint overlaps another building: %(names)s.") % {"names": names}
                faults.append(Fault(candidate.number, candidate.slug, message))
        transaction.set_rollback(True)
    return faults


def _same(footprint, other):
    return other is not None and (footprint.equals_exact(other, SAME_GEOMETRY_TOLERANCE) or footprint.equals(other))


def _apply(candidates, report, user):
    """Give each changed building a new revision; when publishing, publish it and sync its translations."""
    changed = []
    for candidate in candidates:
        page = candidate.page
        draft = page.get_latest_revision_as_object()
        if _same(candidate.footprint, draft.footprint) and (
            not report.publish or _same(candidate.footprint, page.footprint)
        ):
            report.unchanged.append(candidate.slug)
            continue
        draft.footprint = candidate.footprint
        # Checked above against the final state of every building: the model's
        # own check would compare with neighbours the file has yet to move.
        candidate.revision = draft.save_revision(user=user, clean=False, log_action=True)
        changed.append(candidate)
        report.updated.append(candidate.slug)
    if not report.publish:
        _submit_for_review(changed, report, user)
        return
    if not changed:
        return
    failures = _settle([(candidate, partial(candidate.revision.publish, user=user)) for candidate in changed])
    report.faults += [
        Fault(candidate.number, candidate.slug, _("It cannot be published: %(error)s") % {"error": _text(error)})
        for candidate, _task, error in failures
    ]
    if not report.faults:
        report.faults += _sync_translations(changed, user)


def _submit_for_review(candidates, report, user):
    """Put each new draft in front of its reviewers: start the page's moderation workflow.

    A draft nobody is told about is lost work; an editor's import is reviewed
    like an editor's edit. A page already in moderation keeps its workflow
    (the reviewers see the newest revision), and a page with no workflow
    simply waits as a draft.
    """
    for candidate in candidates:
        page = candidate.page.specific
        if page.workflow_in_progress:
            report.in_review.append(candidate.slug)
            continue
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, user)
            report.in_review.append(candidate.slug)


def _settle(tasks):
    """Run each (key, task), retrying those refused while the others make progress.

    Publishing checks a footprint against the neighbours as they stand, so a
    building moving into a place another one is leaving has to wait for it.
    Returns the (key, task, ValidationError) that never went through.
    """
    pending = list(tasks)
    while pending:
        failed = []
        for key, task in pending:
            try:
                with transaction.atomic():
                    task()
            except ValidationError as error:
                failed.append((key, task, error))
        if len(failed) == len(pending):
            return failed
        pending = [(key, task) for key, task, _error in failed]
    return []


def _sync_translations(candidates, user):
    """Copy the published footprints to the translations, as wagtail-localize's "Sync translated pages" does."""
    tasks = []
    for candidate in candidates:
        source = TranslationSource.objects.filter(
            object_id=candidate.page.translation_key, locale_id=candidate.page.locale_id
        ).first()
        if source is None:
            continue
        source.update_from_db()
        for translation in source.translations.filter(enabled=True).select_related("target_locale"):
            tasks.append(((candidate, translation), partial(translation.save_target, user=user, publish=True)))
    return [
        Fault(
            candidate.number,
            candidate.slug,
            _("The %(language)s translation cannot take the new footprint: %(error)s")
            % {"language": translation.target_locale.get_display_name(), "error": _text(error)},
        )
        for (candidate, translation), _task, error in _settle(tasks)
    ]


def _text(error):
    return " ".join(error.messages)


# The report as text


def format_report(report):
    """The report as lines of text, for the command's output."""
    if not report.ok:
        lines = [_("Nothing was changed. Faults found: %(count)s.") % {"count": len(report.faults)}]
        return lines + [str(fault) for fault in report.faults]
    if report.publish:
        updated = _("Updated and published (%(count)s): %(slugs)s")
    else:
        updated = _("Updated as drafts (%(count)s): %(slugs)s")
    lines = [
        _("Created (%(count)s): %(slugs)s") % _count(report.created),
        updated % _count(report.updated),
        _("Left alone, same geometry (%(count)s): %(slugs)s") % _count(report.unchanged),
    ]
    if report.in_review:
        lines.append(_("Submitted for moderation (%(count)s): %(slugs)s") % _count(report.in_review))
    if report.updated and not report.publish:
        lines.append(
            _(
                "The drafts wait for review. Once they are published, "
                "sync the translated pages to give the translations the new footprints."
            )
        )
    return lines


def _count(slugs):
    return {"count": len(slugs), "slugs": ", ".join(slugs) or "—"}
