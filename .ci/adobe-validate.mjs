// Validates every file under a directory with Adobe's structured-data
// validator, the way its README calls it: @marbec/web-auto-extractor parses
// the page, Validator checks what it found against the schema.org vocabulary
// and Google's rich-result rules. All files go through one process and one
// Validator, so the comparison with `ldfix check DIR` pays Node's start and
// the vocabulary load once, as ldfix pays its own.
//
//   node .ci/adobe-validate.mjs MODULES SCHEMA DIR
//
// MODULES is the directory npm installed both packages into (.ci/bench-adobe
// does that), SCHEMA the schema.org vocabulary (schemaorg-all-https.jsonld,
// the file the README fetches). Standard output gets one JSON line per page
// with its issues, as `ldfix check --format json` writes its findings; the
// summary goes to standard error, so a reader can see every page was
// validated. A page that makes the extractor or the validator throw is
// counted and named, and the run goes on.
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, schemaPath, dir] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node adobe-validate.mjs MODULES SCHEMA DIR');
  process.exit(2);
}

// The packages live outside the repository, where bare import specifiers
// from this file cannot reach; resolve them from the install directory.
const require = createRequire(join(modules, 'package.json'));
const load = async (name) =>
  (await import(pathToFileURL(require.resolve(name)).href)).default;
const Validator = await load('@adobe/structured-data-validator');
const WebAutoExtractor = await load('@marbec/web-auto-extractor');

const schemaOrgJson = JSON.parse(await readFile(schemaPath, 'utf8'));
const validator = new Validator(schemaOrgJson);

// Files in name order, recursively, as `ldfix check DIR` walks a tree.
async function files(root) {
  const out = [];
  const entries = await readdir(root, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(root, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function countItems(data) {
  let n = 0;
  for (const format of ['jsonld', 'microdata', 'rdfa']) {
    for (const items of Object.values(data[format] || {})) n += items.length;
  }
  return n;
}

const totals = { pages: 0, withData: 0, items: 0, errors: 0, warnings: 0, thrown: [] };
for (const file of await files(dir)) {
  totals.pages++;
  let stage = 'extractor';
  try {
    const html = await readFile(file, 'utf8');
    const extracted = new WebAutoExtractor({
      addLocation: true,
      embedSource: ['rdfa', 'microdata'],
    }).parse(html);
    const items = countItems(extracted);
    stage = 'validator';
    const issues = await validator.validate(extracted);
    totals.items += items;
    if (items > 0) totals.withData++;
    for (const issue of issues) {
      if (issue.severity === 'ERROR') totals.errors++;
      else totals.warnings++;
    }
    process.stdout.write(JSON.stringify({ file, items, issues }) + '\n');
  } catch (err) {
    totals.thrown.push(`${file}: ${stage}: ${err && err.message ? err.message : err}`);
  }
}

console.error(
  `adobe: ${totals.pages} pages, ${totals.withData} with structured data, ` +
    `${totals.items} items, ${totals.errors} errors, ${totals.warnings} warnings, ` +
    `${totals.thrown.length} pages threw`,
);
for (const t of totals.thrown) console.error(`adobe: threw: ${t}`);
process.exitCode = totals.pages === 0 ? 1 : 0;
