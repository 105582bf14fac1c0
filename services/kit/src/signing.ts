import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

/** Headers of a signed call between our services. */
export const SIGNATURE_HEADERS = {
  caller: 'x-durchstarten-caller',
  timestamp: 'x-durchstarten-timestamp',
  viewer: 'x-durchstarten-viewer',
  signature: 'x-durchstarten-signature',
} as const;

/** The person a call is made for, as the gateway verified them from their token. */
export interface SignedViewer {
  sub: string;
  org: string;
  roles: string[];
}

/** How long a signed request stays valid; clocks of the services may differ by a few seconds. */
export const DEFAULT_SIGNATURE_WINDOW_MS = 30_000;

function signatureOf(secret: string, caller: string, timestamp: string, viewer: string, body: string | Buffer): string {
  const bodyHash = createHash('sha256').update(body).digest('base64url');
  return createHmac('sha256', secret).update(`${caller}\n${timestamp}\n${viewer}\n${bodyHash}`).digest('base64url');
}

/**
 * Headers that prove a request comes from `caller` (the gateway, or a provider
 * asking kreis), for `viewer`, with exactly this body, now: HMAC-SHA256 with the
 * secret the two services share.
 */
export function signRequest(options: {
  caller: string;
  secret: string;
  viewer: SignedViewer | null;
  body: string;
  now?: number;
}): Record<string, string> {
  return signWithEncodedViewer({ ...options, viewer: encodeViewer(options.viewer) });
}

/** The viewer as it travels in its header. */
export function encodeViewer(viewer: SignedViewer | null): string {
  return viewer ? Buffer.from(JSON.stringify(viewer)).toString('base64url') : '';
}

/** Like signRequest, for a caller that already holds the viewer header's value. */
export function signWithEncodedViewer(options: {
  caller: string;
  secret: string;
  viewer: string;
  body: string;
  now?: number;
}): Record<string, string> {
  const timestamp = String(options.now ?? Date.now());
  const viewer = options.viewer;
  return {
    [SIGNATURE_HEADERS.caller]: options.caller,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.viewer]: viewer,
    [SIGNATURE_HEADERS.signature]: signatureOf(options.secret, options.caller, timestamp, viewer, options.body),
  };
}

export interface VerifiedCall {
  caller: string;
  viewer: SignedViewer | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    verifiedCall?: VerifiedCall;
  }
}

/**
 * Accepts only requests signed by a known caller within the time window, each
 * signature once; parses the JSON body itself, after the check, from the exact
 * bytes that were signed. Everything else gets 401 before any GraphQL runs.
 */
export function requireSignedRequest(options: { secrets: Record<string, string>; windowMs?: number; now?: () => number }): RequestHandler {
  const windowMs = options.windowMs ?? DEFAULT_SIGNATURE_WINDOW_MS;
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>();
  const reject = (res: Parameters<RequestHandler>[1], message: string) =>
    res.status(401).json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });

  return (req, res, next) => {
    const header = (name: string) => {
      const value = req.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const caller = header(SIGNATURE_HEADERS.caller);
    const timestamp = header(SIGNATURE_HEADERS.timestamp);
    const viewer = header(SIGNATURE_HEADERS.viewer) ?? '';
    const signature = header(SIGNATURE_HEADERS.signature);
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!caller || !timestamp || !signature) return reject(res, 'Only the gateway may call this service: the request is not signed.');
    const secret = options.secrets[caller];
    if (!secret) return reject(res, 'The request is signed by an unknown caller.');
    const expected = Buffer.from(signatureOf(secret, caller, timestamp, viewer, body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return reject(res, 'The request signature does not match.');
    const age = now() - Number(timestamp);
    if (!Number.isFinite(age) || Math.abs(age) > windowMs) return reject(res, 'The signed request is too old (or from the future).');
    for (const [key, at] of seen) if (now() - at > windowMs) seen.delete(key);
    if (seen.has(signature)) return reject(res, 'The signed request was already used.');
    seen.set(signature, now());

    let parsedViewer: SignedViewer | null = null;
    try {
      if (viewer) parsedViewer = JSON.parse(Buffer.from(viewer, 'base64url').toString('utf8')) as SignedViewer;
      req.body = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return res.status(400).json({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    }
    req.verifiedCall = { caller, viewer: parsedViewer };
    next();
  };
}
