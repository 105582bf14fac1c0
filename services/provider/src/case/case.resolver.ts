import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root } from 'type-graphql';
import { LocalDate } from '@durchstarten/kit';
import { Module } from '@durchstarten/contracts';
import type { ProviderContext } from '../context';
import type { DeskTypes } from '../desk/desk.type';
import type { CaseEntity } from './case.entity';
import { type CaseTypes, caseRead, ParticipantReference } from './case.type';

/** A case's link to its participant, and the desk's fields that read and change cases. */
export function caseResolvers({ CaseType, CaseList }: CaseTypes, { Desk, DeskMutations }: DeskTypes): [Function, ...Function[]] {
  @Resolver(() => CaseType)
  class CaseFieldResolver {
    // Nullable: kreis fills the participant's fields, and when kreis cannot answer only this link is lost, not the case.
    @FieldResolver(() => ParticipantReference, {
      nullable: true,
      description: 'The participant; null only when kreis could not answer (see the error naming the subgraph).',
    })
    @caseRead()
    participant(@Root() providerCase: CaseEntity) {
      return { id: providerCase.participantId };
    }
  }

  @Resolver(() => Desk)
  class CaseDeskResolver {
    @FieldResolver(() => CaseType, { nullable: true, name: 'case' })
    caseById(@Arg('id', () => ID) id: string, @Ctx() { loaders }: ProviderContext) {
      return loaders.caseById.load(id);
    }

    @FieldResolver(() => CaseList, { description: 'Cases in id order, a page at a time.' })
    cases(
      @Ctx() { services }: ProviderContext,
      @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
      @Arg('after', () => String, { nullable: true }) after?: string,
      @Arg('module', () => Module, { nullable: true }) module?: Module,
      @Arg('open', () => Boolean, { nullable: true, description: 'true: open cases only; false: closed only.' }) open?: boolean,
    ) {
      return services.cases.list({ module, open: open ?? undefined }, first, after);
    }
  }

  @Resolver(() => DeskMutations)
  class CaseDeskMutationsResolver {
    @FieldResolver(() => CaseType, {
      nullable: true,
      description: 'Opens the case for a referral that Kreis Wesel assigned to this provider.',
    })
    openCase(
      @Arg('referralId', () => ID) referralId: string,
      @Arg('openedOn', () => LocalDate) openedOn: string,
      @Ctx() { services, trace }: ProviderContext,
    ) {
      return services.cases.open(referralId, openedOn, trace);
    }

    @FieldResolver(() => CaseType, { nullable: true })
    closeCase(
      @Arg('caseId', () => ID) caseId: string,
      @Arg('closedOn', () => LocalDate) closedOn: string,
      @Ctx() { services }: ProviderContext,
    ) {
      return services.cases.close(caseId, closedOn);
    }
  }

  return [CaseFieldResolver, CaseDeskResolver, CaseDeskMutationsResolver];
}
