// The interactive map of the park (templates/map/map_page.html).
//
// Progressive enhancement: the page works without this script (a site plan
// and a list of links). Here we hide the plan, draw the Leaflet map from the
// GeoJSON API, show the controls and legend, and keep map, list, legend and
// URL in step. Leaflet is the classic script loaded before this module (the
// global `L`), from django-leaflet's static files.
//
// Embed mode (templates/map/embed.html, map/embed.py), when the configuration
// has an `embed` entry: the same map, full-window, with a layers toggle and a
// compact list but no filters, timeline or legend; the building and layers
// come from the server's validated `embed` options, not from the URL; the
// page's history is left alone (the iframe would fill the article's Back
// button), and the "Open the full map" link follows the state instead; links
// open the site in a new tab; scroll-wheel zoom only with `embed.scroll`; on
// touch screens one finger scrolls the article and two fingers move and zoom
// the map. Nothing here touches cookies or storage: in a sandboxed frame
// (an opaque origin) they throw.

/* global L */

import { buildingClass, buildingLayer, setBuildingClass, siteLayers } from "./layers.js";
import { format, renderList, updateLegend, updateList } from "./list.js";
import { defaultState, readState, writeState } from "./state.js";

const SELECTED_MAX_ZOOM = 18;
const FIT_PADDING = [24, 24];
const TOUCH_HINT_MS = 1500;
const NEW_TAB = { target: "_blank", rel: "noopener" };

function setHidden(node, hidden) {
  if (node) node.hidden = hidden;
}

// The initial state of an embed: the server's options, everything else at its default.
function embedState(config) {
  const { building, layers } = config.embed;
  return { ...defaultState(config), building, layers: [...layers] };
}

async function fetchJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/geo+json" } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

class ParkMap {
  constructor(config) {
    this.config = config;
    this.strings = config.strings;
    this.embed = config.embed ?? null;
    this.state = this.embed ? embedState(config) : readState(window.location.search, config);
    this.restoring = false;
    this.closingQuietly = false;
    this.lastSelectionFromList = false;
    this.nodes = {
      container: document.getElementById("park-map"),
      help: document.getElementById("map-help"),
      fallback: document.getElementById("map-fallback"),
      controls: document.getElementById("map-controls"),
      legend: document.getElementById("map-legend"),
      colours: document.getElementById("map-legend-colours"),
      phases: document.getElementById("map-phases"),
      counts: document.querySelectorAll("#map-controls [data-count]"),
      summary: document.getElementById("map-summary"),
      list: document.getElementById("map-list"),
      announcer: document.getElementById("map-announcer"),
      year: document.getElementById("map-year"),
      yearOutput: document.getElementById("map-year-output"),
      fullMapLink: document.getElementById("map-full-link"),
      touchHint: document.getElementById("map-touch-hint"),
    };
  }

