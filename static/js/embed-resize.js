/*
 * The embedded map takes the height of its content: an optional script for
 * pages that frame /{lang}/map/embed/ without Pym.js (see README, "Embedding
 * the map"). Paste it once after the iframes:
 *
 *   <script src="https://itpark.example/static/js/embed-resize.js" async></script>
 *
 * It finds the page's iframes of the embed on this script's own site, tells
 * each its width (a Pym.js `width` message, so the embed starts fitting its
 * content) and sets each frame's height from the `height` messages the embed
 * posts back (static/js/map/resize.js), also after the page is resized.
 * Without it, the frame keeps the height in its `height` attribute.
 * A classic script, no module: host pages load it however they load scripts.
 */
(function () {
  "use strict";

  var PREFIX = "pymxPYMx";
  var SEPARATOR = "xPYMx";
  var EMBED_PATH = /^\/[\w-]+\/map\/embed\/$/;
  var MAX_HEIGHT = 10000;
  var RESIZE_DELAY_MS = 150;
  var origin = new URL(document.currentScript.src).origin;

  function isEmbed(frame) {
    try {
      var url = new URL(frame.src, window.location.href);
      return url.origin === origin && EMBED_PATH.test(url.pathname);
    } catch (error) {
      return false;
    }
  }

  function embeds() {
    return Array.prototype.filter.call(document.getElementsByTagName("iframe"), isEmbed);
  }

  function sendWidth(frame) {
    if (!frame.contentWindow) return;
    var width = Math.round(frame.getBoundingClientRect().width);
    frame.contentWindow.postMessage(PREFIX + "itpark" + SEPARATOR + "width" + SEPARATOR + width, "*");
  }

  window.addEventListener("message", function (event) {
    if (typeof event.data !== "string" || event.data.indexOf(PREFIX) !== 0) return;
    var parts = event.data.slice(PREFIX.length).split(SEPARATOR);
    var height = parts.length === 3 && parts[1] === "height" ? Number(parts[2]) : NaN;
    if (!(Number.isInteger(height) && height > 0 && height <= MAX_HEIGHT)) return;
    embeds().forEach(function (frame) {
      if (frame.contentWindow === event.source) frame.height = String(height);
    });
  });

  function start() {
    embeds().forEach(function (frame) {
      frame.addEventListener("load", function () {
        sendWidth(frame);
      });
      sendWidth(frame); // already loaded before this script ran
    });
    var timer = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        embeds().forEach(sendWidth);
      }, RESIZE_DELAY_MS);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
