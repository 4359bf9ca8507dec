/* Repertoire Site: the search worker. Speaks the protocol of Material's own
 * worker (SETUP -> READY, QUERY -> RESULT), so Material's search box, result
 * list, keyboard use, suggestions and highlighting stay as they are, but it
 * reads the prebuilt, sharded index of search/r/ (generator/site/search_index.py,
 * which explains the format) instead of building a lunr index of the whole
 * site in the browser.
 *
 * A query loads only what it needs: the leaf or summary of each word's prefix,
 * then the text blocks of the first results (for their snippets). Every file
 * is a script calling __rs(name, data): from disk (file://, where Chromium
 * refuses fetch) Material runs this file in an iframe (iframe-worker shim),
 * where <script> elements read them; in a Web Worker (http) they are fetched
 * and their JSON parsed. Plain ES2018; one vendored script, Snowball's English
 * stemmer (assets/vendor/snowball/english.js, the algorithm and version that
 * index the site), read the same two ways.
 *
 * Ranking: each word of the query matches a page exactly (the term itself), as a
 * prefix (a longer term: the word is being typed) or by its stem only ("commanders"
 * finds "Commander"), ranked in that order: pages are sorted by the sum of their
 * words' match classes, then by score (the words' weights, times their rarity,
 * times the page's relevance: how many meetings an agenda item stands for).
 */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var SNIPPETS = 5;           /* results shown with a snippet: those on screen when the list opens */
  var MORE_PASSAGES = 3;      /* other matching passages of a page, folded under "more" */
  var WORD = /[\p{L}\p{N}]+(?:[./][\p{L}\p{N}]+)*/gu;
  var PARTS = /[./]/g;
  var MAX_TERM_LENGTH = 64;   /* a word is indexed by its first 64 characters (MAX_TERM_LENGTH in search_index.py) */
  var EXACT = 2, PREFIX = 1, STEM = 0;  /* how a word matched a page, best first */
  var STEM_FACTOR = 0.5;      /* a stem-only match counts half, within its class */
  var RELEVANCE_SHARE = 0.25; /* the busiest agenda item's score is up to a quarter higher */
  var STEMMABLE = /^[a-z]+$/; /* as stem() in search_index.py: English letters only, never a symbol or number */

  var inFrame = typeof document !== "undefined";
  var here = String(inFrame ? (document.currentScript && document.currentScript.src) || location.href
                            : self.location.href).replace(/[?#].*$/, "");
  var BASE = new URL("../../search/r/", here).href;

  var store = Object.create(null);     /* registered name -> data */
  var loading = Object.create(null);   /* file -> promise */
  var version = "";
  var manifest = null, paths = [], titles = [], stop = Object.create(null), summaries = {};
  var stemMark = null, relevance = null;  /* the stems' marker ("~"); document -> factor */
  var stemmer = null;                     /* Snowball's English stemmer, once loaded */
  var leafCache = Object.create(null); /* leaf number -> {terms, postings} */
  var suggest = false;

  self.__rs = function (name, data) { store[name] = data; };

  /* ------------------------------------------------------------ loading */

  function fileUrl(file) {
    return BASE + file + ".js" + (version ? "?v=" + version : "");
  }

  function loadInFrame(files) {
    return Promise.all(files.map(function (file) {
      return new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = fileUrl(file);
        script.onload = script.onerror = function () { script.remove(); resolve(); };
        (document.body || document.documentElement).appendChild(script);
      });
    }));
  }

  /* In a Web Worker: fetched in parallel (importScripts reads one file after the other), and
     read as the JSON they hold: __rs("name",<JSON>); */
  function loadInWorker(files) {
    return Promise.all(files.map(function (file) {
      return fetch(fileUrl(file))
        .then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + response.url);
          return response.text();
        })
        .then(function (text) {
          store[file.replace("/", "")] = JSON.parse(text.slice(text.indexOf(",") + 1, text.lastIndexOf(")")));
        })
        .catch(function (error) { console.warn("Search index file unavailable:", file, error); });
    }));
  }

  /* The vendored stemmer, beside this file's folder: a <script> in the iframe, importScripts in
     a worker. Without it, words are matched exactly and as prefixes only. */
  function loadStemmer() {
    var url = new URL("../vendor/snowball/english.js", here).href;
    var loaded = function () { stemmer = self.snowballEnglishStem || null; };
    if (!inFrame) {
      try { importScripts(url); } catch (error) { console.warn("Stemmer unavailable:", error); }
      loaded();
      return Promise.resolve();
    }
    return new Promise(function (resolve) {
      var script = document.createElement("script");
      script.src = url;
      script.onload = script.onerror = function () { script.remove(); loaded(); resolve(); };
      (document.body || document.documentElement).appendChild(script);
    });
  }

  /* Resolves when every file has been read (or found missing). */
  function load(files) {
    var wanted = [];
    var waits = [];
    files.forEach(function (file) {
      if (store[file.replace("/", "")] !== undefined) return;
      if (loading[file]) { waits.push(loading[file]); return; }
      wanted.push(file);
    });
    if (wanted.length) {
      var done = inFrame ? loadInFrame(wanted) : loadInWorker(wanted);
      wanted.forEach(function (file) {
        loading[file] = done.then(function () { delete loading[file]; });
      });
      waits.push(done);
    }
    return Promise.all(waits);
  }

  function setup(data) {
    var config = (data && data.config) || {};
    version = (config.repertoire && config.repertoire.version) || "";
    suggest = !!(data && data.options && data.options.suggest);
    return Promise.all([load(["manifest", "docs"]), loadStemmer()]).then(function () {
      manifest = store.manifest || null;
      var docs = store.docs || [];
      paths = []; titles = [];
      for (var i = 0; i + 1 < docs.length; i += 2) {
        paths.push(docs[i] + ".html");
        titles.push(docs[i + 1]);
      }
      delete store.docs;
      if (manifest) {
        summaries = manifest.summaries;
        manifest.stopwords.forEach(function (word) { stop[word] = true; });
        stemMark = manifest.stem || null;
        relevance = new Float64Array(manifest.docs).fill(1);
        var shares = manifest.relevance || [];
        for (var r = 0; r + 1 < shares.length; r += 2) relevance[shares[r]] = 1 + RELEVANCE_SHARE * shares[r + 1] / 100;
      }
    });
  }

  /* ------------------------------------------------------------ words */

  var ASCII = /^[\x00-\x7f]*$/;

  function fold(text) {
    if (ASCII.test(text)) return text.toLowerCase();
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }

  /* A word cut as the index cuts it: its first MAX_TERM_LENGTH characters (code points, as Python counts). */
  function cap(word) {
    if (word.length <= MAX_TERM_LENGTH) return word;
    return Array.from(word).slice(0, MAX_TERM_LENGTH).join("");
  }

  /* The terms one folded word is indexed under (as expand() in search_index.py). */
  function expand(word) {
    word = cap(word);
    if (word.indexOf("/") < 0 && word.indexOf(".") < 0)
      return word.length > 1 && !stop[word] ? [word] : [];
    var terms = [word], match;
    PARTS.lastIndex = 0;
    while ((match = PARTS.exec(word))) {
      var tail = word.slice(match.index + 1);
      if (tail.length > 1) terms.push(tail);
    }
    word.split(PARTS).forEach(function (part) {
      if (part.length > 1 && !stop[part]) terms.push(part);
    });
    return terms;
  }

  /* The stem of a folded word (null: not stemmed), as stem() in search_index.py. */
  var stemCache = new Map();
  function stem(word) {
    if (!stemmer || !STEMMABLE.test(word)) return null;
    var known = stemCache.get(word);
    if (known === undefined) {
      known = stemmer(word);
      if (stemCache.size > 50000) stemCache.clear();
      stemCache.set(word, known);
    }
    return known;
  }

  /* The terms that find a word by its stem: the stem's own term ("~command": pages with
     "commander", "commanded" ...) and the stem as a word ("command"), when it differs. */
  function stemTerms(word) {
    var stemmed = stemMark && stop[word] === undefined ? stem(word) : null;
    if (stemmed === null) return [];
    var marked = cap(stemMark + stemmed);  /* capped as the index caps it */
    return stemmed === word ? [marked] : [marked, stemmed];
  }

  /* The words of a query: folded (to search) and as typed (to highlight on the page). */
  function parse(query) {
    var folded = (fold(query).match(WORD) || []).map(cap);
    var typed = (query.toLowerCase().match(WORD) || []).map(cap);
    if (typed.length !== folded.length) typed = folded;
    var words = [];
    var seen = Object.create(null);
    folded.forEach(function (word, i) {
      var alone = folded.length === 1;
      if (word.length < 2 && !alone) return;      /* one letter: only as the first keystroke */
      if (stop[word] && !alone) return;           /* "of", "the": only alone, as a prefix */
      if (seen[word]) return;
      seen[word] = true;
      words.push({ term: word, typed: typed[i], forms: Object.create(null), stem: stem(word),
                   stemTerms: stemTerms(word) });
    });
    return words.slice(0, 16);
  }

  /* ------------------------------------------------------------ terms */

  function leafOf(term) {
    var leaves = manifest.leaves, lo = 0, hi = leaves.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (leaves[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function filesFor(prefix) {
    var first = leafOf(prefix);
    var summary = summaries[prefix];
    if (summary !== undefined) return ["t/" + first, "s/" + summary];
    var last = leafOf(prefix + "\uffff");
    var files = [];
    for (var i = first; i <= last; i++) files.push("t/" + i);
    return files;
  }

  function leaf(number) {
    var cached = leafCache[number];
    if (cached) return cached;
    var flat = store["t" + number];
    if (!flat) return null;
    var terms = [], postings = [];
    for (var i = 0; i + 1 < flat.length; i += 2) {
      terms.push(flat[i]);
      postings.push(flat[i + 1]);
    }
    delete store["t" + number];
    return (leafCache[number] = { terms: terms, postings: postings });
  }

  function firstAtLeast(list, term) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < term) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* The postings of one whole term, or null. */
  function exactly(term) {
    var part = leaf(leafOf(term));
    if (!part) return null;
    var i = firstAtLeast(part.terms, term);
    return part.terms[i] === term ? part.postings[i] : null;
  }

  /* The completions of a prefix: [{term, postings, df}] (df null: count the postings). */
  function completions(prefix) {
    var found = [];
    var summary = summaries[prefix];
    var first = leafOf(prefix);
    var last = summary !== undefined ? first : leafOf(prefix + "\uffff");
    for (var n = first; n <= last; n++) {
      var part = leaf(n);
      if (!part) continue;
      for (var i = firstAtLeast(part.terms, prefix); i < part.terms.length; i++) {
        var term = part.terms[i];
        if (term.lastIndexOf(prefix, 0) !== 0) break;
        if (summary !== undefined && term !== prefix) break;   /* the others come from the summary */
        found.push({ term: term, postings: part.postings[i], df: null });
      }
    }
    if (summary !== undefined) {
      var flat = store["s" + summary] || [];
      for (var j = 0; j + 2 < flat.length; j += 3)
        found.push({ term: flat[j], postings: flat[j + 2], df: flat[j + 1] });
    }
    return found;
  }

  var DIGITS = (function () {
    var alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
    var table = new Int8Array(128).fill(-1);
    for (var i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
    return table;
  })();

  var postingDocs = new Int32Array(1024), postingWeights = new Uint8Array(1024);

  /* Decodes an encoded list into postingDocs/postingWeights; returns its length. */
  function decode(text) {
    if (postingDocs.length < text.length) {
      postingDocs = new Int32Array(text.length * 2);
      postingWeights = new Uint8Array(text.length * 2);
    }
    var value = 0, shift = 0, doc = -1, count = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGITS[text.charCodeAt(i)];
      if (digit >= 32) {
        value |= (digit - 32) << shift;
        shift += 5;
        continue;
      }
      value |= digit << shift;
      doc += value >>> 4;
      postingDocs[count] = doc;
      postingWeights[count] = value & 15;
      count++;
      value = 0; shift = 0;
    }
    return count;
  }

  /* ------------------------------------------------------------ search */

  /* Each word's best match per page: its best class (EXACT, PREFIX, STEM) and, in that class,
     its best score (weight times rarity); classes and scores summed over the words. The pages
     with every word (or, when none has all, those with some), by class, then by score times
     relevance. */
  function score(words) {
    var total = manifest.docs;
    var sums = new Float64Array(total);
    var classes = new Uint8Array(total);
    var hits = new Uint32Array(total);
    var best = new Float64Array(total);
    var bestClass = new Int8Array(total);
    var touched = [];
    words.forEach(function (word, k) {
      var mine = [];
      bestClass.fill(-1);
      var add = function (postings, df, kind, factor) {
        var count = decode(postings);
        var weight = Math.log(1 + total / Math.max(df === null ? count : df, 1)) * factor;
        for (var i = 0; i < count; i++) {
          var doc = postingDocs[i], value = weight * postingWeights[i];
          if (bestClass[doc] < 0) mine.push(doc);
          if (kind > bestClass[doc] || (kind === bestClass[doc] && value > best[doc])) {
            bestClass[doc] = kind;
            best[doc] = value;
          }
        }
        return count;
      };
      word.completions.forEach(function (c) {
        var exact = c.term === word.term;
        var count = add(c.postings, c.df, exact ? EXACT : PREFIX, exact ? 1 : 0.5 + 0.3 * word.term.length / c.term.length);
        if (c.df === null) c.df = count;
      });
      word.stems.forEach(function (postings) { add(postings, null, STEM, STEM_FACTOR); });
      for (var i = 0; i < mine.length; i++) {
        var doc = mine[i];
        if (hits[doc] === 0) touched.push(doc);
        hits[doc] |= 1 << k;
        classes[doc] += bestClass[doc];
        sums[doc] += best[doc];
      }
    });
    var all = (1 << words.length) - 1;
    var matched = touched.filter(function (doc) { return hits[doc] === all; });
    if (!matched.length) matched = touched;
    /* One number that sorts as the rule: class first (a query of 16 words at most, 2 a word), then score. */
    var ranks = new Float64Array(total);
    matched.forEach(function (doc) { ranks[doc] = classes[doc] * 1e6 + sums[doc] * relevance[doc]; });
    matched.sort(function (a, b) { return ranks[b] - ranks[a] || a - b; });
    return { docs: matched, sums: ranks, hits: hits };
  }

  var SPECIAL = /[&<>"']/;

  function escapeHtml(text) {
    text = String(text);
    if (!SPECIAL.test(text)) return text;
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Which query word a word of a text matches (-1: none), remembered for the query. */
  function wordMatch(text, words, seen) {
    var known = seen.get(text);
    if (known !== undefined) return known;
    var folded = fold(text);
    var terms = folded.indexOf("/") < 0 && folded.indexOf(".") < 0 ? [cap(folded)] : expand(folded);
    var found = -1;
    for (var k = 0; k < words.length && found < 0; k++) {
      for (var i = 0; i < terms.length; i++) {
        if (terms[i].lastIndexOf(words[k].term, 0) === 0) { found = k; break; }
      }
    }
    if (found < 0 && terms.length === 1) {  /* the same stem: "Commander" for "commanders" */
      var stemmed = stem(terms[0]);
      for (var w = 0; w < words.length && stemmed !== null; w++) {
        if (words[w].stem === stemmed) { found = w; break; }
      }
    }
    if (found >= 0) {  /* written otherwise than typed ("Türkiye" for "turkiye"): highlight it too */
      var written = text.toLowerCase();
      if (written.lastIndexOf(words[found].typed, 0) !== 0) words[found].forms[written] = true;
    }
    seen.set(text, found);
    return found;
  }

  /* The words of a text that match the query: [{start, end, word index}]. */
  function matches(text, words) {
    var found = [], match;
    var seen = words.seen || (words.seen = new Map());
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) {
      var k = wordMatch(match[0], words, seen);
      if (k >= 0) found.push({ start: match.index, end: match.index + match[0].length, word: k });
    }
    return found;
  }

  function marked(text, found, from, to) {
    var out = "", at = from;
    found.forEach(function (m) {
      if (m.start < from || m.end > to) return;
      out += escapeHtml(text.slice(at, m.start)) + "<mark>" + escapeHtml(text.slice(m.start, m.end)) + "</mark>";
      at = m.end;
    });
    return out + escapeHtml(text.slice(at, to));
  }

  /* A window of the text around its first match, the matches marked. */
  function snippet(text, found) {
    var before = 60, length = 240;
    if (text.length <= length || !found.length) {
      var end = Math.min(text.length, length);
      while (end < text.length && end > length - 40 && !/\s/.test(text[end])) end--;
      return marked(text, found, 0, end) + (end < text.length ? " …" : "");
    }
    var start = Math.max(0, found[0].start - before);
    while (start > 0 && !/\s/.test(text[start - 1])) start--;
    var stop_ = Math.min(text.length, start + length);
    while (stop_ < text.length && stop_ > start + length - 40 && !/\s/.test(text[stop_])) stop_--;
    return (start > 0 ? "… " : "") + marked(text, found, start, stop_) + (stop_ < text.length ? " …" : "");
  }

  function distinct(found) {
    var words = Object.create(null), count = 0;
    found.forEach(function (m) { if (!words[m.word]) { words[m.word] = true; count++; } });
    return count;
  }

  function blockOf(doc) {
    var blocks = manifest.blocks, lo = 0, hi = blocks.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (blocks[mid] <= doc) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /* [anchor, label, text] of each passage of a page; the first is its summary. A passage may
     be a reference to one of another page of its block: [anchor, label, page, passage]. */
  function passagesOf(doc) {
    var block = blockOf(doc);
    var data = store["x" + block];
    var passages = data ? data[doc - manifest.blocks[block]] || [] : [];
    return passages.map(function (passage) {
      if (passage.length < 4) return passage;
      var target = (data[passage[2]] || [])[passage[3]] || [];
      return [passage[0], passage[1], target[2] || ""];
    });
  }

  /* Which words a page has, as Material wants them (it puts the found ones into ?h=). */
  function termsOf(words, bits, cache) {
    if (cache[bits]) return cache[bits];
    var terms = {};
    words.forEach(function (word, k) { terms[word.typed] = !!(bits & (1 << k)); });
    return (cache[bits] = terms);
  }

  /* Material's groups: the page (location without "#") and, first, its best passage. Only the
     first results get their title marked and a snippet: the others are shown as the list is
     scrolled, and keeping them light keeps every keystroke fast. */
  function group(doc, words, full, withText, sums, hits, cache) {
    var path = paths[doc];
    var title = titles[doc];
    var terms = termsOf(words, hits[doc], cache);
    var value = sums[doc];
    if (!full) return [{ location: path, title: escapeHtml(title), text: "", score: value, terms: terms }];
    var page = { location: path, title: marked(title, matches(title, words), 0, title.length),
                 text: "", score: value, terms: terms };
    var passages = withText ? passagesOf(doc) : [];
    var scored = passages.map(function (passage, i) {
      var hit = passage[2] ? matches(passage[2], words) : [];
      return { index: i, passage: passage, found: hit, count: distinct(hit) };
    });
    var ranked = scored.filter(function (s) { return s.count > 0; })
      .sort(function (a, b) { return b.count - a.count || a.index - b.index; });
    var summary = scored[0] || { passage: ["", "", ""], found: [] };
    var top = ranked[0];
    if (!top || !top.passage[0]) {  /* in the title or keywords, or a page without anchors */
      var shown = top || summary;
      page.text = snippet(shown.passage[2], shown.found);
      return [page];
    }
    page.text = snippet(summary.passage[2], summary.found);
    var items = [{ location: path + "#" + top.passage[0], title: escapeHtml(top.passage[1]),
                   text: snippet(top.passage[2], top.found), score: value, terms: terms }, page];
    ranked.slice(1).forEach(function (other) {
      if (items.length >= 2 + MORE_PASSAGES || !other.passage[0]) return;
      items.push({ location: path + "#" + other.passage[0], title: escapeHtml(other.passage[1]),
                   text: snippet(other.passage[2], other.found), score: value / 2, terms: terms });
    });
    return items;
  }

  /* The completion written as the word was typed (Material shows it only if it starts with it). */
  function caseLike(typed, completion) {
    if (typed.length > 1 && typed === typed.toUpperCase() && typed !== typed.toLowerCase())
      return completion.toUpperCase();
    if (typed && typed[0] !== typed[0].toLowerCase())
      return completion[0].toUpperCase() + completion.slice(1);
    return completion;
  }

  function search(query) {
    if (!manifest) return Promise.resolve({ items: [] });
    var words = parse(query);
    if (!words.length) return Promise.resolve({ items: [] });
    var files = [];
    words.forEach(function (word) {
      files = files.concat(filesFor(word.term));
      word.stemTerms.forEach(function (term) { files.push("t/" + leafOf(term)); });
    });
    return load(files).then(function () {
      words.forEach(function (word) {
        word.completions = completions(word.term);
        word.stems = word.stemTerms.map(exactly).filter(function (postings) { return postings !== null; });
      });
      var result = score(words);
      /* One or two letters typed find too much to say what: titles only, nothing more to read. */
      var typing = words[words.length - 1].term.length < 3 && /\S$/.test(query);
      var top = typing ? [] : result.docs.slice(0, SNIPPETS);
      var blocks = [];
      top.forEach(function (doc) {
        var name = "x/" + blockOf(doc);
        if (blocks.indexOf(name) < 0) blocks.push(name);
      });
      return load(blocks).then(function () {
        var cache = {};
        var items = result.docs.map(function (doc, rank) {
          return group(doc, words, rank < SNIPPETS, !typing, result.sums, result.hits, cache);
        });
        Object.keys(cache).forEach(function (bits) {  /* the forms found, for Material's ?h= */
          words.forEach(function (word, k) {
            if (bits & (1 << k)) Object.keys(word.forms).slice(0, 5).forEach(function (form) {
              cache[bits][form] = true;
            });
          });
        });
        var answer = { items: items };
        if (suggest) {
          var last = words[words.length - 1];
          var typed = (query.match(WORD) || []).pop() || "";
          var options = last.completions.filter(function (c) { return c.term.length > last.term.length; });
          options.sort(function (a, b) { return b.df - a.df || (a.term < b.term ? -1 : 1); });
          answer.suggest = options.length && /\S$/.test(query) ? [caseLike(typed, options[0].term)] : [];
        }
        return answer;
      });
    });
  }

  /* ------------------------------------------------------------ messages */

  var ready = null;
  var busy = false;
  var waiting = null;

  function answer(message) {
    postMessage(message);
  }

  function next() {
    if (busy || waiting === null) return;
    var query = waiting;
    waiting = null;
    busy = true;
    ready.then(function () { return search(query); })
      .catch(function (error) {
        console.warn("Search failed: " + query, error);
        return { items: [] };
      })
      .then(function (result) {
        busy = false;
        if (waiting === null) answer({ type: RESULT, data: result });  /* else a newer query replaces it */
        next();
      });
  }

  addEventListener("message", function (event) {
    var message = event.data;
    if (!message || typeof message.type !== "number") return;
    if (message.type === SETUP) {
      ready = setup(message.data).catch(function (error) { console.warn("Search index unavailable", error); });
      ready.then(function () { answer({ type: READY }); });
    } else if (message.type === QUERY) {
      if (!ready) ready = Promise.resolve();
      waiting = String(message.data || "");
      next();
    }
  });
})();
