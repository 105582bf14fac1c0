import { defaultSqliteUrl, loadConfig, makeValidator, port, secret, subgraphConfigSpec, url } from '@durchstarten/kit';
import { ProviderRegistry, providerRegistryPath, providerRegistrySpec } from '@durchstarten/contracts';

/**
 * The port of the provider's registry entry (its routingUrl's), where this deployment
 * can read the registry; a provider deployed without it sets PORT itself.
 */
function registeredPort(providerId: string, env: NodeJS.ProcessEnv): number | undefined {
  let registry: ProviderRegistry;
  try {
    registry = ProviderRegistry.fromFile(providerRegistryPath(env));
  } catch {
    return undefined;
  }
  const entry = registry.get(providerId);
  return entry ? Number(new URL(entry.routingUrl).port) || undefined : undefined;
}

const providerKey = makeValidator<string>((value) => {
  if (!/^[a-z][a-z0-9]{1,30}$/.test(value)) throw new Error('must be a lower-case provider key such as "klausenhof"');
  return value;
});

export function loadProviderConfig(env: NodeJS.ProcessEnv = process.env) {
  const { PROVIDER_ID } = loadConfig({ PROVIDER_ID: providerKey({ desc: 'which provider this deployment serves' }) }, env);
  const knownPort = registeredPort(PROVIDER_ID, env);
  const shared = subgraphConfigSpec({ port: knownPort ?? 0, database: defaultSqliteUrl(PROVIDER_ID) }, env);
  return loadConfig(
    {
      ...shared,
      ...providerRegistrySpec,
      PORT: knownPort ? shared.PORT : port({ desc: 'HTTP port of this provider subgraph' }),
      PROVIDER_ID: providerKey(),
      KREIS_CALLER_SECRET: secret({ desc: 'shared with kreis (its CALLER_SECRET_<PROVIDER>) to sign referral look-ups' }),
      KREIS_URL: url({
        default: 'http://127.0.0.1:4001/graphql',
        desc: 'kreis subgraph, asked whether a referral belongs to this provider',
      }),
    },
    env,
  );
}
