import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SignJWT } from 'jose';
import { secretsFor, type GraphManifest, type GraphSecrets } from '@durchstarten/contracts';
// The light entry point: the kit's index loads the database and server stacks, which a token does not need.
import { repoRoot } from '@durchstarten/kit/paths';
import { DEV_AUDIENCE, DEV_ISSUER, type Viewer } from './auth';

/** Where `npm start` keeps the development secret it generated, outside git (data/ is ignored). */
export const DEV_SECRETS_PATH = join(repoRoot(), 'data', 'dev-secrets.json');

/** Development secrets of one checkout: the token secret and one per signed pair of services. */
export interface DevSecrets extends GraphSecrets {
  jwtSecret: string;
}

const newSecret = () => randomBytes(32).toString('base64url');

function readDevSecrets(): Partial<DevSecrets> {
  return existsSync(DEV_SECRETS_PATH) ? (JSON.parse(readFileSync(DEV_SECRETS_PATH, 'utf8')) as Partial<DevSecrets>) : {};
}

/** The development JWT secret: JWT_SECRET if set, else the one `npm start` generated; undefined when neither exists. */
export function developmentSecret(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.JWT_SECRET || readDevSecrets().jwtSecret;
}

/**
 * Reads data/dev-secrets.json and adds a random secret for anything missing
 * (first start, a new provider); the file is readable by this user only.
 */
export function ensureDevelopmentSecrets(manifest: GraphManifest): DevSecrets {
  const stored = readDevSecrets();
  const secrets: DevSecrets = {
    jwtSecret: stored.jwtSecret ?? newSecret(),
    ...secretsFor(manifest, (pair, name) => stored[pair]?.[name] ?? newSecret()),
  };
  mkdirSync(dirname(DEV_SECRETS_PATH), { recursive: true });
  writeFileSync(DEV_SECRETS_PATH, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(DEV_SECRETS_PATH, 0o600);
  return secrets;
}

/** A development token as the gateway expects it (HS256, dev issuer and audience). */
export function signDevelopmentToken(viewer: Viewer, secret: string, ttl = '8h'): Promise<string> {
  return new SignJWT({ org: viewer.org, roles: viewer.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(viewer.sub)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}
