import { ClientError, gql, type GraphQLClient } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { testDialects } from '@durchstarten/kit/testing';
import { TEST_VIEWERS } from '@durchstarten/contracts/testing';
import { startGraph, type RunningGraph } from './support/graph';

const TABLES: Record<string, string[]> = {
  kreis: ['participant', 'referral', 'consent'],
  klausenhof: ['provider_case', 'course', 'coaching_session', 'course_enrolment', 'certificate', 'internship'],
  fachwerk: ['provider_case', 'course', 'coaching_session', 'course_enrolment', 'certificate', 'internship'],
  agentur: ['placement'],
};

describe.each(testDialects().map((d) => [d.name, d] as const))('writes through the gateway on %s', (_name, dialect) => {
  let graph: RunningGraph;
  /** Klausenhof's staff, who use its desk, and agency staff, who record placements. */
  let coach: GraphQLClient;
  let agent: GraphQLClient;

  beforeAll(async () => {
    graph = await startGraph(dialect, { participants: 60 });
    coach = await graph.clientAs(TEST_VIEWERS.coach('klausenhof'));
    agent = await graph.clientAs(TEST_VIEWERS.agent);
  });

  afterAll(async () => {
    await graph?.close();
  });

  const sources = (): Record<string, DataSource> => ({
    kreis: graph.kreis.database.dataSource,
    klausenhof: graph.providers.klausenhof.database.dataSource,
    fachwerk: graph.providers.fachwerk.database.dataSource,
    agentur: graph.agentur.database.dataSource,
  });

  /** Every row of every table of every organisation, to prove a rejected write changed nothing. */
  async function snapshot(): Promise<string> {
    const out: Record<string, unknown> = {};
    for (const [org, source] of Object.entries(sources())) {
      for (const table of TABLES[org]) out[`${org}.${table}`] = await source.query(`SELECT * FROM ${table} ORDER BY id`);
    }
    return JSON.stringify(out);
  }

  /** Sends a request that must fail with `code`, and checks that no database changed. */
  async function expectRejected(
    document: string,
    variables: Record<string, unknown>,
    code: string,
    message: RegExp,
    client: GraphQLClient = graph.client,
  ): Promise<void> {
    const before = await snapshot();
    let caught: unknown;
    try {
      await client.request(document, variables);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ClientError);
    const errors = (caught as ClientError).response.errors ?? [];
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].extensions?.code).toBe(code);
    expect(errors[0].message).toMatch(message);
    expect(await snapshot()).toBe(before);
  }

  const REGISTER = gql`
    mutation Register($input: RegisterParticipantInput!) {
      registerParticipant(input: $input) {
        id
        birthYear
        municipality {
          id
          provider {
            id
          }
        }
      }
    }
  `;
  const eligible = {
    givenName: 'Testperson',
    familyName: 'Synthetisch',
    birthDate: '2001-04-12',
    gender: 'FEMALE',
    residenceStatus: 'GESTATTUNG',
    municipalityId: 'wesel',
    enteredOn: '2022-09-01',
  };

  it('registers an eligible person, refers them, and the provider records the case', async () => {
    const registered = await graph.client.request<{
      registerParticipant: { id: string; birthYear: number; municipality: { provider: { id: string } } };
    }>(REGISTER, { input: eligible });
    expect(registered.registerParticipant.id).toBe('TN-0061');
    expect(registered.registerParticipant.municipality.provider.id).toBe('klausenhof');
    for (const scope of ['PROVIDER_EXCHANGE', 'AGENTUR_EXCHANGE']) {
      await graph.client.request(
        gql`
          mutation Grant($scope: ConsentScope!) {
            grantConsent(input: { participantId: "TN-0061", scope: $scope, on: "2022-09-01" }) {
              id
            }
          }
        `,
        { scope },
      );
    }

    const referral = await graph.client.request<{ referParticipant: { id: string; provider: { id: string }; case: null } }>(gql`
      mutation {
        referParticipant(input: { participantId: "TN-0061", module: F1_COACHING, referredOn: "2022-09-02" }) {
          id
          provider {
            id
          }
          case {
            id
          }
        }
      }
    `);
    expect(referral.referParticipant.provider.id).toBe('klausenhof');
    expect(referral.referParticipant.case).toBeNull();
    const referralId = referral.referParticipant.id;

    const opened = await coach.request<{ klausenhof: { openCase: { id: string; module: string } } }>(
      gql`
        mutation Open($id: ID!) {
          klausenhof {
            openCase(referralId: $id, openedOn: "2022-09-05") {
              id
              module
            }
          }
        }
      `,
      { id: referralId },
    );
    expect(opened.klausenhof.openCase).toEqual({ id: referralId, module: 'F1_COACHING' });
    await graph.client.request(
      gql`
        mutation Start($id: ID!) {
          changeReferralStatus(input: { referralId: $id, status: ACTIVE, on: "2022-09-05" }) {
            status
          }
        }
      `,
      { id: referralId },
    );

    await coach.request(
      gql`
        mutation Sessions($sessions: [CoachingSessionInput!]!) {
          klausenhof {
            recordCoachingSessions(sessions: $sessions) {
              id
            }
          }
        }
      `,
      {
        sessions: [
          { caseId: referralId, heldOn: '2022-09-06', durationMinutes: 60, topic: 'ORIENTATION' },
          { caseId: referralId, heldOn: '2022-09-20', durationMinutes: 45, topic: 'APPLICATION', notes: 'Lebenslauf begonnen' },
        ],
      },
    );
    await agent.request(gql`
      mutation {
        recordPlacement(
          input: {
            participantId: "TN-0061"
            kind: AUSBILDUNG
            office: AGENTUR_FUER_ARBEIT
            employerName: "Bäckerei Beispiel"
            kldbCode: "29202"
            occupationTitle: "Bäckerin"
            startsOn: "2023-08-01"
          }
        ) {
          id
        }
      }
    `);
    const journey = await graph.client.request<{
      participant: {
        referrals: Array<{ case: { __typename: string; coachingSessions: Array<{ topic: string }> } }>;
        placements: Array<{ kind: string }>;
      };
    }>(gql`
      {
        participant(id: "TN-0061") {
          referrals {
            case {
              __typename
              coachingSessions {
                topic
              }
            }
          }
          placements {
            kind
          }
        }
      }
    `);
    expect(journey.participant.referrals[0].case.__typename).toBe('KlausenhofCase');
    expect(journey.participant.referrals[0].case.coachingSessions.map((s) => s.topic)).toEqual(['ORIENTATION', 'APPLICATION']);
    expect(journey.participant.placements).toEqual([{ kind: 'AUSBILDUNG' }]);
  });

  it('rejects a person older than 27 on the entry date', async () => {
    await expectRejected(REGISTER, { input: { ...eligible, birthDate: '1994-08-31' } }, 'BAD_USER_INPUT', /18 to 27 years old/);
  });

  it('rejects a person younger than 18 on the entry date', async () => {
    await expectRejected(REGISTER, { input: { ...eligible, birthDate: '2004-09-02' } }, 'BAD_USER_INPUT', /18 to 27 years old/);
  });

  it('rejects a municipality outside Kreis Wesel', async () => {
    await expectRejected(
      REGISTER,
      { input: { ...eligible, municipalityId: 'duisburg' } },
      'BAD_USER_INPUT',
      /not a municipality of Kreis Wesel/,
    );
  });

  it('rejects an unknown module', async () => {
    await expectRejected(
      gql`
        mutation Refer($input: ReferParticipantInput!) {
          referParticipant(input: $input) {
            id
          }
        }
      `,
      { input: { participantId: 'TN-0001', module: 'F9_ASTRONAUT_TRAINING', referredOn: '2023-01-02' } },
      'BAD_USER_INPUT',
      /F9_ASTRONAUT_TRAINING/,
    );
  });

  it('rejects a malformed date', async () => {
    await expectRejected(REGISTER, { input: { ...eligible, birthDate: '2001-02-30' } }, 'BAD_USER_INPUT', /LocalDate/);
    await expectRejected(REGISTER, { input: { ...eligible, enteredOn: '01.09.2022' } }, 'BAD_USER_INPUT', /LocalDate/);
  });

  it('rejects a provider opening a case for another provider’s referral', async () => {
    const fachwerkCase = graph.world.providers.fachwerk.cases[0];
    const fachwerkReferral =
      graph.world.referrals.find((r) => r.providerId === 'fachwerk' && r.status === 'REFERRED') ??
      graph.world.referrals.find((r) => r.providerId === 'fachwerk')!;
    await expectRejected(
      gql`
        mutation Open($id: ID!) {
          klausenhof {
            openCase(referralId: $id, openedOn: "2023-10-01") {
              id
            }
          }
        }
      `,
      { id: fachwerkReferral.id },
      'FORBIDDEN',
      /assigned to fachwerk; klausenhof cannot/,
      coach,
    );
    await expectRejected(
      gql`
        mutation Sessions($sessions: [CoachingSessionInput!]!) {
          klausenhof {
            recordCoachingSessions(sessions: $sessions) {
              id
            }
          }
        }
      `,
      { sessions: [{ caseId: fachwerkCase.id, heldOn: fachwerkCase.openedOn, durationMinutes: 30, topic: 'OTHER' }] },
      'NOT_FOUND',
      new RegExp(`Case of klausenhof ${fachwerkCase.id} does not exist`),
      coach,
    );
  });

  it('records no session at all when one of several is invalid', async () => {
    const open = graph.world.providers.klausenhof.cases.find((c) => c.closedOn === null && c.module === 'F1_COACHING');
    expect(open).toBeDefined();
    await expectRejected(
      gql`
        mutation Sessions($sessions: [CoachingSessionInput!]!) {
          klausenhof {
            recordCoachingSessions(sessions: $sessions) {
              id
            }
          }
        }
      `,
      {
        sessions: [
          { caseId: open!.id, heldOn: open!.openedOn, durationMinutes: 30, topic: 'OTHER' },
          { caseId: open!.id, heldOn: '2001-01-01', durationMinutes: 30, topic: 'OTHER' },
        ],
      },
      'BAD_USER_INPUT',
      /sessions\[1\]\.heldOn/,
      coach,
    );
  });

  it('reports each of several desk changes in one request on its own: written ones are not hidden by a failed one', async () => {
    const open = graph.world.providers.klausenhof.cases.find((c) => c.closedOn === null && c.module === 'F1_COACHING')!;
    const countSessions = async () =>
      Number(
        (
          await graph.providers.klausenhof.database.dataSource.query('SELECT COUNT(*) AS n FROM coaching_session WHERE case_id = ?', [
            open.id,
          ])
        )[0].n,
      );
    const before = await countSessions();
    const session = (heldOn: string) => `{ caseId: "${open.id}", heldOn: "${heldOn}", durationMinutes: 30, topic: OTHER }`;
    let caught: ClientError | undefined;
    try {
      await coach.request(
        `mutation { klausenhof { a: recordCoachingSessions(sessions: [${session(open.openedOn)}]) { id } b: recordCoachingSessions(sessions: [${session('2001-01-01')}]) { id } c: recordCoachingSessions(sessions: [${session(open.openedOn)}]) { id } } }`,
      );
    } catch (error) {
      caught = error as ClientError;
    }
    const response = caught!.response as unknown as {
      data: { klausenhof: Record<string, unknown> };
      errors: Array<{ path: string[]; extensions: { code: string } }>;
    };
    expect(response.errors).toHaveLength(1);
    expect(response.errors[0]).toMatchObject({ path: ['klausenhof', 'b'], extensions: { code: 'BAD_USER_INPUT' } });
    expect(response.data.klausenhof.a).toHaveLength(1);
    expect(response.data.klausenhof.b).toBeNull();
    expect(response.data.klausenhof.c).toHaveLength(1);
    expect(await countSessions()).toBe(before + 2);
  });

  it('rejects a placement with a malformed KldB code or dates out of order', async () => {
    const RECORD = gql`
      mutation Record($input: RecordPlacementInput!) {
        recordPlacement(input: $input) {
          id
        }
      }
    `;
    const placement = {
      participantId: 'TN-0002',
      kind: 'BESCHAEFTIGUNG',
      office: 'JOBCENTER',
      employerName: 'Lager GmbH',
      kldbCode: '51312',
      occupationTitle: 'Lagerhelfer',
      startsOn: '2023-03-01',
      endsOn: '2023-09-30',
    };
    await expectRejected(
      RECORD,
      { input: { ...placement, kldbCode: '5131' } },
      'BAD_USER_INPUT',
      /kldbCode must be a KldB 2010 code of exactly 5 digits/,
      agent,
    );
    await expectRejected(
      RECORD,
      { input: { ...placement, endsOn: '2023-02-01' } },
      'BAD_USER_INPUT',
      /endsOn \(2023-02-01\) must not be before startsOn/,
      agent,
    );
    await expectRejected(RECORD, { input: { ...placement, kind: 'PRAKTIKUM' } }, 'BAD_USER_INPUT', /PRAKTIKUM/, agent);
  });

  it('rejects a referral dated before the participant entered', async () => {
    const participant = graph.world.participants.find((p) => p.exitedOn === null)!;
    await expectRejected(
      gql`
        mutation Refer($input: ReferParticipantInput!) {
          referParticipant(input: $input) {
            id
          }
        }
      `,
      { input: { participantId: participant.id, module: 'F2_QUALIFICATION_LANGUAGE', referredOn: '2020-01-01' } },
      'BAD_USER_INPUT',
      /referredOn \(2020-01-01\) must not be before/,
    );
  });
});
