// Where the map runs: on the map page, or embedded in someone's article.
//
// The same modules draw both; a mode is the configuration that differs:
//
// - the initial state: the map page reads it from its URL; the embed from
//   the server's validated `embed` options (map/embed.py), everything else
//   at its default;
// - where the state is kept: the map page in its URL and history (Back
//   goes to the previous selection); the embed leaves the history alone
//   (it would fill the article's Back button) and keeps "Open the full map"
//   pointing at what the reader sees instead;
// - links: the embed's open the site in a new tab;
// - the year: the embed's may be frozen (`year`, "as of that year");
// - wheel and touch: in the embed, the wheel zooms only with `scroll`, and
//   on touch screens one finger scrolls the article and two move the map
//   (see embedMapOptions), with a hint, unless `gesture` is off;
// - the embed tells a parent page that listens how tall it is (resize.js).
//
// Nothing here touches cookies or storage: in a sandboxed frame (an opaque
// origin) they throw.

import { reportHeight } from "./resize.js";
import { defaultState, readState, writeState } from "./state.js";

const TOUCH_HINT_MS = 1500;
const NEW_TAB = { target: "_blank", rel: "noopener" };
const LEAFLET_CREDIT = '<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>';

export function pageMode(config) {
  const url = (state) => `${window.location.pathname}${writeState(state, config)}`;
  return {
    initialState: () => readState(window.location.search, config),
    linkAttributes: {},
    mapOptions: {},
    decorate() {},
    // `replace`: a change that is no new step for Back (the view panned or zoomed).
    remember(state, { replace = false } = {}) {
      if (replace) window.history.replaceState(null, "", url(state));
      else window.history.pushState(null, "", url(state));
    },
    onRestore(restore) {
      window.addEventListener("popstate", () => restore(readState(window.location.search, config)));
    },
  };
}

// In an embed, the wheel zooms only if the journalist asked for it (`scroll`). On a touch
// screen, one-finger dragging is off (unless `scroll`, or the `gesture` lock is turned off):
// Leaflet then leaves the container's `touch-action: pan-x pan-y`, so one finger scrolls the
// article past the map, while Leaflet's two-finger touchZoom handler moves and zooms the map
// around the fingers (two-finger pan).
function embedMapOptions(embed) {
  const touch = window.matchMedia?.("(pointer: coarse)").matches ?? false;
  return { scrollWheelZoom: embed.scroll, dragging: embed.scroll || !embed.gesture || !touch };
}

// A touch hint while one finger moves over a map that only two fingers move.
function showTouchHint(map, container, hint) {
  if (!hint || map.dragging.enabled()) return;
  let timer = null;
  container.addEventListener(
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

export function embedMode(config, { fullMapLink, touchHint }) {
  const { embed } = config;
  return {
    initialState: () => {
      const defaults = defaultState(config);
      return { ...defaults, building: embed.building, layers: [...embed.layers], year: embed.year ?? defaults.year };
    },
    linkAttributes: NEW_TAB,
    mapOptions: embedMapOptions(embed),
    decorate(map) {
      map.attributionControl.setPrefix(LEAFLET_CREDIT);
      showTouchHint(map, map.getContainer(), touchHint);
      reportHeight();
    },
    // "Open the full map": the map page with what the reader sees now.
    remember(state) {
      if (fullMapLink) fullMapLink.href = `${embed.mapUrl}${writeState(state, config)}`;
    },
    onRestore() {},
  };
}
