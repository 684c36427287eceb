// The text side of the map: the list of buildings (kept in step with the
// filters and the timeline), the legend with its counts, and the summary.

import { element, format } from "./dom.js";
import { phaseIn } from "./layers.js";

// Replace the server's list of links with one button per building (select on
// the map) beside its link; returns {slug: <li>}. `linkAttributes` go on
// every link (the embed's target="_blank" rel="noopener").
export function renderList(list, features, strings, onSelect, { linkAttributes = {} } = {}) {
  const items = new Map();
  list.replaceChildren();
  for (const feature of features) {
    const props = feature.properties;
    const item = element("li", { class: "map-list__item", "data-slug": feature.id });
    const button = element(
      "button",
      {
        type: "button",
        class: "map-list__select",
        "aria-pressed": "false",
        "aria-label": format(strings.showOnMap, { name: props.name }),
      },
      props.name,
    );
    button.addEventListener("click", () => onSelect(feature.id, { pan: true, fromList: true }));
    const facts = element("span", { class: "map-list__facts" });
    const phase = element("span", { class: "map-list__phase" });
    item.append(button, facts, phase);
    if (props.organisations?.length) {
      item.append(element("span", { class: "map-list__organisations" }, format(strings.housed, { names: props.organisations.join(", ") })));
    }
    if (props.space_now) {
      item.append(element("span", { class: "map-list__space" }, format(strings.freeNow, { area: props.space_now.free.toLocaleString(document.documentElement.lang) })));
    }
    if (props.url) {
      const attributes = { class: "map-list__link", href: props.url, lang: document.documentElement.lang, ...linkAttributes };
      item.append(element("a", attributes, strings.openPage));
    }
    list.append(item);
    items.set(feature.id, { item, button, facts, phase, feature });
  }
  return items;
}

export function updateList(items, visible, state, config) {
  const phaseLabels = phaseNames(config.strings);
  for (const [slug, entry] of items) {
    const props = entry.feature.properties;
    entry.item.hidden = !visible.has(slug);
    const phase = phaseIn(state.year, props.completion_year, config.years.construction);
    entry.facts.textContent = `${props.purpose_label} · ${props.status_label.toLowerCase()} · ${props.completion_year}`;
    entry.phase.textContent = `${format(config.strings.inYear, { year: state.year })}: ${phaseLabels[phase]}`;
    entry.phase.className = `map-list__phase map-list__phase--${phase}`;
    const selected = slug === state.building;
    entry.button.setAttribute("aria-pressed", String(selected));
    if (selected) entry.item.setAttribute("aria-current", "true");
    else entry.item.removeAttribute("aria-current");
  }
}

function phaseNames(strings) {
  return {
    standing: strings.phaseLabelStanding,
    construction: strings.phaseLabelConstruction,
    planned: strings.phaseLabelPlanned,
  };
}

function countBy(features, key) {
  const counts = {};
  for (const feature of features) counts[key(feature)] = (counts[key(feature)] ?? 0) + 1;
  return counts;
}

// Counts beside the filters (of all buildings), the legend of colours and
// phases (of the buildings shown) and the summary line.
export function updateLegend(nodes, features, visibleFeatures, state, config) {
  const strings = config.strings;
  const byPurpose = countBy(features, (feature) => feature.properties.purpose);
  const byStatus = countBy(features, (feature) => feature.properties.status);
  for (const node of nodes.counts) {
    const [kind, value] = node.dataset.count.split(/-(.*)/s);
    const count = (kind === "purpose" ? byPurpose : byStatus)[value] ?? 0;
    node.textContent = `(${count})`;
  }

  const colourKey = state.color === "status" ? "status" : "purpose";
  const choices = state.color === "status" ? config.statuses : config.purposes;
  const shownByColour = countBy(visibleFeatures, (feature) => feature.properties[colourKey]);
  nodes.colours.replaceChildren(
    element("li", { class: "map-legend__title" }, state.color === "status" ? strings.colourStatus : strings.colourPurpose),
    ...choices.map((choice) => legendItem(`map-swatch ${colourKey}--${choice.value}`, choice.label, shownByColour[choice.value] ?? 0)),
  );

  const shownByPhase = countBy(visibleFeatures, (feature) =>
    phaseIn(state.year, feature.properties.completion_year, config.years.construction),
  );
  const phases = [
    ["standing", format(strings.phaseStanding, { year: state.year })],
    ["construction", format(strings.phaseConstruction, { year: state.year, years: config.years.construction })],
    ["planned", strings.phasePlanned],
  ];
  nodes.phases.replaceChildren(
    element("li", { class: "map-legend__title" }, format(strings.inYear, { year: state.year })),
    ...phases.map(([phase, label]) => legendItem(`map-phase-swatch map-phase-swatch--${phase}`, label, shownByPhase[phase] ?? 0, phase)),
  );

  nodes.summary.textContent = visibleFeatures.length
    ? format(strings.shown, { shown: visibleFeatures.length, total: features.length })
    : strings.noneShown;
}

function legendItem(swatchClass, label, count, phase = "") {
  const item = element("li", phase ? { "data-phase": phase } : {});
  item.append(element("span", { class: swatchClass }), document.createTextNode(`${label} `));
  item.append(element("span", { class: "map-legend__count" }, `(${count})`));
  return item;
}
