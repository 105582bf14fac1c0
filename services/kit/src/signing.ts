import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { request as undiciRequest } from 'undici';
import { outgoingTraceHeaders, type TraceContext } from './tracing';
import type { ReplayStore } from './replay/replay-store';

/** Headers of a signed call between our services. */
export const SIGNATURE_HEADERS = {
  caller: 'x-durchstarten-caller',
  timestamp: 'x-durchstarten-timestamp',
  nonce: 'x-durchstarten-nonce',
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

interface SignedParts {
  caller: string;
  timestamp: string;
  nonce: string;
  viewer: string;
  /** `POST /graphql`: a signed body cannot be replayed to another method or path. */
  target: string;
  body: string | Buffer;
}

function signatureOf(secret: string, parts: SignedParts): string {
  const bodyHash = createHash('sha256').update(parts.body).digest('base64url');
  return createHmac('sha256', secret)
    .update([parts.caller, parts.timestamp, parts.nonce, parts.viewer, parts.target, bodyHash].join('\n'))
    .digest('base64url');
}

/** The viewer as it travels in its header. */
export function encodeViewer(viewer: SignedViewer | null): string {
  return viewer ? Buffer.from(JSON.stringify(viewer)).toString('base64url') : '';
}

/**
 * Headers that prove a request comes from `caller` (the gateway, or a provider
 * asking kreis), for `viewer`, to this URL with exactly this body, now, once:
 * HMAC-SHA256 with the secret the two services share.
 */
export function signRequest(options: {
  caller: string;
  secret: string;
  url: string;
  viewer: SignedViewer | string | null;
  body: string;
  now?: number;
  nonce?: string;
}): Record<string, string> {
  const parts: SignedParts = {
    caller: options.caller,
    timestamp: String(options.now ?? Date.now()),
    nonce: options.nonce ?? randomUUID(),
    viewer: typeof options.viewer === 'string' ? options.viewer : encodeViewer(options.viewer),
    target: `POST ${pathOf(options.url)}`,
    body: options.body,
  };
  return {
    [SIGNATURE_HEADERS.caller]: parts.caller,
    [SIGNATURE_HEADERS.timestamp]: parts.timestamp,
    [SIGNATURE_HEADERS.nonce]: parts.nonce,
    [SIGNATURE_HEADERS.viewer]: parts.viewer,
    [SIGNATURE_HEADERS.signature]: signatureOf(options.secret, parts),
  };
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
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
 * Accepts only POST requests signed by a known caller within the time window,
 * each nonce once (as `replayStore` remembers them: across restarts and replicas); parses
 * the JSON body itself, after the check, from the exact bytes that were signed.
 * Everything else gets 401 before any GraphQL runs; 503 when the replay store cannot
 * be asked, since a request it cannot check is never served.
 * `mayRun` narrows what a caller other than the gateway may ask.
 */
export function requireSignedRequest(options: {
  secrets: Record<string, string>;
  replayStore: ReplayStore;
  windowMs?: number;
  now?: () => number;
  mayRun?: (caller: string, body: { query?: unknown }) => boolean;
}): RequestHandler {
  const windowMs = options.windowMs ?? DEFAULT_SIGNATURE_WINDOW_MS;
  const now = options.now ?? Date.now;
  const reject = (res: Parameters<RequestHandler>[1], message: string) =>
    res.status(401).json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });

  return async (req, res, next) => {
    const header = (name: string) => {
      const value = req.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    if (req.method !== 'POST') return reject(res, 'Only signed POST requests from the gateway are accepted.');
    const caller = header(SIGNATURE_HEADERS.caller);
    const timestamp = header(SIGNATURE_HEADERS.timestamp);
    const nonce = header(SIGNATURE_HEADERS.nonce);
    const viewer = header(SIGNATURE_HEADERS.viewer) ?? '';
    const signature = header(SIGNATURE_HEADERS.signature);
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!caller || !timestamp || !nonce || !signature)
      return reject(res, 'Only the gateway may call this service: the request is not signed.');
    const secret = Object.hasOwn(options.secrets, caller) ? options.secrets[caller] : undefined;
    const expected = secret
      ? Buffer.from(signatureOf(secret, { caller, timestamp, nonce, viewer, target: `POST ${req.originalUrl}`, body }))
      : undefined;
    const given = Buffer.from(signature);
    if (!expected || expected.length !== given.length || !timingSafeEqual(expected, given))
      return reject(res, 'The request signature does not match.');
    const at = now();
    const signedAt = Number(timestamp);
    if (!Number.isFinite(signedAt) || Math.abs(at - signedAt) > windowMs)
      return reject(res, 'The signed request is too old (or from the future).');
    let firstUse: boolean;
    try {
      firstUse = await options.replayStore.claim(caller, nonce, signedAt + windowMs);
    } catch {
      // The store has logged why (ReplayStoreUnavailableError); the request is refused, never served unchecked.
      return res.status(503).json({
        errors: [
          {
            message: 'The service cannot check signed requests for replays right now; try again later.',
            extensions: { code: 'REPLAY_STORE_UNAVAILABLE' },
          },
        ],
      });
    }
    if (!firstUse) return reject(res, 'The signed request was already used.');

    let parsedViewer: SignedViewer | null = null;
    try {
      if (viewer) parsedViewer = JSON.parse(Buffer.from(viewer, 'base64url').toString('utf8')) as SignedViewer;
      req.body = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return res.status(400).json({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    }
    if (caller !== 'gateway' && !(options.mayRun?.(caller, req.body) ?? false)) {
      return res
        .status(403)
        .json({ errors: [{ message: `${caller} may not run this operation here.`, extensions: { code: 'FORBIDDEN' } }] });
    }
    req.verifiedCall = { caller, viewer: parsedViewer };
    next();
  };
}

/**
 * A service's own signed GraphQL request to another subgraph (a provider's referral
 * look-up at kreis, kreis's statistics request to a contributor): the parsed JSON
 * answer, or a rejection when the subgraph cannot be reached in `timeoutMs`.
 */
export async function postSignedDocument(options: {
  url: string;
  caller: string;
  secret: string;
  query: string;
  variables?: Record<string, unknown>;
  timeoutMs: number;
  /** The trace of the request being served, passed on as `traceparent`. */
  trace?: TraceContext;
}): Promise<unknown> {
  const body = JSON.stringify({ query: options.query, ...(options.variables ? { variables: options.variables } : {}) });
  const response = await undiciRequest(options.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...outgoingTraceHeaders(options.trace),
      ...signRequest({ caller: options.caller, secret: options.secret, url: options.url, viewer: null, body }),
    },
    body,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  return response.body.json();
}
