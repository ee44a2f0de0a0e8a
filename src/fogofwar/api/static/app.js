// fogofwar web UI: plain JavaScript over the JSON API, no build step.
// Every value from the store goes into the page as text (textContent), never as HTML.
// The URL holds the whole view: `#/VIEW/ARGUMENT?filters`, so a view can be shared or
// bookmarked, and Back and Forward undo and redo a filter (each change is a new hash).
"use strict";

const PARTS = ["claims", "events", "places", "times", "figures", "entities"];
const $ = (sel) => document.querySelector(sel);
const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;
// The filters every view shares (the form #filters) and the parameters of single views.
const FILTERS = ["since", "until", "outlet", "event_type", "category", "q", "event_since", "event_until"];
// ACLED's event types, each its colour on the map and in its legend.
const EVENT_COLORS = {
  "Battles": "#c62828",
  "Explosions/Remote violence": "#b85000",
  "Violence against civilians": "#6a1b9a",
  "Protests": "#2e7d32",
  "Riots": "#795548",
  "Strategic developments": "#1565c0",
};
const NO_TYPE = "#616161";
const PRECISIONS = {
  settlement: "a settlement or site: the point is where it happened",
  admin1: "a region's centre: somewhere in that region",
  country: "a country's centre: somewhere in that country",
  unknown: "precision unknown",
};

const PRECISION_LEGEND = { settlement: "settlement or site", admin1: "somewhere in a region", country: "somewhere in a country" };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("data-") || k.startsWith("aria-") || k === "role" || k === "style") node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---- requests, with a loading sign for anything slower than 200 ms --------------------------

let pending = 0;
let loadingTimer = null;

function loading(delta) {
  pending += delta;
  if (pending > 0 && !loadingTimer) {
    loadingTimer = setTimeout(() => { loadingTimer = null; $("#loading").hidden = pending === 0; }, 200);
  } else if (pending === 0) {
    clearTimeout(loadingTimer);
    loadingTimer = null;
    $("#loading").hidden = true;
  }
}

function queryString(params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v) query.set(k, v);
  return query.toString();
}

async function api(path, params) {
  const query = queryString(params);
  loading(1);
  try {
    const response = await fetch(query ? `${path}?${query}` : path);
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error(`${response.status}: ${typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || body)}`);
    }
    return await response.json();
  } finally {
    loading(-1);
  }
}

// ---- the URL: view, argument and parameters -----------------------------------------------

function currentRoute() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, query] = hash.split("?", 2);
  const [view, ...rest] = path.split("/");
  return { view, arg: decodeURIComponent(rest.join("/")), params: Object.fromEntries(new URLSearchParams(query || "")) };
}

function hashOf(view, arg, params) {
  const query = queryString(params);
  return `#/${view}${arg ? "/" + encodeURIComponent(arg) : ""}${query ? "?" + query : ""}`;
}

// A new hash is a new history entry (Back undoes it); the same hash loads the view again.
function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function articleHref(id, span) {
  const [start, end] = span || [];
  return hashOf("article", id, Number.isInteger(start) && Number.isInteger(end) ? { span: `${start}-${end}` } : {});
}

// A headline for an article without a title: its file or page name, not the whole path.
function headline(a) {
  if (a.title) return a.title;
  const name = String(a.id || "").replace(/[?#].*$/, "").replace(/\/+$/, "").split("/").pop() || a.id;
  return name.replace(/\.(txt|html?|json|md)$/i, "").replace(/[-_]+/g, " ");
}

function articleLink(a, span, label) {
  return el("a", { href: articleHref(a.id, span), title: a.id }, label || headline(a));
}

// ---- filters: one selection shared by the map, the timeline, the list and the exports --------

function filterValues() {
  const form = new FormData($("#filters"));
  return Object.fromEntries([...form.entries()].filter(([k, v]) => v && FILTERS.includes(k)));
}

function setFilters(params) {
  for (const name of FILTERS) {
    const input = $(`#filters [name=${name}]`);
    if (input) input.value = params[name] || "";
  }
}

function fillSelect(select, values) {
  for (const v of values) select.append(el("option", { value: v }, v));
}

async function loadFacets() {
  const facets = await api("/api/facets");
  fillSelect($("#f-outlet"), facets.outlets);
  fillSelect($("#f-event"), facets.event_types);
  fillSelect($("#f-category"), facets.categories);
  fillSelect($("#fig-category"), facets.categories);
  fillSelect($("#fig-side"), facets.sides);
}

// The filters changed on the page: the same view, the new selection, a new history entry.
function filtersChanged() {
  const { view, arg, params } = currentRoute();
  const own = Object.fromEntries(Object.entries(params).filter(([k]) => !FILTERS.includes(k)));
  go(hashOf(view, arg, { ...own, ...filterValues() }));
}

function updateExports(filters) {
  for (const format of ["csv", "geojson", "acled"]) {
    $(`#x-${format}`).href = `/api/export?${queryString({ ...filters, format })}`;
  }
}

// ---- sortable tables: a button per heading, numbers sorted as numbers ----------------------

function sortable(table) {
  table.querySelectorAll("thead th").forEach((th, column) => {
    if (th.querySelector("button")) return;
    const button = el("button", { type: "button", class: "sort" }, ...th.childNodes);
    th.replaceChildren(button);
    button.addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("thead th").forEach((h) => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const body = table.tBodies[0];
      const key = (row) => (row.cells[column] ? row.cells[column].textContent.trim() : "");
      const rows = [...body.rows];
      const numeric = rows.every((r) => key(r) === "" || !Number.isNaN(Number(key(r).replace(/,/g, ""))));
      rows.sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        const order = numeric ? Number(x.replace(/,/g, "") || -Infinity) - Number(y.replace(/,/g, "") || -Infinity) : x.localeCompare(y);
        return ascending ? order : -order;
      });
      body.append(...rows);
    });
  });
}

// ---- map: events by ACLED type and precision; place mentions on request ---------------------

let map = null;
let events = null;
let places = null;

