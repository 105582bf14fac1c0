/**
 * The raw SQL floor of the benchmark: the journeys the graph serves, read straight from the four databases with hand-written
 * SQL behind node:http (no GraphQL, ORM or framework), so what the graph costs shows as the gap above this.
 * Env: PORT, KREIS_/KLAUSENHOF_/FACHWERK_/AGENTUR_DATABASE_URL (sqlite:/abs/path or mysql://user@host:port/db).
 * GET /ready; POST /a {first, after} journey page, /b {id} one journey, /c {first, after} analyst export, /d {provider, sessions}.
 * A page costs a constant number of statements: the page, referrals, placements, and per provider its cases and four record tables.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createPool } from 'mysql2/promise';
import { MAX_PAGE_SIZE } from '@durchstarten/kit';

type Row = Record<string, any>;
type Body = Record<string, unknown>;

/** What the scenarios need from a database, in either dialect. */
interface Db {
  all(sql: string, params: unknown[]): Promise<Row[]>;
  insertMany(table: string, columns: string[], rows: unknown[][]): Promise<void>;
  close(): Promise<unknown>;
}

// better-sqlite3 ships no types and @types/better-sqlite3 is not installed: the few calls used here, typed by hand.
type SqliteStatement = { all(...params: unknown[]): Row[]; run(...params: unknown[]): unknown };
type SqliteDatabase = {
  exec(sql: string): unknown;
  prepare(sql: string): SqliteStatement;
  transaction(work: () => void): () => void;
  close(): void;
};
const Sqlite = require('better-sqlite3') as new (path: string, options: { fileMustExist: boolean }) => SqliteDatabase;

const marks = (count: number) => Array(count).fill('?').join(', ');

class BadRequest extends Error {}

