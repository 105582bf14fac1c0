import {
  ageOn,
  ConflictError,
  ForbiddenError,
  formatId,
  newRecordKey,
  NotFoundError,
  type Page,
  requireNotBefore,
  requireText,
  todayIso,
  ValidationError,
} from '@durchstarten/kit';
import { type ProviderRegistry, ReferralStatus } from '@durchstarten/contracts';
import type { RegistryScope } from '../access';
import type { MunicipalityService } from '../municipality/municipality.service';
import { MAX_AGE, MIN_AGE, PROGRAMME_END, PROGRAMME_START } from '../programme';
import type { RegistryRepositories } from '../registry.repository';
import type { ParticipantCriteria, RegisterParticipantCommand, UpdateParticipantCommand } from './participant.commands';
import type { ParticipantEntity } from './participant.entity';
import type { ExitReason } from './participant.enums';

const ID_WIDTH = 4;
/** Filters analysts may not use; module and providerId stay. */
const REPORTING_REFUSED_FILTERS = ['municipalityId', 'residenceStatus', 'status', 'enteredFrom', 'enteredTo'] as const;

/** Registry rules for participants: eligibility, exits, erasure, and the filtered list. */
export class ParticipantService {
  constructor(
    private readonly registry: RegistryRepositories,
    private readonly municipalities: MunicipalityService,
    private readonly providers: ProviderRegistry,
  ) {}

  findByIds(ids: readonly string[], scope: RegistryScope = { kind: 'all' }): Promise<ParticipantEntity[]> {
    return this.registry.participants.findByIds(ids, scope);
  }

  async register(command: RegisterParticipantCommand): Promise<ParticipantEntity> {
    this.checkEligibility(command.birthDate, command.enteredOn, command.municipalityId);
    return this.registry.transaction(async ({ participants }) => {
      const number = await participants.takeNumber();
      return participants.insert({
        id: formatId('TN', number, ID_WIDTH),
        number,
        givenName: requireText(command.givenName, 'givenName'),
        familyName: requireText(command.familyName, 'familyName'),
        birthDate: command.birthDate,
        birthYear: Number(command.birthDate.slice(0, 4)),
        gender: command.gender,
        residenceStatus: command.residenceStatus,
        municipalityId: command.municipalityId,
        enteredOn: command.enteredOn,
        exitedOn: null,
        exitReason: null,
        erasedOn: null,
        recordKey: newRecordKey(),
      });
    });
  }

  async update(id: string, command: UpdateParticipantCommand): Promise<ParticipantEntity> {
    return this.registry.transaction(async (registry) => {
      const participant = await requireParticipant(registry, id);
      if (participant.erasedOn) throw new ConflictError(`Participant ${id} was erased and cannot be changed.`);
      const next = { ...participant };
      for (const key of Object.keys(command) as (keyof UpdateParticipantCommand)[]) {
        const value = command[key];
        if (value === null) throw new ValidationError(`"${key}" cannot be cleared; omit it to keep the current value.`, key);
        if (value !== undefined)
          (next as Record<string, unknown>)[key] = key === 'givenName' || key === 'familyName' ? requireText(value, key) : value;
      }
      this.checkEligibility(next.birthDate!, next.enteredOn, next.municipalityId);
      requireNotBefore(next.exitedOn, next.enteredOn, 'exitedOn', 'enteredOn');
      if (next.enteredOn > participant.enteredOn) await requireNothingBefore(registry, id, next.enteredOn);
      next.birthYear = Number(next.birthDate!.slice(0, 4));
      await registry.participants.save(next);
      return next;
    });
  }

  /** Ends participation; open referrals end on the same day, in the same transaction. */
  async exit(id: string, exitedOn: string, reason: ExitReason): Promise<ParticipantEntity> {
    return this.registry.transaction(async (registry) => {
      const participant = await requireParticipant(registry, id);
      if (participant.exitedOn) throw new ConflictError(`Participant ${id} already exited on ${participant.exitedOn}.`);
      requireNotBefore(exitedOn, participant.enteredOn, 'exitedOn', 'enteredOn');
      if (exitedOn > todayIso()) throw new ValidationError('exitedOn must not be in the future.', 'exitedOn');
      for (const referral of await registry.referrals.findOpen(id)) {
        const latest = referral.startedOn ?? referral.referredOn;
        if (latest > exitedOn) {
          throw new ValidationError(
            `exitedOn (${exitedOn}) lies before referral ${referral.id} was ${referral.startedOn ? 'started' : 'made'} (${latest}).`,
            'exitedOn',
          );
        }
        referral.status = referral.status === ReferralStatus.ACTIVE ? ReferralStatus.COMPLETED : ReferralStatus.CANCELLED;
        referral.endedOn = exitedOn;
        await registry.referrals.save(referral);
      }
      participant.exitedOn = exitedOn;
      participant.exitReason = reason;
      await registry.participants.save(participant);
      return participant;
    });
  }

