import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ProviderContext } from '../context';
import { CourseEnrolmentType, CourseType } from './records.type';

@Resolver(() => CourseEnrolmentType)
export class EnrolmentResolver {
  @FieldResolver(() => CourseType)
  course(@Root() enrolment: CourseEnrolmentType, @Ctx() { loaders }: ProviderContext) {
    return loaders.courseById.load(enrolment.courseId);
  }
}
