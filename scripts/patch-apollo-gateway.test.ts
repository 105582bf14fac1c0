import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Plain JavaScript (npm runs it right after installing), hence require and a declared shape.
const { patch } = require('./patch-apollo-gateway.cjs') as { patch(file: string): 'patched' | 'already' | 'unknown' };

/** The lines of @apollo/gateway 2.14's dist/executeQueryPlan.js that the fix changes, in their order there. */
const ORIGINAL = [
  'const dataReceivedFromService = await sendOperation({ ...variables, representations });',
  'async function sendOperation(variables) {',
  'const errorPathHelper = makeLazyErrorPathGenerator(fetch, currentCursor);',
  'function makeLazyErrorPathGenerator(fetch, cursor) {',
  'const hydratedPath = (_a = hydratedPaths[errorPath[1]]) !== null && _a !== void 0 ? _a : [];',
].join('\n');

describe('the fix of @apollo/gateway’s entity error paths', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'patch-gateway-'));
    file = join(dir, 'executeQueryPlan.js');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('maps the error index through representationToEntity, once', () => {
    writeFileSync(file, ORIGINAL);
    expect(patch(file)).toBe('patched');
    const patched = readFileSync(file, 'utf8');
    expect(patched).toContain('await sendOperation({ ...variables, representations }, representationToEntity);');
    expect(patched).toContain('hydratedPaths[representationToEntity ? representationToEntity[errorPath[1]] : errorPath[1]]');
    expect(patch(file)).toBe('already');
    expect(readFileSync(file, 'utf8')).toBe(patched);
  });

  it('leaves a version it does not know untouched', () => {
    const other = ORIGINAL.replace('function makeLazyErrorPathGenerator(fetch, cursor) {', 'function errorPaths(fetch, cursor) {');
    writeFileSync(file, other);
    expect(patch(file)).toBe('unknown');
    expect(readFileSync(file, 'utf8')).toBe(other);
  });

  it('is applied to the installed gateway', () => {
    const installed = join(require.resolve('@apollo/gateway').replace(/index\.js$/, ''), 'executeQueryPlan.js');
    expect(patch(installed)).toBe('already');
  });
});
