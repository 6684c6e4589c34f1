/* Small progressive enhancements; every page works without them. */
(function () {
  "use strict";
  var zh = (document.documentElement.lang || "zh").indexOf("zh") === 0;

  /* 0. Material's search dialog has no accessible name; screen readers announce it unnamed. */
  var dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", zh ? "搜索" : "Search");
  }

  /* 1. Language switch: keep the #anchor. Heading ids are identical in both languages,
        so the reader lands on the same heading. Capture phase: runs before Material. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (link && location.hash) {
      link.href = link.href.split("#")[0] + location.hash;
    }
  }, true);

  /* 2. Heading permalinks also copy the full URL, so it can be pasted elsewhere. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.headerlink");
    if (!link || !navigator.clipboard) return;
    navigator.clipboard.writeText(link.href).then(function () {
      var note = document.createElement("div");
      note.className = "kb-copied";
      note.setAttribute("role", "status");
      note.textContent = zh ? "已复制本节链接" : "Link to this section copied";
      document.body.appendChild(note);
      setTimeout(function () { note.remove(); }, 1600);
    }, function () { /* clipboard refused: the link still navigates */ });
  });

  /* 3. Sortable, filterable tables: <div class="kb-sortable"> around an <input class="kb-filter">
        and a Markdown table whose headers are buttons; cells may hold <data value> or
        <time datetime> with the raw value to sort by. */
  function cellValue(cell) {
    var raw = cell.querySelector("data[value], time[datetime]");
    if (raw) {
      var v = raw.getAttribute("value") || raw.getAttribute("datetime");
      return isNaN(Number(v)) ? v : Number(v);
    }
    return cell.textContent.trim().toLowerCase();
  }

  document.querySelectorAll(".kb-sortable table").forEach(function (table) {
    var body = table.tBodies[0];
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = th.querySelector("button");
      if (!button) return;
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a.cells[index]), y = cellValue(b.cells[index]);
          var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), zh ? "zh" : "en");
          return asc ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });

    var input = table.closest(".kb-sortable").querySelector("input.kb-filter");
    if (!input) return;
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(body.rows, function (row) {
        row.hidden = q !== "" && row.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  });

  /* 4. Material wraps the copy button of every code block in a <nav>: one unnamed navigation
        landmark per block, listed by screen readers as noise (and flagged by axe as duplicate
        landmarks once a page has two blocks, as the worked prompts do). The button keeps its
        name; the wrapper stops being a landmark. Material adds the buttons after load. */
  function unlandmark() {
    document.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "presentation");
    });
  }
  unlandmark();
  if (window.MutationObserver && document.querySelector(".md-typeset pre")) {
    new MutationObserver(unlandmark).observe(document.body, { childList: true, subtree: true });
  }
})();
