/**
 * Deterministic synthetic world for the Durchstarten graph.
 *
 * `generateWorld` builds one consistent world (participants, referrals,
 * consents, provider case files, agency placements) from a fixed random seed.
 * It is pure: no database, no I/O, no clock, no Math.random. Each
 * organisation's seeder loads only its own part of the world.
 *
 * Proportions follow the programme's published figures (docs/architecture.md section 1).
 * Headline proportions (gender, residence status, modules, outcomes) are
 * drawn as exact quotas that are shuffled by the seeded PRNG, so every world
 * has the same shape while who gets what differs per seed.
 *
 * Every person, employer and note is synthetic.
 */
import { ProviderRegistry, providerRegistryPath } from '@durchstarten/contracts';
import {
  CertificateKind,
  CoachingTopic,
  CourseKind,
  EnrolmentStatus,
  ExamResult,
  LanguageLevel,
  Module,
  PlacementKind,
  ReferralStatus,
} from '@durchstarten/contracts';
import { ConsentScope, ExitReason, Gender, ResidenceStatus } from '@durchstarten/kreis';
import { Office } from '@durchstarten/agentur';
import { MAX_AGE, MIN_AGE, PROGRAMME_END } from '@durchstarten/kreis';
import { numberPlacements } from './agentur-part';
import { generateConsents, generateParticipants } from './kreis-part';
import { addCertificates } from './provider-certificates';
import { addProviderRows, type ProviderRef, providerIndexByBank, setUpProviders } from './provider-part';
import { drawQuotas } from './quotas';
import { mulberry32 } from './random';

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

export interface WorldOptions {
  /** Number of participants; default 380. */
  participants?: number;
  /** PRNG seed; default 20211101. */
  seed?: number;
  /** Provider registry; default: the registry file (PROVIDER_REGISTRY, else services/kreis/providers.json). Read-only arrays are accepted. */
  providers?: readonly { id: string; bank: 'LEFT' | 'RIGHT' }[];
}

export interface World {
  seed: number;
  participants: WorldParticipant[];
  referrals: WorldReferral[];
  consents: WorldConsent[];
  /** Key = provider id; one entry per provider, even if empty. */
  providers: Record<string, ProviderWorld>;
  placements: WorldPlacement[];
}

export interface WorldParticipant {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  gender: Gender;
  residenceStatus: ResidenceStatus;
  municipalityId: string;
  enteredOn: string;
  exitedOn: string | null;
  exitReason: ExitReason | null;
}

export interface WorldReferral {
  id: string;
  participantId: string;
  providerId: string;
  module: Module;
  referredOn: string;
  startedOn: string | null;
  endedOn: string | null;
  status: ReferralStatus;
}

export interface WorldConsent {
  id: string;
  participantId: string;
  scope: ConsentScope;
  grantedOn: string;
  withdrawnOn: string | null;
}

export interface ProviderWorld {
  courses: WorldCourse[];
  cases: WorldCase[];
  coachingSessions: WorldCoachingSession[];
  enrolments: WorldEnrolment[];
  certificates: WorldCertificate[];
  internships: WorldInternship[];
}

export interface WorldCourse {
  id: string;
  title: string;
  kind: CourseKind;
  module: Module;
  startsOn: string;
  endsOn: string;
}

export interface WorldCase {
  id: string;
  participantId: string;
  module: Module;
  openedOn: string;
  closedOn: string | null;
}

export interface WorldCoachingSession {
  id: string;
  caseId: string;
  heldOn: string;
  durationMinutes: number;
  topic: CoachingTopic;
  notes: string;
}

export interface WorldEnrolment {
  id: string;
  caseId: string;
  courseId: string;
  enrolledOn: string;
  completedOn: string | null;
  status: EnrolmentStatus;
}

export interface WorldCertificate {
  id: string;
  caseId: string;
  kind: CertificateKind;
  title: string;
  level: LanguageLevel | null;
  result: ExamResult | null;
  issuedOn: string;
}

export interface WorldInternship {
  id: string;
  caseId: string;
  employer: string;
  occupation: string;
  startsOn: string;
  endsOn: string;
}

export interface WorldPlacement {
  id: string;
  participantId: string;
  kind: PlacementKind;
  office: Office;
  employerName: string;
  kldbCode: string;
  occupationTitle: string;
  startsOn: string;
  endsOn: string | null;
}

export const DEFAULT_PARTICIPANTS = 380;
export const DEFAULT_SEED = 20211101;
export { FIRST_ENTRY, LAST_ENTRY } from './period';
// The programme ended on PROGRAMME_END; nothing in the world happens later (except planned placement ends).
export { MAX_AGE, MIN_AGE, PROGRAMME_END };

// ---------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------

function resolveProviders(options: WorldOptions): ProviderRef[] {
  const list = options.providers ?? ProviderRegistry.fromFile(providerRegistryPath()).providers;
  if (!Array.isArray(list) || list.length === 0) throw new Error('generateWorld: at least one provider is required');
  const seen = new Set<string>();
  for (const p of list) {
    if (!p || typeof p.id !== 'string' || p.id.length === 0) throw new Error('generateWorld: provider without id');
    if (p.bank !== 'LEFT' && p.bank !== 'RIGHT') throw new Error(`generateWorld: provider ${p.id} has invalid bank ${String(p.bank)}`);
    if (seen.has(p.id)) throw new Error(`generateWorld: duplicate provider id ${p.id}`);
    seen.add(p.id);
  }
  return list.map((p) => ({ id: p.id, bank: p.bank }));
}

/** The steps draw from one PRNG in a fixed order; reordering them changes every world. */
export function generateWorld(options: WorldOptions = {}): World {
  const n = options.participants ?? DEFAULT_PARTICIPANTS;
  if (!Number.isInteger(n) || n < 0) throw new Error(`generateWorld: participants must be a non-negative integer, got ${n}`);
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isFinite(seed)) throw new Error(`generateWorld: seed must be a finite number, got ${seed}`);
  const providerRefs = resolveProviders(options);
  const rng = mulberry32(Math.floor(seed) >>> 0);

  const providers = setUpProviders(rng, providerRefs, n);
  const providerByBank = providerIndexByBank(providers, n);
  const quotas = drawQuotas(rng, n);
  const people = generateParticipants(rng, quotas, providers, providerByBank);
  const completedEnrolments = addProviderRows(rng, providers, people.cases, quotas, people.mainJobs);
  addCertificates(rng, providers, people.cases, completedEnrolments, quotas);
  const placements = numberPlacements(people.pendingPlacements);
  const consents = generateConsents(rng, people.participants, people.enteredDays);

  const providerWorlds: Record<string, ProviderWorld> = {};
  for (const p of providers) providerWorlds[p.ref.id] = p.world;

  return {
    seed,
    participants: people.participants,
    referrals: people.referrals,
    consents,
    providers: providerWorlds,
    placements,
  };
}
