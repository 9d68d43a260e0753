// Draws one map view (geo.viewmodel.MapView, sent by geo.leaflet as a plain-data spec) into
// a Leaflet layer group: areas filled by class with one shared tooltip, lines over them,
// and a legend. Shapes are drawn in bulk, as a few SVG paths in one group of the map's
// renderer, projected again after each zoom, rather than as one Leaflet layer each.
// Every text is set with textContent: nothing from the data is ever parsed as HTML.
(function () {
  "use strict";

  // Google's encoded polyline format: latitude first, zig-zag base-64 varints.
  function decode(text, factor) {
    var out = [], lat = 0, lng = 0, i = 0;
    while (i < text.length) {
      var shift = 0, result = 0, b;
      do { b = text.charCodeAt(i++) - 63; result |= (b & 31) << shift; shift += 5; }
      while (b >= 32);
      lat += (result & 1) ? ~(result >> 1) : (result >> 1);
      shift = 0; result = 0;
      do { b = text.charCodeAt(i++) - 63; result |= (b & 31) << shift; shift += 5; }
      while (b >= 32);
      lng += (result & 1) ? ~(result >> 1) : (result >> 1);
      out.push(L.latLng(lat / factor, lng / factor));
    }
    return out;
  }

  function columnValue(column, row) {  // a column sent whole, or as distinct values + codes
    return column.codes ? column.values[column.codes[row]] : column.values[row];
  }

  function tooltipContent(tooltip, row) {
    var box = document.createElement("div");
    tooltip.labels.forEach(function (label, i) {
      var line = document.createElement("div"), name = document.createElement("b");
      name.textContent = label + ": ";
      line.appendChild(name);
      line.appendChild(document.createTextNode(columnValue(tooltip.columns[i], row)));
      box.appendChild(line);
    });
    return box;
  }

  function dashArray(style) {
    return style.dash.length ? style.dash.join(" ") : "none";
  }

  function svgPath(attributes, template) {
    var path = template ? template.cloneNode(false) : L.SVG.create("path");
    for (var name in attributes) { path.setAttribute(name, attributes[name]); }
    return path;
  }

  // Rings of LatLngs as SVG path data, in layer pixels to a tenth of a pixel.
  function pathData(map, rings, closed) {
    var crs = map.options.crs, zoom = map.getZoom(), origin = map.getPixelOrigin();
    var d = "";
    rings.forEach(function (ring) {
      ring.forEach(function (latlng, i) {
        var point = crs.latLngToPoint(latlng, zoom);
        d += (i ? "L" : "M") + Math.round((point.x - origin.x) * 10) / 10 + " " +
          Math.round((point.y - origin.y) * 10) / 10;
      });
      if (closed) { d += "z"; }
    });
    return d;
  }

  // Leaflet focuses the map on a press, for its keys. In an iframe that focus scrolled the
  // page to show the whole map: on a phone, a tap on a map running off the screen moved the
  // page under the finger and landed elsewhere. Focus without scrolling instead.
  function focusWithoutScrolling(map) {
    var keyboard = map.keyboard;
    if (!keyboard || keyboard._scFocus) { return; }
    L.DomEvent.off(map.getContainer(), "mousedown", keyboard._onMouseDown, keyboard);
    keyboard._scFocus = function () {
      if (!this._focused) { map.getContainer().focus({preventScroll: true}); }
    };
    L.DomEvent.on(map.getContainer(), "mousedown", keyboard._scFocus, keyboard);
  }

  var Legend = L.Layer.extend({
    initialize: function (spec) { this._spec = spec; },
    onAdd: function (map) {
      var spec = this._spec, legend = spec.legend;
      var box = L.DomUtil.create("div", "sc-legend", map.getContainer());
      box.style.cssText = "position:absolute;z-index:1000;bottom:24px;right:10px;" +
        "background:#fff;padding:6px 9px;border:1px solid #999;font:13px/1.5 sans-serif";
      var title = document.createElement("b");
      title.textContent = legend.title;
      box.appendChild(title);
      function row(swatchStyle, label) {
        var line = document.createElement("div"), swatch = document.createElement("span");
        swatch.style.cssText = "display:inline-block;margin-right:6px;" + swatchStyle;
        line.appendChild(swatch);
        line.appendChild(document.createTextNode(label));
        box.appendChild(line);
      }
      legend.labels.forEach(function (label, i) {
        row("width:14px;height:14px;vertical-align:-2px;border:1px solid #777;" +
            "background:" + spec.areas.colours[i], label);
      });
      legend.lines.forEach(function (line) {
        row("width:18px;height:0;vertical-align:4px;border-top:" + line.style.width +
            "px " + (line.style.dash.length ? "dashed " : "solid ") + line.style.colour,
            line.label);
      });
      this._box = box;
      // Fit only when the view is of another place: a new date keeps the reader's zoom.
      if (map._scFitted !== spec.key) {
        map._scFitted = spec.key;
        map.invalidateSize();
        map.fitBounds(spec.fit, {animate: false});
        map.once("resize", function () { map.fitBounds(spec.fit); });
      }
    },
    onRemove: function () { L.DomUtil.remove(this._box); }
  });

  var Drawing = L.Layer.extend({
    onAdd: function (map) {
      this._group = L.SVG.create("g");
      map.getRenderer(this)._rootGroup.appendChild(this._group);
      this._draw();
    },
    onRemove: function () { L.DomUtil.remove(this._group); },
    getEvents: function () { return {zoomend: this._draw, viewreset: this._draw}; },
    _draw: function () {
      var group = this._group;
      while (group.firstChild) { group.removeChild(group.firstChild); }
      this._paths(this._map).forEach(function (path) { group.appendChild(path); });
    }
  });

  var Areas = Drawing.extend({  // one path per area, with hover and one tooltip
    initialize: function (spec) {
      var areas = spec.areas;
      this._areas = areas;
      this._tooltip = spec.tooltip;
      this._rings = areas.shapes.map(function (polygons) {
        return [].concat.apply([], polygons).map(function (ring) {
          return decode(ring, spec.factor);
        });
      });
      this._tip = L.tooltip({sticky: true});
    },
    onAdd: function (map) {
      Drawing.prototype.onAdd.call(this, map);
      L.DomEvent.on(this._group, {mouseover: this._over, mousemove: this._move,
                                  mouseout: this._out}, this);
      focusWithoutScrolling(map);
    },
    getEvents: function () {  // a tap or click opens it after the map's click closed it
      return L.extend(Drawing.prototype.getEvents.call(this), {click: this._tap});
    },
    _tap: function (event) {
      if (event.originalEvent.target.parentNode === this._group) {
        this._over(event.originalEvent);
      }
    },
    onRemove: function (map) {
      map.closeTooltip(this._tip);
      Drawing.prototype.onRemove.call(this, map);
    },
    _paths: function (map) {
      var areas = this._areas;
      var template = svgPath({"class": "leaflet-interactive", "fill-opacity": 1,
        "fill-rule": "evenodd", "stroke": areas.edge.colour,
        "stroke-width": areas.edge.width, "stroke-linejoin": "round"});
      return this._rings.map(function (rings, row) {
        var path = svgPath({"fill": areas.colours[areas.classes[row]],
                            "d": pathData(map, rings, true)}, template);
        path.classList.add("fips-" + areas.ids[row]);
        path.__row = row;
        return path;
      });
    },
    _over: function (event) {
      var path = event.target, hover = this._areas.hover;
      this._out();
      this._hovered = path;
      path.setAttribute("stroke", hover.colour);
      path.setAttribute("stroke-width", hover.width);
      this._tip.setContent(tooltipContent(this._tooltip, path.__row));
      this._move(event);
      this._map.openTooltip(this._tip);
    },
    _move: function (event) { this._tip.setLatLng(this._map.mouseEventToLatLng(event)); },
    _out: function () {
      var edge = this._areas.edge;
      if (this._hovered) {
        this._hovered.setAttribute("stroke", edge.colour);
        this._hovered.setAttribute("stroke-width", edge.width);
        this._hovered = null;
      }
      this._map.closeTooltip(this._tip);
    }
  });

  var Lines = Drawing.extend({  // one set of lines in one path, over its casing if any
    initialize: function (set, factor) {
      this._style = set.style;
      this._lines = set.paths.map(function (path) { return decode(path, factor); });
    },
    _paths: function (map) {
      var style = this._style, paths = [];
      var line = {"fill": "none", "stroke-linecap": "round", "stroke-linejoin": "round",
                  "d": pathData(map, this._lines, false)};
      if (style.casing) {
        paths.push(svgPath(L.extend({}, line, {"stroke": style.casing,
          "stroke-width": style.casing_width})));
      }
      paths.push(svgPath(L.extend({}, line, {"stroke": style.colour,
        "stroke-width": style.width, "stroke-dasharray": dashArray(style)})));
      return paths;
    }
  });

  // Adds the view to `group` (a Leaflet layer group on the map): the legend first, as it
  // fits the view before anything is projected, then the areas, then the lines.
  window.scRolloutLayer = function (group, spec) {
    group.addLayer(new Legend(spec));
    group.addLayer(new Areas(spec));
    spec.lines.forEach(function (set) { group.addLayer(new Lines(set, spec.factor)); });
  };
})();
