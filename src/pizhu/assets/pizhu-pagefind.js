/* pizhu: Material's header search box answered by Pagefind (plugin option search_engine: pagefind).
 *
 * Material for MkDocs (9.8) runs its search in a web worker: the page posts SETUP (the whole
 * index) and QUERY messages and renders the RESULT messages into its own result list. This
 * script stands in for that worker: `new Worker(<Material's search worker>)` returns an object
 * that speaks the same four messages, so the box, the keyboard handling, the result list, the
 * "N more on this page" folding and the ?h= highlighting stay Material's. Behind it:
 *
 *   - SETUP is answered READY at once; its payload (Material's index without documents: the
 *     build left every page to Pagefind) is ignored.
 *   - Nothing of Pagefind is fetched with the page. Pagefind (pagefind/pagefind.js, its
 *     WebAssembly and metadata) and the query side's words (pagefind/pizhu-words.json) are
 *     loaded when the reader goes to search (focus in the box, a press on its button), or at the
 *     first query.
 *   - The index holds the site's text cut into pizhu's words (src/pizhu/pagefind.py); the query
 *     is brought to the edition's words (Traditional, regional forms, pinyin) and cut the same
 *     way by pizhu-query.js, which the plugin puts before this file.
 *   - QUERY runs pagefind.search() (every word required; if no page has them all, any word,
 *     scores added); the first RESULTS results are loaded (one fragment each) and turned into
 *     Material's result groups: one group per page, the page first, then its sections
 *     (Pagefind's sub-results: headings with ids) and its records (glossary terms, notes: each
 *     has its address in meta.location), best first. The best sections are shown; the rest are
 *     folded, as Material does.
 *   - Titles from Pagefind's metadata are raw text written by contributors: they are escaped
 *     here, where they become HTML. Excerpts come entity-encoded from Pagefind (with <mark>).
 *
 * Only the latest query is answered (a slower, older search is dropped). No request leaves the
 * site: every file is under the site's base URL (taken from Material's worker address).
 */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var WORKER = /assets\/javascripts\/workers\/search\.[0-9a-f]+\.min\.js$/;
  var RESULTS = 10;          // results whose data is loaded per query (a fragment each)
  var SHOWN = 3;             // sections of one page shown unfolded
  var LANGUAGE = "x-pizhu";  // the index's language (src/pizhu/pagefind.py)
  var Q = window.pizhuQuery;
  var CJK = "[\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef\u201c\u201d\u2018\u2019]";
  var CJK_GAP = new RegExp("(" + CJK + "(?:</?mark>)?)\\s+(?=(?:</?mark>)?" + CJK + ")", "gu");
  var RealWorker = window.Worker;
  if (!RealWorker || RealWorker.pizhuPagefind || !Q) return;

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function SearchWorker(url) {
    var target = new EventTarget();
    var base = String(new URL(url, location.href)).replace(WORKER, "");
    var pagefind = null;
    var latest = 0;

    var vocabulary = null;

    var path = new URL(base).pathname;  // the site's base path: Pagefind's urls start with it

    function load() {
      if (!pagefind) {
        vocabulary = fetch(base + "pagefind/pizhu-words.json").then(function (r) {
          if (!r.ok) throw new Error("pizhu-words.json: " + r.status);
          return r.json();
        }).then(function (data) {
          var words = new Set(data.words || []), longest = 1;
          words.forEach(function (w) { longest = Math.max(longest, Array.from(w).length); });
          return { words: words, longest: longest, forms: Q.readerForms(data.forms || {}),
                   shards: data.phrase_shards || 0, loaded: {} };
        });
        pagefind = import(base + "pagefind/pagefind.js").then(function (module) {
          return module.options({ baseUrl: path, excerptLength: 40 }).then(function () {
            // Pagefind takes its language from <html lang>: zh would make it cut the query with
            // the browser's Intl.Segmenter. The index is in pizhu's words, so the query must
            // reach it as pizhu cut it.
            var html = document.documentElement, lang = html.getAttribute("lang");
            html.setAttribute("lang", LANGUAGE);
            var started;
            try { started = module.init(); } finally { html.setAttribute("lang", lang); }  // read synchronously
            return started;
          }).then(function () { return module; });
        });
        // A failed load is tried again at the next query.
        Promise.all([pagefind, vocabulary]).catch(function () { pagefind = null; });
      }
      return Promise.all([pagefind, vocabulary]).then(function (both) { return both[0]; });
    }

    /* The query in pizhu's words: in the edition's words (Traditional, regional, pinyin), letters
       and digits apart from Han, each Han run cut into dictionary words (most characters
       covered, then fewest pieces); unknown stretches stay whole (Pagefind then matches the
       index words they begin, or the longest index word they begin with). */
    function tokens(query, vocab, plain) {
      var out = [];
      Q.toEdition(query, vocab, plain).split(/\s+/).forEach(function (part) {
        part.split(/(\p{Script=Han}+)/u).forEach(function (chunk) {
          if (!chunk) return;
          if (!/\p{Script=Han}/u.test(chunk)) { out.push(chunk); return; }
          out = out.concat(Q.cut(chunk, vocab).map(function (p) { return p.text; }));
        });
      });
      return out;
    }

    /* On a large site the phrase table (regional words …) is cut into shards by the first
       character of each form (src/pizhu/pagefind.py, phrase_shards): fetch those of the query's
       Han characters, once each, before the query is brought to the edition's words. */
    function withPhrases(query, vocab) {
      if (!vocab.shards) return Promise.resolve();
      var wanted = new Set();
      Array.from(query).forEach(function (c) {
        if (/\p{Script=Han}/u.test(c)) wanted.add(c.codePointAt(0) % vocab.shards);
      });
      return Promise.all(Array.from(wanted).map(function (number) {
        if (!vocab.loaded[number]) {
          vocab.loaded[number] = fetch(base + "pagefind/pizhu-phrases/" + number + ".json").then(function (r) {
            if (!r.ok) throw new Error("pizhu-phrases: " + r.status);
            return r.json();
          }).then(function (phrases) {
            Object.keys(phrases).forEach(function (form) {
              vocab.forms.phrases.set(form, phrases[form]);
              vocab.forms.longest = Math.max(vocab.forms.longest, Array.from(form).length);
            });
          }).catch(function (error) {  // searched without them; tried again next time
            delete vocab.loaded[number];
            console.warn("pizhu search:", error);
          });
        }
        return vocab.loaded[number];
      }));
    }

    /* Remove the spaces the index put between words of Chinese text (excerpts, titles). */
    function unspace(html) {
      return String(html).replace(CJK_GAP, "$1");
    }

    function reply(message) {
      setTimeout(function () { target.dispatchEvent(new MessageEvent("message", { data: message })); }, 0);
    }

    /* Pagefind results -> Material's SearchResult ({ items: SearchItem[][] }) */
    function toMaterial(query, datas, scores) {
      var terms = {};
      query.split(/\s+/).filter(Boolean).forEach(function (t) { terms[t] = true; });
      var groups = new Map();
      datas.forEach(function (data, i) {
        var score = scores[i];
        var meta = data.meta || {};
        var url = meta.location ? path + meta.location : data.url;  // a record's address in the site
        var hash = url.indexOf("#");
        var page = hash < 0 ? url : url.slice(0, hash);
        var group = groups.get(page);
        if (!group) {
          group = { page: null, sections: [], best: score, title: meta.page_title || meta.title || page };
          groups.set(page, group);
        }
        group.best = Math.max(group.best, score);
        if (hash < 0) {
          group.title = meta.title || group.title;
          group.page = { location: page, title: unspace(escapeHtml(group.title)), text: unspace(data.excerpt), score: score, terms: terms };
          sectionScores(data, Object.keys(terms).map(function (t) { return t.toLowerCase(); })).forEach(function (sub) {
            group.sections.push({ location: sub.url, title: unspace(escapeHtml(sub.title)), text: unspace(sub.excerpt),
                                  score: sub.score, terms: terms, own: true });
          });
        } else {  // a record (a glossary term, a note): its own section of the page
          group.sections.push({ location: url, title: escapeHtml(meta.title || ""),
                                text: unspace(data.excerpt), score: score, terms: terms });
        }
      });
      var items = [];
      groups.forEach(function (group, page) {
        var top = group.best;
        // Sub-results are scored within their page (sum of the page's hit scores after their
        // heading), notes by Pagefind across the site: put both on one scale, the page's best.
        var ownMax = Math.max.apply(null, [0].concat(group.sections.filter(function (s) { return s.own; })
          .map(function (s) { return s.score; })));
        group.sections.forEach(function (s) { if (s.own) s.score = ownMax ? top * s.score / ownMax : 0; });
        var sections = group.sections.sort(function (a, b) { return b.score - a.score; });
        var best = sections.length ? sections[0].score : 0;
        // Material unfolds the sections scoring like the group's first item: give the best
        // (up to SHOWN, at least half the best section's score) the group's score, fold the rest.
        sections.forEach(function (s, j) { s.score = j < SHOWN && s.score >= best * 0.5 ? top : Math.min(s.score, top * 0.5); });
        var parent = group.page || { location: page, title: escapeHtml(group.title), text: "", score: 0, terms: terms };
        parent.score = group.page ? top : 0;
        items.push({ best: top, docs: [parent].concat(sections) });
      });
      items.sort(function (a, b) { return b.best - a.best; });
      return { items: items.map(function (g) { return g.docs; }) };
    }

    /* Each sub-result (a heading with an id) scored by the page's hits between it and the
       next heading: Pagefind's own order is the page's. */
    function sectionScores(data, words) {
      var subs = (data.sub_results || []).filter(function (sub) { return sub.anchor; });
      var starts = subs.map(function (sub) { return sub.anchor.location; });
      var content = String(data.content || "").split(/\s+/);
      var total = data.word_count || content.length;
      var average = total / Math.max(1, subs.length);
      return subs.map(function (sub, i) {
        var from = starts[i], to = i + 1 < starts.length ? starts[i + 1] : total;
        var norm = 0.25 + 0.75 * Math.max(1, to - from) / average;  // BM25's length normalisation, b = 0.75
        var score = 0, found = new Set();
        (data.weighted_locations || []).forEach(function (w) {
          if (w.location < from || w.location >= to) return;
          score += w.balanced_score / Math.max(1, w.weight);  // a hit in a heading counts as one
          var word = (content[w.location] || "").toLowerCase();
          words.forEach(function (t, k) { if (word.indexOf(t) === 0 || t.indexOf(word) === 0) found.add(k); });
        });
        // Like Material's boost: a section holding more of the query's words ranks higher.
        var coverage = words.length ? found.size / words.length : 1;
        return { url: sub.url, title: sub.title, excerpt: sub.excerpt, score: score * coverage * coverage / norm };
      }).filter(function (sub) { return sub.score > 0; });
    }

    /* Every word required; if no page has them all, any word (as in Material), scores added up. */
    function searchWords(pf, words) {
      return pf.search(words.join(" ")).then(function (found) {
        if (found.results.length || words.length < 2) return found;
        return Promise.all(words.map(function (w) { return pf.search(w); })).then(function (each) {
          return merge(each, function (a, b) { return a + b; });
        });
      });
    }

    /* Several searches' results as one, a result's scores combined by ``combine``, best first. */
    function merge(searches, combine) {
      var merged = new Map();
      searches.forEach(function (f) {
        f.results.forEach(function (r) {
          var m = merged.get(r.id);
          if (m) m.score = combine(m.score, r.score); else merged.set(r.id, { id: r.id, score: r.score, data: r.data });
        });
      });
      return { results: Array.from(merged.values()).sort(function (a, b) { return b.score - a.score; }) };
    }

    function search(query, number) {
      var words = null;
      return load().then(function (pf) {
        return vocabulary.then(function (vocab) {
          return withPhrases(query, vocab).then(function () { return vocab; });
        }).then(function (vocab) {
          words = tokens(query, vocab);
          if (!words.length) return { results: [] };
          // A form kept as typed (an index word in the other script) may not be what the reader
          // meant: the character map's reading is searched too, when it differs.
          var plain = tokens(query, vocab, true);
          var readings = plain.join(" ") === words.join(" ") ? [words] : [words, plain];
          return Promise.all(readings.map(function (w) { return searchWords(pf, w); })).then(function (found) {
            return found.length === 1 ? found[0] : merge(found, Math.max);
          });
        });
      }).then(function (found) {
        if (number !== latest) return null;
        var first = found.results.slice(0, RESULTS);
        return Promise.all(first.map(function (r) { return r.data(); })).then(function (datas) {
          return toMaterial(words.join(" "), datas, first.map(function (r) { return r.score; }));
        });
      });
    }

    target.postMessage = function (message) {
      if (!message) return;
      if (message.type === SETUP) {
        reply({ type: READY });
      } else if (message.type === QUERY) {
        var number = ++latest;
        var query = String(message.data || "").trim();
        if (!query) { reply({ type: RESULT, data: { items: [] } }); return; }
        search(query, number).then(function (result) {
          if (result && number === latest) reply({ type: RESULT, data: result });
        }, function (error) {
          console.warn("pizhu search:", error);
          if (number === latest) reply({ type: RESULT, data: { items: [] } });
        });
      }
    };
    target.terminate = function () {};
    target.pizhuPreload = load;
    return target;
  }

  var instances = [];
  function PizhuWorker(url, options) {
    if (WORKER.test(String(new URL(url, location.href)))) {
      var worker = SearchWorker(url);
      instances.push(worker);
      return worker;
    }
    return new RealWorker(url, options);
  }
  PizhuWorker.prototype = RealWorker.prototype;
  PizhuWorker.pizhuPagefind = true;
  window.Worker = PizhuWorker;

  // Load Pagefind when the reader goes to search (focus in the box, which Material's keyboard
  // shortcuts also give it; a press on the search button), so the first query finds it ready.
  function searching(target) {
    return target instanceof Element &&
      !!target.closest(".md-search, label[for='__search'], [data-md-component='search-query']");
  }
  function preload(event) {
    if (searching(event.target)) instances.forEach(function (w) { w.pizhuPreload(); });
  }
  document.addEventListener("focusin", preload, true);
  document.addEventListener("pointerdown", preload, true);
})();
