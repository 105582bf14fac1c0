import { gql } from 'graphql-request';
import { providerTypePrefix } from '@durchstarten/contracts';
import { testDialects } from '@durchstarten/kit/testing';
import { TEST_VIEWERS } from '@durchstarten/contracts/testing';
import { startGraph, type RunningGraph } from './support/graph';

const JOURNEY = gql`
  fragment Journey on Participant {
    id
    givenName
    birthYear
    municipality {
      id
      provider {
        id
      }
    }
    referrals {
      id
      module
      status
      provider {
        id
      }
      case {
        __typename
        id
        coachingSessions {
          id
          heldOn
          durationMinutes
          topic
        }
        enrolments {
          id
          status
          course {
            id
            title
            module
          }
        }
        certificates {
          id
          kind
          title
          level
          result
          issuedOn
        }
        internships {
          id
          employer
          occupation
          startsOn
          endsOn
        }
      }
    }
    placements {
      id
      kind
      office
      employerName
      occupation {
        kldbCode
        title
      }
      startsOn
      endsOn
    }
  }
`;

const PAGE = gql`
  ${JOURNEY}
  query Page($first: Int!, $after: String) {
    participants(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...Journey
        }
      }
    }
  }
`;

interface Journey {
  id: string;
  givenName: string;
  municipality: { id: string; provider: { id: string } };
  referrals: Array<{
    id: string;
    module: string;
    provider: { id: string };
    case: null | {
      __typename: string;
      id: string;
      coachingSessions: Array<{ id: string }>;
      enrolments: Array<{ id: string; course: { id: string; module: string } }>;
      certificates: Array<{ id: string; kind: string; level: string | null }>;
      internships: Array<{ id: string }>;
    };
  }>;
  placements: Array<{ id: string; kind: string; occupation: { kldbCode: string } }>;
}

interface PageResult {
  participants: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: Journey }>;
  };
}

