import { request } from 'undici';

/**
 * The HTTP status `url` answers a GET with within `timeoutMs`, or null when it does not
 * answer. Not `fetch`: the Fetch standard refuses "bad ports" (6000, 6665-6669 and
 * others) outright, and an operator may well put a service there.
 */
export async function probeStatus(url: string | URL, timeoutMs: number): Promise<number | null> {
  try {
    const { statusCode, body } = await request(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
    await body.dump();
    return statusCode;
  } catch {
    return null;
  }
}

/** The URL of a server listening on `host` (an IPv6 address in brackets) and `port`, at `path`. */
export function listeningUrl(host: string, port: number, path: string): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}${path}`;
}
