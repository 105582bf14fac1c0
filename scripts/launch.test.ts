import { graphManifest, ProviderRegistry, type GraphSecrets } from '@durchstarten/contracts';
import { createServer } from 'node:http';
import { externalSubgraphs, inheritedEnv, launchPorts, logPrefix, subgraphSpecs, useColour, waitForReady } from './launch';

describe("npm start's log prefixes", () => {
  it('colour the name at a terminal, one colour per service, and reset after it', () => {
    expect(logPrefix('kreis', 0, true)).toBe('\u001b[36mkreis     \u001b[0m|');
    expect(logPrefix('agentur', 3, true)).toBe('\u001b[32magentur   \u001b[0m|');
    expect(logPrefix('gateway', 6, true)).toBe(logPrefix('gateway', 0, true));
  });

  it('are plain text without colour: the same column, no escape character', () => {
    expect(logPrefix('klausenhof', 1, false)).toBe('klausenhof|');
    expect(logPrefix('kreis', 0, false)).toBe('kreis     |');
    expect(logPrefix('kreis', 0, false)).not.toContain('\u001b');
  });

  it('use colour only when stdout is a terminal and NO_COLOR is unset or empty', () => {
    expect(useColour({ isTTY: true }, {})).toBe(true);
    expect(useColour({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(useColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColour({ isTTY: false }, {})).toBe(false);
    // A pipe or a file: Node leaves isTTY undefined.
    expect(useColour({}, {})).toBe(false);
  });
});

describe('npm start and the manifest', () => {
  const manifest = graphManifest(
    new ProviderRegistry([
      { id: 'klausenhof', name: 'K', seat: 'H', bank: 'RIGHT', routingUrl: 'http://127.0.0.1:4002/graphql' },
      { id: 'fachwerk', name: 'F', seat: 'M', bank: 'LEFT', routingUrl: 'http://127.0.0.1:4003/graphql' },
      { id: 'diakonie', name: 'D', seat: 'W', bank: 'RIGHT', routingUrl: 'http://127.0.0.1:4005/graphql' },
    ]),
  );
  const generated: GraphSecrets = {
    gatewayTo: Object.fromEntries(manifest.subgraphs.map((s) => [s.name, `generated-gateway-${s.name}`])),
    providerToKreis: Object.fromEntries(manifest.providers.map((s) => [s.name, `generated-${s.name}-kreis`])),
    kreisTo: Object.fromEntries(manifest.contributors.map((s) => [s.name, `generated-kreis-${s.name}`])),
  };

  it('starts every subgraph of the registry on its default port, shifted by GRAPH_PORT_OFFSET; <NAME>_PORT wins', () => {
    expect(manifest.subgraphs.map((s) => launchPorts(manifest, {})(s.name))).toEqual([4001, 4002, 4003, 4005, 4004]);
    const shifted = launchPorts(manifest, { GRAPH_PORT_OFFSET: '10000', DIAKONIE_PORT: '4999' });
    expect(manifest.subgraphs.map((s) => shifted(s.name))).toEqual([14001, 14002, 14003, 4999, 14004]);
    expect([launchPorts(manifest, {})('gateway'), shifted('gateway'), launchPorts(manifest, { GATEWAY_PORT: '6000' })('gateway')]).toEqual([
      4000, 14000, 6000,
    ]);
  });

  it('gives every service its own metrics port (its port + 100): a METRICS_PORT of the shell reaches none, except off', () => {
    for (const env of [{}, { GRAPH_PORT_OFFSET: '10000' }]) {
      const portOf = launchPorts(manifest, env);
      const ports = ['gateway', ...manifest.subgraphs.map((s) => s.name)].map(portOf);
      const metricsPorts = ports.map((port) => port + 100);
      expect(new Set([...ports, ...metricsPorts]).size).toBe(ports.length * 2);
    }
    expect(inheritedEnv({ METRICS_PORT: '9464', LOG_LEVEL: 'warn' })).toEqual({ LOG_LEVEL: 'warn' });
    expect(inheritedEnv({ METRICS_PORT: 'off' })).toEqual({ METRICS_PORT: 'off' });
  });

  it('gives both ends of each signed pair the same secret', () => {
    const specs = subgraphSpecs({ manifest, secrets: generated, portOf: launchPorts(manifest, {}), databaseOf: (n) => `sqlite:${n}` });
    const env = Object.fromEntries(specs.map((s) => [s.name, s.env]));
    expect(env.diakonie).toMatchObject({
      PROVIDER_ID: 'diakonie',
      CALLER_SECRET_GATEWAY: 'generated-gateway-diakonie',
      KREIS_CALLER_SECRET: 'generated-diakonie-kreis',
      CALLER_SECRET_KREIS: 'generated-kreis-diakonie',
    });
    expect(env.kreis).toMatchObject({
      CALLER_SECRET_DIAKONIE: 'generated-diakonie-kreis',
      CONTRIBUTOR_SECRET_DIAKONIE: 'generated-kreis-diakonie',
      DIAKONIE_URL: 'http://127.0.0.1:4005/graphql',
    });
    expect(env.agentur).not.toHaveProperty('KREIS_CALLER_SECRET');
  });

  it('leaves a subgraph whose <NAME>_URL is set to whoever runs it, with the shell’s secrets, and names any that is missing', () => {
    expect(() => externalSubgraphs(manifest, generated, { DIAKONIE_URL: 'https://diakonie.example/graphql' })).toThrow(
      /not set: SUBGRAPH_SECRET_DIAKONIE, CALLER_SECRET_DIAKONIE, CONTRIBUTOR_SECRET_DIAKONIE/,
    );
    const { external, secrets } = externalSubgraphs(manifest, generated, {
      DIAKONIE_URL: 'https://diakonie.example/graphql',
      SUBGRAPH_SECRET_DIAKONIE: 'shell-gateway-diakonie',
      CALLER_SECRET_DIAKONIE: 'shell-diakonie-kreis',
      CONTRIBUTOR_SECRET_DIAKONIE: 'shell-kreis-diakonie',
    });
    expect([...external]).toEqual([['diakonie', 'https://diakonie.example/graphql']]);
    expect(secrets.gatewayTo.diakonie).toBe('shell-gateway-diakonie');
    expect(secrets.providerToKreis.diakonie).toBe('shell-diakonie-kreis');
    expect(secrets.kreisTo.diakonie).toBe('shell-kreis-diakonie');
    expect(secrets.gatewayTo.klausenhof).toBe('generated-gateway-klausenhof');
    expect(externalSubgraphs(manifest, generated, {}).external.size).toBe(0);
  });
});

describe('waiting for a service to be ready', () => {
  it('works on a port the Fetch standard calls bad (6666), as npm start with GATEWAY_PORT=6000 needs', async () => {
    const service = createServer((_req, res) => res.writeHead(200).end());
    const listening = await new Promise<boolean>((resolve) => {
      service.once('error', () => resolve(false));
      service.listen(6666, '127.0.0.1', () => resolve(true));
    });
    if (!listening) return void process.stdout.write('skipped the bad-port wait: port 6666 is in use on this machine\n');
    try {
      await expect(fetch('http://127.0.0.1:6666/ready')).rejects.toThrow();
      await expect(waitForReady('http://127.0.0.1:6666/ready', 'stand-in', 5_000)).resolves.toBeUndefined();
    } finally {
      await new Promise<void>((resolve) => service.close(() => resolve()));
    }
  });
});