describe.each(testDialects().map((d) => [d.name, d] as const))('the federated graph on %s', (_name, dialect) => {
  let graph: RunningGraph;

  beforeAll(async () => {
    graph = await startGraph(dialect);
  });

  afterAll(async () => {
    await graph?.close();
  });

  it('returns each participant’s journey from all four organisations, as each organisation stored it', async () => {
    const result = await graph.client.request<PageResult>(PAGE, { first: 50 });
    const nodes = result.participants.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(50);
    expect(result.participants.totalCount).toBe(graph.world.participants.length);

    const ids = nodes.map((n) => n.id);
    const kreisRows: Array<{ id: string; participant_id: string; provider_id: string; module: string }> =
      await graph.kreis.database.dataSource.query(
        `SELECT id, participant_id, provider_id, module FROM referral WHERE participant_id IN (${ids.map(() => '?').join(',')})`,
        ids,
      );
    const placementRows: Array<{ id: string; participant_id: string; kldb_code: string }> = await graph.agentur.database.dataSource.query(
      `SELECT id, participant_id, kldb_code FROM placement WHERE participant_id IN (${ids.map(() => '?').join(',')})`,
      ids,
    );

    let casesSeen = 0;
    const providersSeen = new Set<string>();
    // The caller is a Kreis caseworker: provider cases and placements cross over only with the participant's consent.
    const consented = (participantId: string, scope: string) =>
      graph.world.consents.some((c) => c.participantId === participantId && c.scope === scope && c.withdrawnOn === null);
    for (const node of nodes) {
      const stored = kreisRows.filter((r) => r.participant_id === node.id);
      expect(node.referrals.map((r) => r.id).sort()).toEqual(stored.map((r) => r.id).sort());
      expect(node.givenName).toBeTruthy();
      for (const referral of node.referrals) {
        const row = stored.find((r) => r.id === referral.id)!;
        expect(referral.provider.id).toBe(row.provider_id);
        expect(referral.module).toBe(row.module);
        const providerCases = graph.world.providers[row.provider_id].cases;
        const expectedCase = providerCases.find((c) => c.id === referral.id);
        if (!expectedCase || !consented(node.id, 'PROVIDER_EXCHANGE')) {
          expect(referral.case).toBeNull();
          continue;
        }
        casesSeen += 1;
        providersSeen.add(row.provider_id);
        const found = referral.case!;
        expect(found.__typename).toBe(`${providerTypePrefix(row.provider_id)}Case`);
        const provider = graph.providers[row.provider_id].database.dataSource;
        const count = async (table: string) =>
          Number((await provider.query(`SELECT COUNT(*) AS n FROM ${table} WHERE case_id = ?`, [referral.id]))[0].n);
        expect(found.coachingSessions).toHaveLength(await count('coaching_session'));
        expect(found.enrolments).toHaveLength(await count('course_enrolment'));
        expect(found.certificates).toHaveLength(await count('certificate'));
        expect(found.internships).toHaveLength(await count('internship'));
        for (const enrolment of found.enrolments) expect(enrolment.course.module).toBe(referral.module);
        for (const certificate of found.certificates) expect(certificate.level !== null).toBe(certificate.kind === 'LANGUAGE_EXAM');
      }
      const storedPlacements = consented(node.id, 'AGENTUR_EXCHANGE') ? placementRows.filter((p) => p.participant_id === node.id) : [];
      expect(node.placements.map((p) => p.id).sort()).toEqual(storedPlacements.map((p) => p.id).sort());
      for (const placement of node.placements) {
        expect(placement.occupation.kldbCode).toBe(storedPlacements.find((p) => p.id === placement.id)!.kldb_code);
      }
    }
    expect(casesSeen).toBeGreaterThan(50);
    expect([...providersSeen].sort()).toEqual(graph.manifest.providers.map((p) => p.name).sort());
  });

  it('serves one participant by id with the same journey as in the page', async () => {
    const page = await graph.client.request<PageResult>(PAGE, { first: 5 });
    const wanted = page.participants.edges[3].node;
    const single = await graph.client.request<{ participant: Journey }>(
      gql`
        ${JOURNEY}
        query One($id: ID!) {
          participant(id: $id) {
            ...Journey
          }
        }
      `,
      { id: wanted.id },
    );
    expect(single.participant).toEqual(wanted);
    const missing = await graph.client.request<{ participant: null }>(gql`
      query {
        participant(id: "TN-9999") {
          id
        }
      }
    `);
    expect(missing.participant).toBeNull();
  });

  it('pages through every participant exactly once with cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard += 1) {
      const result: {
        participants: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { id: string } }> };
      } = await graph.client.request(
        gql`
          query P($after: String) {
            participants(first: 100, after: $after) {
              pageInfo {
                hasNextPage
                endCursor
              }
              edges {
                node {
                  id
                }
              }
            }
          }
        `,
        { after },
      );
      seen.push(...result.participants.edges.map((e) => e.node.id));
      if (!result.participants.pageInfo.hasNextPage) break;
      after = result.participants.pageInfo.endCursor;
    }
    expect(seen).toEqual(graph.world.participants.map((p) => p.id));
  });

  it('filters participants by municipality, provider, module, residence status, status and entry dates', async () => {
    const world = graph.world;
    const filter = {
      providerId: 'klausenhof',
      module: 'F4_PREPARATORY_COURSES',
      residenceStatus: 'DULDUNG',
      status: 'EXITED',
      enteredFrom: '2021-06-01',
      enteredTo: '2023-03-31',
    };
    const expected = world.participants.filter(
      (p) =>
        p.residenceStatus === 'DULDUNG' &&
        p.exitedOn !== null &&
        p.enteredOn >= '2021-06-01' &&
        p.enteredOn <= '2023-03-31' &&
        world.referrals.some((r) => r.participantId === p.id && r.providerId === 'klausenhof' && r.module === 'F4_PREPARATORY_COURSES'),
    );
    const result = await graph.client.request<{ participants: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
      gql`
        query F($filter: ParticipantFilter) {
          participants(first: 500, filter: $filter) {
            totalCount
            edges {
              node {
                id
              }
            }
          }
        }
      `,
      { filter },
    );
    expect(expected.length).toBeGreaterThan(3);
    expect(result.participants.totalCount).toBe(expected.length);
    expect(result.participants.edges.map((e) => e.node.id)).toEqual(expected.map((p) => p.id));

    const inMoers = await graph.client.request<{ participants: { totalCount: number } }>(gql`
      {
        participants(filter: { municipalityId: "moers", status: ACTIVE }) {
          totalCount
        }
      }
    `);
    expect(inMoers.participants.totalCount).toBe(
      world.participants.filter((p) => p.municipalityId === 'moers' && p.exitedOn === null).length,
    );
  });

  it('pages through a provider’s cases and the agency’s placements', async () => {
    const coach = await graph.clientAs(TEST_VIEWERS.coach('klausenhof'));
    const agent = await graph.clientAs(TEST_VIEWERS.agent);
    const walk = async (
      read: (
        after: string | null,
      ) => Promise<{ nodes: Array<{ id: string }>; totalCount: number; hasNextPage: boolean; endCursor: string | null }>,
    ) => {
      const ids: string[] = [];
      let after: string | null = null;
      let total = -1;
      for (let guard = 0; guard < 50; guard += 1) {
        const page = await read(after);
        total = page.totalCount;
        ids.push(...page.nodes.map((n) => n.id));
        if (!page.hasNextPage) break;
        after = page.endCursor;
      }
      expect(ids).toHaveLength(total);
      return ids;
    };
    const cases = await walk(
      async (after) =>
        (
          await coach.request<{ klausenhof: { cases: any } }>(
            gql`
              query C($after: String) {
                klausenhof {
                  cases(first: 40, after: $after) {
                    nodes {
                      id
                    }
                    totalCount
                    hasNextPage
                    endCursor
                  }
                }
              }
            `,
            { after },
          )
        ).klausenhof.cases,
    );
    expect(cases).toEqual(graph.world.providers.klausenhof.cases.map((c) => c.id).sort());
    const placements = await walk(
      async (after) =>
        (
          await agent.request<{ placements: any }>(
            gql`
              query P($after: String) {
                placements(first: 30, after: $after) {
                  nodes {
                    id
                  }
                  totalCount
                  hasNextPage
                  endCursor
                }
              }
            `,
            { after },
          )
        ).placements,
    );
    expect(placements).toEqual(graph.world.placements.map((p) => p.id));
  });

  it('runs the same number of SQL statements per subgraph for a page of 10 and a page of 200', async () => {
    const measure = async (first: number) => {
      graph.resetStatements();
      const result = await graph.client.request<PageResult>(PAGE, { first });
      expect(result.participants.edges).toHaveLength(first);
      return graph.statements();
    };
    const small = await measure(10);
    const large = await measure(200);
    process.stdout.write(`SQL statements on ${dialect.name} (page of 10 / page of 200): ${JSON.stringify({ small, large })}\n`);
    expect(large).toEqual(small);
    for (const count of Object.values(small)) expect(count).toBeGreaterThan(0);
  });

  it('counts all participants only when a client asks for totalCount', async () => {
    const kreisStatements = async (query: string) => {
      graph.resetStatements();
      await graph.client.request(query);
      return graph.statements().kreis;
    };
    const withTotal = await kreisStatements('{ participants(first: 10) { totalCount edges { node { id } } } }');
    const withoutTotal = await kreisStatements('{ participants(first: 10) { edges { node { id } } } }');
    expect(withTotal - withoutTotal).toBe(1);
  });

  it('lists the reference data: 13 municipalities with their default provider, and the providers', async () => {
    const result = await graph.client.request<{
      municipalities: Array<{ id: string; bank: string; provider: { id: string } }>;
      providers: Array<{ id: string; municipalities: Array<{ id: string }> }>;
    }>(gql`
      {
        municipalities {
          id
          bank
          provider {
            id
          }
        }
        providers {
          id
          municipalities {
            id
          }
        }
      }
    `);
    expect(result.municipalities).toHaveLength(13);
    for (const m of result.municipalities) expect(m.provider.id).toBe(m.bank === 'LEFT' ? 'fachwerk' : 'klausenhof');
    // Each municipality's default is the first provider listed for its bank; a provider added later serves none by default.
    expect(result.providers.map((p) => [p.id, p.municipalities.length])).toEqual(
      graph.manifest.providers.map(({ name }) => [name, { klausenhof: 6, fachwerk: 7 }[name] ?? 0]),
    );
  });
});
