/* Account plans: sortable and filterable tables. No dependencies, no network.
 * Works with Material's instant navigation (document$) and without it (DOMContentLoaded). */
(function () {
  "use strict";

  function cellValue(row, index, type) {
    var cell = row.cells[index];
    if (!cell) return type === "number" ? -Infinity : "";
    var raw = cell.getAttribute("data-sort");
    var text = raw !== null ? raw : cell.textContent.trim();
    if (type === "number") {
      var n = parseFloat(String(text).replace(/[^0-9.+-]/g, ""));
      return isNaN(n) ? -Infinity : n;
    }
    return text.toLocaleLowerCase();
  }

  function makeSortable(table) {
    if (table.dataset.apSortable === "1") return;
    table.dataset.apSortable = "1";
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      th.setAttribute("tabindex", "0");
      th.setAttribute("aria-sort", "none");
      th.classList.add("ap-sort");
      function sort() {
        var type = th.getAttribute("data-type") || "text";
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, type), y = cellValue(b, index, type);
          var order = type === "number" ? x - y : String(x).localeCompare(String(y));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  }

  function makeFilter(controls) {
    if (controls.dataset.apReady === "1") return;
    controls.dataset.apReady = "1";
    var table = document.getElementById(controls.getAttribute("data-ap-filter"));
    if (!table) return;
    var text = controls.querySelector(".ap-filter-text");
    var selects = controls.querySelectorAll(".ap-filter-select");
    var count = controls.querySelector(".ap-count");
    function apply() {
      var query = text ? text.value.trim().toLocaleLowerCase() : "";
      var shown = 0, rows = table.tBodies[0].rows;
      Array.prototype.forEach.call(rows, function (row) {
        var ok = !query || row.textContent.toLocaleLowerCase().indexOf(query) !== -1;
        Array.prototype.forEach.call(selects, function (select) {
          if (select.value && row.getAttribute("data-" + select.getAttribute("data-column")) !== select.value) ok = false;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = shown + " / " + rows.length;
    }
    if (text) text.addEventListener("input", apply);
    Array.prototype.forEach.call(selects, function (select) { select.addEventListener("change", apply); });
    apply();
  }

  // Material's search dialog has no accessible name: give it the search field's own label.
  function nameSearchDialog() {
    document.querySelectorAll(".md-search[role=dialog]:not([aria-label])").forEach(function (dialog) {
      var input = dialog.querySelector("input[aria-label]");
      dialog.setAttribute("aria-label", input ? input.getAttribute("aria-label") : "Search");
    });
  }

  // Code blocks wider than the page scroll: keyboard users must be able to reach them to scroll.
  function focusableScrollers() {
    document.querySelectorAll(".md-typeset pre > code:not([tabindex])").forEach(function (code) {
      if (code.scrollWidth > code.clientWidth) code.setAttribute("tabindex", "0");
    });
  }

  function init() {
    nameSearchDialog();
    focusableScrollers();
    document.querySelectorAll("table.ap-sortable").forEach(makeSortable);
    document.querySelectorAll("[data-ap-filter]").forEach(makeFilter);
  }

  if (typeof window.document$ !== "undefined" && window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
