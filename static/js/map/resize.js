// The embed tells the page that frames it how tall its content is, in the
// protocol of NPR's Pym.js (a Pym "child"), which many newsroom CMSs speak:
// messages "pymxPYMx{id}xPYMx{type}xPYMx{value}" posted to the parent.
//
// Without a parent that listens, the frame keeps its fixed height and the
// map fills it (body.embed in site.css). The embed starts fitting its
// content (body.embed--fit: the map at a height that follows the width, the
// page as tall as its content) and posting `height` messages when either:
// - Pym.js made the frame (its URL has Pym's `childId`), or
// - the parent sends a `width` message, as Pym.js parents do on resize and
//   as the site's own static/js/embed-resize.js does for pages without Pym.
// It posts again whenever its content's height changes. The messages carry
// only a number: nothing about the reader or the map.

const PREFIX = "pymxPYMx";
const SEPARATOR = "xPYMx";

export function pymMessage(id, type, value) {
  return `${PREFIX}${id}${SEPARATOR}${type}${SEPARATOR}${value}`;
}

// {id, type, value} of a Pym.js message, or null for any other message.
export function readPymMessage(data) {
  if (typeof data !== "string" || !data.startsWith(PREFIX)) return null;
  const parts = data.slice(PREFIX.length).split(SEPARATOR);
  if (parts.length !== 3) return null;
  const [id, type, value] = parts;
  return { id, type, value };
}

export function contentHeight() {
  return Math.ceil(document.body.getBoundingClientRect().height);
}

export function reportHeight() {
  if (window.parent === window) return; // not framed: nobody to tell
  const params = new URLSearchParams(window.location.search);
  let id = params.get("childId") ?? "";
  let fitting = false;
  let sent = null;

  const send = () => {
    const height = contentHeight();
    if (height === sent) return;
    sent = height;
    window.parent.postMessage(pymMessage(id, "height", height), "*");
  };
  const fit = () => {
    if (fitting) return;
    fitting = true;
    document.body.classList.add("embed--fit");
    new ResizeObserver(send).observe(document.body);
  };

  window.addEventListener("message", (event) => {
    if (event.source !== window.parent) return;
    const message = readPymMessage(event.data);
    if (message?.type !== "width") return;
    if (!id) id = message.id;
    fit();
    sent = null; // a parent asking gets an answer, even if the height is the same
    send();
  });
  if (params.has("childId")) fit();
}
