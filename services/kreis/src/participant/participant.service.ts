import { Brackets, type DataSource, type EntityManager, In, LessThan, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { type RegistryScope } from '../access';
import { whereInScope } from './registry-scope';
import { ConsentEntity } from '../consent/consent.entity';
import { MAX_AGE, MIN_AGE, PROGRAMME_END, PROGRAMME_START } from '../programme';
import {
  ageOn,
  ConflictError,
  ForbiddenError,
  formatId,
  insertInChunks,
  inTransaction,
  keysetPage,
  newRecordKey,
  nextNumber,
  NotFoundError,
  type Page,
  purgeErasedValues,
  requireNotBefore,
  requireText,
  todayIso,
  ValidationError,
  withNumberRetry,
} from '@durchstarten/kit';
import { type ProviderRegistry, ReferralStatus } from '@durchstarten/contracts';
import type { MunicipalityService } from '../municipality/municipality.service';
import { ReferralEntity } from '../referral/referral.entity';
import { ParticipantEntity } from './participant.entity';
import type { ParticipantCriteria, RegisterParticipantCommand, UpdateParticipantCommand } from './participant.commands';
import { ExitReason, ParticipationStatus } from './participant.enums';

const ID_WIDTH = 4;
/** Filters analysts may not use; module and providerId stay. */
const REPORTING_REFUSED_FILTERS = ['municipalityId', 'residenceStatus', 'status', 'enteredFrom', 'enteredTo'] as const;

/** Registry rules for participants: eligibility, exits, erasure, and the filtered list. */
export class ParticipantService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly municipalities: MunicipalityService,
    private readonly providers: ProviderRegistry,
  ) {}

  async findByIds(ids: readonly string[], scope: RegistryScope = { kind: 'all' }): Promise<ParticipantEntity[]> {
    const query = this.dataSource
      .getRepository(ParticipantEntity)
      .createQueryBuilder('p')
      .where('p.id IN (:...ids)', { ids: [...ids] });
    return whereInScope(query, 'p.id', scope).getMany();
  }

  async require(id: string, manager: EntityManager = this.dataSource.manager): Promise<ParticipantEntity> {
    const participant = await manager.findOneBy(ParticipantEntity, { id });
    if (!participant) throw new NotFoundError('Participant', id);
    return participant;
  }

  async register(input: RegisterParticipantCommand): Promise<ParticipantEntity> {
    this.checkEligibility(input.birthDate, input.enteredOn, input.municipalityId);
    return withNumberRetry(() =>
      inTransaction(this.dataSource, async (manager) => {
        const number = await nextNumber(manager, ParticipantEntity);
        const participant = manager.create(ParticipantEntity, {
          id: formatId('TN', number, ID_WIDTH),
          number,
          givenName: requireText(input.givenName, 'givenName'),
          familyName: requireText(input.familyName, 'familyName'),
          birthDate: input.birthDate,
          birthYear: Number(input.birthDate.slice(0, 4)),
          gender: input.gender,
          residenceStatus: input.residenceStatus,
          municipalityId: input.municipalityId,
          enteredOn: input.enteredOn,
          exitedOn: null,
          exitReason: null,
          erasedOn: null,
          recordKey: newRecordKey(),
        });
        await manager.insert(ParticipantEntity, participant);
        return participant;
      }),
    );
  }

  async update(id: string, input: UpdateParticipantCommand): Promise<ParticipantEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const participant = await this.require(id, manager);
      if (participant.erasedOn) throw new ConflictError(`Participant ${id} was erased and cannot be changed.`);
      const next = { ...participant };
      for (const key of Object.keys(input) as (keyof UpdateParticipantCommand)[]) {
        const value = input[key];
        if (value === null) throw new ValidationError(`"${key}" cannot be cleared; omit it to keep the current value.`, key);
        if (value !== undefined)
          (next as Record<string, unknown>)[key] = key === 'givenName' || key === 'familyName' ? requireText(value, key) : value;
      }
      this.checkEligibility(next.birthDate!, next.enteredOn, next.municipalityId);
      requireNotBefore(next.exitedOn, next.enteredOn, 'exitedOn', 'enteredOn');
      if (next.enteredOn > participant.enteredOn) await this.requireNothingBefore(manager, id, next.enteredOn);
      next.birthYear = Number(next.birthDate!.slice(0, 4));
      await manager.save(ParticipantEntity, next);
      return next;
    });
  }

  /** Ends participation; open referrals end on the same day, in the same transaction. */
  async exit(id: string, exitedOn: string, reason: ExitReason): Promise<ParticipantEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const participant = await this.require(id, manager);
      if (participant.exitedOn) throw new ConflictError(`Participant ${id} already exited on ${participant.exitedOn}.`);
      requireNotBefore(exitedOn, participant.enteredOn, 'exitedOn', 'enteredOn');
      if (exitedOn > todayIso()) throw new ValidationError('exitedOn must not be in the future.', 'exitedOn');
      const open = await manager.findBy(ReferralEntity, {
        participantId: id,
        status: In([ReferralStatus.REFERRED, ReferralStatus.ACTIVE]),
      });
      for (const referral of open) {
        const latest = referral.startedOn ?? referral.referredOn;
        if (latest > exitedOn) {
          throw new ValidationError(
            `exitedOn (${exitedOn}) lies before referral ${referral.id} was ${referral.startedOn ? 'started' : 'made'} (${latest}).`,
            'exitedOn',
          );
        }
        referral.status = referral.status === ReferralStatus.ACTIVE ? ReferralStatus.COMPLETED : ReferralStatus.CANCELLED;
        referral.endedOn = exitedOn;
        await manager.save(ReferralEntity, referral);
      }
      participant.exitedOn = exitedOn;
      participant.exitReason = reason;
      await manager.save(ParticipantEntity, participant);
      return participant;
    });
  }

  /** Removes the personal fields; the pseudonymous record stays so that counts remain right. */
  async erase(id: string): Promise<string[]> {
    const erased = await inTransaction(this.dataSource, async (manager) => {
      const participant = await this.require(id, manager);
      const present = (['givenName', 'familyName', 'birthDate'] as const).filter((field) => participant[field] != null);
      if (present.length === 0) return [];
      await manager.update(ParticipantEntity, { id }, { givenName: null, familyName: null, birthDate: null, erasedOn: todayIso() });
      return present;
    });
    if (erased.length) await purgeErasedValues(this.dataSource);
    return erased;
  }

  async page(
    filter: ParticipantCriteria = {},
    first?: number | null,
    after?: string | null,
    scope: RegistryScope = { kind: 'all' },
  ): Promise<Page<ParticipantEntity>> {
    this.checkFilter(filter);
    if (scope.kind === 'reporting') this.checkReportingFilter(filter);
    return keysetPage(whereInScope(this.filtered(filter, scope), 'p.id', scope), {
      column: 'p.number',
      keyOf: (row) => row.number,
      numericKey: true,
      first,
      after,
    });
  }

  /** Inserts seed rows inside the caller's transaction: a seed loads an organisation's whole part or nothing. */
  async importMany(
    rows: Array<Omit<ParticipantEntity, 'number' | 'birthYear' | 'erasedOn' | 'recordKey'>>,
    manager: EntityManager,
  ): Promise<void> {
    const entities = rows.map((row) => ({
      ...row,
      number: Number(row.id.replace(/^TN-/, '')),
      birthYear: Number(row.birthDate!.slice(0, 4)),
      erasedOn: null,
      recordKey: newRecordKey(),
    }));
    await insertInChunks(manager, ParticipantEntity, entities, 13);
  }

  private filtered(filter: ParticipantCriteria, scope: RegistryScope): SelectQueryBuilder<ParticipantEntity> {
    return whereParticipantMatches(this.dataSource.getRepository(ParticipantEntity).createQueryBuilder('p'), filter, scope);
  }

  /** A later entry date must not leave a referral or consent dated before it. */
  private async requireNothingBefore(manager: EntityManager, participantId: string, enteredOn: string): Promise<void> {
    const referral = await manager.findOne(ReferralEntity, { where: { participantId, referredOn: LessThan(enteredOn) } });
    if (referral)
      throw new ValidationError(
        `enteredOn (${enteredOn}) lies after referral ${referral.id} was made (${referral.referredOn}).`,
        'enteredOn',
      );
    const consent = await manager.findOne(ConsentEntity, { where: { participantId, grantedOn: LessThan(enteredOn) } });
    if (consent)
      throw new ValidationError(
        `enteredOn (${enteredOn}) lies after consent ${consent.id} was granted (${consent.grantedOn}).`,
        'enteredOn',
      );
  }

  /** Rejects a filter naming an unknown municipality or provider, or entry dates in the wrong order. */
  checkFilter(filter: ParticipantCriteria): void {
    if (filter.municipalityId) this.municipalities.require(filter.municipalityId, 'filter.municipalityId');
    if (filter.providerId) this.providers.require(filter.providerId, 'filter.providerId');
    if (filter.enteredFrom && filter.enteredTo)
      requireNotBefore(filter.enteredTo, filter.enteredFrom, 'filter.enteredTo', 'filter.enteredFrom');
  }

  /**
   * A filter on a quasi-identifier would tell analysts the exact municipality or
   * date, or a value withheld from them, of every row it returns.
   */
  private checkReportingFilter(filter: ParticipantCriteria): void {
    const refused = REPORTING_REFUSED_FILTERS.filter((field) => filter[field] != null);
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

/** Narrows a query over participants (alias `p`) to those matching `filter`; also used by the statistics. */
export function whereParticipantMatches<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  filter: ParticipantCriteria,
  scope: RegistryScope,
): SelectQueryBuilder<T> {
  if (filter.municipalityId) query.andWhere('p.municipality_id = :municipalityId', { municipalityId: filter.municipalityId });
  if (filter.residenceStatus) query.andWhere('p.residence_status = :residenceStatus', { residenceStatus: filter.residenceStatus });
  if (filter.status === ParticipationStatus.ACTIVE) query.andWhere('p.exited_on IS NULL');
  if (filter.status === ParticipationStatus.EXITED) query.andWhere('p.exited_on IS NOT NULL');
  if (filter.enteredFrom) query.andWhere('p.entered_on >= :enteredFrom', { enteredFrom: filter.enteredFrom });
  if (filter.enteredTo) query.andWhere('p.entered_on <= :enteredTo', { enteredTo: filter.enteredTo });
  if (filter.providerId || filter.module) {
    query.andWhere(
      new Brackets((where) => {
        const conditions = ['r.participant_id = p.id'];
        if (filter.providerId) conditions.push('r.provider_id = :providerId');
        if (filter.module) conditions.push('r.module = :module');
        // A provider's staff filter within the referrals they may see: their own provider's.
        if (scope.kind === 'provider') conditions.push('r.provider_id = :ownProvider');
        where.where(`EXISTS (SELECT 1 FROM referral r WHERE ${conditions.join(' AND ')})`, {
          providerId: filter.providerId,
          module: filter.module,
          ownProvider: scope.kind === 'provider' ? scope.providerId : undefined,
        });
      }),
    );
  }
  return query;
}
