/* pizhu: popovers for notes, citations, glossary terms and figures.
 *
 * Every trigger is a real link (a.pz-pop) to the full note, source, term or table row, so the
 * page works without JavaScript. With it, the link previews its target in a popover:
 *   - opens on mouse hover, keyboard focus, click and tap (a click opens, it never navigates;
 *     the popover has a link to the full target);
 *   - stays open while the pointer is over the trigger or the popover (WCAG 1.4.13 hoverable);
 *   - closes on Esc (focus returns to the trigger), on a click elsewhere, when the pointer or
 *     focus leaves both (WCAG 1.4.13 dismissible).
 * Popover HTML comes from the page's <script type="application/json" class="pz-previews">,
 * which the build fills; it is inserted right after the trigger so Tab reaches its links.
 */
(function () {
  "use strict";

  var OPEN_DELAY = 120;
  var CLOSE_DELAY = 250;
  var popover = null;      // the one open popover element
  var owner = null;        // the trigger it belongs to
  var closeTimer = 0;
  var openTimer = 0;
  var previews = {};
  var counter = 0;
  var returningFocus = false;  // focus given back on Esc must not reopen the popover
  var touchOpenedAt = 0;       // when a tap last opened a popover (see onPointerUp)
  var TOUCH_CLICK_WINDOW = 800;

  // Words from the site's language, written into every page by the build (pz-words).
  var words = { close: "Close", search: "Search" };
  function readWords() {
    var node = document.getElementById("pz-words");
    if (!node) return;
    try {
      var data = JSON.parse(node.textContent || "{}");
      for (var key in data) words[key] = data[key];
    } catch (e) { /* keep the defaults */ }
  }

  function readPreviews() {
    previews = {};
    var nodes = document.querySelectorAll("script.pz-previews");
    for (var i = 0; i < nodes.length; i++) {
      try {
        var data = JSON.parse(nodes[i].textContent || "{}");
        for (var key in data) previews[key] = data[key];
      } catch (e) { /* a broken preview block only costs its previews */ }
    }
  }

  function cancelClose() { clearTimeout(closeTimer); closeTimer = 0; }
  function cancelOpen() { clearTimeout(openTimer); openTimer = 0; }

  function close(returnFocus) {
    cancelClose(); cancelOpen();
    if (!popover) return;
    var trigger = owner;
    var hadFocus = popover.contains(document.activeElement);
    popover.remove();
    popover = null; owner = null;
    if (trigger) {
      trigger.setAttribute("aria-expanded", "false");
      trigger.removeAttribute("aria-describedby");
      if (returnFocus || hadFocus) {
        returningFocus = true;
        trigger.focus({ preventScroll: true });
        returningFocus = false;
      }
    }
  }

  function scheduleClose() {
    cancelClose();
    closeTimer = setTimeout(function () { close(false); }, CLOSE_DELAY);
  }

  function place(trigger, pop) {
    var narrow = window.matchMedia("(max-width: 600px)").matches;
    pop.classList.toggle("pz-popover--sheet", narrow);
    if (narrow) { pop.style.left = ""; pop.style.top = ""; return; }
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

  function open(trigger) {
    cancelClose(); cancelOpen();
    if (owner === trigger) return;
    close(false);
    var html = previews[trigger.getAttribute("data-pz-pop")];
    if (!html) return;
    counter += 1;
    var pop = document.createElement("span");
    pop.className = "pz-popover";
    pop.id = "pz-popover-" + counter;
    pop.setAttribute("role", "tooltip");
    pop.innerHTML = html;
    var closer = document.createElement("button");
    closer.type = "button";
    closer.className = "pz-pop-close";
    closer.setAttribute("aria-label", words.close);
    closer.textContent = "×";
    closer.addEventListener("click", function (event) { event.stopPropagation(); close(true); });
    pop.insertBefore(closer, pop.firstChild);
    var host = trigger.closest("sup") || trigger;
    host.insertAdjacentElement("afterend", pop);
    pop.addEventListener("mouseenter", cancelClose);
    pop.addEventListener("mouseleave", scheduleClose);
    trigger.setAttribute("aria-expanded", "true");
    trigger.setAttribute("aria-describedby", pop.id);
    popover = pop; owner = trigger;
    place(trigger, pop);
  }

  function triggerOf(target) {
    return target && target.closest ? target.closest("a.pz-pop") : null;
  }

  function onFocusOut(event) {
    if (!popover) return;
    var left = event.target;
    if (left !== owner && !popover.contains(left)) return;
    var next = event.relatedTarget;
    if (next && ((popover && popover.contains(next)) || next === owner)) return;
    scheduleClose();
  }

  function onPointerOver(event) {
    if (event.pointerType && event.pointerType !== "mouse") return;
    var trigger = triggerOf(event.target);
    if (!trigger) return;
    if (trigger === owner) { cancelClose(); return; }
    cancelOpen();
    openTimer = setTimeout(function () { open(trigger); }, OPEN_DELAY);
  }

  function onPointerOut(event) {
    if (event.pointerType && event.pointerType !== "mouse") return;
    var trigger = triggerOf(event.target);
    if (!trigger) return;
    if (trigger.contains(event.relatedTarget)) return;
    cancelOpen();
    if (trigger === owner) scheduleClose();
  }

  // Touch: open from the element under the finger. Chromium's tap "touch adjustment" may send
  // the click that follows to a larger neighbour (a note highlight around a figure link).
  function onPointerUp(event) {
    if (event.pointerType !== "touch") return;
    var trigger = triggerOf(event.target);
    if (!trigger || !previews[trigger.getAttribute("data-pz-pop")]) return;
    open(trigger);
    touchOpenedAt = Date.now();
  }

  function onClick(event) {
    var trigger = triggerOf(event.target);
    if (Date.now() - touchOpenedAt < TOUCH_CLICK_WINDOW && popover && !popover.contains(event.target)) {
      touchOpenedAt = 0;
      event.preventDefault();  // the click of the tap that just opened a popover
      return;
    }
    if (trigger) {
      if (!previews[trigger.getAttribute("data-pz-pop")]) return;  // nothing to preview: follow the link
      event.preventDefault();
      open(trigger);
      return;
    }
    if (popover && !popover.contains(event.target)) close(false);
  }

  function onFocusIn(event) {
    var trigger = triggerOf(event.target);
    if (trigger && !returningFocus) open(trigger);
  }

  function onKeyDown(event) {
    if (event.key === "Escape" && popover) {
      event.stopPropagation();
      close(true);
    }
  }

  // A permalink (#note-…) shows its note: scroll to it and mark it as the current one.
  function showTarget() {
    var hash = decodeURIComponent(location.hash.slice(1));
    var current = document.querySelectorAll(".pz-target");
    for (var i = 0; i < current.length; i++) current[i].classList.remove("pz-target");
    if (!hash) return;
    var target = document.getElementById(hash);
    if (!target) return;
    target.classList.add("pz-target");
    var details = target.closest("details");
    if (details) details.open = true;
  }

  // Material's search overlay is role="dialog" without a name (axe: aria-dialog-name).
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", words.search);
  }

  function init() {
    readWords();
    close(false);
    nameSearchDialog();
    readPreviews();
    showTarget();
  }

  document.addEventListener("pointerover", onPointerOver);
  document.addEventListener("pointerout", onPointerOut);
  document.addEventListener("pointerup", onPointerUp);
  document.addEventListener("click", onClick);
  document.addEventListener("focusin", onFocusIn);
  document.addEventListener("focusout", onFocusOut);
  document.addEventListener("keydown", onKeyDown, true);
  window.addEventListener("hashchange", showTarget);
  window.addEventListener("resize", function () { if (popover && owner) place(owner, popover); });

  // Material's instant navigation swaps pages without reloading: re-read on every page.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
