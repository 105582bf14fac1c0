import { Brackets, type DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import {
  ageOn,
  ConflictError,
  ExitReason,
  formatId,
  withNumberRetry,
  insertInChunks,
  nextNumber,
  keysetPage,
  NotFoundError,
  type Page,
  ReferralStatus,
  requireNotBefore,
  todayIso,
  ValidationError,
} from '../../../kit/src';
import type { MunicipalityService } from '../municipality/municipality.service';
import type { ProviderRegistry } from '../provider/provider.registry';
import { ReferralEntity } from '../referral/referral.entity';
import { ParticipantEntity } from './participant.entity';
import {
  ParticipationStatus,
  type ParticipantFilter,
  type RegisterParticipantInput,
  type UpdateParticipantInput,
} from './participant.type';

export const MIN_AGE = 18;
export const MAX_AGE = 27;
const ID_WIDTH = 4;

/** Registry rules for participants: eligibility, exits, erasure, and the filtered list. */
export class ParticipantService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly municipalities: MunicipalityService,
    private readonly providers: ProviderRegistry,
  ) {}

  async findByIds(ids: readonly string[]): Promise<ParticipantEntity[]> {
    return this.dataSource.getRepository(ParticipantEntity).findBy({ id: In([...ids]) });
  }

  async require(id: string, manager: EntityManager = this.dataSource.manager): Promise<ParticipantEntity> {
    const participant = await manager.findOneBy(ParticipantEntity, { id });
    if (!participant) throw new NotFoundError('Participant', id);
    return participant;
  }

  async register(input: RegisterParticipantInput): Promise<ParticipantEntity> {
    this.checkEligibility(input.birthDate, input.enteredOn, input.municipalityId);
    return withNumberRetry(() =>
      this.dataSource.transaction(async (manager) => {
        const number = await nextNumber(manager, ParticipantEntity);
        const participant = manager.create(ParticipantEntity, {
          id: formatId('TN', number, ID_WIDTH),
          number,
          givenName: input.givenName.trim(),
          familyName: input.familyName.trim(),
          birthDate: input.birthDate,
          birthYear: Number(input.birthDate.slice(0, 4)),
          gender: input.gender,
          residenceStatus: input.residenceStatus,
          municipalityId: input.municipalityId,
          enteredOn: input.enteredOn,
          exitedOn: null,
          exitReason: null,
          erasedOn: null,
        });
        await manager.insert(ParticipantEntity, participant);
        return participant;
      }),
    );
  }

  async update(id: string, input: UpdateParticipantInput): Promise<ParticipantEntity> {
    return this.dataSource.transaction(async (manager) => {
      const participant = await this.require(id, manager);
      if (participant.erasedOn) throw new ConflictError(`Participant ${id} was erased and cannot be changed.`);
      const next = { ...participant };
      for (const key of Object.keys(input) as (keyof UpdateParticipantInput)[]) {
        const value = input[key];
        if (value === null) throw new ValidationError(`"${key}" cannot be cleared; omit it to keep the current value.`, key);
        if (value !== undefined)
          (next as Record<string, unknown>)[key] =
            typeof value === 'string' && (key === 'givenName' || key === 'familyName') ? value.trim() : value;
      }
      this.checkEligibility(next.birthDate!, next.enteredOn, next.municipalityId);
      requireNotBefore(next.exitedOn, next.enteredOn, 'exitedOn', 'enteredOn');
      next.birthYear = Number(next.birthDate!.slice(0, 4));
      await manager.save(ParticipantEntity, next);
      return next;
    });
  }

  /** Ends participation; open referrals end on the same day, in the same transaction. */
  async exit(id: string, exitedOn: string, reason: ExitReason): Promise<ParticipantEntity> {
    return this.dataSource.transaction(async (manager) => {
      const participant = await this.require(id, manager);
      if (participant.exitedOn) throw new ConflictError(`Participant ${id} already exited on ${participant.exitedOn}.`);
      requireNotBefore(exitedOn, participant.enteredOn, 'exitedOn', 'enteredOn');
      if (exitedOn > todayIso()) throw new ValidationError('exitedOn must not be in the future.', 'exitedOn');
      const open = await manager.findBy(ReferralEntity, {
        participantId: id,
        status: In([ReferralStatus.REFERRED, ReferralStatus.ACTIVE]),
      });
      for (const referral of open) {
        const endedOn = referral.startedOn && referral.startedOn > exitedOn ? referral.startedOn : exitedOn;
        if (referral.referredOn > exitedOn) {
          throw new ValidationError(
            `exitedOn (${exitedOn}) lies before referral ${referral.id} was made (${referral.referredOn}).`,
            'exitedOn',
          );
        }
        referral.status = referral.status === ReferralStatus.ACTIVE ? ReferralStatus.COMPLETED : ReferralStatus.CANCELLED;
        referral.endedOn = endedOn;
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
    return this.dataSource.transaction(async (manager) => {
      const participant = await this.require(id, manager);
      const erased = (['givenName', 'familyName', 'birthDate'] as const).filter((field) => participant[field] != null);
      if (erased.length === 0) return [];
      await manager.update(ParticipantEntity, { id }, { givenName: null, familyName: null, birthDate: null, erasedOn: todayIso() });
      return erased;
    });
  }

  async page(filter: ParticipantFilter = {}, first?: number | null, after?: string | null): Promise<Page<ParticipantEntity>> {
    this.checkFilter(filter);
    return keysetPage(this.filtered(filter), { column: 'p.number', keyOf: (row) => row.number, numericKey: true, first, after });
  }

  /** Loads a seed world's participants as they are (they were generated eligible). */
  async importMany(rows: Array<Omit<ParticipantEntity, 'number' | 'birthYear' | 'erasedOn'>>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const entities = rows.map((row) => ({
        ...row,
        number: Number(row.id.replace(/^TN-/, '')),
        birthYear: Number(row.birthDate!.slice(0, 4)),
        erasedOn: null,
      }));
      await insertInChunks(manager, ParticipantEntity, entities, 13);
    });
  }

  private filtered(filter: ParticipantFilter): SelectQueryBuilder<ParticipantEntity> {
    const query = this.dataSource.getRepository(ParticipantEntity).createQueryBuilder('p');
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
          where.where(`EXISTS (SELECT 1 FROM referral r WHERE ${conditions.join(' AND ')})`, {
            providerId: filter.providerId,
            module: filter.module,
          });
        }),
      );
    }
    return query;
  }

  private checkFilter(filter: ParticipantFilter): void {
    if (filter.municipalityId) this.municipalities.require(filter.municipalityId, 'filter.municipalityId');
    if (filter.providerId) this.providers.require(filter.providerId, 'filter.providerId');
    if (filter.enteredFrom && filter.enteredTo)
      requireNotBefore(filter.enteredTo, filter.enteredFrom, 'filter.enteredTo', 'filter.enteredFrom');
  }

  private checkEligibility(birthDate: string, enteredOn: string, municipalityId: string): void {
    this.municipalities.require(municipalityId);
    if (enteredOn > todayIso()) throw new ValidationError('enteredOn must not be in the future.', 'enteredOn');
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
