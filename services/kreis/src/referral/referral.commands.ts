import type { Module, ReferralStatus } from '@durchstarten/contracts';

/** Refers a participant to one module; without a provider, the one of the participant's bank of the Rhine. */
export interface ReferParticipantCommand {
  participantId: string;
  module: Module;
  providerId?: string;
  referredOn: string;
}

/** Moves a referral on: ACTIVE (started), COMPLETED or CANCELLED (ended), dated `on`. */
export interface ChangeReferralStatusCommand {
  referralId: string;
  status: ReferralStatus;
  on: string;
}
