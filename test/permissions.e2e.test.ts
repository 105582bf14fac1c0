import type { GraphQLClient } from 'graphql-request';
import { type SignedViewer } from '@durchstarten/kit';
import { testDialects } from '@durchstarten/kit/testing';
import { TEST_VIEWERS } from '@durchstarten/contracts/testing';
import { startGraph, type RunningGraph } from './support/graph';
import { ask } from './support/outcome';

const VIEWERS: Record<string, SignedViewer> = {
  'caseworker@kreis': TEST_VIEWERS.caseworker,
  'coach@klausenhof': TEST_VIEWERS.coach('klausenhof'),
  'coach@fachwerk': TEST_VIEWERS.coach('fachwerk'),
  'agent@agentur': TEST_VIEWERS.agent,
  'analyst@kreis': TEST_VIEWERS.analyst,
  'dpo@kreis': TEST_VIEWERS.dpo,
  'admin@kreis': TEST_VIEWERS.admin,
};
const NAMES = Object.keys(VIEWERS);
const allowedOnly = (...allowed: string[]) => Object.fromEntries(NAMES.map((name) => [name, allowed.includes(name)]));

describe('who may see what, through the gateway', () => {
  let graph: RunningGraph;
  const clients: Record<string, GraphQLClient> = {};

  beforeAll(async () => {
    graph = await startGraph(testDialects()[0], { participants: 80 });
    for (const [name, viewer] of Object.entries(VIEWERS)) clients[name] = await graph.clientAs(viewer);
  });

  afterAll(async () => {
    await graph?.close();
  });

  const world = () => graph.world;
  const consentedTo = (scope: string) =>
    new Set(
      world()
        .consents.filter((c) => c.scope === scope && c.withdrawnOn === null)
        .map((c) => c.participantId),
    );
  /** A provider's staff see participants referred to them who consented to the exchange with providers. */
  const referredTo = (provider: string) =>
    new Set(
      world()
        .referrals.filter((r) => r.providerId === provider && consentedTo('PROVIDER_EXCHANGE').has(r.participantId))
        .map((r) => r.participantId),
    );
  const consentedToAgency = () => consentedTo('AGENTUR_EXCHANGE');

  it('shows each role only its rows of the registry', async () => {
    const expectedIds: Record<string, Set<string> | null> = {
      'caseworker@kreis': new Set(world().participants.map((p) => p.id)),
      'analyst@kreis': consentedTo('REPORTING'),
      'coach@klausenhof': referredTo('klausenhof'),
      'coach@fachwerk': referredTo('fachwerk'),
      'agent@agentur': consentedToAgency(),
      'dpo@kreis': null,
      'admin@kreis': null,
    };
    for (const name of NAMES) {
      const outcome = await ask(
        clients[name],
        '{ participants(first: 500) { totalCount edges { node { id gender referrals { provider { id } } } } } }',
      );
      const expected = expectedIds[name];
      if (expected === null) {
        expect({ name, codes: outcome.codes }).toEqual({ name, codes: ['FORBIDDEN'] });
        continue;
      }
      const ids = outcome.data.participants.edges.map((e: { node: { id: string } }) => e.node.id);
      expect({ name, ids: new Set(ids), total: outcome.data.participants.totalCount }).toEqual({
        name,
        ids: expected,
        total: expected.size,
      });
      if (name.startsWith('coach@')) {
        const own = name.split('@')[1];
        const providers = outcome.data.participants.edges.flatMap((e: any) => e.node.referrals.map((r: any) => r.provider.id));
        expect(new Set(providers)).toEqual(new Set([own]));
      }
    }
  });

  it('keeps names and birth dates from analysts, dpo and admin, on every path', async () => {
    const paths = [
      '{ participants(first: 3) { edges { node { givenName } } } }',
      '{ participants(first: 3) { edges { node { familyName } } } }',
      '{ participants(first: 3) { edges { node { birthDate } } } }',
      `{ participant(id: "${world().participants[0].id}") { givenName } }`,
      `{ referral(id: "${world().referrals[0].id}") { participant { familyName } } }`,
      `{ placements(first: 3) { nodes { participant { givenName familyName birthDate } } } }`,
      `{ placements(first: 3) { nodes { employerName } } }`,
      `{ participants(first: 40) { edges { node { referrals { case { internships { employer } } } } } } }`,
    ];
    const mayRead = allowedOnly('caseworker@kreis', 'coach@klausenhof', 'coach@fachwerk', 'agent@agentur');
    for (const name of NAMES) {
      for (const query of paths.slice(0, 4)) {
        const outcome = await ask(clients[name], query);
        expect({ name, query, refused: outcome.codes.includes('FORBIDDEN') }).toEqual({ name, query, refused: !mayRead[name] });
      }
    }
    for (const query of paths) {
      const outcome = await ask(clients['analyst@kreis'], query);
      expect({ query, refused: outcome.codes.includes('FORBIDDEN') }).toEqual({ query, refused: true });
      expect(JSON.stringify(outcome.data ?? {})).not.toMatch(/"(givenName|familyName|birthDate)":"[^"]/);
    }
  });

  it('gives a token with two roles the rows of the narrower one, so names never reach all rows', async () => {
    const both = await graph.clientAs({ sub: 'coach-and-analyst', org: 'klausenhof', roles: ['coach', 'analyst'] });
    const outcome = await ask(both, '{ participants(first: 500) { totalCount edges { node { id givenName } } } }');
    expect(new Set(outcome.data.participants.edges.map((e: any) => e.node.id))).toEqual(referredTo('klausenhof'));
    const other = await ask(both, '{ participants(filter: { providerId: "fachwerk" }) { totalCount } }');
    expect(other.data.participants.totalCount).toBe(0);
  });

  it('lets provider cases be followed by caseworkers, analysts and the provider’s own coaches only', async () => {
    const query =
      '{ participants(first: 500) { edges { node { referrals { provider { id } case { __typename coachingSessions { durationMinutes } } } } } } }';
    for (const name of NAMES) {
      const outcome = await ask(clients[name], query);
      if (name === 'dpo@kreis' || name === 'admin@kreis') {
        expect(outcome.codes).toEqual(['FORBIDDEN']);
        continue;
      }
      const referrals = outcome.data.participants.edges.flatMap((e: any) => e.node.referrals);
      const withCase = referrals.filter((r: any) => r.case !== null);
      if (name === 'agent@agentur') expect({ name, cases: withCase.length }).toEqual({ name, cases: 0 });
      else expect({ name, some: withCase.length > 0 }).toEqual({ name, some: true });
      if (name.startsWith('coach@')) for (const r of withCase) expect(r.provider.id).toBe(name.split('@')[1]);
    }
  });

  it('shows coaches’ free-text notes to the provider’s own coaches only', async () => {
    const query = '{ participants(first: 40) { edges { node { referrals { case { coachingSessions { notes } } } } } } }';
    const mayRead = allowedOnly('coach@klausenhof', 'coach@fachwerk');
    for (const name of ['caseworker@kreis', 'analyst@kreis', 'coach@klausenhof', 'coach@fachwerk']) {
      const outcome = await ask(clients[name], query);
      expect({ name, refused: outcome.codes.includes('FORBIDDEN') }).toEqual({ name, refused: !mayRead[name] });
    }
  });

  it('shows placements to agency staff and analysts, and to caseworkers and coaches only with the participant’s consent', async () => {
    const query = '{ participants(first: 500) { edges { node { id placements { id } } } } }';
    const consented = consentedToAgency();
    const withPlacements = new Set(world().placements.map((p) => p.participantId));
    for (const name of ['caseworker@kreis', 'analyst@kreis', 'agent@agentur', 'coach@klausenhof', 'coach@fachwerk']) {
      const outcome = await ask(clients[name], query);
      const nodes = outcome.data.participants.edges.map((e: any) => e.node);
      const shown = nodes.filter((n: any) => n.placements.length > 0).map((n: any) => n.id);
      const expected = nodes
        .map((n: any) => n.id)
        .filter((id: string) => withPlacements.has(id) && (name === 'analyst@kreis' || name === 'agent@agentur' || consented.has(id)));
      expect({ name, shown: shown.sort() }).toEqual({ name, shown: expected.sort() });
      expect({ name, some: shown.length > 0 }).toEqual({ name, some: true });
    }
    // Listing placements directly bypasses the consents held by kreis: agency staff only.
    const list = allowedOnly('agent@agentur');
    for (const name of NAMES) {
      const outcome = await ask(clients[name], '{ placements(first: 5) { totalCount } }');
      expect({ name, refused: outcome.codes.includes('FORBIDDEN') }).toEqual({ name, refused: !list[name] });
    }
  });

  it('gives analysts quasi-identifiers only coarse, and refuses them every exact one and every date', async () => {
    const started = world().referrals.find((r) => r.startedOn !== null && consentedTo('REPORTING').has(r.participantId))!;
    const exact = [
      ['Participant.birthYear', `{ participant(id: "${started.participantId}") { birthYear } }`],
      ['Participant.municipality', `{ participant(id: "${started.participantId}") { municipality { id } } }`],
      ['Participant.enteredOn', `{ participant(id: "${started.participantId}") { enteredOn } }`],
      ['Participant.exitedOn', '{ participants(first: 500) { edges { node { exitedOn } } } }'],
      ['Participant.erasedOn', `{ participant(id: "${started.participantId}") { erasedOn } }`],
      ['Consent.grantedOn', `{ participant(id: "${started.participantId}") { consents { grantedOn } } }`],
      ['Consent.withdrawnOn', `{ participant(id: "${started.participantId}") { consents { withdrawnOn } } }`],
      ['Referral.referredOn', `{ referral(id: "${started.id}") { referredOn } }`],
      ['Referral.startedOn', `{ referral(id: "${started.id}") { startedOn } }`],
      ['Referral.endedOn', `{ referral(id: "${started.id}") { endedOn } }`],
      [
        '<Provider>Case.openedOn',
        `{ referral(id: "${started.id}") { case { ... on KlausenhofCase { openedOn } ... on FachwerkCase { openedOn } } } }`,
      ],
      [
        '<Provider>Case.closedOn',
        `{ referral(id: "${started.id}") { case { ... on KlausenhofCase { closedOn } ... on FachwerkCase { closedOn } } } }`,
      ],
      ['CoachingSession.heldOn', '{ participants(first: 500) { edges { node { referrals { case { coachingSessions { heldOn } } } } } } }'],
      [
        'CourseEnrolment.enrolledOn',
        '{ participants(first: 500) { edges { node { referrals { case { enrolments { enrolledOn } } } } } } }',
      ],
      [
        'CourseEnrolment.completedOn',
        '{ participants(first: 500) { edges { node { referrals { case { enrolments { completedOn } } } } } } }',
      ],
      [
        'Course.startsOn',
        '{ participants(first: 500) { edges { node { referrals { case { enrolments { course { startsOn endsOn } } } } } } } }',
      ],
      ['Certificate.issuedOn', '{ participants(first: 500) { edges { node { referrals { case { certificates { issuedOn } } } } } } }'],
      ['Internship.startsOn', '{ participants(first: 500) { edges { node { referrals { case { internships { startsOn endsOn } } } } } } }'],
      ['Placement.startsOn', '{ participants(first: 500) { edges { node { placements { startsOn endsOn } } } } }'],
    ];
    for (const [field, query] of exact) {
      const analyst = await ask(clients['analyst@kreis'], query);
      expect({ field, codes: analyst.codes.includes('FORBIDDEN') }).toEqual({ field, codes: true });
      const caseworker = await ask(clients['caseworker@kreis'], query);
      expect({ field, codes: caseworker.codes }).toEqual({ field, codes: [] });
    }
    const coarse =
      '{ participants(first: 500) { edges { node { id ageGroup gender residenceStatus bank entryQuarter exitQuarter exitReason } } } }';
    for (const name of ['caseworker@kreis', 'coach@klausenhof', 'agent@agentur', 'analyst@kreis']) {
      const outcome = await ask(clients[name], coarse);
      expect({ name, codes: outcome.codes }).toEqual({ name, codes: [] });
      const nodes = outcome.data.participants.edges.map((e: any) => e.node);
      // Only analysts get values withheld; everyone else reads every coarse value.
      const withheld = nodes.filter((n: any) => n.ageGroup === null || n.gender === null || n.bank === null || n.entryQuarter === null);
      if (name === 'analyst@kreis') expect(withheld.length).toBeGreaterThan(0);
      else expect({ name, withheld: withheld.length }).toEqual({ name, withheld: 0 });
    }
  });

  it('drops a participant from the analysts’ rows on the very next request after the REPORTING consent is withdrawn', async () => {
    const participant = world().participants.find((p) => consentedTo('REPORTING').has(p.id))!;
    const query = `{ participant(id: "${participant.id}") { id ageGroup } }`;
    const before: any = await clients['analyst@kreis'].request(query);
    expect(before.participant.id).toBe(participant.id);
    await clients['caseworker@kreis'].request(
      `mutation { withdrawConsent(input: { participantId: "${participant.id}", scope: REPORTING, on: "2023-10-31" }) { id } }`,
    );
    const after: any = await clients['analyst@kreis'].request(query);
    expect(after.participant).toBeNull();
  });

  it('hides placements and cases on the very next request after consent is withdrawn', async () => {
    const participant = world().participants.find(
      (p) =>
        consentedTo('AGENTUR_EXCHANGE').has(p.id) &&
        consentedTo('PROVIDER_EXCHANGE').has(p.id) &&
        world().placements.some((pl) => pl.participantId === p.id) &&
        world().referrals.some((r) => r.participantId === p.id && r.startedOn !== null),
    )!;
    const query = `{ participant(id: "${participant.id}") { placements { id } referrals { case { __typename } } } }`;
    const caseworker = clients['caseworker@kreis'];
    const before: any = await caseworker.request(query);
    expect(before.participant.placements.length).toBeGreaterThan(0);
    expect(before.participant.referrals.some((r: any) => r.case !== null)).toBe(true);
    for (const scope of ['AGENTUR_EXCHANGE', 'PROVIDER_EXCHANGE']) {
      await caseworker.request(
        `mutation { withdrawConsent(input: { participantId: "${participant.id}", scope: ${scope}, on: "2023-10-31" }) { id } }`,
      );
    }
    const after: any = await caseworker.request(query);
    expect(after.participant.placements).toEqual([]);
    expect(after.participant.referrals.every((r: any) => r.case === null)).toBe(true);
    const agent = await ask(clients['agent@agentur'], query);
    expect(agent.data.participant).toBeNull();
  });

  it('opens each desk and each kind of change to its own people only', async () => {
    const attempts: Array<[string, string, Record<string, boolean>]> = [
      ['klausenhof desk', '{ klausenhof { cases(first: 1) { totalCount } } }', allowedOnly('coach@klausenhof')],
      ['fachwerk desk', '{ fachwerk { courses { id } } }', allowedOnly('coach@fachwerk')],
      [
        'klausenhof change',
        'mutation { klausenhof { closeCase(caseId: "REF-99999", closedOn: "2023-01-01") { id } } }',
        allowedOnly('coach@klausenhof'),
      ],
      [
        'registry change',
        'mutation { exitParticipant(id: "TN-9999", exitedOn: "2023-01-01", reason: OTHER) { id } }',
        allowedOnly('caseworker@kreis'),
      ],
      ['agency change', 'mutation { endPlacement(placementId: "PL-99999", endsOn: "2023-01-01") { id } }', allowedOnly('agent@agentur')],
      ['erasure', 'mutation { eraseParticipant(id: "TN-9999") { erasedFields } }', allowedOnly('admin@kreis')],
    ];
    for (const [what, query, allowed] of attempts) {
      for (const name of NAMES) {
        const outcome = await ask(clients[name], query);
        // An allowed change to an id that does not exist is NOT_FOUND (or null): past the permission check, nothing written.
        expect({ what, name, refused: outcome.codes.includes('FORBIDDEN') }).toEqual({ what, name, refused: !allowed[name] });
      }
    }
  });

  it('gives statistics to analysts (protected) and Kreis caseworkers (exact) only', async () => {
    const queries = {
      monitoring: '{ monitoring(from: "2022-01-01", to: "2022-03-31") { quarter stock { value } } }',
      statistics: '{ statistics(by: [GENDER]) { group { value } participants { value } withPlacement { value } } }',
    };
    const allowed: Record<string, boolean> = allowedOnly('caseworker@kreis', 'analyst@kreis');
    for (const [what, query] of Object.entries(queries)) {
      for (const name of NAMES) {
        const outcome = await ask(clients[name], query);
        expect({ what, name, refused: outcome.codes.includes('FORBIDDEN') }).toEqual({ what, name, refused: !allowed[name] });
        if (allowed[name]) expect({ what, name, codes: outcome.codes }).toEqual({ what, name, codes: [] });
      }
    }
  });
});