async function initMap() {
  const config = await api("/api/config");
  // Past the basemap's deepest zoom its tiles are drawn larger (blurred) so that nearby
  // villages still come apart as markers.
  const deepest = Math.max(config.max_zoom, 10);
  map = L.map("map", { worldCopyJump: true, maxZoom: deepest }).setView([49, 32], 4);
  if (config.tiles) {
    L.tileLayer(config.tiles, { maxNativeZoom: config.max_zoom, maxZoom: deepest, attribution: config.attribution }).addTo(map);
  }
  events = L.markerClusterGroup({ maxClusterRadius: 35, iconCreateFunction: eventCluster });
  places = L.markerClusterGroup({ maxClusterRadius: 40 });
  map.addLayer(events);
  const legend = L.control({ position: "bottomright" });
  legend.onAdd = () => el("div", { class: "map-legend", role: "note", "aria-label": "map legend" },
    el("strong", {}, "Event type"),
    ...Object.entries(EVENT_COLORS).map(([type, color]) => el("div", {}, el("span", { class: "dot", style: `background:${color}` }), ` ${type}`)),
    el("div", {}, el("span", { class: "dot", style: `background:${NO_TYPE}` }), " no type"),
    el("strong", {}, "Where (ring)"),
    ...Object.entries(PRECISION_LEGEND).map(([p, words]) => el("div", { title: PRECISIONS[p] }, el("span", { class: `dot ring-${p}` }), ` ${words}`)));
  legend.addTo(map);
}

// A cluster of events takes the colour of its most frequent event type (its title says all).
function eventCluster(cluster) {
  const counts = new Map();
  for (const m of cluster.getAllChildMarkers()) {
    const type = m.feature.properties.event_type || "no type";
    counts.set(type, (counts.get(type) || 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const n = cluster.getChildCount();
  const size = n < 10 ? 30 : n < 100 ? 38 : 46;
  const icon = L.divIcon({
    html: `<span>${n}</span>`,
    className: "ev-cluster",
    iconSize: [size, size],
  });
  cluster.options.title = ranked.map(([t, c]) => `${c} ${t}`).join(", ");
  icon.options.color = EVENT_COLORS[ranked[0][0]] || NO_TYPE;
  cluster.once("add", () => { const node = cluster.getElement(); if (node) node.style.backgroundColor = icon.options.color; });
  return icon;
}

function eventMarker(feature) {
  const [lon, lat] = feature.geometry.coordinates;
  const p = feature.properties;
  const color = EVENT_COLORS[p.event_type] || NO_TYPE;
  const icon = L.divIcon({
    className: `ev ring-${p.precision}`,
    html: "",
    iconSize: { settlement: [14, 14], admin1: [22, 22], country: [30, 30] }[p.precision] || [30, 30],
  });
  const marker = L.marker([lat, lon], { icon, title: `${p.event_type || "event"} at ${p.place}`, alt: p.event_type || "event" });
  marker.on("add", () => { const node = marker.getElement(); if (node) node.style.backgroundColor = color; });
  marker.bindPopup(() => {
    const quote = el("q", { class: "meta" }, "…");
    const title = el("span", {}, "its article");
    const box = el("div", { class: "popup" },
      el("strong", {}, [p.event_type, p.subtype].filter(Boolean).join(" / ") || "event"),
      el("div", { class: "meta" }, [p.date ? (p.date_assumed ? `${p.date} (the article's date)` : p.date) : "undated",
        `${p.place} (${PRECISIONS[p.precision]})`].join(" · ")),
      quote,
      el("div", {}, el("a", { href: articleHref(p.article_id, [p.start, p.end]), class: "to-sentence" }, "Open the sentence in ", title)),
      el("div", { class: "meta" }, [p.outlet, p.published].filter(Boolean).join(" · ")));
    // The sentence and the rest come when the popup opens: the map's features carry only
    // what it draws.
    api("/api/event", { article_id: p.article_id, idx: String(p.idx) }).then((d) => {
      quote.textContent = d.text;
      quote.className = "";
      title.textContent = headline({ id: p.article_id, title: d.title });
      if (d.fatalities !== null) quote.after(el("div", { class: "meta" }, `${d.fatalities} killed`));
      if (d.actors.length) quote.after(el("div", { class: "meta" }, d.actors.join(" — ")));
    }).catch(() => { quote.textContent = "(the sentence could not be loaded)"; });
    return box;
  });
  marker.feature = feature;
  return marker;
}

function placeMarker(p) {
  return L.marker([p.lat, p.lon], { title: p.name || p.text, opacity: 0.7 }).bindPopup(() => el("div", { class: "popup" },
    el("strong", {}, p.name || p.text), el("div", { class: "meta" }, `place mention (${p.kind || "?"}) · ${[p.outlet, p.published].filter(Boolean).join(" · ")}`),
    el("a", { href: articleHref(p.article_id, [p.start, p.end]) }, "Open the mention in ", headline({ id: p.article_id, title: p.title }))));
}

let mapFitted = false;

// The box around where most events are: the 10th to 90th percentile of latitude and of
// longitude, so a few far-off points (an actor's capital, a place name read wrongly) do not
// zoom the first view out to the world. Zooming out shows them.
function coreBounds(points) {
  const cut = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return sorted.length >= 10 ? [at(0.1), at(0.9)] : [sorted[0], sorted[sorted.length - 1]];
  };
  const [south, north] = cut(points.map((p) => p.lat));
  const [west, east] = cut(points.map((p) => p.lng));
  return L.latLngBounds([south, west], [north, east]);
}

async function loadMap(filters, showPlaces) {
  const collection = await api("/api/events.geojson", filters);
  events.clearLayers();
  events.addLayers(collection.features.map(eventMarker));
  $("#map").dataset.events = String(collection.features.length);
  places.clearLayers();
  if (showPlaces) {
    const mentions = await api("/api/places.geojson", filters);
    places.addLayers(mentions.features.map((f) => placeMarker({ ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] })));
    if (!map.hasLayer(places)) map.addLayer(places);
  } else if (map.hasLayer(places)) map.removeLayer(places);
  $("#map").dataset.places = String(places.getLayers().length);
  $("#map").dataset.markers = String(events.getLayers().length + places.getLayers().length);
  // The first view fits the events (not every country an article mentions); later views keep
  // the reader's own zoom unless the selection moves outside it.
  // Events pinned to a settlement or a region say where the fighting is; a country's centre
  // (the US, Korea named as actors' homes) would zoom the first view out to the world.
  const precise = events.getLayers().filter((m) => ["settlement", "admin1"].includes(m.feature.properties.precision));
  const drawn = precise.length ? precise : events.getLayers().length ? events.getLayers() : places.getLayers();
  const bounds = drawn.length ? coreBounds(drawn.map((m) => m.getLatLng())) : null;
  if (bounds && (!mapFitted || !map.getBounds().intersects(bounds))) {
    map.fitBounds(bounds, { maxZoom: 8, padding: [20, 20] });
    mapFitted = true;
  }
}

// ---- article list (keyset pages) ------------------------------------------------------------

let nextCursor = null;

function articleItem(a) {
  return el("li", {}, articleLink(a),
    el("div", { class: "meta" }, [a.outlet, a.published || "undated", a.cites.length ? `cites ${a.cites.join(", ")}` : ""]
      .filter(Boolean).join(" · ")));
}

async function loadList(filters, more) {
  const page = await api("/api/articles", { ...filters, limit: 50, cursor: more ? nextCursor : null });
  if (!more) $("#article-list").replaceChildren();
  $("#article-list").append(...page.items.map(articleItem));
  nextCursor = page.next_cursor;
  $("#more").hidden = !nextCursor;
}

// ---- timeline: two scales, a brushed range, the undated apart ------------------------------

function niceTop(n) {
  if (n <= 5) return Math.max(n, 1);
  const step = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / step) * step;
}

