import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { PERSON_ROLES, type PersonRole } from '@durchstarten/contracts/organisations';
import type { SignedViewer } from '@durchstarten/kit';

/** Role names a person's token may carry (contract). */
export const ROLES = PERSON_ROLES;
export type Role = PersonRole;

/** Who is asking: from the verified token, forwarded to the subgraphs as the kit's signed viewer, with roles the graph knows. */
export interface Viewer extends SignedViewer {
  roles: Role[];
}

/** Issuer and audience of the development tokens `npm run token` prints. */
export const DEV_ISSUER = 'durchstarten-dev';
export const DEV_AUDIENCE = 'durchstarten-graph';

export type TokenKeys =
  | { kind: 'secret'; secret: string; issuer: string; audience: string }
  | { kind: 'jwks'; jwksUrl: string; issuer: string; audience: string };

/**
 * Verifies the bearer token of a request: HS256 with a shared secret in
 * development, keys from a JWKS URL (Keycloak or another OpenID provider) in
 * production. Anything missing, expired, forged or malformed is UNAUTHENTICATED.
 */
export function createTokenVerifier(
  keys: TokenKeys,
  organisations: readonly string[],
): (authorization: string | undefined) => Promise<Viewer> {
  const key: Uint8Array | JWTVerifyGetKey =
    keys.kind === 'secret' ? new TextEncoder().encode(keys.secret) : createRemoteJWKSet(new URL(keys.jwksUrl), { timeoutDuration: 5000 });
  const algorithms = keys.kind === 'secret' ? ['HS256'] : ['RS256', 'PS256', 'ES256', 'EdDSA'];
  return async (authorization) => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw unauthenticated('Send a bearer token: Authorization: Bearer <JWT>.');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], key as JWTVerifyGetKey, {
        issuer: keys.issuer,
        audience: keys.audience,
        algorithms,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired.');
      if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) {
        // The key set could not be fetched: not the caller's fault, and worth a retry.
        throw new GraphQLError('Tokens cannot be checked right now; try again shortly.', {
          extensions: { code: 'AUTHENTICATION_UNAVAILABLE', http: { status: 503 } },
        });
      }
      throw unauthenticated('The token is not valid.');
    }
    return viewerFrom(payload, organisations);
  };
}

function viewerFrom(payload: JWTPayload, organisations: readonly string[]): Viewer {
  const { sub, org, roles } = payload as JWTPayload & { org?: unknown; roles?: unknown };
  if (typeof sub !== 'string' || sub === '') throw unauthenticated('The token has no subject (sub).');
  if (typeof org !== 'string' || !organisations.includes(org)) {
    throw unauthenticated(`The token's org claim must be one of: ${organisations.join(', ')}.`);
  }
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((role) => (ROLES as readonly unknown[]).includes(role))) {
    throw unauthenticated(`The token's roles claim must list roles among: ${ROLES.join(', ')}.`);
  }
  return { sub, org, roles: roles as Role[] };
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}
