// Draws one map view (geo.view.viewmodel.MapView, sent by geo.render.leaflet as data) into a
// Leaflet layer group: areas filled by class with one shared tooltip, lines over them, and
// a key above the map, outside its drawing area (legend, scale, zoom buttons, credits).
// Areas and lines are made of shared arcs: each arc is decoded and projected once, and
// all shapes are drawn in bulk as plain SVG paths in one group of the map's renderer,
// projected again after each zoom, rather than as one Leaflet layer each.
// Every text is set with textContent: nothing from the data is ever parsed as HTML.
// Every word shown comes from the view's spec, in the reader's language.
// On the dashboard, the parts of a view that are the same on every date come as
// {"$ref": address}: each is fetched once per page from a file the browser keeps for good.
(function () {
  "use strict";

  var MILE = 1609.344;
  var CODE_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

  // `count` codes packed in characters of 6 bits after a digit giving the bits per code
  // (geo.render.leaflet.compact_codes), or a list as it is.
  function codesOf(codes, count) {
    if (typeof codes !== "string") { return codes; }
    var bits = Number(codes.charAt(0)), per = Math.floor(6 / bits), mask = (1 << bits) - 1;
    var list = new Array(count);
    for (var i = 0; i < count; i++) {
      var value = CODE_DIGITS.indexOf(codes.charAt(1 + Math.floor(i / per)));
      list[i] = (value >> (bits * (i % per))) & mask;
    }
    return list;
  }

  var parts = {};  // address -> promise of the part there, fetched once per page

  function fetchPart(address) {
    if (!parts[address]) {
      parts[address] = fetch(address).then(function (response) {
        if (!response.ok) { throw new Error(address + ": HTTP " + response.status); }
        return response.json();
      });
      parts[address].catch(function () { delete parts[address]; });  // asked again next time
    }
    return parts[address];
  }

  // Every {"$ref": address} in `value`, as [object holding it, key]; small walk: a spec with
  // references holds no big arrays of its own.
  function references(value, found) {
    if (value && typeof value === "object") {
      for (var key in value) {
        var item = value[key];
        if (item && typeof item === "object" && typeof item.$ref === "string") {
          if (item.part !== undefined && !parts[item.$ref]) {  // sent with its reference
            parts[item.$ref] = Promise.resolve(item.part);
          }
          found.push([value, key]);
        } else if (item && typeof item === "object") {
          references(item, found);
        }
      }
    }
    return found;
  }

  // Google's encoded polyline format: y (latitude) first, zig-zag base-64 varints.
  function decodeValues(text) {
    var values = [], i = 0;
    while (i < text.length) {
      var shift = 0, result = 0, b;
      do { b = text.charCodeAt(i++) - 63; result += (b & 31) * Math.pow(2, shift); shift += 5; }
      while (b >= 32);
      values.push(result % 2 ? -(result + 1) / 2 : result / 2);
    }
    return values;
  }

  function decodeReferences(text) {  // a ring's arcs: deltas from the reference before
    var refs = decodeValues(text);
    for (var i = 1; i < refs.length; i++) { refs[i] += refs[i - 1]; }
    return refs;
  }

  // The view's arcs as LatLngs in the map's CRS: starts are one chain of deltas, each body
  // deltas from its own start.
  function decodeArcs(arcs, factor) {
    var starts = decodeValues(arcs.starts), y = 0, x = 0;
    return arcs.bodies.map(function (body, i) {
      y += starts[2 * i]; x += starts[2 * i + 1];
      var py = y, px = x, points = [L.latLng(py * factor, px * factor)];
      var deltas = decodeValues(body);
      for (var k = 0; k < deltas.length; k += 2) {
        py += deltas[k]; px += deltas[k + 1];
        points.push(L.latLng(py * factor, px * factor));
      }
      return points;
    });
  }

  // Every arc in layer pixels (to a tenth), projected once per zoom and shared by all paths.
  function ArcPixels(latlngs) { this._latlngs = latlngs; this._key = null; }
  ArcPixels.prototype.at = function (map) {
    var zoom = map.getZoom(), origin = map.getPixelOrigin(), crs = map.options.crs;
    var key = zoom + ":" + origin.x + ":" + origin.y;
    if (this._key !== key) {
      this._pixels = this._latlngs.map(function (arc) {
        return arc.map(function (latlng) {
          var point = crs.latLngToPoint(latlng, zoom);
          return Math.round((point.x - origin.x) * 10) / 10 + " " +
            Math.round((point.y - origin.y) * 10) / 10;
        });
      });
      this._key = key;
    }
    return this._pixels;
  };

  // Every area's path at the pixels of the moment, kept for the next view of the same areas
  // (another date) until the zoom changes.
  ArcPixels.prototype.areaPaths = function (map, shapes) {
    var pixels = this.at(map);
    if (this._pathsKey !== this._key || this._pathsOf !== shapes) {
      this._paths = shapes.map(function (polygons) { return areaPath(pixels, polygons); });
      this._pathsKey = this._key;
      this._pathsOf = shapes;
    }
    return this._paths;
  };

  var decodedShapes = new WeakMap();  // the areas of a part, decoded once

  function decoded(shapes) {
    if (!decodedShapes.has(shapes)) {
      decodedShapes.set(shapes, shapes.map(function (polygons) {
        return polygons.map(function (rings) { return rings.map(decodeReferences); });
      }));
    }
    return decodedShapes.get(shapes);
  }

  function ringPath(pixels, refs) {
    var d = "";
    refs.forEach(function (ref, i) {
      var points = ref >= 0 ? pixels[ref] : pixels[~ref].slice().reverse();
      for (var k = i ? 1 : 0; k < points.length; k++) { d += (d ? "L" : "M") + points[k]; }
    });
    return d + "z";
  }

  function areaPath(pixels, polygons) {
    return polygons.map(function (rings) {
      return rings.map(function (refs) { return ringPath(pixels, refs); }).join("");
    }).join("");
  }

  function linePath(pixels, arcs) {
    return arcs.map(function (arc) { return "M" + pixels[arc].join("L"); }).join("");
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

  function svgPath(attributes, template) {
    var path = template ? template.cloneNode(false) : L.SVG.create("path");
    for (var name in attributes) { path.setAttribute(name, attributes[name]); }
    return path;
  }

  function element(tag, className, parent) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (parent) { parent.appendChild(node); }
    return node;
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

  // The key above the map, made once per map: the map's own zoom buttons and credits move
  // into it, so that no control lies over the drawing.
  function keyOf(map) {
    if (map._scKey) { return map._scKey; }
    var container = map.getContainer();
    // total: the frame's height as the page made it; needed: what the view fills of it
    var key = {total: container.offsetHeight, needed: Infinity};
    key.box = element("div", "sc-key");
    container.parentNode.insertBefore(key.box, container);
    key.legend = element("div", "sc-legend", key.box);
    key.tools = element("div", "sc-tools", key.box);
    key.scale = element("div", "sc-scale", key.tools);
    if (map.zoomControl) { key.tools.appendChild(map.zoomControl.getContainer()); }
    if (map.attributionControl) { key.tools.appendChild(map.attributionControl.getContainer()); }
    // The drawing area is what the key leaves of the map's height, or as high as the
    // map's option scDrawingHeight() says (a page that grows with its width).
    key.fit = function () {
      var frame = Math.min(key.total, key.needed);
      var height = (map.options.scDrawingHeight ? map.options.scDrawingHeight() :
                    Math.max(frame - key.box.offsetHeight, 120)) + "px";
      if (container.style.height !== height) {
        container.style.height = height;
        map.invalidateSize({pan: false});
      }
    };
    L.DomEvent.on(window, "resize", key.fit);
    // The view is fitted again whenever the map changes size (the page lays itself out
    // after the map is drawn), until the reader moves the map themselves.
    map.on("movestart", function () { if (!key.fitting) { key.moved = true; } });
    map.on("resize", function () {
      if (!key.moved && !key.fitting && key.view) { fitView(map, key.view); }
    });
    map._scKey = key;
    return key;
  }

  // Streamlit's message from a component's frame that sets the frame's height (as the
  // component library sends it); the page lays out what follows the map again.
  function setFrameHeight(height) {
    window.parent.postMessage(
      {isStreamlitMessage: true, type: "streamlit:setFrameHeight", height: height}, "*");
  }

  // Leaflet names its zoom buttons in English: name them in the view's language.
  function nameZoomButtons(map, text) {
    var zoom = map.zoomControl;
    if (!zoom || !text) { return; }
    [[zoom._zoomInButton, text.zoomIn], [zoom._zoomOutButton, text.zoomOut]].forEach(
      function (pair) {
        if (pair[0] && pair[1]) {
          pair[0].title = pair[1];
          pair[0].setAttribute("aria-label", pair[1]);
        }
      });
  }

  // Fit the view's extent, at the top of the map when the map is taller than it needs. In a
  // page's frame (streamlit-folium's), the frame then shrinks to what the view fills, so that
  // a wide view on a narrow screen (the nation on a phone) leaves no blank band under it.
  function fitView(map, spec) {
    var key = keyOf(map), bounds = L.latLngBounds(spec.fit), pad = L.point(8, 8);
    var framed = !map.options.scDrawingHeight && window.parent !== window;
    key.fitting = true;  // the map's own resizes below are this fit's, not the page's
    if (framed && key.needed !== Infinity) {  // measure the view in the whole frame
      key.needed = Infinity;
      key.fit();
    }
    var zoom = map.getBoundsZoom(bounds, false, pad);
    var tall = map.project(bounds.getSouthWest(), zoom).y - map.project(bounds.getNorthEast(), zoom).y;
    var spare = Math.max(map.getSize().y - pad.y - tall, 0);
    if (framed) {
      key.needed = Math.ceil(key.total - spare);
      setFrameHeight(Math.min(key.total, key.needed));
      key.fit();
      spare = Math.max(map.getSize().y - pad.y - tall, 0);
    }
    map.fitBounds(bounds, {animate: false, paddingTopLeft: [4, 4], paddingBottomRight: [4, 4 + spare]});
    key.fitting = false;
    key.moved = false;
    key.view = spec;
  }

  function showLegend(box, spec) {
    var legend = spec.legend;
    while (box.firstChild) { box.removeChild(box.firstChild); }
    element("span", "sc-legend-title", box).textContent = legend.title;
    function entry(swatchClass, swatchStyle, label) {
      var item = element("span", "sc-legend-entry", box);
      element("span", swatchClass, item).style.cssText = swatchStyle;
      item.appendChild(document.createTextNode(label));
    }
    legend.labels.forEach(function (label, i) {
      entry("sc-swatch", "background:" + spec.areas.colours[i], label);
    });
    legend.lines.forEach(function (line) {
      var style = line.style;
      entry("sc-line", "border-top:" + style.width + "px " +
            (style.dash.length ? "dashed " : "solid ") + style.colour, line.label);
    });
  }

  // A scale bar in miles (and kilometres), true at the centre of the map; none where one
  // scale cannot be true (a view across the insets).
  function showScale(box, map, metresPerUnit) {
    while (box.firstChild) { box.removeChild(box.firstChild); }
    if (!metresPerUnit) { return; }
    var size = map.getSize(), y = size.y / 2, x = size.x / 2;
    var across = map.distance(map.containerPointToLatLng([x - 50, y]),
                              map.containerPointToLatLng([x + 50, y]));
    var metresPerPixel = across * metresPerUnit / 100;
    var miles = niceNumber(100 * metresPerPixel / MILE);
    var bar = element("div", "sc-scale-bar", box);
    bar.style.width = Math.round(miles * MILE / metresPerPixel) + "px";
    element("div", "sc-scale-label", box).textContent =
      miles + " mi (" + Math.round(miles * MILE / 1000) + " km)";
  }

  function niceNumber(most) {  // the largest 1, 2 or 5 times a power of ten up to `most`
    var power = Math.pow(10, Math.floor(Math.log10(most))), first = most / power;
    return (first >= 5 ? 5 : first >= 2 ? 2 : 1) * power;
  }

  var Frame = L.Layer.extend({  // the key's content for this view; fits the view to the map
    initialize: function (spec) { this._spec = spec; },
    onAdd: function (map) {
      var spec = this._spec, key = keyOf(map), container = map.getContainer();
      if (spec.description) {  // what the map shows, for readers who cannot see it
        container.setAttribute("role", "img");
        container.setAttribute("aria-label", spec.description);
      }
      showLegend(key.legend, spec);
      nameZoomButtons(map, spec.text);
      key.fit();
      // Fit only when the view is of another place: a new date keeps the reader's zoom.
      if (!key.view || key.view.key !== spec.key) { fitView(map, spec); }
      this._scale = function () { showScale(key.scale, map, spec.controls && spec.scale); };
      this._scale();
      map.on("zoomend resize", this._scale);
    },
    onRemove: function (map) { map.off("zoomend resize", this._scale); }
  });

  var leaving = [];  // the SVG groups of drawings removed, until the next view's areas come
  var lastAreas = null;  // the last areas drawn: the next date of the same view reuses its paths

  var Drawing = L.Layer.extend({
    onAdd: function (map) {
      this._group = L.SVG.create("g");
      map.getRenderer(this)._rootGroup.appendChild(this._group);
      this._draw();
    },
    // The drawing of a view stays on screen until the next one is drawn (its parts may be
    // on their way): no blank map between two views.
    onRemove: function () { leaving.push(this._group); },
    getEvents: function () { return {zoomend: this._draw, viewreset: this._draw}; },
    _draw: function () {
      var group = this._group;
      while (group.firstChild) { group.removeChild(group.firstChild); }
      this._paths(this._map).forEach(function (path) { group.appendChild(path); });
    }
  });

  var Areas = Drawing.extend({  // one path per area, with hover and one tooltip
    initialize: function (spec, arcs) {
      this._areas = spec.areas;
      this._shapes = decoded(spec.areas.shapes);
      this._tooltip = spec.tooltip;
      this._arcs = arcs;
      this._tip = L.tooltip({sticky: true});
    },
    onAdd: function (map) {
      var last = lastAreas, at = leaving.indexOf(last && last._group);
      if (at >= 0 && last._shapes === this._shapes && last._areas.ids === this._areas.ids &&
          last._arcs === this._arcs && last._drawnAt === this._arcs.at(map)) {
        // The same areas on another date, at the same scale: its paths, recoloured.
        leaving.splice(at, 1);
        L.DomEvent.off(last._group, last._handlers, last);
        this._group = last._group;
        if (last._hovered) {
          last._hovered.setAttribute("stroke", last._areas.edge.colour);
          last._hovered.setAttribute("stroke-width", last._areas.edge.width);
        }
        this.recolour();
      } else {
        Drawing.prototype.onAdd.call(this, map);
      }
      leaving.splice(0).forEach(function (old) { L.DomUtil.remove(old); });  // drawn anew
      this._drawnAt = this._arcs.at(map);
      this._handlers = {mouseover: this._over, mousemove: this._move, mouseout: this._out};
      L.DomEvent.on(this._group, this._handlers, this);
      lastAreas = this;
      focusWithoutScrolling(map);
    },
    _draw: function () {
      Drawing.prototype._draw.call(this);
      this._drawnAt = this._arcs.at(this._map);
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
      var areas = this._areas, paths = this._arcs.areaPaths(map, this._shapes);
      var template = svgPath({"class": "leaflet-interactive", "fill-opacity": 1,
        "fill-rule": "evenodd", "stroke": areas.edge.colour,
        "stroke-width": areas.edge.width, "stroke-linejoin": "round"});
      return this._shapes.map(function (_, row) {
        var path = svgPath({"fill": areas.colours[areas.classes[row]],
                            "d": paths[row]}, template);
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
    recolour: function () {  // the areas' classes changed: fill each path anew
      var areas = this._areas, paths = this._group ? this._group.childNodes : [];
      for (var i = 0; i < paths.length; i++) {
        paths[i].setAttribute("fill", areas.colours[areas.classes[paths[i].__row]]);
      }
    },
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
    initialize: function (set, arcs) { this._set = set; this._arcs = arcs; },
    _paths: function (map) {
      var style = this._set.style, paths = [];
      var line = {"fill": "none", "stroke-linecap": "round", "stroke-linejoin": "round",
                  "d": linePath(this._arcs.at(map), this._set.arcs)};
      if (style.casing) {
        paths.push(svgPath(L.extend({}, line, {"stroke": style.casing,
          "stroke-width": style.casing_width})));
      }
      paths.push(svgPath(L.extend({}, line, {"stroke": style.colour,
        "stroke-width": style.width,
        "stroke-dasharray": style.dash.length ? style.dash.join(" ") : "none"})));
      return paths;
    }
  });

  // Adds the view to `group` (a Leaflet layer group on the map): the frame first, as it
  // fits the view before anything is projected, then the areas, then the lines.
  // The arcs of the last view: the next view of the same place (another date) has the same.
  var lastArcs = {spec: null, pixels: null};

  function sameArcs(a, b) {
    if (a && a.arcs === b.arcs && a.factor === b.factor) { return true; }  // the same part
    if (!a || a.factor !== b.factor || a.arcs.starts !== b.arcs.starts) { return false; }
    var x = a.arcs.bodies, y = b.arcs.bodies;
    if (x.length !== y.length) { return false; }
    for (var i = 0; i < x.length; i++) { if (x[i] !== y[i]) { return false; } }
    return true;
  }

  function draw(group, spec) {
    var count = spec.areas.ids.length, classes = codesOf(spec.areas.classes, count);
    spec.areas.classes = classes;
    spec.tooltip.columns = spec.tooltip.columns.map(function (column) {  // parts stay as sent
      if (column.byClass) {  // a column that follows the classes: each class's value
        return {values: column.values, codes: classes.map(function (c) { return column.byClass[c]; })};
      }
      return column.codes ? {values: column.values, codes: codesOf(column.codes, count)} : column;
    });
    if (!sameArcs(lastArcs.spec, spec)) {
      lastArcs = {spec: spec, pixels: new ArcPixels(decodeArcs(spec.arcs, spec.factor))};
    }
    var arcs = lastArcs.pixels, areas = new Areas(spec, arcs);
    group.addLayer(new Frame(spec));
    group.addLayer(areas);
    spec.lines.forEach(function (set) { group.addLayer(new Lines(set, arcs)); });
    return areas;
  }

  // Play (spec.play, on the dashboard): once this month is painted, and at least play.frame
  // ms after the last request, the map asks the page for the next month through the
  // component's value (streamlit-folium's window.Streamlit): Play goes at the browser's
  // pace, and the page's numbers follow with the map in the same run.
  var lastAsked = 0;

  function askForNext(group, play) {
    if (!play || !window.Streamlit) { return; }
    requestAnimationFrame(function () {
      setTimeout(function () {
        if (!group._map) { return; }  // a newer view replaced this one meanwhile
        lastAsked = performance.now();
        window.Streamlit.setComponentValue({played: play.shown, at: Date.now()});
      }, Math.max(lastAsked + play.frame - performance.now(), 0));
    });
  }

  // Returns a handle whose recolour(classes, legendTitle) shows the same view on another
  // date: new classes for the areas, the legend's new title. A spec with parts to fetch is
  // drawn once they are in.
  window.scRolloutLayer = function (group, spec) {
    var areas = null, pending = references(spec, []);
    function show() {
      areas = draw(group, spec);
      askForNext(group, spec.play);
    }
    if (pending.length) {
      Promise.all(pending.map(function (at) { return fetchPart(at[0][at[1]].$ref); }))
        .then(function (found) {
          if (!group._map) { return; }  // a newer view came first
          found.forEach(function (value, i) { pending[i][0][pending[i][1]] = value; });
          show();
        })
        .catch(function (error) { console.error("map parts not loaded", error); });
    } else {
      show();
    }
    return {
      recolour: function (classes, legendTitle) {
        spec.areas.classes = classes;
        spec.legend.title = legendTitle;
        if (!areas) { return; }
        areas.recolour();
        if (areas._map) { showLegend(keyOf(areas._map).legend, spec); }
      }
    };
  };
})();
