/**
 * Checks docker-compose.yml without Docker: it parses, every Node service's
 * environment passes that service's real config loader and sets only names the
 * loader knows, ports and URLs follow docs/architecture.md section 2, every database URL
 * matches the user, password and database the MySQL init script creates, and
 * every command and build file exists.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import { loadAgenturConfig } from '@durchstarten/agentur';
import { ConfigError } from '@durchstarten/kit';
import { loadKreisConfig } from '@durchstarten/kreis';
import { loadProviderConfig } from '@durchstarten/provider';
import { loadGatewayConfig, subgraphUrlOverrides } from '@durchstarten/gateway/config';
import { graphManifest, ProviderRegistry, providerRegistryPath, type GraphManifest, type SubgraphKind } from '@durchstarten/contracts';
import { COMPOSE_REPLAY_STORE_URL, COMPOSE_SECRETS, composeFileFor } from '../scripts/docker-compose-file';
import { buildSchemaArtifacts } from '../scripts/schema-artifacts';
import { DIAKONIE, registryWithProvider } from './support/registry';

const ROOT = resolve(__dirname, '..');
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');

type Env = Record<string, string>;
interface Healthcheck {
  test?: string | string[];
}
interface DependsOn {
  condition?: string;
}
interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { target?: number; published?: number | string })[];
  expose?: (string | number)[];
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  depends_on?: string[] | Record<string, DependsOn>;
  healthcheck?: Healthcheck;
  deploy?: { replicas?: number };
  container_name?: string;
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

type Org = string;
const GATEWAY_PORT = 4000;
const MIGRATION_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'ALTER', 'INDEX', 'DROP', 'REFERENCES', 'TRIGGER'];

type Loader = (env: NodeJS.ProcessEnv) => object;
const LOADERS: Record<SubgraphKind, Loader> = { kreis: loadKreisConfig, provider: loadProviderConfig, agentur: loadAgenturConfig };

/**
 * One compose file and the registry it was written from: the repository's own, and one
 * with a third provider added, as a partner would (`npm run compose` writes the file).
 */
interface ComposeCase {
  label: string;
  registryPath: string;
  manifest: GraphManifest;
  text: string;
  ORGS: Org[];
  PORTS: Record<Org, number>;
  /** Each subgraph service, the loader its main.ts calls, and the entry point it must run. */
  SUBGRAPHS: { service: Org; loader: Loader; entry: string; kind: SubgraphKind }[];
  /** The secrets a deployment must set (compose refuses to start without them), as a user would give them. */
  DEPLOYMENT_SECRETS: Env;
  /** Passwords a user might set in the environment (or .env) of `docker compose`. */
  PASSWORD_OVERRIDES: Env;
}

function composeCase(label: string, registryPath: string, text: string): ComposeCase {
  const manifest = graphManifest(ProviderRegistry.fromFile(registryPath));
  const ORGS = manifest.subgraphs.map((s) => s.name);
  return {
    label,
    registryPath,
    manifest,
    text,
    ORGS,
    PORTS: Object.fromEntries(manifest.subgraphs.map((s) => [s.name, s.port])),
    SUBGRAPHS: manifest.subgraphs.map((s) => ({
      service: s.name,
      kind: s.kind,
      loader: LOADERS[s.kind],
      entry: s.entry.replace('/dist/', '/src/').replace(/\.js$/, '.ts'),
    })),
    DEPLOYMENT_SECRETS: Object.fromEntries(
      [
        'JWT_SECRET',
        ...manifest.subgraphs.map((s) => COMPOSE_SECRETS.gatewayTo(s.name)),
        ...manifest.providers.map((s) => COMPOSE_SECRETS.providerToKreis(s.name)),
        ...manifest.contributors.map((s) => COMPOSE_SECRETS.kreisTo(s.name)),
      ].map((name) => [name, `${name.toLowerCase()}-chosen-by-the-operator-0123456789`]),
    ),
    PASSWORD_OVERRIDES: Object.fromEntries([
      ['MYSQL_ROOT_PASSWORD', 'root-override'],
      ...ORGS.map((org) => [`${org.toUpperCase()}_DB_PASSWORD`, `${org}-override`]),
    ]),
  };
}

