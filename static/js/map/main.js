// The interactive map of the park (templates/map/map_page.html) and the
// embeddable map (templates/map/embed.html): one map, two modes.
//
// Progressive enhancement: the page works without this script (a site plan
// and a list of links). Here we hide the plan, draw the Leaflet map from the
// GeoJSON API, show the controls and legend, and keep map, list, legend and
// the state in step. Leaflet is the classic script loaded before this module
// (the global `L`), from django-leaflet's static files.
//
// The parts, one module each: state.js (the state and its URL), layers.js
// (what Leaflet draws), controls.js (the form), list.js (list, legend,
// summary), popups.js (the selected building's popup). What differs between
// the map page and the embed is a mode (modes.js), chosen once below from
// the configuration: the embed's has an `embed` entry (map/embed.py).

/* global L */

import { MapControls } from "./controls.js";
import { announcer, format } from "./dom.js";
import { buildingLayer, renderLayers, siteLayers } from "./layers.js";
import { renderList, updateLegend, updateList } from "./list.js";
import { embedMode, pageMode } from "./modes.js";
import { BuildingPopup } from "./popups.js";

const SELECTED_MAX_ZOOM = 18;
const FIT_PADDING = [24, 24];

function setHidden(node, hidden) {
  if (node) node.hidden = hidden;
}

async function fetchJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/geo+json" } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

class ParkMap {
  constructor(config, mode, nodes) {
    this.config = config;
    this.strings = config.strings;
    this.mode = mode;
    this.nodes = nodes;
    this.state = mode.initialState();
    this.restoring = false;
    this.lastSelectionFromList = false;
    this.announce = announcer(nodes.announcer);
  }

