import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Kind, parse, type DocumentNode } from 'graphql';
import ts from 'typescript';

/** One GraphQL operation document found in the repository's own code. */
export interface OperationDocument {
  file: string;
  line: number;
  /** Names of its operations, `(anonymous)` for a shorthand `{ … }` query. */
  name: string;
  document: DocumentNode;
}

export interface FileDocuments {
  file: string;
  documents: OperationDocument[];
  /** Strings that would be operations but are built at run time (`{ ${field} … }`), so cannot be checked. */
  dynamic: number;
}

/** What the repository itself sends: tests, the IDE and report pages, the bench. */
export const OPERATION_SOURCES: Array<{ dir: string; matches: (file: string) => boolean; recursive: boolean }> = [
  { dir: 'test', matches: (f) => f.endsWith('.ts'), recursive: true },
  { dir: 'gateway', matches: (f) => f.endsWith('.test.ts'), recursive: true },
  { dir: 'gateway/workplace', matches: (f) => f.endsWith('.js'), recursive: false },
  { dir: 'bench/src', matches: (f) => f.endsWith('.ts'), recursive: false },
];

export function operationSourceFiles(root: string): string[] {
  const files = new Set<string>();
  const walk = (dir: string, matches: (file: string) => boolean, recursive: boolean): void => {
    let entries;
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (recursive && entry.name !== 'node_modules') walk(path, matches, recursive);
      } else if (matches(entry.name)) {
        files.add(path);
      }
    }
  };
  for (const source of OPERATION_SOURCES) walk(source.dir, source.matches, source.recursive);
  return [...files].sort();
}

export function extractRepositoryDocuments(root: string): FileDocuments[] {
  return operationSourceFiles(root).map((file) =>
    extractDocuments(relative(root, join(root, file)), readFileSync(join(root, file), 'utf8')),
  );
}

/** Stands in for a value interpolated inside a GraphQL string literal (`id: "${p.id}"`), where any text is valid. */
const INSIDE_STRING = 'x';
const DYNAMIC = Symbol('dynamic');
type Evaluated = string | typeof DYNAMIC | undefined;

/**
 * Finds every string in a TypeScript or JavaScript file that parses as GraphQL operations:
 * string literals, template literals (tagged with `gql` or not) and `+` concatenations,
 * with `${CONST}` resolved to the file's own string constants (shared fragments).
 * A template that interpolates anything else outside a GraphQL string is counted as dynamic.
 */
export function extractDocuments(file: string, source: string): FileDocuments {
  const sourceFile = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS,
  );
  const constants = new Map<string, ts.Expression>();
  const collectConstants = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      ts.isVariableDeclarationList(node.parent) &&
      node.parent.flags & ts.NodeFlags.Const
    ) {
      constants.set(node.name.text, node.initializer);
    }
    ts.forEachChild(node, collectConstants);
  };
  collectConstants(sourceFile);

  const evaluate = (node: ts.Expression, seen: Set<string>): Evaluated => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isParenthesizedExpression(node)) return evaluate(node.expression, seen);
    if (ts.isTaggedTemplateExpression(node)) return evaluate(node.template, seen);
    if (ts.isIdentifier(node)) {
      const initializer = constants.get(node.text);
      if (!initializer || seen.has(node.text)) return undefined;
      return evaluate(initializer, new Set(seen).add(node.text));
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = evaluate(node.left, seen);
      const right = evaluate(node.right, seen);
      if (left === undefined || right === undefined) return undefined;
      return left === DYNAMIC || right === DYNAMIC ? DYNAMIC : left + right;
    }
    if (ts.isTemplateExpression(node)) {
      let text = node.head.text;
      for (const span of node.templateSpans) {
        const value = evaluate(span.expression, seen);
        if (typeof value === 'string') text += value;
        else if (insideGraphQLString(text)) text += INSIDE_STRING;
        else return DYNAMIC;
        text += span.literal.text;
      }
      return text;
    }
    return undefined;
  };

  const documents: OperationDocument[] = [];
  const seenTexts = new Set<string>();
  let dynamic = 0;
  const visit = (node: ts.Node): void => {
    if (isStringExpression(node) && !isStringExpression(node.parent)) {
      const value = evaluate(node, new Set());
      const line = sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      if (value === DYNAMIC) {
        if (looksLikeOperation(templateHead(node))) dynamic++;
      } else if (value !== undefined && looksLikeOperation(value) && !seenTexts.has(value)) {
        seenTexts.add(value);
        const document = parseOperations(value);
        if (document) documents.push({ file, line, name: operationNames(document), document });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { file, documents, dynamic };
}

function isStringExpression(node: ts.Node): node is ts.Expression {
  return (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateExpression(node) ||
    ts.isTaggedTemplateExpression(node) ||
    (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
  );
}

function templateHead(node: ts.Expression): string {
  if (ts.isTaggedTemplateExpression(node)) return templateHead(node.template);
  if (ts.isTemplateExpression(node)) return node.head.text;
  return '';
}

/** An odd number of unescaped quotes before the interpolation: it sits inside a GraphQL string value. */
function insideGraphQLString(text: string): boolean {
  return (text.replace(/\\./g, '').match(/"/g) ?? []).length % 2 === 1;
}

/** Cheap filter before parsing: SQL, URLs, messages and JSON never start like this. */
function looksLikeOperation(text: string): boolean {
  return /^\s*(?:#[^\n]*\n\s*)*(?:query\b|mutation\b|subscription\b|fragment\b|\{)/.test(text);
}

/** The text as a document of operations (fragments alone are parts of other documents), or undefined. */
function parseOperations(text: string): DocumentNode | undefined {
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch {
    return undefined;
  }
  const executable = document.definitions.every((d) => d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION);
  const hasOperation = document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION);
  return executable && hasOperation ? document : undefined;
}

function operationNames(document: DocumentNode): string {
  return document.definitions
    .flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [`${d.operation} ${d.name?.value ?? '(anonymous)'}`] : []))
    .join(', ');
}
