import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { signRequest, type SignedViewer } from './signing';

/** A database tier the tests run on: SQLite always, MySQL/MariaDB when TEST_MYSQL_URL is set. */
export interface TestDialect {
  name: 'sqlite' | 'mysql';
  /** A fresh, empty database for one organisation in one test file. */
  createDatabase(label: string): Promise<TestDatabase>;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

const sqlite: TestDialect = {
  name: 'sqlite',
  async createDatabase(label) {
    const path = join(tmpdir(), `durchstarten-${label}-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
    return {
      url: `sqlite:${path}`,
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
      },
    };
  },
};

function mysql(serverUrl: string): TestDialect {
  return {
    name: 'mysql',
    async createDatabase(label) {
      const name = `t_${label.replace(/[^a-z0-9]/gi, '_')}_${process.pid}_${randomBytes(3).toString('hex')}`.slice(0, 64);
      const server = new URL(serverUrl);
      server.pathname = '/';
      const admin = await createConnection(server.toString());
      try {
        await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      } finally {
        await admin.end();
      }
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return {
        url: url.toString(),
        drop: async () => {
          const connection = await createConnection(server.toString());
          try {
            await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
          } finally {
            await connection.end();
          }
        },
      };
    },
  };
}

/** The tiers to run database tests on; TEST_MYSQL_URL is a server URL such as mysql://root@127.0.0.1:3306/ */
export function testDialects(env: NodeJS.ProcessEnv = process.env): TestDialect[] {
  return env.TEST_MYSQL_URL ? [sqlite, mysql(env.TEST_MYSQL_URL)] : [sqlite];
}

/** The secret a caller and a callee share in tests, one per pair, as in production. */
export const testSecret = (caller: string, callee: string) => `test-secret-${caller}-to-${callee}-0123456789abcdef`;

/** Posts a GraphQL request to a subgraph the way the gateway does: signed, for `viewer`. */
export async function postSigned(
  url: string,
  subgraph: string,
  payload: { query: string; variables?: Record<string, unknown> },
  viewer: SignedViewer | null = null,
): Promise<{ data?: any; errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; field?: string } }> }> {
  const body = JSON.stringify(payload);
  const headers = {
    'content-type': 'application/json',
    ...signRequest({ caller: 'gateway', secret: testSecret('gateway', subgraph), url, viewer, body }),
  };
  return (await (await fetch(url, { method: 'POST', headers, body })).json()) as never;
}
