import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { SingleBar } from 'cli-progress';
import { insertProgress, repoRoot } from '@durchstarten/kit';
import { type ProviderRegistry } from '@durchstarten/contracts';
import { main as seed } from '../../scripts/seed';
import { generateWorld, type World } from '../../scripts/seed/world';
import { benchRequire, log } from './common';

export type Dialect = 'sqlite' | 'mariadb';

export interface BenchWorld {
  participants: number;
  dialect: Dialect;
  /** Organisation to its database URL. */
  databases: Record<string, string>;
  /** The same world the databases were seeded with (the generator is deterministic). */
  world: World;
}

const organisationsOf = (registry: ProviderRegistry) => ['kreis', ...registry.providers.map((p) => p.id), 'agentur'];

/** All rows of a world, for the progress bar. */
export function rowCount(world: World): number {
  const provider = Object.values(world.providers).reduce(
    (sum, part) => sum + Object.values(part).reduce((n, rows: unknown[]) => n + rows.length, 0),
    0,
  );
  return world.participants.length + world.referrals.length + world.consents.length + world.placements.length + provider;
}

/**
 * The databases of one world, seeded through the services' own code. Worlds are kept
 * between runs (data/bench/ for SQLite, bench_<size>_<org> on MariaDB) because a
 * world of 100,000 takes minutes to load; `fresh` seeds again from empty, which small
 * worlds always do so that earlier runs' writes do not change what is read.
 */
export async function prepareWorld(options: {
  participants: number;
  dialect: Dialect;
  registry: ProviderRegistry;
  mysqlUrl?: string;
  fresh: boolean;
}): Promise<BenchWorld> {
  const { participants, dialect, registry } = options;
  const organisations = organisationsOf(registry);
  const databases: Record<string, string> = {};
  if (dialect === 'sqlite') {
    const dir = join(repoRoot(), 'data', 'bench', `sqlite-${participants}`);
    if (options.fresh) rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const org of organisations) databases[org] = `sqlite:${join(dir, `${org}.sqlite`)}`;
  } else {
    if (!options.mysqlUrl) throw new Error('MariaDB worlds need TEST_MYSQL_URL (e.g. mysql://root@127.0.0.1:3306/)');
    const server = new URL(options.mysqlUrl);
    server.pathname = '/';
    const admin = await createConnection(server.toString());
    try {
      for (const org of organisations) {
        const name = `bench_${participants}_${org}`;
        if (options.fresh) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await admin.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
        const url = new URL(server.toString());
        url.pathname = `/${name}`;
        databases[org] = url.toString();
      }
    } finally {
      await admin.end();
    }
  }

  const world = generateWorld({ participants, providers: [...registry.providers] });
  const total = rowCount(world);
  const { SingleBar: Bar, Presets } = benchRequire('cli-progress') as typeof import('cli-progress');
  const bar: SingleBar = new Bar(
    {
      format: `bench | seeding ${participants} on ${dialect} [{bar}] {percentage}% {value}/{total} rows {duration}s`,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  let loaded = 0;
  const started = Date.now();
  bar.start(total, 0);
  await insertProgress.run(
    (rows) => {
      loaded += rows;
      bar.update(loaded);
    },
    () =>
      seed(['--participants', String(participants)], {
        ...process.env,
        LOG_LEVEL: 'warn',
        ...Object.fromEntries(organisations.map((org) => [`${org.toUpperCase()}_DATABASE_URL`, databases[org]])),
      }),
  );
  bar.stop();
  log(
    loaded === 0
      ? `world of ${participants} on ${dialect}: already seeded, reused`
      : `world of ${participants} on ${dialect}: ${loaded} rows seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { participants, dialect, databases, world };
}