function brushMode() {
  return $("#brush-mode").value;
}

// The chosen range becomes the filter the control names: publication dates (From/To) or the
// events' own dates (the map's events; the list keeps its publication dates).
function selectRange(first, last) {
  const values = filterValues();
  const keys = brushMode() === "event" ? ["event_since", "event_until"] : ["since", "until"];
  [values[keys[0]], values[keys[1]]] = [first, last];
  const { view, params } = currentRoute();
  const own = Object.fromEntries(Object.entries(params).filter(([k]) => !FILTERS.includes(k)));
  go(hashOf(view === "" ? "" : view, "", { ...own, ...values, mode: brushMode() }));
}

function axis(box, x, top, height, side, label) {
  const ticks = [0, top / 2, top];
  box.append(svg("line", { x1: x, y1: 10, x2: x, y2: height - 20, class: "axis" }));
  for (const t of ticks) {
    const y = height - 20 - (t / top) * (height - 30);
    box.append(svg("text", { x: side === "left" ? x - 4 : x + 4, y: y + 4, "text-anchor": side === "left" ? "end" : "start" }, String(Math.round(t))));
  }
  box.append(svg("text", { x: side === "left" ? x + 4 : x - 4, y: 12, "text-anchor": side === "left" ? "start" : "end", class: `axis-label ${side}` }, label));
}

function drawTimeline(data, filters) {
  const box = $("#timeline");
  box.replaceChildren();
  const width = Math.max(box.clientWidth || 900, 300);
  const height = 150;
  const [left, right] = [44, 44];
  box.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const days = data.days;
  box.dataset.days = String(days.length);
  $("#undated").replaceChildren(el("strong", {}, "Undated"),
    el("div", {}, `${data.undated_articles} article${data.undated_articles === 1 ? "" : "s"}`),
    el("div", {}, `${data.undated_events} event${data.undated_events === 1 ? "" : "s"}`));
  if (!days.length) {
    box.append(svg("text", { x: 10, y: 60, class: "empty" }, "nothing dated in this selection"));
    return;
  }
  const t = (d) => Date.parse(d);
  const first = t(days[0].day);
  const span = Math.max(t(days[days.length - 1].day) - first, DAY);
  const plot = width - left - right;
  const bar = Math.max(2, Math.min(18, plot / (span / DAY + 1) - 1));
  const x = (day) => left + ((t(day) - first) / span) * (plot - bar);
  const dayAt = (px) => new Date(first + Math.round(((px - left) / (plot - bar)) * span / DAY) * DAY).toISOString().slice(0, 10);
  const topA = niceTop(Math.max(...days.map((d) => d.articles)));
  const topE = niceTop(Math.max(...days.map((d) => d.events)));
  const yA = (n) => height - 20 - (n / topA) * (height - 30);
  const yE = (n) => height - 20 - (n / topE) * (height - 30);
  axis(box, left - 4, topA, height, "left", "articles published (bars)");
  axis(box, width - right + 4, topE, height, "right", "events (dots)");
  // The selected event window, shaded.
  if (filters.event_since || filters.event_until) {
    const a = x(filters.event_since || days[0].day);
    const b = x(filters.event_until || days[days.length - 1].day) + bar;
    box.append(svg("rect", { x: Math.min(a, b), y: 10, width: Math.abs(b - a), height: height - 30, class: "event-window" }));
  }
  let dragged = false;
  for (const d of days) {
    const g = svg("g", { class: "day", "data-day": d.day, tabindex: "0", role: "button",
      "aria-label": `${d.day}: ${d.articles} articles published, ${d.events} events` });
    g.append(svg("title", {}, `${d.day}: ${d.articles} articles published, ${d.events} events happened`));
    g.append(svg("rect", { x: x(d.day), y: 10, width: bar, height: height - 30, class: "hit" }));
    if (d.articles) g.append(svg("rect", { x: x(d.day), y: yA(d.articles), width: bar, height: height - 20 - yA(d.articles), class: "bar" }));
    if (d.events) g.append(svg("circle", { cx: x(d.day) + bar / 2, cy: yE(d.events), r: 3, class: "event" }));
    g.addEventListener("click", () => { if (!dragged) selectRange(d.day, d.day); });
    g.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); selectRange(d.day, d.day); } });
    box.append(g);
  }
  box.append(svg("text", { x: left, y: height - 4 }, days[0].day));
  box.append(svg("text", { x: width - right, y: height - 4, "text-anchor": "end" }, days[days.length - 1].day));
  // The brush: drag across days to select their range.
  const brush = svg("rect", { class: "brush", y: 10, height: height - 30, width: 0, x: 0, visibility: "hidden" });
  box.append(brush);
  const px = (e) => (e.clientX - box.getBoundingClientRect().left) * (width / box.getBoundingClientRect().width);
  let start = null;
  box.onpointerdown = (e) => { start = px(e); dragged = false; };
  box.onpointermove = (e) => {
    if (start === null) return;
    const now = px(e);
    if (Math.abs(now - start) > 4) dragged = true;
    if (!dragged) return;
    brush.setAttribute("visibility", "visible");
    brush.setAttribute("x", Math.min(start, now));
    brush.setAttribute("width", Math.abs(now - start));
  };
  box.onpointerup = (e) => {
    if (start !== null && dragged) {
      const [a, b] = [start, px(e)].sort((m, n) => m - n);
      selectRange(dayAt(Math.max(a, left)), dayAt(Math.min(b, width - right)));
    }
    start = null;
    setTimeout(() => { dragged = false; }, 0);
  };
}

