import { silentLogger } from '@durchstarten/kit';
import { postSigned, testDialects, type TestDatabase } from '@durchstarten/kit/testing';
import { TEST_SECRETS, TEST_VIEWERS } from '@durchstarten/contracts/testing';
import { createApp, type ProviderApp } from './app';
import type { ReferralDirectory, ReferralFacts } from './kreis-directory';

/**
 * The provider's own rules, against a real database. Kreis's answers come from a
 * fixed directory here; the real kreis lookup runs in test/writes.e2e.test.ts.
 */
class FixedDirectory implements ReferralDirectory {
  constructor(private readonly referrals: ReferralFacts[]) {}
  async lookup(id: string) {
    return this.referrals.find((r) => r.id === id) ?? null;
  }
}

const REFERRALS: ReferralFacts[] = [
  {
    id: 'REF-00001',
    providerId: 'klausenhof',
    participantId: 'TN-0001',
    module: 'F2_QUALIFICATION_LANGUAGE',
    referredOn: '2022-01-03',
    status: 'REFERRED',
  },
  {
    id: 'REF-00002',
    providerId: 'fachwerk',
    participantId: 'TN-0002',
    module: 'F1_COACHING',
    referredOn: '2022-01-03',
    status: 'REFERRED',
  },
  {
    id: 'REF-00003',
    providerId: 'klausenhof',
    participantId: 'TN-0003',
    module: 'F1_COACHING',
    referredOn: '2022-01-03',
    status: 'REFERRED',
  },
];

