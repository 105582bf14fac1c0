import { registerEnumType } from 'type-graphql';

/** Which of the agency's offices made a placement. */
export enum Office {
  AGENTUR_FUER_ARBEIT = 'AGENTUR_FUER_ARBEIT',
  JOBCENTER = 'JOBCENTER',
}

// Registered once per process: type-graphql's metadata is global.
registerEnumType(Office, { name: 'Office' });
