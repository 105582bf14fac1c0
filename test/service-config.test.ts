import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAgenturConfig } from '@durchstarten/agentur';
import { loadKreisConfig } from '@durchstarten/kreis';
import { loadProviderConfig } from '@durchstarten/provider';
import { loadGatewayConfig, subgraphUrlOverrides } from '@durchstarten/gateway/config';
import { ConfigError } from '@durchstarten/kit';

function problemsOf(load: () => unknown): Record<string, string> {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const SECRETS = {
  CALLER_SECRET_GATEWAY: 'a-secret-the-gateway-shares-with-us-0123',
  KREIS_CALLER_SECRET: 'a-secret-this-provider-shares-with-kreis-01',
  CONTRIBUTOR_SECRET_KLAUSENHOF: 'a-secret-kreis-shares-with-klausenhof-0123',
  CONTRIBUTOR_SECRET_FACHWERK: 'a-secret-kreis-shares-with-fachwerk-012345',
  CONTRIBUTOR_SECRET_AGENTUR: 'a-secret-kreis-shares-with-agentur-0123456',
};
/** The two providers of the programme, whatever the repository's registry lists today: these tests are about configuration. */
const REGISTRY_DIR = mkdtempSync(join(tmpdir(), 'config-registry-'));
const PROVIDER_REGISTRY = join(REGISTRY_DIR, 'providers.json');
writeFileSync(
  PROVIDER_REGISTRY,
  JSON.stringify({
    providers: [
      {
        id: 'klausenhof',
        name: 'Akademie Klausenhof gGmbH',
        seat: 'Hamminkeln-Dingden',
        bank: 'RIGHT',
        routingUrl: 'http://127.0.0.1:4002/graphql',
      },
      { id: 'fachwerk', name: 'FachWerk.KreisWesel gGmbH', seat: 'Moers', bank: 'LEFT', routingUrl: 'http://127.0.0.1:4003/graphql' },
    ],
  }),
);
afterAll(() => rmSync(REGISTRY_DIR, { recursive: true, force: true }));
const withSecrets = (env: NodeJS.ProcessEnv) => ({ ...SECRETS, PROVIDER_REGISTRY, ...env });

describe('configuration', () => {
  it('gives every service its documented defaults', () => {
    expect(loadKreisConfig(withSecrets({})).PORT).toBe(4001);
    expect(loadProviderConfig(withSecrets({ PROVIDER_ID: 'klausenhof' })).PORT).toBe(4002);
    expect(loadProviderConfig(withSecrets({ PROVIDER_ID: 'fachwerk' })).PORT).toBe(4003);
    expect(loadAgenturConfig(withSecrets({})).PORT).toBe(4004);
    expect(loadGatewayConfig({}).PORT).toBe(4000);
    expect(loadKreisConfig(withSecrets({})).DATABASE_URL).toMatch(/^sqlite:.*data[\\/]kreis\.sqlite$/);
    expect(loadProviderConfig(withSecrets({ PROVIDER_ID: 'fachwerk' })).DATABASE_URL).toMatch(/fachwerk\.sqlite$/);
  });

  it('names a missing variable', () => {
    expect(problemsOf(() => loadKreisConfig({ PROVIDER_REGISTRY }))).toEqual({
      CALLER_SECRET_GATEWAY: 'is required but not set',
      CONTRIBUTOR_SECRET_KLAUSENHOF: 'is required but not set',
      CONTRIBUTOR_SECRET_FACHWERK: 'is required but not set',
      CONTRIBUTOR_SECRET_AGENTUR: 'is required but not set',
    });
    expect(problemsOf(() => loadProviderConfig(withSecrets({})))).toEqual({ PROVIDER_ID: 'is required but not set' });
    expect(problemsOf(() => loadProviderConfig(withSecrets({ PROVIDER_ID: 'newprovider' })))).toEqual({ PORT: 'is required but not set' });
  });

  it('names each malformed variable and says what is expected', () => {
    const problems = problemsOf(() => loadKreisConfig(withSecrets({ PORT: 'eighty', DATABASE_URL: 'postgres://x/y', DB_POOL_SIZE: '0' })));
    expect(Object.keys(problems).sort()).toEqual(['DATABASE_URL', 'DB_POOL_SIZE', 'PORT']);
    expect(problems.DATABASE_URL).toMatch(/sqlite:<path> or mysql:\/\//);
    expect(problems.DB_POOL_SIZE).toMatch(/positive whole number/);
    expect(new ConfigError(problems).message).toMatch(/^Invalid configuration: .*DATABASE_URL is malformed/);
    expect(problemsOf(() => loadProviderConfig(withSecrets({ PROVIDER_ID: 'Klausenhof GmbH' })))).toHaveProperty('PROVIDER_ID');
    expect(problemsOf(() => subgraphUrlOverrides(['kreis'], { KREIS_URL: 'kreis:4001' }))).toHaveProperty('KREIS_URL');
  });

  it('reads CORS_ORIGINS as a list of exact origins, empty by default, and refuses anything else', () => {
    expect(loadGatewayConfig({}).CORS_ORIGINS).toEqual([]);
    expect(loadGatewayConfig({ CORS_ORIGINS: '' }).CORS_ORIGINS).toEqual([]);
    expect(loadGatewayConfig({ CORS_ORIGINS: ' https://app.example.org, http://localhost:5173,' }).CORS_ORIGINS).toEqual([
      'https://app.example.org',
      'http://localhost:5173',
    ]);
    for (const bad of ['*', 'https://app.example.org/', 'https://app.example.org/graphql', 'app.example.org', 'ftp://app.example.org']) {
      expect(problemsOf(() => loadGatewayConfig({ CORS_ORIGINS: `http://localhost:5173,${bad}` })).CORS_ORIGINS).toMatch(
        /is malformed: .* is not an origin: write scheme, host and port only/,
      );
    }
  });

  it('accepts MySQL and MariaDB URLs', () => {
    expect(loadAgenturConfig(withSecrets({ DATABASE_URL: 'mysql://agentur:pw@db:3306/agentur' })).DATABASE_URL).toBe(
      'mysql://agentur:pw@db:3306/agentur',
    );
    expect(loadAgenturConfig(withSecrets({ DATABASE_URL: 'mariadb://agentur@db/agentur' })).DATABASE_URL).toBe(
      'mariadb://agentur@db/agentur',
    );
  });

  it('reads REPLAY_STORE_URL as a Redis URL, unset by default (the database then), and names it when malformed', () => {
    expect(loadKreisConfig(withSecrets({})).REPLAY_STORE_URL).toBe('');
    for (const good of ['redis://redis:6379', 'redis://127.0.0.1:6379/2', 'rediss://:pw@cache.example:6380/0'])
      expect(loadAgenturConfig(withSecrets({ REPLAY_STORE_URL: good })).REPLAY_STORE_URL).toBe(good);
    for (const bad of ['http://redis:6379', 'redis:6379', 'redis://redis:6379/db', 'redis://']) {
      const problems = problemsOf(() => loadProviderConfig(withSecrets({ PROVIDER_ID: 'klausenhof', REPLAY_STORE_URL: bad })));
      expect(Object.keys(problems)).toEqual(['REPLAY_STORE_URL']);
      expect(new ConfigError(problems).message).toMatch(/REPLAY_STORE_URL is malformed: must be redis:\/\/host:port\[\/db\]/);
    }
  });

  it('lets <NAME>_URL replace a subgraph’s routing URL', () => {
    expect(subgraphUrlOverrides(['kreis', 'agentur'], { KREIS_URL: 'http://kreis:4001/graphql' })).toEqual({
      kreis: 'http://kreis:4001/graphql',
    });
  });
});