const REPOSITORY_CASE = composeCase('docker-compose.yml', providerRegistryPath(), readFileSync(COMPOSE_FILE, 'utf8'));
const WITH_DIAKONIE = registryWithProvider(DIAKONIE);
const CASES: ComposeCase[] = [
  REPOSITORY_CASE,
  composeCase(
    'the compose file npm run compose writes for a registry with a third provider',
    WITH_DIAKONIE.path,
    composeFileFor(graphManifest(ProviderRegistry.fromFile(WITH_DIAKONIE.path))),
  ),
];
afterAll(() => WITH_DIAKONIE.remove());

// ---------------------------------------------------------------------------
// Compose semantics the checks need: interpolation, env lists, commands
// ---------------------------------------------------------------------------

/**
 * Compose variable interpolation: `$$` is a literal `$`; `${NAME:-default}` (unset
 * or empty), `${NAME-default}` (unset), `${NAME:?message}` / `${NAME?message}`
 * (required), `${NAME}` and `$NAME` (empty when unset, as compose does with a warning).
 */
function interpolate(text: string, env: Env): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (
      match,
      braced: string | undefined,
      colon: string | undefined,
      op: string | undefined,
      arg: string | undefined,
      bare: string | undefined,
    ) => {
      if (match === '$$') return '$';
      const name = (braced ?? bare) as string;
      const value = env[name];
      const missing = colon ? value === undefined || value === '' : value === undefined;
      if (op === '-') return missing ? (arg ?? '') : (value as string);
      if (op === '?') {
        if (missing) throw new Error(`${name}: ${arg || 'required variable is not set'}`);
        return value as string;
      }
      return value ?? '';
    },
  );
}

function interpolateDeep<T>(value: T, env: Env): T {
  if (typeof value === 'string') return interpolate(value, env) as T;
  if (Array.isArray(value)) return value.map((item) => interpolateDeep(item, env)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateDeep(item, env)])) as T;
  }
  return value;
}

/** The compose file as docker compose sees it, with variables taken from `env` (defaults when empty). */
function loadComposeText(composeText: string, env: Env, secrets: Env): ComposeFile {
  // `merge: true`: compose files share settings through `<<: *anchor`.
  return interpolateDeep(YAML.parse(composeText, { merge: true }) as ComposeFile, { ...secrets, ...env });
}

function environmentOf(service: Service): Env {
  const raw = service.environment ?? {};
  const env: Env = {};
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      const at = entry.indexOf('=');
      if (at > 0) env[entry.slice(0, at)] = entry.slice(at + 1);
    }
  } else {
    for (const [name, value] of Object.entries(raw)) if (value !== null && value !== undefined) env[name] = String(value);
  }
  return env;
}

function commandOf(service: Service): string[] {
  const command = service.command ?? [];
  return Array.isArray(command) ? command : command.trim().split(/\s+/);
}

/** A compiled entry point back to its source: `<package>/dist/X.js` to `<package>/src/X.ts`, `dist/scripts/X.js` to `scripts/X.ts`. */
function sourceOfCompiled(command: string[]): string {
  const script = command.find((arg) => /(^|\/)dist\/.+\.js$/.test(arg));
  if (!script) throw new Error(`command ${JSON.stringify(command)} runs no compiled */dist/*.js file`);
  return (script.startsWith('dist/') ? script.replace(/^dist\//, '') : script.replace('/dist/', '/src/')).replace(/\.js$/, '.ts');
}

function healthcheckText(service: Service): string {
  const test = service.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

function dependencies(service: Service): Record<string, string | undefined> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep?.condition]));
}

function publishedPorts(service: Service): string[] {
  return (service.ports ?? []).map((port) => (typeof port === 'object' ? `${port.published}:${port.target}` : String(port)));
}

function knownNames(config: object): Set<string> {
  return new Set(Object.keys(config));
}

function expectOnlyKnownNames(service: string, env: Env, known: Set<string>): void {
  const unknown = Object.keys(env).filter((name) => !known.has(name));
  expect({ service, unknown }).toEqual({ service, unknown: [] });
}