  /** Removes the personal fields; the pseudonymous record stays so that counts remain right. */
  async erase(id: string): Promise<string[]> {
    const erased = await this.registry.transaction(async (registry) => {
      const participant = await requireParticipant(registry, id);
      const present = (['givenName', 'familyName', 'birthDate'] as const).filter((field) => participant[field] != null);
      if (present.length === 0) return [];
      await registry.participants.erasePersonalFields(id, todayIso());
      return present;
    });
    if (erased.length) await this.registry.purgeErasedValues();
    return erased;
  }

  async page(
    criteria: ParticipantCriteria = {},
    first?: number | null,
    after?: string | null,
    scope: RegistryScope = { kind: 'all' },
  ): Promise<Page<ParticipantEntity>> {
    this.checkFilter(criteria);
    if (scope.kind === 'reporting') this.checkReportingFilter(criteria);
    return this.registry.participants.page(criteria, scope, first, after);
  }

  /** Inserts seed rows within the seed's transaction (`registry`): a seed loads an organisation's whole part or nothing. */
  async importMany(
    rows: Array<Omit<ParticipantEntity, 'number' | 'birthYear' | 'erasedOn' | 'recordKey'>>,
    registry: RegistryRepositories,
  ): Promise<void> {
    await registry.participants.insertMany(
      rows.map((row) => ({
        ...row,
        number: Number(row.id.replace(/^TN-/, '')),
        birthYear: Number(row.birthDate!.slice(0, 4)),
        erasedOn: null,
        recordKey: newRecordKey(),
      })),
    );
  }

  /** Rejects a filter naming an unknown municipality or provider, or entry dates in the wrong order. */
  checkFilter(criteria: ParticipantCriteria): void {
    if (criteria.municipalityId) this.municipalities.require(criteria.municipalityId, 'filter.municipalityId');
    if (criteria.providerId) this.providers.require(criteria.providerId, 'filter.providerId');
    if (criteria.enteredFrom && criteria.enteredTo)
      requireNotBefore(criteria.enteredTo, criteria.enteredFrom, 'filter.enteredTo', 'filter.enteredFrom');
  }

  /**
   * A filter on a quasi-identifier would tell analysts the exact municipality or
   * date, or a value withheld from them, of every row it returns.
   */
  private checkReportingFilter(criteria: ParticipantCriteria): void {
    const refused = REPORTING_REFUSED_FILTERS.filter((field) => criteria[field] != null);
    if (refused.length > 0) {
      throw new ForbiddenError(
        `Analysts may not filter by ${refused.map((field) => `filter.${field}`).join(', ')}: it would reveal quasi-identifiers withheld from them.`,
      );
    }
  }

  private checkEligibility(birthDate: string, enteredOn: string, municipalityId: string): void {
    this.municipalities.require(municipalityId);
    if (enteredOn < PROGRAMME_START || enteredOn > PROGRAMME_END) {
      throw new ValidationError(`enteredOn must lie within the programme, ${PROGRAMME_START} to ${PROGRAMME_END}.`, 'enteredOn');
    }
    if (birthDate >= enteredOn) throw new ValidationError('birthDate must be before enteredOn.', 'birthDate');
    const age = ageOn(birthDate, enteredOn);
    if (age < MIN_AGE || age > MAX_AGE) {
      throw new ValidationError(
        `Not eligible: participants must be ${MIN_AGE} to ${MAX_AGE} years old on the entry date (enteredOn); this birthDate gives ${age}.`,
        'birthDate',
      );
    }
  }
}

/** The participant, read within the caller's transaction (`registry`); NOT_FOUND when there is none. */
export async function requireParticipant(registry: RegistryRepositories, id: string): Promise<ParticipantEntity> {
  const participant = await registry.participants.findById(id);
  if (!participant) throw new NotFoundError('Participant', id);
  return participant;
}

/** A later entry date must not leave a referral or consent dated before it. */
async function requireNothingBefore(registry: RegistryRepositories, participantId: string, enteredOn: string): Promise<void> {
  const referral = await registry.referrals.findOneReferredBefore(participantId, enteredOn);
  if (referral)
    throw new ValidationError(
      `enteredOn (${enteredOn}) lies after referral ${referral.id} was made (${referral.referredOn}).`,
      'enteredOn',
    );
  const consent = await registry.consents.findOneGrantedBefore(participantId, enteredOn);
  if (consent)
    throw new ValidationError(`enteredOn (${enteredOn}) lies after consent ${consent.id} was granted (${consent.grantedOn}).`, 'enteredOn');
}
