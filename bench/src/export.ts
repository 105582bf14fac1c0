import { sampleResources } from './load';
import { DOCUMENTS, EXPORT_PAGE_SIZE } from './scenarios';

export interface ExportRun {
  participants: number;
  pages: number;
  seconds: number;
  /** Milliseconds per 1,000 participants: flat when the export grows linearly with the world. */
  msPer1000: number;
  /** Highest resident memory of the gateway during the export: bounded when pages are streamed through, not held. */
  peakRssMb?: number;
}

/** One analyst pages through the whole pseudonymised export, one page after the other, as an export job would. */
export async function exportToEnd(options: { url: string; token: string; pid?: number }): Promise<ExportRun> {
  const resources = sampleResources(options.pid, 250);
  const started = process.hrtime.bigint();
  let after: string | null = null;
  let pages = 0;
  let participants = 0;
  do {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
      body: JSON.stringify({ query: DOCUMENTS.c, variables: { first: EXPORT_PAGE_SIZE, after } }),
    });
    const body = (await response.json()) as {
      data?: { participants: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: unknown[] } };
      errors?: Array<{ message: string }>;
    };
    if (!response.ok || body.errors || !body.data) {
      throw new Error(`export page ${pages + 1} failed (HTTP ${response.status}): ${body.errors?.map((e) => e.message).join('; ')}`);
    }
    pages += 1;
    participants += body.data.participants.edges.length;
    after = body.data.participants.pageInfo.hasNextPage ? body.data.participants.pageInfo.endCursor : null;
  } while (after);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const usage = await resources.stop();
  return {
    participants,
    pages,
    seconds: Number(seconds.toFixed(2)),
    msPer1000: Number(((seconds * 1000 * 1000) / Math.max(1, participants)).toFixed(1)),
    peakRssMb: usage.peakRssMb,
  };
}
