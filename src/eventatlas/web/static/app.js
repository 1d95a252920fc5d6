/* eventatlas map page: Leaflet map (markers grouped at low zoom), SVG timeline with a brush, filter
 * panel, the list of the events in view, event panel. Review mode lives in review.js and uses the
 * hooks this file exposes on window.eventatlas.
 *
 * Article text and every other stored string reach the page through textContent and
 * createTextNode only (no HTML parsing of data): a stored article cannot inject markup. The view state
 * (map position, filters, dates, open event) lives in the URL hash, so a view can be shared. */
(function () {
  "use strict";

  var TYPES = [
    ["Battles", "#d62728"],
    ["Explosions/Remote violence", "#ff7f0e"],
    ["Violence against civilians", "#9467bd"],
    ["Protests", "#1f77b4"],
    ["Riots", "#e377c2"],
    ["Strategic developments", "#2ca02c"],
    ["statement", "#7f7f7f"]
  ];
  var DEFAULT_TYPES = TYPES.slice(0, 6).map(function (t) { return t[0]; });
  var COLOURS = {};
  TYPES.forEach(function (t) { COLOURS[t[0]] = t[1]; });
  var CERTAINTIES = ["asserted", "reported", "claimed", "alleged", "speculative"];
  var FIELD_CLASSES = ["trigger", "date", "location", "actors", "weapon", "fatalities", "injuries", "attribution"];

  var state = {
    view: null,                        // [zoom, lat, lon] or null (fit to the events)
    types: DEFAULT_TYPES.slice(),
    cert: CERTAINTIES.slice(),
    min: 1, since: "", until: "", q: "", event: ""
  };

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function sameSet(a, b) { return a.length === b.length && a.every(function (x) { return b.indexOf(x) >= 0; }); }

  // --- URL hash ---------------------------------------------------------------------------------

  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    var m = (p.get("map") || "").split("/").map(Number);
    state.view = m.length === 3 && m.every(isFinite) ? m : null;
    state.types = p.has("type") ? p.get("type").split("|").filter(Boolean) : DEFAULT_TYPES.slice();
    state.cert = p.has("cert") ? p.get("cert").split("|").filter(Boolean) : CERTAINTIES.slice();
    state.min = Math.max(1, parseInt(p.get("min") || "1", 10) || 1);
    state.since = p.get("since") || "";
    state.until = p.get("until") || "";
    state.q = p.get("q") || "";
    state.event = p.get("event") || "";
  }

  function writeHash() {
    var p = new URLSearchParams();
    if (map) {
      var c = map.getCenter();
      p.set("map", [map.getZoom(), c.lat.toFixed(3), c.lng.toFixed(3)].join("/"));
    }
    if (!sameSet(state.types, DEFAULT_TYPES)) p.set("type", state.types.join("|"));
    if (!sameSet(state.cert, CERTAINTIES)) p.set("cert", state.cert.join("|"));
    if (state.min > 1) p.set("min", String(state.min));
    if (state.since) p.set("since", state.since);
    if (state.until) p.set("until", state.until);
    if (state.q) p.set("q", state.q);
    if (state.event) p.set("event", state.event);
    history.replaceState(null, "", "#" + p.toString());
  }

  // --- API parameters ---------------------------------------------------------------------------

  function filterParams(withDates) {
    var p = new URLSearchParams();
    if (!sameSet(state.types, DEFAULT_TYPES)) {
      state.types.forEach(function (t) { p.append("event_type", t); });
      if (!state.types.length) p.append("event_type", "none");
    }
    p.set("statements", state.types.indexOf("statement") >= 0 ? "true" : "false");
    if (!sameSet(state.cert, CERTAINTIES)) state.cert.forEach(function (c) { p.append("certainty", c); });
    if (state.min > 1) p.set("min_sources", String(state.min));
    if (!state.cert.length) p.set("min_sources", "1000000");  // no certainty ticked: nothing matches
    if (state.q) p.set("q", state.q);
    if (withDates) {
      if (state.since) p.set("since_date", state.since);
      if (state.until) p.set("until_date", state.until);
    }
    return p;
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }

  // --- map --------------------------------------------------------------------------------------

  var map, layer, fitted = false, mapRequest = 0, mapClick = null;
  /* Below this zoom, markers closer than CLUSTER_PX pixels are drawn as one numbered circle. */
  var CLUSTER_BELOW_ZOOM = 5, CLUSTER_PX = 44;

  function initMap() {
    map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5 });
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    map.attributionControl.addAttribution(
      'Places: <a href="https://www.geonames.org/">GeoNames</a> · Borders: <a href="https://www.naturalearthdata.com/">Natural Earth</a>');
    if (state.view) { map.setView([state.view[1], state.view[2]], state.view[0]); fitted = true; }
    else map.setView([15, 20], 2);
    getJSON("/static/vendor/world-atlas/countries-110m.json").then(function (topo) {
      // Land filled without outlines (the antimeridian cuts would show as lines), then only the
      // borders shared by two countries.
      var land = topojson.feature(topo, topo.objects.countries);
      var borders = topojson.mesh(topo, topo.objects.countries, function (a, b) { return a !== b; });
      L.geoJSON(borders, { interactive: false, style: { color: "#90a4ae", weight: 0.7, fill: false } })
        .addTo(map).bringToBack();
      L.geoJSON(land, { interactive: false, style: { stroke: false, fillColor: "#f5f3ee", fillOpacity: 1 } })
        .addTo(map).bringToBack();
    }).catch(function (e) { console.error(e); });
    layer = L.layerGroup().addTo(map);
    map.on("click", function (ev) { if (mapClick) mapClick(ev.latlng); });
    var timer = null;
    map.on("moveend", function () {
      writeHash();
      clearTimeout(timer);
      timer = setTimeout(refreshMap, 120);
    });
  }

  function radius(fatalities) {
    if (fatalities === null || fatalities === undefined) return 5;
    return Math.min(30, 6 + 3 * Math.sqrt(fatalities));
  }

  function bboxParam() {
    var b = map.getBounds();
    var west = b.getWest(), east = b.getEast();
    if (east - west >= 360) { west = -180; east = 180; }
    return [west, Math.max(-90, b.getSouth()), east, Math.min(90, b.getNorth())].map(function (x) { return x.toFixed(4); }).join(",");
  }

  function refreshMap() {
    var ticket = ++mapRequest;
    $("map").setAttribute("data-loading", "1");  // removed once drawn: tests and styles can wait on it
    var p = filterParams(true);
    if (fitted) p.set("bbox", bboxParam());
    getJSON("/api/map?" + p.toString()).then(function (data) {
      if (ticket !== mapRequest) return;
      drawMap(data);
      $("map").removeAttribute("data-loading");
      if (!fitted) {
        fitted = true;
        var pts = (data.points || data.cells || []).map(function (x) { return [x.lat, x.lon]; });
        if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.15), { maxZoom: 6 });
      }
    }).catch(function (e) { $("summary").textContent = "could not load events (" + e.message + ")"; });
  }

  /* Groups of points whose markers would overlap at the current zoom: each point joins the first group
   * whose centre is within CLUSTER_PX pixels, else starts one (one group per point from
   * CLUSTER_BELOW_ZOOM on). Centres follow their members, so groups never sit on each other. */
  function groupPoints(points) {
    if (map.getZoom() >= CLUSTER_BELOW_ZOOM) return points.map(function (pt) { return [pt]; });
    var groups = [], zoom = map.getZoom();
    points.forEach(function (pt) {
      var px = map.project([pt.lat, pt.lon], zoom), home = null;
      for (var i = 0; i < groups.length && !home; i++) {
        var g = groups[i];
        if (Math.abs(g.x - px.x) < CLUSTER_PX && Math.abs(g.y - px.y) < CLUSTER_PX &&
            Math.pow(g.x - px.x, 2) + Math.pow(g.y - px.y, 2) < CLUSTER_PX * CLUSTER_PX) home = g;
      }
      if (!home) { home = { x: px.x, y: px.y, points: [] }; groups.push(home); }
      home.points.push(pt);
      home.x += (px.x - home.x) / home.points.length;
      home.y += (px.y - home.y) / home.points.length;
    });
    return groups.map(function (g) { return g.points; });
  }

  function drawCluster(group) {
    var lat = 0, lon = 0, types = {};
    group.forEach(function (pt) {
      lat += pt.lat; lon += pt.lon;
      var t = pt.event_type || "statement"; types[t] = (types[t] || 0) + 1;
    });
    lat /= group.length; lon /= group.length;
    var top = Object.keys(types).sort(function (a, b) { return types[b] - types[a]; })[0];
    var marker = L.circleMarker([lat, lon], {
      radius: Math.min(30, 11 + 4 * Math.log(group.length)), color: "#263238", weight: 1.5,
      fillColor: COLOURS[top] || "#555", fillOpacity: 0.8, className: "ea-cluster"
    });
    var tip = el("div");
    tip.appendChild(el("strong", null, group.length + " events"));
    Object.keys(types).forEach(function (t) { tip.appendChild(el("div", null, t + ": " + types[t])); });
    marker.bindTooltip(tip);
    marker.on("click", function () {
      map.fitBounds(L.latLngBounds(group.map(function (pt) { return [pt.lat, pt.lon]; })).pad(0.3),
                    { maxZoom: Math.max(map.getZoom() + 2, CLUSTER_BELOW_ZOOM) });
    });
    layer.addLayer(marker);
    var path = marker.getElement && marker.getElement();
    if (path) path.setAttribute("data-count", String(group.length));
    L.marker([lat, lon], { icon: L.divIcon({ className: "ea-cluster-label", html: el("span", null, group.length),
                                             iconSize: [40, 16] }), interactive: false, keyboard: false }).addTo(layer);
  }

  function drawMap(data) {
    layer.clearLayers();
    lastPoints = data.mode === "points" ? data.points : null;
    renderList(data);
    if (data.mode === "points") {
      groupPoints(data.points).forEach(function (group) {
        if (group.length > 1) { drawCluster(group); return; }
        var pt = group[0];
        var type = pt.event_type || "statement";
        var marker = L.circleMarker([pt.lat, pt.lon], {
          radius: radius(pt.fatalities), color: "#263238", weight: 1, fillColor: COLOURS[type] || "#555",
          fillOpacity: pt.fatalities === null ? 0.55 : 0.85, className: "ea-marker"
        });
        var tip = el("div");
        tip.appendChild(el("strong", null, type));
        tip.appendChild(el("div", null, [pt.date || "undated", pt.name || ""].join(" · ")));
        if (pt.fatalities !== null) tip.appendChild(el("div", null, "fatalities: " + pt.fatalities));
        marker.bindTooltip(tip);
        marker.on("click", function (ev) {
          if (mapClick) mapClick(ev.latlng);  // a reviewer picking a place: the marker is just a point
          else openEvent(pt.id);
        });
        marker.eventId = pt.id;
        layer.addLayer(marker);
        var path = marker.getElement && marker.getElement();
        if (path) path.setAttribute("data-event", pt.id);
      });
      $("summary").textContent = data.total + " events in view" +
        (map.getZoom() < CLUSTER_BELOW_ZOOM ? " (numbered circles group nearby events)" : "");
    } else {
      data.cells.forEach(function (c) {
        var r = Math.min(34, 8 + 4 * Math.log(c.count));
        var marker = L.circleMarker([c.lat, c.lon], {
          radius: r, color: "#263238", weight: 1, fillColor: COLOURS[c.event_type] || "#555", fillOpacity: 0.75,
          className: "ea-cell"
        });
        var label = el("span", null, c.count);
        L.marker([c.lat, c.lon], { icon: L.divIcon({ className: "ea-cell-label", html: label, iconSize: [40, 16] }),
                                   interactive: false }).addTo(layer);
        marker.on("click", function () { map.setView([c.lat, c.lon], map.getZoom() + 2); });
        layer.addLayer(marker);
      });
      $("summary").textContent = data.total + " events in view (grouped; zoom in for single events)";
    }
    var params = filterParams(true);
    $("download").href = "/api/export?format=geojson&" + params.toString();
    $("download-csv").href = "/api/export?format=acled-csv&" + params.toString();
  }

  // --- the list of the events in view --------------------------------------------------------------

  var lastPoints = null, sort = { key: "date", dir: -1 };

  function sortValue(pt, key) {
    if (key === "date") return pt.date || "";
    if (key === "fatalities") return pt.fatalities === null || pt.fatalities === undefined ? -1 : pt.fatalities;
    return pt.sources || 0;
  }

  function sortedPoints(points) {
    return points.slice().sort(function (a, b) {
      var x = sortValue(a, sort.key), y = sortValue(b, sort.key);
      if (x < y) return -sort.dir;
      if (x > y) return sort.dir;
      return (a.date || "") < (b.date || "") ? 1 : (a.date || "") > (b.date || "") ? -1 : (a.id < b.id ? -1 : 1);
    });
  }

  function renderList(data) {
    var body = $("list-body"), note = $("list-note");
    var focused = document.activeElement && document.activeElement.getAttribute("data-event");
    while (body.firstChild) body.removeChild(body.firstChild);
    document.querySelectorAll("#list th").forEach(function (th) {
      var b = th.querySelector("button");
      if (b) th.setAttribute("aria-sort", b.getAttribute("data-sort") !== sort.key ? "none" :
                                            sort.dir > 0 ? "ascending" : "descending");
    });
    if (!data || data.mode !== "points") {
      $("list-count").textContent = data ? "(" + data.total + ")" : "";
      note.hidden = false;
      note.textContent = "Too many events to list: zoom in or narrow the filters.";
      return;
    }
    note.hidden = data.points.length > 0;
    note.textContent = "No events in view.";
    $("list-count").textContent = "(" + data.points.length + ")";
    sortedPoints(data.points).forEach(function (pt) {
      var row = el("tr", { tabindex: "0", "data-event": pt.id });
      if (pt.id === state.event) row.classList.add("open");
      row.appendChild(el("td", null, pt.date || "undated"));
      var what = el("td");
      var sw = el("span", { "class": "swatch" }); sw.style.background = COLOURS[pt.event_type || "statement"] || "#555";
      what.appendChild(sw);
      what.appendChild(document.createTextNode(pt.sub_event_type || pt.event_type || "statement"));
      if (pt.review) what.appendChild(el("span", { "class": "reviewed", title: "reviewed: " + pt.review }, " ✓"));
      what.appendChild(el("div", { "class": "place" }, pt.name || ""));
      row.appendChild(what);
      row.appendChild(el("td", { "class": "num" }, pt.fatalities === null || pt.fatalities === undefined ? "" : pt.fatalities));
      row.appendChild(el("td", { "class": "num" }, pt.sources));
      body.appendChild(row);
    });
    if (focused) {
      var again = body.querySelector('tr[data-event="' + CSS.escape(focused) + '"]');
      if (again) again.focus();
    }
  }

  function initList() {
    document.querySelectorAll("#list th button").forEach(function (b) {
      b.addEventListener("click", function () {
        var key = b.getAttribute("data-sort");
        sort = sort.key === key ? { key: key, dir: -sort.dir } : { key: key, dir: -1 };
        if (lastPoints) renderList({ mode: "points", points: lastPoints, total: lastPoints.length });
      });
    });
    var body = $("list-body");
    body.addEventListener("click", function (ev) {
      var row = ev.target.closest("tr[data-event]");
      if (row) openEvent(row.getAttribute("data-event"));
    });
    body.addEventListener("keydown", function (ev) {
      var row = ev.target.closest("tr[data-event]");
      if (!row) return;
      var next = null;
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); openEvent(row.getAttribute("data-event")); return; }
      if (ev.key === "ArrowDown") next = row.nextElementSibling;
      else if (ev.key === "ArrowUp") next = row.previousElementSibling;
      else if (ev.key === "Home") next = body.firstElementChild;
      else if (ev.key === "End") next = body.lastElementChild;
      if (next) { ev.preventDefault(); next.focus(); }
    });
  }

  function markOpenRow() {
    document.querySelectorAll("#list-body tr.open").forEach(function (r) { r.classList.remove("open"); });
    var row = state.event && document.querySelector('#list-body tr[data-event="' + CSS.escape(state.event) + '"]');
    if (row) row.classList.add("open");
  }

  // --- timeline ---------------------------------------------------------------------------------

  var DAY = 86400000, SVGNS = "http://www.w3.org/2000/svg";
  var timeline = { start: 0, end: 0, bins: [], binDays: 1 };
  var PAD = { left: 30, right: 10, top: 10, bottom: 20 };

  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function dayOf(iso) { return Date.parse(iso + "T00:00:00Z"); }
  function isoOf(ms) { return new Date(ms).toISOString().slice(0, 10); }

  function refreshTimeline() {
    getJSON("/api/stats?" + filterParams(false).toString()).then(function (data) {
      var days = data.by_day;
      if (!days.length) { timeline.bins = []; drawTimeline(); return; }
      var start = dayOf(days[0].date), end = dayOf(days[days.length - 1].date);
      var span = Math.round((end - start) / DAY) + 1;
      var binDays = Math.max(1, Math.ceil(span / 150));
      var bins = [];
      for (var i = 0; i * binDays < span; i++) bins.push(0);
      days.forEach(function (d) { bins[Math.floor(Math.round((dayOf(d.date) - start) / DAY) / binDays)] += d.count; });
      timeline = { start: start, end: start + bins.length * binDays * DAY, bins: bins, binDays: binDays };
      drawTimeline();
    }).catch(function (e) { console.error(e); });
  }

  function xOf(ms, width) {
    return PAD.left + (ms - timeline.start) / (timeline.end - timeline.start) * (width - PAD.left - PAD.right);
  }
  function msOf(x, width) {
    var f = (x - PAD.left) / (width - PAD.left - PAD.right);
    return timeline.start + Math.min(1, Math.max(0, f)) * (timeline.end - timeline.start);
  }

  function drawTimeline(preview) {
    var svg = $("histogram"), width = svg.clientWidth || 600, height = svg.clientHeight || 100;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    if (!timeline.bins.length) {
      var none = svgEl("text", { x: PAD.left, y: height / 2 }); none.textContent = "no dated events";
      svg.appendChild(none); return;
    }
    var max = Math.max.apply(null, timeline.bins), plotH = height - PAD.top - PAD.bottom;
    var since = state.since ? dayOf(state.since) : -Infinity, until = state.until ? dayOf(state.until) : Infinity;
    timeline.bins.forEach(function (n, i) {
      if (!n) return;
      var s = timeline.start + i * timeline.binDays * DAY, e = s + timeline.binDays * DAY;
      var x0 = xOf(s, width), x1 = xOf(e, width), h = Math.max(1, n / max * plotH);
      var inside = e > since && s <= until;
      var bar = svgEl("rect", { x: x0, y: PAD.top + plotH - h, width: Math.max(1, x1 - x0 - 0.5), height: h,
                                "class": inside ? "bar" : "bar out" });
      var title = svgEl("title"); title.textContent = isoOf(s) + (timeline.binDays > 1 ? " +" + timeline.binDays + "d" : "") + ": " + n;
      bar.appendChild(title);
      svg.appendChild(bar);
    });
    [timeline.start, (timeline.start + timeline.end) / 2, timeline.end - DAY].forEach(function (ms, i) {
      var t = svgEl("text", { x: xOf(ms, width), y: height - 5, "text-anchor": ["start", "middle", "end"][i] });
      t.textContent = isoOf(ms); svg.appendChild(t);
    });
    var yl = svgEl("text", { x: 2, y: PAD.top + 8 }); yl.textContent = String(max); svg.appendChild(yl);
    var range = preview || (state.since || state.until ?
      [state.since ? dayOf(state.since) : timeline.start, state.until ? dayOf(state.until) + DAY : timeline.end] : null);
    if (range) {
      var bx0 = xOf(range[0], width), bx1 = xOf(range[1], width);
      svg.appendChild(svgEl("rect", { x: Math.min(bx0, bx1), y: PAD.top - 4, width: Math.abs(bx1 - bx0),
                                      height: plotH + 8, "class": "brush" }));
    }
    $("brush-clear").hidden = !(state.since || state.until);
  }

  function initBrush() {
    var svg = $("histogram"), start = null;
    function localX(ev) { return ev.clientX - svg.getBoundingClientRect().left; }
    svg.addEventListener("pointerdown", function (ev) {
      if (!timeline.bins.length) return;
      start = localX(ev); svg.setPointerCapture(ev.pointerId);
    });
    svg.addEventListener("pointermove", function (ev) {
      if (start === null) return;
      var w = svg.clientWidth;
      drawTimeline([msOf(start, w), msOf(localX(ev), w)]);
    });
    svg.addEventListener("pointerup", function (ev) {
      if (start === null) return;
      var w = svg.clientWidth, x = localX(ev);
      if (Math.abs(x - start) < 3) { setDates("", ""); }
      else {
        var a = msOf(Math.min(start, x), w), b = msOf(Math.max(start, x), w);
        setDates(isoOf(a), isoOf(Math.max(a, b - 1)));
      }
      start = null;
    });
    $("brush-clear").addEventListener("click", function () { setDates("", ""); });
  }

  function setDates(since, until) {
    state.since = since; state.until = until;
    $("f-since").value = since; $("f-until").value = until;
    drawTimeline(); writeHash(); refreshMap();
  }

  // --- filter panel -----------------------------------------------------------------------------

  function checkbox(container, name, value, label, checked, colour) {
    var lab = el("label");
    var box = el("input", { type: "checkbox", name: name, value: value });
    box.checked = checked;
    lab.appendChild(box);
    if (colour) { var sw = el("span", { "class": "swatch" }); sw.style.background = colour; lab.appendChild(sw); }
    lab.appendChild(document.createTextNode(label));
    container.appendChild(lab);
    return box;
  }

  function initFilters() {
    TYPES.forEach(function (t) {
      checkbox($("f-types"), "type", t[0], t[0] === "statement" ? "Statements (no ACLED type)" : t[0],
               state.types.indexOf(t[0]) >= 0, t[1]);
      var li = el("li"); var sw = el("span", { "class": "swatch" }); sw.style.background = t[1];
      li.appendChild(sw); li.appendChild(document.createTextNode(t[0] === "statement" ? "Statement" : t[0]));
      $("legend-types").appendChild(li);
    });
    CERTAINTIES.forEach(function (c) { checkbox($("f-certainty"), "certainty", c, c, state.cert.indexOf(c) >= 0); });
    syncForm();
    var form = $("filters"), qTimer = null;
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.addEventListener("change", function (ev) {
      if (ev.target.id === "f-q") return;
      readForm(); filtersChanged();
    });
    $("f-q").addEventListener("input", function () {
      clearTimeout(qTimer); qTimer = setTimeout(function () { readForm(); filtersChanged(); }, 300);
    });
    $("f-reset").addEventListener("click", function () {
      form.querySelectorAll("input[type=checkbox]").forEach(function (b) {
        b.checked = b.name === "certainty" || DEFAULT_TYPES.indexOf(b.value) >= 0;
      });
      $("f-min").value = 1; $("f-since").value = ""; $("f-until").value = ""; $("f-q").value = "";
      readForm(); filtersChanged();
    });
  }

  function syncForm() {
    document.querySelectorAll("#filters input[type=checkbox]").forEach(function (b) {
      b.checked = (b.name === "type" ? state.types : state.cert).indexOf(b.value) >= 0;
    });
    $("f-min").value = state.min; $("f-since").value = state.since; $("f-until").value = state.until; $("f-q").value = state.q;
  }

  function readForm() {
    function checked(name) {
      return Array.prototype.slice.call(document.querySelectorAll("#filters input[name=" + name + "]:checked"))
        .map(function (b) { return b.value; });
    }
    state.types = checked("type"); state.cert = checked("certainty");
    state.min = Math.max(1, parseInt($("f-min").value, 10) || 1);
    state.since = $("f-since").value; state.until = $("f-until").value; state.q = $("f-q").value.trim();
  }

  function filtersChanged() { writeHash(); refreshMap(); refreshTimeline(); }

  // --- event panel ------------------------------------------------------------------------------

  function fieldClass(field) {
    var head = field.split(".")[0];
    if (head === "field_attribution") return "attribution";
    return FIELD_CLASSES.indexOf(head) >= 0 ? head : "evidence";
  }

  /* The article with each span highlighted: the text is cut at every span boundary, and each piece
   * covered by spans becomes a <mark> whose classes name the fields it supports. Offsets count code
   * points (Python's), so the text is indexed as an array of code points, not UTF-16 units. */
  function highlightedArticle(text, spans) {
    var chars = Array.from(text), cuts = [0, chars.length];
    spans.forEach(function (s) { cuts.push(Math.max(0, Math.min(chars.length, s.start_char)), Math.max(0, Math.min(chars.length, s.end_char))); });
    cuts = cuts.filter(function (x, i, a) { return a.indexOf(x) === i; }).sort(function (a, b) { return a - b; });
    var root = el("div", { "class": "article", lang: "" });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1], piece = chars.slice(a, b).join("");
      var covering = spans.filter(function (s) { return s.start_char <= a && s.end_char >= b; });
      if (!covering.length) { root.appendChild(document.createTextNode(piece)); continue; }
      var mark = el("mark", null, piece), fields = [];
      covering.forEach(function (s) {
        mark.classList.add("ea-" + fieldClass(s.field));
        if (fields.indexOf(s.field) < 0) fields.push(s.field);
      });
      mark.setAttribute("data-fields", fields.join(" "));
      mark.title = fields.join(", ");
      root.appendChild(mark);
    }
    return root;
  }

  function dl(rows) {
    var list = el("dl");
    rows.forEach(function (r) {
      if (r[1] === null || r[1] === undefined || r[1] === "") return;
      list.appendChild(el("dt", null, r[0]));
      list.appendChild(el("dd", null, r[1]));
    });
    return list;
  }

  function safeLink(url, label) {
    try {
      var u = new URL(url);
      if (u.protocol === "http:" || u.protocol === "https:") {
        var a = el("a", { rel: "noopener noreferrer nofollow", target: "_blank" }, label);
        a.href = u.href; return a;
      }
    } catch (e) { /* not a URL: shown as text */ }
    return el("span", null, url);
  }

  function renderEvent(data) {
    var ev = data.event, body = $("panel-body");
    while (body.firstChild) body.removeChild(body.firstChild);
    body.appendChild(el("h2", null, (ev.event_type || "Statement (" + ev.plover + ")") +
                                      (ev.sub_event_type ? " — " + ev.sub_event_type : "")));
    body.appendChild(el("span", { "class": "badge cert-" + String(ev.certainty).replace(/[^a-z]/g, ""), title: "certainty" }, ev.certainty));
    if (ev.review) {
      body.appendChild(el("div", { "class": "review-state " + String(ev.review.state).replace(/[^a-z]/g, "") },
        "Reviewed: " + ev.review.state + " by " + ev.review.by + " · " + String(ev.review.at).slice(0, 16).replace("T", " ") +
        (ev.review.new_evidence ? " · new evidence since" : "")));
    }
    var loc = ev.location || {}, date = ev.date || {}, fat = ev.fatalities, weapon = ev.weapon;
    var place = [loc.name, loc.admin2, loc.admin1, loc.country].filter(Boolean).filter(function (x, i, a) { return a.indexOf(x) === i; }).join(", ");
    body.appendChild(dl([
      ["Date", date.start ? date.start + (date.end && date.end !== date.start ? " – " + date.end : "") : "not stated"],
      ["Place", place || "not found"],
      ["Fatalities", fat ? (fat.low === fat.high ? String(fat.best) : fat.low + "–" + fat.high + " (best " + fat.best + ")") : "none stated"],
      ["Weapon", weapon ? weapon.type : null],
      ["PLOVER", ev.plover],
      ["Outlets", String(ev.sources)]
    ]));
    if ((ev.actors || []).length) {
      body.appendChild(el("h3", null, "Actors"));
      body.appendChild(dl(ev.actors.map(function (a) { return [a.role, a.name + (a.text && a.text !== a.name ? " (“" + a.text + "”)" : "")]; })));
    }
    body.appendChild(el("h3", null, "Source chain"));
    var att = ev.attribution || {};
    body.appendChild(el("div", null, (att.source || "the outlet") + (att.kind ? " [" + att.kind + "]" : "")));
    var chain = el("ol", { "class": "chain" });
    (att.chain || []).forEach(function (link) { chain.appendChild(el("li", null, link)); });
    body.appendChild(chain);
    Object.keys(ev.field_attribution || {}).forEach(function (name) {
      var fa = ev.field_attribution[name];
      body.appendChild(el("div", { "class": "doc-meta" }, name + ": " + fa.source + (fa.kind ? " [" + fa.kind + "]" : "")));
    });
    var key = el("p", { "class": "key doc-meta" });
    ["trigger", "date", "location", "actors", "weapon", "fatalities", "attribution"].forEach(function (f) {
      key.appendChild(el("mark", { "class": "ea-" + f }, f));
    });
    data.documents.forEach(function (doc) {
      body.appendChild(el("h3", null, doc.title || doc.id));
      var meta = el("div", { "class": "doc-meta" });
      meta.appendChild(document.createTextNode([doc.outlet || "unknown outlet", doc.published || "undated",
                                                 doc.lang || ""].filter(Boolean).join(" · ")));
      if (doc.url) { meta.appendChild(document.createTextNode(" · ")); meta.appendChild(safeLink(doc.url, "original")); }
      body.appendChild(meta);
      body.appendChild(key.cloneNode(true));
      var spans = data.evidence.filter(function (s) { return s.document_id === doc.id; });
      body.appendChild(highlightedArticle(doc.text || "", spans));
    });
    renderHooks.forEach(function (fn) { fn(data, body); });
    $("panel").scrollTop = 0;  // a detail opens at its heading, whatever was shown before
  }

  var renderHooks = [];

  function openEvent(id) {
    state.event = id; writeHash(); markOpenRow();
    $("panel").hidden = false;
    $("panel").scrollTop = 0;
    var body = $("panel-body");
    while (body.firstChild) body.removeChild(body.firstChild);
    body.appendChild(el("p", null, "loading…"));
    getJSON("/api/events/" + encodeURIComponent(id)).then(renderEvent).catch(function (e) {
      while (body.firstChild) body.removeChild(body.firstChild);
      body.appendChild(el("p", null, "could not load the event (" + e.message + ")"));
    }).then(function () { map.invalidateSize(); drawTimeline(); });
  }

  function closePanel() {
    state.event = ""; writeHash(); markOpenRow(); $("panel").hidden = true; map.invalidateSize(); drawTimeline();
  }

  // --- start ------------------------------------------------------------------------------------

  readHash();
  initFilters();
  initMap();
  initBrush();
  initList();
  $("panel-close").addEventListener("click", closePanel);
  window.addEventListener("resize", function () { drawTimeline(); });
  // A link pasted into the address bar of an open page: take its state (our own writes use
  // replaceState, which fires no hashchange).
  window.addEventListener("hashchange", function () {
    readHash(); syncForm();
    if (state.view) map.setView([state.view[1], state.view[2]], state.view[0]);
    refreshMap(); refreshTimeline();
    if (state.event) openEvent(state.event); else { $("panel").hidden = true; map.invalidateSize(); }
  });
  refreshMap();
  refreshTimeline();
  if (state.event) openEvent(state.event);
  // For tests and the curious: what the map shows now.
  // Review mode (review.js) builds on these.
  window.eventatlas = {
    markers: function () { var ids = []; layer.eachLayer(function (l) { if (l.eventId) ids.push(l.eventId); }); return ids; },
    openEvent: openEvent,
    closePanel: closePanel,
    currentEvent: function () { return state.event; },
    afterRender: function (fn) { renderHooks.push(fn); },
    onMapClick: function (fn) { mapClick = fn; },
    refresh: function () { refreshMap(); refreshTimeline(); },
    /* Bring a place into view at a zoom where its marker stands alone. */
    focus: function (lat, lon) {
      if (!map.getBounds().pad(-0.1).contains([lat, lon]) || map.getZoom() < CLUSTER_BELOW_ZOOM) {
        fitted = true;
        map.setView([lat, lon], Math.max(map.getZoom(), CLUSTER_BELOW_ZOOM + 1));
      }
    },
    el: el,
    getJSON: getJSON
  };
}());