describe.each(testDialects().map((d) => [d.name, d] as const))('provider subgraph on %s', (_name, dialect) => {
  let database: TestDatabase;
  let app: ProviderApp;
  let url: string;

  const call = (query: string, variables?: Record<string, unknown>) =>
    postSigned(url, 'klausenhof', { query, variables }, TEST_VIEWERS.coach('klausenhof'));
  const codeOf = (result: { errors?: Array<{ extensions?: { code?: string } }> }) => result.errors?.[0]?.extensions?.code;
  const count = async (table: string) => Number((await app.database.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    database = await dialect.createDatabase('klausenhof_int');
    app = await createApp({
      providerId: 'klausenhof',
      databaseUrl: database.url,
      directory: new FixedDirectory(REFERRALS),
      callerSecrets: { gateway: TEST_SECRETS.gatewayTo('klausenhof') },
      logger: silentLogger,
    });
    url = await app.listen(0);
    await call(
      `mutation { klausenhof { addCourse(input: { title: "Deutsch B1", kind: LANGUAGE, module: F2_QUALIFICATION_LANGUAGE, startsOn: "2022-02-01", endsOn: "2022-07-31" }) { id } } }`,
    );
    await call(
      `mutation { klausenhof { addCourse(input: { title: "Berufsorientierung", kind: PREPARATORY, module: F4_PREPARATORY_COURSES, startsOn: "2022-02-01", endsOn: "2022-07-31" }) { id } } }`,
    );
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('opens cases only for its own referrals, once', async () => {
    const opened = await call(
      `mutation { klausenhof { openCase(referralId: "REF-00001", openedOn: "2022-01-10") { id module participant { id } } } }`,
    );
    expect(opened.data.klausenhof.openCase).toEqual({
      id: 'REF-00001',
      module: 'F2_QUALIFICATION_LANGUAGE',
      participant: { id: 'TN-0001' },
    });
    expect(codeOf(await call(`mutation { klausenhof { openCase(referralId: "REF-00001", openedOn: "2022-01-11") { id } } }`))).toBe(
      'CONFLICT',
    );
    expect(codeOf(await call(`mutation { klausenhof { openCase(referralId: "REF-00002", openedOn: "2022-01-10") { id } } }`))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await call(`mutation { klausenhof { openCase(referralId: "REF-09999", openedOn: "2022-01-10") { id } } }`))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await call(`mutation { klausenhof { openCase(referralId: "REF-00003", openedOn: "2021-12-31") { id } } }`))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await count('provider_case')).toBe(1);
  });

  it('enrols only in courses of the case’s module and loads the course with the enrolment', async () => {
    const courses = (await call(`{ klausenhof { courses { id module } } }`)).data.klausenhof.courses as Array<{
      id: string;
      module: string;
    }>;
    const language = courses.find((c) => c.module === 'F2_QUALIFICATION_LANGUAGE')!;
    const preparatory = courses.find((c) => c.module === 'F4_PREPARATORY_COURSES')!;
    const wrong = await call(
      `mutation { klausenhof { enrol(input: { caseId: "REF-00001", courseId: "${preparatory.id}", enrolledOn: "2022-02-01" }) { id } } }`,
    );
    expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
    const enrolled = await call(
      `mutation { klausenhof { enrol(input: { caseId: "REF-00001", courseId: "${language.id}", enrolledOn: "2022-02-01" }) { id status course { title } } } }`,
    );
    expect(enrolled.data.klausenhof.enrol).toMatchObject({ status: 'ENROLLED', course: { title: 'Deutsch B1' } });
    const ended = await call(
      `mutation { klausenhof { endEnrolment(input: { enrolmentId: "${enrolled.data.klausenhof.enrol.id}", status: COMPLETED, on: "2022-07-31" }) { status completedOn course { title } } } }`,
    );
    expect(ended.data.klausenhof.endEnrolment).toEqual({ status: 'COMPLETED', completedOn: '2022-07-31', course: { title: 'Deutsch B1' } });
    expect(
      codeOf(
        await call(
          `mutation { klausenhof { endEnrolment(input: { enrolmentId: "${enrolled.data.klausenhof.enrol.id}", status: DROPPED, on: "2022-08-01" }) { status } } }`,
        ),
      ),
    ).toBe('CONFLICT');
  });

  it('requires a level and result for language exams, and allows a level for nothing else', async () => {
    const issue = (input: string) =>
      call(`mutation { klausenhof { issueCertificate(input: { caseId: "REF-00001", ${input} }) { kind level result } } }`);
    const before = await count('certificate');
    const noLevel = await issue(`kind: LANGUAGE_EXAM, title: "telc Deutsch B1", result: PASSED, issuedOn: "2022-07-20"`);
    expect(noLevel.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'level' } });
    const levelOnLicence = await issue(`kind: LICENCE, title: "Gabelstaplerschein", level: B1, issuedOn: "2022-07-20"`);
    expect(levelOnLicence.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'level' } });
    expect(await count('certificate')).toBe(before);
    const exam = await issue(`kind: LANGUAGE_EXAM, title: "telc Deutsch B1", level: B1, result: PASSED, issuedOn: "2022-07-20"`);
    expect(exam.data.klausenhof.issueCertificate).toEqual({ kind: 'LANGUAGE_EXAM', level: 'B1', result: 'PASSED' });
  });

  it('keeps records inside the case’s dates and refuses them once it is closed', async () => {
    const early = await call(
      `mutation { klausenhof { recordInternship(input: { caseId: "REF-00001", employer: "Autohaus", occupation: "Kfz", startsOn: "2022-01-01", endsOn: "2022-01-20" }) { id } } }`,
    );
    expect(codeOf(early)).toBe('BAD_USER_INPUT');
    const backwards = await call(
      `mutation { klausenhof { recordInternship(input: { caseId: "REF-00001", employer: "Autohaus", occupation: "Kfz", startsOn: "2022-03-10", endsOn: "2022-03-01" }) { id } } }`,
    );
    expect(backwards.errors?.[0].message).toMatch(/endsOn \(2022-03-01\) must not be before startsOn/);
    await call(`mutation { klausenhof { closeCase(caseId: "REF-00001", closedOn: "2022-08-31") { closedOn } } }`);
    const closed = await call(
      `mutation { klausenhof { recordInternship(input: { caseId: "REF-00001", employer: "Autohaus", occupation: "Kfz", startsOn: "2022-09-10", endsOn: "2022-09-20" }) { id } } }`,
    );
    expect(codeOf(closed)).toBe('CONFLICT');
    expect(await count('internship')).toBe(0);
    const listed = await call(
      `{ klausenhof { cases(open: false) { totalCount nodes { id closedOn certificates { kind } enrolments { status } } } } }`,
    );
    expect(listed.data.klausenhof.cases).toEqual({
      totalCount: 1,
      nodes: [
        { id: 'REF-00001', closedOn: '2022-08-31', certificates: [{ kind: 'LANGUAGE_EXAM' }], enrolments: [{ status: 'COMPLETED' }] },
      ],
    });
  });

  it('resolves its cases as federation entities, null with NOT_FOUND at that entity for ids it does not hold', async () => {
    const result = await call(`query($r: [_Any!]!) { _entities(representations: $r) { ... on KlausenhofCase { id module } } }`, {
      r: [
        { __typename: 'KlausenhofCase', id: 'REF-00001' },
        { __typename: 'KlausenhofCase', id: 'REF-00002' },
      ],
    });
    expect(result.data._entities).toEqual([{ id: 'REF-00001', module: 'F2_QUALIFICATION_LANGUAGE' }, null]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({ path: ['_entities', 1], extensions: { code: 'NOT_FOUND' } });
  });

  it('answers another provider’s coach as if the case did not exist', async () => {
    const result = await postSigned(
      url,
      'klausenhof',
      { query: `{ _entities(representations: [{ __typename: "KlausenhofCase", id: "REF-00001" }]) { ... on KlausenhofCase { id } } }` },
      TEST_VIEWERS.coach('fachwerk'),
    );
    expect(result.data._entities).toEqual([null]);
    expect(result.errors?.[0]).toMatchObject({ path: ['_entities', 0], extensions: { code: 'NOT_FOUND' } });
    expect(result.errors?.[0].message).toBe(
      "klausenhof holds no case REF-00001 that you may read; the provider opens a referral's case with openCase.",
    );
  });
});
