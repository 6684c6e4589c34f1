/* Material's search box, answered by Pagefind (scripts/llmkb/search.py builds the bundles).
 *
 * Material talks to its search worker with four messages: SETUP (0) -> READY (1), QUERY (2)
 * -> RESULT (3). This worker speaks the same protocol, so the box, its look, the `/` shortcut
 * and the highlighting on the result page stay Material's. Nothing is downloaded until the
 * first query: then Pagefind (its script, its WebAssembly, the index chunks the typed words
 * need) and the synonyms generated from data/, all from this site, for the page's language.
 * synonyms.json (scripts/llmkb/search.py): {groups: [[forms], [pages]], titles: {page: title},
 * headings: [[forms], page]}.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var root = null;        // the language's root folder (the site, or its en/ folder)
var siteLang = "zh";
var engine = null;      // a promise of {pagefind, groups}
var latest = 0;         // only the answer to the newest query is sent

function load() {
  if (!engine) {
    engine = Promise.all([
      import(root + "pagefind/pagefind.js").then(function (pf) {
        return pf.options({ basePath: root + "pagefind/", baseUrl: "/", excerptLength: 24 })
          .then(function () { return pf.init(); }).then(function () { return pf; });
      }),
      fetch(root + "search/synonyms.json").then(function (r) { return r.ok ? r.json() : []; })
        .catch(function () { return []; })
    ]).then(function (both) {
      var data = both[1] || {};
      var groups = (data.groups || []).map(prepare);
      return { pagefind: both[0], groups: groups, titles: data.titles || {}, vocabulary: vocabulary(groups),
               headings: (data.headings || []).map(function (h) { return prepare([h[0], [h[1]]]); }) };
    },
      function (error) { engine = null; throw error; });  // try again on the next query
  }
  return engine;
}

/* Text as it is compared: lower case, one space, no space next to a CJK character
   ("1750 亿" and "1750亿" are the same query). */
var CJK = "\u3400-\u9fff\uf900-\ufaff";
var AROUND_CJK = new RegExp("\\s+(?=[" + CJK + "])|([" + CJK + "])\\s+", "g");
function normalize(text) {
  return text.toLowerCase().replace(/\s+/g, " ").trim().replace(AROUND_CJK, "$1");
}

/* Where forms are looked for, a hyphen counts as a space ("pangu alpha" finds "PanGu-alpha"). */
function matchable(text) {
  return normalize(text).replace(/-/g, " ");
}

function prepare(group) {
  return { members: group[0].map(function (form) { return { form: form, key: matchable(form) }; }),
           pages: group[1] || [] };
}

function contains(query, key) {
  // A Latin form must match whole words ("moe" is not in "demoed"); CJK needs no boundary.
  var latin = /[a-z0-9]/;
  for (var at = query.indexOf(key); at !== -1; at = query.indexOf(key, at + 1)) {
    var before = query.charAt(at - 1), after = query.charAt(at + key.length);
    if (latin.test(key.charAt(0)) && latin.test(before)) continue;
    if (latin.test(key.charAt(key.length - 1)) && latin.test(after)) continue;
    return at;
  }
  return -1;
}

var HAS_CJK = new RegExp("[" + CJK + "]");
/* A variant in the site's own language competes with the words typed (a little below them);
   one in the other language only adds pages after those (a cross-language hint). */
function ownLanguage(form) {
  return HAS_CJK.test(form) === (siteLang === "zh");
}

/* The query, then the query with a known form replaced by each of its variants. */
function variants(query, groups) {
  var q = normalize(query), m = q.replace(/-/g, " "), out = [{ q: q, w: 1, tier: 0 }], seen = [q];
  groups.forEach(function (group) {
    group.members.forEach(function (member) {
      if (member.key.length < 2) return;
      var at = contains(m, member.key);
      if (at === -1) return;
      group.members.forEach(function (other) {
        if (other === member) return;
        var v = q.slice(0, at) + " " + normalize(other.form) + " " + q.slice(at + member.key.length);
        v = v.replace(/\s+/g, " ").trim();
        if (seen.indexOf(v) === -1) {
          seen.push(v);
          out.push({ q: v, w: 0.8, tier: ownLanguage(other.form) ? 0 : 1 });
        }
      });
    });
  });
  return out.slice(0, 8);
}

/* The pages about what the query names, when the whole query is one of a group's forms:
   "LLM" -> its glossary entry, "文心" -> the ERNIE 3.0 Titan page, "175B" -> the 175B models,
   "BIG-bench" -> the paper that introduced it. Then the sections whose title, or the article's
   heading for them, contains the query ("为什么是OpenAI", "why OpenAI"): only for a query of
   some length, and a Latin one of two words or more, so "OpenAI" alone is not a title. */