function openSqlite(path: string): Db {
  // Not readonly: /d writes. busy_timeout first, so a service holding the file makes us wait rather than fail.
  const db = new Sqlite(path, { fileMustExist: true });
  // foreign_keys as the services open it, so /d pays the same checks.
  // The same settings as the services' connections (services/kit/src/db.ts).
  db.exec('PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON');
  // Statements are prepared once per SQL text; IN lists of a new length make a new text, hence the bound.
  const statements = new Map<string, SqliteStatement>();
  const prepare = (sql: string) => {
    if (statements.size >= 2000) statements.clear();
    return statements.get(sql) ?? statements.set(sql, db.prepare(sql)).get(sql)!;
  };
  return {
    all: async (sql, params) => prepare(sql).all(...params),
    insertMany: async (table, columns, rows) => {
      const insert = prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${marks(columns.length)})`);
      db.transaction(() => rows.forEach((row) => insert.run(...row)))();
    },
    close: async () => db.close(),
  };
}

function openMysql(url: string): Db {
  // Same pool size and date handling as the services' TypeORM connection (services/kit/src/db.ts).
  const pool = createPool({
    uri: url.replace(/^mariadb:/, 'mysql:'),
    connectionLimit: 10,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: true,
  });
  return {
    // query(), not execute(): IN lists vary in length, and server-side prepared statements per length would pile up.
    all: async (sql, params) => (await pool.query(sql, params))[0] as Row[],
    // One multi-row INSERT is atomic on InnoDB: all sessions or none, in one round trip.
    insertMany: async (table, columns, rows) => void (await pool.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [rows])),
    close: () => pool.end(),
  };
}

/** A misconfigured database ends the process at start with one line naming the variable, not a stack trace. */
function open(organisation: string): Db {
  const name = `${organisation.toUpperCase()}_DATABASE_URL`;
  const url = process.env[name] ?? '';
  try {
    if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
    if (/^(mysql|mariadb):\/\//.test(url)) return openMysql(url);
    throw new Error('must be sqlite:<path> or mysql://user@host:port/db');
  } catch (error) {
    process.stderr.write(`sql-floor: ${name}: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

const kreis = open('kreis');
const agentur = open('agentur');
const providers = new Map(['klausenhof', 'fachwerk'].map((id) => [id, open(id)]));
const databases = [kreis, agentur, ...providers.values()];

/** Runs `sql` with its `(?*)` expanded to one placeholder per id; no statement at all for no ids. */
function selectIn(db: Db, sql: string, ids: string[]): Promise<Row[]> {
  return ids.length === 0 ? Promise.resolve([]) : db.all(sql.replace('(?*)', `(${marks(ids.length)})`), ids);
}

/** Rows by their `k` column, which is dropped; the order of `rows` is kept. */
function groupByK(rows: Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const { k, ...row } of rows) {
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/**
 * Viewers as the graph treats them. A caseworker sees names, follows Referral.case only with an active PROVIDER_EXCHANGE
 * consent and sees placements only with AGENTUR_EXCHANGE (kreis referral.resolver.ts, agentur participant.resolver.ts);
 * the analyst sees only participants with an active REPORTING consent, every case and placement of theirs, but no
 * names, employers or dates. The consent flags ride along in the page query. The floor leaves out the graph's one
 * suppression statement per analyst request (kreis reporting.service.ts) and its coarsening.
 */
type Viewer = 'caseworker' | 'analyst';
const consented = (scope: string) =>
  `EXISTS (SELECT 1 FROM consent c WHERE c.participant_id = p.id AND c.scope = '${scope}' AND c.withdrawn_on IS NULL)`;
const PARTICIPANTS: Record<Viewer, string> = {
  caseworker: `SELECT p.id, p.number, p.given_name AS givenName, p.family_name AS familyName, p.birth_year AS birthYear,
    p.municipality_id AS municipalityId, ${consented('PROVIDER_EXCHANGE')} AS caseConsent, ${consented('AGENTUR_EXCHANGE')} AS agencyConsent
    FROM participant p`,
  analyst: `SELECT p.id, p.number, p.birth_year AS birthYear, p.municipality_id AS municipalityId, 1 AS caseConsent, 1 AS agencyConsent
    FROM participant p`,
};
const ROWS_OF: Record<Viewer, string> = { caseworker: '', analyst: `${consented('REPORTING')} AND ` };

const REFERRALS = `SELECT participant_id AS k, id, module, status, provider_id AS providerId, started_on AS startedOn
  FROM referral WHERE participant_id IN (?*) ORDER BY number`;
const placementSql = (analyst: boolean) => `SELECT participant_id AS k, id, kind, office,
  ${analyst ? '' : 'employer_name AS employerName, '}kldb_code AS kldbCode, occupation_title AS occupationTitle
  ${analyst ? '' : ', starts_on AS startsOn, ends_on AS endsOn'} FROM placement WHERE participant_id IN (?*) ORDER BY number`;
/** A provider's cases, then its four kinds of record keyed by case id, each in the order RecordsService reads them. */
const caseSql = (analyst: boolean) => [
  'SELECT id AS k FROM provider_case WHERE id IN (?*)',
  `SELECT case_id AS k, id, ${analyst ? '' : 'held_on AS heldOn, '}duration_minutes AS durationMinutes, topic
    FROM coaching_session WHERE case_id IN (?*) ORDER BY held_on, id`,
  `SELECT e.case_id AS k, e.id, e.status, c.id AS courseId, c.title AS courseTitle, c.module AS courseModule
    FROM course_enrolment e JOIN course c ON c.id = e.course_id WHERE e.case_id IN (?*) ORDER BY e.enrolled_on, e.id`,
  `SELECT case_id AS k, id, kind, title, level, result${analyst ? '' : ', issued_on AS issuedOn'}
    FROM certificate WHERE case_id IN (?*) ORDER BY issued_on, id`,
  `SELECT case_id AS k, id, ${analyst ? 'occupation' : 'employer, occupation, starts_on AS startsOn, ends_on AS endsOn'}
    FROM internship WHERE case_id IN (?*) ORDER BY starts_on, id`,
];

/** The whole journey of each participant row, nested as the graph returns it, in the rows' order. */
async function journeys(people: Row[], viewer: Viewer): Promise<Row[]> {
  const analyst = viewer === 'analyst';
  const ids = people.map((p) => p.id);
  const agencyConsent = people.filter((p) => p.agencyConsent).map((p) => p.id);
  const [referrals, placements] = await Promise.all([
    selectIn(kreis, REFERRALS, ids),
    selectIn(agentur, placementSql(analyst), agencyConsent),
  ]);

  // A case has its referral's id (the provider opens it under the referral id), so the referrals give the case ids
  // and all five provider queries run at once. Referral.case is null until the referral has started.
  const caseConsent = new Set(people.filter((p) => p.caseConsent).map((p) => p.id));
  const followed = referrals.filter((r) => r.startedOn && caseConsent.has(r.k));
  const cases = new Map<string, Row>();
  await Promise.all(
    [...providers].map(async ([providerId, db]) => {
      const caseIds = followed.filter((r) => r.providerId === providerId).map((r) => r.id);
      const [found, ...records] = await Promise.all(caseSql(analyst).map((sql) => selectIn(db, sql, caseIds)));
      const [sessions, enrolments, certificates, internships] = records.map(groupByK);
      for (const { k: id } of found) {
        cases.set(id, {
          id,
          coachingSessions: sessions.get(id) ?? [],
          enrolments: (enrolments.get(id) ?? []).map((e) => ({
            id: e.id,
            status: e.status,
            course: { id: e.courseId, title: e.courseTitle, module: e.courseModule },
          })),
          certificates: certificates.get(id) ?? [],
          internships: internships.get(id) ?? [],
        });
      }
    }),
  );

  const referralsOf = groupByK(referrals);
  const placementsOf = groupByK(placements);
  return people.map((p) => ({
    id: p.id,
    ...(analyst ? {} : { givenName: p.givenName, familyName: p.familyName }),
    birthYear: p.birthYear,
    municipality: { id: p.municipalityId },
    referrals: (referralsOf.get(p.id) ?? []).map((r) => ({
      id: r.id,
      module: r.module,
      status: r.status,
      provider: { id: r.providerId },
      case: cases.get(r.id) ?? null,
    })),
    placements: (placementsOf.get(p.id) ?? []).map(({ kldbCode, occupationTitle, ...placement }) => ({
      ...placement,
      occupation: { kldbCode, title: occupationTitle },
    })),
  }));
}

/** Keyset paging on the running number, fetching one row more to learn hasNextPage; the cursor is the number itself. */
async function page(body: Body, viewer: Viewer) {
  const size = body.first ?? 50;
  const after = body.after ?? null;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE)
    throw new BadRequest(`"first" must be 0 to ${MAX_PAGE_SIZE}`);
  if (after !== null && !/^\d+$/.test(String(after))) throw new BadRequest('"after" must be a cursor from endCursor');
  const sql = `${PARTICIPANTS[viewer]} WHERE ${ROWS_OF[viewer]}p.number > ? ORDER BY p.number LIMIT ?`;
  const rows = await kreis.all(sql, [after === null ? -1 : Number(after), size + 1]);
  const people = rows.slice(0, size);
  const nodes = await journeys(people, viewer);
  return { nodes, endCursor: people.length ? String(people[people.length - 1].number) : null, hasNextPage: rows.length > size };
}

async function one(body: Body) {
  if (typeof body.id !== 'string') throw new BadRequest('"id" is required');
  const rows = await kreis.all(`${PARTICIPANTS.caseworker} WHERE p.id = ?`, [body.id]);
  return { participant: (await journeys(rows, 'caseworker'))[0] ?? null };
}

/** Columns and generated id as RecordsService.recordCoachingSessions writes them; its date and case checks are left out. */
async function recordSessions(body: Body) {
  const db = providers.get(body.provider as string);
  if (!db) throw new BadRequest(`"provider" must be one of ${[...providers.keys()].join(', ')}`);
  if (!Array.isArray(body.sessions) || body.sessions.length === 0) throw new BadRequest('"sessions" must be a non-empty list');
  const rows = body.sessions.map((s: Row | null, index) => {
    if (s?.caseId == null || s.heldOn == null || s.durationMinutes == null || s.topic == null)
      throw new BadRequest(`sessions[${index}] needs caseId, heldOn, durationMinutes and topic`);
    return [randomUUID(), s.caseId, s.heldOn, s.durationMinutes, s.topic, s.notes ?? null];
  });
  await db.insertMany('coaching_session', ['id', 'case_id', 'held_on', 'duration_minutes', 'topic', 'notes'], rows);
  return { ids: rows.map((row) => row[0]) };
}

const SCENARIOS: Record<string, (body: Body) => Promise<unknown>> = {
  '/a': (body) => page(body, 'caseworker'),
  '/b': one,
  '/c': (body) => page(body, 'analyst'),
  '/d': recordSessions,
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function readJson(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest('The body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequest('The body must be a JSON object');
  return body as Body;
}

let ready = false;
const server = createServer(async (req, res) => {
  try {
    if (req.method === 'GET' && req.url === '/ready') return send(res, ready ? 200 : 503, { status: ready ? 'ready' : 'starting' });
    const scenario = req.method === 'POST' ? SCENARIOS[req.url ?? ''] : undefined;
    if (!scenario) return send(res, 400, { message: `Unknown scenario: ${req.method} ${req.url}` });
    if (!ready) return send(res, 503, { message: 'The databases are not open yet' });
    send(res, 200, await scenario(await readJson(req)));
  } catch (error) {
    // Never crash: a failed request answers for itself (unless its client is gone already).
    if (!res.headersSent) send(res, error instanceof BadRequest ? 400 : 500, { message: (error as Error).message });
  }
});

async function stop(): Promise<void> {
  server.close();
  server.closeAllConnections(); // the load generator's keep-alive sockets would otherwise hold the server open
  await Promise.allSettled(databases.map((db) => db.close()));
  process.exit(0);
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

server.listen(Number(process.env.PORT ?? 4100), '127.0.0.1');
// The pools connect lazily: one trivial statement each proves every database answers before /ready says so.
Promise.all(databases.map((db) => db.all('SELECT 1', []))).then(
  () => (ready = true),
  (error: Error) => {
    process.stderr.write(`sql-floor: cannot open the databases: ${error.message}\n`);
    process.exit(1);
  },
);
