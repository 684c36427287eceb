// "Embed this map" (templates/components/embed_dialog.html): the embed code
// generator on the map page and the building pages.
//
// Without this script the page shows the ready code for its building. Here
// the "Embed this map" button opens a modal <dialog> (focus moves in, Escape
// closes it, focus returns to the button) where the journalist picks the
// language, building, layers, height, scroll-wheel zoom, the two-finger
// gesture on phones, the colours, the year (always current, or frozen as of
// today), a short description (pre-filled with the title; the iframe's
// title) and whether the frame fits its content (the resize script); the
// preview frame, the code and the direct links follow the choices. The code
// carries today's date (`since`), so that the embed can later tell readers
// what changed since the article; the preview leaves it out (nothing has
// changed since today). Without choices the code is map/templatetags/
// map_embed.py's snippet(). The parameters are map/embed.py's.

import { escapeHtml } from "./map/dom.js";

const PREVIEW_DELAY_MS = 300;
const STATUS_DELAY_MS = 50;

// Today in the journalist's own calendar, YYYY-MM-DD.
function today() {
  const now = new Date();
  const pad = (number) => String(number).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// The query string of an embed or map URL ("" or "?..."), in map/embed.py's order; `embedOnly`
// adds what only the embed reads (the map page has the building, layers and year).
function query(options, allLayers, { embedOnly = true, since = null } = {}) {
  const { building, layers, scroll, gesture, theme, year, description } = options;
  const params = new URLSearchParams();
  if (building) params.set("building", building);
  if (layers.length && layers.length < allLayers.length) params.set("layers", layers.join(","));
  if (embedOnly && scroll) params.set("scroll", "1");
  if (embedOnly && !gesture) params.set("gesture", "0");
  if (embedOnly && theme !== "light") params.set("theme", theme);
  if (year) params.set("year", year);
  if (embedOnly && since) params.set("since", since);
  if (embedOnly && description) params.set("description", description);
  const text = params.toString().replaceAll("%2C", ",");
  return text ? `?${text}` : "";
}

class EmbedGenerator {
  constructor(config) {
    this.config = config;
    this.dialog = document.getElementById("embed-dialog");
    this.openButton = document.getElementById("embed-open");
    this.form = document.getElementById("embed-form");
    this.preview = document.getElementById("embed-preview");
    this.code = document.getElementById("embed-code");
    this.status = document.getElementById("embed-copy-status");
    this.links = {
      embed: document.getElementById("embed-link-embed"),
      svg: document.getElementById("embed-link-svg"),
      png: document.getElementById("embed-link-png"),
      qrSvg: document.getElementById("embed-link-qr-svg"),
      qrPng: document.getElementById("embed-link-qr-png"),
    };
    this.previewTimer = null;
    this.describedByHand = false; // once the journalist edits the description, it is theirs
  }

  start() {
    document.getElementById("embed-static").hidden = true;
    this.openButton.hidden = false;
    this.openButton.addEventListener("click", () => this.open());
    document.getElementById("embed-close").addEventListener("click", () => this.dialog.close());
    this.dialog.addEventListener("close", () => this.openButton.focus());
    // A click on the backdrop (outside the dialog's box) closes it too.
    this.dialog.addEventListener("click", (event) => {
      if (event.target === this.dialog) this.dialog.close();
    });
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.form.elements.description.addEventListener("input", () => {
      this.describedByHand = this.form.elements.description.value.trim() !== "";
    });
    this.form.addEventListener("input", () => this.update());
    this.form.addEventListener("change", () => this.update());
    document.getElementById("embed-copy").addEventListener("click", () => this.copy());
  }

  open() {
    this.dialog.showModal();
    this.update({ now: true });
    this.form.elements.lang.focus();
  }

  options() {
    const form = this.form;
    const [low, high] = this.config.heights;
    const asked = Number.parseInt(form.elements.height.value, 10);
    const height = Number.isFinite(asked) ? Math.min(high, Math.max(low, asked)) : this.config.height;
    const lang = form.elements.lang.value;
    const building = form.elements.building.value;
    const title = this.title({ lang, building });
    if (!this.describedByHand) form.elements.description.value = title;
    const described = form.elements.description.value.trim();
    return {
      lang,
      building,
      layers: [...form.querySelectorAll('input[name="layers"]:checked')].map((input) => input.value),
      scroll: form.elements.scroll.checked,
      gesture: form.elements.gesture.checked,
      theme: form.elements.theme.value,
      year: form.elements.year.value,
      title,
      description: described && described !== title ? described : "", // the title is in the frame already
      resize: form.elements.resize.checked,
      height,
    };
  }

  title(options) {
    const titles = this.config.titles[options.lang] ?? {};
    return titles[options.building] ?? titles[""] ?? "";
  }

  urls(options) {
    const { origin, layers } = this.config;
    const base = `${origin}/${options.lang}/map/`;
    const plan = options.building ? `?building=${encodeURIComponent(options.building)}` : "";
    return {
      embed: `${base}embed/${query(options, layers)}`,
      pasted: `${base}embed/${query(options, layers, { since: today() })}`,
      map: `${base}${query(options, layers, { embedOnly: false })}`,
      svg: `${base}plan.svg${plan}`,
      png: `${base}plan.png${plan}`,
      // The QR code of the page the reader of a print lands on: the map, or the chosen building's page.
      qrSvg: `${base}qr.svg${plan}`,
      qrPng: `${base}qr.png${plan}`,
    };
  }

  snippet(options, urls) {
    const title = escapeHtml(options.title);
    const frameTitle = escapeHtml(options.description || options.title);
    const script = options.resize ? `<script src="${escapeHtml(this.config.resizeScript)}" async></script>\n` : "";
    return (
      `<iframe src="${escapeHtml(urls.pasted)}" title="${frameTitle}" width="100%" height="${options.height}" loading="lazy" allowfullscreen></iframe>\n` +
      script +
      `<p><a href="${escapeHtml(urls.map)}">${title}</a></p>`
    );
  }

  update({ now = false } = {}) {
    const options = this.options();
    const urls = this.urls(options);
    this.code.value = this.snippet(options, urls);
    for (const [name, link] of Object.entries(this.links)) link.href = urls[name];
    this.preview.height = String(options.height);
    this.status.textContent = "";
    window.clearTimeout(this.previewTimer);
    const show = () => {
      if (this.preview.getAttribute("src") !== urls.embed) this.preview.src = urls.embed;
    };
    if (now) show();
    else this.previewTimer = window.setTimeout(show, PREVIEW_DELAY_MS);
  }

  async copy() {
    const text = this.code.value;
    this.code.select();
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      copied = false; // no Clipboard API or no permission: the code stays selected for Ctrl+C
    }
    this.announce(copied ? this.config.strings.copied : this.config.strings.copyManually);
  }

  announce(text) {
    // Cleared first, so that copying twice is announced twice.
    this.status.textContent = "";
    window.setTimeout(() => {
      this.status.textContent = text;
    }, STATUS_DELAY_MS);
  }
}

function start() {
  const configNode = document.getElementById("embed-config");
  const dialog = document.getElementById("embed-dialog");
  if (!configNode || !dialog || typeof dialog.showModal !== "function") return; // the ready code stays
  new EmbedGenerator(JSON.parse(configNode.textContent)).start();
}

start();
