// Small DOM helpers shared by the map's modules and the embed code generator.
//
// Stored text (names, summaries, credits) reaches the page only as text:
// element() sets textContent, textNode() wraps a string for Leaflet's
// bindTooltip()/bindPopup() (which would parse a string as HTML), and
// escapeHtml() is for the few places that only take an HTML string
// (Leaflet's attribution control, the snippet a journalist copies).

export function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}

export function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

// A <span> holding `text` as text: content for Leaflet that it will not parse.
export function textNode(text) {
  return element("span", {}, text);
}

const HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

// A live region that announces `text`; cleared first, so the same text twice is announced twice.
export function announcer(node, delay = 50) {
  return (text) => {
    node.textContent = "";
    window.setTimeout(() => {
      node.textContent = text;
    }, delay);
  };
}
