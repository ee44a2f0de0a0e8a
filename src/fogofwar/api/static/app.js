// fogofwar web UI: plain JavaScript over the JSON API, no build step.
// Every value from the store goes into the page as text (textContent), never as HTML.
"use strict";

const PARTS = ["claims", "events", "places", "times", "figures", "entities"];
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];
const $ = (sel) => document.querySelector(sel);
const SVG = "http://www.w3.org/2000/svg";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("data-")) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
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

async function api(path, params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v) query.set(k, v);
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url);
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(`${response.status}: ${JSON.stringify(body.detail || body)}`);
  }
  return response.json();
}

function articleLink(id, label) {
  return el("a", { href: `#/article/${encodeURIComponent(id)}` }, label || id);
}

// ---- filters: one selection shared by the map, the timeline and the list -------------------

function filterValues() {
  const form = new FormData($("#filters"));
  return Object.fromEntries([...form.entries()].filter(([, v]) => v));
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

// ---- map ----------------------------------------------------------------------------------

let map = null;
let cluster = null;

async function initMap() {
  const config = await api("/api/config");
  map = L.map("map", { worldCopyJump: true, maxZoom: config.max_zoom }).setView([49, 32], 4);
  if (config.tiles) {
    L.tileLayer(config.tiles, { maxZoom: config.max_zoom, attribution: config.attribution }).addTo(map);
  }
  cluster = L.markerClusterGroup({ maxClusterRadius: 40 });
  map.addLayer(cluster);
}

async function loadMap(filters) {
  const collection = await api("/api/places.geojson", filters);
  cluster.clearLayers();
  const markers = [];
  for (const feature of collection.features) {
    const [lon, lat] = feature.geometry.coordinates;
    const p = feature.properties;
    const popup = el(
      "div",
      { class: "popup" },
      el("strong", {}, p.name || p.text),
      el("div", { class: "meta" }, [p.outlet, p.published].filter(Boolean).join(" · ")),
      articleLink(p.article_id, p.title || p.article_id),
      p.event_types ? el("div", {}, `events: ${p.event_types}`) : null,
    );
    markers.push(L.marker([lat, lon], { title: p.name || p.text }).bindPopup(popup));
  }
  cluster.addLayers(markers);
  $("#map").dataset.markers = String(markers.length);
  if (markers.length) map.fitBounds(cluster.getBounds(), { maxZoom: 6, padding: [20, 20] });
}

// ---- article list (keyset pages) ------------------------------------------------------------

let nextCursor = null;

function articleItem(a) {
  return el(
    "li",
    {},
    articleLink(a.id, a.title || a.id),
    el("div", { class: "meta" }, [a.outlet, a.published, a.cites.length ? `cites ${a.cites.join(", ")}` : ""]
      .filter(Boolean).join(" · ")),
  );
}

async function loadList(filters, more) {
  const page = await api("/api/articles", { ...filters, limit: 50, cursor: more ? nextCursor : null });
  if (!more) $("#article-list").replaceChildren();
  $("#article-list").append(...page.items.map(articleItem));
  nextCursor = page.next_cursor;
  $("#more").hidden = !nextCursor;
}

// ---- timeline -------------------------------------------------------------------------------

async function loadTimeline(filters) {
  const days = await api("/api/timeline", filters);
  const box = $("#timeline");
  box.replaceChildren();
  const width = box.clientWidth || 900;
  const height = 120;
  box.setAttribute("viewBox", `0 0 ${width} ${height}`);
  box.dataset.days = String(days.length);
  const total = days.reduce((n, d) => n + d.articles, 0);
  $("#article-count").textContent = String(total);
  if (!days.length) {
    box.append(svg("text", { x: 10, y: 60, class: "empty" }, "no dated articles in this selection"));
    return;
  }
  const t = (d) => Date.parse(d);
  const first = t(days[0].day);
  const last = t(days[days.length - 1].day);
  const span = Math.max(last - first, 86400000);
  const max = Math.max(...days.map((d) => Math.max(d.articles, d.events)), 1);
  const bar = Math.max(2, Math.min(24, (width - 40) / Math.max(days.length, (span / 86400000) + 1)));
  const x = (day) => 20 + ((t(day) - first) / span) * (width - 40 - bar);
  const y = (n) => height - 20 - (n / max) * (height - 30);
  for (const d of days) {
    const g = svg("g", { class: "day", "data-day": d.day });
    g.append(svg("title", {}, `${d.day}: ${d.articles} articles, ${d.events} events`));
    g.append(svg("rect", { x: x(d.day), y: y(d.articles), width: bar, height: height - 20 - y(d.articles) }));
    if (d.events) g.append(svg("circle", { cx: x(d.day) + bar / 2, cy: y(d.events), r: 3, class: "event" }));
    g.addEventListener("click", () => {
      $("#f-since").value = d.day;
      $("#f-until").value = d.day;
      refresh();
    });
    box.append(g);
  }
  box.append(svg("text", { x: 20, y: height - 4 }, days[0].day));
  box.append(svg("text", { x: width - 20, y: height - 4, "text-anchor": "end" }, days[days.length - 1].day));
}

let refreshing = Promise.resolve();

function refresh() {
  const filters = filterValues();
  document.body.dataset.state = "loading";
  refreshing = Promise.all([loadMap(filters), loadTimeline(filters), loadList(filters, false)])
    .then(() => { document.body.dataset.state = "ready"; })
    .catch(showError);
  return refreshing;
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
      title: covering.map((s) => `${s.label} #${s.i}`).join(", "),
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

function partList(title, items, render) {
  if (!items || !items.length) return null;
  return el("section", { class: "part" }, el("h3", {}, `${title} (${items.length})`),
    el("ol", {}, ...items.map((item, i) => el("li", {}, render(item, i)))));
}

async function showArticle(id) {
  document.body.dataset.state = "loading";
  const record = await api(`/api/articles/${encodeURIComponent(id)}`);
  const a = record.article;
  $("#a-title").textContent = a.title || a.id;
  $("#a-meta").replaceChildren([a.outlet, a.published, a.cites.length ? `cites ${a.cites.join(", ")}` : "", a.id]
    .filter(Boolean).join(" · "));
  const spans = spansOf(record);
  $("#a-legend").replaceChildren(...PARTS.map((p) => el("mark", { class: `hl hl-${p}` }, `${p} ${(record[p] || []).length}`)));
  $("#a-text").replaceChildren(highlighted(a.text, spans));
  const claimant = (figure) => {
    const claim = record.claims.find((c) => c.id === figure.claim);
    return claim && claim.speaker ? claim.speaker.name || claim.speaker.kind : a.outlet;
  };
  $("#a-parts").replaceChildren(...[
    partList("Claims", record.claims, (c) => el("div", { class: "claim" },
      chain(record, c),
      el("q", {}, c.text),
      c.cue ? el("div", { class: "meta" }, `cue: ${c.cue}`) : null,
      c.hedges && c.hedges.length ? el("div", { class: "hedges" }, `hedges: ${c.hedges.join(", ")}`) : null,
      c.forecast ? el("div", { class: "forecast" }, `forecast window: ${range(c.forecast)}`) : null,
      (() => {
        const figs = record.figures.filter((f) => f.claim === c.id);
        return figs.length ? el("div", { class: "meta" }, `figures: ${figs.map((f) => f.text).join("; ")}`) : null;
      })(),
    )),
    partList("Figures", record.figures, (f) => el("div", {},
      el("strong", {}, f.text), ` = ${f.value ?? "?"}`, f.qualifier !== "exact" ? ` (${f.qualifier})` : "",
      el("div", { class: "meta" }, [f.category, f.side, range(f.period), `claimant: ${claimant(f) || "?"}`]
        .filter(Boolean).join(" · ")))),
    partList("Events", record.events, (e) => el("div", {},
      el("strong", {}, [e.type, e.subtype].filter(Boolean).join(" / ") || "event"),
      el("div", { class: "meta" }, [range(e.date), e.actor1, e.actor2,
        e.place !== null && record.places[e.place] ? `at ${record.places[e.place].name || record.places[e.place].text}` : "",
        e.fatalities !== null ? `${e.fatalities} killed` : ""].filter(Boolean).join(" · ")))),
    partList("Places", record.places, (p) => el("div", {}, p.name || p.text,
      el("span", { class: "meta" }, ` ${[p.kind, p.country_code, p.lat !== null ? `${p.lat}, ${p.lon}` : "no coordinates"].filter(Boolean).join(" · ")}`))),
    partList("Times", record.times, (t) => el("div", {}, t.text,
      el("span", { class: "meta" }, ` ${[t.kind, t.value, range(t.range)].filter(Boolean).join(" · ")}`))),
    partList("People, organisations, groups", record.entities, (e) => el("div", {}, e.text, el("span", { class: "meta" }, ` ${e.label}`))),
  ].filter(Boolean));
  window.scrollTo(0, 0);
  document.body.dataset.state = "ready";
}

// ---- figure line-up -------------------------------------------------------------------------

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

// The loaded reference series of the chosen category and side over the figures' dates, one line
// per series and category. Without a category there is nothing to line figures up against.
async function referenceLines(category, side, since, until) {
  if (!category || !since || !until) return [];
  const points = await allPages("/api/reference", { category, side, since, until, limit: 5000 });
  const lines = new Map();
  for (const p of points) {
    const key = `${p.series}\u0000${p.category}`;
    if (!lines.has(key)) lines.set(key, { series: p.series, claimant: p.claimant, category: p.category, side: p.side, cumulative: p.cumulative, points: [] });
    lines.get(key).points.push(p);
  }
  return [...lines.values()];
}

async function showFigures() {
  document.body.dataset.state = "loading";
  const filters = filterValues();
  const category = $("#fig-category").value || filters.category || "";
  const side = $("#fig-side").value;
  const items = await allPages("/api/figures", { ...filters, category, side, limit: 5000 });
  const figs = items.filter((f) => f.value !== null);
  const dated = figs.filter(when);
  const ts = dated.map((f) => Date.parse(when(f)));
  const since = filters.since || (ts.length ? day(Math.min(...ts)) : null);
  const until = filters.until || (ts.length ? day(Math.max(...ts)) : null);
  const lines = await referenceLines(category, side, since, until);

  const box = $("#fig-chart");
  box.replaceChildren();
  const [width, height] = [900, 300];
  box.setAttribute("viewBox", `0 0 ${width} ${height}`);
  box.dataset.points = String(figs.length);
  box.dataset.reference = String(lines.length);
  const claimants = [...new Set(dated.map((f) => f.claimant || "?"))];
  const legend = $("#fig-legend");
  legend.replaceChildren(...claimants.map((c, i) => el("span", { class: "swatch", style: `border-color:${COLORS[i % COLORS.length]}` }, c)));
  if (!dated.length && !lines.length) {
    box.append(svg("text", { x: 20, y: 150, class: "empty" }, "no dated figures in this selection"));
  } else {
    const refValues = lines.flatMap((l) => l.points.map((p) => p.value));
    const allTimes = ts.concat(lines.flatMap((l) => l.points.map((p) => Date.parse(p.day))));
    const [t0, t1] = [Math.min(...allTimes), Math.max(...allTimes)];
    const vmax = Math.max(...dated.map((f) => f.value), 1);
    const [rmin, rmax] = refValues.length ? [Math.min(...refValues), Math.max(...refValues)] : [0, 0];
    // One axis when the reference is of the figures' size; else its own axis on the right, from
    // its lowest to its highest value in the window (a running total of the whole war next to
    // the figures of one battle would otherwise flatten one or the other), labelled as such.
    const shared = !dated.length ? false : refValues.length > 0 && rmax <= vmax * 10 && rmax >= vmax / 10;
    const top = shared ? Math.max(vmax, rmax) : vmax;
    const x = (t) => 70 + ((t - t0) / Math.max(t1 - t0, 86400000)) * (width - 150);
    const y = (v) => height - 30 - (v / top) * (height - 50);
    const yRef = shared ? y : (v) => height - 30 - ((v - rmin) / Math.max(rmax - rmin, 1)) * (height - 50);
    box.append(svg("line", { x1: 70, y1: height - 30, x2: width - 80, y2: height - 30, class: "axis" }));
    if (dated.length) box.append(svg("text", { x: 65, y: 20, "text-anchor": "end" }, number(top)));
    box.append(svg("text", { x: 70, y: height - 10 }, day(t0)));
    box.append(svg("text", { x: width - 80, y: height - 10, "text-anchor": "end" }, day(t1)));
    if (lines.length && !shared) {
      box.append(svg("line", { x1: width - 80, y1: 20, x2: width - 80, y2: height - 30, class: "axis reference-axis" }));
      box.append(svg("text", { x: width - 75, y: 24 }, number(rmax)));
      box.append(svg("text", { x: width - 75, y: height - 30 }, number(rmin)));
      box.append(svg("text", { x: width - 75, y: height / 2, class: "reference-label" }, "reference"));
    }
    for (const line of lines) {
      // A step line: the value holds until the next change.
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
      const color = COLORS[i % COLORS.length];
      if (mine.length > 1) {
        box.append(svg("polyline", { points: mine.map((f) => `${x(Date.parse(when(f)))},${y(f.value)}`).join(" "),
          fill: "none", stroke: color, "stroke-width": 1.5 }));
      }
      for (const f of mine) {
        const disagree = f.group && f.group.disagree;
        const dot = svg("circle", { cx: x(Date.parse(when(f))), cy: y(f.value), r: disagree ? 6 : 4, fill: color,
          class: disagree ? "figure disagree" : "figure", "data-group": f.group ? String(f.group.group) : "" });
        dot.append(svg("title", {}, `${c}: ${f.text} (${f.category || "?"} ${f.side || ""}, ${when(f)})` +
          (disagree ? ` — its sources disagree (×${f.group.spread})` : "")));
        box.append(dot);
      }
    });
  }
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
    note.textContent = category
      ? "No loaded reference series tracks this category for this side over these dates (fogofwar reference load FILE)."
      : "Choose a category to draw the reference series beside the figures.";
  }
  // The figure groups of the selection: the same quantity given by several sources.
  const groups = new Map();
  for (const f of items) if (f.group) {
    if (!groups.has(f.group.group)) groups.set(f.group.group, { ...f.group, figures: [] });
    groups.get(f.group.group).figures.push(f);
  }
  $("#fig-groups").replaceChildren(...[...groups.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([n, g]) => el("li",
    { class: g.disagree ? "disagree" : "agree", "data-group": String(n) },
    el("strong", {}, g.disagree ? `disagree (×${g.spread}) ` : `agree (×${g.spread}) `),
    `${g.figures[0].category || "?"} ${g.figures[0].side || ""}: `,
    g.figures.map((f) => `${f.claimant || "?"} ${number(f.value ?? f.high)}`).join(" · "),
    g.reference ? ` · reference ${g.reference}` : "")));
  if (!groups.size) $("#fig-groups").append(el("li", { class: "empty" }, "no figure groups in this selection"));
  $("#fig-table tbody").replaceChildren(...items.map((f) => el("tr", { class: f.group && f.group.disagree ? "disagree" : null },
    el("td", {}, f.published || ""), el("td", {}, f.claimant || ""), el("td", {}, f.category || ""),
    el("td", {}, f.side || ""), el("td", {}, f.value ?? ""), el("td", {}, range(f.period)),
    el("td", {}, f.group ? (f.group.disagree ? `disagrees (×${f.group.spread})` : "agrees") : ""),
    el("td", {}, articleLink(f.article_id, f.text)))));
  document.body.dataset.state = "ready";
}

