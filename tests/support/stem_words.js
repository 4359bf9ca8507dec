// The site's vendored stemmer (content/assets/vendor/snowball/english.js) run in Node, as the
// search worker runs it: words on standard input, one a line; their stems printed as JSON.
// node stem_words.js STEMMER.js < words
const fs = require("fs"), vm = require("vm");
const scope = {};
scope.self = scope;
vm.createContext(scope);
vm.runInContext(fs.readFileSync(process.argv[2], "utf-8"), scope);
const words = fs.readFileSync(0, "utf-8").split("\n").filter((word) => word);
console.log(JSON.stringify(words.map((word) => scope.snowballEnglishStem(word))));
