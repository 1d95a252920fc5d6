/* eventatlas review mode: one event after another from GET /api/review/queue (the extractor's likeliest
 * errors first), each accepted, rejected or edited with POST /api/events/{id}/review, from the keyboard.
 *
 * Keys (outside text fields): a accept, r reject, e edit, j next, k previous, v review mode on/off;
 * in the edit form Enter saves and Esc cancels. The bearer token is asked for once and kept in
 * sessionStorage (gone when the tab closes). Values are shown through textContent and input values
 * only, never parsed as HTML. */
(function () {
  "use strict";

  var ea = window.eventatlas, el = ea.el, getJSON = ea.getJSON;
  var TOKEN_KEY = "eventatlas.reviewToken", MODE_KEY = "eventatlas.reviewMode";
  var HELP = "Keys: a accept · r reject · e edit · j next · k previous · Enter save · Esc cancel · v leave review";
  var review = { on: false, queue: [], index: -1, taxonomy: null, event: null, editing: false, place: null,
                 message: "" };

  function $(id) { return document.getElementById(id); }
  function token() { return sessionStorage.getItem(TOKEN_KEY) || ""; }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function typing(target) {
    return target && (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) || target.isContentEditable);
  }
  function option(select, value, label, selected) {
    var o = el("option", { value: value }, label === undefined ? value : label);
    if (selected) o.selected = true;
    select.appendChild(o);
  }

  // --- mode, queue ---------------------------------------------------------------------------------

  function setMode(on) {
    review.on = on;
    sessionStorage.setItem(MODE_KEY, on ? "1" : "");
    $("review-toggle").setAttribute("aria-pressed", on ? "true" : "false");
    if (!on) { review.editing = false; rerender(); return; }
    loadQueue().then(function () {
      var current = ea.currentEvent();
      var at = review.queue.findIndex(function (x) { return x.id === current; });
      if (at >= 0) { review.index = at; rerender(); }
      else go(0);
    });
  }

  function loadQueue() {
    return getJSON("/api/review/queue?limit=500").then(function (q) {
      review.queue = q.events; review.total = q.total; review.taxonomy = q.values;
    });
  }

  function go(index) {
    if (!review.queue.length) { review.index = -1; review.message = "The queue is empty: every event is reviewed."; rerender(); return; }
    review.index = Math.max(0, Math.min(review.queue.length - 1, index));
    review.editing = false;
    ea.openEvent(review.queue[review.index].id);
  }

  function rerender() {
    var id = ea.currentEvent();
    if (id) ea.openEvent(id);
    else if (review.on) renderBar(null, null);
  }

  // --- the bar above the event ---------------------------------------------------------------------

  function queueItem(id) { return review.queue.find(function (x) { return x.id === id; }); }

  function renderBar(data, body) {
    var old = $("review-bar");
    if (old) old.parentNode.removeChild(old);
    if (!review.on) return;
    review.event = data ? data.event : null;
    var bar = el("section", { id: "review-bar", "aria-label": "review" });
    var at = data ? review.queue.findIndex(function (x) { return x.id === data.event.id; }) : -1;
    if (at >= 0) review.index = at;
    bar.appendChild(el("strong", null, at >= 0 ? "Review queue: " + (at + 1) + " of " + review.queue.length
                                               : "Review" + (review.queue.length ? " (" + review.queue.length + " in the queue)" : "")));
    if (review.message) bar.appendChild(el("p", { "class": "message", role: "status" }, review.message));
    if (!token()) {
      bar.appendChild(tokenForm());
    } else if (data) {
      var item = queueItem(data.event.id);
      if (item && item.doubts.length) {
        var list = el("ul", { "class": "doubts", "aria-label": "why the extractor may be wrong" });
        item.doubts.forEach(function (d) { list.appendChild(el("li", { "data-code": d.code }, d.reason)); });
        bar.appendChild(list);
      }
      var actions = el("div", { "class": "actions" });
      [["accept", "Accept (a)"], ["reject", "Reject (r)"], ["edit", "Edit (e)"], ["prev", "Previous (k)"],
       ["next", "Next (j)"]].forEach(function (b) {
        var button = el("button", { type: "button", id: "rv-" + b[0] }, b[1]);
        button.addEventListener("click", function () { command(b[0]); });
        actions.appendChild(button);
      });
      bar.appendChild(actions);
      if (review.editing) bar.appendChild(editForm(data.event));
    }
    bar.appendChild(el("p", { "class": "help" }, HELP));
    var panel = $("panel"), target = body || $("panel-body");
    if (!body) { panel.hidden = false; clear(target); }
    var heading = target.querySelector("h2");
    target.insertBefore(bar, heading ? heading.nextSibling : target.firstChild);
    if (review.editing) {
      var first = $("rv-type");
      if (first) first.focus();
    }
  }

  function tokenForm() {
    var form = el("form", { id: "token-form" });
    var label = el("label", { "for": "review-token" }, "Your reviewer token: ");
    var input = el("input", { id: "review-token", type: "password", autocomplete: "off", required: "" });
    form.appendChild(label); form.appendChild(input);
    form.appendChild(el("button", { type: "submit" }, "Start reviewing"));
    form.appendChild(el("p", { "class": "help" }, "Asked once: kept for this tab only (sessionStorage)."));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (!input.value.trim()) return;
      sessionStorage.setItem(TOKEN_KEY, input.value.trim());
      review.message = "";
      rerender();
    });
    setTimeout(function () { input.focus(); }, 0);
    return form;
  }

  // --- actions -------------------------------------------------------------------------------------

  function command(name) {
    if (!review.on) return;
    if (name === "next" || name === "prev") { review.message = ""; go(review.index + (name === "next" ? 1 : -1)); return; }
    if (!review.event || !token()) return;
    if (name === "edit") { review.editing = true; review.place = null; rerender(); return; }
    send({ action: name });
  }

  function send(body) {
    var id = review.event.id;
    return fetch("/api/events/" + encodeURIComponent(id) + "/review", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: "Bearer " + token() },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (answer) { return { status: r.status, body: answer }; });
    }).then(function (res) {
      if (res.status === 401 || res.status === 403) {
        if (res.status === 401) sessionStorage.removeItem(TOKEN_KEY);
        review.message = res.status === 401 ? "That token was refused: give yours again." :
          "Writes are off on this server (no reviewer tokens are set).";
        rerender(); return;
      }
      if (res.status !== 200) {
        var detail = res.body && res.body.detail;
        review.message = "Not saved: " + (typeof detail === "string" ? detail : JSON.stringify(detail));
        rerender(); return;
      }
      review.message = "Saved: " + res.body.review.state + " by " + res.body.review.by + ".";
      review.editing = false;
      var at = review.queue.findIndex(function (x) { return x.id === id; });
      if (at >= 0) review.queue.splice(at, 1);
      ea.refresh();
      if (at >= 0 || review.index >= 0) go(at >= 0 ? at : review.index + 1);
      else rerender();
    }).catch(function (e) { review.message = "Not saved (" + e.message + ")"; rerender(); });
  }

  // --- the edit form -------------------------------------------------------------------------------

  function field(form, label, id, control) {
    form.appendChild(el("label", { "for": id }, label));
    control.id = id;
    form.appendChild(control);
    return control;
  }

  function input(type, value, attrs) {
    var node = el("input", Object.assign({ type: type }, attrs || {}));
    node.value = value === null || value === undefined ? "" : String(value);
    return node;
  }

  function fillSubTypes(select, type, current) {
    clear(select);
    ((review.taxonomy.types || {})[type] || []).forEach(function (s) { option(select, s, s, s === current); });
  }

  function actorRow(container, actor, index) {
    var row = el("div", { "class": "row actor" });
    if (index !== undefined) row.setAttribute("data-index", String(index));
    var role = el("select", { "aria-label": "role" });
    review.taxonomy.roles.forEach(function (r) { option(role, r, r, actor && actor.role === r); });
    var name = input("text", actor ? actor.name : "", { "aria-label": "actor name", size: "28" });
    var remove = el("button", { type: "button", "aria-label": "remove this actor" }, "×");
    remove.addEventListener("click", function () { row.parentNode.removeChild(row); });
    row.appendChild(role); row.appendChild(name); row.appendChild(remove);
    container.appendChild(row);
  }

  function placeChoices(places) {
    var box = $("rv-place-results");
    if (!box) return;  // the form was closed meanwhile
    clear(box);
    if (!places.length) { box.appendChild(el("span", null, "no place found")); return; }
    places.forEach(function (p) {
      var label = [p.name, p.admin1, p.country].filter(Boolean).join(", ") + " (" + (p.feature || "place") + ")";
      var b = el("button", { type: "button", "class": "place-choice" }, label);
      b.addEventListener("click", function () {
        delete p.population;
        review.place = p;
        $("rv-place").value = label;
        clear(box);
      });
      box.appendChild(b);
    });
  }

  function editForm(ev) {
    var t = review.taxonomy, form = el("form", { id: "review-form", "aria-label": "edit the event" });
    var type = field(form, "Type", "rv-type", el("select"));
    Object.keys(t.types).forEach(function (k) { option(type, k, k, k === ev.event_type); });
    if (!ev.event_type) option(type, "", "(statement: choose a type)", true);
    var sub = field(form, "Sub-type", "rv-sub", el("select"));
    fillSubTypes(sub, type.value, ev.sub_event_type);
    type.addEventListener("change", function () { fillSubTypes(sub, type.value, null); });
    var date = ev.date || {};
    var dates = el("div", { "class": "row" });
    var start = input("date", date.start, { id: "rv-start", "aria-label": "first day" });
    var end = input("date", date.end, { id: "rv-end", "aria-label": "last day" });
    var precision = el("select", { id: "rv-precision", "aria-label": "time precision" });
    [["1", "the day"], ["2", "the week"], ["3", "the month"]].forEach(function (p) {
      option(precision, p[0], p[1], String(date.precision || 1) === p[0]);
    });
    dates.appendChild(start); dates.appendChild(el("span", null, "to")); dates.appendChild(end); dates.appendChild(precision);
    form.appendChild(el("label", { "for": "rv-start" }, "Date"));
    form.appendChild(dates);
    var loc = ev.location || {};
    var place = el("div", { "class": "row" });
    var shown = input("text", [loc.name, loc.admin1, loc.country].filter(Boolean).join(", "),
                      { id: "rv-place", readonly: "", size: "30", "aria-label": "place" });
    var query = input("search", "", { id: "rv-place-q", placeholder: "search the gazetteer", size: "18" });
    var pick = el("button", { type: "button", id: "rv-place-map" }, "Pick on map");
    place.appendChild(shown); place.appendChild(query); place.appendChild(pick);
    form.appendChild(el("label", { "for": "rv-place-q" }, "Place"));
    form.appendChild(place);
    form.appendChild(el("span"));
    form.appendChild(el("div", { id: "rv-place-results" }));
    var timer = null;
    query.addEventListener("input", function () {
      clearTimeout(timer);
      var q = query.value.trim();
      if (!q) return;
      timer = setTimeout(function () {
        getJSON("/api/places?limit=8&q=" + encodeURIComponent(q)).then(function (d) { placeChoices(d.places); });
      }, 250);
    });
    pick.addEventListener("click", function () {
      document.body.classList.add("picking");
      pick.textContent = "Click the map…";
      ea.onMapClick(function (latlng) {
        ea.onMapClick(null);
        document.body.classList.remove("picking");
        pick.textContent = "Pick on map";
        var lon = ((latlng.lng + 180) % 360 + 360) % 360 - 180;
        getJSON("/api/places?limit=5&lat=" + latlng.lat.toFixed(4) + "&lon=" + lon.toFixed(4))
          .then(function (d) { placeChoices(d.places); });
      });
    });
    var actors = el("div", { id: "rv-actors" });
    (ev.actors || []).forEach(function (a, i) { actorRow(actors, a, i); });
    form.appendChild(el("label", null, "Actors"));
    var actorBox = el("div");
    actorBox.appendChild(actors);
    var add = el("button", { type: "button", id: "rv-actor-add" }, "Add an actor");
    add.addEventListener("click", function () { actorRow(actors, null); actors.lastChild.querySelector("input").focus(); });
    actorBox.appendChild(add);
    form.appendChild(actorBox);
    field(form, "Weapon", "rv-weapon", input("text", ev.weapon ? ev.weapon.type : "", { placeholder: "none" }));
    var fat = ev.fatalities || {};
    var fats = el("div", { "class": "row" });
    [["rv-fat-low", "low", fat.low], ["rv-fat-best", "best", fat.best], ["rv-fat-high", "high", fat.high]].forEach(function (f) {
      fats.appendChild(el("span", null, f[1]));
      fats.appendChild(input("number", f[2], { id: f[0], min: "0", step: "1", "aria-label": "fatalities " + f[1] }));
    });
    form.appendChild(el("label", { "for": "rv-fat-best" }, "Fatalities"));
    form.appendChild(fats);
    var cert = field(form, "Certainty", "rv-certainty", el("select"));
    t.certainties.forEach(function (c) { option(cert, c, c, c === ev.certainty); });
    field(form, "Source", "rv-source", input("text", (ev.attribution || {}).source, { size: "36" }));
    field(form, "Note", "rv-note", input("text", "", { size: "36", placeholder: "why (kept in the log)" }));
    var buttons = el("div", { "class": "row wide" });
    buttons.appendChild(el("button", { type: "submit", id: "rv-save" }, "Save (Enter)"));
    var cancel = el("button", { type: "button", id: "rv-cancel" }, "Cancel (Esc)");
    cancel.addEventListener("click", cancelEdit);
    buttons.appendChild(cancel);
    form.appendChild(buttons);
    form.addEventListener("submit", function (e) { e.preventDefault(); save(); });
    return form;
  }

  function cancelEdit() {
    review.editing = false; review.place = null; ea.onMapClick(null); document.body.classList.remove("picking");
    rerender();
  }

  function numberOrNull(id) { var v = $(id).value.trim(); return v === "" ? null : parseInt(v, 10); }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  /* Only what the reviewer changed is sent; an actor left as it was keeps its evidence span. */
  function changes(ev) {
    var out = {};
    if ($("rv-type").value && ($("rv-type").value !== ev.event_type || $("rv-sub").value !== ev.sub_event_type)) {
      out.event_type = $("rv-type").value; out.sub_event_type = $("rv-sub").value;
    }
    var date = ev.date || {};
    var start = $("rv-start").value, end = $("rv-end").value || start, precision = parseInt($("rv-precision").value, 10);
    if (start && (start !== date.start || end !== date.end || precision !== (date.precision || 1))) {
      out.date = { start: start, end: end, precision: precision };
    }
    if (review.place) out.location = review.place;
    var actors = Array.prototype.map.call(document.querySelectorAll("#rv-actors .actor"), function (row) {
      var role = row.querySelector("select").value, name = row.querySelector("input").value.trim();
      var index = row.getAttribute("data-index"), old = index === null ? null : (ev.actors || [])[+index];
      var actor = { role: role, name: name };
      if (old && old.name === name && old.text) {
        actor.text = old.text; actor.start_char = old.start_char; actor.end_char = old.end_char;
        if (old.document) actor.document = old.document;
      }
      return actor;
    }).filter(function (a) { return a.name; });
    var before = (ev.actors || []).map(function (a) { return [a.role, a.name]; });
    if (!same(before, actors.map(function (a) { return [a.role, a.name]; }))) out.actors = actors;
    var weapon = $("rv-weapon").value.trim();
    if (weapon !== (ev.weapon ? ev.weapon.type : "")) out.weapon = weapon ? { type: weapon } : null;
    var best = numberOrNull("rv-fat-best"), fat = ev.fatalities;
    var low = numberOrNull("rv-fat-low"), high = numberOrNull("rv-fat-high");
    if (best === null && fat) out.fatalities = null;
    else if (best !== null && (!fat || fat.best !== best || fat.low !== low || fat.high !== high)) {
      out.fatalities = { low: low === null ? best : low, best: best, high: high };
    }
    if ($("rv-certainty").value !== ev.certainty) out.certainty = $("rv-certainty").value;
    var att = ev.attribution || {}, source = $("rv-source").value.trim();
    if (source && source !== (att.source || "")) out.attribution = { source: source, kind: att.kind || null };
    return out;
  }

  function save() {
    var ev = review.event, c = changes(ev), note = $("rv-note").value.trim();
    if (!Object.keys(c).length) { review.message = "Nothing changed: accept (a) confirms the event as it is."; cancelEdit(); return; }
    var body = { action: "edit", changes: c };
    if (note) body.note = note;
    send(body);
  }

  // --- keys ----------------------------------------------------------------------------------------

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (review.on && review.editing) {
      if (ev.key === "Escape") { ev.preventDefault(); cancelEdit(); return; }
      if (ev.key === "Enter" && $("review-form") && $("review-form").contains(ev.target)
          && ev.target.tagName !== "BUTTON" && ev.target.tagName !== "TEXTAREA") {
        ev.preventDefault(); save(); return;
      }
    }
    if (typing(ev.target)) return;
    if (ev.key === "v") { setMode(!review.on); return; }
    if (!review.on) return;
    var name = { a: "accept", r: "reject", e: "edit", j: "next", k: "prev" }[ev.key];
    if (name) { ev.preventDefault(); command(name); }
  });

  $("review-toggle").addEventListener("click", function () { setMode(!review.on); });
  ea.afterRender(function (data, body) {
    if (review.on && review.editing && (!review.event || review.event.id !== data.event.id)) review.editing = false;
    renderBar(data, body);
    var loc = data.event.location;
    if (review.on && loc && loc.lat !== null && loc.lat !== undefined) ea.focus(loc.lat, loc.lon);  // the event in view
  });
  if (sessionStorage.getItem(MODE_KEY)) setMode(true);
}());
