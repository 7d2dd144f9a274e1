/* The charts of the statistics pages, drawn with the vendored Chart.js (vendor/chartjs/, served from the site).
   Each <canvas data-chart="ID"> reads its data from the json_script element ID (optionally the entry
   data-chart-key of it); data-chart-type says which chart. Every figure is also in a table on the page, so the
   charts are for looking, the tables for reading (and for screen readers). No inline script: CSP-friendly. */
(function () {
  "use strict";

  var ACCENT = "#3b4fd8";
  var OK = "#18794e";
  var MUTED = "#b9c0d2";

  function readData(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source) { return null; }
    var data = JSON.parse(source.textContent);
    var key = canvas.getAttribute("data-chart-key");
    return key === null ? data : data[key];
  }

  function percent(value) {
    return value === null || value === undefined ? null : Math.round(value * 1000) / 10;
  }

  function percentAxis() {
    return { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } };
  }

  function questionsChart(data) {
    return {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: "Fully right at the first try", data: data.first_try_full_share.map(percent), backgroundColor: OK },
          { label: "Mean best score", data: data.mean_best.map(percent), backgroundColor: ACCENT }
        ]
      },
      options: {
        scales: { y: percentAxis() },
        plugins: { tooltip: { callbacks: { label: function (ctx) {
          return ctx.dataset.label + ": " + (ctx.raw === null ? "n/a" : ctx.raw + "%");
        } } } }
      }
    };
  }

  function distributionChart(data) {
    var last = data.counts.length - 1;
    return {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [{
          label: "Students",
          data: data.counts,
          backgroundColor: data.counts.map(function (_, i) { return i === last ? OK : (i === 0 ? MUTED : ACCENT); })
        }]
      },
      options: {
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { title: { display: true, text: "Best score" } } },
        plugins: { legend: { display: false } }
      }
    };
  }

  var BUILDERS = { questions: questionsChart, distribution: distributionChart };

  function draw(canvas) {
    var build = BUILDERS[canvas.getAttribute("data-chart-type")];
    var data = readData(canvas);
    if (!build || !data) { return; }
    var config = build(data);
    config.options.animation = false;  // drawn at once: no motion, and a finished chart for whoever looks
    config.options.responsive = true;
    config.options.maintainAspectRatio = false;
    new window.Chart(canvas, config);
    canvas.setAttribute("data-drawn", "true");
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.Chart) { return; }  // the tables carry every figure anyway
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), draw);
  });
})();
