/* Repertoire Site: the filter box of the topics index (topics/index.md, templates/topics_index.md.j2).
 *
 * The index lists every agenda item of the Library's tables (some 900 with --dhl), a table per
 * initial. The page marks where the box goes with an empty div.topic-filter; this script puts a
 * search field there that hides the rows whose name lacks every word typed (case and accents
 * ignored), and a letter's heading and table when none of its rows is left. Without JavaScript
 * the page shows the whole list and no box. Plain script, nothing fetched: works from file://.
 */
(function () {
  "use strict";

  function folded(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function letterSections(content) {
    var sections = [];
    var headings = content.querySelectorAll("h2[id^='letter-']");
    for (var i = 0; i < headings.length; i++) {
      var table = headings[i].nextElementSibling;
      while (table && !table.querySelector("table") && table.tagName !== "TABLE") {
        table = table.nextElementSibling;
      }
      if (!table) continue;
      var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
      sections.push({
        heading: headings[i], table: table,
        rows: rows.map(function (row) { return { row: row, text: folded(row.cells[0].textContent) }; })
      });
    }
    return sections;
  }

  function start() {
    var place = document.querySelector(".md-typeset div.topic-filter");
    if (!place || place.querySelector("input")) return;
    var total = place.getAttribute("data-items");
    var label = document.createElement("label");
    label.textContent = "Filter topics: ";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "e.g. Cyprus, peacekeeping";
    label.appendChild(input);
    var status = document.createElement("span");
    status.className = "topic-filter__count";
    status.setAttribute("aria-live", "polite");
    place.appendChild(label);
    place.appendChild(status);
    var sections = letterSections(place.closest(".md-typeset"));

    function apply() {
      var words = folded(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      sections.forEach(function (section) {
        var left = 0;
        section.rows.forEach(function (item) {
          var match = words.every(function (word) { return item.text.indexOf(word) >= 0; });
          item.row.hidden = !match;
          if (match) left++;
        });
        section.heading.hidden = section.table.hidden = left === 0;
        shown += left;
      });
      status.textContent = words.length ? " " + shown + " of " + total + " items" : "";
    }
    input.addEventListener("input", apply);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
