/* Glossary terms in the Untangle book: show the word's definition on hover, on keyboard focus and
   on tap. The definition comes from the link's title (written by book/untangle_book.py), so
   without JavaScript the browser still shows it on hover. A first tap on a touch screen shows
   the definition, a second tap opens the glossary; Escape hides it. Nothing is loaded from
   anywhere. */
(function () {
  "use strict";
  var OPEN = "untangle-term--open";
  var lastPointer = "";
  var tapAgain = "";

  function closeAll(except) {
    document.querySelectorAll("." + OPEN).forEach(function (wrap) {
      if (wrap !== except) wrap.classList.remove(OPEN);
    });
  }

  function keepInside(tip) {
    /* Shift the box left or right so it stays on a phone's screen. */
    tip.style.left = "";
    var box = tip.getBoundingClientRect();
    var room = document.documentElement.clientWidth - 8;
    if (box.right > room) tip.style.left = (room - box.right) + "px";
    else if (box.left < 8) tip.style.left = (8 - box.left) + "px";
  }

  function setUp(link, number) {
    var wrap = document.createElement("span");
    wrap.className = "untangle-term-wrap";
    var tip = document.createElement("span");
    tip.className = "untangle-definition";
    tip.id = "untangle-definition-" + number;
    tip.setAttribute("role", "tooltip");
    tip.textContent = link.getAttribute("title");
    var hint = document.createElement("span");
    hint.className = "untangle-definition__hint";
    hint.textContent = tapAgain;
    tip.appendChild(hint);
    link.removeAttribute("title");
    link.setAttribute("aria-describedby", tip.id);
    link.parentNode.insertBefore(wrap, link);
    wrap.appendChild(link);
    wrap.appendChild(tip);

    var show = function () { wrap.classList.remove("untangle-term--dismissed"); keepInside(tip); };
    wrap.addEventListener("mouseenter", show);
    link.addEventListener("focus", show);
    link.addEventListener("blur", function () { wrap.classList.remove(OPEN); });
    link.addEventListener("click", function (event) {
      var touched = lastPointer === "touch" || lastPointer === "pen";
      lastPointer = "";
      if (touched && !wrap.classList.contains(OPEN)) {
        event.preventDefault();
        closeAll(wrap);
        wrap.classList.add(OPEN);
        show();
      }
    });
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType;
    if (!event.target.closest || !event.target.closest(".untangle-term-wrap")) closeAll(null);
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    closeAll(null);
    document.querySelectorAll(".untangle-term-wrap").forEach(function (wrap) {
      wrap.classList.add("untangle-term--dismissed");
    });
  });
  document.addEventListener("DOMContentLoaded", function () {
    var meta = document.querySelector('meta[name="untangle-tap-again"]');
    tapAgain = meta ? meta.getAttribute("content") : "";
    document.querySelectorAll("a.untangle-term[title]").forEach(function (link, i) { setUp(link, i + 1); });
  });
})();
