import { FieldResolver, Resolver, Root } from 'type-graphql';
import type { EnrolmentEntity } from './records.entity';
import { CourseEnrolmentType, CourseType } from './records.type';

@Resolver(() => CourseEnrolmentType)
export class EnrolmentResolver {
  /** Every service method that returns enrolments loads their course with them. */
  @FieldResolver(() => CourseType)
  course(@Root() enrolment: EnrolmentEntity) {
    return enrolment.course;
  }
}
