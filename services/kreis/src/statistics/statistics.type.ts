import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Module } from '@durchstarten/contracts';
import { type Figure } from '@durchstarten/kit';

export enum StatisticsDimension {
  ENTRY_QUARTER = 'ENTRY_QUARTER',
  EXIT_QUARTER = 'EXIT_QUARTER',
  MODULE = 'MODULE',
  PROVIDER = 'PROVIDER',
  BANK = 'BANK',
  MUNICIPALITY = 'MUNICIPALITY',
  GENDER = 'GENDER',
  AGE_GROUP = 'AGE_GROUP',
  RESIDENCE_STATUS = 'RESIDENCE_STATUS',
  EXIT_REASON = 'EXIT_REASON',
}

registerEnumType(StatisticsDimension, {
  name: 'StatisticsDimension',
  description: 'What statistics group participants by. MODULE and PROVIDER put a participant under every module or provider referred to.',
  valuesConfig: {
    ENTRY_QUARTER: { description: 'Quarter of the entry date, "2022-Q1".' },
    EXIT_QUARTER: { description: 'Quarter of the exit date, "2022-Q1"; "NONE" while still taking part.' },
    AGE_GROUP: {
      description: 'Age reached in the year of entry (entry year minus birth year, which survives erasure): "18-20", "21-23", "24-28".',
    },
    EXIT_REASON: { description: 'The exit reason; "NONE" while still taking part.' },
    BANK: { description: 'Bank of the Rhine of the municipality: LEFT or RIGHT.' },
  },
});

@ObjectType('Figure', {
  description:
    'A count of persons. Analysts get it protected by the cell key method (deviation at most 3, never 1 or 2, zero stays zero) or suppressed; Kreis caseworkers get it exact.',
})
export class FigureType implements Figure {
  @Field(() => Int, { nullable: true, description: 'Null when suppressed.' })
  value: number | null;

  @Field(() => Boolean)
  suppressed: boolean;
}

@ObjectType('ModuleStock')
export class ModuleStockType {
  @Field(() => Module)
  module: Module;

  @Field(() => FigureType, {
    description: 'Participants in stock at the quarter end with a referral of this module started by then and not ended by then.',
  })
  stock: FigureType;
}

@ObjectType('MonitoringQuarter', { description: 'One calendar quarter of the G.I.B. monitoring tables.' })
export class MonitoringQuarterType {
  @Field(() => String, { description: '"2022-Q1".' })
  quarter: string;

  @Field(() => FigureType, { description: 'Participants whose entry date lies within the quarter.' })
  entries: FigureType;

  @Field(() => FigureType, { description: 'Participants whose exit date lies within the quarter.' })
  exits: FigureType;

  @Field(() => FigureType, { description: 'Participants entered by the quarter end and not exited by then.' })
  stock: FigureType;

  @Field(() => [ModuleStockType], { description: 'All four modules, always.' })
  modules: ModuleStockType[];
}

@ObjectType('GroupValue')
export class GroupValueType {
  @Field(() => StatisticsDimension)
  dimension: StatisticsDimension;

  @Field(() => String, { description: 'Spelt as the graph spells it elsewhere: an id, an enum value, "2022-Q1", "18-20".' })
  value: string;
}

/** A cell as the service computes it; `withPlacement` picks from `placements` by kind. */
@ObjectType('StatisticsCell', { description: 'One combination of the dimensions’ values that occurs, with its counts of persons.' })
export class StatisticsCellType {
  @Field(() => [GroupValueType])
  group: GroupValueType[];

  @Field(() => FigureType, { description: 'Participants in the cell (kreis).' })
  participants: FigureType;

  @Field(() => FigureType, { description: 'Participants with at least one internship at any provider.' })
  withInternship: FigureType;

  @Field(() => FigureType, { description: 'Participants with a passed language exam at any provider.' })
  withLanguageExamPassed: FigureType;

  /** By placement kind, and `ANY` for a placement of any kind. */
  placements: Record<string, FigureType>;
}
