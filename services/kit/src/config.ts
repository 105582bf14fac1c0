import { cleanEnv, makeValidator, port, str, url, EnvMissingError } from 'envalid';

/** Thrown when the environment is missing or has a malformed variable; the message names each one. */
export class ConfigError extends Error {
  constructor(readonly problems: Record<string, string>) {
    super(
      'Invalid configuration: ' +
        Object.entries(problems)
          .map(([name, problem]) => `${name} ${problem}`)
          .join('; '),
    );
    this.name = 'ConfigError';
  }
}

/** `sqlite:<path>` (embedded) or `mysql://user:pass@host:port/db` (MySQL 8 / MariaDB). */
export const databaseUrl = makeValidator<string>((value) => {
  if (/^sqlite:.+/.test(value)) return value;
  if (/^(mysql|mariadb):\/\/[^/]+\/[A-Za-z0-9_$-]+(\?.*)?$/.test(value)) return value;
  throw new Error('must be sqlite:<path> or mysql://user:password@host:port/database');
});

/** `redis://host:port[/db]` (or rediss:// with TLS) for the nonces of signed requests; empty: the subgraph's database. */
export const replayStoreUrl = makeValidator<string>((value) => {
  if (value === '') return value;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error('must be redis://host:port[/db], or unset to keep the nonces in the subgraph database');
  }
  if (!['redis:', 'rediss:'].includes(parsed.protocol) || !parsed.hostname || !/^(\/\d*)?$/.test(parsed.pathname))
    throw new Error('must be redis://host:port[/db], or unset to keep the nonces in the subgraph database');
  return value;
});

/** A size as body-parser reads it: `512kb`, `1mb`, `100000` (bytes). */
export const byteSize = makeValidator<string>((value) => {
  if (!/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i.test(value)) throw new Error('must be a size such as 512kb or 1mb');
  return value;
});

/** A shared secret: long enough that it cannot be guessed. */
export const secret = makeValidator<string>((value) => {
  if (value.length < 32) throw new Error('is too short: use 32 characters or more');
  return value;
});

/**
 * `<PREFIX><NAME>` variables present in `env`, each validated as a secret: the
 * names are not known in advance (one per caller or per subgraph).
 */
export function secretSpecs(prefix: string, env: NodeJS.ProcessEnv, required: string[] = []) {
  const names = new Set([
    ...required.map((name) => `${prefix}${name.toUpperCase()}`),
    ...Object.keys(env).filter((name) => name.startsWith(prefix)),
  ]);
  return Object.fromEntries([...names].map((name) => [name, secret({ desc: 'shared secret for signed calls' })]));
}

/** `CALLER_SECRET_GATEWAY=…` and `CALLER_SECRET_KLAUSENHOF=…` give `{ gateway: …, klausenhof: … }`. */
export function secretsByName(prefix: string, config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, value]) => [name.slice(prefix.length).toLowerCase(), String(value)]),
  );
}

export const CALLER_SECRET_PREFIX = 'CALLER_SECRET_';

/** `METRICS_PORT`: a port for GET /metrics, `off`, or empty for the service's own port + 100. */
export const metricsPortSetting = makeValidator<string>((value) => {
  if (value === '' || value === 'off') return value;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error('must be a port (0-65535), off, or empty for PORT + 100');
  return value;
});

/** Where a service serves its metrics: METRICS_PORT, else its own port + 100; undefined for `off`. */
export function metricsPortFrom(setting: string, port: number): number | undefined {
  if (setting === 'off') return undefined;
  return setting === '' ? port + 100 : Number(setting);
}

export const positiveInt = makeValidator<number>((value) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error('must be a positive whole number');
  return parsed;
});

/**
 * Validates `source` once at start-up against `spec`. Unlike envalid's default
 * reporter it throws (so tests and the launcher can report it) instead of exiting.
 */
export function loadConfig<S extends Record<string, any>>(
  spec: S,
  source: NodeJS.ProcessEnv = process.env,
): ReturnType<typeof cleanEnv<S>> {
  return cleanEnv(source, spec, {
    reporter: ({ errors }) => {
      const names = Object.keys(errors);
      if (names.length === 0) return;
      const problems: Record<string, string> = {};
      for (const name of names) {
        const error = (errors as Record<string, Error>)[name];
        problems[name] = error instanceof EnvMissingError ? 'is required but not set' : `is malformed: ${error.message}`;
      }
      throw new ConfigError(problems);
    },
  });
}

/** Settings every subgraph shares, including the secrets of the callers it accepts (the gateway at least). */
export function subgraphConfigSpec(defaults: { port: number; database: string }, env: NodeJS.ProcessEnv = process.env) {
  return {
    ...secretSpecs(CALLER_SECRET_PREFIX, env, ['gateway']),
    PORT: port({ default: defaults.port, desc: 'HTTP port of this subgraph' }),
    HOST: str({ default: '127.0.0.1', desc: 'interface to bind; 0.0.0.0 in containers' }),
    DATABASE_URL: databaseUrl({ default: defaults.database }),
    DB_POOL_SIZE: positiveInt({ default: 10 }),
    LOG_LEVEL: str({ choices: ['debug', 'info', 'warn', 'error'], default: 'info' }),
    METRICS_PORT: metricsPortSetting({ default: '', desc: 'port of GET /metrics (Prometheus), on HOST; empty: PORT + 100; off' }),
    BODY_LIMIT: byteSize({ default: '1mb', desc: 'largest accepted request body' }),
    REPLAY_STORE_URL: replayStoreUrl({ default: '', desc: 'Redis the replicas share for signed-request nonces; unset: the database' }),
    // Read by graphql-js when it loads: production skips its development-only checks.
    NODE_ENV: str({ default: 'development', desc: 'production in deployments' }),
  };
}

export { makeValidator, port, str, url };
