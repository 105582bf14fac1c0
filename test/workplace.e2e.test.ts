/**
 * The analyst's workplace in a real browser: Debian's headless Chromium driven by
 * playwright-core against the whole graph in this process. The pages must load nothing
 * from another origin, run a query from the IDE, show the report's figures as the API
 * gives them to the same role, download CSV, and lose the dev-token counter in production.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createGateway, type GatewayApp } from '@durchstarten/gateway/app';
import { CONTENT_SECURITY_POLICY } from '@durchstarten/gateway/workplace';
import { signDevelopmentToken } from '@durchstarten/gateway/dev-token';
import { repoRoot, type SignedViewer, silentLogger } from '@durchstarten/kit';
import { testDialects } from '@durchstarten/kit/testing';
import { KREIS_CASEWORKER, startGraph, TEST_TOKEN_KEYS, type RunningGraph } from './support/graph';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const supergraphSdl = readFileSync(join(repoRoot(), 'schema/supergraph.graphql'), 'utf8');
// The statistics API is built in other subgraphs; until it is composed the report test has nothing to show.
const haveMonitoring = /^\s+monitoring\(/m.test(supergraphSdl);
const SCREENSHOTS = join(tmpdir(), 'durchstarten-screenshots');

if (!haveChromium) process.stdout.write(`\nworkplace: browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium).\n`);
if (!haveMonitoring) process.stdout.write('\nworkplace: report test skipped: the supergraph has no Query.monitoring yet.\n');

const browserIt = haveChromium ? it : it.skip;
const reportIt = haveChromium && haveMonitoring ? it : it.skip;

const ANALYST = { sub: 'analyst-test', org: 'kreis', roles: ['analyst' as const] };

interface Figure {
  value: number | null;
  suppressed: boolean;
}

const OUTCOME_FIELDS = [
  'participants',
  'withInternship',
  'withLanguageExamPassed',
  'anyPlacement',
  'ausbildung',
  'einstiegsqualifizierung',
  'beschaeftigung',
  'minijob',
] as const;

type OutcomeCell = { group: Array<{ dimension: string; value: string }> } & Record<(typeof OUTCOME_FIELDS)[number], Figure>;

interface ReportData {
  monitoring: Array<{ quarter: string; entries: Figure; exits: Figure; stock: Figure; modules: Array<{ module: string; stock: Figure }> }>;
  byProvider: OutcomeCell[];
  total: OutcomeCell[];
}

/** The figures the report shows, asked of the API directly. */
const REPORT_QUERY = `query ($from: LocalDate!, $to: LocalDate!, $filter: ParticipantFilter) {
  monitoring(from: $from, to: $to) { quarter entries { ...F } exits { ...F } stock { ...F } modules { module stock { ...F } } }
  byProvider: statistics(by: [PROVIDER], filter: $filter) { ...Outcomes }
  total: statistics(by: [], filter: $filter) { ...Outcomes }
}
fragment F on Figure { value suppressed }
fragment Outcomes on StatisticsCell {
  group { dimension value }
  participants { ...F } withInternship { ...F } withLanguageExamPassed { ...F }
  anyPlacement: withPlacement { ...F }
  ausbildung: withPlacement(kind: AUSBILDUNG) { ...F }
  einstiegsqualifizierung: withPlacement(kind: EINSTIEGSQUALIFIZIERUNG) { ...F }
  beschaeftigung: withPlacement(kind: BESCHAEFTIGUNG) { ...F }
  minijob: withPlacement(kind: MINIJOB) { ...F }
}`;

/** A figure as the CSV writes it and as the page shows it, without separators or shares. */
const asText = (figure: Figure) => (figure.suppressed || figure.value === null ? 'suppressed' : String(figure.value));
const shown = (text: string | undefined) => {
  if (text === undefined) return 'missing';
  if (text.startsWith('–')) return 'suppressed';
  return text.split('(')[0].replace(/[^0-9]/g, '');
};

/** The little of the DOM these tests read inside the page (the project compiles without the DOM library). */
interface Cell {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
}
interface Row extends Cell {
  cells: ArrayLike<Cell>;
}
interface BrowserGlobals {
  document: { querySelector(selector: string): { CodeMirror: { getValue(): string } } | null };
}

/** A report table's rows as shown: row key, then the text of each cell by column. */
function tableOf(page: Page, id: string): Promise<Array<{ key: string; cells: Record<string, string> }>> {
  return page.$$eval(`#table-${id} tbody tr, #table-${id} tfoot tr`, (rows) =>
    (rows as unknown as Row[]).map((row) => ({
      key: row.dataset.row ?? '',
      cells: Object.fromEntries(Array.from(row.cells, (td) => [td.dataset.column ?? '', td.textContent ?? ''])),
    })),
  );
}

