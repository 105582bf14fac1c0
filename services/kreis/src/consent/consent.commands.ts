import type { ConsentScope } from './consent.enums';

/** Grants or withdraws a participant's consent of one scope, dated `on`. */
export interface ConsentCommand {
  participantId: string;
  scope: ConsentScope;
  on: string;
}
