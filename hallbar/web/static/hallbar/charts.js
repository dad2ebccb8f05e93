/* Hållbar charts: draws every <figure data-chart> rendered by {% chart %} (hallbar/web/charts.py).
 *
 * The figure already holds everything a reader needs without this file: a caption, a <canvas
 * role="img"> whose aria-label summarises the data, and the same data as a <table>. This file only
 * paints the canvas, from the figure's json_script data, with the vendored Chart.js.
 *
 * - Loaded on every page by {% chart_scripts %}; it is small and does nothing on pages without
 *   charts. Chart.js itself (about 70 kB compressed) is fetched only when a chart appears, on page
 *   load or after an htmx swap (htmx:load); charts swapped out are destroyed (htmx:beforeCleanupElement).
 * - No inline script, no eval, no style attributes: works under "script-src 'self'; style-src 'self'".
 * - No animation when the reader prefers reduced motion.
 * - Series differ by colour (Okabe–Ito, each at least 3:1 on white) and also by dash pattern and
 *   point shape (lines, radar polygons) or fill pattern (bars); the legend shows both.
 * - Numbers are formatted for the page's language (lang="sv": 1 234,5).
 */
(function () {
  "use strict";

  if (window.HallbarCharts) {
    return;
  }

  var script = document.currentScript;
  var LIBRARY_URL = script ? script.getAttribute("data-chart-library") : null;

  var PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000"];
  var BAND_FILL = "rgba(107, 117, 112, 0.25)";
  var GRID = "#d5dcd8";
  var LINE_KINDS = {
    measured: { dash: [], point: "circle", radius: 3.5, width: 2.5 },
    target: { dash: [8, 4], point: "triangle", radius: 5, width: 2 },
    trend: { dash: [2, 3], point: false, radius: 0, width: 2 },
    peer_median: { dash: [10, 4, 2, 4], point: "rectRot", radius: 4.5, width: 2 },
  };
  // A second series of the same kind keeps the dash but takes the next of these point shapes.
  var MORE_POINTS = ["rect", "star", "crossRot", "circle", "triangle", "rectRot"];
  var BAR_PATTERNS = ["solid", "diagonal", "dots", "cross", "horizontal"];
  // Radar polygons (one per series, e.g. per year) differ by dash pattern and point shape too.
  var RADAR_DASHES = [[], [8, 4], [2, 3], [10, 4, 2, 4], [4, 4]];
  var RADAR_POINTS = ["circle", "triangle", "rect", "rectRot", "star"];

  function prefersReducedMotion() {
    return Boolean(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function languageOf(element) {
    var holder = element.closest("[lang]");
    return (holder && holder.getAttribute("lang")) || document.documentElement.lang || "sv";
  }

  // format(value): the number as the page's language writes it; decimals null = up to three.
  function numberFormatter(lang, decimals) {
    var options =
      decimals === null || decimals === undefined
        ? { maximumFractionDigits: 3 }
        : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
    var format;
    try {
      format = new Intl.NumberFormat(lang, options);
    } catch (error) {
      format = new Intl.NumberFormat(undefined, options);
    }
    return function (value) {
      return value === null || value === undefined || Number.isNaN(value) ? "–" : format.format(value);
    };
  }

  // --- Loading Chart.js once, on demand -----------------------------------------------------------

  var loading = null;

  function loadLibrary() {
    if (window.Chart) {
      return Promise.resolve(window.Chart);
    }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (!LIBRARY_URL) {
          reject(new Error("charts.js: the script tag has no data-chart-library"));
          return;
        }
        var tag = document.createElement("script");
        tag.src = LIBRARY_URL;
        tag.async = true;
        tag.onload = function () {
          if (window.Chart) {
            resolve(window.Chart);
          } else {
            reject(new Error("charts.js: " + LIBRARY_URL + " did not define Chart"));
          }
        };
        tag.onerror = function () {
          reject(new Error("charts.js: could not load " + LIBRARY_URL));
        };
        document.head.appendChild(tag);
      });
      loading.catch(function () {
        loading = null; // the next chart tries again
      });
    }
    return loading;
  }

  // --- Styles that do not rely on colour alone ----------------------------------------------------

  function barFill(kind, colour) {
    if (kind === "solid") {
      return colour;
    }
    var size = 10;
    var tile = document.createElement("canvas");
    tile.width = size;
    tile.height = size;
    var ctx = tile.getContext("2d");
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, size, size);
    ctx.strokeStyle = "rgba(255, 255, 255, 0.9)";
    ctx.fillStyle = "rgba(255, 255, 255, 0.9)";
    ctx.lineWidth = 2;
    ctx.beginPath();
    if (kind === "diagonal") {
      ctx.moveTo(0, size);
      ctx.lineTo(size, 0);
      ctx.moveTo(-size / 2, size / 2);
      ctx.lineTo(size / 2, -size / 2);
      ctx.moveTo(size / 2, size * 1.5);
      ctx.lineTo(size * 1.5, size / 2);
      ctx.stroke();
    } else if (kind === "dots") {
      ctx.arc(size / 2, size / 2, 2, 0, 2 * Math.PI);
      ctx.fill();
    } else if (kind === "cross") {
      ctx.moveTo(0, size / 2);
      ctx.lineTo(size, size / 2);
      ctx.moveTo(size / 2, 0);
      ctx.lineTo(size / 2, size);
      ctx.stroke();
    } else {
      ctx.moveTo(0, size / 2);
      ctx.lineTo(size, size / 2);
      ctx.stroke();
    }
    return ctx.createPattern(tile, "repeat");
  }

  // The legend shows each series as drawn: a piece of line with its dash and point, or a filled box.
  function legendImage(Chart, dataset) {
    var image = document.createElement("canvas");
    image.width = 40;
    image.height = 14;
    var ctx = image.getContext("2d");
    if (dataset.hallbarBand) {
      ctx.fillStyle = BAND_FILL;
      ctx.fillRect(0, 1, 40, 12);
    } else if (dataset.hallbarBar) {
      ctx.fillStyle = dataset.backgroundColor;
      ctx.fillRect(6, 0, 28, 14);
      ctx.strokeStyle = dataset.borderColor;
      ctx.lineWidth = 1;
      ctx.strokeRect(6.5, 0.5, 27, 13);
    } else {
      ctx.strokeStyle = dataset.borderColor;
      ctx.fillStyle = dataset.borderColor;
      ctx.lineWidth = dataset.borderWidth;
      ctx.setLineDash(dataset.borderDash);
      ctx.beginPath();
      ctx.moveTo(0, 7);
      ctx.lineTo(40, 7);
      ctx.stroke();
      if (dataset.pointStyle) {
        ctx.setLineDash([]);
        ctx.lineWidth = 1;
        Chart.helpers.drawPoint(ctx, { pointStyle: dataset.pointStyle, radius: 4.5, borderWidth: 1 }, 20, 7);
      }
    }
    return image;
  }

  function lineDatasets(data) {
    var datasets = [];
    var colour = 0;
    var seen = {};
    data.series.forEach(function (series) {
      if (series.kind === "peer_band") {
        var common = {
          borderWidth: 0,
          pointRadius: 0,
          pointHoverRadius: 0,
          pointHitRadius: 8,
          backgroundColor: BAND_FILL,
          borderColor: BAND_FILL,
          spanGaps: false,
          order: 10,
          hallbarBand: true,
        };
        datasets.push(Object.assign({ label: series.lowerLabel, data: series.values, fill: false, hallbarLower: true }, common));
        datasets.push(
          Object.assign({ label: series.label, tooltipLabel: series.upperLabel, data: series.upper, fill: "-1" }, common)
        );
        return;
      }
      var style = LINE_KINDS[series.kind] || LINE_KINDS.measured;
      var repeat = (seen[series.kind] = (seen[series.kind] || 0) + 1);
      var point = repeat === 1 ? style.point : MORE_POINTS[(repeat - 2) % MORE_POINTS.length];
      var stroke = PALETTE[colour % PALETTE.length];
      colour += 1;
      datasets.push({
        label: series.label,
        data: series.values,
        borderColor: stroke,
        backgroundColor: stroke,
        borderDash: style.dash,
        borderWidth: style.width,
        pointStyle: point,
        pointRadius: point ? style.radius : 0,
        pointHoverRadius: point ? style.radius + 2 : 0,
        pointHitRadius: 8,
        spanGaps: false,
        fill: false,
        tension: 0,
      });
    });
    return datasets;
  }

  function barDatasets(data) {
    return data.series.map(function (series, index) {
      var colour = PALETTE[index % PALETTE.length];
      return {
        label: series.label,
        data: series.values,
        backgroundColor: barFill(BAR_PATTERNS[index % BAR_PATTERNS.length], colour),
        borderColor: colour,
        borderWidth: 1,
        hallbarBar: true,
      };
    });
  }

  function radarDatasets(data) {
    return data.series.map(function (series, index) {
      var colour = PALETTE[index % PALETTE.length];
      return {
        label: series.label,
        data: series.values,
        borderColor: colour,
        backgroundColor: colour,
        borderDash: RADAR_DASHES[index % RADAR_DASHES.length],
        borderWidth: 2.5,
        pointStyle: RADAR_POINTS[index % RADAR_POINTS.length],
        pointRadius: 4,
        pointHoverRadius: 6,
        pointHitRadius: 8,
        spanGaps: false,
        fill: false,
      };
    });
  }

  function legendOptions(Chart) {
    var defaults = Chart.defaults.plugins.legend.labels.generateLabels;
    return {
      position: "bottom",
      labels: {
        usePointStyle: true,
        pointStyleWidth: 40,
        padding: 16,
        generateLabels: function (chart) {
          return defaults(chart)
            .filter(function (item) {
              return !chart.data.datasets[item.datasetIndex].hallbarLower;
            })
            .map(function (item) {
              item.pointStyle = chart.data.datasets[item.datasetIndex].hallbarLegend;
              return item;
            });
        },
      },
      onClick: function (event, item, legend) {
        var chart = legend.chart;
        var visible = chart.isDatasetVisible(item.datasetIndex);
        var indexes = [item.datasetIndex];
        if (chart.data.datasets[item.datasetIndex].hallbarBand) {
          indexes.push(item.datasetIndex - 1); // the band's lower edge
        }
        indexes.forEach(function (index) {
          chart.setDatasetVisibility(index, !visible);
        });
        chart.update();
      },
    };
  }

  // A radar chart: one shared radial scale (min, max, step from the spec) instead of x and y axes.
  function radarConfig(Chart, data, lang, formatValue, formatTick) {
    var datasets = radarDatasets(data);
    datasets.forEach(function (dataset) {
      dataset.hallbarLegend = legendImage(Chart, dataset);
    });
    return {
      type: "radar",
      data: { labels: data.labels, datasets: datasets },
      options: {
        locale: lang,
        responsive: true,
        maintainAspectRatio: false,
        animation: prefersReducedMotion() ? false : { duration: 400 },
        interaction: { mode: "index", intersect: false },
        scales: {
          r: {
            min: data.min === null ? undefined : data.min,
            max: data.max === null ? undefined : data.max,
            grid: { color: GRID },
            angleLines: { color: GRID },
            pointLabels: { font: { size: 13 } },
            ticks: {
              stepSize: data.step === null ? undefined : data.step,
              precision: data.decimals === 0 ? 0 : undefined,
              callback: function (value) {
                return formatTick(value);
              },
            },
          },
        },
        plugins: {
          legend: legendOptions(Chart),
          tooltip: {
            callbacks: {
              label: function (context) {
                var text = context.dataset.label + ": " + formatValue(context.parsed.r);
                return data.unit ? text + " " + data.unit : text;
              },
            },
          },
        },
      },
    };
  }

  function config(Chart, data, figure) {
    var lang = languageOf(figure);
    var formatValue = numberFormatter(lang, data.decimals);
    var formatTick = numberFormatter(lang, null);
    if (data.type === "radar") {
      return radarConfig(Chart, data, lang, formatValue, formatTick);
    }
    var isBar = data.type === "bar";
    var horizontal = isBar && data.horizontal;
    var valueAxis = horizontal ? "x" : "y";
    var categoryAxis = horizontal ? "y" : "x";
    var datasets = isBar ? barDatasets(data) : lineDatasets(data);
    datasets.forEach(function (dataset) {
      dataset.hallbarLegend = legendImage(Chart, dataset);
    });
    var scales = {};
    scales[categoryAxis] = { stacked: isBar && data.stacked, grid: { color: GRID } };
    scales[valueAxis] = {
      stacked: isBar && data.stacked,
      beginAtZero: data.beginAtZero,
      grace: "5%", // room above the highest point, so a target marker is not cut off
      grid: { color: GRID },
      title: { display: Boolean(data.unit), text: data.unit },
      ticks: {
        // Whole numbers (counts) get whole-number ticks only: no "0,5 actions".
        precision: data.decimals === 0 ? 0 : undefined,
        callback: function (value) {
          return formatTick(value);
        },
      },
    };
    return {
      type: isBar ? "bar" : "line",
      data: { labels: data.labels, datasets: datasets },
      options: {
        locale: lang,
        indexAxis: categoryAxis,
        responsive: true,
        maintainAspectRatio: false,
        animation: prefersReducedMotion() ? false : { duration: 400 },
        interaction: { mode: "index", intersect: false, axis: categoryAxis },
        scales: scales,
        plugins: {
          legend: legendOptions(Chart),
          tooltip: {
            callbacks: {
              label: function (context) {
                var dataset = context.dataset;
                var text = (dataset.tooltipLabel || dataset.label) + ": " + formatValue(context.parsed[valueAxis]);
                return data.unit ? text + " " + data.unit : text;
              },
            },
          },
        },
      },
    };
  }

  // --- Drawing ---------------------------------------------------------------------------------------

  function fail(figure) {
    figure.classList.add("chart--failed");
    figure.setAttribute("data-chart-state", "failed");
    var message = figure.querySelector(".chart__error");
    if (message) {
      message.hidden = false;
    }
    var details = figure.querySelector("details.chart__data");
    if (details) {
      details.open = true;
    }
  }

  function draw(Chart, figure) {
    var canvas = figure.querySelector("canvas");
    var source = figure.querySelector('script[type="application/json"]');
    if (!canvas || !source || Chart.getChart(canvas)) {
      return;
    }
    try {
      var data = JSON.parse(source.textContent);
      var box = canvas.parentElement;
      if (data.type === "bar" && data.horizontal && box) {
        box.style.height = Math.max(12, 4 + data.labels.length * 2.2) + "rem"; // room for every category
      }
      var style = window.getComputedStyle(figure);
      Chart.defaults.color = style.color;
      Chart.defaults.font.family = style.fontFamily;
      new Chart(canvas, config(Chart, data, figure));
      figure.setAttribute("data-chart-state", "drawn");
    } catch (error) {
      fail(figure);
      console.error("charts.js: could not draw", figure.id, error);
    }
  }

  function figuresIn(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var found = Array.prototype.slice.call(scope.querySelectorAll("figure[data-chart]"));
    if (scope.matches && scope.matches("figure[data-chart]")) {
      found.unshift(scope);
    }
    return found.filter(function (figure) {
      return !figure.hasAttribute("data-chart-state");
    });
  }

  // Draws the charts in root (default: the whole document) that are not drawn yet.
  function init(root) {
    var figures = figuresIn(root);
    if (!figures.length) {
      return Promise.resolve(0);
    }
    figures.forEach(function (figure) {
      figure.setAttribute("data-chart-state", "loading");
    });
    return loadLibrary().then(
      function (Chart) {
        figures.forEach(function (figure) {
          draw(Chart, figure);
        });
        return figures.length;
      },
      function () {
        figures.forEach(fail);
        return 0;
      }
    );
  }

  // htmx fires htmx:beforeCleanupElement for every element it removes, children included.
  function destroyIfChart(element) {
    if (window.Chart && element && element.tagName === "CANVAS") {
      var chart = window.Chart.getChart(element);
      if (chart) {
        chart.destroy();
      }
    }
  }

  window.HallbarCharts = {
    init: init,
    format: function (value, lang, decimals) {
      return numberFormatter(lang || document.documentElement.lang, decimals)(value);
    },
  };

  document.addEventListener("htmx:load", function (event) {
    init(event.target);
  });
  document.addEventListener("htmx:beforeCleanupElement", function (event) {
    destroyIfChart(event.target);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      init(document);
    });
  } else {
    init(document);
  }
})();
