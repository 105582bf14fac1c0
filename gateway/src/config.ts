import { join } from 'node:path';
import { byteSize, ConfigError, loadConfig, positiveInt, port, str } from '../../services/kit/src/config';
import { repoRoot } from '../../services/kit/src/paths';

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      PORT: port({ default: 4000 }),
      HOST: str({ default: '127.0.0.1', desc: 'interface to bind; 0.0.0.0 in containers' }),
      SUPERGRAPH_PATH: str({ default: join(repoRoot(), 'schema', 'supergraph.graphql') }),
      SUBGRAPH_TIMEOUT_MS: positiveInt({ default: 10_000, desc: 'longest wait for one subgraph response' }),
      SUBGRAPH_MAX_SOCKETS: positiveInt({ default: 64, desc: 'keep-alive connections per subgraph' }),
      BODY_LIMIT: byteSize({ default: '1mb' }),
      LOG_LEVEL: str({ choices: ['debug', 'info', 'warn', 'error'], default: 'info' }),
    },
    env,
  );
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
