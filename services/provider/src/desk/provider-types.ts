import { Arg, Authorized, Ctx, Directive, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { OWN_STAFF, RECORD_DATE_READERS } from '../access';
import { ERASERS, ErasureReport, Module, providerTypePrefix } from '@durchstarten/contracts';
import { LocalDate, pageObjectType } from '@durchstarten/kit';
import type { CaseEntity } from '../case/case.entity';
import { ParticipantReference, ProviderCaseInterface } from '../case/case.types';
import type { ProviderContext } from '../context';
import {
  CertificateInput,
  CertificateType,
  CoachingSessionInput,
  CoachingSessionType,
  CourseEnrolmentType,
  CourseInput,
  CourseType,
  EndEnrolmentInput,
  EnrolInput,
  InternshipInput,
  InternshipType,
} from '../records/records.type';

export interface ProviderTypes {
  types: Function[];
  resolvers: [Function, ...Function[]];
}

const built = new Map<string, ProviderTypes>();

/**
 * The types and resolvers named after one provider: `<Prefix>Case`, its desk
 * (`Query.<id>`, `Mutation.<id>`, Apollo TN0012 namespacing) and lists.
 * Memoised per provider: type-graphql's metadata is global to the process.
 */
export function providerTypes(providerId: string): ProviderTypes {
  const existing = built.get(providerId);
  if (existing) return existing;
  const prefix = providerTypePrefix(providerId);

  @ObjectType(`${prefix}Case`, { implements: ProviderCaseInterface, description: `A case at ${providerId}; its id is the referral's id.` })
  @Directive('@key(fields: "id")')
  class CaseType extends ProviderCaseInterface {
    @Field(() => ID)
    declare id: string;

    @Field(() => Module)
    module: Module;

    @Field(() => LocalDate)
    @Authorized(RECORD_DATE_READERS)
    openedOn: string;

    @Field(() => LocalDate, { nullable: true })
    @Authorized(RECORD_DATE_READERS)
    closedOn: string | null;

    participantId: string;
  }

  @Resolver(() => CaseType)
  class CaseFieldResolver {
    @FieldResolver(() => [CoachingSessionType])
    coachingSessions(@Root() providerCase: CaseEntity, @Ctx() { loaders, audit }: ProviderContext) {
      audit.record('case records', providerCase.participantId);
      return loaders.sessionsByCase.load(providerCase.id);
    }

    @FieldResolver(() => [CourseEnrolmentType])
    enrolments(@Root() providerCase: CaseEntity, @Ctx() { loaders, audit }: ProviderContext) {
      audit.record('case records', providerCase.participantId);
      return loaders.enrolmentsByCase.load(providerCase.id);
    }

    @FieldResolver(() => [CertificateType])
    certificates(@Root() providerCase: CaseEntity, @Ctx() { loaders, audit }: ProviderContext) {
      audit.record('case records', providerCase.participantId);
      return loaders.certificatesByCase.load(providerCase.id);
    }

    @FieldResolver(() => [InternshipType])
    internships(@Root() providerCase: CaseEntity, @Ctx() { loaders, audit }: ProviderContext) {
      audit.record('case records', providerCase.participantId);
      return loaders.internshipsByCase.load(providerCase.id);
    }

    @FieldResolver(() => ParticipantReference)
    participant(@Root() providerCase: CaseEntity) {
      return { id: providerCase.participantId };
    }
  }

  const CaseList = pageObjectType(`${prefix}CaseList`, CaseType);

  @ObjectType(`${prefix}Desk`, { description: `Entry point for the staff of ${providerId}.` })
  class Desk {
    @Field(() => ID, { description: 'The provider key.' })
    providerId: string;
  }

  @Resolver(() => Desk)
  class DeskResolver {
    @Query(() => Desk, { name: providerId, description: `Cases and courses of ${providerId}, for its own staff.` })
    @Authorized(OWN_STAFF)
    desk(): Desk {
      return { providerId };
    }

    @FieldResolver(() => CaseType, { nullable: true, name: 'case' })
    async caseById(@Arg('id', () => ID) id: string, @Ctx() { loaders, audit }: ProviderContext) {
      const found = await loaders.caseById.load(id);
      if (found) audit.record('case records', found.participantId);
      return found;
    }

    @FieldResolver(() => CaseList, { description: 'Cases in id order, a page at a time.' })
    async cases(
      @Ctx() { services, audit }: ProviderContext,
      @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
      @Arg('after', () => String, { nullable: true }) after?: string,
      @Arg('module', () => Module, { nullable: true }) module?: Module,
      @Arg('open', () => Boolean, { nullable: true, description: 'true: open cases only; false: closed only.' }) open?: boolean,
    ) {
      const page = await services.cases.list({ module, open: open ?? undefined }, first, after);
      for (const listed of page.nodes) audit.record('case records', listed.participantId);
      return page;
    }

    @FieldResolver(() => [CourseType], { description: 'The course catalogue.' })
    courses(@Ctx() { services }: ProviderContext, @Arg('module', () => Module, { nullable: true }) module?: Module) {
      return services.courses.list(module);
    }
  }

  // Its fields are nullable: they run in parallel, each in its own transaction, so one that
  // fails must not blank out the results of those that were written (Apollo TN0012).
  @ObjectType(`${prefix}DeskMutations`, {
    description: `Changes by the staff of ${providerId}. Send one change per request to keep them ordered.`,
  })
  class DeskMutations {
    @Field(() => ID)
    providerId: string;
  }

  @Resolver(() => DeskMutations)
  class DeskMutationsResolver {
    @Mutation(() => DeskMutations, { name: providerId })
    @Authorized(OWN_STAFF)
    deskMutations(): DeskMutations {
      return { providerId };
    }

    @FieldResolver(() => CaseType, {
      nullable: true,
      description: 'Opens the case for a referral that Kreis Wesel assigned to this provider.',
    })
    openCase(
      @Arg('referralId', () => ID) referralId: string,
      @Arg('openedOn', () => LocalDate) openedOn: string,
      @Ctx() { services }: ProviderContext,
    ) {
      return services.cases.open(referralId, openedOn);
    }

    @FieldResolver(() => CaseType, { nullable: true })
    closeCase(
      @Arg('caseId', () => ID) caseId: string,
      @Arg('closedOn', () => LocalDate) closedOn: string,
      @Ctx() { services }: ProviderContext,
    ) {
      return services.cases.close(caseId, closedOn);
    }

    @FieldResolver(() => [CoachingSessionType], { nullable: true, description: 'Records sessions, all or none.' })
    recordCoachingSessions(
      @Arg('sessions', () => [CoachingSessionInput]) sessions: CoachingSessionInput[],
      @Ctx() { services }: ProviderContext,
    ) {
      return services.records.recordCoachingSessions(sessions);
    }

    @FieldResolver(() => CourseEnrolmentType, { nullable: true })
    enrol(@Arg('input', () => EnrolInput) input: EnrolInput, @Ctx() { services }: ProviderContext) {
      return services.records.enrol(input);
    }

    @FieldResolver(() => CourseEnrolmentType, { nullable: true })
    endEnrolment(@Arg('input', () => EndEnrolmentInput) input: EndEnrolmentInput, @Ctx() { services }: ProviderContext) {
      return services.records.endEnrolment(input);
    }

    @FieldResolver(() => CertificateType, { nullable: true })
    issueCertificate(@Arg('input', () => CertificateInput) input: CertificateInput, @Ctx() { services }: ProviderContext) {
      return services.records.issueCertificate(input);
    }

    @FieldResolver(() => InternshipType, { nullable: true })
    recordInternship(@Arg('input', () => InternshipInput) input: InternshipInput, @Ctx() { services }: ProviderContext) {
      return services.records.recordInternship(input);
    }

    @FieldResolver(() => CourseType, { nullable: true })
    addCourse(@Arg('input', () => CourseInput) input: CourseInput, @Ctx() { services }: ProviderContext) {
      return services.courses.add(input);
    }
  }

  @Resolver()
  class ErasureResolver {
    @Mutation(() => ErasureReport, {
      name: `eraseParticipantAt${prefix}`,
      description: `Erases what identifies the participant in ${providerId}'s records (notes, employers); idempotent.`,
    })
    @Authorized(ERASERS)
    async erase(@Arg('id', () => ID) id: string, @Ctx() { services, audit }: ProviderContext): Promise<ErasureReport> {
      audit.record('erasure', id);
      return { participantId: id, organisation: providerId, erasedFields: await services.records.eraseParticipant(id) };
    }
  }

  const result: ProviderTypes = {
    types: [CaseType, CaseList, Desk, DeskMutations],
    resolvers: [CaseFieldResolver, DeskResolver, DeskMutationsResolver, ErasureResolver],
  };
  built.set(providerId, result);
  return result;
}
