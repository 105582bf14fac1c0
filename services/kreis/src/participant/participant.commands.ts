import type { Module } from '@durchstarten/contracts';
import type { Gender, ParticipationStatus, ResidenceStatus } from './participant.enums';

/** What registering a person needs; the GraphQL input adds only its validation of the formats. */
export interface RegisterParticipantCommand {
  givenName: string;
  familyName: string;
  birthDate: string;
  gender: Gender;
  residenceStatus: ResidenceStatus;
  municipalityId: string;
  enteredOn: string;
}

/** Fields to change; omitted ones stay. A null is refused, as no field may be cleared. */
export type UpdateParticipantCommand = { [Field in keyof RegisterParticipantCommand]?: RegisterParticipantCommand[Field] | null };

/** Which participants a list or a statistic covers: all given conditions must hold. */
export interface ParticipantCriteria {
  municipalityId?: string;
  /** Has a referral to this provider. */
  providerId?: string;
  /** Has a referral to this module. */
  module?: Module;
  residenceStatus?: ResidenceStatus;
  status?: ParticipationStatus;
  /** Entered on or after. */
  enteredFrom?: string;
  /** Entered on or before. */
  enteredTo?: string;
}
