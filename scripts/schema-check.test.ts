import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { graphManifest, ProviderRegistry, providerRegistryPath } from '@durchstarten/contracts';
import { repoRoot } from '@durchstarten/kit';
import { extractDocuments, extractRepositoryDocuments, type FileDocuments } from './operation-documents';
import { checkSchema, formatReport, type SchemaCheckResult } from './schema-check';
import { buildSubgraphs, type SubgraphArtifact } from './schema-artifacts';

const root = repoRoot();
const committedSupergraph = readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8');
const subgraphNames = graphManifest(ProviderRegistry.fromFile(providerRegistryPath())).subgraphs.map((s) => s.name);
const committedSubgraphs = (): SubgraphArtifact[] =>
  subgraphNames.map((name) => ({
    name,
    routingUrl: `http://${name}.example/graphql`,
    sdl: readFileSync(join(root, 'schema/subgraphs', `${name}.graphql`), 'utf8'),
  }));

/** The committed subgraphs with agentur's SDL edited, as a partner's change would arrive. */
function withAgentur(edit: (sdl: string) => string): SubgraphArtifact[] {
  return committedSubgraphs().map((s) => {
    if (s.name !== 'agentur') return s;
    const sdl = edit(s.sdl);
    if (sdl === s.sdl) throw new Error('the edit changed nothing: the committed agentur SDL no longer looks as this test expects');
    return { ...s, sdl };
  });
}

const CLIENT = extractDocuments(
  'client.ts',
  `const PLACEMENT = gql\`fragment P on Placement { id kind employerName endsOn }\`;
   export const list = gql\`query Placements { placements(first: 5) { nodes { ...P } } } \${PLACEMENT}\`;
   export const kinds = '{ placements { nodes { kind } } }';`,
);

const check = (subgraphs: SubgraphArtifact[], files: FileDocuments[] = [CLIENT]) =>
  checkSchema({ base: 'committed', baseSupergraphSdl: committedSupergraph, subgraphs, files });

const changesOf = (result: SchemaCheckResult) =>
  (result.changes ?? []).map((c) => ({ level: c.criticality.level, type: c.type, path: c.path }));

describe('schema check', () => {
  it('passes the code’s own subgraphs against the committed supergraph, with every operation of the repository checked', async () => {
    const files = extractRepositoryDocuments(root);
    const result = await checkSchema({
      base: 'committed',
      baseSupergraphSdl: committedSupergraph,
      subgraphs: await buildSubgraphs(),
      files,
    });
    expect(result.composition.errors).toEqual([]);
    expect(result.changes).toEqual([]);
    expect(result.operations.broken).toEqual([]);
    expect(result.operations.checked).toBeGreaterThan(100);
    expect(result.passed).toBe(true);
  });

  it('catches a field removal as breaking, with the operations it breaks, the repository’s own too', async () => {
    const subgraphs = withAgentur((sdl) => sdl.replace('  """Identifies the person: not for analysts."""\n  employerName: String!\n', ''));
    const result = await check(subgraphs, [CLIENT, ...extractRepositoryDocuments(root)]);
    expect(changesOf(result)).toEqual([{ level: 'BREAKING', type: 'FIELD_REMOVED', path: 'Placement.employerName' }]);
    expect(result.operations.broken).toContainEqual({
      file: 'client.ts',
      line: 2,
      name: 'query Placements',
      errors: ['Cannot query field "employerName" on type "Placement".'],
    });
    expect(result.operations.broken.map((b) => b.file)).toContain('bench/src/scenarios.ts');
    expect(result.passed).toBe(false);
    expect(formatReport(result)).toMatch(
      /BREAKING +Placement\.employerName: Field 'employerName' was removed from object type 'Placement'/,
    );
  });

  it('catches a field type change as breaking even where every operation still validates', async () => {
    const result = await check(withAgentur((sdl) => sdl.replace('  endsOn: LocalDate\n', '  endsOn: String\n')));
    expect(changesOf(result)).toEqual([{ level: 'BREAKING', type: 'FIELD_TYPE_CHANGED', path: 'Placement.endsOn' }]);
    expect(result.operations.broken).toEqual([]);
    expect(result.passed).toBe(false);
    expect(formatReport(result)).toMatch(/Schema check FAILED: 1 breaking change\n$/);
  });

  it('reports an operation that no longer validates', async () => {
    const result = await check(withAgentur((sdl) => sdl.replace('  kind: PlacementKind!\n', '  kind(at: LocalDate!): PlacementKind!\n')));
    expect(changesOf(result)).toEqual([{ level: 'BREAKING', type: 'FIELD_ARGUMENT_ADDED', path: 'Placement.kind.at' }]);
    expect(result.operations.broken.map((b) => `${b.file}:${b.line} ${b.name}`)).toEqual([
      'client.ts:2 query Placements',
      'client.ts:3 query (anonymous)',
    ]);
    expect(formatReport(result)).toContain('Schema check FAILED: 1 breaking change, 2 broken operations');
  });

  it('accepts a field addition as non-breaking', async () => {
    const result = await check(
      withAgentur((sdl) => sdl.replace('  kind: PlacementKind!\n', '  kind: PlacementKind!\n  hoursPerWeek: Int\n')),
    );
    expect(changesOf(result)).toEqual([{ level: 'NON_BREAKING', type: 'FIELD_ADDED', path: 'Placement.hoursPerWeek' }]);
    expect(result.operations).toMatchObject({ checked: 2, broken: [] });
    expect(result.passed).toBe(true);
    expect(formatReport(result)).toMatch(/0 breaking, 0 dangerous, 1 safe[\s\S]*Schema check PASSED\n$/);
  });

  it('lists a dangerous change without failing: a new optional argument', async () => {
    const result = await check(
      withAgentur((sdl) => sdl.replace('  occupation: Occupation!\n', '  occupation(language: String): Occupation!\n')),
    );
    expect(changesOf(result)).toEqual([{ level: 'DANGEROUS', type: 'FIELD_ARGUMENT_ADDED', path: 'Placement.occupation.language' }]);
    expect(result.passed).toBe(true);
    expect(formatReport(result)).toMatch(/0 breaking, 1 dangerous, 0 safe\n {2}DANGEROUS +Placement\.occupation\.language: /);
  });

  it('counts only what was valid against the base: a test of bad input is skipped, not a break', async () => {
    const badInput = extractDocuments('bad.test.ts', `request('{ placements { nodes { kindd } } }')`);
    const result = await check(
      withAgentur((sdl) => sdl.replace('  kind: PlacementKind!\n', '  kind: String!\n')),
      [badInput],
    );
    expect(result.operations).toMatchObject({ checked: 0, broken: [], invalidOnBase: [{ file: 'bad.test.ts', line: 1 }] });
  });

  it('reports a composition error and compares nothing', async () => {
    const result = await check(
      withAgentur((sdl) =>
        sdl.replace(
          '  consentsToAgencyExchange: Boolean! @external\n',
          '  consentsToAgencyExchange: Boolean! @external\n  givenName: Int\n',
        ),
      ),
    );
    expect(result.passed).toBe(false);
    expect(result.changes).toBeUndefined();
    expect(result.composition.errors.map((e) => e.code)).toContain('INVALID_FIELD_SHARING');
    expect(formatReport(result)).toMatch(
      /^Composition: FAILED with \d+ errors? [\s\S]*error INVALID_FIELD_SHARING: [\s\S]*Schema check FAILED: composition failed\n$/m,
    );
  });
});

