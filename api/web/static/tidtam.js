// Tidtam's only script: small conveniences; every page works without it.
(function () {
  "use strict";

  // A form submits once: its button says so, and comes back if the page is shown again.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post") return;
    var button = form.querySelector("button[type=submit]");
    if (button) {
      window.setTimeout(function () { button.disabled = true; }, 0);
    }
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("button[disabled]").forEach(function (b) { b.disabled = false; });
  });

  // Cancelling or reopening an activity asks once more.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.classList.contains("danger")) {
      var title = form.querySelector("h3");
      if (!window.confirm((title ? title.textContent : "") + "?")) event.preventDefault();
    }
  }, true);

  // The wide plan grid scrolls to bring the current month into view on small screens.
  var current = document.querySelector(".plan-grid thead .is-current");
  var box = current && current.closest(".table-scroll");
  if (box && box.scrollWidth > box.clientWidth) {
    var sticky = box.querySelector("thead .c-no");
    box.scrollLeft = Math.max(0, current.offsetLeft - (sticky ? sticky.offsetWidth : 0) - 8);
  }
})();