// ---- forecast ledger ------------------------------------------------------------------------

const STATUS = { open: "open", due: "due", came_true: "came true", did_not: "did not", unclear: "unclear" };

async function showForecasts() {
  document.body.dataset.state = "loading";
  const ledger = await api("/api/forecasts", filterValues());
  $("#fc-table tbody").replaceChildren(...ledger.items.map((f) => el("tr", { class: `status-${f.status}`, "data-status": f.status },
    el("td", {}, STATUS[f.status] || f.status), el("td", {}, range(f.forecast)), el("td", {}, f.speaker || f.outlet || ""),
    el("td", {}, f.text), el("td", {}, articleLink(f.article_id, f.title || f.article_id)),
    el("td", { class: "settled-by" }, ...f.resolved_by.map((a) => el("div", {}, articleLink(a.id, a.title || a.id),
      el("span", { class: "meta" }, ` ${[a.outlet, a.published].filter(Boolean).join(" · ")}`)))))));
  if (!ledger.items.length) {
    $("#fc-table tbody").append(el("tr", {}, el("td", { colSpan: 6, class: "empty" }, "no forecasts in this selection")));
  }
  document.body.dataset.state = "ready";
}

// ---- sources' track record -----------------------------------------------------------------

async function showSources() {
  document.body.dataset.state = "loading";
  const rows = await api("/api/sources");
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v) => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : v);
  $("#src-table thead").replaceChildren(el("tr", {}, ...columns.map((c) => el("th", {}, c))));
  $("#src-table tbody").replaceChildren(...rows.map((r) => el("tr", {}, ...columns.map((c) => el("td", {}, cell(r[c]))))));
  if (!rows.length) {
    $("#src-table tbody").append(el("tr", {}, el("td", { class: "empty" }, "no linked sources in the store yet")));
  }
  document.body.dataset.state = "ready";
}

