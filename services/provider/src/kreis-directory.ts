import { GraphQLError } from 'graphql';
import { ErrorCode, postSignedDocument, type TraceContext } from '@durchstarten/kit';
import { REFERRAL_LOOKUP_QUERY } from '@durchstarten/contracts';

export interface ReferralFacts {
  id: string;
  providerId: string;
  participantId: string;
  module: string;
  referredOn: string;
  status: string;
}

/** Where a provider checks that a referral exists and is its own before it opens a case. */
export interface ReferralDirectory {
  /** `trace`: the request being served, which the look-up joins. */
  lookup(referralId: string, trace?: TraceContext): Promise<ReferralFacts | null>;
}

/** Asks the kreis subgraph, which owns the referral registry. */
export class KreisReferralDirectory implements ReferralDirectory {
  constructor(
    private readonly kreisUrl: string,
    /** This provider: the caller kreis sees. */
    private readonly providerId: string,
    private readonly secret: string,
    private readonly timeoutMs = 5000,
  ) {}

  async lookup(referralId: string, trace?: TraceContext): Promise<ReferralFacts | null> {
    let body: {
      data?: {
        referral: null | {
          id: string;
          module: string;
          referredOn: string;
          status: string;
          provider: { id: string };
          participant: { id: string };
        };
      };
      errors?: unknown[];
    };
    try {
      body = (await postSignedDocument({
        url: this.kreisUrl,
        caller: this.providerId,
        secret: this.secret,
        query: REFERRAL_LOOKUP_QUERY,
        variables: { id: referralId },
        timeoutMs: this.timeoutMs,
        trace,
      })) as typeof body;
    } catch {
      throw unavailable();
    }
    if (!body.data || body.errors?.length) throw unavailable();
    const referral = body.data.referral;
    if (!referral) return null;
    return {
      id: referral.id,
      providerId: referral.provider.id,
      participantId: referral.participant.id,
      module: referral.module,
      referredOn: referral.referredOn,
      status: referral.status,
    };
  }
}

function unavailable(): GraphQLError {
  return new GraphQLError('The Kreis referral registry cannot be reached right now; nothing was changed. Try again shortly.', {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
  });
}
