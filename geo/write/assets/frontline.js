/* Frontline's maps: every layer is drawn here from the page's JSON (elements #fl-basemap and #fl-data).
 * Article text is only ever written with text nodes, never as markup; links are made of http(s) URLs only.
 * Frontline's own code, MIT licence. */
(function () {
  'use strict';

  var F = {};
  window.Frontline = F;
  var LABEL_FONT = '11px sans-serif', STRONG_FONT = 'bold 11px sans-serif', MINOR_FONT = '10px sans-serif';
  var BASE_FONTS = {country: 'bold 12px sans-serif', admin1: 'italic 10px sans-serif', place: '10px sans-serif'};

  function json(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  /* An element with a class and children (strings become text nodes). */
  function h(tag, cls, children, attrs) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }

  function svg(tag, attrs, children) {
    var node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function safeUrl(url) { return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null; }

  /* "1 change", "3 changes". */
  function count(n, noun) { return n + ' ' + noun + (n === 1 ? '' : 's'); }

  function link(href, text, cls) {
    var a = h('a', cls, [text]);
    a.setAttribute('href', href);
    return a;
  }

  /* Delta-coded integers [x0, y0, dx1, dy1, ...] in 1/q degree -> Leaflet [lat, lon] pairs. */
  function decode(flat, q) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i + 1 < flat.length; i += 2) {
      x += flat[i]; y += flat[i + 1];
      out.push([y / q, x / q]);
    }
    return out;
  }

  function polygons(items, q) {
    return items.map(function (rings) { return rings.map(function (ring) { return decode(ring, q); }); });
  }

  // ------------------------------------------------------------------ popups

  function evidenceNode(ev) {
    var url = safeUrl(ev.url);
    var source = url ? h('a', null, [ev.source], {href: url, target: '_blank', rel: 'noopener noreferrer'})
                     : h('span', null, [ev.source]);
    return h('blockquote', null, [ev.sentence, h('br'), '\u2014 ', source, ev.published ? ' (' + ev.published + ')' : null]);
  }

  function incidentNode(inc) {
    var item = h('li', null, [h('b', null, [inc.kind]), ' by ' + inc.actor + ', ' + inc.when]);
    inc.reports.forEach(function (r) { item.appendChild(evidenceNode(r)); });
    if (inc.reports.length > 1) item.appendChild(h('div', null, ['Corroborated by ' + inc.reports.length + ' reports.']));
    inc.disagreements.forEach(function (d) { item.appendChild(h('div', 'fl-warn', ['Disagreement: ' + d])); });
    return item;
  }

  function field(label, value, extra) {
    return h('div', null, [h('b', null, [label + ':']), ' ' + value, extra ? h('b', null, [extra]) : null]);
  }

  function popupNode(p) {
    var box = h('div', 'fl-popup', [h('h4', null, [p.name]), h('div', 'fl-where', [p.where])]);
    if (p.type === 'state') {
      box.appendChild(field('Controller', p.controller + ' (' + p.status + ')'));
      box.appendChild(field('Since', p.since, p.changed ? ' \u2014 changed this day' : ''));
      p.disagreements.forEach(function (d) { box.appendChild(h('div', 'fl-warn', ['Disagreement: ' + d])); });
      if (p.incidents && p.incidents.length) box.appendChild(h('ul', null, p.incidents.map(incidentNode)));
      if (p.day !== undefined) {
        box.appendChild(p.link ? h('div', null, [link(p.link + '.html', p.link + ': the map of that day, with the evidence')])
                               : h('div', null, ['No map of ' + p.day + ' (no news that day).']));
      }
    } else if (p.type === 'event') {
      box.appendChild(h('ul', null, p.incidents.map(incidentNode)));
    } else if (p.type === 'check') {
      box.appendChild(field('Verdict', p.verdict));
      if (p.note) box.appendChild(h('div', 'fl-warn', [p.note]));
      box.appendChild(evidenceNode(p.evidence));
    } else if (p.note) {
      box.appendChild(h('div', null, [p.note]));
    }
    return box;
  }

  function bindPopup(layer, p) {
    layer.bindPopup(function () { return popupNode(p); }, {maxWidth: 380, maxHeight: 360, autoPanPaddingTopLeft: [50, 10]});
  }

  // ------------------------------------------------------------------ symbols

  var SHAPES = {
    change: function (s) { var c = s / 2, r = s / 2 - 2; return 'M' + c + ',' + (c - r) + 'L' + (c + r) + ',' + c + 'L' + c + ',' + (c + r) + 'L' + (c - r) + ',' + c + 'Z'; },
    fight: function (s) {
      var c = s / 2, outer = s / 2 - 1.5, inner = outer * 0.55, d = '';
      for (var i = 0; i < 16; i++) {
        var r = i % 2 ? inner : outer, a = Math.PI * i / 8 - Math.PI / 2;
        d += (i ? 'L' : 'M') + (c + r * Math.cos(a)).toFixed(1) + ',' + (c + r * Math.sin(a)).toFixed(1);
      }
      return d + 'Z';
    },
    statement: function (s) { var a = 3, b = s - 3; return 'M' + a + ',' + a + 'L' + b + ',' + a + 'L' + b + ',' + b + 'L' + a + ',' + b + 'Z'; }
  };
  var STACK_STEP = 8, STACK_MAX = 2;  // the symbols of one place (one per kind of event) nest, each a ring wider
  var GROUP_NAMES = {change: 'change of hands (captured, retaken, withdrew)', fight: 'fighting or siege', statement: 'statement of control or presence'};

  function eventSymbol(group, colours, size, cls, count) {
    // One actor: its colour; several (events of one kind by several sides at one place): their colours in turn.
    colours = typeof colours === 'string' ? [colours] : colours;
    var d = SHAPES[group](size), k = colours.length, seg = 25 / k;
    var parts = [svg('path', {d: d, fill: 'none', stroke: '#ffffff', 'stroke-width': 5, 'stroke-linejoin': 'round'})];
    colours.forEach(function (colour, i) {
      var attrs = {d: d, fill: 'none', stroke: colour, 'stroke-width': 2.5, 'stroke-linejoin': 'round', 'class': 'fl-event-stroke'};
      if (k > 1) { attrs.pathLength = 100; attrs['stroke-dasharray'] = seg + ' ' + (25 - seg); attrs['stroke-dashoffset'] = -seg * i; }
      parts.push(svg('path', attrs));
    });
    if (count > 1) {  // several events of one kind by one actor at one place: one symbol, their number beside it
      var badge = svg('text', {x: size - 1, y: 7, 'class': 'fl-event-count', 'text-anchor': 'middle'});
      badge.textContent = String(count);
      parts.push(badge);
    }
    return svg('svg', {width: size, height: size, viewBox: '0 0 ' + size + ' ' + size, 'class': cls || ''}, parts);
  }

  function circleSwatch(fill, stroke, width, dash, r) {
    r = r || 6;
    var s = 2 * r + 2 * width + 2;
    var attrs = {cx: s / 2, cy: s / 2, r: r, fill: fill, stroke: stroke, 'stroke-width': width};
    if (dash) attrs['stroke-dasharray'] = dash;
    return svg('svg', {width: s, height: s, 'class': 'fl-sym'}, [svg('circle', attrs)]);
  }

  function areaSwatch(colour, opacity, hatch) {
    var id = hatch ? 'fl-legend-hatch-' + colour.replace('#', '') : null;
    var children = [];
    if (hatch) children.push(svg('defs', {}, [hatchPattern(id, colour)]));
    children.push(svg('rect', {x: 1, y: 1, width: 18, height: 12, fill: hatch ? 'url(#' + id + ')' : colour,
                               'fill-opacity': hatch ? 1 : opacity, stroke: colour, 'stroke-width': 1}));
    return svg('svg', {width: 20, height: 14, 'class': 'fl-sym'}, children);
  }

  function hatchPattern(id, colour) {
    return svg('pattern', {id: id, patternUnits: 'userSpaceOnUse', width: 7, height: 7, patternTransform: 'rotate(45)'}, [
      svg('rect', {width: 7, height: 7, fill: colour, 'fill-opacity': 0.12}),
      svg('rect', {width: 3, height: 7, fill: colour, 'fill-opacity': 0.75})
    ]);
  }

  // ------------------------------------------------------------------ basemap

  function basemap(map, base, style) {
    map.createPane('flLand').style.zIndex = 150;
    map.createPane('flBaseLines').style.zIndex = 250;
    var land = L.canvas({pane: 'flLand', padding: 0.3}), lines = L.canvas({pane: 'flBaseLines', padding: 0.3});
    var online = false;
    map.eachLayer(function (layer) { if (layer instanceof L.TileLayer) online = true; });
    var admin1 = L.layerGroup(), groups = [];
    function add(group, layer) { layer.addTo(group); return layer; }
    var all = L.layerGroup().addTo(map);
    var world = base.world, q = world.q;
    if (!online && world.land.length) {
      add(all, L.polygon(polygons(world.land, q), {renderer: land, interactive: false, color: style.land, weight: 1.2, fillColor: style.land, fillOpacity: 1}));
    }
    if (world.borders.length) {
      add(all, L.polyline(world.borders.map(function (l) { return decode(l, q); }), {renderer: lines, interactive: false, color: style.border, weight: 0.8, opacity: 0.7}));
    }
    base.areas.forEach(function (area) {
      var aq = area.q;
      if (!online && area.land.length) {
        add(all, L.polygon(polygons(area.land, aq), {renderer: land, interactive: false, color: style.land, weight: 1.2, fillColor: style.land, fillOpacity: 1}));
      }
      if (area.coast.length) {
        add(all, L.polyline(area.coast.map(function (l) { return decode(l, aq); }), {renderer: lines, interactive: false, color: style.coast, weight: 0.9}));
      }
      if (area.lakes.length) {
        add(all, L.polygon(polygons(area.lakes, aq), {renderer: lines, interactive: false, color: style.coast, weight: 0.6, fillColor: style.water, fillOpacity: 1}));
      }
      if (area.rivers.length) {
        add(all, L.polyline(area.rivers.map(function (l) { return decode(l, aq); }), {renderer: lines, interactive: false, color: style.water, weight: 1.3}));
      }
      if (area.admin1.length) {
        add(admin1, L.polyline(area.admin1.map(function (l) { return decode(l, aq); }), {renderer: lines, interactive: false, color: style.admin1, weight: 0.8, dashArray: '4 3'}));
      }
      if (area.borders.length) {
        add(all, L.polyline(area.borders.map(function (l) { return decode(l, aq); }), {renderer: lines, interactive: false, color: style.border, weight: 1.4}));
      }
      groups.push(area);
    });
    function zoomed() {
      if (map.getZoom() >= 5) admin1.addTo(map); else admin1.remove();
    }
    map.on('zoomend', zoomed);
    zoomed();
    return groups;
  }

  function baseLabels(labeler, base, toggle, drawn) {
    var PRIO = {country: 40, admin1: 20, place: 10};
    base.areas.forEach(function (area) {
      area.labels.forEach(function (l, i) {
        if (drawn && ((l[5] && drawn[l[5]]) || drawn['name:' + l[2]])) return;  // drawn with its own symbol and name
        labeler.add({latlng: [l[1], l[0]], text: l[4] === 'country' ? l[2].toUpperCase() : l[2], minZoom: l[3], prio: PRIO[l[4]] - i / 10000, layer: toggle,
                     cls: 'fl-name fl-base fl-base-' + l[4], font: BASE_FONTS[l[4]], height: l[4] === 'country' ? 16 : 14});
      });
    });
  }

  // ------------------------------------------------------------------ labels and spreading

  function boxesMeet(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }

  /* Names placed at each zoom: by priority, beside their symbol where no other name or symbol is, else not at all. */
  function Labeler(map) {
    this.map = map;
    this.items = [];
    this.symbols = function () { return []; };
    map.createPane('flLabels').style.zIndex = 640;
    this.group = L.layerGroup().addTo(map);
    var canvas = document.createElement('canvas').getContext('2d');
    this.measure = function (text, font) { canvas.font = font; return canvas.measureText(text).width; };
  }

  Labeler.prototype.add = function (item) { item.order = this.items.length; this.items.push(item); };

  Labeler.prototype.place = function () {
    var map = this.map, zoom = map.getZoom(), size = map.getSize(), placed = [], self = this;
    var symbols = this.symbols(), frame = map.getContainer().getBoundingClientRect();
    document.querySelectorAll('.leaflet-control, .fl-nav, .fl-theatres, .fl-side').forEach(function (node) {
      var r = node.getBoundingClientRect();
      if (r.width && r.height) symbols.push({box: [r.left - frame.left - 2, r.top - frame.top - 2, r.right - frame.left + 2, r.bottom - frame.top + 2], owner: '#ui'});
    });
    this.group.clearLayers();
    var items = this.items.slice().sort(function (a, b) { return b.prio - a.prio || a.order - b.order; });
    items.forEach(function (it) {
      if (zoom < (it.minZoom || 0) || (it.layer && !map.hasLayer(it.layer))) return;
      var at = it.at ? it.at() : L.latLng(it.latlng);
      var p = map.latLngToContainerPoint(at);
      if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) return;
      var w = Math.ceil(self.measure(it.text, it.font)) + 8, hh = it.height || 14, r = it.r ? it.r() : 0;
      var spots = r ? [[r + 3, -hh / 2], [-r - 3 - w, -hh / 2], [-w / 2, -r - 2 - hh], [-w / 2, r + 2]]
                    : [[-w / 2, -hh / 2], [4, -hh / 2], [-w - 4, -hh / 2], [-w / 2, 2], [-w / 2, -hh - 2]];
      for (var i = 0; i < spots.length; i++) {
        var dx = spots[i][0], dy = spots[i][1];
        var box = [p.x + dx, p.y + dy, p.x + dx + w, p.y + dy + hh];
        if (box[0] < 0 || box[1] < 0 || box[2] > size.x || box[3] > size.y) continue;
        if (placed.some(function (b) { return boxesMeet(b, box); })) continue;
        if (symbols.some(function (s) { return s.owner !== it.owner && boxesMeet(s.box, box); })) continue;
        placed.push(box);
        var div = h('div', it.cls, [it.text], {'data-min-zoom': it.minZoom || 0});
        var icon = L.divIcon({className: 'fl-label-box', html: div, iconSize: [w, hh], iconAnchor: [-dx, -dy]});
        var marker = L.marker(at, {icon: icon, pane: 'flLabels', interactive: !!it.onclick, keyboard: false});
        if (it.onclick) marker.on('click', it.onclick);
        marker.addTo(self.group);
        return;
      }
    });
  };

  /* Point symbols that would sit on one another are moved apart at each zoom, with a thin line to where they are. */
  function Spreader(map, layer) {
    this.map = map;
    this.items = [];
    this.leaders = L.layerGroup().addTo(layer);
  }

  Spreader.prototype.add = function (item) { item.order = this.items.length; item.shown = L.latLng(item.latlng); this.items.push(item); };

  Spreader.prototype.spread = function () {
    var map = this.map, placed = [], self = this;
    this.leaders.clearLayers();
    var items = this.items.slice().sort(function (a, b) { return b.prio - a.prio || a.order - b.order; });
    items.forEach(function (it) {
      var origin = map.latLngToLayerPoint(it.latlng), pos = origin, r = it.reach();
      function free(q) { return placed.every(function (o) { return q.distanceTo(o.p) >= r + o.r + 3; }); }
      if (!free(origin)) {
        var found = null;
        for (var ring = 1; ring <= 4 && !found; ring++) {
          for (var k = 0; k < 12 && !found; k++) {
            var angle = -Math.PI / 4 + k * Math.PI / 6, d = ring * (r + 8);
            var q = origin.add(L.point(Math.cos(angle) * d, Math.sin(angle) * d));
            if (free(q)) found = q;
          }
        }
        pos = found || origin;
      }
      placed.push({p: pos, r: r});
      it.shown = map.layerPointToLatLng(pos);
      it.markers.forEach(function (m) { m.setLatLng(it.shown); });
      if (pos !== origin) {
        L.polyline([it.latlng, it.shown], {className: 'fl-leader', color: '#333', weight: 1, opacity: 0.8, interactive: false}).addTo(self.leaders);
        L.circleMarker(it.latlng, {className: 'fl-leader', radius: 2, color: '#333', weight: 1, fillOpacity: 1, interactive: false}).addTo(self.leaders);
      }
    });
  };

  // ------------------------------------------------------------------ panels

  function panel(map, position, node) {
    var Control = L.Control.extend({onAdd: function () { L.DomEvent.disableClickPropagation(node); L.DomEvent.disableScrollPropagation(node); return node; }});
    new Control({position: position}).addTo(map);
    return node;
  }

  function legendNode(data, style, opts) {
    var rows = [h('b', null, ['Who holds what'])];
    data.actors.forEach(function (a) {
      rows.push(h('div', 'fl-legend-actor', [circleSwatch(a[1], '#222', 1.5), a[0]]));
    });
    var key = [];
    if (opts.areas) {
      var sample = data.actors.length ? data.actors[0][1] : '#9e9e9e';
      key.push(h('b', null, ['Areas (estimate)']));
      key.push(h('div', 'fl-legend-row', [areaSwatch(sample, style.zoneOpacity, false), 'area of a reported place']));
      key.push(h('div', 'fl-legend-row', [areaSwatch(sample, style.zoneOpacity, true), 'contested']));
      key.push(h('div', 'fl-legend-row', [areaSwatch(sample, style.zoneMinOpacity, false), 'faded: old report']));
    }
    key.push(h('b', null, ['Places']));
    key.push(h('div', 'fl-legend-row', [circleSwatch('#bbbbbb', '#222', 1.5), 'coloured by who holds it']));
    key.push(h('div', 'fl-legend-row', [circleSwatch('#bbbbbb', '#222', 3.5, null, 8), 'changed hands this day']));
    key.push(h('div', 'fl-legend-row', [circleSwatch('#bbbbbb', style.contested, 2.5, '4 3', 7), 'contested']));
    if (opts.events) {
      key.push(h('div', 'fl-legend-row', [circleSwatch(style.other, style.other, 1, null, 3), 'named, control unknown']));
      key.push(h('b', null, ['Events of the day']));
      ['change', 'fight', 'statement'].forEach(function (g) {
        key.push(h('div', 'fl-legend-row fl-legend-event', [eventSymbol(g, '#444444', 18, 'fl-sym'), GROUP_NAMES[g]]));
      });
      key.push(h('b', null, ['Distance checks']));
      Object.keys(style.verdicts).forEach(function (v) {
        key.push(h('div', 'fl-legend-row', [svg('svg', {width: 20, height: 10, 'class': 'fl-sym'}, [svg('line', {x1: 1, y1: 5, x2: 19, y2: 5, stroke: style.verdicts[v], 'stroke-width': 3})]), v]));
      });
    }
    rows.push(h('details', 'fl-key', [h('summary', null, ['Key to symbols'])].concat(key)));
    return h('div', 'fl-box fl-legend', rows);
  }

  function aboutNode(data, about) {
    var body = h('div', 'fl-about-body', []);
    (about || []).forEach(function (text) { body.appendChild(h('p', null, [text])); });
    var listed = data.listed || {unlocated: [], regions: []};
    if (listed.regions.length) {
      body.appendChild(h('b', null, ['Reported for whole countries or regions without an area (not drawn)']));
      body.appendChild(h('ul', null, listed.regions.map(function (t) { return h('li', null, [t]); })));
    }
    if (listed.unlocated.length) {
      body.appendChild(h('b', null, ['Named, but no position known (not drawn)']));
      body.appendChild(h('ul', 'fl-unlocated', listed.unlocated.map(function (t) { return h('li', null, [t]); })));
    }
    var box = h('div', 'fl-box fl-about', [h('button', 'fl-about-toggle', ['About this map']), body]);
    box.firstChild.addEventListener('click', function () { box.classList.toggle('fl-open'); });
    return box;
  }

  // ------------------------------------------------------------------ day maps

  function dayMap(map, data, base, style) {
    basemap(map, base, style.basemap);
    var q = data.q, labeler = new Labeler(map);
    map.createPane('flZones').style.zIndex = 350;
    var zoneRenderer = L.svg({pane: 'flZones'});
    var layers = {zones: L.featureGroup(), distances: L.featureGroup(), other: L.featureGroup(), control: L.featureGroup(), events: L.featureGroup()};
    var names = L.layerGroup();
    var spreader = new Spreader(map, layers.control);
    map.createPane('flEvents').style.zIndex = 450;
    var patterns = {}, defs = null;

    function pattern(colour) {
      if (!defs) {
        var root = zoneRenderer._container;
        defs = svg('defs', {});
        root.insertBefore(defs, root.firstChild);
      }
      if (!patterns[colour]) {
        patterns[colour] = 'fl-hatch-' + Object.keys(patterns).length;
        defs.appendChild(hatchPattern(patterns[colour], colour));
      }
      return patterns[colour];
    }

    layers.zones.addTo(map);
    data.zones.forEach(function (z) {
      var cls = 'fl-zone' + (z.contested ? ' fl-zone-contested' : '') + (z.area ? ' fl-zone-area' : '');
      var shape = L.polygon(polygons(z.rings, q), {renderer: zoneRenderer, className: cls, color: z.colour, weight: z.area ? 1.5 : 1,
                                                   opacity: style.zoneStroke, fillColor: z.colour, fillOpacity: z.opacity});
      shape.addTo(layers.zones);
      if (z.contested) {
        shape._path.setAttribute('fill', 'url(#' + pattern(z.colour) + ')');
        shape._path.setAttribute('fill-opacity', Math.max(z.opacity, 0.6));
      }
      shape.bindTooltip(z.name + ': ' + z.popup.controller + ' (' + z.popup.status + ')', {sticky: true});
      bindPopup(shape, z.popup);
      if (z.area) {
        labeler.add({latlng: shape.getBounds().getCenter(), text: z.name, cls: 'fl-name fl-label fl-area-label', font: STRONG_FONT,
                     prio: 800, layer: layers.zones, owner: 'zone:' + z.id, onclick: function () { shape.openPopup(); }});
      }
    });
    data.event_areas.forEach(function (e) {
      var shape = L.polygon(polygons(e.rings, q), {renderer: zoneRenderer, className: 'fl-event-area', color: e.colour, weight: 2,
                                                   dashArray: '2 6', fill: false});
      shape.addTo(layers.events);
      shape.bindTooltip(e.tooltip, {sticky: true});
      bindPopup(shape, e.popup);
    });
    data.distances.forEach(function (d) {
      var line = L.polyline(d.points, d.options).addTo(layers.distances);
      line.bindTooltip(d.tooltip);
      bindPopup(line, d.popup);
    });

    var eventsAt = {};
    data.events.forEach(function (e) { (eventsAt[e.place] = eventsAt[e.place] || []).push(e); });
    var points = {};
    function point(item, layer, options, prio, cls, font) {
      var marker = L.circleMarker([item.lat, item.lon], options).addTo(layer);
      bindPopup(marker, item.popup);
      var evs = eventsAt[item.id] || [];
      var entry = {latlng: [item.lat, item.lon], markers: [marker], prio: prio, radius: options.radius,
                   reach: function () { return evs.length ? Math.max(options.radius, style.eventSize / 2 + STACK_STEP / 2 * Math.min(evs.length - 1, STACK_MAX)) : options.radius; }};
      spreader.add(entry);
      points[item.id] = entry;
      labeler.add({at: function () { return entry.shown; }, text: item.name, cls: cls, font: font, prio: prio, layer: layer,
                   owner: item.id, r: entry.reach, onclick: function () { marker.openPopup(); }});
      return marker;
    }
    data.other.forEach(function (o) {
      point(o, layers.other, {radius: style.other.radius, color: style.other.colour, fillColor: style.other.colour, fill: true,
                              fillOpacity: 0.85, weight: 1, className: 'fl-other'}, 100, 'fl-name fl-label fl-minor', MINOR_FONT);
    });
    data.control.forEach(function (c) {
      var facility = c.kind === 'facility' || c.kind === 'crossing';
      point(c, layers.control, c.options, (c.changed ? 600 : 400) - (facility ? 50 : 0), 'fl-name fl-label', c.changed ? STRONG_FONT : LABEL_FONT);
    });
    data.events.forEach(function (e) {
      var stack = eventsAt[e.place], n = Math.min(stack.indexOf(e), STACK_MAX), size = style.eventSize + STACK_STEP * n;
      var icon = L.divIcon({className: 'fl-event fl-event-' + e.group, html: eventSymbol(e.group, e.colours || e.colour, size, null, e.count), iconSize: [size, size]});
      var marker = L.marker([e.lat, e.lon], {icon: icon, keyboard: false, pane: 'flEvents'});
      marker.addTo(layers.events);
      marker.bindTooltip(e.tooltip);
      bindPopup(marker, e.popup);
      if (points[e.place]) points[e.place].markers.push(marker);
      else spreader.add({latlng: [e.lat, e.lon], markers: [marker], prio: 500, reach: function () { return size / 2; }});
    });

    labeler.symbols = function () {
      var out = [];
      spreader.items.forEach(function (it) {
        if (!it.markers.some(function (m) { return map.hasLayer(m); })) return;
        var p = map.latLngToContainerPoint(it.shown), r = it.reach();
        out.push({box: [p.x - r, p.y - r, p.x + r, p.y + r], owner: Object.keys(points).find(function (k) { return points[k] === it; })});
      });
      return out;
    };
    ['other', 'distances', 'control', 'events'].forEach(function (key) { layers[key].addTo(map); });
    names.addTo(map);
    var drawn = {};
    Object.keys(points).forEach(function (id) { drawn[id] = true; });
    data.zones.forEach(function (z) { if (z.area) drawn['name:' + z.name] = true; });
    baseLabels(labeler, base, names, drawn);

    L.control.layers(null, {
      'Areas of control (estimate)': layers.zones, 'Control': layers.control, 'Events': layers.events,
      'Distance checks': layers.distances, 'Other places': layers.other, 'Basemap names': names
    }, {collapsed: false, position: 'topright'}).addTo(map);

    var nav = h('div', 'fl-box fl-nav', [
      data.nav.prev ? link(data.nav.prev + '.html', '\u2190 previous') : h('span', 'fl-off', ['\u2190 previous']), ' | ',
      link('index.html', 'index'), ' | ',
      data.nav.next ? link(data.nav.next + '.html', 'next \u2192') : h('span', 'fl-off', ['next \u2192']),
      h('br'), h('b', null, [data.day]),
      h('div', 'fl-summary', [count(data.summary.changes, 'change') + ', ' + count(data.summary.events, 'event') + ', ' + count(data.summary.articles, 'article')])
    ]);
    panel(map, 'bottomleft', legendNode(data, style, {areas: data.zones.length > 0, events: true}));
    document.body.appendChild(nav);
    panel(map, 'topleft', aboutNode(data, base.about));
    if (data.theatres.length > 1) {
      var buttons = data.theatres.map(function (t) {
        var b = h('button', 'fl-theatre', [t.name + ' (' + count(t.changes, 'change') + ', ' + count(t.events, 'event') + ')'], {'data-theatre': t.id});
        b.addEventListener('click', function () { frame(map, t.frame); });
        return b;
      });
      document.body.appendChild(h('div', 'fl-box fl-theatres', [h('b', null, ['Theatres this day: '])].concat(buttons)));
    }
    function redraw() { spreader.spread(); labeler.place(); }
    map.on('zoomend', redraw);
    map.on('moveend overlayadd overlayremove', function () { labeler.place(); });
    frame(map, data.frame);
    redraw();
    F.layers = layers;
  }

  function frame(map, bounds) {
    if (bounds) map.fitBounds(bounds, {padding: [40, 40], maxZoom: 10, animate: false});
    else map.setView([20, 0], 2, {animate: false});
  }

  // ------------------------------------------------------------------ index

  function chartNode(data) {
    var days = data.days, n = days.length, maps = {};
    data.maps.forEach(function (d) { maps[d] = true; });
    var totals = new Array(n).fill(0);
    data.chart.forEach(function (c) { totals[c[0]] += c[2]; });
    var most = Math.max(1, Math.max.apply(null, totals.concat([1])));
    var bar = Math.max(3, Math.min(24, Math.floor(380 / Math.max(1, n)))), height = 120, width = Math.max(380, bar * n + 30);
    var root = svg('svg', {width: width, height: height + 30, 'class': 'fl-chart'});
    root.appendChild(svg('line', {x1: 24, y1: height, x2: width, y2: height, stroke: '#999'}));
    var text = svg('text', {x: 0, y: 10, 'font-size': 10, fill: '#555'});
    text.textContent = String(most);
    root.appendChild(text);
    var stacks = new Array(n).fill(0);
    var groups = {};
    data.chart.forEach(function (c) {
      var day = c[0], actor = data.actors[c[1]], h1 = (c[2] / most) * (height - 10);
      var g = groups[day];
      if (!g) {
        g = svg('g', {'class': 'fl-bar', 'data-day': days[day]});
        var title = svg('title', {});
        title.textContent = days[day] + ': ' + count(totals[day], 'event');
        g.appendChild(title);
        if (maps[days[day]]) {
          var a = svg('a', {href: days[day] + '.html'});
          a.appendChild(g);
          root.appendChild(a);
        } else {
          root.appendChild(g);
        }
        groups[day] = g;
      }
      stacks[day] += h1;
      g.appendChild(svg('rect', {x: 26 + day * bar, y: height - stacks[day], width: Math.max(1, bar - 1), height: h1, fill: actor[1]}));
    });
    [0, n - 1].forEach(function (i) {
      if (i < 0) return;
      var t = svg('text', {x: i === 0 ? 26 : Math.max(26, 26 + i * bar - 60), y: height + 14, 'font-size': 10, fill: '#555'});
      t.textContent = days[i];
      root.appendChild(t);
    });
    var seen = {}, key = h('div', 'fl-chart-key', []);
    data.chart.forEach(function (c) {
      if (seen[c[1]]) return;
      seen[c[1]] = true;
      key.appendChild(h('span', 'fl-chart-actor', [circleSwatch(data.actors[c[1]][1], '#222', 1, null, 4), data.actors[c[1]][0]]));
    });
    return h('div', 'fl-chart-box', [h('h3', null, ['Events per day, by actor']),
      n && data.chart.length ? h('div', 'fl-chart-scroll', [root]) : h('p', null, ['No events.']), key]);
  }

  function theatreNode(t, data, base, style) {
    var mapDiv = h('div', 'fl-mini', []);
    var months = {}, order = [];
    t.days.forEach(function (d) {
      var m = d.day.slice(0, 7);
      if (!months[m]) { months[m] = []; order.push(m); }
      months[m].push(d);
    });
    var list = h('div', 'fl-months', order.map(function (m) {
      return h('details', 'fl-month', [h('summary', null, [m + ' (' + months[m].length + ' days)'])].concat([
        h('ul', null, months[m].map(function (d) {
          return h('li', null, [link(d.day + '.html', d.day), ': ' + count(d.events, 'event') + ', ' + count(d.changes, 'change')]);
        }))]), {open: ''});
    }));
    var node = h('section', 'fl-theatre-section', [h('h3', null, [t.name]), mapDiv, list], {'data-theatre': t.id});
    node._mini = function () {
      var mini = L.map(mapDiv, {zoomControl: false, attributionControl: false, dragging: false, scrollWheelZoom: false,
                                doubleClickZoom: false, boxZoom: false, keyboard: false, touchZoom: false});
      var area = base.areas[t.area];
      L.polygon(polygons(base.world.land, base.world.q), {interactive: false, color: style.basemap.land, weight: 1, fillColor: style.basemap.land, fillOpacity: 1}).addTo(mini);
      if (area) {
        L.polygon(polygons(area.land, area.q), {interactive: false, color: style.basemap.land, weight: 1, fillColor: style.basemap.land, fillOpacity: 1}).addTo(mini);
        L.polyline(area.borders.map(function (l) { return decode(l, area.q); }), {interactive: false, color: style.basemap.border, weight: 1}).addTo(mini);
      }
      var last = data.states[data.states.length - 1] || [];
      var wanted = {};
      t.places.forEach(function (p) { wanted[p] = true; });
      last.forEach(function (s) {
        if (!wanted[s[0]]) return;
        var p = data.places[s[0]];
        L.circleMarker([p[0], p[1]], {radius: 4, color: '#222', weight: 1, fillColor: data.actors[s[1]][1], fillOpacity: 0.9, interactive: false}).addTo(mini);
      });
      mini.fitBounds(t.frame, {animate: false});
      if (t.latest) mapDiv.addEventListener('click', function () { window.location.href = t.latest + '.html'; });
      mapDiv.setAttribute('title', t.latest ? 'Open the latest map of this theatre (' + t.latest + ')' : t.name);
    };
    return node;
  }

  function changesNode(data) {
    if (!data.changes.length) return h('p', null, ['No place changed hands in the period.']);
    var head = h('tr', null, ['date', 'place', 'theatre', 'from', 'to'].map(function (c) { return h('th', null, [c]); }));
    var rows = data.changes.map(function (c) {
      return h('tr', null, [h('td', null, [c.map ? link(c.map + '.html', c.day) : c.day]), h('td', null, [c.place]),
        h('td', null, [c.theatre]), h('td', null, [c.from]), h('td', null, [c.to + (c.status === 'contested' ? ' (contested)' : '')])]);
    });
    return h('table', 'fl-changes', [h('thead', null, [head]), h('tbody', null, rows)]);
  }

  function indexPage(map, data, base, style) {
    basemap(map, base, style.basemap);
    var side = h('div', 'fl-side', [h('h2', null, ['Frontline']),
      h('p', 'fl-summary', [count(data.summary.articles, 'article') + ', ' + count(data.summary.incidents, 'event') + ', ' + count(data.summary.days, 'day') + ', ' + count(data.summary.maps, 'day map') + '.']),
      chartNode(data)]);
    var sections = data.theatres.map(function (t) { return theatreNode(t, data, base, style); });
    side.appendChild(h('h3', null, ['Theatres']));
    sections.forEach(function (s) { side.appendChild(s); });
    side.appendChild(h('h3', null, ['Places that changed hands']));
    side.appendChild(changesNode(data));
    document.body.appendChild(side);
    map.invalidateSize();
    sections.forEach(function (s) { s._mini(); });

    var labeler = new Labeler(map), names = L.layerGroup().addTo(map), control = L.featureGroup().addTo(map);
    var drawn = {};
    data.places.forEach(function (p) { drawn[p[4]] = true; });
    baseLabels(labeler, base, names, drawn);
    L.control.layers(null, {'Control': control, 'Basemap names': names}, {collapsed: false, position: 'topright'}).addTo(map);
    var maps = {};
    data.maps.forEach(function (d) { maps[d] = true; });
    var placed = [], spreader = null;
    function show(i) {
      control.clearLayers();
      spreader = new Spreader(map, control);
      labeler.items = labeler.items.filter(function (it) { return !it.slider; });
      placed = [];
      (data.states[i] || []).forEach(function (s) {
        var p = data.places[s[0]], actor = data.actors[s[1]], changed = s[3] === 1, contested = s[2] === 1;
        var options = {radius: changed ? style.control.changed_radius : style.control.radius, color: contested ? style.control.contested_stroke : style.control.stroke,
                       weight: changed ? style.control.changed_weight : style.control.weight, fillColor: actor[1], fillOpacity: style.control.fill_opacity,
                       dashArray: contested ? style.control.contested_dash : null, className: 'fl-control' + (changed ? ' fl-changed' : '')};
        var marker = L.circleMarker([p[0], p[1]], options).addTo(control);
        spreader.add({latlng: [p[0], p[1]], markers: [marker], prio: changed ? 600 : 400, reach: function () { return options.radius; }});
        var day = data.days[i];
        bindPopup(marker, {type: 'state', name: p[2], where: p[3], controller: actor[0], status: contested ? 'contested' : 'held',
                           since: s[4] >= 0 ? data.days[s[4]] : 'unknown', changed: changed, disagreements: [], day: day, link: maps[day] ? day : null});
        var entry = spreader.items[spreader.items.length - 1];
        labeler.add({at: function () { return entry.shown; }, text: p[2], cls: 'fl-name fl-label', font: LABEL_FONT, prio: changed ? 600 : 400, layer: control,
                     r: function () { return options.radius; }, slider: true, owner: 'p' + s[0], onclick: function () { marker.openPopup(); }});
        placed.push(marker);
      });
      label.textContent = data.days[i] || '';
      dayLink.textContent = '';
      if (maps[data.days[i]]) dayLink.appendChild(link(data.days[i] + '.html', 'open this day\u2019s map'));
      else if (data.days[i]) dayLink.appendChild(document.createTextNode('no news this day'));
      spreader.spread();
      labeler.place();
    }
    labeler.symbols = function () {
      return placed.map(function (m) { var p = map.latLngToContainerPoint(m.getLatLng()), r = m.getRadius(); return {box: [p.x - r, p.y - r, p.x + r, p.y + r]}; });
    };
    var slider = h('input', 'fl-range', [], {type: 'range', min: 0, max: Math.max(0, data.days.length - 1), value: 0, step: 1});
    var label = h('b', 'fl-slider-day', []), dayLink = h('span', 'fl-slider-link', []);
    var back = h('button', 'fl-step fl-back', ['\u25c0']), forward = h('button', 'fl-step fl-forward', ['\u25b6']);
    function go(i) { i = Math.max(0, Math.min(data.days.length - 1, i)); slider.value = i; show(i); }
    slider.addEventListener('input', function () { show(+slider.value); });
    back.addEventListener('click', function () { go(+slider.value - 1); });
    forward.addEventListener('click', function () { go(+slider.value + 1); });
    panel(map, 'bottomright', h('div', 'fl-box fl-slider', [back, slider, forward, ' ', label, ' ', dayLink]));
    panel(map, 'bottomright', legendNode({actors: data.actors}, style, {areas: false, events: false}));
    map.on('zoomend', function () { if (spreader) spreader.spread(); });
    map.on('zoomend moveend overlayadd overlayremove', function () { labeler.place(); });
    var all = [];
    data.places.forEach(function (p) { all.push([p[0], p[1]]); });
    frame(map, data.theatres.length ? data.theatres[0].frame : (all.length ? L.latLngBounds(all).pad(0.2) : null));
    go(data.days.length - 1);
  }

  F.start = function (map, attribution) {
    var data = json('fl-data'), base = json('fl-basemap'), style = base.style;
    attribution.forEach(function (text) { map.attributionControl.addAttribution(text); });
    if (data.kind === 'index') indexPage(map, data, base, style);
    else dayMap(map, data, base, style);
    F.map = map;
    document.body.setAttribute('data-ready', '1');
  };
})();
