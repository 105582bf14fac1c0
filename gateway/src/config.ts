import { join } from 'node:path';
import { makeValidator } from 'envalid';
import {
  byteSize,
  ConfigError,
  loadConfig,
  metricsPortSetting,
  port,
  positiveInt,
  repoRoot,
  secretsByName,
  secretSpecs,
  str,
} from '@durchstarten/kit';
import { DEV_AUDIENCE, DEV_ISSUER, type TokenKeys } from './auth';
import type { QueryLimits } from './limits';

/**
 * `CORS_ORIGINS`: comma-separated origins (`https://app.example.org`, `http://localhost:5173`) whose browser
 * pages may call /graphql. Exact origins only: a wildcard would let any web page use the graph with a token it holds.
 */
export const originList = makeValidator<string[]>((value) => {
  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin)
      throw new Error(
        `"${origin}" is not an origin: write scheme, host and port only, e.g. https://app.example.org (no path, no trailing slash, no *)`,
      );
  }
  return [...new Set(origins)];
});

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      PORT: port({ default: 4000 }),
      HOST: str({ default: '127.0.0.1', desc: 'interface to bind; 0.0.0.0 in containers' }),
      SUPERGRAPH_PATH: str({ default: join(repoRoot(), 'schema', 'supergraph.graphql') }),
      SUBGRAPH_TIMEOUT_MS: positiveInt({ default: 10_000, desc: 'longest wait for one subgraph response' }),
      SUBGRAPH_MAX_SOCKETS: positiveInt({ default: 64, desc: 'keep-alive connections per subgraph (per worker)' }),
      GATEWAY_WORKERS: positiveInt({ default: 1, desc: 'gateway processes sharing the port; more than 1 pays off with spare cores' }),
      BODY_LIMIT: byteSize({ default: '1mb' }),
      RESPONSE_COMPRESSION: str({ choices: ['on', 'off'], default: 'on', desc: 'gzip/brotli for clients that accept it, from 1 kB' }),
      LOG_LEVEL: str({ choices: ['debug', 'info', 'warn', 'error'], default: 'info' }),
      METRICS_PORT: metricsPortSetting({ default: '', desc: 'port of GET /metrics (Prometheus), on HOST; empty: PORT + 100; off' }),
      NODE_ENV: str({ default: 'development', desc: 'production turns off introspection and field suggestions and requires JWKS_URL' }),
      JWT_SECRET: str({ default: '', desc: 'HS256 secret of development tokens (32 characters or more)' }),
      JWKS_URL: str({ default: '', desc: 'key set of the OpenID provider that issues tokens in production' }),
      JWT_ISSUER: str({ default: DEV_ISSUER }),
      JWT_AUDIENCE: str({ default: DEV_AUDIENCE }),
      QUERY_IDE: str({
        choices: ['on', 'off'],
        default: 'on',
        desc: 'the query IDE (GraphiQL) at GET /graphql for browsers; off leaves only the API there',
      }),
      CORS_ORIGINS: originList({
        default: [],
        desc: 'comma-separated origins whose browser pages may call /graphql; empty sends no CORS headers',
      }),
      LIMIT_DEPTH: positiveInt({ default: 12 }),
      LIMIT_ALIASES: positiveInt({ default: 20 }),
      LIMIT_TOKENS: positiveInt({ default: 3000 }),
      LIMIT_COST: positiveInt({ default: 50_000 }),
      LIMIT_DIRECTIVES: positiveInt({ default: 50 }),
      ...secretSpecs(SUBGRAPH_SECRET_PREFIX, env),
    },
    env,
  );
}

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

/** Which keys verify tokens: a JWKS URL wins; a shared secret only outside production. */
export function tokenKeysFrom(config: GatewayConfig): TokenKeys {
  if (config.JWKS_URL) {
    const pattern = config.NODE_ENV === 'production' ? /^https:\/\/\S+$/ : /^https?:\/\/\S+$/;
    if (!pattern.test(config.JWKS_URL)) {
      throw new ConfigError({ JWKS_URL: `is malformed: must be an ${config.NODE_ENV === 'production' ? 'https' : 'http(s)'} URL` });
    }
    return { kind: 'jwks', jwksUrl: config.JWKS_URL, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
  }
  if (config.NODE_ENV === 'production') throw new ConfigError({ JWKS_URL: 'is required when NODE_ENV=production' });
  if (config.JWT_SECRET.length < 32) {
    throw new ConfigError({
      JWT_SECRET: config.JWT_SECRET ? 'is too short: use 32 characters or more' : 'is required but not set (or set JWKS_URL)',
    });
  }
  return { kind: 'secret', secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
}

export const SUBGRAPH_SECRET_PREFIX = 'SUBGRAPH_SECRET_';

/** The secret the gateway signs each subgraph's requests with: SUBGRAPH_SECRET_<NAME>, one per subgraph. */
export function subgraphSecretsFrom(config: GatewayConfig, subgraphNames: string[]): Record<string, string> {
  const secrets = secretsByName(SUBGRAPH_SECRET_PREFIX, config);
  const missing = subgraphNames.filter((name) => !secrets[name]);
  if (missing.length)
    throw new ConfigError(
      Object.fromEntries(missing.map((name) => [`${SUBGRAPH_SECRET_PREFIX}${name.toUpperCase()}`, 'is required but not set'])),
    );
  return secrets;
}

export function queryLimitsFrom(config: GatewayConfig): QueryLimits {
  return {
    maxDepth: config.LIMIT_DEPTH,
    maxAliases: config.LIMIT_ALIASES,
    maxTokens: config.LIMIT_TOKENS,
    maxCost: config.LIMIT_COST,
    maxDirectives: config.LIMIT_DIRECTIVES,
    fieldSuggestions: config.NODE_ENV !== 'production',
  };
}

/** `<NAME>_URL` (e.g. KREIS_URL, KLAUSENHOF_URL) overrides a subgraph's routing URL from the supergraph. */
export function subgraphUrlOverrides(names: string[], env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const name of names) {
    const variable = `${name.toUpperCase()}_URL`;
    const value = env[variable];
    if (!value) continue;
    if (!/^https?:\/\/[^\s]+$/.test(value)) throw new ConfigError({ [variable]: 'is malformed: must be an http(s) URL' });
    overrides[name] = value;
  }
  return overrides;
}