async function showMap(params) {
  const filters = filterValues();
  $("#show-places").checked = params.places === "1";
  if (params.mode) $("#brush-mode").value = params.mode;
  $("#event-window").textContent = filters.event_since || filters.event_until
    ? `Events that happened ${filters.event_since || "…"} to ${filters.event_until || "…"}` : "";
  map.invalidateSize();
  const [, data] = await Promise.all([loadMap(filters, params.places === "1"), api("/api/overview", filters), loadList(filters, false)]);
  drawTimeline(data, filters);
  $("#article-count").textContent = String(data.articles);
  $("#undated-count").textContent = data.undated_articles ? `(${data.undated_articles} undated)` : "";
}

// ---- article view ---------------------------------------------------------------------------

function spansOf(record) {
  const spans = [];
  for (const part of PARTS) {
    (record[part] || []).forEach((item, i) => {
      if (Number.isInteger(item.start) && Number.isInteger(item.end) && item.end > item.start) {
        spans.push({ part, label: part === "entities" ? item.label : part, start: item.start, end: item.end, i });
      }
    });
  }
  // A claim's speaker mention and reporting cue: the ends of its attribution chain, in the text.
  (record.claims || []).forEach((c, i) => {
    const sp = c.speaker;
    if (sp && Number.isInteger(sp.start) && Number.isInteger(sp.end) && sp.end > sp.start) {
      spans.push({ part: "speakers", label: "speaker of claim", start: sp.start, end: sp.end, i });
    }
    if (Number.isInteger(c.cue_start) && Number.isInteger(c.cue_end) && c.cue_end > c.cue_start) {
      spans.push({ part: "cues", label: "cue of claim", start: c.cue_start, end: c.cue_end, i });
    }
  });
  return spans;
}

// The text cut at every span boundary; each piece carries the parts that cover it, so nested
// spans (a figure inside a claim) show both.
function highlighted(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k], points[k + 1]];
    const piece = text.slice(a, b);
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) { frag.append(piece); continue; }
    const parts = [...new Set(covering.map((s) => s.part))];
    frag.append(el("mark", {
      class: ["hl", ...parts.map((p) => `hl-${p}`)].join(" "),
      title: covering.filter((s) => s.part !== "target").map((s) => `${s.label} #${s.i}`).join(", ") || "the linked sentence",
      "data-parts": parts.join(" "),
    }, piece));
  }
  return frag;
}

function chain(record, claim) {
  const links = [record.article.outlet || "(no outlet)", ...(claim.via || [])];
  const sp = claim.speaker;
  const speaker = sp ? (sp.name || (sp.anonymous ? "anonymous" : sp.kind) || "?") : "(no speaker)";
  const node = el("div", { class: "chain" });
  [...links, speaker].forEach((name, i) => {
    if (i) node.append(el("span", { class: "arrow" }, " → "));
    node.append(el("span", { class: i === links.length ? "speaker" : "outlet" }, name));
  });
  if (sp && sp.kind) node.append(el("span", { class: "meta" }, ` (${sp.kind}${sp.affiliation ? ", " + sp.affiliation : ""})`));
  return node;
}

function range(r) {
  if (!r) return "";
  return r.begin === r.end || !r.end ? r.begin || "" : `${r.begin || "…"} – ${r.end}`;
}

function partList(title, items, render, id) {
  if (!items || !items.length) return null;
  return el("section", { class: "part" }, el("h2", {}, `${title} (${items.length})`),
    el("ol", {}, ...items.map((item, i) => el("li", {}, render(item, i),
      Number.isInteger(item.start) ? el("a", { href: articleHref(id, [item.start, item.end]), class: "in-text", "aria-label": `show ${title.toLowerCase()} ${i + 1} in the text` }, " ↪ in the text") : null))));
}

function claimParts(record) {
  return (c) => el("div", { class: "claim" },
    chain(record, c),
    el("q", {}, c.text),
    c.cue ? el("div", { class: "meta" }, `cue: ${c.cue}`) : null,
    c.hedges && c.hedges.length ? el("div", { class: "hedges" }, `hedges: ${c.hedges.join(", ")}`) : null,
    c.forecast ? el("div", { class: "forecast" }, `forecast window: ${range(c.forecast)}`) : null,
    (() => {
      const figs = record.figures.filter((f) => f.claim === c.id);
      return figs.length ? el("div", { class: "meta" }, `figures: ${figs.map((f) => f.text).join("; ")}`) : null;
    })());
}

function recordParts(record) {
  const a = record.article;
  const claimant = (figure) => {
    const claim = record.claims.find((c) => c.id === figure.claim);
    return claim && claim.speaker ? claim.speaker.name || claim.speaker.kind : a.outlet;
  };
  const placeName = (e) => (e.place !== null && record.places[e.place] ? `at ${record.places[e.place].name || record.places[e.place].text}` : "");
  return [
    partList("Claims", record.claims, claimParts(record), a.id),
    partList("Figures", record.figures, (f) => el("div", {},
      el("strong", {}, f.text), ` = ${f.value ?? "?"}`, f.qualifier !== "exact" ? ` (${f.qualifier})` : "",
      el("div", { class: "meta" }, [f.category, f.side, range(f.period), `claimant: ${claimant(f) || "?"}`]
        .filter(Boolean).join(" · "))), a.id),
    partList("Events", record.events, (e) => el("div", {},
      el("strong", {}, [e.type, e.subtype].filter(Boolean).join(" / ") || "event"),
      el("div", { class: "meta" }, [range(e.date), e.actor1, e.actor2, placeName(e),
        e.fatalities !== null ? `${e.fatalities} killed` : ""].filter(Boolean).join(" · "))), a.id),
    partList("Places", record.places, (p) => el("div", {}, p.name || p.text,
      el("span", { class: "meta" }, ` ${[p.kind, p.country_code, p.lat !== null ? `${p.lat}, ${p.lon}` : "no coordinates"].filter(Boolean).join(" · ")}`)), a.id),
    partList("Times", record.times, (t) => el("div", {}, t.text,
      el("span", { class: "meta" }, ` ${[t.kind, t.value, range(t.range)].filter(Boolean).join(" · ")}`)), a.id),
    partList("People, organisations, groups", record.entities, (e) => el("div", {}, e.text, el("span", { class: "meta" }, ` ${e.label}`)), a.id),
  ].filter(Boolean);
}

