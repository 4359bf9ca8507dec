// The site's search worker run in Node, as a browser's Web Worker runs it: its index files read
// from a site folder on disk, one query sent after it is ready, the pages found printed as JSON.
// node search_worker.js WORKER.js SITE QUERY
const fs = require("fs"), path = require("path"), vm = require("vm");
const [worker, site, query] = process.argv.slice(2);
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;  // Material's protocol
const listeners = [];
const send = (message) => listeners.forEach((listener) => listener({ data: message }));
const scope = {
  location: { href: "file://" + path.join(site, "assets", "javascripts", "repertoire-search.js") },
  URL, console, Promise, Map, Int8Array, Int32Array, Uint8Array, Uint32Array, Float64Array,
  addEventListener: (type, listener) => listeners.push(listener),
  postMessage: (message) => {
    if (message.type === READY) send({ type: QUERY, data: query });
    if (message.type === RESULT) console.log(JSON.stringify(message.data.items.map((group) => group[0].location)));
  },
  fetch: (url) => Promise.resolve({ ok: true, text: () => Promise.resolve(fs.readFileSync(new URL(url).pathname, "utf-8")) }),
  importScripts: (url) => vm.runInContext(fs.readFileSync(new URL(url).pathname, "utf-8"), scope),  // the stemmer
};
scope.self = scope;
vm.createContext(scope);
vm.runInContext(fs.readFileSync(worker, "utf-8"), scope);
send({ type: SETUP, data: { config: {}, options: {} } });
