import { ClientError, type GraphQLClient } from 'graphql-request';
import { testDialects } from '@durchstarten/kit/testing';
import { TEST_VIEWERS } from '@durchstarten/contracts/testing';
import { startGraph, type RunningGraph } from './support/graph';

interface Entry {
  viewerSub: string;
  viewerOrg: string;
  viewerRoles: string[];
  operation: string | null;
  participantIds: string[];
  fieldKinds: string[];
}

describe.each(testDialects().map((d) => [d.name, d] as const))('audit log on %s', (_name, dialect) => {
  let graph: RunningGraph;
  /** Each organisation's own data protection officer. */
  const dpos: Record<string, GraphQLClient> = {};

  beforeAll(async () => {
    graph = await startGraph(dialect, { participants: 40 });
    for (const { name: org } of graph.manifest.subgraphs) dpos[org] = await graph.clientAs({ ...TEST_VIEWERS.dpo, org });
  });

  afterAll(async () => {
    await graph?.close();
  });

  const log = async (field: string, participantId?: string): Promise<Entry[]> =>
    (
      await dpos[field.replace('AuditLog', '')].request<Record<string, { nodes: Entry[] }>>(
        `query Log($participantId: ID) { ${field}(participantId: $participantId, first: 500) { nodes { viewerSub viewerOrg viewerRoles operation participantIds fieldKinds } } }`,
        { participantId },
      )
    )[field].nodes;

  it('records who read names, for which participants, in the subgraph that holds them', async () => {
    await graph.client.request('query CaseworkerLooksUp { participants(first: 3) { edges { node { id givenName } } } }');
    const ids = graph.world.participants.slice(0, 3).map((p) => p.id);
    const entries = await log('kreisAuditLog');
    expect(entries).toContainEqual({
      viewerSub: TEST_VIEWERS.caseworker.sub,
      viewerOrg: 'kreis',
      viewerRoles: ['caseworker'],
      operation: 'CaseworkerLooksUp',
      participantIds: ids,
      fieldKinds: ['personal data'],
    });
    expect((await log('kreisAuditLog', ids[1])).some((e) => e.operation === 'CaseworkerLooksUp')).toBe(true);
    expect((await log('kreisAuditLog', 'TN-9999')).length).toBe(0);
    // The id is matched as written: % and _ are no wildcards ("TN-000_" listed every TN-000x).
    const everyone = (await log('kreisAuditLog')).length;
    expect(everyone).toBeGreaterThan(0);
    for (const pattern of [`${ids[0].slice(0, -1)}_`, '%', '_', `${ids[0].slice(0, -1)}%`]) {
      expect({ pattern, entries: (await log('kreisAuditLog', pattern)).length }).toEqual({ pattern, entries: 0 });
    }
  });

  it('records case records at the provider and placements at the agency, and nothing for pseudonymous reads', async () => {
    const before = (await log('kreisAuditLog')).length;
    await graph.client.request('query Pseudonymous { participants(first: 40) { edges { node { id birthYear municipality { id } } } } }');
    expect((await log('kreisAuditLog')).length).toBe(before);

    const coach = await graph.clientAs(TEST_VIEWERS.coach('klausenhof'));
    await coach.request(
      'query CoachReads { participants(first: 40) { edges { node { referrals { case { coachingSessions { heldOn } } } } } } }',
    );
    const caseEntries = (await log('klausenhofAuditLog')).filter((e) => e.operation === 'CoachReads');
    expect(caseEntries).toHaveLength(1);
    expect(caseEntries[0]).toMatchObject({ viewerOrg: 'klausenhof', viewerRoles: ['coach'], fieldKinds: ['case records'] });
    const klausenhofParticipants = new Set(graph.world.providers.klausenhof.cases.map((c) => c.participantId));
    expect(caseEntries[0].participantIds.length).toBeGreaterThan(0);
    for (const id of caseEntries[0].participantIds) expect(klausenhofParticipants.has(id)).toBe(true);

    // Who a case is for is a read of a person too, even without any record.
    await coach.request('query CoachListsCases { klausenhof { cases(first: 5) { nodes { id participant { id } } } } }');
    const listEntries = (await log('klausenhofAuditLog')).filter((e) => e.operation === 'CoachListsCases');
    expect(listEntries).toHaveLength(1);
    expect(listEntries[0].fieldKinds).toEqual(['case records']);
    expect(listEntries[0].participantIds.length).toBeGreaterThan(0);

    // That someone has no placement is a read of them too.
    const withoutPlacement = graph.world.participants.find(
      (p) =>
        !graph.world.placements.some((pl) => pl.participantId === p.id) &&
        graph.world.consents.some((c) => c.participantId === p.id && c.scope === 'AGENTUR_EXCHANGE' && !c.withdrawnOn),
    )!;
    await graph.client.request(`query NoPlacements { participant(id: "${withoutPlacement.id}") { placements { id } } }`);
    expect((await log('agenturAuditLog')).filter((e) => e.operation === 'NoPlacements')).toEqual([
      expect.objectContaining({ participantIds: [withoutPlacement.id], fieldKinds: ['placements'] }),
    ]);

    const agent = await graph.clientAs(TEST_VIEWERS.agent);
    await agent.request('query AgentReads { placements(first: 5) { nodes { id kind } } }');
    const placementEntries = (await log('agenturAuditLog')).filter((e) => e.operation === 'AgentReads');
    expect(placementEntries).toHaveLength(1);
    expect(placementEntries[0].fieldKinds).toEqual(['placements']);
  });

  it('lets only each organisation’s data protection officer read its log', async () => {
    for (const viewer of [
      TEST_VIEWERS.caseworker,
      TEST_VIEWERS.analyst,
      TEST_VIEWERS.admin,
      TEST_VIEWERS.coach('fachwerk'),
      TEST_VIEWERS.dpo,
    ]) {
      const client = await graph.clientAs(viewer);
      for (const field of viewer === TEST_VIEWERS.dpo
        ? ['fachwerkAuditLog', 'agenturAuditLog']
        : ['kreisAuditLog', 'fachwerkAuditLog', 'agenturAuditLog']) {
        const error = await client.request(`{ ${field} { totalCount } }`).catch((e: ClientError) => e);
        expect({ viewer: viewer.sub, field, code: (error as ClientError).response?.errors?.[0].extensions?.code }).toEqual({
          viewer: viewer.sub,
          field,
          code: 'FORBIDDEN',
        });
      }
    }
  });

  it('refuses any change to an audit entry, even by the service’s own database connection', async () => {
    await graph.client.request('query OneMore { participant(id: "TN-0001") { familyName } }');
    const source = graph.kreis.database.dataSource;
    const [row] = await source.query('SELECT id FROM audit_entry ORDER BY id DESC LIMIT 1');
    await expect(source.query("UPDATE audit_entry SET viewer_sub = 'someone else' WHERE id = ?", [row.id])).rejects.toThrow(
      /audit entries cannot be changed/,
    );
    await expect(source.query('DELETE FROM audit_entry WHERE id = ?', [row.id])).rejects.toThrow(/audit entries cannot be changed/);
    expect(await source.query('SELECT viewer_sub FROM audit_entry WHERE id = ?', [row.id])).toEqual([
      { viewer_sub: TEST_VIEWERS.caseworker.sub },
    ]);
  });
});
