import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { repoRoot } from '@durchstarten/kit';
import { ROLES, type Role } from './auth';
import { signDevelopmentToken } from './dev-token';

/**
 * The analyst's workplace in the browser: the query IDE (GraphiQL) at GET /graphql,
 * the report page at /report, and in development a token counter. Everything the pages
 * load comes from this gateway (installed npm packages and gateway/workplace/), so they
 * work without internet and under a Content-Security-Policy of 'self' alone.
 */
export interface WorkplaceOptions {
  /** Serve the query IDE at GET /graphql for browsers (QUERY_IDE). */
  queryIde: boolean;
  /** Secret to sign development tokens with; without it POST /dev/token does not exist. */
  devTokenSecret?: string;
  /** Organisations a development token may name (the subgraphs). */
  organisations: readonly string[];
}

/** How long a development token from the page lives: a working session, not a day. */
export const DEV_TOKEN_TTL_SECONDS = 3600;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGES_DIR = join(repoRoot(), 'gateway', 'workplace');
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`, { paths: [repoRoot()] }));

interface Asset {
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
  woff2: 'font/woff2',
  woff: 'font/woff',
  png: 'image/png',
  svg: 'image/svg+xml',
};

const typeOf = (file: string) => TYPES[file.slice(file.lastIndexOf('.') + 1)] ?? 'application/octet-stream';

/**
 * GraphiQL's stylesheet embeds its fonts and images as data: URLs, which a CSP of
 * 'self' refuses; they become files of their own, served beside the stylesheet.
 */
export function splitDataUrls(css: string, urlPrefix: string): { css: string; files: Map<string, Asset> } {
  const files = new Map<string, Asset>();
  const extensions: Record<string, string> = { 'font/woff2': 'woff2', 'font/woff': 'woff', 'image/png': 'png', 'image/svg+xml': 'svg' };
  const rewritten = css.replace(
    /url\((["']?)data:([a-z0-9.+/-]+);base64,([A-Za-z0-9+/=]+)\1\)/gi,
    (whole, _quote, mime: string, data: string) => {
      const extension = extensions[mime.toLowerCase()];
      if (!extension) return whole;
      const body = Buffer.from(data, 'base64');
      const name = `${createHash('sha256').update(body).digest('hex').slice(0, 16)}.${extension}`;
      files.set(name, { body, type: typeOf(name) });
      return `url(${urlPrefix}${name})`;
    },
  );
  return { css: rewritten, files };
}

function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const file = (path: string): Asset => ({ body: readFileSync(path), type: typeOf(path) });
  for (const name of ['signin.js', 'ide.js', 'report.js', 'workplace.css', 'favicon.svg']) assets.set(name, file(join(PAGES_DIR, name)));
  assets.set('vendor/react.js', file(join(packageDir('react'), 'umd', 'react.production.min.js')));
  assets.set('vendor/react-dom.js', file(join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js')));
  assets.set('vendor/graphiql.js', file(join(packageDir('graphiql'), 'graphiql.min.js')));
  // chart.js exports no package.json; its UMD build sits in dist/ of the package folder.
  assets.set('vendor/chart.js', file(join(dirname(require.resolve('chart.js', { paths: [repoRoot()] })), 'chart.umd.js')));
  const graphiqlCss = readFileSync(join(packageDir('graphiql'), 'graphiql.min.css'), 'utf8');
  const split = splitDataUrls(graphiqlCss, '/workplace/vendor/graphiql/');
  assets.set('vendor/graphiql.css', { body: Buffer.from(split.css), type: TYPES.css });
  for (const [name, asset] of split.files) assets.set(`vendor/graphiql/${name}`, asset);
  return assets;
}

/** Headers of every workplace response: nothing from another origin, no framing, no referrer. */
function secure(res: Response): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

/** A browser asking for a page, not a GraphQL client: GET without `query`, preferring HTML. */
export function wantsIde(req: Request): boolean {
  return req.method === 'GET' && req.query.query === undefined && req.accepts(['application/json', 'text/html']) === 'text/html';
}

export const isLoopback = (address: string | undefined) =>
  !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));

export function createWorkplace(options: WorkplaceOptions): { router: Router; ide: RequestHandler } {
  const assets = loadAssets();
  const devTokens = options.devTokenSecret !== undefined;
  const page = (name: string) =>
    readFileSync(join(PAGES_DIR, name), 'utf8').replace('data-dev-tokens=""', `data-dev-tokens="${devTokens ? 'on' : 'off'}"`);
  const idePage = page('ide.html');
  const reportPage = page('report.html');
  const sendPage = (res: Response, html: string) => {
    secure(res);
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(html);
  };

  const router = express.Router();
  router.get('/report', (_req, res) => sendPage(res, reportPage));
  router.get('/workplace/*path', (req, res) => {
    const asset = assets.get((req.params as { path: string[] }).path.join('/'));
    if (!asset) return void res.status(404).type('text').send('Not found');
    secure(res);
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type(asset.type).send(asset.body);
  });

  if (options.devTokenSecret !== undefined) {
    const secret = options.devTokenSecret;
    router.post('/dev/token', express.json({ limit: '1kb' }), async (req, res) => {
      // The gateway may listen on 0.0.0.0 in a development container: only this machine gets tokens.
      if (!isLoopback(req.socket.remoteAddress)) {
        return void res.status(403).json({ error: 'Development tokens are issued only to requests from this machine (loopback).' });
      }
      const { org, role } = (req.body ?? {}) as { org?: unknown; role?: unknown };
      if (typeof org !== 'string' || !options.organisations.includes(org)) {
        return void res.status(400).json({ error: `org must be one of: ${options.organisations.join(', ')}` });
      }
      if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
        return void res.status(400).json({ error: `role must be one of: ${ROLES.join(', ')}` });
      }
      const token = await signDevelopmentToken(
        { sub: `${org}-${role}-dev`, org, roles: [role as Role] },
        secret,
        `${DEV_TOKEN_TTL_SECONDS}s`,
      );
      res.setHeader('Cache-Control', 'no-store');
      res.json({ token, expiresInSeconds: DEV_TOKEN_TTL_SECONDS });
    });
  }

  const ide: RequestHandler = (req, res, next) => {
    // The same URL answers GraphQL clients: caches must keep the two apart.
    res.vary('Accept');
    if (!options.queryIde || !wantsIde(req)) return next();
    sendPage(res, idePage);
  };
  return { router, ide };
}
