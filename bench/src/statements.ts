import type { TestDialect } from '@durchstarten/kit/testing';
import { startGraph } from '../../test/support/graph';
import { DOCUMENTS } from './scenarios';

export const STATEMENT_PAGE_SIZES = [10, 100, 1000] as const;

/**
 * SQL statements each subgraph runs for one request of scenario (a) with pages of
 * 10, 100 and 1,000 participants, counted by each subgraph's own statement counter
 * with the whole graph in this process, on a world just large enough for the largest page.
 * The gateway's cost limit is raised here only: a page of 1,000 whole journeys is
 * above the default (an analyst export of pseudonymised journeys is not).
 */
export async function countStatements(dialect: TestDialect): Promise<Record<string, Record<string, number>>> {
  const largest = Math.max(...STATEMENT_PAGE_SIZES);
  const graph = await startGraph(dialect, { participants: largest + 50, gatewayLimits: { maxCost: 1_000_000 } });
  try {
    const bySubgraph: Record<string, Record<string, number>> = {};
    for (const first of STATEMENT_PAGE_SIZES) {
      graph.resetStatements();
      const result = await graph.client.request<{ participants: { edges: unknown[] } }>(DOCUMENTS.a, { first });
      if (result.participants.edges.length !== first)
        throw new Error(`asked for ${first} participants, got ${result.participants.edges.length}`);
      for (const [subgraph, count] of Object.entries(graph.statements())) (bySubgraph[subgraph] ??= {})[String(first)] = count;
    }
    return bySubgraph;
  } finally {
    await graph.close();
  }
}
