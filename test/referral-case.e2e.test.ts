import { ClientError, type GraphQLClient } from 'graphql-request';
import { testDialects } from '@durchstarten/kit/testing';
import { TEST_VIEWERS } from '@durchstarten/contracts/testing';
import { startGraph, type RunningGraph } from './support/graph';

interface GraphQLResponse {
  data?: any;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string } }>;
}

/** A referral whose start kreis has recorded while its provider holds no case: the gap README's write order avoids. */
describe('Referral.case when the provider holds no case for a started referral', () => {
  let graph: RunningGraph;
  let coach: GraphQLClient;
  let participantId: string;
  let referralId: string;

  beforeAll(async () => {
    graph = await startGraph(testDialects()[0], { participants: 20 });
    coach = await graph.clientAs(TEST_VIEWERS.coach('klausenhof'));
    const registered = await graph.client.request<{ registerParticipant: { id: string } }>(
      `mutation { registerParticipant(input: { givenName: "Amina", familyName: "Test", birthDate: "2001-04-12",
        gender: FEMALE, residenceStatus: GESTATTUNG, municipalityId: "wesel", enteredOn: "2022-09-01" }) { id } }`,
    );
    participantId = registered.registerParticipant.id;
    await graph.client.request(
      `mutation { grantConsent(input: { participantId: "${participantId}", scope: PROVIDER_EXCHANGE, on: "2022-09-01" }) { id } }`,
    );
    const referred = await graph.client.request<{ referParticipant: { id: string } }>(
      `mutation { referParticipant(input: { participantId: "${participantId}", module: F1_COACHING, referredOn: "2022-09-02" }) { id } }`,
    );
    referralId = referred.referParticipant.id;
    await graph.client.request(
      `mutation { changeReferralStatus(input: { referralId: "${referralId}", status: ACTIVE, on: "2022-09-05" }) { status } }`,
    );
  });

  afterAll(async () => {
    await graph?.close();
  });

  /** The whole response, errors included: graphql-request throws on any error entry. */
  async function send(client: GraphQLClient, query: string): Promise<GraphQLResponse> {
    try {
      return (await client.rawRequest(query)) as GraphQLResponse;
    } catch (error) {
      if (error instanceof ClientError) return error.response as GraphQLResponse;
      throw error;
    }
  }

  const CASE = 'case { __typename coachingSessions { durationMinutes topic } enrolments { status } certificates { kind } }';

  it('nulls only case, with one NOT_FOUND error at its path, for a caseworker and for the provider’s coach', async () => {
    for (const client of [graph.client, coach]) {
      const response = await send(client, `{ referral(id: "${referralId}") { id status provider { id } ${CASE} } }`);
      expect(response.data).toEqual({ referral: { id: referralId, status: 'ACTIVE', provider: { id: 'klausenhof' }, case: null } });
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0].path).toEqual(['referral', 'case']);
      expect(response.errors![0].extensions?.code).toBe('NOT_FOUND');
      expect(response.errors![0].message).toMatch(new RegExp(`klausenhof holds no case ${referralId} .*openCase`));
    }
  });

  it('keeps the participant and its other fields around the missing case', async () => {
    const response = await send(
      graph.client,
      `{ participant(id: "${participantId}") { id municipality { id } referrals { id module ${CASE} } placements { kind } } }`,
    );
    expect(response.data).toEqual({
      participant: {
        id: participantId,
        municipality: { id: 'wesel' },
        referrals: [{ id: referralId, module: 'F1_COACHING', case: null }],
        placements: [],
      },
    });
    expect(response.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['participant', 'referrals', 0, 'case'], 'NOT_FOUND']]);
  });

  it('keeps every other row of a page', async () => {
    const response = await send(
      graph.client,
      `{ participants(first: 50, filter: { enteredFrom: "2022-09-01" }) { totalCount edges { node { id referrals { id ${CASE} } } } } }`,
    );
    const nodes: Array<{ id: string; referrals: Array<{ id: string; case: unknown }> }> = response.data.participants.edges.map(
      (edge: { node: unknown }) => edge.node,
    );
    expect(nodes).toHaveLength(response.data.participants.totalCount);
    expect(nodes.find((node) => node.id === participantId)?.referrals).toEqual([{ id: referralId, case: null }]);
    const at = nodes.findIndex((node) => node.id === participantId);
    expect(response.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['participants', 'edges', at, 'node', 'referrals', 0, 'case'], 'NOT_FOUND'],
    ]);
  });

  it('puts the error at the right referral where several providers’ cases share one list', async () => {
    // First a Fachwerk referral with its case, then a Klausenhof one without: the gateway sends each provider only
    // its own cases, and must count the error's index among Klausenhof's, not among all cases of the list.
    const fachwerkCoach = await graph.clientAs(TEST_VIEWERS.coach('fachwerk'));
    const registered = await graph.client.request<{ registerParticipant: { id: string } }>(
      `mutation { registerParticipant(input: { givenName: "Omid", familyName: "Test", birthDate: "2002-02-02",
        gender: MALE, residenceStatus: DULDUNG, municipalityId: "moers", enteredOn: "2022-09-01" }) { id } }`,
    );
    const id = registered.registerParticipant.id;
    await graph.client.request(
      `mutation { grantConsent(input: { participantId: "${id}", scope: PROVIDER_EXCHANGE, on: "2022-09-01" }) { id } }`,
    );
    const started: string[] = [];
    for (const [module, providerId] of [
      ['F1_COACHING', 'fachwerk'],
      ['F2_QUALIFICATION_LANGUAGE', 'klausenhof'],
    ]) {
      const referred = await graph.client.request<{ referParticipant: { id: string } }>(
        `mutation { referParticipant(input: { participantId: "${id}", module: ${module}, providerId: "${providerId}", referredOn: "2022-09-02" }) { id } }`,
      );
      started.push(referred.referParticipant.id);
      if (providerId === 'fachwerk')
        await fachwerkCoach.request(
          `mutation { fachwerk { openCase(referralId: "${referred.referParticipant.id}", openedOn: "2022-09-05") { id } } }`,
        );
      await graph.client.request(
        `mutation { changeReferralStatus(input: { referralId: "${referred.referParticipant.id}", status: ACTIVE, on: "2022-09-05" }) { status } }`,
      );
    }
    const response = await send(graph.client, `{ participant(id: "${id}") { referrals { id ${CASE} } } }`);
    expect(response.data.participant.referrals).toEqual([
      { id: started[0], case: { __typename: 'FachwerkCase', coachingSessions: [], enrolments: [], certificates: [] } },
      { id: started[1], case: null },
    ]);
    expect(response.errors?.map((e) => [e.path, e.extensions?.code, e.message.includes(started[1])])).toEqual([
      [['participant', 'referrals', 1, 'case'], 'NOT_FOUND', true],
    ]);
  });

  it('links the case once the provider has opened it, without errors', async () => {
    await coach.request(`mutation { klausenhof { openCase(referralId: "${referralId}", openedOn: "2022-09-05") { id } } }`);
    const response = await send(graph.client, `{ referral(id: "${referralId}") { id ${CASE} } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data.referral.case).toEqual({ __typename: 'KlausenhofCase', coachingSessions: [], enrolments: [], certificates: [] });
  });
});
