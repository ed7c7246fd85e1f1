/* pizhu: the language switch takes the reader's place along.
 *
 * The build points every link of Material's language switch (extra.alternate) at this same page
 * in the other edition, so the switch works without JavaScript. Both editions give every block,
 * heading, note and term the same id (ids stay those of the simplified edition), so the place
 * travels as a fragment: the one in the address bar while its element is where the browser
 * put it, else the block the reader is reading (the first element with an id whose bottom is
 * below the header, see place()). Material's own handler
 * (which looks the page up in the other edition's sitemap) is not needed and is not reached.
 */
(function () {
  "use strict";

  var PLACES = ".md-content .pz-block[id], .md-content [id^='note-'], .md-content [id^='term-'], " +
    ".md-content h2[id], .md-content h3[id], .md-content article > [id]";

  /** The id of the element the reader is at: the address bar's fragment while its element is
   *  where the browser put it (at the top, below the sticky header), else the first place (in
   *  page order) still visible below the header. (With navigation.tracking, Material writes the
   *  current section's heading into the address bar; the reader is usually further down, in one
   *  of its paragraphs.) */
  function place() {
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var hash = "";
    try { hash = decodeURIComponent(location.hash.slice(1)); } catch (e) { hash = ""; }
    var target = hash && document.getElementById(hash);
    if (target && target.getClientRects().length) {
      var at = target.getBoundingClientRect().top;
      if (at >= top - 8 && at <= top + 64) return hash;
    } else if (target) {
      // A note folded out of the page (wide screens show it in the margin): the reader is at its
      // marker while that is on screen.
      var marker = document.getElementById("ref-" + hash);
      var box = marker && marker.getBoundingClientRect();
      if (box && box.bottom > top && box.top < window.innerHeight) return hash;
    }
    if (window.scrollY < 1) return hash;
    var places = document.querySelectorAll(PLACES);
    for (var i = 0; i < places.length; i++) {
      var box = places[i].getBoundingClientRect();
      if (box.bottom > top + 4 && box.top < window.innerHeight) return places[i].id;
    }
    return hash;
  }

  function withPlace(href) {
    var id = place();
    return href.split("#")[0] + (id ? "#" + encodeURIComponent(id) : "");
  }

  // Material's instant navigation changes the page without changing the header, whose links
  // still point at the other edition's copy of the page first loaded. Both editions have the
  // same pages at the same paths below their homes: the homes are what the page first loaded
  // and its link do not share (/a/b/ and /zh-hant/a/b/: / and /zh-hant/), and the current page
  // is taken from one to the other.
  var loaded = location.pathname.split("/");

  function target(link) {
    if (!link.hasAttribute("data-pz-href")) link.setAttribute("data-pz-href", link.href.split("#")[0]);
    var other = new URL(link.getAttribute("data-pz-href"));
    var there = other.pathname.split("/"), same = 0;
    while (same < loaded.length && same < there.length &&
           loaded[loaded.length - 1 - same] === there[there.length - 1 - same]) same++;
    var home = loaded.slice(0, loaded.length - same), otherHome = there.slice(0, there.length - same);
    var here = location.pathname.split("/");
    for (var i = 0; i < home.length; i++) if (here[i] !== home[i]) return other.href;
    other.pathname = otherHome.concat(here.slice(home.length)).join("/");
    return other.href;
  }

  // Capture phase, on the document: before Material's handler on the body.
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
        event.altKey || !(event.target instanceof Element)) return;
    var link = event.target.closest("a.md-select__link[hreflang]");
    if (!link || link.hreflang === document.documentElement.lang) return;
    event.preventDefault();
    event.stopPropagation();
    location.assign(withPlace(target(link)));
  }, true);

  // A middle click or "open in new tab" reads the href: keep it current while the pointer or
  // focus is on the link.
  ["pointerover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = event.target instanceof Element && event.target.closest("a.md-select__link[hreflang]");
      if (link) link.href = withPlace(target(link));
    }, true);
  });

  window.pizhuEdition = { place: place };
})();