// ---- routing --------------------------------------------------------------------------------

function showError(error) {
  document.body.dataset.state = "error";
  const box = $("#error") || document.body.appendChild(el("div", { id: "error" }));
  box.textContent = String(error.message || error);
}

async function route() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [view, ...rest] = hash.split("/");
  const name = ["article", "figures", "forecasts", "sources"].includes(view) ? view : "map";
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== `view-${name}`;
  for (const link of document.querySelectorAll("nav a[data-view]")) link.classList.toggle("active", link.dataset.view === name);
  $("#filters").hidden = name === "article" || name === "sources";
  try {
    if (name === "map") { map.invalidateSize(); await refresh(); }
    else if (name === "article") await showArticle(decodeURIComponent(rest.join("/")));
    else if (name === "figures") await showFigures();
    else if (name === "forecasts") await showForecasts();
    else await showSources();
  } catch (error) { showError(error); }
}

async function main() {
  await Promise.all([initMap(), loadFacets()]);
  $("#filters").addEventListener("change", () => (location.hash.startsWith("#/f") ? route() : refresh()));
  $("#f-q").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); refresh(); } });
  $("#f-clear").addEventListener("click", () => { $("#filters").reset(); route(); });
  $("#more").addEventListener("click", () => loadList(filterValues(), true).catch(showError));
  $("#fig-category").addEventListener("change", () => showFigures().catch(showError));
  $("#fig-side").addEventListener("change", () => showFigures().catch(showError));
  window.addEventListener("hashchange", route);
  await route();
}

// For the browser tests and the curious: the number of markers on the map now.
window.fogofwar = { markerCount: () => (cluster ? cluster.getLayers().length : 0) };
main().catch(showError);