function parseSpan(value, length) {
  const match = /^(\d+)-(\d+)$/.exec(value || "");
  if (!match) return null;
  const [start, end] = [Number(match[1]), Number(match[2])];
  return start < end && end <= length ? { part: "target", label: "linked", start, end, i: 0 } : null;
}

async function showArticle(id, params) {
  const record = await api(`/api/articles/${encodeURIComponent(id)}`);
  const a = record.article;
  $("#a-title").textContent = headline(a);
  $("#a-meta").replaceChildren([a.outlet, a.published || "undated", a.cites.length ? `cites ${a.cites.join(", ")}` : "", a.id]
    .filter(Boolean).join(" · "));
  const target = parseSpan(params.span, a.text.length);
  const spans = spansOf(record).concat(target ? [target] : []);
  $("#a-legend").replaceChildren(...PARTS.map((p) => el("mark", { class: `hl hl-${p}` }, `${p} ${(record[p] || []).length}`)));
  $("#a-text").replaceChildren(highlighted(a.text, spans));
  $("#a-parts").replaceChildren(...recordParts(record));
  const first = $("#a-text mark.hl-target");
  if (first) {
    first.id = "target";
    first.tabIndex = -1;
    first.scrollIntoView({ block: "center" });
    first.focus({ preventScroll: true });
  } else window.scrollTo(0, 0);
  // The article's story, copies and contradictions come from the links, which may take longer:
  // the text is shown first.
  $("#a-links").replaceChildren(el("span", { class: "meta" }, "Looking up this article's story…"));
  delete $("#a-links").dataset.story;
  articleLinks(id).catch(showError);
}

async function articleLinks(id) {
  const found = await api(`/api/article-links/${encodeURIComponent(id)}`);
  if (currentRoute().arg !== id) return; // the reader has moved on
  const box = $("#a-links");
  if (!found.story) {
    box.replaceChildren(el("span", { class: "meta" }, "Not linked to a story yet (fogofwar links)."));
    return;
  }
  box.replaceChildren(
    el("div", { class: "story-of" }, "Story: ", el("a", { href: hashOf("story", found.story.id, {}) }, found.story.label || found.story.id),
      ` (${found.story.size} articles)`),
    found.copies.length ? el("div", { class: "copies" }, "Copies: ", ...found.copies.flatMap((c, i) => [i ? ", " : "", articleLink(c)])) : null,
    found.contradictions.length ? el("div", { class: "contradicted" }, `Contradictions (${found.contradictions.length}):`,
      el("ul", {}, ...found.contradictions.map((c) => {
        const [mine, other] = c.a.article === id ? [c.a, c.b] : [c.b, c.a];
        return el("li", { class: "contradiction-link" }, `${c.kind}: `,
          el("a", { href: articleHref(id, [mine.start, mine.end]) }, `“${mine.text}”`), " vs ",
          el("a", { href: articleHref(other.article, [other.start, other.end]) }, `“${other.text}”`),
          el("span", { class: "meta" }, ` (${[other.speaker, other.outlet, other.published].filter(Boolean).join(", ")})`));
      }))) : null);
  $("#a-links").dataset.story = found.story.id;
}

// ---- stories and contradictions --------------------------------------------------------------

async function showStories(params) {
  const found = await api("/api/stories", { since: params.since, until: params.until });
  $("#st-table tbody").replaceChildren(...found.items.map((s) => el("tr", { "data-story": s.id },
    el("td", {}, el("a", { href: hashOf("story", s.id, {}) }, s.label || s.id)), el("td", {}, s.size), el("td", {}, s.copies),
    el("td", {}, s.outlets.join(", ")), el("td", {}, s.first || ""), el("td", {}, s.last || ""))));
  if (!found.items.length) $("#st-table tbody").append(el("tr", {}, el("td", { colSpan: 6, class: "empty" }, "no stories yet: articles are linked by fogofwar ingest")));
}

function claimSide(side) {
  return el("div", { class: "side" },
    el("div", {}, articleLink({ id: side.article, title: side.title })),
    el("div", { class: "meta" }, [side.outlet, side.published || "undated"].filter(Boolean).join(" · ")),
    side.chain ? el("div", { class: "chain" }, [...side.chain, side.speaker || "(no speaker)"].join(" → ")) : null,
    el("blockquote", {}, side.before ? `…${side.before}` : "", el("mark", { class: "hl hl-target" }, side.text), side.after ? `${side.after}…` : ""),
    el("a", { href: articleHref(side.article, [side.start, side.end]), class: "to-sentence" }, "Open the sentence"));
}

function contradictionCard(c, level) {
  return el("article", { class: "contradiction", "data-kind": c.kind },
    el(level || "h2", {}, `${c.kind === "status" ? "Taken or held" : "Asserted and denied"}${c.note ? ": " + c.note : ""}`),
    el("div", { class: "pair" }, claimSide(c.a), claimSide(c.b)));
}

async function showStory(id) {
  const story = await api(`/api/stories/${encodeURIComponent(id)}`);
  $("#s-title").textContent = story.label || story.id;
  storyTimeline(story.articles);
  $("#s-articles").replaceChildren(...story.articles.map((a) => el("li", {}, articleLink(a),
    el("span", { class: "meta" }, ` ${[a.outlet, a.published || "undated"].filter(Boolean).join(" · ")}`),
    a.copies.length ? el("ul", { class: "copies" }, ...a.copies.map((c) => el("li", {}, "copy: ", articleLink(c),
      el("span", { class: "meta" }, ` ${[c.outlet, c.published].filter(Boolean).join(" · ")}`)))) : null)));
  $("#s-contradictions").replaceChildren(...story.contradictions.map((c) => contradictionCard(c, "h3")));
  if (!story.contradictions.length) $("#s-contradictions").append(el("p", { class: "empty" }, "no contradictions found in this story"));
  $("#s-groups").replaceChildren(...story.figure_groups.map((g) => el("li", { class: g.disagree ? "disagree" : "agree" },
    el("strong", {}, `${g.disagree ? "disagree" : "agree"} (×${g.spread}) `), `${g.category || "?"} ${g.side || ""}: `,
    ...g.members.flatMap((m, i) => [i ? " · " : "", el("a", { href: articleHref(m.article, [m.start, m.end]) }, `${m.claimant || "?"} ${number(m.value)}`)]))));
  if (!story.figure_groups.length) $("#s-groups").append(el("li", { class: "empty" }, "no figure groups"));
  $("#s-forecasts").replaceChildren(...story.forecasts.map((f) => el("li", {}, el("strong", {}, STATUS[f.status] || f.status), " ",
    el("a", { href: articleHref(f.article, [f.start, f.end]) }, `“${f.text}”`), el("span", { class: "meta" }, ` ${f.speaker || ""}${f.deadline ? " · by " + f.deadline : ""}`))));
  if (!story.forecasts.length) $("#s-forecasts").append(el("li", { class: "empty" }, "no forecasts"));
}

