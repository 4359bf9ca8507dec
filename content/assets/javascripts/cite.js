/* Repertoire Site: "Cite this page" (templates/_cite.md.j2, listed in mkdocs.yml, extra_javascript).
 *
 * The page holds each form of its citation without an access date (a page read without
 * JavaScript, or printed, names none rather than a wrong one) and, in data attributes, what
 * the date adds and where (generator/render/citations.py). Here the date is today's,
 * the reader's: each form is written again with it, and gets a copy button and a download
 * link (a Blob, so it works opened from disk as on the web). Plain script, no dependency.
 * Checked in a real browser by tests/browser/test_cite.py.
 */
(function () {
  "use strict";

  function twoDigits(n) { return (n < 10 ? "0" : "") + n; }

  /* Today in the form's own way of writing dates (data-date-style). */
  function written(style, today) {
    var y = today.getFullYear(), m = today.getMonth() + 1, d = today.getDate();
    if (style === "long") {
      return today.toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
    }
    if (style === "iso") return y + "-" + twoDigits(m) + "-" + twoDigits(d);
    if (style === "ris") return y + "/" + twoDigits(m) + "/" + twoDigits(d) + "/";
    if (style === "parts") return "[" + y + ", " + m + ", " + d + "]";
    return null;
  }

  /* The clipboard API, else (a page over plain http on another host) a selected textarea. */
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand("copy");
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function say(status, message) {
    status.textContent = message;
    window.setTimeout(function () { if (status.textContent === message) status.textContent = ""; }, 4000);
  }

  /* Material's search.highlight marks the searched words in the page's text; a citation is
   * text to copy, kept as written (one text node). */
  function keepAsWritten(code, text) {
    new MutationObserver(function () {
      if (code.childNodes.length !== 1 || code.firstChild.nodeType !== Node.TEXT_NODE) code.textContent = text;
    }).observe(code, { childList: true });
  }

  function complete(form, today) {
    var date = written(form.getAttribute("data-date-style"), today);
    var code = form.querySelector("pre code");
    if (!code) return;
    var text = code.textContent;
    var tail = Number(form.getAttribute("data-tail"));
    if (date !== null && form.hasAttribute("data-date-before") && tail >= 0 && tail <= text.length) {
      var cut = text.length - tail;
      text = text.slice(0, cut) + form.getAttribute("data-date-before") + date +
        form.getAttribute("data-date-after") + text.slice(cut);
      code.textContent = text;
    }
    keepAsWritten(code, text);
    var name = form.querySelector("summary").textContent;
    var tools = document.createElement("p");
    tools.className = "cite-tools";

    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button cite-copy";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy the " + name + " citation");
    var status = document.createElement("span");
    status.className = "cite-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      copy(text).then(function () { say(status, "Copied"); },
                      function () { say(status, "Could not copy: select the text instead"); });
    });

    var download = document.createElement("a");
    download.className = "md-button cite-download";
    download.textContent = "Download " + form.getAttribute("data-filename");
    download.download = form.getAttribute("data-filename");
    download.href = URL.createObjectURL(new Blob([text], { type: form.getAttribute("data-media-type") }));

    tools.appendChild(button);
    tools.appendChild(download);
    tools.appendChild(status);
    form.appendChild(tools);
  }

  function start() {
    var today = new Date();
    var forms = document.querySelectorAll("details.cite-form");
    for (var i = 0; i < forms.length; i++) {
      if (!forms[i].querySelector(".cite-tools")) complete(forms[i], today);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
