/**
 * A provider joins with no code: a copy of the registry with a third provider is the
 * only change. From it the test composes the supergraph, starts every subgraph the
 * manifest lists (kreis, klausenhof, fachwerk, diakonie, agentur) and the gateway, and
 * works the new provider end to end: a referral to it, its case with records, its
 * desk for its own coach (and not for another provider's), its erasure, its statistics.
 */
import type { GraphQLClient } from 'graphql-request';
import { ERASED } from '@durchstarten/contracts';
import { testDialects } from '@durchstarten/kit/testing';
import { TEST_VIEWERS } from '@durchstarten/contracts/testing';
import { loadProviderConfig } from '@durchstarten/provider';
import { subgraphSpecs } from '../scripts/launch';
import { startGraph, type RunningGraph } from './support/graph';
import { DIAKONIE, registryWithProvider } from './support/registry';

interface ProviderFigures {
  participants: number;
  withInternship: number;
  withLanguageExamPassed: number;
}

const registry = registryWithProvider(DIAKONIE);
afterAll(() => registry.remove());

describe.each(testDialects())('a third provider from the registry alone ($name)', (dialect) => {
  let graph: RunningGraph;
  let coach: GraphQLClient;
  let participantId: string;
  let referralId: string;
  /** kreis's exact figures for the new provider before the test's writes; the seeded world shares the right bank with it. */
  let before: ProviderFigures;
  const figuresOf = async (): Promise<ProviderFigures> => {
    const cells: any = await graph.client.request(
      `{ statistics(by: [PROVIDER]) { group { value } participants { value } withInternship { value } withLanguageExamPassed { value } } }`,
    );
    const cell = cells.statistics.find((c: any) => c.group[0].value === 'diakonie');
    return {
      participants: cell?.participants.value ?? 0,
      withInternship: cell?.withInternship.value ?? 0,
      withLanguageExamPassed: cell?.withLanguageExamPassed.value ?? 0,
    };
  };

  beforeAll(async () => {
    graph = await startGraph(dialect, { participants: 60, registryPath: registry.path });
    coach = await graph.clientAs(TEST_VIEWERS.coach('diakonie'));
    before = await figuresOf();
  });
  afterAll(() => graph?.close());

  it('is in the manifest, the launcher and the composed supergraph', async () => {
    expect(graph.manifest.subgraphs.map((s) => s.name)).toEqual(['kreis', 'klausenhof', 'fachwerk', 'diakonie', 'agentur']);
    const specs = subgraphSpecs({
      manifest: graph.manifest,
      secrets: { gatewayTo: {}, providerToKreis: {}, kreisTo: {} },
      portOf: (name) => graph.manifest.get(name).port,
      databaseOf: (name) => `sqlite:${name}`,
    });
    expect(specs.find((s) => s.name === 'diakonie')).toMatchObject({
      script: 'services/provider/dist/main.js',
      port: 4005,
      env: { PROVIDER_ID: 'diakonie', KREIS_URL: 'http://127.0.0.1:4001/graphql' },
    });
    expect(Object.keys(specs.find((s) => s.name === 'kreis')!.env)).toEqual(
      expect.arrayContaining(['CALLER_SECRET_DIAKONIE', 'CONTRIBUTOR_SECRET_DIAKONIE', 'DIAKONIE_URL']),
    );
    // Its deployment reads its default port from the registry entry, as klausenhof's and fachwerk's do.
    const config = loadProviderConfig({
      PROVIDER_ID: 'diakonie',
      PROVIDER_REGISTRY: registry.path,
      CALLER_SECRET_GATEWAY: 'a-secret-the-gateway-shares-with-diakonie',
      KREIS_CALLER_SECRET: 'a-secret-diakonie-shares-with-kreis-0123456',
    });
    expect(config.PORT).toBe(4005);
    const types: any = await graph.client.request(`{ __type(name: "DiakonieCase") { interfaces { name } } }`);
    expect(types.__type.interfaces).toEqual([{ name: 'ProviderCase' }]);
  });

  it('takes a referral from kreis and works its case with records', async () => {
    const registered: any = await graph.client.request(
      `mutation { registerParticipant(input: { givenName: "Testperson", familyName: "Onboarding", birthDate: "2001-04-12",
        gender: FEMALE, residenceStatus: GESTATTUNG, municipalityId: "wesel", enteredOn: "2022-09-01" }) { id } }`,
    );
    participantId = registered.registerParticipant.id;
    for (const scope of ['PROVIDER_EXCHANGE', 'REPORTING'])
      await graph.client.request(
        `mutation { grantConsent(input: { participantId: "${participantId}", scope: ${scope}, on: "2022-09-01" }) { id } }`,
      );
    const referred: any = await graph.client.request(
      `mutation { referParticipant(input: { participantId: "${participantId}", module: F2_QUALIFICATION_LANGUAGE,
        providerId: "diakonie", referredOn: "2022-09-02" }) { id provider { id name } } }`,
    );
    referralId = referred.referParticipant.id;
    expect(referred.referParticipant.provider).toEqual({ id: 'diakonie', name: DIAKONIE.name });

    await coach.request(`mutation { diakonie { openCase(referralId: "${referralId}", openedOn: "2022-09-05") { id } } }`);
    await graph.client.request(
      `mutation { changeReferralStatus(input: { referralId: "${referralId}", status: ACTIVE, on: "2022-09-05" }) { status } }`,
    );
    await coach.request(
      `mutation { diakonie { recordCoachingSessions(sessions: [{ caseId: "${referralId}", heldOn: "2022-09-06", durationMinutes: 60, topic: ORIENTATION }]) { id } } }`,
    );
    const course: any = await coach.request(
      `mutation { diakonie { addCourse(input: { title: "Deutsch B1", kind: LANGUAGE, module: F2_QUALIFICATION_LANGUAGE, startsOn: "2022-09-12", endsOn: "2023-01-31" }) { id } } }`,
    );
    await coach.request(
      `mutation { diakonie { enrol(input: { caseId: "${referralId}", courseId: "${course.diakonie.addCourse.id}", enrolledOn: "2022-09-12" }) { id } } }`,
    );
    await coach.request(
      `mutation { diakonie { issueCertificate(input: { caseId: "${referralId}", kind: LANGUAGE_EXAM, title: "telc Deutsch B1", level: B1, result: PASSED, issuedOn: "2023-01-20" }) { id } } }`,
    );
    await coach.request(
      `mutation { diakonie { recordInternship(input: { caseId: "${referralId}", employer: "Bäckerei am Markt", occupation: "Bäckerin", startsOn: "2022-10-10", endsOn: "2022-10-21" }) { id } } }`,
    );

    // Kreis's caseworker follows the referral into the new provider's case through the gateway.
    const journey: any = await graph.client.request(
      `{ participant(id: "${participantId}") { referrals { id provider { id } case { __typename id coachingSessions { topic }
         enrolments { status course { title } } certificates { kind level result } internships { occupation } } } } }`,
    );
    expect(journey.participant.referrals).toEqual([
      {
        id: referralId,
        provider: { id: 'diakonie' },
        case: {
          __typename: 'DiakonieCase',
          id: referralId,
          coachingSessions: [{ topic: 'ORIENTATION' }],
          enrolments: [{ status: 'ENROLLED', course: { title: 'Deutsch B1' } }],
          certificates: [{ kind: 'LANGUAGE_EXAM', level: 'B1', result: 'PASSED' }],
          internships: [{ occupation: 'Bäckerin' }],
        },
      },
    ]);
  });

  it('shows its desk to its own coach, and not to another provider’s', async () => {
    const desk: any = await coach.request(`{ diakonie { cases(first: 500) { totalCount nodes { id participant { id } } } } }`);
    expect(desk.diakonie.cases.nodes).toContainEqual({ id: referralId, participant: { id: participantId } });
    expect(desk.diakonie.cases.totalCount).toBe(graph.world.providers.diakonie.cases.length + 1);
    const seededHere = new Set(graph.world.providers.diakonie.cases.map((c) => c.id));
    expect(desk.diakonie.cases.nodes.every((c: any) => c.id === referralId || seededHere.has(c.id))).toBe(true);
    const other = await graph.clientAs(TEST_VIEWERS.coach('klausenhof'));
    const refused: any = await other.rawRequest(`{ diakonie { cases { totalCount } } }`).catch((error) => error.response);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('counts in kreis’s statistics: kreis asks the new provider for its contribution', async () => {
    graph.providers.diakonie.requests.reset();
    graph.resetStatements();
    // A kreis caseworker gets exact figures: the test's participant counts once in each.
    expect(await figuresOf()).toEqual({
      participants: before.participants + 1,
      withInternship: before.withInternship + 1,
      withLanguageExamPassed: before.withLanguageExamPassed + 1,
    });
    expect(graph.providers.diakonie.requests.byCaller).toEqual({ kreis: 1 });
    expect(graph.statements().diakonie).toBe(1);
    process.stdout.write(
      `onboarding on ${dialect.name}: statistics by provider, statements per subgraph ${JSON.stringify(graph.statements())}\n`,
    );
  });

  it('erases its part of the participant when kreis’s administrator asks', async () => {
    const admin = await graph.clientAs(TEST_VIEWERS.admin);
    const erased: any = await admin.request(
      `mutation Erase($id: ID!) { kreis: eraseParticipant(id: $id) { organisation erasedFields }
        diakonie: eraseParticipantAtDiakonie(id: $id) { organisation erasedFields } }`,
      { id: participantId },
    );
    expect(erased.kreis.erasedFields).toEqual(['givenName', 'familyName', 'birthDate']);
    expect(erased.diakonie.organisation).toBe('diakonie');
    expect(erased.diakonie.erasedFields).toContain('internships.employer: 1');
    const after: any = await coach.request(`{ diakonie { case(id: "${referralId}") { internships { employer } } } }`);
    expect(after.diakonie.case.internships).toEqual([{ employer: ERASED }]);
  });
});
