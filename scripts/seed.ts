import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { openAgentur } from '@durchstarten/agentur';
import { createLogger, databaseUrl, defaultSqliteUrl, loadConfig } from '@durchstarten/kit';
import { providerRegistryPath } from '@durchstarten/contracts';
import { openKreis, ProviderRegistry } from '@durchstarten/kreis';
import { openProvider } from '@durchstarten/provider';
import { loadWorld } from './seed/load';
import { generateWorld } from './seed/world';

const USAGE = `Usage: npm run seed -- [--participants N] [--seed S]

Generates the synthetic world (default 380 participants) and loads each
organisation's part into that organisation's database through its own service
code. An organisation whose database already holds data is left unchanged.
Databases: KREIS_DATABASE_URL, <PROVIDER>_DATABASE_URL, AGENTUR_DATABASE_URL
(default: SQLite files under data/).`;

/** `npm run seed`: fills empty databases with the synthetic world. */
export async function main(argv = process.argv.slice(2), env = process.env): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      participants: { type: 'string', default: '380' },
      seed: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const participants = Number(values.participants);
  if (!Number.isInteger(participants) || participants < 1) throw new Error('--participants must be a positive whole number');
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error('--seed must be a whole number');

  const registry = ProviderRegistry.fromFile(providerRegistryPath(env));
  const urlSpec: Record<string, ReturnType<typeof databaseUrl>> = {
    KREIS_DATABASE_URL: databaseUrl({ default: defaultSqliteUrl('kreis') }),
    AGENTUR_DATABASE_URL: databaseUrl({ default: defaultSqliteUrl('agentur') }),
  };
  for (const provider of registry.providers) {
    urlSpec[`${provider.id.toUpperCase()}_DATABASE_URL`] = databaseUrl({ default: defaultSqliteUrl(provider.id) });
  }
  const urls = loadConfig(urlSpec, env) as Record<string, string>;
  const logger = createLogger('seed', env.LOG_LEVEL === 'warn' ? 'warn' : 'info');
  const quiet = createLogger('seed', 'warn');

  const started = Date.now();
  const world = generateWorld({ participants, seed, providers: [...registry.providers] });
  const kreis = await openKreis({ databaseUrl: urls.KREIS_DATABASE_URL, registry, logger: quiet });
  const agentur = await openAgentur({ databaseUrl: urls.AGENTUR_DATABASE_URL, logger: quiet });
  const providers = await Promise.all(
    registry.providers.map((p) =>
      openProvider({ providerId: p.id, databaseUrl: urls[`${p.id.toUpperCase()}_DATABASE_URL`], logger: quiet }),
    ),
  );
  try {
    const outcome = await loadWorld(world, {
      kreis,
      agentur,
      providers: Object.fromEntries(providers.map((p) => [p.services.providerId, p])),
    });
    for (const [organisation, loaded] of Object.entries(outcome)) {
      logger.info(loaded ? 'seeded' : 'already holds data; left unchanged', { organisation });
    }
    logger.info('seed finished', { participants: world.participants.length, ms: Date.now() - started });
  } finally {
    for (const opened of [kreis, agentur, ...providers]) await opened.database.dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`seed: ${error.message}\n`);
    process.exit(1);
  });
}
