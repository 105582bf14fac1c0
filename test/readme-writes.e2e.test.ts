import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClientError } from 'graphql-request';
import { repoRoot } from '@durchstarten/kit';
import { testDialects } from '@durchstarten/kit/testing';
import type { Viewer } from '@durchstarten/gateway/auth';
import { startGraph, type RunningGraph } from './support/graph';

interface Example {
  /** The arguments of `npm run -s token -- …` the README names for it. */
  token: string;
  viewer: Viewer;
  document: string;
}

/**
 * The README's write examples, read from between its markers: each `# token: --org O --role R` line starts an
 * operation that runs with that token. Reading them here keeps the README and this test from drifting apart.
 */
function readmeWriteExamples(): Example[] {
  const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
  const block = /<!-- readme-writes:begin -->\n```graphql\n([\s\S]*?)\n```\n<!-- readme-writes:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no ```graphql block between <!-- readme-writes:begin --> and <!-- readme-writes:end -->');
  const examples: Example[] = [];
  for (const line of block[1].split('\n')) {
    const token = /^# token: (--org (\w+) --role (\w+))$/.exec(line);
    if (token) {
      const [, args, org, role] = token;
      examples.push({ token: args, viewer: { sub: `${org}-${role}-dev`, org, roles: [role] } as Viewer, document: '' });
    } else if (examples.length === 0) {
      throw new Error(`README write examples: "${line}" comes before any "# token:" line`);
    } else {
      examples[examples.length - 1].document += `${line}\n`;
    }
  }
  return examples;
}

describe('the README’s write examples, run as written on a fresh world', () => {
  let graph: RunningGraph;

  beforeAll(async () => {
    // The world npm start seeds on first start: 380 participants from the default seed.
    graph = await startGraph(testDialects()[0]);
  });

  afterAll(async () => {
    await graph?.close();
  });

  it('each succeed with the token they name, in order, and leave the whole journey in the graph', async () => {
    const examples = readmeWriteExamples();
    expect(examples.map((example) => /mutation \{ (?:\w+ \{ )?(\w+)/.exec(example.document)?.[1])).toEqual([
      'registerParticipant',
      'grantConsent',
      'grantConsent',
      'referParticipant',
      'openCase',
      'changeReferralStatus',
      'recordCoachingSessions',
      'recordPlacement',
      'exitParticipant',
    ]);
    const answers: unknown[] = [];
    for (const example of examples) {
      const client = await graph.clientAs(example.viewer);
      let response: { data?: unknown; errors?: unknown[] };
      try {
        response = await client.rawRequest(example.document);
      } catch (error) {
        if (!(error instanceof ClientError)) throw error;
        response = error.response;
      }
      expect({ token: example.token, document: example.document, errors: response.errors }).toEqual({
        token: example.token,
        document: example.document,
        errors: undefined,
      });
      answers.push(response.data);
    }
    expect(answers[0]).toEqual({ registerParticipant: { id: 'TN-0381' } });
    expect(answers[3]).toEqual({ referParticipant: { id: 'REF-00628', provider: { id: 'klausenhof' } } });

    const journey = await graph.client.request<{ participant: unknown }>(`{
      participant(id: "TN-0381") {
        exitedOn exitReason
        referrals { id status startedOn endedOn case { __typename coachingSessions { heldOn durationMinutes topic } } }
        placements { kind office occupation { kldbCode } startsOn }
      }
    }`);
    expect(journey.participant).toEqual({
      exitedOn: '2023-07-31',
      exitReason: 'TRAINING_STARTED',
      referrals: [
        {
          id: 'REF-00628',
          status: 'COMPLETED',
          startedOn: '2022-09-05',
          endedOn: '2023-07-31',
          case: { __typename: 'KlausenhofCase', coachingSessions: [{ heldOn: '2022-09-06', durationMinutes: 60, topic: 'ORIENTATION' }] },
        },
      ],
      placements: [{ kind: 'AUSBILDUNG', office: 'AGENTUR_FUER_ARBEIT', occupation: { kldbCode: '29202' }, startsOn: '2023-08-01' }],
    });
  });
});
