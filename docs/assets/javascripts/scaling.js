/* The scaling calculator (section 3). Progressive enhancement: without this script the page
   shows the worked table the build computed. The constants, GPUs, reference models, input
   limits and labels come from the JSON island the build writes (#kb-scaling-data, from
   data/scaling.yaml), so no number is kept here. The maths and the number formats mirror
   scripts/llmkb/scaling.py line for line; tests/test_scaling.py runs both and compares. */
(function () {
  "use strict";
  var root = document.getElementById("kb-calc");
  var island = document.getElementById("kb-scaling-data");
  if (!root || !island) return;
  var data = JSON.parse(island.textContent);
  var k = data.k, T = data.labels, limits = data.limits;
  var lang = root.getAttribute("lang") === "en" ? "en" : "zh";

  /* --- Maths (scaling.py) --- */
  function chinchillaG() {
    var s = k.alpha + k.beta;
    return [Math.pow(k.alpha * k.A / (k.beta * k.B), 1 / s), k.beta / s, k.alpha / s];
  }
  function loss(n, d) { return k.E + k.A / Math.pow(n, k.alpha) + k.B / Math.pow(d, k.beta); }
  var RULES = {
    kaplan: function (c) {
      var n = k.kaplan_ne * Math.pow(c / k.pf_day, k.kaplan_pn);
      return [n, c / (k.six * n)];
    },
    chinchilla: function (c) {
      var g = chinchillaG();
      return [g[0] * Math.pow(c / k.six, g[1]), Math.pow(c / k.six, g[2]) / g[0]];
    },
    rule: function (c) {
      var n = Math.sqrt(c / (k.six * k.tpp));
      return [n, k.tpp * n];
    }
  };
  var ORDER = ["kaplan", "chinchilla", "rule"];
  var ROW_LABEL = { kaplan: "kaplan", chinchilla: "chinchilla", rule: "rule20" };

  function computeFor(n) {
    var g = chinchillaG();
    return {
      kaplan: k.pf_day * Math.pow(n / k.kaplan_ne, 1 / k.kaplan_pn),
      chinchilla: k.six * Math.pow(n / g[0], 1 / g[1]),
      rule: k.six * k.tpp * n * n
    };
  }
  function row(c, n, d) {
    return { compute: c, params: n, tokens: d, ratio: d / n, loss: loss(n, d) };
  }
  function allocate(c) {
    var out = {};
    ORDER.forEach(function (name) { var nd = RULES[name](c); out[name] = row(c, nd[0], nd[1]); });
    return out;
  }
  function fromParams(n) {
    var cs = computeFor(n), out = {};
    ORDER.forEach(function (name) { out[name] = row(cs[name], n, cs[name] / (k.six * n)); });
    return out;
  }

  var NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
  function parse(text, field) {
    var raw = String(text || "").trim().replace(/[,_ ]/g, "");
    if (!raw) return { error: "empty" };
    if (!NUMBER.test(raw)) return { error: "nan" };
    var value = Number(raw);
    if (!isFinite(value)) return { error: "range" };
    if (value <= 0) return { error: "positive" };
    if (value < limits[field][0] || value > limits[field][1]) return { error: "range" };
    return { value: value };
  }

  /* --- Formats (scaling.py) --- */
  var SUP = { "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻" };
  function pow10(e) { return Number("1e" + e); }  // as exact as Python's float(10 ** e)
  function sig(x, digits) {
    digits = digits || 3;
    if (x === 0) return "0";
    var places = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(x))));
    var text = x.toFixed(places);
    return text.indexOf(".") >= 0 ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
  }
  function sci(x) {
    var e = Math.floor(Math.log10(x));
    var m = parseFloat(sig(x / pow10(e)));
    if (m >= 10) { m = m / 10; e = e + 1; }
    return sig(m) + " × 10" + String(e).replace(/[0-9-]/g, function (c) { return SUP[c]; });
  }
  function count(x) {
    if (x >= 1e16) return sci(x);
    var units = lang === "zh" ? [[1e12, " 万亿"], [1e8, " 亿"], [1e4, " 万"]]
      : [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]];
    for (var i = 0; i < units.length; i++) {
      if (x >= units[i][0]) return sig(x / units[i][0]) + units[i][1];
    }
    return sig(x);
  }
  function fmt(kind, x) {
    if (kind === "params" || kind === "tokens" || kind === "optimal_params") return count(x);
    if (kind === "compute") return sci(x);
    if (kind === "loss") return x.toFixed(3);
    return sig(x);
  }
  function limitText(field, v) {
    if (field === "flops") return sci(v);
    if (field === "params") return count(v);
    return String(v);
  }

  /* --- The page --- */
  var form = document.getElementById("kb-calc-form");
  var errorBox = document.getElementById("kb-calc-error");
  var result = document.getElementById("kb-calc-result");
  var budget = document.getElementById("kb-calc-budget");
  var holder = document.getElementById("kb-calc-allocation");
  form.hidden = false;

  function mode() { return form.querySelector("input[name=mode]:checked").value; }
  function showMode() {
    var m = mode();
    form.querySelectorAll("[data-mode]").forEach(function (div) { div.hidden = div.getAttribute("data-mode") !== m; });
  }
  form.querySelectorAll("input[name=mode]").forEach(function (r) {
    r.addEventListener("change", function () { showMode(); run(); });
  });

  function fail(input, code, field) {
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    var message = T["err_" + code];
    if (code === "range") {
      message = message.replace("{lo}", limitText(field, limits[field][0])).replace("{hi}", limitText(field, limits[field][1]));
    }
    var label = form.querySelector("label[for=" + input.id + "]").textContent;
    errorBox.textContent = label + (lang === "zh" ? "：" : ": ") + message;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-errormessage", "kb-calc-error");
    result.hidden = true;
    return null;
  }
  function read(field) {
    var input = document.getElementById("kb-calc-" + field);
    var got = parse(input.value, field);
    return got.error ? fail(input, got.error, field) : got.value;
  }
  function cell(tr, kind, value, header) {
    var td = document.createElement(header ? "th" : "td");
    if (header) { td.scope = "row"; td.textContent = value; tr.appendChild(td); return; }
    var d = document.createElement("data");
    d.value = String(value);
    d.setAttribute("data-kind", kind);
    d.textContent = fmt(kind, value);
    td.appendChild(d);
    tr.appendChild(td);
  }
  function table(rows) {
    var t = document.createElement("table");
    var head = t.createTHead().insertRow();
    [T.rule, T.n, T.d, T.ratio, T.c, T.loss].forEach(function (h) {
      var th = document.createElement("th"); th.textContent = h; head.appendChild(th);
    });
    var body = t.createTBody();
    ORDER.forEach(function (name) {
      var tr = body.insertRow();
      tr.setAttribute("data-rule", name);
      cell(tr, null, T[ROW_LABEL[name]], true);
      ["params", "tokens", "ratio", "compute", "loss"].forEach(function (kind) { cell(tr, kind, rows[name][kind]); });
    });
    return t;
  }
  function allFinite(rows) {
    return ORDER.every(function (name) {
      return ["compute", "params", "tokens", "ratio", "loss"].every(function (kind) { return isFinite(rows[name][kind]); });
    });
  }

  function run() {
    var m = mode(), rows, line;
    if (m === "params") {
      var n = read("params");
      if (n === null) return;
      rows = fromParams(n);
      line = T.params + (lang === "zh" ? "：" : ": ") + count(n);
    } else {
      var c;
      if (m === "gpu") {
        var gpus = read("gpus"); if (gpus === null) return;
        var days = read("days"); if (days === null) return;
        var util = read("util"); if (util === null) return;
        var id = document.getElementById("kb-calc-gpu").value;
        var gpu = data.gpus.filter(function (g) { return g.id === id; })[0];
        c = gpus * days * 86400 * gpu.peak * util / 100;
        line = T.gpu_line.replace("{gpus}", String(gpus)).replace("{gpu}", gpu.name).replace("{days}", String(days))
          .replace("{util}", String(util)).replace("{c}", sci(c));
        if (!(c >= limits.flops[0] && c <= limits.flops[1])) {
          return fail(document.getElementById("kb-calc-gpus"), "range", "flops");
        }
      } else {
        c = read("flops");
        if (c === null) return;
        line = T.budget + (lang === "zh" ? "：" : ": ") + sci(c) + " FLOP" + (lang === "zh" ? "" : "s");
      }
      rows = allocate(c);
    }
    if (!allFinite(rows)) return fail(form.querySelector("[data-mode]:not([hidden]) input"), "range", m === "params" ? "params" : "flops");
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    errorBox.textContent = "";
    budget.textContent = line;
    holder.replaceChildren(table(rows));
    result.hidden = false;
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  showMode();
  run();
})();
