/* Repertoire Site: small additions to Material's behaviour (listed in mkdocs.yml,
 * extra_javascript). Plain script, no dependency, same on the web and from disk.
 * Checked in a real browser by tests/browser/.
 */
(function () {
  "use strict";

  /* 1. A search result always highlights what was searched for.
   *
   * Material links each result to its page with ?h=<terms> (feature
   * search.highlight), but only with the terms found in that very part of
   * the page: the page-level entry above a matching paragraph ("S/PV.9389 ·
   * 28 July 2023" above the paragraph naming MONUSCO) gets an empty ?h=, and
   * opening it highlights nothing. Such an empty ?h= is filled with the
   * query's words as soon as the results are shown.
   */
  function queryWords() {
    var input = document.querySelector("input.md-search__input");
    if (!input) return "";
    return input.value
      .replace(/[+\-*~^:]/g, " ")
      .split(/\s+/)
      .filter(function (word) { return word.length > 0; })
      .join(" ");
  }

  function fillHighlights(list) {
    var words = queryWords();
    if (!words) return;
    var links = list.querySelectorAll("a.md-search-result__link");
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      if (url.searchParams.has("h") && !url.searchParams.get("h")) {
        url.searchParams.set("h", words);
        links[i].href = url.href;
      }
    }
  }

  /* 2. Accessible names Material's templates leave out: the search dialog
   * (role="dialog") has none, so a screen reader announces an unnamed dialog.
   */
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    if (dialog && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
      var input = dialog.querySelector("input.md-search__input");
      dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
    }
  }

  function start() {
    nameSearchDialog();
    var list = document.querySelector(".md-search-result__list");
    if (list) {
      new MutationObserver(function () { fillHighlights(list); })
        .observe(list, { childList: true, subtree: true });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