describe('operations in the repository’s code', () => {
  it('finds literals, tagged and plain templates, concatenations and shared fragments, and skips the rest', () => {
    const found = extractDocuments(
      'sample.ts',
      [
        "const FIELDS = 'id kind';",
        'const FRAGMENT = gql`fragment F on Placement { ${FIELDS} }`;',
        'const a = gql`query A($id: ID!) { placement(id: $id) { ...F } } ${FRAGMENT}`;',
        'const b = `{ placement(id: "${id}") { id } }`;',
        "const c = 'query C { ' + 'placements { totalCount } }';",
        'const d = `{ ${field} { totalCount } }`;',
        "const sql = 'SELECT id FROM placement';",
        "const broken = '{ placements { ';",
      ].join('\n'),
    );
    expect(found.documents.map((d) => `${d.line} ${d.name}`)).toEqual(['3 query A', '4 query (anonymous)', '5 query C']);
    expect(found.dynamic).toBe(1);
  });

  it('reads every file the check covers', () => {
    const files = extractRepositoryDocuments(root).map((f) => f.file);
    for (const file of [
      'test/journey.e2e.test.ts',
      'test/gateway-behaviour.e2e.test.ts',
      'gateway/workplace/report.js',
      'bench/src/scenarios.ts',
    ]) {
      expect(files).toContain(file);
    }
  });
});

describe('npm run schema:check', () => {
  const run = promisify(execFile);

  it('passes on the committed schema and exits 0; exits 2 when the base revision has no supergraph', async () => {
    const { stdout } = await run('npm', ['run', 'schema:check', '--silent'], { cwd: root, maxBuffer: 10 * 1024 * 1024 });
    expect(stdout).toMatch(new RegExp(`^Composition: OK \\(${subgraphNames.join(', ')}\\)`, 'm'));
    expect(stdout).toContain('Changes to the API schema: 0 breaking, 0 dangerous, 0 safe');
    expect(stdout).toMatch(/Schema check PASSED\n$/);

    const failure = await run('node', ['dist/scripts/schema-check.js', '--base', 'no-such-revision'], { cwd: root }).catch((e) => e);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('schema check could not run');
  });
});
