import {
  ConflictError,
  formatId,
  NotFoundError,
  type Page,
  requireNotBefore,
  requireText,
  todayIso,
  ValidationError,
} from '@durchstarten/kit';
import type { PlacementKind } from '@durchstarten/contracts';
import type { PlacementEntity } from './placement.entity';
import type { Office } from './placement.enums';
import type { PlacementQuery, PlacementRepository } from './placement.repository';

export interface RecordPlacementCommand {
  participantId: string;
  kind: PlacementKind;
  office: Office;
  employerName: string;
  kldbCode: string;
  occupationTitle: string;
  startsOn: string;
  endsOn?: string;
}

export interface PlacementListFilter extends PlacementQuery {
  kind?: PlacementKind;
  office?: Office;
}

/** Placement rules: dates in order, known kinds and offices (enums), KldB codes of 5 digits (input validation). */
export class PlacementService {
  constructor(private readonly repository: PlacementRepository) {}

  findByIds(ids: readonly string[]): Promise<PlacementEntity[]> {
    return this.repository.findByIds(ids);
  }

  findByParticipantIds(participantIds: readonly string[]): Promise<PlacementEntity[]> {
    return this.repository.findByParticipantIds(participantIds);
  }

  async record(command: RecordPlacementCommand): Promise<PlacementEntity> {
    requireNotBefore(command.endsOn, command.startsOn, 'endsOn', 'startsOn');
    if (command.startsOn > addYears(todayIso(), 1)) throw new ValidationError('startsOn lies more than a year ahead.', 'startsOn');
    return this.repository.insertNumbered((number) => ({
      id: formatId('PL', number, 5),
      number,
      participantId: command.participantId,
      kind: command.kind,
      office: command.office,
      employerName: requireText(command.employerName, 'employerName'),
      kldbCode: command.kldbCode,
      occupationTitle: requireText(command.occupationTitle, 'occupationTitle'),
      startsOn: command.startsOn,
      endsOn: command.endsOn ?? null,
    }));
  }

  async end(placementId: string, endsOn: string): Promise<PlacementEntity> {
    return this.repository.transaction(async (placements) => {
      const placement = await placements.findById(placementId);
      if (!placement) throw new NotFoundError('Placement', placementId);
      if (placement.endsOn) throw new ConflictError(`Placement ${placementId} already ends on ${placement.endsOn}.`);
      requireNotBefore(endsOn, placement.startsOn, 'endsOn', 'startsOn');
      placement.endsOn = endsOn;
      await placements.save(placement);
      return placement;
    });
  }

  async list(filter: PlacementListFilter, first?: number | null, after?: string | null): Promise<Page<PlacementEntity>> {
    if (filter.startsFrom && filter.startsTo) requireNotBefore(filter.startsTo, filter.startsFrom, 'filter.startsTo', 'filter.startsFrom');
    return this.repository.page(filter, first, after);
  }

  /** Removes the employer, which identifies the person, from their placements; the rows stay for the counts. Idempotent. */
  async eraseParticipant(participantId: string): Promise<string[]> {
    const erased = await this.repository.eraseEmployers(participantId);
    if (!erased) return [];
    await this.repository.purgeErasedValues();
    return [`placements.employerName: ${erased}`];
  }
}

function addYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}