/** A browser page that records every request and every script error or CSP violation. */
async function openPage(context: BrowserContext) {
  const requests: string[] = [];
  const problems: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return { page, requests, problems };
}

const otherOrigins = (requests: string[], origin: string) =>
  requests.filter((url) => new URL(url.startsWith('blob:') ? url.slice(5) : url).origin !== origin);

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe('workplace: query IDE and report page', () => {
  let graph: RunningGraph;
  let origin: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    graph = await startGraph(testDialects()[0]);
    origin = new URL(graph.url).origin;
    if (haveChromium) {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      process.stdout.write(`\nworkplace: screenshots in ${SCREENSHOTS}\n`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await graph?.close();
  });

  describe('over HTTP', () => {
    it('serves the IDE to a browser with a CSP of its own origin, and GraphQL to everyone else', async () => {
      const page = await fetch(graph.url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      const html = await page.text();
      expect(html).toContain('/workplace/vendor/graphiql.js');
      expect(html).not.toMatch(/https?:\/\//);

      // A GET with a query still executes, also from a browser that prefers HTML.
      const token = await signDevelopmentToken(ANALYST, TEST_TOKEN_KEYS.secret);
      for (const accept of ['application/json', 'text/html,application/xhtml+xml,*/*;q=0.8']) {
        const answer = await fetch(`${graph.url}?query=${encodeURIComponent('{ __typename }')}`, {
          headers: { accept, authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
        });
        expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });
      }
      // A GraphQL client's GET without a query gets GraphQL's answer, not a page.
      const bare = await fetch(graph.url, { headers: { accept: 'application/json' } });
      expect(bare.status).toBe(400);
      expect(bare.headers.get('content-type')).not.toMatch(/html/);
    });

    it('serves the report page and its assets from this gateway only', async () => {
      const page = await fetch(`${origin}/report`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      const asset = await fetch(`${origin}/workplace/vendor/graphiql.css`);
      expect(asset.headers.get('content-type')).toMatch(/^text\/css/);
      // GraphiQL's embedded fonts are served as files: a data: URL would break the CSP.
      expect(await asset.text()).not.toMatch(/url\(data:/);
      expect((await fetch(`${origin}/workplace/../package.json`)).status).toBe(404);
      expect((await fetch(`${origin}/workplace/nothing.js`)).status).toBe(404);
    });

    it('issues a short-lived development token for a chosen role and refuses bad input', async () => {
      const issue = (body: unknown) =>
        fetch(`${origin}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const answer = await issue({ org: 'kreis', role: 'analyst' });
      expect(answer.status).toBe(200);
      const { token, expiresInSeconds } = (await answer.json()) as { token: string; expiresInSeconds: number };
      expect(expiresInSeconds).toBeLessThanOrEqual(3600);
      const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
      expect(claims).toMatchObject({ org: 'kreis', roles: ['analyst'] });
      expect((claims.exp as number) - (claims.iat as number)).toBe(expiresInSeconds);
      const query = await fetch(graph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ municipalities { id } }' }),
      });
      expect(((await query.json()) as { data: { municipalities: unknown[] } }).data.municipalities).toHaveLength(13);

      const badRole = await issue({ org: 'kreis', role: 'superuser' });
      expect(badRole.status).toBe(400);
      expect(((await badRole.json()) as { error: string }).error).toMatch(/role must be one of: caseworker/);
      const badOrg = await issue({ org: 'elsewhere', role: 'analyst' });
      expect(badOrg.status).toBe(400);
      expect(((await badOrg.json()) as { error: string }).error).toMatch(/org must be one of/);
    });
  });

  describe('in production', () => {
    let production: GatewayApp;
    let withoutIde: GatewayApp;
    let productionOrigin: string;
    let withoutIdeUrl: string;

    beforeAll(async () => {
      const deps = {
        supergraphSdl,
        subgraphUrls: graph.subgraphUrls,
        logger: silentLogger,
        tokenKeys: TEST_TOKEN_KEYS,
        subgraphSecrets: graph.subgraphSecrets,
        production: true,
      };
      production = await createGateway(deps);
      productionOrigin = new URL(await production.listen(0)).origin;
      withoutIde = await createGateway({ ...deps, queryIde: false });
      withoutIdeUrl = await withoutIde.listen(0);
    });

    afterAll(async () => {
      await production?.close();
      await withoutIde?.close();
    });

    it('has no development token endpoint', async () => {
      const answer = await fetch(`${productionOrigin}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ org: 'kreis', role: 'admin' }),
      });
      expect(answer.status).toBe(404);
      const html = await (await fetch(`${productionOrigin}/graphql`, { headers: { accept: 'text/html' } })).text();
      expect(html).toContain('data-dev-tokens="off"');
    });

    it('serves no IDE when QUERY_IDE is off, and still the report', async () => {
      const answer = await fetch(withoutIdeUrl, { headers: { accept: 'text/html' } });
      expect(answer.headers.get('content-type')).not.toMatch(/html/);
      expect((await fetch(new URL('/report', withoutIdeUrl))).status).toBe(200);
    });

    browserIt('shows the IDE without the development sign-in', async () => {
      const context = await browser!.newContext();
      try {
        const { page, requests, problems } = await openPage(context);
        await page.goto(`${productionOrigin}/graphql`);
        await page.locator('#sign-in').waitFor();
        await page.locator('.graphiql-container').waitFor();
        expect(await page.locator('#dev-token').count()).toBe(0);
        expect(otherOrigins(requests, productionOrigin)).toEqual([]);
        expect(problems).toEqual([]);
        await screenshot(page, 'ide-production');
      } finally {
        await context.close();
      }
    });
  });

  describe('in a browser', () => {
    browserIt('runs a query from the IDE with a pasted token, loading nothing from another origin', async () => {
      const context = await browser!.newContext({ viewport: { width: 1400, height: 900 } });
      try {
        const { page, requests, problems } = await openPage(context);
        await page.goto(graph.url);
        await page.locator('.graphiql-container').waitFor();
        await screenshot(page, 'ide-signed-out');

        const token = await signDevelopmentToken(ANALYST, TEST_TOKEN_KEYS.secret);
        await page.fill('#token', `Bearer ${token}`);
        await page.click('#sign-in button[type=submit]');
        await expect(page.locator('#signed-in-as').textContent()).resolves.toMatch(/analyst@kreis/);
        await page.locator('#graphiql[data-schema=loaded]').waitFor();

        const query = '{ participants { totalCount } municipalities { id } }';
        const editor = page.locator('.graphiql-query-editor .CodeMirror');
        await editor.click();
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Delete');
        await page.keyboard.type(query);
        await page.click('.graphiql-execute-button');
        await page.locator('.graphiql-response .CodeMirror-code', { hasText: 'totalCount' }).waitFor();

        const expected = await (await graph.clientAs(ANALYST)).request<{ participants: { totalCount: number } }>(query);
        const shown = JSON.parse(
          await page.evaluate(() =>
            (globalThis as unknown as BrowserGlobals).document.querySelector('.graphiql-response .CodeMirror')!.CodeMirror.getValue(),
          ),
        ) as { data: unknown };
        expect(shown.data).toEqual(expected);
        await screenshot(page, 'ide-result');

        expect(otherOrigins(requests, origin)).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

    browserIt('signs in with a development token from the page', async () => {
      const context = await browser!.newContext();
      try {
        const { page, requests, problems } = await openPage(context);
        await page.goto(graph.url);
        await page.selectOption('#dev-role', 'caseworker@kreis');
        await page.click('#dev-token button[type=submit]');
        await expect(page.locator('#signed-in-as').textContent()).resolves.toMatch(/caseworker@kreis/);
        await page.click('#sign-out');
        await page.locator('#sign-in').waitFor();

        await page.fill('#token', 'not a token');
        await page.click('#sign-in button[type=submit]');
        await expect(page.locator('.signin-message').textContent()).resolves.toMatch(/not a JWT/);
        expect(otherOrigins(requests, origin)).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });

    /** Shows a period on the report page and returns what the API gives the same role for it. */
    async function showPeriod(page: Page, viewer: SignedViewer, from: string, to: string): Promise<ReportData> {
      await page.fill('#from', from);
      await page.fill('#to', to);
      await page.click('#period button[type=submit]');
      await page.locator('#status', { hasText: `from ${from} to ${to}` }).waitFor();
      return (await graph.clientAs(viewer)).request<ReportData>(REPORT_QUERY, { from, to, filter: { enteredFrom: from, enteredTo: to } });
    }

    /** Every figure of the three tables as the API gave it; returns the outcome cells by row key. */
    async function expectTablesMatch(page: Page, expected: ReportData): Promise<Array<{ key: string; cell: OutcomeCell }>> {
      const quarters = await tableOf(page, 'quarters');
      expect(quarters.map((row) => row.key)).toEqual(expected.monitoring.map((q) => q.quarter));
      const modules = await tableOf(page, 'modules');
      for (const q of expected.monitoring) {
        const row = quarters.find((r) => r.key === q.quarter)!;
        expect([row.cells.entries, row.cells.exits, row.cells.stock].map(shown)).toEqual([q.entries, q.exits, q.stock].map(asText));
        const moduleRow = modules.find((r) => r.key === q.quarter)!;
        for (const m of q.modules) expect(shown(moduleRow.cells[m.module])).toBe(asText(m.stock));
      }
      const outcomes = await tableOf(page, 'outcomes');
      const cells = [
        ...expected.byProvider.map((cell) => ({ key: cell.group.find((g) => g.dimension === 'PROVIDER')!.value, cell })),
        ...expected.total.map((cell) => ({ key: 'total', cell })),
      ];
      expect(outcomes.map((row) => row.key).sort()).toEqual(cells.map((c) => c.key).sort());
      for (const { key, cell } of cells) {
        const row = outcomes.find((r) => r.key === key)!;
        for (const field of OUTCOME_FIELDS) expect([key, field, shown(row.cells[field])]).toEqual([key, field, asText(cell[field])]);
      }
      return cells;
    }

    reportIt('shows the report with the figures the API gives the same role, and downloads CSV', async () => {
      for (const [viewer, label] of [
        [ANALYST, 'analyst@kreis'],
        [KREIS_CASEWORKER, 'caseworker@kreis'],
      ] as const) {
        const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'de-DE' });
        try {
          const { page, requests, problems } = await openPage(context);
          await page.goto(`${origin}/report`);
          await page.selectOption('#dev-role', label);
          await page.click('#dev-token button[type=submit]');
          await page.locator('#figures:not([hidden])').waitFor();

          // A chosen period: the year 2022.
          const expected = await showPeriod(page, viewer, '2022-01-01', '2022-12-31');
          expect(expected.monitoring.map((q) => q.quarter)).toEqual(['2022-Q1', '2022-Q2', '2022-Q3', '2022-Q4']);
          const cells = await expectTablesMatch(page, expected);

          const note = (await page.locator('#protection').textContent()) ?? '';
          if (viewer === ANALYST) expect(note).toMatch(/at most 3 away from the true count, it is never 1 or 2, and zero stays zero/);
          else expect(note).toMatch(/exact counts/);

          const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.download[data-table=quarters]')]);
          expect(download.suggestedFilename()).toBe('monitoring-quarters_2022-01-01_2022-12-31.csv');
          const csv = readFileSync(await download.path(), 'utf8')
            .replace(/^\ufeff/, '')
            .trim()
            .split('\r\n');
          expect(csv[0]).toBe('Quarter,Entries (Eintritte),Exits (Austritte),Stock at quarter end (Bestand)');
          expect(csv.slice(1)).toEqual(expected.monitoring.map((q) => [q.quarter, ...[q.entries, q.exits, q.stock].map(asText)].join(',')));
          const [outcomeDownload] = await Promise.all([page.waitForEvent('download'), page.click('button.download[data-table=outcomes]')]);
          const outcomeCsv = readFileSync(await outcomeDownload.path(), 'utf8')
            .trim()
            .split('\r\n');
          expect(outcomeCsv).toHaveLength(cells.length + 1);

          await screenshot(page, `report-${viewer.roles[0]}`);

          if (viewer === ANALYST) {
            // The first quarter of the programme has cells too small for outcome figures: they are suppressed.
            const early = await showPeriod(page, viewer, '2021-01-01', '2021-03-31');
            await expectTablesMatch(page, early);
            expect(await page.locator('#table-outcomes td.suppressed').count()).toBeGreaterThan(0);
            expect(await page.locator('#table-outcomes td.suppressed').first().textContent()).toBe('–');
            const [earlyDownload] = await Promise.all([page.waitForEvent('download'), page.click('button.download[data-table=outcomes]')]);
            expect(readFileSync(await earlyDownload.path(), 'utf8')).toContain(',suppressed');
            expect(await page.locator('#protection').textContent()).toMatch(/figures? on this page (is|are) suppressed/);
            await screenshot(page, 'report-analyst-suppressed');
          }
          expect(otherOrigins(requests, origin)).toEqual([]);
          expect(problems).toEqual([]);
        } finally {
          await context.close();
        }
      }
    });

    reportIt('tells a role without statistics, and a period backwards, what is wrong', async () => {
      const context = await browser!.newContext({ locale: 'de-DE' });
      try {
        const { page, requests } = await openPage(context);
        await page.goto(`${origin}/report`);
        await page.selectOption('#dev-role', 'coach@klausenhof');
        await page.click('#dev-token button[type=submit]');
        await page.locator('#status.error').waitFor();
        expect(await page.locator('#status').textContent()).toMatch(
          /could not be loaded: .*The report is for analysts and Kreis Wesel caseworkers/,
        );
        expect(await page.locator('#figures').isHidden()).toBe(true);

        await page.click('#sign-out');
        await page.selectOption('#dev-role', 'analyst@kreis');
        await page.click('#dev-token button[type=submit]');
        await page.locator('#figures:not([hidden])').waitFor();
        await page.fill('#from', '2023-01-01');
        await page.fill('#to', '2022-01-01');
        await page.click('#period button[type=submit]');
        await page.locator('#status', { hasText: 'The start date must not be after the end date.' }).waitFor();
        expect(otherOrigins(requests, origin)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });
});
