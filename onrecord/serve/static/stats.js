// The /stats charts, drawn with Chart.js (static/vendor, pinned in SOURCES.tsv) from the figures the
// page carries as JSON. Names from articles reach Chart.js as plain strings drawn on a canvas, never as HTML.
(function () {
  var source = document.getElementById("stats-data");
  if (!source || typeof Chart === "undefined") return;
  var figures = JSON.parse(source.textContent);
  var palette = ["#1f5f8b", "#e0a030", "#3f9a2f", "#b04a6f", "#6b5bb5", "#2a9d8f", "#c0562b", "#7a8b99"];
  var kindColours = {direct: "#e0b800", indirect: "#b9a8e0", mixed: "#e0a070"};
  var months = figures.months.map(function (m) { return m.month; });
  var names = figures.top_speakers.map(function (s) { return s.name; });
  Chart.defaults.font.family = "system-ui, sans-serif";
  Chart.defaults.animation = false;
  var drawn = {};

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) drawn[id] = new Chart(canvas, config);
  }
  function colour(i) { return palette[i % palette.length]; }

  draw("chart-over-time", {
    type: "line",
    data: {labels: months, datasets: names.map(function (name, i) {
      return {label: name, data: figures.months.map(function (m) { return m.by_speaker[name] || 0; }),
              borderColor: colour(i), backgroundColor: colour(i), tension: 0};
    })},
    options: {scales: {y: {beginAtZero: true, ticks: {precision: 0}, title: {display: true, text: "statements"}}}}
  });

  var others = figures.months.map(function (m) {
    var named = names.reduce(function (sum, name) { return sum + (m.by_speaker[name] || 0); }, 0);
    return m.total ? 100 * (m.total - named) / m.total : 0;
  });
  draw("chart-share", {
    type: "bar",
    data: {labels: months, datasets: names.map(function (name, i) {
      return {label: name, backgroundColor: colour(i),
              data: figures.months.map(function (m) { return m.total ? 100 * (m.by_speaker[name] || 0) / m.total : 0; })};
    }).concat([{label: "everyone else", backgroundColor: "#d5dbe1", data: others}])},
    options: {scales: {x: {stacked: true}, y: {stacked: true, max: 100, title: {display: true, text: "% of the month's quotes"}}}}
  });

  draw("chart-speakers", {
    type: "bar",
    data: {labels: names, datasets: [{label: "statements", backgroundColor: "#1f5f8b",
      data: figures.top_speakers.map(function (s) { return s.statements; })}]},
    options: {indexAxis: "y", plugins: {legend: {display: false}}, scales: {x: {beginAtZero: true, ticks: {precision: 0}}}}
  });

  draw("chart-outlets", {
    type: "bar",
    data: {labels: figures.by_outlet.map(function (o) { return o.name || "no outlet given"; }),
      datasets: [{label: "statements", backgroundColor: "#2a9d8f",
        data: figures.by_outlet.map(function (o) { return o.statements; })}]},
    options: {indexAxis: "y", plugins: {legend: {display: false}}, scales: {x: {beginAtZero: true, ticks: {precision: 0}}}}
  });

  draw("chart-kinds", {
    type: "doughnut",
    data: {labels: figures.by_kind.map(function (k) { return k.name; }),
      datasets: [{data: figures.by_kind.map(function (k) { return k.statements; }),
        backgroundColor: figures.by_kind.map(function (k) { return kindColours[k.name] || "#7a8b99"; })}]},
    options: {aspectRatio: 1.4, plugins: {legend: {position: "right"}}}
  });
  document.body.setAttribute("data-charts-drawn", Object.keys(drawn).length);
})();
