import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProviderRegistry } from './provider-registry';
import { ENV, gatewayEnv, graphManifest, subgraphEnv, type GraphSecrets } from './topology';

const registry = new ProviderRegistry([
  { id: 'klausenhof', name: 'K', seat: 'H', bank: 'RIGHT', routingUrl: 'http://127.0.0.1:4002/graphql' },
  { id: 'diakonie', name: 'D', seat: 'W', bank: 'RIGHT', routingUrl: 'http://127.0.0.1:4005/graphql' },
]);
const manifest = graphManifest(registry);
const secrets: GraphSecrets = {
  gatewayTo: { kreis: 'g-kreis', klausenhof: 'g-klausenhof', diakonie: 'g-diakonie', agentur: 'g-agentur' },
  providerToKreis: { klausenhof: 'klausenhof-k', diakonie: 'diakonie-k' },
  kreisTo: { klausenhof: 'k-klausenhof', diakonie: 'k-diakonie', agentur: 'k-agentur' },
};
const urlOf = (name: string) => `http://${name}.internal/graphql`;

describe('the graph manifest', () => {
  it('lists kreis, the registry’s providers in order, then agentur, with packages, entry points and ports', () => {
    expect(manifest.subgraphs.map((s) => [s.name, s.kind, s.packageName, s.entry, s.port, s.contributes])).toEqual([
      ['kreis', 'kreis', '@durchstarten/kreis', 'services/kreis/dist/main.js', 4001, false],
      ['klausenhof', 'provider', '@durchstarten/provider', 'services/provider/dist/main.js', 4002, true],
      ['diakonie', 'provider', '@durchstarten/provider', 'services/provider/dist/main.js', 4005, true],
      ['agentur', 'agentur', '@durchstarten/agentur', 'services/agentur/dist/main.js', 4004, true],
    ]);
    expect(() => manifest.get('nowhere')).toThrow(/No subgraph "nowhere".*kreis, klausenhof, diakonie, agentur/);
  });

  it('gives each end of each signed pair the same secret', () => {
    const kreis = subgraphEnv(manifest, 'kreis', secrets, urlOf);
    const diakonie = subgraphEnv(manifest, 'diakonie', secrets, urlOf);
    const agentur = subgraphEnv(manifest, 'agentur', secrets, urlOf);
    const gateway = gatewayEnv(manifest, secrets, urlOf);
    expect(diakonie).toEqual({
      CALLER_SECRET_GATEWAY: 'g-diakonie',
      PROVIDER_ID: 'diakonie',
      KREIS_URL: 'http://kreis.internal/graphql',
      KREIS_CALLER_SECRET: 'diakonie-k',
      CALLER_SECRET_KREIS: 'k-diakonie',
    });
    expect(kreis[ENV.callerSecret('diakonie')]).toBe(diakonie[ENV.kreisCallerSecret]);
    expect(kreis[ENV.contributorSecret('diakonie')]).toBe(diakonie[ENV.callerSecret('kreis')]);
    expect(kreis[ENV.contributorSecret('agentur')]).toBe(agentur[ENV.callerSecret('kreis')]);
    expect(kreis[ENV.url('diakonie')]).toBe('http://diakonie.internal/graphql');
    for (const { name } of manifest.subgraphs) {
      expect(gateway[ENV.gatewaySecret(name)]).toBe(subgraphEnv(manifest, name, secrets, urlOf).CALLER_SECRET_GATEWAY);
      expect(gateway[ENV.url(name)]).toBe(urlOf(name));
    }
    expect(agentur).not.toHaveProperty('PROVIDER_ID');
    expect(kreis).not.toHaveProperty(ENV.callerSecret('kreis'));
  });
});

describe('the provider registry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'registry-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fromJson = (value: unknown) => {
    const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify(value));
    return () => ProviderRegistry.fromFile(path);
  };
  const entry = { id: 'diakonie', name: 'D', seat: 'W', bank: 'RIGHT', routingUrl: 'http://127.0.0.1:4005/graphql' };

  it('names what is wrong with an entry', () => {
    expect(fromJson({ providers: [] })).toThrow(/non-empty "providers" list/);
    expect(fromJson({ providers: [{ ...entry, id: 'Diakonie' }] })).toThrow(/lower-case letters and digits/);
    expect(fromJson({ providers: [entry, entry] })).toThrow(/"diakonie" appears twice/);
    expect(fromJson({ providers: [{ ...entry, bank: 'NORTH' }] })).toThrow(/"bank": "LEFT" or "RIGHT"/);
    expect(fromJson({ providers: [{ ...entry, routingUrl: 'diakonie:4005' }] })).toThrow(/routingUrl/);
    expect(() => ProviderRegistry.fromFile(join(dir, 'missing.json'))).toThrow(/cannot read/);
    expect(fromJson({ providers: [entry] })().get('diakonie')).toEqual(entry);
  });
});
