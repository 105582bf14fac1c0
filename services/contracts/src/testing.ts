import type { SignedViewer } from '@durchstarten/kit';
import { testSecret } from '@durchstarten/kit/testing';
import { AGENTUR, KREIS } from './organisations';

/** Secrets the tests' services share, one per signed pair of the graph, as in production. */
export const TEST_SECRETS = {
  gatewayTo: (subgraph: string) => testSecret('gateway', subgraph),
  providerToKreis: (provider: string) => testSecret(provider, KREIS),
  kreisTo: (contributor: string) => testSecret(KREIS, contributor),
};

/** People the tests act as, one per role and organisation they need. */
export const TEST_VIEWERS = {
  caseworker: { sub: 'caseworker-test', org: KREIS, roles: ['caseworker'] } as SignedViewer,
  admin: { sub: 'admin-test', org: KREIS, roles: ['admin'] } as SignedViewer,
  analyst: { sub: 'analyst-test', org: KREIS, roles: ['analyst'] } as SignedViewer,
  dpo: { sub: 'dpo-test', org: KREIS, roles: ['dpo'] } as SignedViewer,
  agent: { sub: 'agent-test', org: AGENTUR, roles: ['agent'] } as SignedViewer,
  coach: (provider: string): SignedViewer => ({ sub: `coach-${provider}-test`, org: provider, roles: ['coach'] }),
};
