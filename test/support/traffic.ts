/** What the gateway answered one request: the HTTP status and the body, parsed when it is JSON. */
export interface Answer {
  status: number;
  text: string;
  body?: { data?: any; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
}

/** Posts a GraphQL request as a client would, keeping the status and the raw text for tests that inspect both. */
export async function postGraphQL(url: string, token: string, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  return sendRaw(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
}

/** Sends any request and reads its whole answer; the body is parsed only if it is JSON. */
export async function sendRaw(url: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    body = undefined;
  }
  return { status: response.status, text, body };
}

/** Errors of an answer that carry no `extensions.code`: every error a client sees must have one. */
export function uncodedErrors(answer: Answer): string[] {
  return (answer.body?.errors ?? []).filter((error) => typeof error?.extensions?.code !== 'string').map((error) => String(error?.message));
}

/** Runs `clients` workers at once, each sending its requests one after another, as that many users would. */
export async function concurrently<T>(clients: number, work: (client: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: clients }, (_, client) => work(client)));
}
