import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SignJWT } from 'jose';
import { repoRoot } from '../../services/kit/src/paths';
import { DEV_AUDIENCE, DEV_ISSUER, type Viewer } from './auth';

/** Where `npm start` keeps the development secret it generated, outside git (data/ is ignored). */
export const DEV_SECRETS_PATH = join(repoRoot(), 'data', 'dev-secrets.json');

interface DevSecrets {
  jwtSecret: string;
}

/** The development JWT secret: JWT_SECRET if set, else the one `npm start` generated; undefined when neither exists. */
export function developmentSecret(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  if (!existsSync(DEV_SECRETS_PATH)) return undefined;
  return (JSON.parse(readFileSync(DEV_SECRETS_PATH, 'utf8')) as DevSecrets).jwtSecret;
}

/** Creates data/dev-secrets.json with a random secret on first start; readable by this user only. */
export function ensureDevelopmentSecret(): string {
  const existing = developmentSecret({});
  if (existing) return existing;
  mkdirSync(dirname(DEV_SECRETS_PATH), { recursive: true });
  const secrets: DevSecrets = { jwtSecret: randomBytes(32).toString('base64url') };
  writeFileSync(DEV_SECRETS_PATH, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(DEV_SECRETS_PATH, 0o600);
  return secrets.jwtSecret;
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