function bestBets(query, e) {
  var m = matchable(query), pages = [];
  function add(p) { if (pages.indexOf(p) === -1) pages.push(p); }
  e.groups.forEach(function (group) {
    if (group.members.some(function (member) { return member.key === m; })) group.pages.forEach(add);
  });
  var titleLike = m.length >= 5 && (HAS_CJK.test(m) || m.indexOf(" ") !== -1);
  if (titleLike) {
    e.headings.forEach(function (h) {
      if (h.members.some(function (member) { return contains(member.key, m) !== -1; })) h.pages.forEach(add);
    });
  }
  return pages;
}

/* Spelling: the Latin words of the names and terms the site knows ("forgetting", "emergent"). */
function vocabulary(groups) {
  var out = new Set();
  groups.forEach(function (group) {
    group.members.forEach(function (member) {
      member.key.split(/[^a-z]+/).forEach(function (w) { if (w.length >= 6) out.add(w); });
    });
  });
  return out;
}

function oneEditApart(a, b) {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  var i = 0, j = 0, edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { i++; j++; continue; }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else if (a[i + 1] === b[j] && a[i] === b[j + 1]) { i += 2; j += 2; }  // two letters swapped
    else { i++; j++; }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/* A query with each unknown Latin word of six letters or more replaced by the one known word
   it is a letter away from ("catastrophic forgeting" -> "catastrophic forgetting"); null when
   nothing changes. Only words the site's names and terms use are offered, so a nonsense word
   stays nonsense. */
function corrected(query, e) {
  var changed = false;
  var out = normalize(query).replace(/[a-z]{6,}/g, function (w) {
    if (e.vocabulary.has(w)) return w;
    var near = [];
    e.vocabulary.forEach(function (v) { if (near.length < 2 && oneEditApart(w, v)) near.push(v); });
    if (near.length !== 1) return w;
    changed = true;
    return near[0];
  });
  return changed ? out : null;
}

function withoutAnchor(page) {
  return page.split("#")[0];
}

/* A best bet the index did not return among the pages read (a long page such as the
   glossary ranks low): offered from its title, with the forms that matched as its text. */
function synthetic(page, e, queries) {
  var forms = [], keys = queries.filter(Boolean).map(matchable);
  e.groups.concat(e.headings).forEach(function (group) {
    if (group.pages.indexOf(page) !== -1 && group.members.some(function (m) {
      return keys.some(function (k) { return m.key === k || contains(m.key, k) !== -1; });
    })) {
      group.members.forEach(function (m) { if (forms.indexOf(m.form) === -1) forms.push(m.form); });
    }
  });
  var own = e.groups.filter(function (g) { return g.pages.length === 1 && g.pages[0] === page; })[0];
  var title = e.titles[page] || (own && own.members[0].form);  // a model: its name
  if (!title) return null;
  return { d: { url: "/" + page, meta: { title: title }, excerpt: forms.slice(0, 6).join(" · "), sub_results: [] },
           score: 0, tier: 0, q: queries[0] };
}

/* Words to highlight on the page a result opens: the typed words, segmented like the index. */
function terms(query) {
  var words = [];
  if (typeof Intl !== "undefined" && Intl.Segmenter) {
    var seg = new Intl.Segmenter("zh", { granularity: "word" });
    for (var s of seg.segment(query)) if (s.isWordLike) words.push(s.segment);
  } else {
    words = query.split(/\s+/);
  }
  var out = {};
  words.filter(function (w) { return w.trim(); }).forEach(function (w) { out[w] = true; });
  return out;
}

var ENTITIES = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" };
function escape(text) {
  return String(text).replace(/&(lt|gt|amp|quot|#39|#x27);/g, function (e) { return ENTITIES[e]; })
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
/* Material puts title and text into the page as HTML: everything is escaped, then only the
   <mark> Pagefind puts around a hit is given back. */
function safe(excerpt) {
  return String(excerpt || "").split(/(<\/?mark>)/).map(function (part) {
    return part === "<mark>" || part === "</mark>" ? part : escape(part);
  }).join("");
}

function relative(url) {
  return String(url || "").replace(/^\/+/, "");
}

/* The words of a query as the index sees them. */
function words(query) {
  var out = [];
  if (typeof Intl !== "undefined" && Intl.Segmenter) {
    for (var s of new Intl.Segmenter(siteLang, { granularity: "word" }).segment(query)) {
      if (s.isWordLike) out.push(s.segment.toLowerCase());
    }
  } else {
    out = query.toLowerCase().split(/[\s\-]+/).filter(Boolean);
  }
  return out;
}

/* Pagefind ranks pages that match some of the words, or words that merely start like them;
   a page is kept only when it has every word of the query: Chinese words as typed, Latin
   words by their stem (the first letters but the last three, at least four), so a nonsense
   query finds nothing while "emergent ability" still finds "emergent abilities". */
function hasAll(content, list) {
  var text = content.toLowerCase().replace(/\u2019/g, "'"), joined = text.replace(/[\s\-]+/g, "");
  return list.every(function (w) {
    if (text.indexOf(w) !== -1 || joined.indexOf(w) !== -1) return true;
    if (!/^[a-z0-9']+$/.test(w) || w.length < 5) return false;
    return text.indexOf(w.slice(0, Math.max(4, w.length - 3))) !== -1;
  });
}

var LIMIT = 10;  // pages shown
/* Pages read per query: each costs a download (its fragment), so the words typed get the
   most, a variant fewer, a cross-language hint fewest. */
function depth(v) {
  return v.w === 1 ? 6 : v.tier ? 1 : 3;
}

/* Run the query and its variants; each gives the pages that have all its words. */
function run(e, list) {
  return Promise.all(list.map(function (v) {
    return e.pagefind.search(v.q).then(function (r) {
      var hits = (r && r.results ? r.results : []).slice(0, depth(v));
      return Promise.all(hits.map(function (hit) { return hit.data(); })).then(function (data) {
        var need = words(v.q);
        return data.map(function (d, i) { return { d: d, score: hits[i].score * v.w, tier: v.tier, q: v.q }; })
          .filter(function (x) { return hasAll(x.d.content || "", need); });
      });
    });
  }));
}

function search(query) {
  return load().then(function (e) {
    // A misspelt word: the corrected query is searched as well, a little below the typed one.
    var fixed = corrected(query, e), list = variants(query, e.groups);
    if (fixed) {
      list = list.concat(variants(fixed, e.groups).map(function (v) { return { q: v.q, w: v.w * 0.9, tier: v.tier }; }))
        .filter(function (v, i, all) { return all.findIndex(function (o) { return o.q === v.q; }) === i; });
    }
    return run(e, list.filter(function (v) { return v.q.length; })).then(function (lists) {
      var best = new Map(), via = new Map();
      lists.forEach(function (list) {
        list.forEach(function (x) {
          if (x.tier === 0) via.set(x.d.url, (via.get(x.d.url) || []).concat([x.q]));
          var seen = best.get(x.d.url);
          if (!seen || seen.tier > x.tier || (seen.tier === x.tier && seen.score < x.score)) best.set(x.d.url, x);
        });
      });
      var bets = bestBets(query, e);
      if (fixed) bestBets(fixed, e).forEach(function (p) { if (bets.indexOf(p) === -1) bets.push(p); });
      var bases = bets.map(withoutAnchor);
      bets.forEach(function (page, i) {
        var url = "/" + bases[i], found = best.get(url);
        if (found) {
          if (page !== bases[i]) {  // the glossary entry itself, not the top of the glossary
            found.d.url = "/" + page;
            found.d.meta = Object.assign({}, found.d.meta, { title: e.titles[page] || (found.d.meta || {}).title });
          }
        } else {
          var made = synthetic(page, e, [query, fixed]);
          if (made) best.set(url, made);
        }
      });
      function bet(x) {
        var at = bases.indexOf(withoutAnchor(relative(x.d.url)));
        return at === -1 ? bets.length : at;
      }
      return Array.from(best.values())
        .sort(function (a, b) { return bet(a) - bet(b) || a.tier - b.tier || b.score - a.score; }).slice(0, LIMIT)
        .map(function (x) { x.via = via.get(withoutAnchor(x.d.url)) || [x.q]; return x; });
    }).then(function (pages) {
      var typed = terms(query);
      var items = pages.map(function (p) {
        // Highlight on the opened page the words typed and the variants it was found by.
        var marks = Object.assign.apply(null, [{}, typed].concat(p.via.map(terms)));
        var page = { location: relative(p.d.url), title: safe(p.d.meta && p.d.meta.title), text: safe(p.d.excerpt),
                     score: p.score, terms: marks };
        // The sections with the most hits first (a glossary entry rather than a passing mention).
        var subs = (p.d.sub_results || []).filter(function (s) { return s.url !== p.d.url && s.anchor; })
          .sort(function (a, b) { return (b.locations || []).length - (a.locations || []).length; })
          .slice(0, 3).map(function (s) {
            return { location: relative(s.url), title: safe(s.title), text: safe(s.excerpt), score: p.score, terms: marks };
          });
        return [page].concat(subs);
      });
      return { items: items };
    });
  });
}

self.addEventListener("message", function (ev) {
  var message = ev.data || {};
  if (message.type === SETUP) {
    // The stub index Material loads says which language this is; the bundles sit at the
    // language's root, two folders above this script (assets/javascripts/).
    var lang = message.data && message.data.config && message.data.config.lang;
    siteLang = lang && lang[0] === "en" ? "en" : "zh";
    root = new URL(siteLang === "en" ? "../../en/" : "../../", self.location.href).href;
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var id = ++latest, query = String(message.data || "").slice(0, 200);
    if (!query.trim()) {
      self.postMessage({ type: RESULT, data: { items: [] } });
      return;
    }
    // Material sends a query per key stroke: wait until the typing pauses.
    setTimeout(function () {
      if (id === latest) search(query).then(answer, fail);
    }, 120);
    function answer(result) {
      if (id === latest) self.postMessage({ type: RESULT, data: result });
    }
    function fail(error) {
      console.error("search:", error);
      if (id === latest) self.postMessage({ type: RESULT, data: { items: [] } });
    }
  }
});
