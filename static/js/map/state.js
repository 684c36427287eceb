// The map's state and its place in the URL's query string.
//
// ?building=office-a&year=2027&purpose=offices,housing&status=planned&color=status
//  &layers=buildings,boundary&free=2027-Q3&q=amber&lat=54.74170&lng=20.47046&z=18
//
// A parameter that is absent means its default: no building selected, the
// initial year, every purpose, status and layer, colour by purpose, any free
// space, no search, and the view that fits the site (or the selected building). Unknown values are
// dropped, so an old or mistyped link still opens the map.

const LIST_PARAMS = ["purpose", "status", "layers"];

export function defaultState(config) {
  return {
    building: null,
    year: config.years.initial,
    purpose: config.purposes.map((choice) => choice.value),
    status: config.statuses.map((choice) => choice.value),
    layers: config.layers.map((choice) => choice.value),
    color: "purpose",
    free: "", // "" (any), "now" or a quarter "2027-Q3" (config.freeChoices)
    q: "", // search in buildings' and organisations' names
    view: null, // {lat, lng, z} or null
  };
}

function readList(params, name, allowed) {
  if (!params.has(name)) return null;
  const wanted = params.get(name).split(",").map((part) => part.trim());
  return allowed.filter((value) => wanted.includes(value));
}

function readNumber(params, name) {
  const value = Number.parseFloat(params.get(name) ?? "");
  return Number.isFinite(value) ? value : null;
}

export function readState(search, config) {
  const params = new URLSearchParams(search);
  const state = defaultState(config);
  const allowed = {
    purpose: state.purpose,
    status: state.status,
    layers: state.layers,
  };
  for (const name of LIST_PARAMS) {
    const values = readList(params, name, allowed[name]);
    if (values !== null) state[name] = values;
  }
  const year = readNumber(params, "year");
  if (year !== null) {
    state.year = Math.min(config.years.max, Math.max(config.years.min, Math.round(year)));
  }
  if (params.get("color") === "status") state.color = "status";
  const free = params.get("free") ?? "";
  if ((config.freeChoices ?? []).some((choice) => choice.value === free)) state.free = free;
  state.q = (params.get("q") ?? "").trim().slice(0, 100);
  const building = params.get("building");
  if (building) state.building = building;
  const lat = readNumber(params, "lat");
  const lng = readNumber(params, "lng");
  const z = readNumber(params, "z");
  if (lat !== null && lng !== null && z !== null && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
    state.view = { lat, lng, z: Math.round(z) };
  }
  return state;
}

function sameList(a, b) {
  return a.length === b.length && a.every((value) => b.includes(value));
}

export function writeState(state, config) {
  const defaults = defaultState(config);
  const params = new URLSearchParams();
  if (state.building) params.set("building", state.building);
  if (state.year !== defaults.year) params.set("year", String(state.year));
  for (const name of LIST_PARAMS) {
    if (!sameList(state[name], defaults[name])) params.set(name, state[name].join(","));
  }
  if (state.color !== defaults.color) params.set("color", state.color);
  if (state.free) params.set("free", state.free);
  if (state.q) params.set("q", state.q);
  if (state.view) {
    params.set("lat", state.view.lat.toFixed(5));
    params.set("lng", state.view.lng.toFixed(5));
    params.set("z", String(state.view.z));
  }
  const query = params.toString().replaceAll("%2C", ",");
  return query ? `?${query}` : "";
}
