import { execFileSync } from 'node:child_process';
import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { validate, type GraphQLSchema } from 'graphql';
import { repoRoot } from '@durchstarten/kit';
import { extractRepositoryDocuments, type FileDocuments, type OperationDocument } from './operation-documents';
import { buildSubgraphs, composeSubgraphs, type SubgraphArtifact } from './schema-artifacts';

export interface Diagnostic {
  code: string;
  message: string;
}

export interface BrokenOperation {
  file: string;
  line: number;
  name: string;
  errors: string[];
}

export interface SchemaCheckResult {
  base: string;
  subgraphs: string[];
  composition: { errors: Diagnostic[]; hints: Diagnostic[] };
  /** Undefined when composition failed: there is no new schema to compare. */
  changes?: Change[];
  operations: {
    files: Array<{ file: string; found: number; dynamic: number }>;
    checked: number;
    /** Not valid against the base schema either: tests of bad input, documents completed elsewhere, or fields newer than the base. */
    invalidOnBase: Array<{ file: string; line: number; name: string }>;
    broken: BrokenOperation[];
  };
  passed: boolean;
}

/** The schema clients see: no join__/link__ machinery, no @inaccessible elements. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** Compares a new API schema with the base one and validates the operations against both. */
export async function compareApiSchemas(
  baseApi: GraphQLSchema,
  newApi: GraphQLSchema,
  files: FileDocuments[],
): Promise<Pick<SchemaCheckResult, 'changes' | 'operations'>> {
  const changes = await diff(baseApi, newApi);
  const operations = noOperationsChecked(files);
  for (const operation of files.flatMap((f) => f.documents)) {
    if (validate(baseApi, operation.document).length > 0) {
      operations.invalidOnBase.push(where(operation));
      continue;
    }
    operations.checked++;
    const errors = validate(newApi, operation.document);
    if (errors.length > 0) operations.broken.push({ ...where(operation), errors: errors.map((e) => e.message) });
  }
  return { changes, operations };
}

/** Composes the subgraphs as `npm run compose` does and checks the result against the base supergraph. */
export async function checkSchema(options: {
  base: string;
  baseSupergraphSdl: string;
  subgraphs: SubgraphArtifact[];
  files: FileDocuments[];
}): Promise<SchemaCheckResult> {
  const composed = composeSubgraphs(options.subgraphs);
  const composition = {
    errors: (composed.errors ?? []).map((e) => ({ code: String(e.extensions.code ?? 'COMPOSITION_ERROR'), message: e.message })),
    hints: (composed.hints ?? []).map((h) => ({ code: h.definition.code, message: h.message })),
  };
  const result: SchemaCheckResult = {
    base: options.base,
    subgraphs: options.subgraphs.map((s) => s.name),
    composition,
    operations: noOperationsChecked(options.files),
    passed: false,
  };
  if (composed.errors) return result;
  Object.assign(
    result,
    await compareApiSchemas(apiSchemaOf(options.baseSupergraphSdl), apiSchemaOf(composed.supergraphSdl), options.files),
  );
  result.passed = breaking(result.changes ?? []).length === 0 && result.operations.broken.length === 0;
  return result;
}

function noOperationsChecked(files: FileDocuments[]): SchemaCheckResult['operations'] {
  return {
    files: files.map((f) => ({ file: f.file, found: f.documents.length, dynamic: f.dynamic })),
    checked: 0,
    invalidOnBase: [],
    broken: [],
  };
}

function where(operation: OperationDocument): { file: string; line: number; name: string } {
  return { file: operation.file, line: operation.line, name: operation.name };
}

const breaking = (changes: Change[]) => changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);

const LEVELS: Array<[CriticalityLevel, string]> = [
  [CriticalityLevel.Breaking, 'breaking'],
  [CriticalityLevel.Dangerous, 'dangerous'],
  [CriticalityLevel.NonBreaking, 'safe'],
];

