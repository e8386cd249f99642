#pragma once
// The review page of `fuselabel check` (review_page.h): style and script around the report,
// which sits in a <script type="application/json" id="report"> element between the two halves.
// The page builds itself from that JSON with DOM calls only (no innerHTML of report text), keeps
// its filters in the address's #fragment (check=, track=, sensor=, severity=) so a filtered view
// can be shared as a link, and marks <body data-ready="1"> once built (data-errors counts script
// errors): the headless-browser test reads both.
namespace fuselabel {

inline constexpr char kReviewPageHead[] = R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fuselabel check: review</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2330; }
header { background: #1d2330; color: #fff; padding: 12px 20px; }
header h1 { font-size: 18px; margin: 0 0 4px; }
header .run { font-size: 12px; color: #c7ccd6; }
main { padding: 12px 20px; }
.summary span { display: inline-block; margin-right: 14px; font-weight: 600; }
.error { color: #b3261e; } .warning { color: #a15c00; } .info { color: #1f5fa8; }
details { margin: 8px 0; }
table { border-collapse: collapse; background: #fff; }
th, td { padding: 3px 10px; border-bottom: 1px solid #e3e5ea; text-align: left; font-size: 13px; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.filters { position: sticky; top: 0; background: #f4f5f7; padding: 8px 0; z-index: 1;
           display: flex; gap: 12px; align-items: center; flex-wrap: wrap; border-bottom: 1px solid #d8dbe2; }
.filters label { font-size: 13px; }
.flag { background: #fff; border-left: 5px solid #999; margin: 8px 0; padding: 8px 12px; border-radius: 3px; }
.flag.sev-error { border-color: #b3261e; } .flag.sev-warning { border-color: #e0a020; } .flag.sev-info { border-color: #6b9bd6; }
.flag .title { font-weight: 600; }
.flag .where { font-size: 12px; color: #4a5263; margin: 2px 0; }
.flag .metrics { font: 12px monospace; color: #4a5263; }
.flag .id { font: 11px monospace; color: #8a92a3; user-select: all; }
.flag .evidence img { max-height: 260px; margin: 6px 8px 0 0; border: 1px solid #d8dbe2; background: #222; }
.empty { color: #4a5263; font-style: italic; }
</style>
</head>
<body>
<header><h1>fuselabel check: review</h1><div class="run" id="run"></div></header>
<main>
<div class="summary" id="summary"></div>
<details><summary>Checks</summary><table id="checks"></table></details>
<div class="filters">
<label>Severity <select id="f-severity"><option value="">all</option><option>error</option><option>warning</option><option>info</option></select></label>
<label>Check <select id="f-check"><option value="">all</option></select></label>
<label>Track <input id="f-track" list="tracks" size="10" placeholder="any"><datalist id="tracks"></datalist></label>
<label>Sensor <select id="f-sensor"><option value="">all</option></select></label>
<span id="shown"></span>
</div>
<div id="flags"></div>
<details id="waived-box"><summary id="waived-title"></summary><table id="waived"></table></details>
</main>
)HTML";

inline constexpr char kReviewPageTail[] = R"HTML(
<script>
"use strict";
document.body.dataset.errors = "0";
window.addEventListener("error", () => { document.body.dataset.errors = String(Number(document.body.dataset.errors) + 1); });
const report = JSON.parse(document.getElementById("report").textContent);
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}
function row(cells, header) {
  return el("tr", {}, ...cells.map(c => el(header ? "th" : "td", typeof c === "number" ? {class: "n"} : {}, String(c))));
}
function fillSelect(id, values) {
  const s = document.getElementById(id);
  for (const v of [...new Set(values)].filter(v => v !== "").sort()) s.append(el("option", {}, v));
}
const flags = report.flags;
document.getElementById("run").textContent =
  `drive ${report.drive.path} (${report.drive.format}, ${report.drive.frames} frames) · labels ${report.labels.source}` +
  ` · profile ${report.profile} · taxonomy ${report.taxonomy_checked || "none"} · motion in ${report.motion_frame}`;
const sum = report.summary;
document.getElementById("summary").append(
  el("span", {class: "error"}, `${sum.errors} errors`), el("span", {class: "warning"}, `${sum.warnings} warnings`),
  el("span", {class: "info"}, `${sum.infos} info`), el("span", {}, `${sum.waived} waived`));
const checks = document.getElementById("checks");
checks.append(row(["check", "errors", "warnings", "info", "waived", "seconds"], true));
for (const c of report.checks) {
  checks.append(c.ran ? row([c.check, c.errors, c.warnings, c.infos, c.waived, c.seconds.toFixed(3)])
                      : el("tr", {}, el("td", {}, c.check), el("td", {colspan: "5"}, `skipped: ${c.skipped}`)));
  for (const note of c.notes || []) checks.append(el("tr", {}, el("td", {}), el("td", {colspan: "5"}, `not judged: ${note}`)));
}
fillSelect("f-check", flags.map(f => f.check));
fillSelect("f-sensor", flags.map(f => f.sensor));
const trackList = document.getElementById("tracks");
for (const t of [...new Set(flags.flatMap(f => [f.track_id, f.other_track_id]))].filter(t => t).sort())
  trackList.append(el("option", {value: t}));
function where(f) {
  const parts = [];
  if (f.frame !== "") parts.push(`frame ${f.frame}`);
  if (f.track_id) parts.push(`track ${f.track_id}` + (f.other_track_id ? ` and ${f.other_track_id}` : ""));
  if (f.sensor) parts.push(f.sensor);
  if (f.label_id) parts.push(`label ${f.label_id}`);
  return parts.join(" · ");
}
const cards = flags.map(f => {
  const metrics = Object.entries(f.metrics).map(
    ([k, v]) => `${k}=${typeof v !== "number" || Number.isInteger(v) ? v : v.toPrecision(4)}`);
  const card = el("div", {class: `flag sev-${f.severity}`, "data-flag-id": f.id},
    el("div", {class: "title"}, el("span", {class: f.severity}, f.severity), ` ${f.check} / ${f.kind}: ${f.message}`),
    el("div", {class: "where"}, where(f)),
    el("div", {class: "metrics"}, metrics.join("  ")),
    el("div", {class: "id"}, f.id));
  if (f.evidence.length)
    card.append(el("div", {class: "evidence"}, ...f.evidence.map(p => el("img", {src: p, loading: "lazy", alt: p}))));
  document.getElementById("flags").append(card);
  return card;
});
const empty = el("p", {class: "empty"}, "No flag matches the filters.");
document.getElementById("flags").append(empty);
const filterIds = ["severity", "check", "track", "sensor"];
function apply() {
  const want = Object.fromEntries(filterIds.map(k => [k, document.getElementById(`f-${k}`).value.trim()]));
  let shown = 0;
  flags.forEach((f, i) => {
    const ok = (!want.severity || f.severity === want.severity) && (!want.check || f.check === want.check) &&
               (!want.track || f.track_id === want.track || f.other_track_id === want.track) &&
               (!want.sensor || f.sensor === want.sensor);
    cards[i].hidden = !ok;
    shown += ok;
  });
  empty.hidden = shown > 0;
  document.getElementById("shown").textContent = `${shown} of ${flags.length} flags`;
  const hash = filterIds.filter(k => want[k]).map(k => `${k}=${encodeURIComponent(want[k])}`).join("&");
  history.replaceState(null, "", hash ? `#${hash}` : location.pathname + location.search);
}
const fromHash = new URLSearchParams(location.hash.slice(1));
for (const k of filterIds) {
  const input = document.getElementById(`f-${k}`);
  if (fromHash.has(k)) input.value = fromHash.get(k);
  input.addEventListener("input", apply);
}
apply();
const waived = document.getElementById("waived");
document.getElementById("waived-title").textContent =
  `${report.waived.length} waived flags, ${report.unmatched_waivers.length} waivers matching no flag`;
waived.append(row(["flag", "check", "where", "by", "reason"], true));
for (const w of report.waived) waived.append(row([w.id, w.check, where(w), w.waiver.by, w.waiver.reason]));
for (const w of report.unmatched_waivers) waived.append(row([w.flag, "(no such flag)", "", w.by, w.reason]));
document.body.dataset.ready = "1";
</script>
</body>
</html>
)HTML";

}  // namespace fuselabel
