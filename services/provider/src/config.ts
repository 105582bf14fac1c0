import { defaultSqliteUrl, loadConfig, makeValidator, port, secret, subgraphConfigSpec, url } from '@durchstarten/kit';

/** Ports of the providers the design names; another provider sets PORT itself. */
const KNOWN_PORTS: Record<string, number> = { klausenhof: 4002, fachwerk: 4003 };

const providerKey = makeValidator<string>((value) => {
  if (!/^[a-z][a-z0-9]{1,30}$/.test(value)) throw new Error('must be a lower-case provider key such as "klausenhof"');
  return value;
});

export function loadProviderConfig(env: NodeJS.ProcessEnv = process.env) {
  const { PROVIDER_ID } = loadConfig({ PROVIDER_ID: providerKey({ desc: 'which provider this deployment serves' }) }, env);
  const knownPort = KNOWN_PORTS[PROVIDER_ID];
  const shared = subgraphConfigSpec({ port: knownPort ?? 0, database: defaultSqliteUrl(PROVIDER_ID) }, env);
  return loadConfig(
    {
      ...shared,
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