/** A summary in the spirit of `rover subgraph check`: composition, changes by criticality, operations. */
export function formatReport(result: SchemaCheckResult): string {
  const lines: string[] = [`Schema check of the working tree against ${result.base}`, ''];
  const { errors, hints } = result.composition;
  if (errors.length > 0) {
    lines.push(`Composition: FAILED with ${count(errors.length, 'error')} (${result.subgraphs.join(', ')})`);
    for (const e of errors) lines.push(indented(`  error ${e.code}: ${e.message}`));
  } else {
    lines.push(`Composition: OK (${result.subgraphs.join(', ')}), ${count(hints.length, 'hint')}`);
  }
  for (const h of hints) lines.push(indented(`  hint ${h.code}: ${h.message}`));
  lines.push('');

  if (result.changes) {
    const changes = result.changes;
    lines.push(
      `Changes to the API schema: ${LEVELS.map(([level, label]) => `${changes.filter((c) => c.criticality.level === level).length} ${label}`).join(', ')}`,
    );
    for (const [level] of LEVELS) {
      for (const c of changes.filter((change) => change.criticality.level === level)) {
        lines.push(`  ${level.padEnd(12)} ${c.path ?? '(schema)'}: ${c.message}`);
        if (level !== CriticalityLevel.NonBreaking && c.criticality.reason) lines.push(`  ${''.padEnd(12)}   ${c.criticality.reason}`);
      }
    }
    lines.push('');

    const ops = result.operations;
    const found = ops.files.reduce((n, f) => n + f.found, 0);
    const dynamic = ops.files.reduce((n, f) => n + f.dynamic, 0);
    lines.push(
      `Operations: ${found} found in ${ops.files.filter((f) => f.found > 0).length} of ${ops.files.length} files, ${ops.checked} checked, ` +
        `${ops.broken.length} broken; skipped: ${ops.invalidOnBase.length} not valid against ${result.base} (tests of bad input, or using what the base lacks), ${dynamic} built at run time`,
    );
    for (const f of ops.files.filter((file) => file.found > 0 || file.dynamic > 0)) {
      lines.push(`  ${f.file}: ${f.found}${f.dynamic > 0 ? ` (+${f.dynamic} built at run time)` : ''}`);
    }
    for (const s of ops.invalidOnBase) lines.push(`  skipped ${s.file}:${s.line} ${s.name}: not valid against ${result.base} either`);
    for (const b of ops.broken) {
      lines.push(`  BROKEN ${b.file}:${b.line} ${b.name}`);
      for (const e of b.errors) lines.push(indented(`    ${e}`));
    }
    lines.push('');
  }

  const reasons = [
    errors.length > 0 ? 'composition failed' : undefined,
    result.changes && breaking(result.changes).length > 0 ? count(breaking(result.changes).length, 'breaking change') : undefined,
    result.operations.broken.length > 0 ? count(result.operations.broken.length, 'broken operation') : undefined,
  ].filter((r): r is string => r !== undefined);
  lines.push(result.passed ? 'Schema check PASSED' : `Schema check FAILED: ${reasons.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** Composition messages span lines; keep their continuation under the entry they belong to. */
const indented = (text: string) => text.replace(/\n/g, '\n      ');

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function parseArgs(argv: string[]): { base: string } {
  let base = 'HEAD';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--base' && argv[i + 1]) base = argv[++i];
    else if (argv[i].startsWith('--base=')) base = argv[i].slice('--base='.length);
    else throw new Error(`Unknown argument ${argv[i]}; usage: npm run schema:check [-- --base REV]`);
  }
  return { base };
}

/** `npm run schema:check [-- --base REV]`: exit 0 passed, 1 failed, 2 could not run. */
async function main(): Promise<void> {
  const { base } = parseArgs(process.argv.slice(2));
  const root = repoRoot();
  const spec = `${base}:schema/supergraph.graphql`;
  const baseSupergraphSdl = execFileSync('git', ['show', spec], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const result = await checkSchema({
    base: spec,
    baseSupergraphSdl,
    subgraphs: await buildSubgraphs(),
    files: extractRepositoryDocuments(root),
  });
  process.stdout.write(formatReport(result));
  process.exitCode = result.passed ? 0 : 1;
}

if (require.main === module) {
  main().catch((error: Error & { stderr?: string }) => {
    process.stderr.write(`schema check could not run: ${error.stderr?.trim() || error.message}\n`);
    process.exit(2);
  });
}