  async start() {
    this.showInteractiveParts(true);
    this.map = this.createMap();
    let buildings, site;
    try {
      [buildings, site] = await Promise.all([fetchJson(this.config.buildingsUrl), fetchJson(this.config.siteUrl)]);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.features = buildings.features;
    const { group, layers } = buildingLayer(buildings, () => this.styleOptions(), (slug, how) => this.select(slug, how));
    this.drawn = {
      site: siteLayers(site),
      buildingGroup: group,
      buildingLayers: layers,
      bySlug: new Map(this.features.map((feature) => [feature.id, feature])),
    };
    this.items = renderList(this.nodes.list, this.features, this.strings, (slug, how) => this.select(slug, how), {
      linkAttributes: this.mode.linkAttributes,
    });
    this.popup = new BuildingPopup(this.map, {
      strings: this.strings,
      linkAttributes: this.mode.linkAttributes,
      onUserClose: () => {
        if (this.state.building) this.deselect({ closePopup: false });
      },
    });
    this.controls = new MapControls(this.nodes.controls, {
      year: this.nodes.year,
      yearOutput: this.nodes.yearOutput,
      onChange: (changes, { commit }) => this.change(changes, { commit }),
    });
    this.wireMap();
    this.initialView(); // first: Leaflet opens popups only on a map with a view
    this.render();
    this.nodes.container.dataset.ready = "true";
  }

  // The map, its help, controls and legend shown and the server's fallback hidden, or the other way round.
  showInteractiveParts(shown) {
    const { container, help, fallback, controls, legend } = this.nodes;
    container.hidden = !shown;
    setHidden(help, !shown);
    controls.hidden = !shown;
    setHidden(legend, !shown);
    setHidden(fallback, shown);
  }

  fail(error) {
    // Back to the server's plan and list, which need no script.
    console.error(error);
    this.showInteractiveParts(false);
    this.announce(this.strings.loadError);
  }

  createMap() {
    const { config, strings } = this;
    const map = L.map(this.nodes.container, {
      zoomControl: false,
      closePopupOnClick: false, // a click beside the buildings deselects, through wireMap
      fadeAnimation: false, // a closed popup leaves at once, so only one is ever in the page
      minZoom: config.minZoom,
      maxZoom: config.maxZoom,
      ...this.mode.mapOptions,
    });
    L.control.zoom({ zoomInTitle: strings.zoomIn, zoomOutTitle: strings.zoomOut }).addTo(map);
    this.mode.decorate(map);
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, {
        attribution: config.tileAttribution,
        maxZoom: config.maxZoom,
        maxNativeZoom: 19,
      }).addTo(map);
    }
    return map;
  }

  styleOptions() {
    return { color: this.state.color, year: this.state.year, constructionYears: this.config.years.construction };
  }

  // State changes

  change(changes, { commit = true } = {}) {
    this.state = this.withoutHiddenSelection({ ...this.state, ...changes });
    if (commit) this.commit();
    else this.render();
  }

  commit() {
    this.mode.remember(this.state);
    this.render();
  }

  restore(state) {
    this.state = state;
    this.restoring = true;
    try {
      this.render();
      this.initialView({ animate: false });
    } finally {
      this.restoring = false;
    }
  }

  wireMap() {
    this.map.on("moveend", () => {
      if (this.restoring) return;
      const centre = this.map.getCenter();
      this.state = { ...this.state, view: { lat: centre.lat, lng: centre.lng, z: this.map.getZoom() } };
      this.mode.remember(this.state, { replace: true });
    });
    this.map.on("click", () => {
      if (this.state.building) this.deselect();
    });
    document.addEventListener("keydown", (event) => {
      if (document.querySelector("dialog[open]")) return; // Escape closes the dialog (the embed code generator)
      if (event.key === "Escape" && this.state.building) this.deselect();
    });
    this.mode.onRestore((state) => this.restore(state));
  }

  // Selection

  select(slug, { pan = false, fromList = false } = {}) {
    const feature = this.drawn.bySlug.get(slug);
    if (!feature) return;
    this.lastSelectionFromList = fromList;
    if (this.state.building !== slug) this.change({ building: slug });
    else this.render();
    if (pan) this.zoomTo(slug);
    const props = feature.properties;
    this.announce(
      format(this.strings.selected, {
        name: props.name,
        purpose: props.purpose_label,
        status: props.status_label.toLowerCase(),
        year: props.completion_year,
      }),
    );
  }

  deselect({ closePopup = true } = {}) {
    const slug = this.state.building;
    this.state = { ...this.state, building: null };
    if (closePopup) this.popup.close();
    this.commit();
    this.announce(this.strings.deselected);
    if (this.lastSelectionFromList && slug) this.items.get(slug)?.button.focus();
  }

  // The view

  zoomTo(slug, options = {}) {
    const layer = this.drawn.buildingLayers.get(slug);
    if (layer) this.map.fitBounds(layer.getBounds(), { maxZoom: SELECTED_MAX_ZOOM, padding: FIT_PADDING, ...options });
  }

  initialView(options = {}) {
    const { view, building } = this.state;
    if (view) {
      this.map.setView([view.lat, view.lng], view.z, options);
    } else if (building && this.drawn.buildingLayers.has(building)) {
      this.zoomTo(building, options);
    } else {
      this.fitSite(options);
    }
  }

  fitSite(options = {}) {
    const boundary = this.drawn.site.boundary;
    const bounds = boundary ? boundary.getBounds() : this.drawn.buildingGroup.getBounds();
    if (bounds.isValid()) this.map.fitBounds(bounds, { padding: FIT_PADDING, ...options });
    else this.map.setView(this.config.center, this.config.zoom, options);
  }

  // State → map, list, legend, popup

  // `state`, with its building deselected if the filters hide it.
  withoutHiddenSelection(state) {
    return state.building && !this.visibleSlugs(state).has(state.building) ? { ...state, building: null } : state;
  }

  visibleSlugs({ purpose, status, free = "", q = "" } = this.state) {
    const quarter = free === "now" ? this.config.quarterNow : free;
    const needle = q.toLocaleLowerCase();
    return new Set(
      this.features
        .filter((feature) => purpose.includes(feature.properties.purpose) && status.includes(feature.properties.status))
        .filter((feature) => !quarter || freeAreaAt(feature.properties.space ?? [], quarter) > 0)
        .filter((feature) => !needle || namesOf(feature).some((name) => name.toLocaleLowerCase().includes(needle)))
        .map((feature) => feature.id),
    );
  }

  render() {
    this.state = this.withoutHiddenSelection(this.state);
    const visible = this.visibleSlugs();
    this.controls.write(this.state);
    renderLayers(this.map, this.drawn, this.state, visible, this.styleOptions());
    updateList(this.items, visible, this.state, this.config);
    if (this.nodes.legend) {
      const shown = this.features.filter((feature) => visible.has(feature.id));
      updateLegend(this.nodes, this.features, shown, this.state, this.config);
    }
    this.renderPopup();
  }

  renderPopup() {
    const slug = this.state.building;
    const layer = slug && this.drawn.buildingLayers.get(slug);
    if (layer && this.map.hasLayer(layer)) this.popup.show(this.drawn.bySlug.get(slug), layer);
    else this.popup.close();
  }
}

function findNodes() {
  const byId = (id) => document.getElementById(id);
  return {
    container: byId("park-map"),
    help: byId("map-help"),
    fallback: byId("map-fallback"),
    controls: byId("map-controls"),
    legend: byId("map-legend"),
    colours: byId("map-legend-colours"),
    phases: byId("map-phases"),
    counts: document.querySelectorAll("#map-controls [data-count]"),
    summary: byId("map-summary"),
    list: byId("map-list"),
    announcer: byId("map-announcer"),
    year: byId("map-year"),
    yearOutput: byId("map-year-output"),
    fullMapLink: byId("map-full-link"),
    touchHint: byId("map-touch-hint"),
  };
}

function start() {
  const configNode = document.getElementById("map-config");
  if (!configNode || typeof L === "undefined") return; // the plan and list stay
  const config = JSON.parse(configNode.textContent);
  const nodes = findNodes();
  const mode = config.embed ? embedMode(config, nodes) : pageMode(config);
  new ParkMap(config, mode, nodes).start();
}

start();

// The area free as of `quarter` ("2027-Q3"): what the latest stated quarter up to it says
// (`space` is in time order; the quarters' text sorts as time does).
export function freeAreaAt(space, quarter) {
  let free = 0;
  for (const figures of space) if (figures.quarter <= quarter) free = figures.free;
  return free;
}

// What the search looks in: the building's name and those of the organisations housed in it.
function namesOf(feature) {
  return [feature.properties.name, ...(feature.properties.organisations ?? [])];
}
