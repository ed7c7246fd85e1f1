/* pizhu: Chinese queries that Material's search worker understands.
 *
 * Material for MkDocs (9.8) searches in a web worker. Before searching, the worker rewrites
 * each run of Han characters in the query with a greedy segmenter over the words of its index,
 * and that segmenter never considers a word ending at the run's last character:
 * 商汤科技 becomes 商汤, 上海阵量 becomes 上海. Letters glued to Han characters (AI芯片) stay
 * one token, which the index (where scripts are always separate words) never contains.
 *
 * This script sits between the page and the worker. It wraps Worker.prototype.postMessage:
 *   - the setup message (type 0) carries the index's documents: their Han words become the
 *     vocabulary (the build fed the glossary's terms to jieba, so 商汤科技 is one word there);
 *   - each query message (type 2) is rewritten before the worker sees it:
 *       1. letters/digits are split from Han characters: "AI芯片" -> "AI 芯片";
 *       2. each Han run is cut into vocabulary words, covering as many characters as possible
 *          with as few words as possible (longest first on ties): "徐冰卸任" -> "徐冰 卸任";
 *          stretches that are no word stay whole, as the reader typed them;
 *       3. each vocabulary word gets one padding Han character, which the worker's segmenter
 *          drops from the end of the run, keeping the word itself: "商汤科技〇" -> 商汤科技;
 *       4. what the reader typed without spaces is one thing, so when it was cut into several
 *          pieces, every piece that is an index word is required ("+"), provided one document
 *          holds them all (else nothing would be found): 商汤裁员 finds what is about both, not
 *          every page whose title says 商汤. Parts typed with spaces stay
 *          optional, as in Material, and parts using Lunr's syntax (+ - * : ~ ^) are left alone;
 *       5. a half-typed last word becomes the index words it begins (上海阵 -> 上海阵量 …),
 *          so results follow the reader while typing.
 *     Before these steps, what the reader typed is brought to the edition's own words with the
 *     maps the build put in the index's config (config.pizhu; src/pizhu/search.py, reader_forms),
 *     by pizhu-query.js (steps a, b and the cutting of step 2 are shared with pizhu-pagefind.js):
 *       a. Han runs: the longest known phrase first (regional words: 晶片 -> 芯片 on an edition
 *          that writes 芯片), then character by character (商湯 -> 商汤, or back);
 *       b. toneless pinyin of the glossary's names, one word or several typed apart
 *          ("xubing", "xi wang") -> the name (徐冰, 曦望), kept beside the Latin word when that
 *          is an index word itself.
 * The text in the search box is never changed; results, highlighting and suggestions are
 * Material's own. Nothing is fetched: the vocabulary comes from the message Material sends.
 * The Python side (jieba dictionary, one search entry per note) is in src/pizhu/search.py.
 */
