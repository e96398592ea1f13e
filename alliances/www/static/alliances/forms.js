// A form sent back with errors: its error summary takes the focus (screen readers read it; on a phone the
// page scrolls to it), and each of its links puts the focus in the field to correct. Also for a form
// swapped in place by htmx.
(function () {
  "use strict";
  function summarise(root) {
    var summary = root.matches && root.matches("[data-error-summary]") ? root : root.querySelector("[data-error-summary]");
    if (!summary || summary.dataset.ready) return;
    summary.dataset.ready = "1";
    summary.focus();
    summary.querySelectorAll("a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var field = document.getElementById(link.getAttribute("href").slice(1));
        if (!field) return;
        event.preventDefault();
        field.scrollIntoView({ block: "center" });
        field.focus();
      });
    });
  }
  summarise(document);
  document.addEventListener("htmx:load", function (event) { summarise(event.detail.elt); });
})();
