/* Small progressive enhancements; every page works without them. */
(function () {
  "use strict";
  var zh = (document.documentElement.lang || "zh").indexOf("zh") === 0;

  /* 0. Material's search dialog has no accessible name; screen readers announce it unnamed. */
  var dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", zh ? "搜索" : "Search");
  }

  /* 0b. A nav section whose page is its index has an empty label (the title is a link beside
         it), so its landmark has no name; on a page with a code block it then shares "no name"
         with the copy button's nav (axe: landmark-unique). It is named after the section. */
  document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
    var label = document.getElementById(nav.getAttribute("aria-labelledby"));
    var title = nav.parentElement && nav.parentElement.querySelector(".md-nav__container > a");
    if (label && !label.textContent.trim() && title) {
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", title.textContent.trim());
    }
  });

  /* 0c. Light, dark or the system's choice (see overrides/partials/palette.html for why not
         Material's component). Clicking a toggle checks the next option; Enter does the same,
         as in Material; in "follow system" mode a change of the system setting applies at once.
         Transitions are off while the colours change, as Material does. */
  var palette = document.querySelector("form[data-kb-palette]");
  if (palette && window.__kb_palette) {
    /* The browser's own bar takes the header's colour (<meta name="theme-color">), read when
       the page is idle so that reading it forces no extra restyle during the load. */
    var themeColor = function () {
      var meta = document.querySelector("meta[name=theme-color]");
      if (!meta) {
        meta = document.createElement("meta");
        meta.name = "theme-color";
        document.head.appendChild(meta);
      }
      var header = document.querySelector("header.md-header");
      if (header) meta.content = getComputedStyle(header).backgroundColor;
    };
    (window.requestIdleCallback || setTimeout)(themeColor);
    var switchTo = function (index) {
      document.body.setAttribute("data-md-color-switching", "");
      window.__kb_palette(index, true);
      themeColor();
      requestAnimationFrame(function () {
        requestAnimationFrame(function () { document.body.removeAttribute("data-md-color-switching"); });
      });
    };
    var options = Array.prototype.slice.call(palette.querySelectorAll("input[name=__palette]"));
    options.forEach(function (input, index) {
      input.addEventListener("change", function () { if (input.checked) switchTo(index); });
    });
    palette.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();
      var next = options[(options.findIndex(function (o) { return o.checked; }) + 1) % options.length];
      next.click();
      next.focus();
    });
    var system = matchMedia("(prefers-color-scheme: light)");
    var follow = function () {
      var checked = options.findIndex(function (o) { return o.checked; });
      if (checked >= 0 && options[checked].getAttribute("data-md-color-media") === "(prefers-color-scheme)") {
        switchTo(checked);
      }
    };
    if (system.addEventListener) system.addEventListener("change", follow);
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

  /* 2b. Glossary terms (a.kb-term with a title "term: definition"): a tooltip on hover, on
         keyboard focus and on a first tap (a second tap follows the link); Escape closes it.
         Written here rather than with Material's content.tooltips, which measures every
         element with a title when the page loads (forced layouts: the main cost of a page).
         Nothing is measured until a term is actually shown. */
  var tip = null, owner = null, hideTimer = 0;
  var touch = window.matchMedia && window.matchMedia("(hover: none)").matches;
  function showTip(link) {
    clearTimeout(hideTimer);
    if (owner === link) return;
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "kb-tip";
      tip.id = "kb-tip";
      tip.setAttribute("role", "tooltip");
      tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      tip.addEventListener("mouseleave", laterHide);
      document.body.appendChild(tip);
    }
    if (link.title) {  /* the native tooltip would show the same text a second time */
      link.setAttribute("data-kb-title", link.title);
      link.removeAttribute("title");
    }
    var text = link.getAttribute("data-kb-title") || "";
    var cut = text.indexOf(zh ? "：" : ": ");
    tip.textContent = "";
    var head = document.createElement("strong");
    head.textContent = cut > 0 ? text.slice(0, cut) : link.textContent;
    var body = document.createElement("span");
    body.textContent = cut > 0 ? text.slice(cut + (zh ? 1 : 2)) : text;
    var more = document.createElement("a");
    more.href = link.href;
    more.textContent = zh ? "术语表 →" : "Glossary →";
    tip.append(head, body, more);
    tip.hidden = false;
    var r = link.getBoundingClientRect(), width = Math.min(320, document.documentElement.clientWidth - 16);
    tip.style.maxWidth = width + "px";
    var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = r.bottom + window.scrollY + 6 + "px";
    if (owner) owner.removeAttribute("aria-describedby");
    link.setAttribute("aria-describedby", "kb-tip");
    owner = link;
  }
  function hideTip() {
    if (tip) tip.hidden = true;
    if (owner) owner.removeAttribute("aria-describedby");
    owner = null;
  }
  function laterHide() { clearTimeout(hideTimer); hideTimer = setTimeout(hideTip, 300); }
  function termOf(event) { return event.target.closest && event.target.closest("a.kb-term"); }
  document.addEventListener("mouseover", function (event) {
    var link = termOf(event);
    if (link) showTip(link);
  });
  document.addEventListener("mouseout", function (event) { if (termOf(event)) laterHide(); });
  document.addEventListener("focusin", function (event) {
    var link = termOf(event);
    if (link) showTip(link);
    else if (owner && !(tip && tip.contains(event.target))) hideTip();
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hideTip(); });
  document.addEventListener("click", function (event) {
    var link = termOf(event);
    if (link && touch && owner !== link) {
      event.preventDefault();
      showTip(link);
    } else if (owner && !link && !(tip && tip.contains(event.target))) {
      hideTip();
    }
  });

  /* 3. Sortable, filterable tables: <div class="kb-sortable"> around an <input class="kb-filter">
        and a Markdown table whose headers are buttons; cells may hold <data value> or
        <time datetime> with the raw value to sort by. */
  function cellValue(cell) {
    var raw = cell.querySelector("data[value], time[datetime]");
    if (raw) {
      var v = raw.getAttribute("value") || raw.getAttribute("datetime");
      if (v === "-1") return null;  /* undisclosed: always last */
      return isNaN(Number(v)) ? v : Number(v);
    }
    return cell.textContent.trim().toLowerCase();
  }

  /* Chromium prints a button's label once only: in a table header repeated on the next page
     the sort buttons would be blank. They become plain text while printing. */
  var printed = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".kb-sortable th > button").forEach(function (button) {
      var text = document.createElement("span");
      text.textContent = button.textContent;
      button.replaceWith(text);
      printed.push([text, button]);
    });
  });
  window.addEventListener("afterprint", function () {
    printed.forEach(function (pair) { pair[0].replaceWith(pair[1]); });
    printed = [];
  });

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
          if (x === null || x === "" || y === null || y === "") {
            return (x === null || x === "") - (y === null || y === "");  /* blanks last either way */
          }
          var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), zh ? "zh" : "en");
          return asc ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });

    var input = table.closest(".kb-sortable").querySelector("input.kb-filter");
    if (!input) return;
    var empty = null;
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase(), shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        row.hidden = q !== "" && row.textContent.toLowerCase().indexOf(q) < 0;
        if (!row.hidden) shown++;
      });
      /* An empty result says so, instead of leaving a bare header row. */
      if (!empty) {  /* the generator writes it (hidden); an older page may lack it */
        empty = table.closest(".kb-sortable").querySelector(".kb-filter-empty");
        if (!empty) {
          empty = document.createElement("p");
          empty.className = "kb-filter-empty";
          empty.textContent = zh ? "没有符合条件的模型。" : "No model matches the filter.";
          table.closest(".kb-sortable").appendChild(empty);
        }
        empty.setAttribute("role", "status");
      }
      empty.hidden = !!shown;
      /* The filter is kept in the address (?filter=...), so a filtered view can be shared. */
      var url = new URL(location.href);
      if (q) url.searchParams.set("filter", input.value.trim()); else url.searchParams.delete("filter");
      history.replaceState(history.state, "", url);
    });
    var shared = new URLSearchParams(location.search).get("filter");
    if (shared) {
      input.value = shared;
      input.dispatchEvent(new Event("input"));
    }
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
