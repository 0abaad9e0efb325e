// usage: node ajv_serve.js SCHEMA
// Compiles SCHEMA with ajv in strict mode (any strict-mode complaint stops it), then reads
// one JSON document per line on standard input and answers one line each: "valid", or
// "invalid " followed by the first errors as JSON.
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");
const fs = require("fs");
const readline = require("readline");

const ajv = new Ajv2020({strict: true, allErrors: true, unicodeRegExp: true, logger: false});
addFormats(ajv);
let validate;
try {
  validate = ajv.compile(JSON.parse(fs.readFileSync(process.argv[2], "utf8")));
} catch (error) {
  console.log("schema-error " + JSON.stringify(String(error.message)));
  process.exit(0);
}
console.log("ready");
const lines = readline.createInterface({input: process.stdin, crlfDelay: Infinity});
lines.on("line", (line) => {
  const ok = validate(JSON.parse(line));
  console.log(ok ? "valid" : "invalid " + JSON.stringify(validate.errors.slice(0, 3)));
});
