import { Authorized, type ClassType, Directive, Field, ID, ObjectType } from 'type-graphql';
import { Audited, LocalDate, pageObjectType } from '@durchstarten/kit';
import { CASE_RECORD_DATE_READERS, Module, ProviderCase, providerTypePrefix } from '@durchstarten/contracts';

/** kreis owns Participant; a provider only points at it. */
@ObjectType('Participant')
@Directive('@key(fields: "id", resolvable: false)')
export class ParticipantReference {
  @Field(() => ID)
  id: string;
}

/** Who a case is for and when it ran are read of a person: in the audit log, as the records are. */
export const caseRead = () => Audited<{ participantId: string }>('case records', (providerCase) => providerCase.participantId);

export interface CaseTypes {
  CaseType: ClassType;
  CaseList: ClassType;
}

/** `<Prefix>Case`, one provider's implementation of ProviderCase, and its page type. */
export function caseTypes(providerId: string): CaseTypes {
  const prefix = providerTypePrefix(providerId);

  @ObjectType(`${prefix}Case`, { implements: ProviderCase, description: `A case at ${providerId}; its id is the referral's id.` })
  @Directive('@key(fields: "id")')
  class CaseType extends ProviderCase {
    @Field(() => ID)
    declare id: string;

    @Field(() => Module)
    module: Module;

    @Field(() => LocalDate)
    @Authorized(CASE_RECORD_DATE_READERS)
    @caseRead()
    openedOn: string;

    @Field(() => LocalDate, { nullable: true })
    @Authorized(CASE_RECORD_DATE_READERS)
    @caseRead()
    closedOn: string | null;

    participantId: string;
  }

  return { CaseType, CaseList: pageObjectType(`${prefix}CaseList`, CaseType) };
}