function validate(loader: Loader, env: Env): object {
  try {
    return loader(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new Error(`${error.message} (problems: ${JSON.stringify(error.problems)})`);
    throw error;
  }
}

// ---------------------------------------------------------------------------
// The MySQL init script, run against a stub `mysql` that records the SQL
// ---------------------------------------------------------------------------

interface InitResult {
  sql: string;
  /** User name to the password the init script gives it. */
  passwords: Record<string, string>;
  databases: string[];
  /** User name to its grants: privileges and the `db`.* they apply to. */
  grants: Record<string, { privileges: string[]; on: string }[]>;
}

function initScriptPath(mysql: Service): string {
  const mounts = (mysql.volumes ?? []).map((volume) =>
    typeof volume === 'string'
      ? { source: volume.split(':')[0], target: volume.split(':')[1] }
      : { source: volume.source ?? '', target: volume.target ?? '' },
  );
  const init = mounts.filter((mount) => mount.target?.startsWith('/docker-entrypoint-initdb.d'));
  expect(init).toHaveLength(1);
  return resolve(ROOT, init[0].source);
}

function unquoteSql(literal: string): string {
  return literal.slice(1, -1).replace(/''/g, "'").replace(/\\(.)/g, '$1');
}

function runInitScript(scriptPath: string, mysqlEnv: Env): InitResult {
  const work = mkdtempSync(join(tmpdir(), 'mysql-init-'));
  try {
    const out = join(work, 'statements.sql');
    const stub = join(work, 'mysql');
    writeFileSync(stub, '#!/bin/sh\ncat >> "$MYSQL_STUB_OUT"\n');
    chmodSync(stub, 0o755);
    // bash runs .sh files as the image's entrypoint does; env is only what compose passes to the container.
    execFileSync('bash', [scriptPath], {
      env: { ...mysqlEnv, PATH: `${work}:${process.env.PATH ?? '/usr/bin:/bin'}`, MYSQL_STUB_OUT: out },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const sql = existsSync(out) ? readFileSync(out, 'utf8') : '';
    const literal = String.raw`'(?:[^'\\]|''|\\.)*'`;
    const passwords: Record<string, string> = {};
    for (const m of sql.matchAll(
      new RegExp(String.raw`(?:CREATE|ALTER) USER (?:IF NOT EXISTS )?'([^']+)'@'[^']*' IDENTIFIED BY (${literal})`, 'gi'),
    )) {
      const password = unquoteSql(m[2]);
      if (m[1] in passwords) expect({ user: m[1], password }).toEqual({ user: m[1], password: passwords[m[1]] });
      passwords[m[1]] = password;
    }
    const databases = [...sql.matchAll(/CREATE DATABASE (?:IF NOT EXISTS )?`?([A-Za-z0-9_$]+)`?/gi)].map((m) => m[1]);
    const grants: InitResult['grants'] = {};
    for (const m of sql.matchAll(/GRANT\s+([\s\S]+?)\s+ON\s+(\S+)\s+TO\s+'([^']+)'@'[^']*'([^;]*);/gi)) {
      expect(m[4]).not.toMatch(/GRANT OPTION/i);
      (grants[m[3]] ??= []).push({ privileges: m[1].split(',').map((p) => p.trim().toUpperCase()), on: m[2].replace(/`/g, '') });
    }
    return { sql, passwords, databases, grants };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Splits `mysql://user:password@host:port/db` the way TypeORM does (DriverUtils.parseConnectionUrl):
 * user up to the first colon, password up to the last `@`, both used literally (no percent-decoding).
 */
function expectDatabaseUrl(label: string, url: string | undefined, org: Org, passwords: Record<string, string>): void {
  const match = /^(mysql):\/\/([^:/@]*):([^/]*)@([^@:/]+):(\d+)\/([A-Za-z0-9_$-]+)$/.exec(url ?? '');
  expect({ label, url, parsed: match !== null }).toEqual({ label, url, parsed: true });
  const [, protocol, user, password, host, port, database] = match as RegExpExecArray;
  expect({ label, protocol, user, host, port, database }).toEqual({
    label,
    protocol: 'mysql',
    user: org,
    host: 'mysql',
    port: '3306',
    database: org,
  });
  expect({ label, password }).toEqual({ label, password: passwords[org] });
}

// ---------------------------------------------------------------------------

/**
 * The Compose CLI that can check the file without an engine: `docker compose` (v2), else
 * Debian's `docker-compose` 1.29, which predates the top-level `name:` (the file is checked
 * without that line there). Neither is installed on every machine: then the check skips, saying so.
 */
function composeCli(): { command: string[]; withoutName: boolean } | undefined {
  const works = (command: string[]) => {
    try {
      execFileSync(command[0], [...command.slice(1), 'version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (works(['docker', 'compose'])) return { command: ['docker', 'compose'], withoutName: false };
  if (works(['docker-compose'])) return { command: ['docker-compose'], withoutName: true };
  return undefined;
}

const CLI = composeCli();
if (!CLI) process.stdout.write('docker-compose.test: no docker compose CLI here; the file is not checked by it\n');

(CLI ? it : it.skip)('docker compose config accepts docker-compose.yml with the secrets set, and sees the replicas', () => {
  const cli = CLI as NonNullable<typeof CLI>;
  const work = mkdtempSync(join(ROOT, '.compose-check-'));
  try {
    const file = join(work, 'docker-compose.yml');
    // Inside the repository, so that the relative build context and mounts resolve as they would.
    writeFileSync(file, cli.withoutName ? REPOSITORY_CASE.text.replace(/^name: .*$/m, '') : REPOSITORY_CASE.text);
    const output = execFileSync(cli.command[0], [...cli.command.slice(1), '--project-directory', ROOT, '-f', file, 'config'], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? work, ...REPOSITORY_CASE.DEPLOYMENT_SECRETS },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString('utf8');
    const resolved = YAML.parse(output) as ComposeFile;
    expect(resolved.services.kreis.deploy?.replicas).toBe(2);
    expect(resolved.services.gateway.deploy?.replicas).toBe(2);
    expect(environmentOf(resolved.services.kreis).REPLAY_STORE_URL).toBe(COMPOSE_REPLAY_STORE_URL);
    expect(Object.keys(resolved.services)).toEqual(expect.arrayContaining(['redis', 'edge']));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

it('docker-compose.yml is what npm run compose writes from the registry', () => {
  expect(REPOSITORY_CASE.text).toBe(composeFileFor(REPOSITORY_CASE.manifest));
});

describe.each(CASES)('$label', ({ text, registryPath, ORGS, PORTS, SUBGRAPHS, DEPLOYMENT_SECRETS, PASSWORD_OVERRIDES }) => {
  const loadCompose = (env: Env = {}, secrets: Env = DEPLOYMENT_SECRETS) => loadComposeText(text, env, secrets);
  const compose = loadCompose();
  const services = compose.services;
  // kreis reads the registry it was deployed with; the same file the compose file was written from.
  const withRegistry =
    (loader: Loader): Loader =>
    (env) =>
      loader({ PROVIDER_REGISTRY: registryPath, ...env });

  it('parses and has the whole graph', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['mysql', 'redis', 'seed', ...ORGS, 'gateway', 'edge']));
  });

  describe.each(SUBGRAPHS)('subgraph $service', ({ service: name, loader: configLoader, entry, kind }) => {
    const loader = withRegistry(configLoader);
    const service = services[name];
    const env = environmentOf(service);

    it('passes its config loader and sets only variables the loader knows', () => {
      const config = validate(loader, env);
      expectOnlyKnownNames(name, env, knownNames(config));
    });

    it(`listens on ${PORTS[name]} on all interfaces, checks /ready there, and is not published`, () => {
      const config = validate(loader, env) as { PORT: number; HOST: string };
      expect(config.PORT).toBe(PORTS[name]);
      expect(env.PORT).toBe(String(PORTS[name]));
      expect(config.HOST).toBe('0.0.0.0');
      expect(healthcheckText(service)).toContain(`http://127.0.0.1:${PORTS[name]}/ready`);
      expect(service.ports ?? []).toEqual([]);
      expect((service.expose ?? []).map(String)).toContain(String(PORTS[name]));
    });

    it('runs its own entry point, compiled', () => {
      expect(sourceOfCompiled(commandOf(service))).toBe(entry);
      expect(existsSync(join(ROOT, entry))).toBe(true);
    });

    it('starts after the seed job succeeded', () => {
      expect(dependencies(service).seed).toBe('service_completed_successfully');
    });

    it('keeps the nonces of signed requests in the shared redis, once redis is healthy', () => {
      const config = validate(loader, env) as { REPLAY_STORE_URL: string };
      expect(config.REPLAY_STORE_URL).toBe(COMPOSE_REPLAY_STORE_URL);
      expect(new URL(COMPOSE_REPLAY_STORE_URL).hostname).toBe('redis');
      expect(dependencies(service).redis).toBe('service_healthy');
    });

    if (kind === 'provider') {
      it('serves its own provider and reaches kreis inside the compose network', () => {
        const config = validate(loader, env) as { PROVIDER_ID: string; KREIS_URL: string };
        expect(config.PROVIDER_ID).toBe(name);
        expect(config.KREIS_URL).toBe(`http://kreis:${environmentOf(services.kreis).PORT}/graphql`);
      });
    }
  });

  describe('secrets', () => {
    it('ships no default for any secret: compose stops and names the one that is missing', () => {
      expect(() => loadCompose({}, {})).toThrow(/_SECRET: set /);
      for (const name of Object.keys(DEPLOYMENT_SECRETS)) {
        const { [name]: _left, ...others } = DEPLOYMENT_SECRETS;
        expect(() => loadCompose({}, others)).toThrow(new RegExp(`^${name}: set ${name}`));
      }
    });

    it('gives both ends of each signed call the same secret', () => {
      const gateway = environmentOf(services.gateway);
      for (const org of ORGS) {
        expect(gateway[`SUBGRAPH_SECRET_${org.toUpperCase()}`]).toBe(environmentOf(services[org]).CALLER_SECRET_GATEWAY);
      }
      const providers = SUBGRAPHS.filter((s) => s.kind === 'provider').map((s) => s.service);
      const contributors = SUBGRAPHS.filter((s) => s.kind !== 'kreis').map((s) => s.service);
      for (const provider of providers) {
        expect(environmentOf(services[provider]).KREIS_CALLER_SECRET).toBe(
          environmentOf(services.kreis)[`CALLER_SECRET_${provider.toUpperCase()}`],
        );
      }
      for (const contributor of contributors) {
        expect(environmentOf(services[contributor]).CALLER_SECRET_KREIS).toBe(
          environmentOf(services.kreis)[`CONTRIBUTOR_SECRET_${contributor.toUpperCase()}`],
        );
      }
      const all = [
        gateway.JWT_SECRET,
        ...ORGS.map((org) => environmentOf(services[org]).CALLER_SECRET_GATEWAY),
        ...providers.map((name) => environmentOf(services.kreis)[`CALLER_SECRET_${name.toUpperCase()}`]),
        ...contributors.map((name) => environmentOf(services[name]).CALLER_SECRET_KREIS),
      ];
      expect(new Set(all).size).toBe(all.length);
    });
  });

  describe('gateway', () => {
    const service = services.gateway;
    const env = environmentOf(service);

    it('passes its config loader and sets only variables the gateway knows', () => {
      const config = validate(loadGatewayConfig, env);
      const known = knownNames(config);
      for (const org of ORGS) known.add(`${org.toUpperCase()}_URL`);
      known.add('APOLLO_TELEMETRY_DISABLED');
      expectOnlyKnownNames('gateway', env, known);
      expect(env.APOLLO_TELEMETRY_DISABLED).toBe('1');
    });

    it('listens on 4000 on all interfaces inside the network only, and checks /health', () => {
      const config = validate(loadGatewayConfig, env) as { PORT: number; HOST: string };
      expect(config.PORT).toBe(GATEWAY_PORT);
      expect(config.HOST).toBe('0.0.0.0');
      expect(publishedPorts(service)).toEqual([]);
      expect((service.expose ?? []).map(String)).toEqual([String(GATEWAY_PORT)]);
      expect(healthcheckText(service)).toContain('http://127.0.0.1:4000/health');
    });

    it('routes each subgraph of the supergraph to its compose service and port', async () => {
      const supergraph =
        registryPath === REPOSITORY_CASE.registryPath
          ? readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8')
          : (await buildSchemaArtifacts(registryPath)).supergraphSdl;
      const names = [...supergraph.matchAll(/@join__graph\(name: "([^"]+)"/g)].map((m) => m[1]);
      expect([...names].sort()).toEqual([...ORGS].sort());
      const urls = subgraphUrlOverrides([...ORGS], env);
      for (const org of ORGS) {
        expect(environmentOf(services[org]).PORT).toBe(String(PORTS[org]));
        expect({ org, url: urls[org] }).toEqual({ org, url: `http://${org}:${PORTS[org]}/graphql` });
      }
    });

    it('runs the compiled gateway after every subgraph is healthy', () => {
      expect(sourceOfCompiled(commandOf(service))).toBe('gateway/src/main.ts');
      expect(existsSync(join(ROOT, 'gateway/src/main.ts'))).toBe(true);
      const deps = dependencies(service);
      for (const org of ORGS) expect({ org, condition: deps[org] }).toEqual({ org, condition: 'service_healthy' });
    });
  });

  describe('replicas', () => {
    it('runs two replicas of kreis and of the gateway', () => {
      expect(services.kreis.deploy?.replicas).toBe(2);
      expect(services.gateway.deploy?.replicas).toBe(2);
    });

    it('lets every Node service be scaled: no fixed container name, no published host port', () => {
      for (const name of [...ORGS, 'gateway']) {
        expect({ name, container_name: services[name].container_name, ports: services[name].ports ?? [] }).toEqual({
          name,
          container_name: undefined,
          ports: [],
        });
      }
    });

    it('publishes only the edge, which proxies to the gateway replicas by name, looked up again as they change', () => {
      for (const [name, other] of Object.entries(services))
        if (name !== 'edge') expect({ name, ports: other.ports ?? [] }).toEqual({ name, ports: [] });
      const edge = services.edge;
      expect(edge.image).toMatch(/^nginx:1\.(2[89]|[3-9]\d)/);
      expect(publishedPorts(edge)).toEqual(['4000:4000']);
      expect(dependencies(edge).gateway).toBe('service_healthy');
      const mount = (edge.volumes ?? []).map(String).find((v) => v.split(':')[1] === '/etc/nginx/nginx.conf');
      expect(mount).toBeDefined();
      const conf = readFileSync(resolve(ROOT, (mount as string).split(':')[0]), 'utf8');
      // Docker's embedded DNS, the gateway by its service name with `resolve` (nginx 1.27.3 and later), the port it publishes.
      expect(conf).toMatch(/resolver 127\.0\.0\.11\b/);
      expect(conf).toMatch(new RegExp(`server gateway:${GATEWAY_PORT} resolve;`));
      expect(conf).toMatch(/zone \w+ \d+k;/);
      expect(conf).toMatch(/listen 4000;/);
      expect(conf).toMatch(/proxy_pass http:\/\/gateway;/);
      expect(conf).toMatch(/access_log off;/);
      expect(healthcheckText(edge)).toContain('http://127.0.0.1:4000/edge-health');
      expect(conf).toContain('location = /edge-health');
    });

    it('runs the official redis image with a ping healthcheck and its own volume', () => {
      const redis = services.redis;
      expect(redis.image).toMatch(/^redis:7(\.|-|$)/);
      expect(healthcheckText(redis)).toMatch(/redis-cli ping/);
      const dataVolume = (redis.volumes ?? []).map(String).find((v) => v.split(':')[1] === '/data');
      expect(Object.keys(compose.volumes ?? {})).toContain((dataVolume as string).split(':')[0]);
    });
  });

  describe('seed', () => {
    const service = services.seed;
    const env = environmentOf(service);

    it('sets one database URL per organisation and nothing else', () => {
      expect(Object.keys(env).sort()).toEqual(ORGS.map((org) => `${org.toUpperCase()}_DATABASE_URL`).sort());
    });

    it('runs once mysql is healthy', () => {
      expect(dependencies(service).mysql).toBe('service_healthy');
    });

    it('passes only options the seed script accepts', async () => {
      const command = commandOf(service);
      const args = command.slice(command.findIndex((arg) => arg.endsWith('.js')) + 1);
      // Loaded by path so that the rest of this file still runs while scripts/seed.ts is missing.
      const seed = require(join(ROOT, 'scripts', 'seed')) as { main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> };
      // --help makes the script parse its arguments and stop before it touches a database.
      const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        await expect(seed.main([...args, '--help'], {})).resolves.toBeUndefined();
      } finally {
        write.mockRestore();
      }
    });

    it('runs a compiled script that exists (scripts/seed.ts)', () => {
      const source = sourceOfCompiled(commandOf(service));
      expect(source).toBe('scripts/seed.ts');
      expect({ source, exists: existsSync(join(ROOT, source)) }).toEqual({ source, exists: true });
    });
  });

  describe('mysql and its users', () => {
    const mysql = services.mysql;

    it('runs MySQL 8 with a named volume and a TCP ping healthcheck', () => {
      expect(mysql.image).toMatch(/^mysql:8(\.|$)/);
      const dataVolume = (mysql.volumes ?? []).map(String).find((v) => v.split(':')[1] === '/var/lib/mysql');
      expect(dataVolume).toBeDefined();
      expect(Object.keys(compose.volumes ?? {})).toContain((dataVolume as string).split(':')[0]);
      expect(healthcheckText(mysql)).toMatch(/mysqladmin ping/);
      expect(environmentOf(mysql).MYSQL_ROOT_PASSWORD).toBeTruthy();
    });

    it('has an init script that grants nothing globally', () => {
      const script = readFileSync(initScriptPath(mysql), 'utf8');
      expect(script).not.toMatch(/\*\.\*/);
      expect(script).not.toMatch(/GRANT\s+ALL/i);
      expect(script).not.toMatch(/GRANT OPTION/i);
    });

    it.each([
      ['development defaults', {} as Env, false],
      ['passwords overridden through the environment', PASSWORD_OVERRIDES, true],
    ])('gives every organisation its own database and user, and the URLs match (%s)', (_label, interpolationEnv, overridden) => {
      const resolved = loadCompose(interpolationEnv);
      const init = runInitScript(initScriptPath(resolved.services.mysql), environmentOf(resolved.services.mysql));

      expect([...init.databases].sort()).toEqual([...ORGS].sort());
      expect(Object.keys(init.passwords).sort()).toEqual([...ORGS].sort());
      for (const org of ORGS) {
        expect(init.passwords[org]).toBeTruthy();
        expect({ org, grants: init.grants[org] }).toEqual({ org, grants: [{ privileges: expect.any(Array), on: `${org}.*` }] });
        expect([...init.grants[org][0].privileges].sort()).toEqual([...MIGRATION_PRIVILEGES].sort());
      }
      expect(Object.keys(init.grants).sort()).toEqual([...ORGS].sort());
      if (overridden) {
        for (const org of ORGS) expect(init.passwords[org]).toBe(PASSWORD_OVERRIDES[`${org.toUpperCase()}_DB_PASSWORD`]);
      }

      for (const org of ORGS) {
        expectDatabaseUrl(`${org} DATABASE_URL`, environmentOf(resolved.services[org]).DATABASE_URL, org, init.passwords);
        expectDatabaseUrl(
          `seed ${org.toUpperCase()}_DATABASE_URL`,
          environmentOf(resolved.services.seed)[`${org.toUpperCase()}_DATABASE_URL`],
          org,
          init.passwords,
        );
      }
    });
  });

  describe('image', () => {
    const nodeServices = ['seed', ...ORGS, 'gateway'];

    it('builds one image for every Node service from a Dockerfile that exists', () => {
      const builds = nodeServices.map((name) => JSON.stringify({ build: services[name].build, image: services[name].image }));
      expect(new Set(builds).size).toBe(1);
      const build = services.seed.build;
      const context = typeof build === 'string' ? build : (build?.context ?? '.');
      const dockerfile = typeof build === 'object' && build.dockerfile ? build.dockerfile : 'Dockerfile';
      expect(resolve(ROOT, context)).toBe(ROOT);
      const dockerfilePath = resolve(ROOT, context, dockerfile);
      expect({ dockerfile, exists: existsSync(dockerfilePath) }).toEqual({ dockerfile, exists: true });
      // BuildKit reads `<Dockerfile>.dockerignore` next to the Dockerfile.
      const ignore = readFileSync(`${dockerfilePath}.dockerignore`, 'utf8')
        .split('\n')
        .map((line) => line.trim());
      for (const pattern of ['node_modules', 'dist', 'data', '.git']) {
        expect(ignore.some((line) => line === pattern || line === `**/${pattern}`)).toBe(true);
      }
    });
  });
});

describe('compose interpolation (test helper)', () => {
  it('resolves defaults, set values and escapes as docker compose does', () => {
    expect(interpolate('a${X:-d}b', {})).toBe('adb');
    expect(interpolate('${X:-d}', { X: '' })).toBe('d');
    expect(interpolate('${X-d}', { X: '' })).toBe('');
    expect(interpolate('${X:-d}', { X: 'v' })).toBe('v');
    expect(interpolate('${X}/$X', { X: 'v' })).toBe('v/v');
    expect(interpolate('$${X}', { X: 'v' })).toBe('${X}');
    expect(() => interpolate('${X:?needed}', {})).toThrow('needed');
  });
});
