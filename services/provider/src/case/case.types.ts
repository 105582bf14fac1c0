import { Directive, Field, ID, InterfaceType, ObjectType } from 'type-graphql';
import { CertificateType, CoachingSessionType, CourseEnrolmentType, InternshipType } from '../records/records.type';

/**
 * The value interface every provider implements with its own `<Prefix>Case`
 * type, so clients query all providers without naming any (DESIGN section 2).
 */
@InterfaceType('ProviderCase', {
  autoRegisterImplementations: false,
  resolveType: (value: { __typename?: string }) => value.__typename,
  description: 'A referral as the provider works it. Same id as the referral.',
})
export abstract class ProviderCaseInterface {
  @Field(() => ID)
  id: string;

  @Field(() => [CoachingSessionType])
  coachingSessions: CoachingSessionType[];

  @Field(() => [CourseEnrolmentType])
  enrolments: CourseEnrolmentType[];

  @Field(() => [CertificateType])
  certificates: CertificateType[];

  @Field(() => [InternshipType])
  internships: InternshipType[];
}

/** kreis owns Participant; a provider only points at it. */
@ObjectType('Participant')
@Directive('@key(fields: "id", resolvable: false)')
export class ParticipantReference {
  @Field(() => ID)
  id: string;
}
