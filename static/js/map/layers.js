// Leaflet layers drawn from the GeoJSON API: the buildings and the site's
// context layers (boundary, streets, entrances, parking, stops).
//
// Every shape gets a class per layer ("map-building", "map-boundary",
// "map-street"...), so the styles live in site.css and tests can count them.
// Colours come from CSS as well: a building's class names its purpose or
// status (the colour mode) and its phase in the timeline's year.
//
// Names and credits are stored text: they go to Leaflet as text nodes and
// escaped HTML (its attribution control takes only HTML), never as markup.

/* global L */

import { escapeHtml, textNode } from "./dom.js";

// Where a building is in year `year`: completed by then ("standing"), in its
// last `constructionYears` years before completion ("construction"), or
// still to come ("planned").
export function phaseIn(year, completionYear, constructionYears) {
  if (completionYear <= year) return "standing";
  if (completionYear - constructionYears <= year) return "construction";
  return "planned";
}

export function buildingClass(feature, { color, year, constructionYears, selected }) {
  const props = feature.properties;
  const phase = phaseIn(year, props.completion_year, constructionYears);
  const colourValue = color === "status" ? props.status : props.purpose;
  const classes = ["map-building", `${color === "status" ? "status" : "purpose"}--${colourValue}`, `map-building--phase-${phase}`];
  if (selected) classes.push("map-building--selected");
  return classes.join(" ");
}

// Leaflet sets the class once, from the style; later changes go to the element.
export function setBuildingClass(layer, className) {
  layer.options.className = className;
  const element = layer.getElement();
  if (element) element.setAttribute("class", `${className} leaflet-interactive`);
}

export function buildingLayer(data, options, onSelect) {
  const layers = new Map();
  const group = L.geoJSON(data, {
    style: (feature) => ({ className: buildingClass(feature, options()), weight: 2 }),
    onEachFeature: (feature, layer) => {
      layers.set(feature.id, layer);
      layer.on("click", (event) => {
        L.DomEvent.stopPropagation(event); // the map's own click means "nothing here": deselect
        onSelect(feature.id, { pan: false });
      });
    },
  });
  return { group, layers };
}

// Add `layer` to `map` or take it off, whichever `shown` says.
export function showLayer(map, layer, shown) {
  if (shown && !map.hasLayer(layer)) layer.addTo(map);
  if (!shown && map.hasLayer(layer)) layer.remove();
}

// The state's layers on the map, and each building with its classes for this state; only `visible` ones drawn.
export function renderLayers(map, drawn, state, visible, styleOptions) {
  const on = new Set(state.layers);
  for (const [kind, group] of Object.entries(drawn.site)) showLayer(map, group, on.has(kind));
  showLayer(map, drawn.buildingGroup, on.has("buildings"));
  for (const [slug, layer] of drawn.buildingLayers) {
    const feature = drawn.bySlug.get(slug);
    setBuildingClass(layer, buildingClass(feature, { ...styleOptions, selected: slug === state.building }));
    if (visible.has(slug)) drawn.buildingGroup.addLayer(layer);
    else drawn.buildingGroup.removeLayer(layer);
  }
}

// Squares, greens and lanes take their colour from the palette (static/css/palette.css).
const OPEN_SPACE = new Set(["square", "green", "lane"]);
const POINT_RADIUS = { entrance: 6, parking: 8, stop: 7 };

// One Leaflet layer group per kind of site feature: {boundary, street, entrance, parking, stop}.
export function siteLayers(data) {
  const byKind = {};
  for (const feature of data.features) {
    const kind = feature.properties.kind;
    byKind[kind] ??= [];
    byKind[kind].push(feature);
  }
  const groups = {};
  for (const [kind, features] of Object.entries(byKind)) {
    const credits = [...new Set(features.map((feature) => feature.properties.credit).filter(Boolean))];
    groups[kind] = L.geoJSON(
      { type: "FeatureCollection", features },
      {
        attribution: credits.map(escapeHtml).join(", "),
        interactive: false,
        style: () => ({ className: `map-${kind}${OPEN_SPACE.has(kind) ? ` feature--${kind}` : ""}`, interactive: false }),
        pointToLayer: (feature, latlng) =>
          L.circleMarker(latlng, {
            className: `map-${kind}`,
            radius: POINT_RADIUS[kind] ?? 6,
            interactive: true, // for the name on hover
          }),
        onEachFeature: (feature, layer) => labelFeature(kind, feature, layer),
      },
    );
  }
  return groups;
}

// Streets carry their names on the map; entrances, parking and stops show theirs on hover.
function labelFeature(kind, feature, layer) {
  const name = feature.properties.name;
  if (!name) return;
  if (kind === "street") {
    layer.bindTooltip(textNode(name), { permanent: true, direction: "center", className: "map-street-label" });
  } else if (kind === "stop" || kind === "parking" || kind === "entrance") {
    layer.bindTooltip(textNode(name), { direction: "top", className: "map-point-label" });
  }
}
