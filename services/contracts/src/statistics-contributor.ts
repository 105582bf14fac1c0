import { Authorized, Ctx, Directive, Query, Resolver } from 'type-graphql';
import { type VerifiedCall, viewerOfCall } from '@durchstarten/kit';
import {
  CONTRIBUTION_READERS,
  contributionFieldOf,
  contributionQueryOf,
  STATISTICS_CALLER,
  STATISTICS_ROLE,
  type Contribution,
} from './statistics-contribution';

/** How an organisation computes its contribution: one SQL statement per measure family, never a row per event. */
export interface ContributionSource {
  contribution(): Promise<Contribution>;
}

const resolvers = new Map<string, Function>();

/**
 * The root field kreis reads an organisation's contribution from. It is
 * @inaccessible: the gateway never offers it to clients, and only kreis's
 * service identity may run it (see `contributorAccess`).
 */
export function contributionResolver(organisation: string): Function {
  const existing = resolvers.get(organisation);
  if (existing) return existing;

  @Resolver()
  class ContributionResolver {
    @Query(() => String, {
      name: contributionFieldOf(organisation),
      description: 'For kreis only: pseudonymous ids per statistics measure, as JSON.',
    })
    @Directive('@inaccessible')
    @Authorized(CONTRIBUTION_READERS)
    async contribution(@Ctx() { services }: { services: { statistics: ContributionSource } }): Promise<string> {
      return JSON.stringify(await services.statistics.contribution());
    }
  }
  resolvers.set(organisation, ContributionResolver);
  return ContributionResolver;
}

/** What kreis may ask a contributing organisation directly, and who the organisation then sees. */
export const contributorAccess = {
  mayRun: (organisation: string) => (caller: string, body: { query?: unknown }) =>
    caller === STATISTICS_CALLER && body.query === contributionQueryOf(organisation),
  /** The gateway's callers are people; kreis calling directly is its statistics service. */
  viewerOf: (call: VerifiedCall | undefined) => viewerOfCall(call, STATISTICS_ROLE),
};
