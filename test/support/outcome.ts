import { ClientError, type GraphQLClient } from 'graphql-request';

/** What a request gave: its data (also partial data beside errors) and the codes of its errors. */
export type Outcome = { data: any; codes: string[] };

/** Sends a request and returns data and error codes instead of throwing, for tests of what each role gets. */
export async function ask(client: GraphQLClient, query: string, variables?: Record<string, unknown>): Promise<Outcome> {
  try {
    return { data: await client.request(query, variables), codes: [] };
  } catch (error) {
    if (!(error instanceof ClientError)) throw error;
    return { data: error.response.data ?? null, codes: (error.response.errors ?? []).map((e) => String(e.extensions?.code)) };
  }
}
