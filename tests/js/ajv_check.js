// usage: node check.js SCHEMA DOC... -> prints one line per doc: valid|invalid
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");
const fs = require("fs");
const ajv = new Ajv2020({allErrors: true, strict: false, unicodeRegExp: true});
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(process.argv[2], "utf8")));
for (const file of process.argv.slice(3)) {
  const ok = validate(JSON.parse(fs.readFileSync(file, "utf8")));
  console.log(ok ? "valid" : "invalid " + JSON.stringify(validate.errors.slice(0, 2)));
}
