import { graphManifest, ProviderRegistry, providerRegistryPath } from '@durchstarten/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchemaArtifacts } from '../scripts/schema-artifacts';
import { repoRoot } from '@durchstarten/kit';

const read = (path: string) => readFileSync(join(repoRoot(), 'schema', path), 'utf8');
const STALE = 'is stale: run `npm run compose` and commit schema/';

describe('committed schema artifacts', () => {
  let artifacts: Awaited<ReturnType<typeof buildSchemaArtifacts>>;

  beforeAll(async () => {
    artifacts = await buildSchemaArtifacts();
  });

  it('has the subgraphs of the manifest under their contract names', () => {
    const names = artifacts.subgraphs.map((s) => s.name);
    expect(names).toEqual(graphManifest(ProviderRegistry.fromFile(providerRegistryPath())).subgraphs.map((s) => s.name));
    expect(names).toEqual(expect.arrayContaining(['kreis', 'klausenhof', 'fachwerk', 'agentur']));
  });

  it('matches each subgraph’s printed SDL', () => {
    for (const subgraph of artifacts.subgraphs) {
      const committed = read(`subgraphs/${subgraph.name}.graphql`);
      if (committed.trimEnd() !== subgraph.sdl.trimEnd()) throw new Error(`schema/subgraphs/${subgraph.name}.graphql ${STALE}`);
    }
  });

  it('matches supergraph.yaml and the composed supergraph', () => {
    if (read('supergraph.yaml') !== artifacts.supergraphYaml) throw new Error(`schema/supergraph.yaml ${STALE}`);
    if (read('supergraph.graphql').trimEnd() !== artifacts.supergraphSdl.trimEnd()) throw new Error(`schema/supergraph.graphql ${STALE}`);
  });

  it('keeps the contract fields clients rely on', () => {
    const supergraph = artifacts.supergraphSdl;
    for (const field of [
      /type Participant[^{]*\{[^}]*\breferrals: \[Referral!\]!/s,
      // Nullable: agentur fills it on kreis's participant, and a failed agentur must cost only this field.
      /type Participant[^{]*\{[^}]*\bplacements: \[Placement!\] /s,
      /type Participant[^{]*\{[^}]*\bmunicipality: Municipality!/s,
      /type Municipality[^{]*\{[^}]*\bprovider: Provider!/s,
      /type Referral[^{]*\{[^}]*\bprovider: Provider!/s,
      /type Referral[^{]*\{[^}]*\bmodule: Module!/s,
      /type Referral[^{]*\{[^}]*\bcase: ProviderCase\b/s,
      /interface ProviderCase[^{]*\{[^}]*coachingSessions: \[CoachingSession!\]![^}]*enrolments: \[CourseEnrolment!\]![^}]*certificates: \[Certificate!\]![^}]*internships: \[Internship!\]!/s,
      /participants\((?=[^)]*filter: ParticipantFilter)(?=[^)]*first: Int = 50)(?=[^)]*after: String)[^)]*\): ParticipantConnection!/,
      /enum Module[^{]*\{[^}]*F1_COACHING[^}]*F2_QUALIFICATION_LANGUAGE[^}]*F3_SCHOOL_CERTIFICATE[^}]*F4_PREPARATORY_COURSES/s,
      /klausenhof: KlausenhofDesk!/,
      /fachwerk: FachwerkDeskMutations!/,
    ]) {
      expect(supergraph).toMatch(field);
    }
  });
});
