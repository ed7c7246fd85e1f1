/* pizhu: the reader of an annotated article.
 *
 * Without this script every mark is a plain link (a note marker to its note in the list after
 * the text, a term to its glossary entry, a figure to its table row) and CSS :target shows
 * what a link leads to. With it:
 *
 * Cards. A trigger (note marker, term, figure, speaker, identified source) previews its target
 * in a card: on mouse hover, on keyboard focus, on tap. A card is a non-modal dialog named
 * after its trigger. While it previews, its links are out of the tab order (a marker is one
 * tab stop); Enter or a click opens it for real: its links join the tab order and focus moves
 * into it. Esc closes it and gives focus back to the trigger. On phones the card is a sheet
 * at the bottom of the screen, and the page scrolls so that the passage stays above it.
 *
 * Margin notes. From 76.25em (Material's widest layout) an article's notes sit in the right
 * margin beside their passages, aligned with their markers and pushed down when crowded:
 * number, badges and the first lines. Enter or a click on the marker (or the margin note)
 * opens the whole note there. The table of contents moves into the left navigation, and the
 * list of notes after the text folds away (it stays for print and without JavaScript).
 *
 * A note is written once, in that list: cards and margin notes are built from its element.
 * The list names a source in full once, then in short: a card names it in full again.
 * Other previews (terms, figures, events, speakers) are in a file beside the page (the reader
 * words' data-previews), fetched at the first sign of a reader at work (a key, the mouse
 * moving, a touch) or when a trigger is reached: a page loaded and left alone never downloads
 * them. A card asked for before the file is here opens when it arrives, unless the reader has
 * moved on (Escape, a click or focus elsewhere, another trigger). Term and figure previews are
 * plain text in lines (see the glossary's and tables' inline templates), the others
 * pizhu-built HTML. If the file cannot be had, a trigger is the plain link it is without script.
 *
 * The reader's controls (under the title): reading mode (every mark and marker hidden, the
 * plain article; remembered in localStorage, ?reading=1 or 0 in the address), marking terms
 * and figures (quiet by default), and filters on the notes' kinds and verdicts built from the
 * tally. n / p (or j / k) jump from note to note; a skip link leads to the notes.
 *
 * Suggest a note: selecting words of the article shows a button that writes the front matter
 * of a new note for them (anchor, and prefix/suffix when the words occur more than once in the
 * canonical text, which is the page's block text without its markers), ready to copy, with a
 * link to GitHub's new-file page when the site names its repository. Nothing is sent anywhere.
 */