(function () {
  "use strict";

  var SETUP = 0;                 // Material's SearchMessageType.SETUP
  var QUERY = 2;                 // Material's SearchMessageType.QUERY
  var PAD = "\u3007";            // 〇: Han script, so it extends the run the worker segments
  var HAN = /\p{Script=Han}/u;
  var HAN_SPLIT = /(\p{Script=Han}+)/u;
  var MAX_COMPLETIONS = 8;

  var Q = window.pizhuQuery;  // pizhu-query.js, shared with pizhu-pagefind.js (the plugin puts it first)
  if (typeof Worker === "undefined" || Worker.prototype.postMessage.pizhu || !Q) return;

  /** The index's words (lower case) with the documents holding each, from Material's setup
   *  message, and the length of the longest Han word. */
  function vocabulary(index) {
    var separator = new RegExp(index.config.separator);  // as Material builds it
    var words = new Map();
    var longest = 1;
    (index.docs || []).forEach(function (doc, number) {
      [doc.title, doc.text].forEach(function (field) {
        String(field || "").replace(/<[^>]*>/g, " ").split(separator).forEach(function (token) {
          if (!token) return;
          token = token.toLowerCase();
          if (!words.has(token)) words.set(token, new Set());
          words.get(token).add(number);
          if (HAN.test(token)) longest = Math.max(longest, Array.from(token).length);
        });
      });
    });
    return { words: words, longest: longest, forms: Q.readerForms(index.config.pizhu) };
  }

  /** True when one document holds every one of ``tokens``. */
  function together(tokens, vocab) {
    var sets = tokens.map(function (t) { return vocab.words.get(t.toLowerCase()); });
    sets.sort(function (a, b) { return a.size - b.size; });
    for (var doc of sets[0]) {
      if (sets.every(function (set) { return set.has(doc); })) return true;
    }
    return false;
  }

  /** Pieces of one whitespace-free part of the query: Latin/digit chunks and cut Han runs. */
  function pieces(part, vocab) {
    var found = [];
    // Han runs and what lies between them: "AI芯片" -> "AI", "芯片" (as the index has them).
    part.split(HAN_SPLIT).forEach(function (chunk) {
      if (!chunk) return;
      if (HAN.test(chunk)) found = found.concat(cutWithCompletion(chunk, vocab));
      else found.push({ text: chunk, known: vocab.words.has(chunk.toLowerCase()) });
    });
    return found;
  }

  /** Like cut, but a half-typed last word ("上海阵") becomes the index words it begins. */
  function cutWithCompletion(run, vocab) {
    var parts = Q.cut(run, vocab);
    if (parts[parts.length - 1].known) return parts;
    var chars = Array.from(run);
    for (var start = 0; start < chars.length - 1; start++) {
      var tail = chars.slice(start).join("");
      var words = completions(tail, vocab);
      if (words.length) {
        var head = start ? Q.cut(chars.slice(0, start).join(""), vocab) : [];
        return head.concat([{ text: tail, known: true, alternatives: words }]);
      }
    }
    return parts;
  }

  /** Up to MAX_COMPLETIONS index words that begin with ``prefix`` (2+ characters), shortest first. */
  function completions(prefix, vocab) {
    var found = [];
    vocab.words.forEach(function (documents, word) {
      if (word.length > prefix.length && word.lastIndexOf(prefix, 0) === 0) found.push(word);
    });
    found.sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); });
    return found.slice(0, MAX_COMPLETIONS);
  }

  /** The query as the worker should see it (exposed for tests as window.pizhuSearch.rewrite). */
  function rewrite(query, vocab) {
    query = Q.toEdition(query, vocab);
    return query.split(/(\s+)/).map(function (part) {
      // Whitespace, and parts that use Lunr's syntax (+word, -word, word*, field:word, word~1,
      // word^2), are left to Material.
      if (!part.trim() || /^[+\-]|[*:~^]/.test(part)) return part;
      var found = pieces(part, vocab);
      // What the reader typed without spaces is one thing: every known piece of it is required,
      // as long as some document has them all (otherwise any piece may match, as in Material).
      var known = found.filter(function (p) { return p.known && !p.alternatives; });
      var require = found.length > 1 && known.length > 1 &&
        together(known.map(function (p) { return p.text; }), vocab);
      return found.map(function (piece) {
        if (!piece.known) return piece.text;
        // Completions are alternatives: any of them may match.
        if (piece.alternatives) return piece.alternatives.map(function (w) { return w + PAD; }).join(" ");
        return (require ? "+" : "") + piece.text + (HAN.test(piece.text) ? PAD : "");
      }).join(" ");
    }).join("");
  }

  var vocabularies = new WeakMap();
  var postMessage = Worker.prototype.postMessage;

  function patched(message) {
    var args = Array.prototype.slice.call(arguments);
    try {
      if (message && message.type === SETUP && message.data && message.data.config) {
        vocabularies.set(this, vocabulary(message.data));
      } else if (message && message.type === QUERY && typeof message.data === "string" && vocabularies.has(this)) {
        args[0] = { type: QUERY, data: rewrite(message.data, vocabularies.get(this)) };
      }
    } catch (e) { /* on any surprise, the worker gets the query unchanged */ }
    return postMessage.apply(this, args);
  }
  patched.pizhu = true;
  Worker.prototype.postMessage = patched;

  window.pizhuSearch = { rewrite: rewrite, vocabulary: vocabulary, toEdition: Q.toEdition };
})();

/* pizhu: the search index is fetched when the reader goes to search, not with every page.
 *
 * Material requests search/search_index.json (an XMLHttpRequest) as soon as a page loads, which
 * is most of a cold page load's bytes for a reader who never searches. The request is opened as
 * Material asks and sent at the first sign of searching: focus in the search box (Material's
 * keyboard shortcuts focus it too), a press on the search button or its toggle, or an address
 * that asks for search or highlighting (?q=, ?h=). Until then Material shows its own
 * "initialising search" state; with instant navigation the decision lasts for the visit.
 */
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  if (typeof XMLHttpRequest === "undefined" || XMLHttpRequest.prototype.send.pizhu) return;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var wanted = false;
  var waiting = [];

  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.pizhuIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  function deferred() {
    var request = this;
    var args = arguments;
    if (!request.pizhuIndex || wanted) return send.apply(request, args);
    waiting.push(function () { send.apply(request, args); });
  }
  deferred.pizhu = true;
  XMLHttpRequest.prototype.send = deferred;

  function searching(target) {
    return target instanceof Element &&
      !!target.closest(".md-search, label[for='__search'], [data-md-component='search-query']");
  }
  document.addEventListener("focusin", function (event) { if (searching(event.target)) want(); }, true);
  document.addEventListener("pointerdown", function (event) { if (searching(event.target)) want(); }, true);
  document.addEventListener("change", function (event) {
    if (event.target instanceof Element && event.target.id === "__search") want();
  }, true);
  if (/[?&][qh]=/.test(location.search)) want();

  window.pizhuSearchIndex = { want: want, wanted: function () { return wanted; } };
})();
