/* Self-checks on the static page (vcc_helpers/sphinx_pages.py writes the forms), and the
   text descriptions opened for print. A few lines of the book's own; no library. */
(function () {
  "use strict";
  document.documentElement.classList.add("vcc-js");
  function check(form) {
    var chosen = form.querySelector("input[type=radio]:checked");
    var out = form.querySelector(".vcc-sc-feedback");
    if (!chosen) { out.textContent = "Choose one of the options first."; return; }
    var right = chosen.value === form.dataset.key;
    var explain = form.dataset.explain ? " " + form.dataset.explain : "";
    out.textContent = (right ? "Right." : "Not this one: think again, then try another option.")
      + (right ? explain : "");
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.classList && form.classList.contains("vcc-self-check")) {
      event.preventDefault();
      check(form);
    }
  });
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll(".bd-article details:not([open])"),
      function (d) { return !d.closest(".solution"); });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
