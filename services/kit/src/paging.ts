import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { ValidationError } from './errors';

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 50;

/** Opaque cursors: base64url of the row's sort key, so clients cannot depend on the format. */
export function encodeCursor(key: string): string {
  return Buffer.from(`v1:${key}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('v1:')) throw new ValidationError('The cursor in "after" is not one this service issued.', 'after');
  return decoded.slice(3);
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new ValidationError(`"first" must be between 0 and ${MAX_PAGE_SIZE}.`, 'first');
  }
  return size;
}

export interface Page<T> {
  nodes: T[];
  /** Counted only when read: a COUNT over a large table costs more than the page itself. */
  readonly totalCount: Promise<number>;
  hasNextPage: boolean;
  endCursor: string | null;
  cursorOf(row: T): string;
}

/**
 * One page of `query` in ascending `column` order, after the row a cursor names
 * (keyset paging: stable while rows are added, and index-friendly), plus the
 * total across pages when a client asks for it. One statement, or two with the
 * total, whatever the page size.
 */
export async function keysetPage<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  options: { column: string; keyOf: (row: T) => string | number; numericKey?: boolean; first?: number | null; after?: string | null },
): Promise<Page<T>> {
  const size = pageSize(options.first);
  const cursorOf = (row: T) => encodeCursor(String(options.keyOf(row)));
  const page = query
    .clone()
    .orderBy(options.column, 'ASC')
    .limit(size + 1);
  if (options.after) {
    const key = decodeCursor(options.after);
    if (options.numericKey && !/^\d+$/.test(key)) throw new ValidationError('The cursor in "after" is malformed.', 'after');
    page.andWhere(`${options.column} > :afterKey`, { afterKey: options.numericKey ? Number(key) : key });
  }
  const rows = size === 0 ? [] : await page.getMany();
  const nodes = rows.slice(0, size);
  let counted: Promise<number> | undefined;
  return {
    nodes,
    get totalCount() {
      return (counted ??= query.clone().getCount());
    },
    hasNextPage: rows.length > size,
    endCursor: nodes.length ? cursorOf(nodes[nodes.length - 1]) : null,
    cursorOf,
  };
}

/** How a page type differs from the usual one, for a type whose schema was fixed before `pageObjectType` made it. */
export interface PageTypeOptions {
  /** Marks the type `@shareable`: several subgraphs declare it, identically. */
  shareable?: boolean;
  /** Describes `totalCount` and `endCursor` (the default); without, they keep the bare schema they had. */
  describeFields?: boolean;
}

/**
 * The GraphQL type of one page of `nodeType` (`nodes`, `totalCount`,
 * `hasNextPage`, `endCursor`), named `name`: what `keysetPage` returns.
 */
export function pageObjectType<T extends object>(
  name: string,
  nodeType: ClassType<T>,
  description?: string,
  options: PageTypeOptions = {},
) {
  const described = options.describeFields ?? true;

  @ObjectType(name, { description })
  class PageOf {
    @Field(() => [nodeType])
    nodes: T[];

    @Field(() => Int, { description: described ? 'All matching rows, across pages.' : undefined })
    totalCount: number | Promise<number>;

    @Field(() => Boolean)
    hasNextPage: boolean;

    @Field(() => String, { nullable: true, description: described ? 'Pass as `after` for the next page.' : undefined })
    endCursor: string | null;
  }
  if (options.shareable) Directive('@shareable')(PageOf);
  return PageOf;
}

@ObjectType('PageInfo')
class PageInfoType {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/**
 * The same page as a Relay-style connection (`edges { cursor node }`, `pageInfo`,
 * `totalCount`), for a list whose schema clients already use in that shape; made
 * from what `keysetPage` returns by `toConnection`.
 */
export function connectionObjectType<T extends object>(
  names: { connection: string; edge: string },
  nodeType: ClassType<T>,
  totalCountDescription: string,
) {
  @ObjectType(names.edge)
  class EdgeOf {
    @Field(() => String)
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType(names.connection)
  class ConnectionOf {
    @Field(() => [EdgeOf])
    edges: EdgeOf[];

    @Field(() => PageInfoType)
    pageInfo: PageInfoType;

    @Field(() => Int, { description: totalCountDescription })
    totalCount: number | Promise<number>;
  }
  return ConnectionOf;
}

/** A keyset page as a connection; `totalCount` stays lazy, counted only when a client asks. */
export function toConnection<Row, Node = Row>(page: Page<Row>, nodeOf: (row: Row) => Node = (row) => row as unknown as Node) {
  return {
    edges: page.nodes.map((row) => ({ cursor: page.cursorOf(row), node: nodeOf(row) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    get totalCount() {
      return page.totalCount;
    },
  };
}
