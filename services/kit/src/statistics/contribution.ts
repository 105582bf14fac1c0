import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors';
import { postSignedDocument } from '../signing';

/**
 * What an organisation contributes to the graph's statistics: for each measure it
 * owns, the pseudonymous ids of the participants it holds that measure for (at
 * least one internship, a passed language exam, a placement of a kind). No dates,
 * no names, no counts per event: kreis needs the ids only to count each person
 * once across organisations and to group them by the registry's characteristics,
 * which never leave kreis. kreis uses them inside one SQL statement and keeps nothing.
 */
export type Contribution = Record<string, string[]>;

/** Measures a provider contributes. */
export const PROVIDER_MEASURES = ['INTERNSHIP', 'LANGUAGE_EXAM_PASSED'] as const;
/** Measures agentur contributes: a placement of each kind. */
export const PLACEMENT_MEASURE_PREFIX = 'PLACEMENT_';

/** The caller name kreis signs its contribution requests with, and the service role the contributor sees. */
export const STATISTICS_CALLER = 'kreis';
export const STATISTICS_ROLE = 'statistics';

/** The root field through which `organisation` answers kreis; @inaccessible, so clients never see it. */
export function contributionFieldOf(organisation: string): string {
  return `${organisation}StatisticsContribution`;
}

/** The one document kreis may send `organisation` directly; the contributor refuses any other from kreis. */
export function contributionQueryOf(organisation: string): string {
  return `query StatisticsContribution { ${contributionFieldOf(organisation)} }`;
}

export interface Contributor {
  organisation: string;
  url: string;
  /** Shared between kreis and this organisation. */
  secret: string;
}

/** Asks one organisation for its contribution, signed as kreis. */
export async function fetchContribution(contributor: Contributor, timeoutMs = 10_000): Promise<Contribution> {
  let answer: { data?: Record<string, string | null>; errors?: unknown[] };
  try {
    answer = (await postSignedDocument({
      url: contributor.url,
      caller: STATISTICS_CALLER,
      secret: contributor.secret,
      query: contributionQueryOf(contributor.organisation),
      timeoutMs,
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
