import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Audited } from '@durchstarten/kit';
import {
  CertificateType,
  CoachingSessionType,
  CourseEnrolmentType,
  ERASERS,
  ErasureReport,
  InternshipType,
  providerTypePrefix,
} from '@durchstarten/contracts';
import type { CaseEntity } from '../case/case.entity';
import type { CaseTypes } from '../case/case.type';
import type { ProviderContext } from '../context';
import type { DeskTypes } from '../desk/desk.type';
import { CertificateInput, CoachingSessionInput, EndEnrolmentInput, EnrolInput, InternshipInput } from './records.type';

/** A case's records are personal data: each read goes to the audit log with the case's participant. */
const caseRecords = () => Audited<CaseEntity>('case records', (providerCase) => providerCase.participantId);

/** A case's records, the desk's changes to them, and their erasure. */
export function recordsResolvers(providerId: string, { CaseType }: CaseTypes, { DeskMutations }: DeskTypes): [Function, ...Function[]] {
  @Resolver(() => CaseType)
  class CaseRecordsResolver {
    @FieldResolver(() => [CoachingSessionType])
    @caseRecords()
    coachingSessions(@Root() providerCase: CaseEntity, @Ctx() { loaders }: ProviderContext) {
      return loaders.sessionsByCase.load(providerCase.id);
    }

    @FieldResolver(() => [CourseEnrolmentType])
    @caseRecords()
    enrolments(@Root() providerCase: CaseEntity, @Ctx() { loaders }: ProviderContext) {
      return loaders.enrolmentsByCase.load(providerCase.id);
    }

    @FieldResolver(() => [CertificateType])
    @caseRecords()
    certificates(@Root() providerCase: CaseEntity, @Ctx() { loaders }: ProviderContext) {
      return loaders.certificatesByCase.load(providerCase.id);
    }

    @FieldResolver(() => [InternshipType])
    @caseRecords()
    internships(@Root() providerCase: CaseEntity, @Ctx() { loaders }: ProviderContext) {
      return loaders.internshipsByCase.load(providerCase.id);
    }
  }

  @Resolver(() => DeskMutations)
  class RecordsDeskMutationsResolver {
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
  }

  @Resolver()
  class ErasureResolver {
    @Mutation(() => ErasureReport, {
      name: `eraseParticipantAt${providerTypePrefix(providerId)}`,
      description: `Erases what identifies the participant in ${providerId}'s records (notes, employers); idempotent.`,
    })
    @Authorized(ERASERS)
    async erase(@Arg('id', () => ID) id: string, @Ctx() { services, audit }: ProviderContext): Promise<ErasureReport> {
      // An erasure is a write, recorded as such: no field of it holds personal data to audit.
      audit.record('erasure', id);
      return { participantId: id, organisation: providerId, erasedFields: await services.records.eraseParticipant(id) };
    }
  }

  return [CaseRecordsResolver, RecordsDeskMutationsResolver, ErasureResolver];
}
