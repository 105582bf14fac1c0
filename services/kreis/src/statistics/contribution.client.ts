import { GraphQLError } from 'graphql';
import { ErrorCode, postSignedDocument, type TraceContext } from '@durchstarten/kit';
import { type Contribution, contributionFieldOf, contributionQueryOf, STATISTICS_CALLER } from '@durchstarten/contracts';

export interface Contributor {
  organisation: string;
  url: string;
  /** Shared between kreis and this organisation. */
  secret: string;
}

/** Asks one organisation for its contribution, signed as kreis. */
export async function fetchContribution(contributor: Contributor, trace?: TraceContext, timeoutMs = 10_000): Promise<Contribution> {
  let answer: { data?: Record<string, string | null>; errors?: unknown[] };
  try {
    answer = (await postSignedDocument({
      url: contributor.url,
      caller: STATISTICS_CALLER,
      secret: contributor.secret,
      query: contributionQueryOf(contributor.organisation),
      timeoutMs,
      trace,
    })) as typeof answer;
  } catch {
    throw contributionUnavailable(contributor.organisation);
  }
  const encoded = answer.data?.[contributionFieldOf(contributor.organisation)];
  if (answer.errors?.length || typeof encoded !== 'string') throw contributionUnavailable(contributor.organisation);
  return JSON.parse(encoded) as Contribution;
}

function contributionUnavailable(organisation: string): GraphQLError {
  return new GraphQLError(`The ${organisation} subgraph cannot give its counts right now; try again shortly.`, {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, subgraph: organisation },
  });
}
