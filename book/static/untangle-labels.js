/* sphinx-togglebutton names the buttons it adds (a drawing's long description) "Toggle hidden
   content" in every language; screen readers read that name. Once the page has loaded (and the
   buttons exist), give them the page's language's words, which book/untangle_book.py writes into
   a meta tag. */
window.addEventListener("load", function () {
  "use strict";
  var meta = document.querySelector('meta[name="untangle-toggle-label"]');
  if (!meta || !meta.content) return;
  document.querySelectorAll("button.toggle-button").forEach(function (button) {
    button.setAttribute("aria-label", meta.content);
  });
});
