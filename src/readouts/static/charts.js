// The pages' charts, drawn by ECharts (vendored: echarts.min.js) from the JSON data block beside each
// chart. Every mark links to what it counts. No inline script: the Content-Security-Policy forbids it.
"use strict";

function readData(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

function draw(element, option) {
  const chart = echarts.init(element, null, { renderer: "svg" });
  chart.setOption(option);
  window.addEventListener("resize", () => chart.resize());
  element.dataset.drawn = "true";  // for the browser tests: the chart is up
  return chart;
}

// Topics over time: a heat map, one row per topic, one column per period (every period from the
// first to the last, empty ones too); the colour scale is drawn under it; a slider zooms into
// long spans; a click opens the timeline of the events of that topic and period.
function trendsChart(element) {
  const data = readData("trends-data");
  const topics = data.topics.slice().reverse();  // the most frequent at the top
  const cells = (measure) => data.items.map((item) => [
    data.periods.indexOf(item.period), topics.indexOf(item.topic), item[measure]]);
  const most = (measure) => Math.max(1, ...data.items.map((item) => item[measure]));
  const wide = data.periods.length > 24;
  element.style.height = `${Math.max(260, topics.length * 24 + (wide ? 150 : 110))}px`;
  const chart = draw(element, {
    animation: false,
    tooltip: {
      formatter: (p) => `${topics[p.value[1]]}, ${data.periods[p.value[0]]}: ${p.value[2]}`,
    },
    grid: { left: 8, right: 16, top: 8, bottom: wide ? 110 : 70, containLabel: true },
    xAxis: { type: "category", data: data.periods, splitArea: { show: true },
             axisLabel: { hideOverlap: true } },
    yAxis: { type: "category", data: topics, axisLabel: { fontSize: 11 } },
    visualMap: { min: 0, max: most("events"), orient: "horizontal", left: "center", bottom: wide ? 50 : 8,
                 itemHeight: 160, text: [String(most("events")), "0"],
                 inRange: { color: ["#eef3f8", "#2f6f9f", "#1f3a56"] } },
    dataZoom: wide ? [{ type: "slider", xAxisIndex: 0, bottom: 8, height: 22 },
                      { type: "inside", xAxisIndex: 0 }] : [],
    series: [{ type: "heatmap", data: cells("events"), emphasis: { itemStyle: { borderColor: "#b5412c", borderWidth: 1 } } }],
  });
  chart.on("click", (p) => {
    const [since, until] = data.bounds[data.periods[p.value[0]]];
    const query = new URLSearchParams({ topic: topics[p.value[1]], since, until });
    window.location.href = `/?${query}`;
  });
  for (const radio of document.querySelectorAll("[data-measure]")) {
    radio.addEventListener("change", () => {
      chart.setOption({ visualMap: { max: most(radio.value), text: [String(most(radio.value)), "0"] },
                        series: [{ data: cells(radio.value) }] });
    });
  }
}

// An actor's counterparts: the actor in the middle, each counterpart on a circle with its name
// written outwards along its spoke (no two labels overlap), line width by the engagements together.
function networkChart(element) {
  const data = readData("network-data");
  const n = data.counterparts.length;
  const most = Math.max(1, ...data.counterparts.map((c) => c.events));
  const nodes = [{ id: "self", name: data.name, x: 0, y: 0, symbolSize: 18, itemStyle: { color: "#b5412c" },
                   label: { show: true, position: "top", fontWeight: "bold" } }];
  const links = [];
  data.counterparts.forEach((c, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, n);
    const left = Math.cos(angle) < -1e-9;
    const degrees = (-angle * 180) / Math.PI + (left ? 180 : 0);
    nodes.push({ id: String(c.id), name: `${c.name} ×${c.events}`, x: 100 * Math.cos(angle), y: 100 * Math.sin(angle),
                 symbolSize: 9, actor: c.id, label: { show: true, position: left ? "left" : "right", rotate: degrees } });
    links.push({ source: "self", target: String(c.id), other: c.name,
                 lineStyle: { width: 1 + (5 * c.events) / most } });
  });
  element.style.height = `${n > 12 ? 640 : 520}px`;
  const chart = draw(element, {
    animation: false,
    tooltip: { formatter: (p) => (p.dataType === "edge" ? `${data.name} and ${p.data.other}` : p.data.name) },
    series: [{ type: "graph", layout: "none", roam: true, data: nodes, links,
               label: { fontSize: 11 }, lineStyle: { color: "#7a8ca3", opacity: 0.8 },
               itemStyle: { color: "#2f6f9f" }, top: 140, bottom: 140, left: 160, right: 160 }],
  });
  chart.on("click", (p) => {
    if (p.dataType === "node" && p.data.actor) window.location.href = `/actors/${p.data.actor}`;
    if (p.dataType === "edge") {
      const query = new URLSearchParams([["actor", data.name], ["actor", p.data.other]]);
      window.location.href = `/?${query}`;
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  for (const element of document.querySelectorAll("[data-chart=trends]")) trendsChart(element);
  for (const element of document.querySelectorAll("[data-chart=network]")) networkChart(element);
});
