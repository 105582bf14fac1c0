import { registerEnumType } from 'type-graphql';

/** What a participant consents to; kreis holds the consents and applies them for every organisation. */
export enum ConsentScope {
  /** Kreis and the assigned provider exchange case data. */
  PROVIDER_EXCHANGE = 'PROVIDER_EXCHANGE',
  /** Kreis and Agentur/Jobcenter exchange placement data. */
  AGENTUR_EXCHANGE = 'AGENTUR_EXCHANGE',
  /** Pseudonymised use in the state's monitoring reports. */
  REPORTING = 'REPORTING',
}

// Registered once per process: type-graphql's metadata is global.
registerEnumType(ConsentScope, { name: 'ConsentScope' });
