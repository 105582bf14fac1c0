import { registerEnumType } from 'type-graphql';

/** The registry's own facts about a participant: kreis owns them, no other subgraph uses them. */
export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  DIVERSE = 'DIVERSE',
}

export enum ResidenceStatus {
  DULDUNG = 'DULDUNG',
  GESTATTUNG = 'GESTATTUNG',
  AUFENTHALTSERLAUBNIS = 'AUFENTHALTSERLAUBNIS',
  OTHER = 'OTHER',
}

export enum ExitReason {
  TRAINING_STARTED = 'TRAINING_STARTED',
  EMPLOYMENT_STARTED = 'EMPLOYMENT_STARTED',
  STUDIES_STARTED = 'STUDIES_STARTED',
  MOVED_AWAY = 'MOVED_AWAY',
  DROPPED_OUT = 'DROPPED_OUT',
  PROGRAMME_ENDED = 'PROGRAMME_ENDED',
  OTHER = 'OTHER',
}

/** Whether a participant is still taking part: the list's filter. */
export enum ParticipationStatus {
  ACTIVE = 'ACTIVE',
  EXITED = 'EXITED',
}

// Registered once per process: type-graphql's metadata is global.
registerEnumType(Gender, { name: 'Gender' });
registerEnumType(ResidenceStatus, {
  name: 'ResidenceStatus',
  description: 'Residence title on entry: Duldung, Gestattung, Aufenthaltserlaubnis or other.',
});
registerEnumType(ExitReason, { name: 'ExitReason' });
registerEnumType(ParticipationStatus, { name: 'ParticipationStatus' });