function storyTimeline(articles) {
  const box = $("#s-timeline");
  box.replaceChildren();
  const all = articles.flatMap((a) => [a, ...a.copies]).filter((a) => a.published);
  const [width, height] = [900, 70];
  box.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!all.length) return;
  const ts = all.map((a) => Date.parse(a.published));
  const [t0, t1] = [Math.min(...ts), Math.max(...ts)];
  const x = (t) => 20 + ((t - t0) / Math.max(t1 - t0, DAY)) * (width - 40);
  box.append(svg("line", { x1: 20, y1: 40, x2: width - 20, y2: 40, class: "axis" }));
  const seen = new Map();
  for (const a of all) {
    const n = seen.get(a.published) || 0;
    seen.set(a.published, n + 1);
    const link = svg("a", { href: articleHref(a.id) });
    link.append(svg("circle", { cx: x(Date.parse(a.published)), cy: 40 - n * 9, r: 4, class: "story-article" }));
    link.firstChild.append(svg("title", {}, `${a.published}: ${headline(a)}`));
    box.append(link);
  }
  box.append(svg("text", { x: 20, y: 62 }, day(t0)));
  box.append(svg("text", { x: width - 20, y: 62, "text-anchor": "end" }, day(t1)));
}

async function showContradictions(params) {
  const found = await api("/api/contradictions", { since: params.since, until: params.until });
  $("#contradictions").replaceChildren(...found.items.map((c) => contradictionCard(c)));
  if (!found.items.length) $("#contradictions").append(el("p", { class: "empty" }, "no contradictions in this selection"));
}

// ---- figure line-up: one category, one side, one unit per axis -----------------------------

