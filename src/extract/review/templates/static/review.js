// Filters for the record lists, and opening the record a link points at. No network, no libraries.
(function () {
  "use strict";

  function applyFilters(form) {
    var kinds = Array.prototype.map.call(form.querySelectorAll("input[name=kind]:checked"), function (box) {
      return box.value;
    });
    var category = form.elements.category.value;
    var most = parseFloat(form.elements.confidence.value);
    form.querySelector("output").value = most.toFixed(2);
    var shown = 0;
    document.querySelectorAll("[data-records] .record").forEach(function (record) {
      var visible =
        kinds.indexOf(record.dataset.kind) >= 0 &&
        (category === "" || record.dataset.categories.split(" ").indexOf(category) >= 0) &&
        parseFloat(record.dataset.confidence) <= most + 1e-9;
      record.hidden = !visible;
      if (visible) {
        shown += 1;
      }
    });
    form.querySelector("[data-shown]").textContent = String(shown);
  }

  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && target.tagName === "DETAILS") {
      target.hidden = false;
      target.open = true;
      target.scrollIntoView({ block: "start" });
    }
  }

  document.querySelectorAll("form[data-filters]").forEach(function (form) {
    form.addEventListener("input", function () {
      applyFilters(form);
    });
    form.addEventListener("change", function () {
      applyFilters(form);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    applyFilters(form);
  });
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
