'use strict';
/**
 * Runs after `npm install` / `npm ci` (package.json `postinstall`): fixes where @apollo/gateway 2.14 puts
 * an error a subgraph reports for one entity of an `_entities` call.
 *
 * The gateway sends a provider only the entities of that provider's type (`… on KlausenhofCase`), but reads
 * the error's index (`_entities.<i>`) as the i-th entity of every type at that place in the response. In a list
 * whose cases come from several providers, Klausenhof's "no case REF-00036" then lands on a neighbouring
 * FachwerkCase's path. The fix maps the index through the gateway's own `representationToEntity`, as its
 * merging of the data already does. Idempotent; it warns, and changes nothing, on a version it does not know.
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const EDITS = [
  ['async function sendOperation(variables) {', 'async function sendOperation(variables, representationToEntity) {'],
  [
    'await sendOperation({ ...variables, representations });',
    'await sendOperation({ ...variables, representations }, representationToEntity);',
  ],
  ['makeLazyErrorPathGenerator(fetch, currentCursor);', 'makeLazyErrorPathGenerator(fetch, currentCursor, representationToEntity);'],
  ['function makeLazyErrorPathGenerator(fetch, cursor) {', 'function makeLazyErrorPathGenerator(fetch, cursor, representationToEntity) {'],
  ['hydratedPaths[errorPath[1]]', 'hydratedPaths[representationToEntity ? representationToEntity[errorPath[1]] : errorPath[1]]'],
];

function patch(file) {
  const original = readFileSync(file, 'utf8');
  let text = original;
  for (const [before, after] of EDITS) {
    if (text.includes(after)) continue;
    const at = text.indexOf(before);
    if (at === -1 || text.indexOf(before, at + 1) !== -1) return 'unknown';
    text = text.replace(before, after);
  }
  if (text === original) return 'already';
  writeFileSync(file, text);
  return 'patched';
}

if (require.main === module) {
  let file;
  try {
    file = join(dirname(require.resolve('@apollo/gateway')), 'executeQueryPlan.js');
  } catch {
    process.exit(0); // not installed (yet): nothing to fix
  }
  const outcome = patch(file);
  if (outcome === 'unknown') {
    process.stderr.write(
      `patch-apollo-gateway: ${file} is not the version this fix was written for; entity error paths are left as they are.\n`,
    );
  }
}

module.exports = { patch };
