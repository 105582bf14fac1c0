import { IsOptional, Length, Matches } from 'class-validator';
import { Authorized, Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { EMPLOYER_READERS, PLACEMENT_DATE_READERS } from '../access';
import { Audited, LocalDate, pageObjectType } from '@durchstarten/kit';
import { PlacementKind } from '@durchstarten/contracts';
import type { PlacementEntity } from './placement.entity';
import { Office } from './placement.enums';
import type { PlacementListFilter, RecordPlacementCommand } from './placement.service';

/** A placement is personal data as a whole: reading any of its fields goes to the audit log, with its participant. */
export const placementRead = () => Audited<PlacementEntity>('placements', (placement) => placement.participantId);

@ObjectType('Occupation', { description: 'Occupation per the German classification of occupations (KldB 2010).' })
export class OccupationType {
  @Field(() => String, { description: 'Five-digit KldB 2010 code, e.g. 29302.' })
  kldbCode: string;

  @Field(() => String)
  title: string;
}

@ObjectType('Placement', { description: 'A placement into training or work, recorded by Agentur für Arbeit or Jobcenter.' })
@Directive('@key(fields: "id")')
export class PlacementType {
  @Field(() => ID)
  @placementRead()
  id: string;

  @Field(() => PlacementKind)
  @placementRead()
  kind: PlacementKind;

  @Field(() => Office)
  @placementRead()
  office: Office;

  @Field(() => String, { description: 'Identifies the person: not for analysts.' })
  @Authorized(EMPLOYER_READERS)
  @placementRead()
  employerName: string;

  @Field(() => LocalDate, { description: 'Not for analysts: a date singles people out.' })
  @Authorized(PLACEMENT_DATE_READERS)
  @placementRead()
  startsOn: string;

  @Field(() => LocalDate, { nullable: true, description: 'Not for analysts: a date singles people out.' })
  @Authorized(PLACEMENT_DATE_READERS)
  @placementRead()
  endsOn: string | null;

  participantId: string;
  kldbCode: string;
  occupationTitle: string;
}

const PARTICIPANT_ID = /^TN-\d{4,12}$/;
const KLDB_CODE = /^\d{5}$/;

@InputType()
export class RecordPlacementInput implements RecordPlacementCommand {
  @Field(() => ID)
  @Matches(PARTICIPANT_ID, { message: 'must be a participant id such as TN-0001' })
  participantId: string;

  @Field(() => PlacementKind)
  kind: PlacementKind;

  @Field(() => Office)
  office: Office;

  @Field(() => String)
  @Length(1, 200)
  employerName: string;

  @Field(() => String, { description: 'Five-digit KldB 2010 code.' })
  @Matches(KLDB_CODE, { message: 'must be a KldB 2010 code of exactly 5 digits' })
  kldbCode: string;

  @Field(() => String)
  @Length(1, 200)
  occupationTitle: string;

  @Field(() => LocalDate)
  startsOn: string;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  endsOn?: string;
}

@InputType()
export class PlacementFilter implements PlacementListFilter {
  @Field(() => ID, { nullable: true })
  participantId?: string;

  @Field(() => PlacementKind, { nullable: true })
  kind?: PlacementKind;

  @Field(() => Office, { nullable: true })
  office?: Office;

  @Field(() => LocalDate, { nullable: true, description: 'Starts on or after.' })
  startsFrom?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Starts on or before.' })
  startsTo?: string;
}

export const PlacementList = pageObjectType('PlacementList', PlacementType);