(function () {
  "use strict";

  var OPEN_DELAY = 120;
  var CLOSE_DELAY = 250;
  var TOUCH_CLICK_WINDOW = 800;
  var WIDE = "(min-width: 76.25em)";
  var GAP = 4;             // px between margin notes
  var NARROW = "(max-width: 600px)";
  var SKIP = ".pz-cite, .pz-note-ref, .pz-apparatus, .headerlink, .pz-popover, .pz-mnote, .pz-suggest";
  var STORE_READING = "pizhu.reading";
  var STORE_MARKS = "pizhu.marks";

  var words = { close: "Close", search: "Search" };
  var previews = {};
  var previewsUrl = "";
  var previewsState = 0;   // 0: not asked for, 1: on its way, 2: here, 3: cannot be had
  var previewsWaiting = [];
  var waiting = null;      // {trigger, active, focus}: the card to open when the file arrives
  var article = "";        // the article's slug, on an article page
  var counter = 0;

  // The one open card and its trigger.
  var card = null;
  var owner = null;
  var openTimer = 0;
  var closeTimer = 0;
  var returningFocus = false;
  var touchOpenedAt = 0;
  var touchPoint = null;   // where the tap that opened a card was

  // Margin notes.
  var margin = false;      // laid out in the margin now
  var expanded = null;     // the open margin note
  var observer = null;

  // Filters: kinds and verdicts chosen (none chosen: every note).
  var chosen = { kind: [], verdict: [] };

  // ---- small helpers ---------------------------------------------------------------------

  function t(key, values) {
    var text = words[key] || key;
    for (var name in values || {}) text = text.split("{" + name + "}").join(values[name]);
    return text;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Escaped text (what the build's templates write) as plain text; any markup is dropped.
  function plain(escaped) {
    return new DOMParser().parseFromString("<!doctype html><body>" + escaped, "text/html").body.textContent || "";
  }

  // JSON in a <script type="application/json"> (outside the page's content) or a hidden element
  // (inside it: Material's instant navigation runs every <script> of new content as JavaScript).
  function readJSON(node) {
    try { return JSON.parse(node.textContent || "{}"); } catch (e) { return {}; }
  }

  function store(key, value) {
    try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }

  function stored(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  function content() { return document.querySelector(".md-content__inner") || document.body; }
  function markers() { return Array.prototype.slice.call(document.querySelectorAll(".pz-note-ref > a")); }
  function visibleMarkers() {
    return markers().filter(function (m) { return !m.closest(".pz-off") && m.getClientRects().length; });
  }
  function isMarker(node) { return !!(node && node.parentNode && node.parentNode.classList &&
                                      node.parentNode.classList.contains("pz-note-ref")); }
  function reading() { return document.documentElement.classList.contains("pz-reading"); }

  // Material's instant navigation makes every href absolute: read fragments from the URL.
  function fragment(link) { return decodeURIComponent((link.hash || "").slice(1)); }
  function samePage(link) {
    return !!link.hash && link.host === location.host && link.pathname === location.pathname;
  }
  function noteId(marker) { return fragment(marker); }
  function endnote(marker) {
    var node = document.getElementById(noteId(marker));
    return node && node.classList.contains("pz-note") ? node : null;
  }
  function markerOf(note) { return document.getElementById("ref-" + note.id); }
  function passageOf(trigger) {
    if (!isMarker(trigger)) return trigger;
    var mark = trigger.parentNode.previousElementSibling;
    return mark && mark.matches("mark.pz-note-span") ? mark : trigger;
  }

  function withoutTabStops(root, off) {
    var nodes = root.querySelectorAll("a[href], button, input, textarea, select, [tabindex]");
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i] === root) continue;
      if (off) nodes[i].setAttribute("tabindex", "-1"); else nodes[i].removeAttribute("tabindex");
    }
  }

  function copyText(text, button) {
    function done(ok) {
      var label = button.getAttribute("data-label") || button.textContent;
      button.setAttribute("data-label", label);
      button.textContent = ok ? t("copied") : t("copy_failed");
      setTimeout(function () { button.textContent = label; }, 2000);
    }
    function fallback() {
      var area = el("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed"; area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      button.focus();
      done(ok);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  function copyLinkButton(id) {
    var button = el("button", "pz-copy-link", t("copy_link"));
    button.type = "button";
    button.addEventListener("click", function (event) {
      event.stopPropagation();
      copyText(location.href.split("#")[0] + "#" + id, button);
    });
    return button;
  }

  // ---- what a card or margin note shows --------------------------------------------------

  // A note, from its element in the list: head, body, sources, author (not the editing path).
  function noteContent(note, full) {
    var frag = document.createDocumentFragment();
    var title = el("p", "pz-pop-title");
    title.appendChild(el("span", "pz-pop-number", t("note", { number: note.getAttribute("value") })));
    var head = note.querySelector(".pz-note-head");
    if (head) {
      var badges = el("span", "pz-pop-head");
      var copy = head.cloneNode(true);
      while (copy.firstChild) badges.appendChild(copy.firstChild);
      title.appendChild(document.createTextNode(" "));
      title.appendChild(badges);
    }
    frag.appendChild(title);
    var parts = full ? [".pz-note-body", ".pz-note-sources", ".pz-note-meta"] : [".pz-note-body"];
    parts.forEach(function (selector) {
      var part = note.querySelector(selector);
      if (!part) return;
      var copy = part.cloneNode(true);
      var extras = copy.querySelectorAll(".pz-note-edit, .pz-copy-link");
      for (var i = 0; i < extras.length; i++) extras[i].remove();
      if (selector === ".pz-note-sources") fullSourceNames(copy);
      frag.appendChild(copy);
    });
    if (full) {
      var actions = el("p", "pz-pop-actions");
      actions.appendChild(copyLinkButton(note.id));
      if (!margin || !note.closest(".pz-notes-folded")) {
        var more = el("a", "pz-in-list", t("in_list"));
        more.href = "#" + note.id;
        actions.appendChild(document.createTextNode(" "));
        actions.appendChild(more);
      }
      frag.appendChild(actions);
    }
    return frag;
  }

  // The list names a source in full where it first cites it and by publisher and date after
  // (the build shortens only a source whose link is its own): a card, read on its own, gets the
  // full name from that first link.
  function fullSourceNames(sources) {
    var links = sources.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var selector = '.pz-notes .pz-note-sources a[href="' + CSS.escape(links[i].getAttribute("href")) + '"]';
      var first = document.querySelector(selector);
      if (first) links[i].textContent = first.textContent;
    }
  }

  // A margin note folded: number, badges and the note's first lines, in one clamped run of text.
  function marginContent(note) {
    var text = el("span", "pz-mnote-text");
    text.appendChild(el("strong", "pz-mnote-num", note.getAttribute("value")));
    var head = note.querySelector(".pz-note-head");
    if (head) {
      var copy = head.cloneNode(true);
      while (copy.firstChild) text.appendChild(copy.firstChild);
    }
    var body = note.querySelector(".pz-note-body");
    if (body) { text.appendChild(document.createTextNode(" ")); text.appendChild(body.cloneNode(true)); }
    return text;
  }

  // ---- previews ---------------------------------------------------------------------------

  function waitsForPreviews(trigger) { return !isMarker(trigger) && previewsState < 2; }

  // Fetch the page's previews once; ``then`` runs when they are here or cannot be had.
  function loadPreviews(then) {
    if (previewsState >= 2) { if (then) then(); return; }
    if (then) previewsWaiting.push(then);
    if (previewsState === 1) return;
    previewsState = 1;
    var url = previewsUrl;
    fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (data) {
      if (url === previewsUrl) { previews = data; previewsState = 2; }
    }, function () {
      if (url === previewsUrl) previewsState = 3;
    }).then(function () {
      if (url !== previewsUrl) return;  // the reader has gone to another page meanwhile
      var queued = previewsWaiting;
      previewsWaiting = [];
      queued.forEach(function (run) { run(); });
    });
  }

  // ``trigger``'s card, once the previews are here (one waits at a time, the last asked for):
  // a preview, or opened for real; a trigger asked for for real whose previews cannot be had
  // is followed as the link it is.
  function waitFor(trigger, active, focus) {
    if (waiting && waiting.trigger === trigger && waiting.active && !active) return;
    waiting = { trigger: trigger, active: active, focus: focus };
    loadPreviews(function () {
      if (!waiting || waiting.trigger !== trigger) return;
      var asked = waiting;
      waiting = null;
      if (!asked.active) open(trigger, false, false);
      else if (!openFully(trigger, asked.focus)) location.href = trigger.href;
    });
  }

  // The first sign of a reader at work (a key, the mouse moving, a touch) fetches the previews,
  // so that they are here when a term is reached, and a screen reader hears the first card too.
  var READER_AT_WORK = ["keydown", "pointermove", "touchstart"];
  function prefetchPreviews() {
    READER_AT_WORK.forEach(function (type) { document.removeEventListener(type, prefetchPreviews, true); });
    if (previewsState === 0) loadPreviews();
  }

  function keyOf(trigger) {
    if (trigger.hasAttribute("data-pz-pop")) return trigger.getAttribute("data-pz-pop");
    return fragment(trigger);
  }

  // A preview in lines (terms, figures): line 1 is the title (for a term: term, pinyin, English,
  // category, tab-separated); a line with a tab is a table row; a line right before rows is
  // their caption; other lines are paragraphs.
  function linesContent(text, trigger) {
    var frag = document.createDocumentFragment();
    var lines = text.split("\n");
    var head = lines[0].split("\t");
    var title = el("p", "pz-pop-title", plain(head[0]));
    var langs = [null, "zh-Latn-pinyin", "en"];
    for (var i = 1; i < head.length; i++) {
      if (!head[i]) continue;
      var part = el("span", i === 3 ? "pz-badge" : i === 1 ? "pz-term-pinyin" : "pz-term-english", plain(head[i]));
      if (langs[i]) part.lang = langs[i];
      title.appendChild(document.createTextNode(" "));
      title.appendChild(part);
    }
    frag.appendChild(title);
    var table = null;
    for (var n = 1; n < lines.length; n++) {
      var line = lines[n];
      if (line.indexOf("\t") >= 0) {
        if (!table) {
          table = el("table", "pz-pop-table");
          table.appendChild(el("tbody"));
          frag.appendChild(table);
        }
        var cells = line.split("\t");
        var row = el("tr");
        var th = el("th", "", plain(cells[0]));
        th.scope = "row";
        row.appendChild(th);
        row.appendChild(el("td", "", plain(cells.slice(1).join(" "))));
        table.tBodies[0].appendChild(row);
      } else if (n + 1 < lines.length && lines[n + 1].indexOf("\t") >= 0) {
        table = el("table", "pz-pop-table");
        var caption = el("caption", "", plain(line));
        table.appendChild(caption);
        table.appendChild(el("tbody"));
        frag.appendChild(table);
      } else {
        table = null;
        frag.appendChild(el("p", line === lines[lines.length - 1] && trigger.classList.contains("pz-figure")
          ? "pz-figure-claim" : "", plain(line)));
      }
    }
    var more = el("p", "pz-pop-more");
    var link = el("a", "", t(trigger.classList.contains("pz-figure") ? "more_row" : "more_term"));
    link.href = trigger.getAttribute("href");
    more.appendChild(link);
    frag.appendChild(more);
    return frag;
  }

  function cardContent(trigger) {
    if (isMarker(trigger)) {
      var note = endnote(trigger);
      return note ? noteContent(note, true) : null;
    }
    var keys = keyOf(trigger).split(" ").filter(function (k) { return previews[k]; });
    if (!keys.length) return null;
    var frag = document.createDocumentFragment();
    keys.forEach(function (key) {
      var text = previews[key];
      if (text.charAt(0) === "<") {
        var box = el("div");
        box.innerHTML = text;  // pizhu's own templates, contributor Markdown sanitised at build time
        while (box.firstChild) frag.appendChild(box.firstChild);
      } else {
        frag.appendChild(linesContent(text, trigger));
      }
    });
    return frag;
  }

  // ---- cards ------------------------------------------------------------------------------

  function cancelClose() { clearTimeout(closeTimer); closeTimer = 0; }
  // A hover's card waiting for the previews is given up with the hover (not while its trigger
  // has focus); a card asked for by Enter, a click or a tap, by Escape, a click or tap
  // elsewhere, focus moving on, or another trigger.
  function cancelOpen() {
    clearTimeout(openTimer); openTimer = 0;
    if (waiting && !waiting.active && waiting.trigger !== document.activeElement) waiting = null;
  }

  function close(returnFocus) {
    cancelClose(); cancelOpen();
    if (!card) return;
    var trigger = owner;
    var hadFocus = card.contains(document.activeElement);
    card.remove();
    card = null; owner = null;
    document.body.style.paddingBottom = "";
    if (!trigger) return;
    trigger.setAttribute("aria-expanded", "false");
    trigger.removeAttribute("aria-describedby");
    passageOf(trigger).classList.remove("pz-current");
    if (returnFocus || hadFocus) {
      returningFocus = true;
      trigger.focus({ preventScroll: true });
      returningFocus = false;
    }
  }

  function scheduleClose() {
    cancelClose();
    closeTimer = setTimeout(function () { close(false); }, CLOSE_DELAY);
  }

  function headerBottom() {
    var header = document.querySelector(".md-header");
    return header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
  }

  // Phones: the sheet covers the bottom of the screen; scroll the passage above it.
  function keepAboveSheet(trigger, pop) {
    var passage = passageOf(trigger);
    var rects = Array.prototype.slice.call(passage.getClientRects()).concat([trigger.getBoundingClientRect()]);
    var top = Math.min.apply(null, rects.map(function (r) { return r.top; }));
    var bottom = Math.max.apply(null, rects.map(function (r) { return r.bottom; }));
    var sheetTop = pop.getBoundingClientRect().top - 8;
    var roof = headerBottom() + 8;
    var delta = 0;
    if (bottom > sheetTop) delta = bottom - sheetTop;
    if (top - delta < roof) delta = top - roof;
    if (!delta) return;
    document.body.style.paddingBottom = pop.offsetHeight + 16 + "px";
    window.scrollBy(0, delta);
  }

  function place(trigger, pop) {
    var narrow = window.matchMedia(NARROW).matches;
    pop.classList.toggle("pz-popover--sheet", narrow);
    if (narrow) {
      pop.style.left = ""; pop.style.top = "";
      keepAboveSheet(trigger, pop);
      return;
    }
    var anchor = trigger.getBoundingClientRect();
    var parent = (pop.offsetParent || document.body).getBoundingClientRect();
    var width = pop.offsetWidth;
    var left = Math.max(8, Math.min(anchor.left, window.innerWidth - width - 8));
    var below = anchor.bottom + 6;
    var top = below + pop.offsetHeight > window.innerHeight - 8 && anchor.top > pop.offsetHeight + 12
      ? anchor.top - pop.offsetHeight - 6 : below;
    pop.style.left = (left - parent.left) + "px";
    pop.style.top = (top - parent.top) + "px";
  }

  function activate(pop, focus) {
    pop.classList.remove("pz-preview");
    withoutTabStops(pop, false);
    if (focus) pop.focus({ preventScroll: true });
  }

  // Open ``trigger``'s card: as a preview, or active (links reachable, focus inside when ``focus``).
  function open(trigger, active, focus) {
    cancelClose(); cancelOpen();
    if (owner === trigger && card) {
      if (active) activate(card, focus);
      return;
    }
    close(false);
    var body = cardContent(trigger);
    if (!body) return;
    counter += 1;
    var pop = el("span", "pz-popover pz-apparatus");
    pop.id = "pz-card-" + counter;
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-label", trigger.getAttribute("aria-label") || trigger.textContent);
    pop.tabIndex = -1;
    var closer = el("button", "pz-pop-close", "×");
    closer.type = "button";
    closer.setAttribute("aria-label", words.close);
    closer.addEventListener("click", function (event) { event.stopPropagation(); close(true); });
    pop.appendChild(closer);
    pop.appendChild(body);
    var host = trigger.closest("sup") || trigger;
    host.insertAdjacentElement("afterend", pop);
    pop.addEventListener("mouseenter", cancelClose);
    pop.addEventListener("mouseleave", function () { if (pop.classList.contains("pz-preview")) scheduleClose(); });
    trigger.setAttribute("aria-expanded", "true");
    trigger.setAttribute("aria-describedby", pop.id);
    passageOf(trigger).classList.add("pz-current");
    card = pop; owner = trigger;
    if (active) activate(pop, false); else { pop.classList.add("pz-preview"); withoutTabStops(pop, true); }
    place(trigger, pop);
    if (active && focus) pop.focus({ preventScroll: true });
  }

  // ---- margin notes -----------------------------------------------------------------------

  function wantMargin() {
    return !!document.querySelector(".pz-note-ref") && window.matchMedia(WIDE).matches && !reading();
  }

  function buildMargin() {
    markers().forEach(function (marker) {
      var note = endnote(marker);
      if (!note || marker.parentNode.nextElementSibling && marker.parentNode.nextElementSibling.matches(".pz-mnote")) return;
      var box = el("span", "pz-mnote pz-apparatus");
      box.setAttribute("data-for", note.id);
      box.setAttribute("aria-hidden", "true");
      box.appendChild(marginContent(note));
      withoutTabStops(box, true);
      box.addEventListener("click", function (event) {
        if (box !== expanded) { event.preventDefault(); expand(marker, false); }
      });
      box.addEventListener("mouseenter", function () { passageOf(marker).classList.add("pz-current"); });
      box.addEventListener("mouseleave", function () { if (owner !== marker) passageOf(marker).classList.remove("pz-current"); });
      marker.parentNode.insertAdjacentElement("afterend", box);
    });
    var list = document.querySelector(".pz-notes");
    if (list && !document.querySelector(".pz-notes-toggle")) {
      var toggle = el("button", "pz-notes-toggle");
      toggle.type = "button";
      toggle.setAttribute("aria-controls", "pz-notes-list");
      list.id = list.id || "pz-notes-list";
      toggle.addEventListener("click", function () { foldList(!list.classList.contains("pz-notes-folded")); });
      list.insertAdjacentElement("beforebegin", toggle);
    }
    foldList(true);
  }

  function foldList(folded) {
    var list = document.querySelector(".pz-notes");
    var toggle = document.querySelector(".pz-notes-toggle");
    if (!list || !toggle) return;
    list.classList.toggle("pz-notes-folded", folded);
    toggle.setAttribute("aria-expanded", String(!folded));
    toggle.textContent = folded ? t("show_list", { count: list.children.length }) : t("hide_list");
  }

  function mnoteOf(marker) {
    var next = marker.parentNode.nextElementSibling;
    return next && next.matches(".pz-mnote") ? next : null;
  }

  function expand(marker, focus) {
    var box = mnoteOf(marker);
    var note = endnote(marker);
    if (!box || !note) return;
    if (expanded && expanded !== box) collapse(false);
    if (expanded !== box) {
      box.textContent = "";
      var closer = el("button", "pz-pop-close", "×");
      closer.type = "button";
      closer.setAttribute("aria-label", words.close);
      closer.addEventListener("click", function (event) { event.stopPropagation(); collapse(true); });
      box.appendChild(closer);
      box.appendChild(noteContent(note, true));
      box.classList.add("pz-mnote--open");
      box.removeAttribute("aria-hidden");
      box.setAttribute("role", "dialog");
      box.setAttribute("aria-label", marker.getAttribute("aria-label"));
      box.tabIndex = -1;
      marker.setAttribute("aria-expanded", "true");
      passageOf(marker).classList.add("pz-current");
      expanded = box;
      layoutMargin();
    }
    if (focus) box.focus({ preventScroll: true });
    var rect = box.getBoundingClientRect();
    if (rect.bottom > window.innerHeight || rect.top < headerBottom()) {
      box.scrollIntoView({ block: rect.height < window.innerHeight - headerBottom() ? "nearest" : "start" });
    }
  }

  function collapse(returnFocus) {
    var box = expanded;
    if (!box) return;
    expanded = null;
    var marker = document.getElementById("ref-" + box.getAttribute("data-for"));
    var note = marker && document.getElementById(box.getAttribute("data-for"));
    var hadFocus = box.contains(document.activeElement);
    box.textContent = "";
    if (note) box.appendChild(marginContent(note));
    box.classList.remove("pz-mnote--open");
    box.setAttribute("aria-hidden", "true");
    box.removeAttribute("role");
    box.removeAttribute("aria-label");
    box.removeAttribute("tabindex");
    withoutTabStops(box, true);
    var link = marker && marker.querySelector("a");
    if (link) {
      link.setAttribute("aria-expanded", "false");
      passageOf(link).classList.remove("pz-current");
      if (returnFocus || hadFocus) {
        returningFocus = true;
        link.focus({ preventScroll: true });
        returningFocus = false;
      }
    }
    layoutMargin();
  }

  // Where a margin note wants to be: level with the line its marker ends.
  function lineTop(marker) {
    var rects = passageOf(marker.querySelector("a") || marker).getClientRects();
    var last = rects[rects.length - 1] || marker.getBoundingClientRect();
    return last.top;
  }

  // Each margin note level with its marker's line, or right below the one before it when
  // crowded. A folded note shows up to three lines, fewer when the next note's marker is near,
  // so that crowded stretches stay close to their passages.
  function layoutMargin() {
    if (!margin) return;
    var container = content();
    var origin = container.getBoundingClientRect().top;
    var boxes = Array.prototype.slice.call(container.querySelectorAll(".pz-mnote")).filter(function (box) {
      var marker = box.previousElementSibling;
      var shown = !box.hidden && marker && marker.getClientRects().length;
      if (!shown) box.style.top = "";
      return shown;
    });
    var wants = boxes.map(function (box) { return lineTop(box.previousElementSibling) - origin; });
    var floor = -Infinity;
    boxes.forEach(function (box, i) {
      var top = Math.max(wants[i], floor);
      var text = box.querySelector(".pz-mnote-text");
      if (text) {
        var line = parseFloat(getComputedStyle(box).lineHeight) || 18;
        var room = i + 1 < boxes.length ? wants[i + 1] - top - GAP : Infinity;
        text.style.webkitLineClamp = String(Math.max(1, Math.min(3, Math.floor(room / line))));
      }
      box.style.top = top + "px";
      floor = top + box.offsetHeight + GAP;
    });
  }

  function setMargin(on) {
    if (on === margin) { if (on) layoutMargin(); return; }
    margin = on;
    document.documentElement.classList.toggle("pz-margin-mode", on);
    var nav = document.querySelector(".md-nav--primary");
    if (nav) nav.classList.toggle("md-nav--integrated", on);
    if (on) {
      close(false);
      buildMargin();
      layoutMargin();
      if (window.ResizeObserver && !observer) {
        observer = new ResizeObserver(function () { layoutMargin(); });
        observer.observe(content());
      }
    } else {
      collapse(false);
      var boxes = document.querySelectorAll(".pz-mnote");
      for (var i = 0; i < boxes.length; i++) boxes[i].remove();
      foldList(false);
      var toggle = document.querySelector(".pz-notes-toggle");
      if (toggle) toggle.remove();
      if (observer) { observer.disconnect(); observer = null; }
    }
  }

  // ---- opening things ---------------------------------------------------------------------

  // Enter or a click: the whole note (margin or card), or the card of a term or figure.
  function openFully(trigger, focus) {
    if (waitsForPreviews(trigger)) {
      waitFor(trigger, true, focus);
      return true;
    }
    if (margin && isMarker(trigger) && mnoteOf(trigger)) {
      close(false);
      expand(trigger, focus);
      return true;
    }
    if (!cardContent(trigger)) return false;
    open(trigger, true, focus);
    return true;
  }

  function preview(trigger) {
    if (margin && isMarker(trigger)) {
      var box = mnoteOf(trigger);
      if (box) {
        box.classList.add("pz-mnote--current");
        passageOf(trigger).classList.add("pz-current");
        trigger.setAttribute("aria-describedby", ensureId(box));
      }
      return;
    }
    if (waitsForPreviews(trigger)) {
      waitFor(trigger, false, false);
      return;
    }
    open(trigger, false, false);
  }

  function unpreview(trigger) {
    var box = mnoteOf(trigger);
    if (box && box !== expanded) {
      box.classList.remove("pz-mnote--current");
      passageOf(trigger).classList.remove("pz-current");
    }
    if (box) trigger.removeAttribute("aria-describedby");
  }

  function ensureId(node) {
    if (!node.id) { counter += 1; node.id = "pz-mnote-" + counter; }
    return node.id;
  }

  function triggerOf(target) {
    return target && target.closest ? target.closest("a.pz-pop, .pz-note-ref > a") : null;
  }

  // ---- events -----------------------------------------------------------------------------

  function onFocusIn(event) {
    if (waiting && event.target !== waiting.trigger) waiting = null;  // focus moved on
    var trigger = triggerOf(event.target);
    if (trigger && !returningFocus && !reading()) preview(trigger);
  }

  function onFocusOut(event) {
    var trigger = triggerOf(event.target);
    if (trigger && margin && isMarker(trigger)) unpreview(trigger);
    if (!card) return;
    var left = event.target;
    if (left !== owner && !card.contains(left)) return;
    var next = event.relatedTarget;
    if (next && (card.contains(next) || next === owner)) return;
    scheduleClose();
  }

  function onPointerOver(event) {
    if (event.pointerType && event.pointerType !== "mouse") return;
    lateTitle(event.target);
    var trigger = triggerOf(event.target);
    if (!trigger || reading()) return;
    if (trigger === owner) { cancelClose(); return; }
    cancelOpen();
    if (!isMarker(trigger)) loadPreviews();  // on its way while the pointer rests
    openTimer = setTimeout(function () { preview(trigger); }, OPEN_DELAY);
  }

  // Long lists of links (the glossary's places) carry their tooltip as data-pz-title: Material
  // mounts a tooltip for every [title] when a page loads, hundreds of them on the glossary page.
  // On the first hover the text becomes a plain title, which the browser shows.
  function lateTitle(target) {
    var link = target && target.closest ? target.closest("[data-pz-title]") : null;
    if (link && !link.hasAttribute("title")) link.setAttribute("title", link.getAttribute("data-pz-title"));
  }

  function onPointerOut(event) {
    if (event.pointerType && event.pointerType !== "mouse") return;
    var trigger = triggerOf(event.target);
    if (!trigger || trigger.contains(event.relatedTarget)) return;
    cancelOpen();
    if (margin && isMarker(trigger) && document.activeElement !== trigger) unpreview(trigger);
    if (trigger === owner && card && card.classList.contains("pz-preview")) scheduleClose();
  }

  // Touch: open from the element under the finger. Chromium's tap "touch adjustment" may send
  // the click that follows to a larger neighbour (a note highlight around a figure link).
  function onPointerUp(event) {
    if (event.pointerType !== "touch" || reading()) return;
    var trigger = triggerOf(event.target);
    if (waiting && trigger !== waiting.trigger) waiting = null;  // a tap elsewhere
    if (!trigger) return;
    if (openFully(trigger, false)) { touchOpenedAt = Date.now(); touchPoint = [event.clientX, event.clientY]; }
  }

  function onClick(event) {
    // The click of the tap that just opened a card: it may land anywhere, even on a link of the
    // card (a sheet opens under the finger), and must not follow it.
    if (Date.now() - touchOpenedAt < TOUCH_CLICK_WINDOW && touchPoint &&
        Math.abs(event.clientX - touchPoint[0]) < 12 && Math.abs(event.clientY - touchPoint[1]) < 12) {
      touchOpenedAt = 0; touchPoint = null;
      event.preventDefault();
      return;
    }
    var trigger = triggerOf(event.target);
    if (waiting && trigger !== waiting.trigger) waiting = null;  // a click elsewhere
    if (trigger && !reading()) {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      if (openFully(trigger, event.detail === 0)) event.preventDefault();
      return;
    }
    var inPage = event.target.closest && event.target.closest("a[href]");
    if (inPage && samePage(inPage) && (card && card.contains(inPage) || expanded && expanded.contains(inPage))) {
      // "See it in the list": leave the card for the note, with focus on it.
      event.preventDefault();
      var id = fragment(inPage);
      close(false); collapse(false);
      history.pushState(null, "", "#" + id);
      showTarget(true);
      return;
    }
    if (card && !card.contains(event.target)) close(false);
    if (expanded && !expanded.contains(event.target) && !(trigger && isMarker(trigger))) collapse(false);
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName));
  }

  function jump(step) {
    var list = visibleMarkers();
    if (!list.length) return;
    var at = list.indexOf(document.activeElement);
    if (at < 0 && card && owner) at = list.indexOf(owner);
    if (at < 0 && expanded) at = list.indexOf(expanded.previousElementSibling.firstElementChild);
    var next;
    if (at >= 0) {
      next = list[Math.max(0, Math.min(list.length - 1, at + step))];
    } else {
      var roof = headerBottom();
      var below = list.filter(function (m) { return m.getBoundingClientRect().top > roof + 1; });
      next = step > 0 ? below[0] || list[list.length - 1] : list[list.indexOf(below[0]) - 1] || list[0];
    }
    if (expanded) collapse(false);
    close(false);
    next.focus({ preventScroll: true });
    var rect = next.getBoundingClientRect();
    if (rect.top < headerBottom() + 8 || rect.bottom > window.innerHeight - 8) {
      next.scrollIntoView({ block: "center" });
      if (card && owner === next) place(next, card);
    }
  }

  function onKeyDown(event) {
    if (event.key === "Escape") {
      waiting = null;
      if (card) { event.stopPropagation(); close(true); return; }
      if (expanded) { event.stopPropagation(); collapse(true); return; }
      return;
    }
    var trigger = triggerOf(event.target);
    if (event.key === "Enter" && trigger && !reading() && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      if (openFully(trigger, true)) { event.preventDefault(); event.stopPropagation(); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target) || reading()) return;
    if (!document.querySelector(".pz-note-ref") || document.querySelector(".md-search__input:focus")) return;
    var step = { n: 1, j: 1, p: -1, k: -1 }[event.key];
    if (!step) return;
    // Material binds n / p to the next and previous page: on an article they move between notes.
    event.preventDefault();
    event.stopPropagation();
    jump(step);
  }

  // ---- permalinks and :target ------------------------------------------------------------

  // A permalink (#note-…) shows its note: the margin note (wide screens) or the list entry,
  // marked as the current one; ``focus`` moves focus to it (after an in-page link).
  function showTarget(focus) {
    var hash = decodeURIComponent(location.hash.slice(1));
    var current = document.querySelectorAll(".pz-target");
    for (var i = 0; i < current.length; i++) current[i].classList.remove("pz-target");
    if (!hash) return;
    var target = document.getElementById(hash);
    if (!target) return;
    target.classList.add("pz-target");
    if (hash === "notes") foldList(false);  // the skip link's target: whoever skips there reads the list
    var details = target.closest("details");
    if (details) details.open = true;
    if (target.classList.contains("pz-note")) {
      var off = target.classList.contains("pz-off");
      if (off) { chosen = { kind: [], verdict: [] }; applyFilter(); }
      var marker = markerOf(target);
      var link = marker && marker.querySelector("a");
      if (margin && link && mnoteOf(link)) {
        link.scrollIntoView({ block: "center" });
        expand(link, focus);
        return;
      }
    }
    if (focus) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "start" });
    }
  }

  // ---- the reader's controls -------------------------------------------------------------

  function setReading(on, remember) {
    document.documentElement.classList.toggle("pz-reading", on);
    if (remember) store(STORE_READING, on ? "1" : "0");
    var marks = document.querySelectorAll(".md-content .pz-block a");
    for (var i = 0; i < marks.length; i++) {
      if (on) marks[i].setAttribute("tabindex", "-1"); else if (!marks[i].closest(".pz-popover, .pz-mnote")) marks[i].removeAttribute("tabindex");
    }
    var button = document.querySelector(".pz-reading-toggle");
    if (button) {
      button.setAttribute("aria-pressed", String(on));
      button.textContent = on ? t("reading_off") : t("reading");
    }
    if (on) { close(false); collapse(false); }
    setMargin(wantMargin());
  }

  function setMarks(on, remember) {
    document.documentElement.classList.toggle("pz-marks", on);
    if (remember) store(STORE_MARKS, on ? "1" : "0");
    var button = document.querySelector(".pz-marks-toggle");
    if (button) button.setAttribute("aria-pressed", String(on));
  }

  function noteFacts(item) {
    var kind = item.querySelector("[class*='pz-kind-']");
    var verdict = item.querySelector("[class*='pz-verdict-']");
    function value(node, prefix) {
      if (!node) return "";
      var match = node.className.match(new RegExp(prefix + "([a-z-]+)"));
      return match ? match[1] : "";
    }
    return { kind: value(kind, "pz-kind-"), verdict: value(verdict, "pz-verdict-") };
  }

  function matches(facts) {
    return (!chosen.kind.length || chosen.kind.indexOf(facts.kind) >= 0) &&
           (!chosen.verdict.length || chosen.verdict.indexOf(facts.verdict) >= 0);
  }

  function applyFilter() {
    var shown = 0;
    var total = 0;
    var items = document.querySelectorAll(".pz-notes > li, .pz-note-index > li");
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var ok = matches(noteFacts(item));
      total += 1; shown += ok ? 1 : 0;
      item.classList.toggle("pz-off", !ok);
      item.hidden = !ok;
      if (item.classList.contains("pz-note")) {
        var marker = markerOf(item);
        if (marker) {
          marker.classList.toggle("pz-off", !ok);
          var mark = marker.previousElementSibling;
          if (mark && mark.matches("mark.pz-note-span")) mark.classList.toggle("pz-off", !ok);
          var box = marker.nextElementSibling;
          if (box && box.matches(".pz-mnote")) {
            box.hidden = !ok;
            if (!ok && box === expanded) collapse(false);
          }
        }
      }
    }
    // On the notes index, a section without notes left hides its heading too.
    var lists = document.querySelectorAll(".pz-note-index");
    for (var j = 0; j < lists.length; j++) {
      var empty = !lists[j].querySelector("li:not([hidden])");
      lists[j].hidden = empty;
      var heading = lists[j].previousElementSibling;
      if (heading && /^H[2-6]$/.test(heading.tagName)) heading.hidden = empty;
    }
    var buttons = document.querySelectorAll(".pz-filter button[data-facet]");
    for (var b = 0; b < buttons.length; b++) {
      var facet = buttons[b].getAttribute("data-facet");
      var on = facet === "all" ? !chosen.kind.length && !chosen.verdict.length
        : chosen[facet].indexOf(buttons[b].getAttribute("data-value")) >= 0;
      buttons[b].setAttribute("aria-pressed", String(on));
    }
    var status = document.querySelector(".pz-filter-status");
    if (status) status.textContent = total && shown < total ? t("showing", { count: shown, total: total }) : "";
    layoutMargin();
  }

  function filterButton(label, facet, value) {
    var button = el("button", "pz-chip", label);
    button.type = "button";
    button.setAttribute("data-facet", facet);
    if (value) button.setAttribute("data-value", value);
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      if (facet === "all") {
        chosen = { kind: [], verdict: [] };
      } else {
        var list = chosen[facet];
        var at = list.indexOf(value);
        if (at >= 0) list.splice(at, 1); else list.push(value);
      }
      applyFilter();
    });
    return button;
  }

  // Filter buttons from the tally's items: kinds, then verdicts. On narrow screens they fold
  // behind one button, so that the article starts near the top.
  function buildFilter(after, bar) {
    var items = document.querySelectorAll(".pz-tally-item");
    if (!items.length) return null;
    counter += 1;
    var group = el("div", "pz-filter");
    group.id = "pz-filter-" + counter;
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", t("filter"));
    group.appendChild(filterButton(t("all"), "all"));
    ["kind", "verdict"].forEach(function (facet) {
      var first = true;
      for (var i = 0; i < items.length; i++) {
        var value = items[i].getAttribute("data-pz-" + facet);
        if (!value) continue;
        if (first && facet === "verdict") group.appendChild(el("span", "pz-filter-label", t("verdicts")));
        first = false;
        group.appendChild(filterButton(items[i].textContent, facet, value));
      }
    });
    var toggle = el("button", "pz-chip pz-filter-toggle", t("filter"));
    toggle.type = "button";
    toggle.setAttribute("aria-controls", group.id);
    // The filters show the counts: while they are open the tally's text would say them twice.
    // Closed at first, so that nothing the reader did not ask for moves the article down.
    var tallies = document.querySelectorAll(".pz-tally");
    function show(open) {
      toggle.setAttribute("aria-expanded", String(open));
      group.hidden = !open;
      for (var j = 0; j < tallies.length; j++) tallies[j].hidden = open;
    }
    toggle.addEventListener("click", function () { show(group.hidden); });
    show(false);
    if (bar) bar.insertBefore(toggle, bar.querySelector(".pz-keys")); else after.insertAdjacentElement("afterend", toggle);
    var status = el("p", "pz-filter-status");
    status.setAttribute("role", "status");
    (bar || toggle).insertAdjacentElement("afterend", group);
    group.insertAdjacentElement("afterend", status);
    return status;
  }

  function buildControls() {
    var meta = document.querySelector(".md-content .pz-meta");
    // The article page holds an empty bar (its height reserved in CSS, so filling it moves nothing).
    var slot = document.querySelector(".md-content .pz-reader-bar");
    if (!meta || (slot && slot.childElementCount)) return;
    var hasMarks = !!document.querySelector(".md-content .pz-block a, .md-content .pz-block mark");
    var anchor = meta;
    if (hasMarks) {
      var bar = slot || el("div", "pz-reader-bar");
      bar.setAttribute("role", "group");
      bar.setAttribute("aria-label", t("settings"));
      var readingButton = el("button", "pz-reading-toggle pz-chip", t("reading"));
      readingButton.type = "button";
      readingButton.setAttribute("aria-pressed", "false");
      readingButton.addEventListener("click", function () { setReading(!reading(), true); });
      bar.appendChild(readingButton);
      if (document.querySelector(".pz-block a.pz-term, .pz-block a.pz-figure")) {
        var marksButton = el("button", "pz-marks-toggle pz-chip", t("marks"));
        marksButton.type = "button";
        marksButton.setAttribute("aria-pressed", "false");
        marksButton.addEventListener("click", function () {
          setMarks(!document.documentElement.classList.contains("pz-marks"), true);
        });
        bar.appendChild(marksButton);
      }
      if (document.querySelector(".pz-note-ref")) bar.appendChild(el("span", "pz-keys", t("keys")));
      var cite = meta.nextElementSibling && meta.nextElementSibling.matches(".pz-cite-note") ? meta.nextElementSibling : meta;
      if (!slot) cite.insertAdjacentElement("afterend", bar);
      anchor = bar;
    }
    buildFilter(anchor, hasMarks ? anchor : null);
  }

  function addSkipLink() {
    // An article's editorial notes (a table's page has a section "notes" too: its own footnotes).
    var notes = article ? document.getElementById("notes") : null;
    var holder = document.querySelector("[data-md-component=skip]");
    if (!notes || !holder || holder.querySelector(".pz-skip")) return;
    var link = el("a", "md-skip pz-skip", t("skip"));
    link.href = "#notes";
    // Beside a wide text the list is folded (the notes are in the margin): whoever skips to the
    // notes wants to read them, so the list unfolds (here, and in showTarget when Material's
    // instant navigation sets the page up again for the new address).
    link.addEventListener("click", function () { foldList(false); });
    holder.appendChild(link);
  }

  // The byline most notes share is said once, above the list: each of them gets it back under
  // its sources (cards copy it from there, the copy-link button goes after it).
  function addBylines() {
    var usual = document.querySelector(".pz-notes-byline > .pz-note-byline");
    var notes = document.querySelectorAll(".pz-notes > li.pz-note");
    for (var i = 0; i < notes.length; i++) {
      var meta = notes[i].querySelector(".pz-note-meta");
      if (!meta) { meta = el("p", "pz-note-meta"); notes[i].appendChild(meta); }
      if (usual && !meta.querySelector(".pz-note-byline")) meta.insertBefore(usual.cloneNode(true), meta.firstChild);
    }
  }

  function addCopyButtons() {
    var notes = document.querySelectorAll(".pz-notes > li.pz-note");
    for (var i = 0; i < notes.length; i++) {
      var meta = notes[i].querySelector(".pz-note-meta");
      if (!meta || meta.querySelector(".pz-copy-link")) continue;
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(copyLinkButton(notes[i].id));
    }
  }

  // ---- suggest a note -------------------------------------------------------------------

  var suggestButton = null;
  var suggestion = null;   // {anchor, prefix, suffix, problem}

  // The canonical text as the page shows it: every block's text without markers, joined by "\n",
  // with where each text node starts in it.
  function canonicalMap() {
    var elements = document.querySelectorAll(".md-content .pz-block");
    var nodes = [];
    var blocks = [];
    var text = "";
    function skipped(node) { return !!node.parentNode.closest(SKIP); }
    for (var index = 0; index < elements.length; index++) {
      if (index) text += "\n";
      var start = text.length;
      var walker = document.createTreeWalker(elements[index], NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        if (skipped(node)) continue;
        nodes.push({ node: node, start: text.length });
        text += node.data;
      }
      blocks.push({ element: elements[index], start: start, end: text.length });
    }
    return { text: text, nodes: nodes, blocks: blocks };
  }

  function offsetOf(map, container, offset) {
    for (var i = 0; i < map.nodes.length; i++) {
      if (map.nodes[i].node === container) return map.nodes[i].start + Math.min(offset, container.data.length);
    }
    var point = document.createRange();
    point.setStart(container, offset);
    for (var n = 0; n < map.nodes.length; n++) {
      if (point.comparePoint(map.nodes[n].node, 0) >= 0) return map.nodes[n].start;
    }
    return map.text.length;
  }

  function occurrences(text, exact, prefix, suffix) {
    var found = 0;
    for (var at = text.indexOf(exact); at !== -1 && exact; at = text.indexOf(exact, at + 1)) {
      if (text.slice(Math.max(0, at - prefix.length), at) === prefix &&
          text.slice(at + exact.length, at + exact.length + suffix.length) === suffix) found += 1;
    }
    return found;
  }

  // What a note on the selection needs: its exact words, and the shortest prefix or suffix
  // (within the paragraph) that makes them match one place, as pizhu's anchoring does.
  function describeSelection(selection) {
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    var scope = document.querySelector(".md-content");
    if (!scope || !scope.contains(range.commonAncestorContainer)) return null;
    function inApparatus(node) {
      var element = node.nodeType === 1 ? node : node.parentNode;
      return !!(element && element.closest(".pz-popover, .pz-mnote, .pz-suggest, dialog"));
    }
    if (inApparatus(range.startContainer) || inApparatus(range.endContainer)) return null;
    var map = canonicalMap();
    if (!map.blocks.length) return null;
    var start = offsetOf(map, range.startContainer, range.startOffset);
    var end = offsetOf(map, range.endContainer, range.endOffset);
    while (start < end && /\s/.test(map.text.charAt(start))) start += 1;
    while (end > start && /\s/.test(map.text.charAt(end - 1))) end -= 1;
    if (end <= start) return null;
    var exact = map.text.slice(start, end);
    var block = map.blocks.filter(function (b) { return b.start <= start && start <= b.end; })[0];
    var result = { anchor: exact, prefix: "", suffix: "", problem: "", block: block, end: end };
    if (exact.indexOf("\n") >= 0) { result.problem = t("suggest_blocks"); return result; }
    if (block && block.element.classList.contains("pz-heading")) { result.problem = t("suggest_heading"); return result; }
    if (occurrences(map.text, exact, "", "") === 1) return result;
    var room = Math.max(start - block.start, block.end - end);
    for (var k = 1; k <= room; k++) {
      var prefix = map.text.slice(Math.max(block.start, start - k), start);
      var suffix = map.text.slice(end, Math.min(block.end, end + k));
      var tries = [[prefix, ""], ["", suffix], [prefix, suffix]];
      for (var i = 0; i < tries.length; i++) {
        if (occurrences(map.text, exact, tries[i][0], tries[i][1]) === 1) {
          result.prefix = tries[i][0]; result.suffix = tries[i][1];
          return result;
        }
      }
    }
    return result;
  }

  function yamlString(text) { return JSON.stringify(text); }

  function frontMatter(s) {
    var lines = ["---", "anchor: " + yamlString(s.anchor) + "  # " + t("fm_anchor")];
    if (s.prefix) lines.push("prefix: " + yamlString(s.prefix) + "  # " + t("fm_prefix"));
    if (s.suffix) lines.push("suffix: " + yamlString(s.suffix) + "  # " + t("fm_suffix"));
    lines.push("kind: context  # " + t("fm_kind"));
    lines.push("# verdict: unverified  # " + t("fm_verdict"));
    lines.push("author: your-id  # " + t("fm_author"));
    lines.push("status: draft  # " + t("fm_status"));
    lines.push("sources: []  # " + t("fm_sources"));
    lines.push("---");
    lines.push(t("fm_body"));
    return lines.join("\n") + "\n";
  }

  // Material's header links the repository (repo_url); an "edit" button names the branch.
  function repository() {
    var source = document.querySelector("a.md-source[href]");
    if (!source) return null;
    var repo = source.getAttribute("href").replace(/\/+$/, "").replace(/\.git$/, "");
    if (!/^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(repo)) return null;
    var branch = "main";
    var edit = document.querySelector("a.md-content__button[href*='/edit/'], a.md-content__button[href*='/blob/']");
    var found = edit && edit.getAttribute("href").match(/\/(?:edit|blob)\/([^/]+)\//);
    if (found) branch = found[1];
    return { repo: repo, branch: branch };
  }

  function hideSuggest() {
    if (suggestButton) { suggestButton.remove(); suggestButton = null; }
  }

  function showSuggest() {
    if (!article || reading()) { hideSuggest(); return; }
    var selection = window.getSelection();
    var found = describeSelection(selection);
    if (!found) { hideSuggest(); return; }
    suggestion = found;
    if (!suggestButton) {
      suggestButton = el("button", "pz-suggest pz-apparatus", t("suggest"));
      suggestButton.type = "button";
      suggestButton.addEventListener("mousedown", function (event) { event.preventDefault(); });
      suggestButton.addEventListener("click", function () {
        openSuggestion(describeSelection(window.getSelection()) || suggestion);
      });
    }
    var block = found.block ? found.block.element : null;
    if (!block) { hideSuggest(); return; }
    if (suggestButton.previousElementSibling !== block) block.insertAdjacentElement("afterend", suggestButton);
    var rects = selection.getRangeAt(0).getClientRects();
    var last = rects[rects.length - 1] || block.getBoundingClientRect();
    var parent = (suggestButton.offsetParent || document.body).getBoundingClientRect();
    suggestButton.style.left = Math.max(0, Math.min(last.right - parent.left - suggestButton.offsetWidth / 2,
                                                     parent.width - suggestButton.offsetWidth)) + "px";
    suggestButton.style.top = (last.bottom - parent.top + 6) + "px";
  }

  function openSuggestion(s) {
    if (!s) return;
    var dialog = el("dialog", "pz-suggest-dialog");
    counter += 1;
    var heading = el("h2", "", t("suggest_title"));
    heading.id = "pz-suggest-title-" + counter;
    dialog.setAttribute("aria-labelledby", heading.id);
    dialog.appendChild(heading);
    var path = "data/notes/" + article + "/" + t("file_id") + ".md";
    if (s.problem) {
      dialog.appendChild(el("p", "pz-suggest-problem", s.problem));
    } else {
      dialog.appendChild(el("p", "", t("suggest_intro", { path: path })));
      if (s.prefix || s.suffix) dialog.appendChild(el("p", "pz-suggest-note", t("suggest_context")));
      var text = frontMatter(s);
      var area = el("textarea", "pz-suggest-text");
      area.value = text;
      area.readOnly = true;
      area.rows = text.split("\n").length + 1;
      area.wrap = "off";
      area.setAttribute("aria-label", path);
      dialog.appendChild(area);
      var actions = el("p", "pz-suggest-actions");
      var copy = el("button", "pz-chip", t("suggest_copy"));
      copy.type = "button";
      copy.addEventListener("click", function () { copyText(text, copy); });
      actions.appendChild(copy);
      var where = repository();
      if (where) {
        var link = el("a", "pz-suggest-github", t("suggest_github"));
        link.href = where.repo + "/new/" + encodeURIComponent(where.branch) + "/data/notes/" + encodeURIComponent(article) +
          "?filename=" + encodeURIComponent(t("file_id") + ".md") + "&value=" + encodeURIComponent(text);
        link.rel = "noopener";
        actions.appendChild(document.createTextNode(" "));
        actions.appendChild(link);
      }
      dialog.appendChild(actions);
    }
    var closer = el("button", "pz-chip", words.close);
    closer.type = "button";
    closer.addEventListener("click", function () { dialog.close(); });
    dialog.appendChild(closer);
    var back = suggestButton;
    dialog.addEventListener("close", function () {
      dialog.remove();
      if (back && back.isConnected) back.focus();
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    var area2 = dialog.querySelector("textarea");
    if (area2) { area2.focus(); area2.select(); area2.scrollTop = 0; area2.scrollLeft = 0; }
  }

  var selectionTimer = 0;
  function onSelectionChange() {
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(showSuggest, 150);
  }

  // ---- every page --------------------------------------------------------------------------

  // Material's search overlay is role="dialog" without a name (axe: aria-dialog-name).
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", words.search);
  }

  function readWords() {
    var node = document.getElementById("pz-words");
    if (node) { var data = readJSON(node); for (var key in data) words[key] = data[key]; }
    var reader = document.querySelector("div.pz-reader");
    article = reader ? reader.getAttribute("data-article") || "" : "";
    if (reader) { var more = readJSON(reader); for (var k in more) words[k] = more[k]; }
  }

  function readPreviews() {
    previews = {};
    previewsWaiting = [];
    waiting = null;
    var reader = document.querySelector("div.pz-reader[data-previews]");
    previewsUrl = reader ? new URL(reader.getAttribute("data-previews"), location.href).href : "";
    previewsState = previewsUrl ? 0 : 3;
  }

  function init() {
    readWords();
    close(false);
    margin = false;
    expanded = null;
    chosen = { kind: [], verdict: [] };
    if (observer) { observer.disconnect(); observer = null; }
    document.documentElement.classList.remove("pz-margin-mode");
    nameSearchDialog();
    readPreviews();
    if (previewsUrl) {
      READER_AT_WORK.forEach(function (type) {
        document.addEventListener(type, prefetchPreviews, { capture: true, passive: true });
      });
    }
    hideSuggest();
    buildControls();
    addSkipLink();
    addBylines();
    addCopyButtons();
    var asked = new URLSearchParams(location.search).get("reading");
    setMarks(stored(STORE_MARKS) === "1", false);
    setReading(asked === "1" || (asked !== "0" && stored(STORE_READING) === "1"), false);
    applyFilter();
    showTarget(false);
  }

  document.addEventListener("pointerover", onPointerOver);
  document.addEventListener("pointerout", onPointerOut);
  document.addEventListener("pointerup", onPointerUp);
  document.addEventListener("click", onClick);
  document.addEventListener("focusin", onFocusIn);
  document.addEventListener("focusout", onFocusOut);
  document.addEventListener("keydown", onKeyDown, true);
  document.addEventListener("selectionchange", onSelectionChange);
  window.addEventListener("hashchange", function () { showTarget(true); });
  window.addEventListener("resize", function () {
    setMargin(wantMargin());
    if (card && owner) place(owner, card);
  });
  window.addEventListener("load", layoutMargin);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(layoutMargin);

  // Material's instant navigation swaps pages without reloading: set up every page again.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