  async start() {
    this.showInteractiveParts();
    this.map = this.createMap();
    let buildings, site;
    try {
      [buildings, site] = await Promise.all([fetchJson(this.config.buildingsUrl), fetchJson(this.config.siteUrl)]);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.features = buildings.features;
    this.bySlug = new Map(this.features.map((feature) => [feature.id, feature]));
    this.site = siteLayers(site);
    const drawn = buildingLayer(buildings, () => this.styleOptions(), (slug, how) => this.select(slug, how));
    this.buildingGroup = drawn.group;
    this.buildingLayers = drawn.layers;
    this.items = renderList(this.nodes.list, this.features, this.strings, (slug, how) => this.select(slug, how), {
      linkAttributes: this.embed ? NEW_TAB : {},
    });
    this.wireControls();
    this.wireMap();
    this.initialView(); // first: Leaflet opens popups only on a map with a view
    this.render();
    this.nodes.container.dataset.ready = "true";
  }

  showInteractiveParts() {
    const { container, help, fallback, controls, legend } = this.nodes;
    container.hidden = false;
    setHidden(help, false);
    controls.hidden = false;
    setHidden(legend, false);
    setHidden(fallback, true);
  }

  fail(error) {
    // Back to the server's plan and list, which need no script.
    console.error(error);
    this.nodes.container.hidden = true;
    setHidden(this.nodes.help, true);
    this.nodes.controls.hidden = true;
    setHidden(this.nodes.legend, true);
    setHidden(this.nodes.fallback, false);
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
      ...this.embedMapOptions(),
    });
    L.control.zoom({ zoomInTitle: strings.zoomIn, zoomOutTitle: strings.zoomOut }).addTo(map);
    if (this.embed) this.embedControls(map);
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, {
        attribution: config.tileAttribution,
        maxZoom: config.maxZoom,
        maxNativeZoom: 19,
      }).addTo(map);
    }
    return map;
  }

  // Embed mode: wheel and touch

  // In an embed, the wheel zooms only if the journalist asked for it (`scroll=1`). On a touch
  // screen, one-finger dragging is off (unless `scroll=1`): Leaflet then leaves the container's
  // `touch-action: pan-x pan-y`, so one finger scrolls the article past the map, while Leaflet's
  // two-finger touchZoom handler moves and zooms the map around the fingers (two-finger pan).
  embedMapOptions() {
    if (!this.embed) return {};
    const touch = window.matchMedia?.("(pointer: coarse)").matches ?? false;
    return { scrollWheelZoom: this.embed.scroll, dragging: this.embed.scroll || !touch };
  }

  embedControls(map) {
    map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>');
    const hint = this.nodes.touchHint;
    if (!hint || map.dragging.enabled()) return;
    let timer = null;
    this.nodes.container.addEventListener(
      "touchmove",
      (event) => {
        if (event.touches.length !== 1) return;
        hint.hidden = false;
        window.clearTimeout(timer);
        timer = window.setTimeout(() => {
          hint.hidden = true;
        }, TOUCH_HINT_MS);
      },
      { passive: true },
    );
  }

  styleOptions() {
    return {
      color: this.state.color,
      year: this.state.year,
      constructionYears: this.config.years.construction,
    };
  }

  // Controls → state

  wireControls() {
    const form = this.nodes.controls;
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("change", (event) => {
      if (event.target.name === "year") return; // handled below
      this.state = { ...this.state, ...this.readControls() };
      this.dropHiddenSelection();
      this.commit();
    });
    this.nodes.year?.addEventListener("input", () => {
      this.state = { ...this.state, year: Number(this.nodes.year.value) };
      this.render();
    });
    this.nodes.year?.addEventListener("change", () => {
      this.state = { ...this.state, year: Number(this.nodes.year.value) };
      this.commit();
    });
    document.addEventListener("keydown", (event) => {
      if (document.querySelector("dialog[open]")) return; // Escape closes the dialog (the embed code generator)
      if (event.key === "Escape" && this.state.building) this.deselect();
    });
  }

  // The state the form shows; a group the form does not have (the embed has only layers) is left out.
  readControls() {
    const form = this.nodes.controls;
    const read = {};
    for (const [key, name] of [["layers", "layer"], ["purpose", "purpose"], ["status", "status"]]) {
      const inputs = [...form.querySelectorAll(`input[name="${name}"]`)];
      if (inputs.length) read[key] = inputs.filter((input) => input.checked).map((input) => input.value);
    }
    if (form.querySelector('input[name="color"]')) {
      read.color = form.querySelector('input[name="color"]:checked')?.value ?? "purpose";
    }
    return read;
  }

  writeControls() {
    const form = this.nodes.controls;
    const set = (name, values) => {
      for (const input of form.querySelectorAll(`input[name="${name}"]`)) input.checked = values.includes(input.value);
    };
    set("layer", this.state.layers);
    set("purpose", this.state.purpose);
    set("status", this.state.status);
    set("color", [this.state.color]);
    if (this.nodes.year) this.nodes.year.value = String(this.state.year);
  }

  // Map → state

  wireMap() {
    this.map.on("moveend", () => {
      if (this.restoring) return;
      const centre = this.map.getCenter();
      this.state = { ...this.state, view: { lat: centre.lat, lng: centre.lng, z: this.map.getZoom() } };
      if (this.embed) this.updateFullMapLink();
      else window.history.replaceState(null, "", this.url());
    });
    this.map.on("click", () => {
      if (this.state.building) this.deselect();
    });
    this.map.on("popupclose", () => {
      if (!this.closingQuietly && this.state.building) this.deselect({ closePopup: false });
    });
    this.map.on("popupopen", (event) => {
      const close = event.popup.getElement()?.querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", this.strings.closePopup);
        close.setAttribute("title", this.strings.closePopup);
      }
    });
    if (!this.embed) window.addEventListener("popstate", () => this.restore());
  }

  url() {
    return `${window.location.pathname}${writeState(this.state, this.config)}`;
  }

  // The embed's "Open the full map": the map page with what the reader sees now.
  updateFullMapLink() {
    if (this.nodes.fullMapLink) this.nodes.fullMapLink.href = `${this.embed.mapUrl}${writeState(this.state, this.config)}`;
  }

  commit() {
    if (this.embed) this.updateFullMapLink();
    else window.history.pushState(null, "", this.url());
    this.render();
  }

  restore() {
    this.state = readState(window.location.search, this.config);
    this.restoring = true;
    try {
      this.render();
      this.initialView({ animate: false });
    } finally {
      this.restoring = false;
    }
  }

  // Selection

  select(slug, { pan = false, fromList = false } = {}) {
    const feature = this.bySlug.get(slug);
    if (!feature) return;
    this.lastSelectionFromList = fromList;
    if (this.state.building !== slug) {
      this.state = { ...this.state, building: slug };
      this.commit();
    } else {
      this.render();
    }
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
    if (closePopup) this.closePopupQuietly();
    this.commit();
    this.announce(this.strings.deselected);
    if (this.lastSelectionFromList && slug) this.items.get(slug)?.button.focus();
  }

  dropHiddenSelection() {
    if (this.state.building && !this.visibleSlugs().has(this.state.building)) {
      this.state = { ...this.state, building: null };
    }
  }

  zoomTo(slug, options = {}) {
    const layer = this.buildingLayers.get(slug);
    if (layer) this.map.fitBounds(layer.getBounds(), { maxZoom: SELECTED_MAX_ZOOM, padding: FIT_PADDING, ...options });
  }

  initialView(options = {}) {
    const { view, building } = this.state;
    if (view) {
      this.map.setView([view.lat, view.lng], view.z, options);
    } else if (building && this.buildingLayers.has(building)) {
      this.zoomTo(building, options);
    } else {
      this.fitSite(options);
    }
  }

  fitSite(options = {}) {
    const boundary = this.site.boundary;
    const bounds = boundary ? boundary.getBounds() : this.buildingGroup.getBounds();
    if (bounds.isValid()) this.map.fitBounds(bounds, { padding: FIT_PADDING, ...options });
    else this.map.setView(this.config.center, this.config.zoom, options);
  }

  announce(text) {
    // Cleared first, so the same text twice is announced twice.
    this.nodes.announcer.textContent = "";
    window.setTimeout(() => {
      this.nodes.announcer.textContent = text;
    }, 50);
  }

  // State → map, list, legend

  visibleSlugs() {
    const { purpose, status } = this.state;
    return new Set(
      this.features
        .filter((feature) => purpose.includes(feature.properties.purpose) && status.includes(feature.properties.status))
        .map((feature) => feature.id),
    );
  }

  render() {
    this.dropHiddenSelection();
    this.writeControls();
    if (this.nodes.yearOutput) this.nodes.yearOutput.textContent = String(this.state.year);
    const visible = this.visibleSlugs();
    this.renderLayers(visible);
    updateList(this.items, visible, this.state, this.config);
    if (this.nodes.legend) {
      updateLegend(
        this.nodes,
        this.features,
        this.features.filter((feature) => visible.has(feature.id)),
        this.state,
        this.config,
      );
    }
    this.renderPopup();
  }

  renderLayers(visible) {
    const on = new Set(this.state.layers);
    for (const [kind, group] of Object.entries(this.site)) this.toggle(group, on.has(kind));
    this.toggle(this.buildingGroup, on.has("buildings"));
    const options = this.styleOptions();
    for (const [slug, layer] of this.buildingLayers) {
      const feature = this.bySlug.get(slug);
      setBuildingClass(layer, buildingClass(feature, { ...options, selected: slug === this.state.building }));
      if (visible.has(slug)) this.buildingGroup.addLayer(layer);
      else this.buildingGroup.removeLayer(layer);
    }
  }

  toggle(layer, shown) {
    if (shown && !this.map.hasLayer(layer)) layer.addTo(this.map);
    if (!shown && this.map.hasLayer(layer)) layer.remove();
  }

  renderPopup() {
    const slug = this.state.building;
    const layer = slug && this.buildingLayers.get(slug);
    if (!layer || !this.map.hasLayer(layer)) {
      this.closePopupQuietly();
      return;
    }
    if (this.popup?.slug === slug && this.map.hasLayer(this.popup)) return;
    this.closePopupQuietly();
    const maxWidth = Math.max(160, Math.min(280, this.nodes.container.clientWidth - 80)); // narrow phones
    this.popup = L.popup({ autoPanPadding: [16, 16], maxWidth })
      .setLatLng(layer.getBounds().getCenter())
      .setContent(this.popupContent(this.bySlug.get(slug)));
    this.popup.slug = slug;
    this.popup.openOn(this.map);
  }

  closePopupQuietly() {
    this.closingQuietly = true;
    try {
      this.map.closePopup();
    } finally {
      this.closingQuietly = false;
    }
  }

  popupContent(feature) {
    const props = feature.properties;
    const root = document.createElement("div");
    root.className = "map-popup";
    const name = document.createElement("p");
    name.className = "map-popup__name";
    name.textContent = props.name;
    const facts = document.createElement("dl");
    facts.className = "map-popup__facts";
    const rows = [
      [this.strings.purpose, props.purpose_label],
      [this.strings.status, props.status_label],
      [this.strings.completionYear, props.completion_year],
      [this.strings.floors, props.floors],
    ];
    for (const [term, value] of rows) {
      const dt = document.createElement("dt");
      dt.textContent = term;
      const dd = document.createElement("dd");
      dd.textContent = String(value);
      facts.append(dt, dd);
    }
    root.append(name, facts);
    if (props.url) {
      const link = document.createElement("a");
      link.className = "map-popup__link";
      link.href = props.url;
      link.textContent = this.strings.openPage;
      if (this.embed) Object.assign(link, NEW_TAB);
      root.append(link);
    }
    return root;
  }
}

function start() {
  const configNode = document.getElementById("map-config");
  if (!configNode || typeof L === "undefined") return; // the plan and list stay
  new ParkMap(JSON.parse(configNode.textContent)).start();
}

start();