async function allPages(path, params) {
  let items = [];
  let cursor = null;
  do {
    const page = await api(path, { ...params, cursor });
    items = items.concat(page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

const when = (f) => (f.period && (f.period.end || f.period.begin)) || f.published;
const day = (t) => new Date(t).toISOString().slice(0, 10);
const number = (v) => Number(v).toLocaleString("en");
// One colour per claimant: hues a golden angle apart, so 30 claimants get 30 colours.
const claimantColor = (i) => `hsl(${Math.round((i * 137.508) % 360)}, 70%, ${i % 2 ? 32 : 42}%)`;

function mostCommon(values) {
  const counts = new Map();
  for (const v of values) if (v) counts.set(v, (counts.get(v) || 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] || "";
}

// The loaded reference series of the chosen category and side over the figures' dates: only
// when one side is chosen (a series of Russian tanks is not drawn beside claims about Ukrainian ones).
async function referenceLines(category, side, since, until) {
  if (!category || !side || !since || !until) return [];
  const points = await allPages("/api/reference", { category, side, since, until, limit: 5000 });
  const lines = new Map();
  for (const p of points) {
    if (p.side && p.side !== side) continue;
    const key = `${p.series}\u0000${p.category}`;
    if (!lines.has(key)) lines.set(key, { series: p.series, claimant: p.claimant, category: p.category, side: p.side, cumulative: p.cumulative, points: [] });
    lines.get(key).points.push(p);
  }
  return [...lines.values()];
}

let figureCache = { key: null, items: [] };

async function figuresOf(filters) {
  const key = queryString(filters);
  if (figureCache.key !== key) figureCache = { key, items: await allPages("/api/figures", { ...filters, limit: 5000 }) };
  return figureCache.items;
}

function figureChoice(items, params) {
  const valued = items.filter((f) => f.value !== null);
  // "all" in the URL is the reader's choice of every category or side; no parameter, the default.
  const pick = (value) => (value === "all" ? "" : value);
  const category = params.fcat ? pick(params.fcat) : mostCommon(valued.map((f) => f.category));
  const side = params.fside ? pick(params.fside) : mostCommon(valued.filter((f) => f.category === category).map((f) => f.side));
  return { category, side };
}

function chartFigures(dated, lines, category, side) {
  const box = $("#fig-chart");
  box.replaceChildren();
  const [width, height] = [900, 300];
  box.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const claimants = [...new Set(dated.map((f) => f.claimant || "?"))].sort();
  const legend = $("#fig-legend");
  legend.replaceChildren(...claimants.map((c, i) => el("span", { class: "swatch", style: `border-color:${claimantColor(i)}` }, c)));
  if (!category) {
    box.append(svg("text", { x: 20, y: 150, class: "empty" }, "Choose one category to chart: figures of different categories are in different units."));
    return;
  }
  if (!dated.length && !lines.length) {
    box.append(svg("text", { x: 20, y: 150, class: "empty" }, "no dated figures of this category and side in this selection"));
    return;
  }
  const ts = dated.map((f) => Date.parse(when(f)));
  const refValues = lines.flatMap((l) => l.points.map((p) => p.value));
  const allTimes = ts.concat(lines.flatMap((l) => l.points.map((p) => Date.parse(p.day))));
  const [t0, t1] = [Math.min(...allTimes), Math.max(...allTimes)];
  const vmax = Math.max(...dated.map((f) => f.value), 1);
  const [rmin, rmax] = refValues.length ? [Math.min(...refValues), Math.max(...refValues)] : [0, 0];
  // One axis when the reference is of the figures' size; else its own axis on the right, from
  // its lowest to its highest value in the window, labelled as such.
  const shared = !dated.length ? false : refValues.length > 0 && rmax <= vmax * 10 && rmax >= vmax / 10;
  const top = shared ? Math.max(vmax, rmax) : vmax;
  const x = (t) => 70 + ((t - t0) / Math.max(t1 - t0, DAY)) * (width - 150);
  const y = (v) => height - 30 - (v / top) * (height - 50);
  const yRef = shared ? y : (v) => height - 30 - ((v - rmin) / Math.max(rmax - rmin, 1)) * (height - 50);
  box.append(svg("line", { x1: 70, y1: height - 30, x2: width - 80, y2: height - 30, class: "axis" }));
  box.append(svg("line", { x1: 70, y1: 20, x2: 70, y2: height - 30, class: "axis" }));
  if (dated.length) {
    box.append(svg("text", { x: 65, y: 24, "text-anchor": "end" }, number(top)));
    box.append(svg("text", { x: 65, y: height - 30, "text-anchor": "end" }, "0"));
    box.append(svg("text", { x: 4, y: 12, class: "axis-label" }, `${category}${side ? " · " + side : ""}`));
  }
  box.append(svg("text", { x: 70, y: height - 10 }, day(t0)));
  box.append(svg("text", { x: width - 80, y: height - 10, "text-anchor": "end" }, day(t1)));
  if (lines.length && !shared) {
    box.append(svg("line", { x1: width - 80, y1: 20, x2: width - 80, y2: height - 30, class: "axis reference-axis" }));
    box.append(svg("text", { x: width - 75, y: 24 }, number(rmax)));
    box.append(svg("text", { x: width - 75, y: height - 30 }, number(rmin)));
    box.append(svg("text", { x: width - 75, y: height / 2, class: "reference-label" }, "reference"));
  }
  for (const line of lines) {
    const steps = [];
    line.points.forEach((p, i) => {
      if (i > 0) steps.push(`${x(Date.parse(p.day))},${yRef(line.points[i - 1].value)}`);
      steps.push(`${x(Date.parse(p.day))},${yRef(p.value)}`);
    });
    const path = svg("polyline", { points: steps.join(" "), class: "reference", "data-series": line.series,
      "data-category": line.category, "data-values": String(line.points.length) });
    path.append(svg("title", {}, `${line.claimant} (reference${shared ? "" : ", right axis"}): ${line.category} ${line.side || ""}`));
    box.append(path);
    legend.append(el("span", { class: "swatch reference" }, `${line.claimant}: ${line.category} (reference${shared ? "" : ", right axis"})`));
  }
  claimants.forEach((c, i) => {
    const mine = dated.filter((f) => (f.claimant || "?") === c).sort((a, b) => Date.parse(when(a)) - Date.parse(when(b)));
    const color = claimantColor(i);
    if (mine.length > 1) {
      box.append(svg("polyline", { points: mine.map((f) => `${x(Date.parse(when(f)))},${y(f.value)}`).join(" "),
        fill: "none", stroke: color, "stroke-width": 1.5 }));
    }
    for (const f of mine) {
      const disagree = f.group && f.group.disagree;
      const link = svg("a", { href: articleHref(f.article_id, [f.start, f.end]) });
      const dot = svg("circle", { cx: x(Date.parse(when(f))), cy: y(f.value), r: disagree ? 6 : 4, fill: color,
        class: disagree ? "figure disagree" : "figure", "data-group": f.group ? String(f.group.group) : "" });
      dot.append(svg("title", {}, `${c}: ${f.text} (${f.category || "?"} ${f.side || ""}, ${when(f)})` +
        (disagree ? ` — its sources disagree (×${f.group.spread})` : "")));
      link.append(dot);
      box.append(link);
    }
  });
}

function referenceNote(lines, category, side) {
  const note = $("#reference-series");
  if (lines.length) {
    note.className = "reference-note";
    note.replaceChildren(...lines.map((l) => {
      const [first, last] = [l.points[0], l.points[l.points.length - 1]];
      return el("div", { class: "reference-line" }, `Reference: ${l.claimant} (series “${l.series}”${l.cumulative ? ", running total" : ""}): ` +
        `${l.category} ${l.side || ""}, ${number(first.value)} on ${first.day} to ${number(last.value)} on ${last.day}.`);
    }));
  } else {
    note.className = "reference-note empty";
    note.textContent = !category ? "Choose a category to draw the reference series beside the figures."
      : !side ? "Choose a side to draw the reference series: a series counts one side's losses."
        : "No loaded reference series tracks this category for this side over these dates (fogofwar reference load FILE).";
  }
}

function figureTables(items) {
  const groups = new Map();
  for (const f of items) if (f.group) {
    if (!groups.has(f.group.group)) groups.set(f.group.group, { ...f.group, figures: [] });
    groups.get(f.group.group).figures.push(f);
  }
  $("#fig-groups").replaceChildren(...[...groups.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([n, g]) => el("li",
    { class: g.disagree ? "disagree" : "agree", "data-group": String(n) },
    el("strong", {}, g.disagree ? `disagree (×${g.spread}) ` : `agree (×${g.spread}) `),
    `${g.figures[0].category || "?"} ${g.figures[0].side || ""}: `,
    ...g.figures.flatMap((f, i) => [i ? " · " : "", el("a", { href: articleHref(f.article_id, [f.start, f.end]) }, `${f.claimant || "?"} ${number(f.value ?? f.high)}`)]),
    g.reference ? ` · reference ${g.reference}` : "")));
  if (!groups.size) $("#fig-groups").append(el("li", { class: "empty" }, "no figure groups in this selection"));
  $("#fig-table tbody").replaceChildren(...items.map((f) => el("tr", { class: f.group && f.group.disagree ? "disagree" : null },
    el("td", {}, f.published || ""), el("td", {}, f.claimant || ""), el("td", {}, f.category || ""),
    el("td", {}, f.side || ""), el("td", {}, f.value ?? ""), el("td", {}, range(f.period)),
    el("td", {}, f.group ? (f.group.disagree ? `disagrees (×${f.group.spread})` : "agrees") : ""),
    el("td", {}, articleLink({ id: f.article_id }, [f.start, f.end], f.text)))));
}

async function showFigures(params) {
  const filters = filterValues();
  const all = await figuresOf(filters);
  const { category, side } = figureChoice(all, params);
  $("#fig-category").value = category;
  $("#fig-side").value = side;
  // The category itself, not its sub-categories: "territory" in km² and "territory.settlement"
  // in settlements are not one unit, and a chart has one unit per axis.
  const inCategory = (f) => !category || f.category === category;
  const items = all.filter((f) => inCategory(f) && (!side || f.side === side));
  const figs = items.filter((f) => f.value !== null);
  const dated = figs.filter(when);
  const ts = dated.map((f) => Date.parse(when(f)));
  const since = filters.since || (ts.length ? day(Math.min(...ts)) : null);
  const until = filters.until || (ts.length ? day(Math.max(...ts)) : null);
  const lines = await referenceLines(category, side, since, until);
  const box = $("#fig-chart");
  box.dataset.points = String(category ? figs.length : 0);
  box.dataset.reference = String(lines.length);
  const claimants = new Set(dated.map((f) => f.claimant || "?"));
  $("#fig-scope").textContent = category
    ? `Showing ${category} (${side ? "side " + side : "all sides"}): ${figs.length} figures from ${claimants.size} claimants` +
      (ts.length ? `, ${day(Math.min(...ts))} to ${day(Math.max(...ts))}` : "") + ". A figure is drawn on its period's end, else on its article's date."
    : `All categories: ${items.length} figures in the table; choose a category to chart them.`;
  chartFigures(category ? dated : [], lines, category, side);
  referenceNote(lines, category, side);
  figureTables(items);
}

function figureChoiceChanged(sideToo) {
  const { params } = currentRoute();
  // A new category starts at its most common side; a chosen side stays in the URL.
  const fside = sideToo ? $("#fig-side").value || "all" : "";
  go(hashOf("figures", "", { ...params, fcat: $("#fig-category").value || "all", fside }));
}

// ---- forecast ledger ------------------------------------------------------------------------

const STATUS = { open: "open", due: "due", came_true: "came true", did_not: "did not", unclear: "unclear" };

async function showForecasts() {
  const ledger = await api("/api/forecasts", filterValues());
  $("#fc-table tbody").replaceChildren(...ledger.items.map((f) => el("tr", { class: `status-${f.status}`, "data-status": f.status },
    el("td", {}, STATUS[f.status] || f.status), el("td", {}, range(f.forecast)), el("td", {}, f.speaker || f.outlet || ""),
    el("td", {}, el("a", { href: articleHref(f.article_id, [f.start, f.end]) }, f.text)),
    el("td", {}, articleLink({ id: f.article_id, title: f.title })),
    el("td", { class: "settled-by" }, ...f.resolved_by.map((a) => el("div", {}, articleLink(a),
      el("span", { class: "meta" }, ` ${[a.outlet, a.published].filter(Boolean).join(" · ")}`)))))));
  if (!ledger.items.length) {
    $("#fc-table tbody").append(el("tr", {}, el("td", { colSpan: 6, class: "empty" }, "no forecasts in this selection")));
  }
}

// ---- sources' track record -----------------------------------------------------------------

const SOURCE_COLUMNS = {
  kind: "Outlet or speaker",
  name: "Name",
  forecasts: "Forecasts",
  came_true: "Came true",
  did_not: "Did not",
  due: "Due",
  open: "Open",
  unclear: "Unclear",
  figures: "Figures",
  peer_median_ratio: "Figures vs other sources (median ratio)",
  peer_within_10pct: "Share within 10% of other sources",
  reference_median_ratio: "Figures vs reference series (median ratio)",
  reference_within_10pct: "Share within 10% of the reference",
};

async function showSources() {
  const rows = await api("/api/sources");
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v) => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : v);
  const table = $("#src-table");
  table.tHead.replaceChildren(el("tr", {}, ...columns.map((c) => el("th", { title: c }, SOURCE_COLUMNS[c] || c.replace(/_/g, " ")))));
  sortable(table);
  table.tBodies[0].replaceChildren(...rows.map((r) => el("tr", {}, ...columns.map((c) => el("td", {}, cell(r[c]))))));
  if (!rows.length) {
    table.tBodies[0].append(el("tr", {}, el("td", { class: "empty" }, "no linked sources in the store yet")));
  }
}

// ---- routing --------------------------------------------------------------------------------

function showError(error) {
  document.body.dataset.state = "error";
  const box = $("#error") || document.body.appendChild(el("div", { id: "error", role: "alert" }));
  box.textContent = String(error.message || error);
}

const VIEWS = ["article", "stories", "story", "contradictions", "figures", "forecasts", "sources"];
const NAV = { story: "stories", article: null };

async function route() {
  const { view, arg, params } = currentRoute();
  const name = VIEWS.includes(view) ? view : "map";
  document.body.dataset.state = "loading";
  const stale = $("#error");
  if (stale) stale.remove(); // an error belongs to the view that had it, not to the next one
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== `view-${name}`;
  const navName = name in NAV ? NAV[name] : name;
  for (const link of document.querySelectorAll("nav a[data-view]")) {
    const active = link.dataset.view === navName;
    link.classList.toggle("active", active);
    if (active) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
  }
  $("#filters").hidden = ["article", "sources", "story", "stories", "contradictions"].includes(name);
  setFilters(params);
  updateExports(filterValues());
  try {
    if (name === "map") await showMap(params);
    else if (name === "article") await showArticle(arg, params);
    else if (name === "stories") await showStories(params);
    else if (name === "story") await showStory(arg);
    else if (name === "contradictions") await showContradictions(params);
    else if (name === "figures") await showFigures(params);
    else if (name === "forecasts") await showForecasts();
    else await showSources();
    document.body.dataset.state = "ready";
    // When the first view was drawn (bench/load.py --pages reads it: the first meaningful paint).
    if (!window.fogofwar.firstReady) window.fogofwar.firstReady = performance.now();
  } catch (error) { showError(error); }
}

async function main() {
  await Promise.all([initMap(), loadFacets()]);
  for (const table of document.querySelectorAll("table.sortable")) sortable(table);
  $("#filters").addEventListener("change", filtersChanged);
  $("#f-q").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); filtersChanged(); } });
  $("#f-clear").addEventListener("click", () => { $("#filters").reset(); filtersChanged(); });
  $("#more").addEventListener("click", () => loadList(filterValues(), true).catch(showError));
  $("#fig-category").addEventListener("change", () => figureChoiceChanged(false));
  $("#fig-side").addEventListener("change", () => figureChoiceChanged(true));
  $("#show-places").addEventListener("change", () => {
    const { params } = currentRoute();
    go(hashOf("", "", { ...params, places: $("#show-places").checked ? "1" : "" }));
  });
  window.addEventListener("hashchange", route);
  await route();
}

// For the browser tests and the curious: what the map draws now.
window.fogofwar = {
  eventCount: () => (events ? events.getLayers().length : 0),
  placeCount: () => (places ? places.getLayers().length : 0),
  eventMarkers: () => (events ? events.getLayers() : []),
  markerCount: () => (events ? events.getLayers().length : 0) + (places ? places.getLayers().length : 0),
  // markercluster's zoomToShowLayer never calls back when it is asked while the first view is
  // still moving into place: ask again once that move is over.
  openEvent: (n) => {
    const m = events.getLayers()[n];
    const open = () => { if (!m.isPopupOpen()) m.openPopup(); };
    events.zoomToShowLayer(m, open);
    setTimeout(() => { if (!m.isPopupOpen()) events.zoomToShowLayer(m, open); }, 1500);
  },
};
main().catch(showError);
