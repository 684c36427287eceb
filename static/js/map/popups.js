// The selected building's popup: one at a time, built from DOM nodes (the
// name as text), with a close button named in the reader's language.
//
// The popup follows the state: show() opens it for the selected building (or
// leaves it if it is already open), close() closes it "quietly", without
// telling onUserClose, which hears only of closes the reader made (the close
// button), so that those deselect the building.

/* global L */

import { element } from "./dom.js";

const POPUP_MIN_WIDTH = 160;
const POPUP_MAX_WIDTH = 280;
const POPUP_MARGIN = 80; // narrow phones: the popup leaves this much of the map beside it

export function popupContent(feature, strings, linkAttributes = {}) {
  const props = feature.properties;
  const root = element("div", { class: "map-popup" });
  const facts = element("dl", { class: "map-popup__facts" });
  const rows = [
    [strings.purpose, props.purpose_label],
    [strings.status, props.status_label],
    [strings.completionYear, props.completion_year],
    [strings.floors, props.floors],
  ];
  if (props.space_now) rows.push([strings.freeArea, `${props.space_now.free.toLocaleString(document.documentElement.lang)} ${strings.squareMetres}`]);
  if (props.organisations?.length) rows.push([strings.organisations, props.organisations.join(", ")]);
  for (const [term, value] of rows) facts.append(element("dt", {}, term), element("dd", {}, String(value)));
  root.append(element("p", { class: "map-popup__name" }, props.name), facts);
  if (props.url) {
    const link = element("a", { class: "map-popup__link", href: props.url, ...linkAttributes }, strings.openPage);
    root.append(link);
  }
  return root;
}

export class BuildingPopup {
  constructor(map, { strings, linkAttributes = {}, onUserClose }) {
    this.map = map;
    this.strings = strings;
    this.linkAttributes = linkAttributes;
    this.popup = null;
    this.closingQuietly = false;
    map.on("popupclose", () => {
      if (!this.closingQuietly) onUserClose();
    });
    map.on("popupopen", (event) => {
      const close = event.popup.getElement()?.querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", strings.closePopup);
        close.setAttribute("title", strings.closePopup);
      }
    });
  }

  // Open the popup of `feature` over `layer`, unless it is open already.
  show(feature, layer) {
    if (this.popup?.slug === feature.id && this.map.hasLayer(this.popup)) return;
    this.close();
    const width = this.map.getContainer().clientWidth - POPUP_MARGIN;
    const maxWidth = Math.max(POPUP_MIN_WIDTH, Math.min(POPUP_MAX_WIDTH, width));
    this.popup = L.popup({ autoPanPadding: [16, 16], maxWidth })
      .setLatLng(layer.getBounds().getCenter())
      .setContent(popupContent(feature, this.strings, this.linkAttributes));
    this.popup.slug = feature.id;
    this.popup.openOn(this.map);
  }

  close() {
    this.closingQuietly = true;
    try {
      this.map.closePopup();
    } finally {
      this.closingQuietly = false;
    }
  }
}
