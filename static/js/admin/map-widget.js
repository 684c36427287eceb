/*
 * The admin map widget (core.widgets.MapWidget): draws the park around the
 * geometry being edited.
 *
 * django-leaflet creates each widget's map on window load and fires `map:init`
 * on window before it adds the editable field. Here, for maps that have a
 * `<script type="application/json" id="{map id}-reference">` element (see
 * templates/core/widgets/map_widget.html), we:
 * - put Leaflet.draw's toolbar in the editor's language;
 * - draw the site boundary and the other buildings, muted and not
 *   interactive, in a pane below the editable geometry, with a legend and
 *   the buildings' names (as text, never markup) once zoomed in;
 * - once the field is loaded, fit the map to its geometry, or to the site
 *   when there is none yet (the map has no tiles when MAP_TILE_URL is empty);
 * - redraw the map when its size changes (a collapsed panel opened again).
 */
(function () {
  "use strict";

  var LABEL_MIN_ZOOM = 18;
  var STYLES = {
    boundary: { color: "#4b5563", weight: 2, dashArray: "6 4", fill: false },
    building: { color: "#6b7280", weight: 1, fillColor: "#9ca3af", fillOpacity: 0.4 },
  };

  function readReference(mapId) {
    var element = document.getElementById(mapId + "-reference");
    return element ? JSON.parse(element.textContent) : null;
  }

  /* Keys name their place in L.drawLocal: "draw_toolbar_buttons_polygon". */
  function translateDrawToolbar(strings) {
    if (!L.drawLocal || !strings) return;
    Object.keys(strings).forEach(function (key) {
      var path = key.split("_");
      var target = L.drawLocal;
      for (var i = 0; i < path.length - 1 && target; i++) target = target[path[i]];
      if (target && typeof target[path[path.length - 1]] === "string") {
        target[path[path.length - 1]] = strings[key];
      }
    });
  }

  /* The name as text: a string given to bindTooltip() would be parsed as HTML, and names are stored text. */
  function textLabel(name) {
    var label = document.createElement("span");
    label.textContent = name;
    return label;
  }

  function addReferenceLayers(map, features) {
    map.createPane("reference").style.zIndex = 350; // below the editable overlays (400)
    return L.geoJSON(features, {
      pane: "reference",
      interactive: false,
      style: function (feature) {
        return STYLES[feature.properties.layer] || STYLES.building;
      },
      onEachFeature: function (feature, layer) {
        if (feature.properties.layer === "building") {
          layer.bindTooltip(textLabel(feature.properties.name), {
            permanent: true,
            direction: "center",
            className: "map-widget__label",
            pane: "reference",
          });
        }
      },
    }).addTo(map);
  }

  function showLabelsWhenZoomedIn(map) {
    function update() {
      L.DomUtil[map.getZoom() >= LABEL_MIN_ZOOM ? "addClass" : "removeClass"](
        map.getContainer(),
        "map-widget--labels",
      );
    }
    map.on("zoomend", update);
    update();
  }

  /* Lists the layers that have something on this map. */
  function addLegend(map, legend, features) {
    var shown = features.features.map(function (feature) {
      return feature.properties.layer;
    });
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var list = L.DomUtil.create("ul", "map-widget__legend");
      Object.keys(legend).forEach(function (layer) {
        if (shown.indexOf(layer) === -1) return;
        var item = L.DomUtil.create("li", "", list);
        L.DomUtil.create("span", "map-widget__swatch map-widget__swatch--" + layer, item);
        item.appendChild(document.createTextNode(legend[layer]));
      });
      return list;
    };
    control.addTo(map);
  }

  function fitView(map, field, reference) {
    var drawn = field && field.drawnItems;
    if (drawn && drawn.getLayers().length > 0) {
      map.fitBounds(drawn.getBounds().pad(0.2), { maxZoom: 18 });
    } else if (reference.getLayers().length > 0) {
      map.fitBounds(reference.getBounds(), { padding: [16, 16] });
    }
  }

  window.addEventListener("map:init", function (event) {
    var map = event.detail.map;
    var data = readReference(event.detail.id);
    if (!data) return;

    translateDrawToolbar(data.draw);
    var reference = addReferenceLayers(map, data.features);
    showLabelsWhenZoomedIn(map);
    addLegend(map, data.legend, data.features);
    map.on("map:loadfield", function (loaded) {
      fitView(map, loaded.field, reference);
    });
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        map.invalidateSize();
      }).observe(map.getContainer());
    }
  });
})();
