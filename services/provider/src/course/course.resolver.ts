import { Arg, Ctx, FieldResolver, Resolver } from 'type-graphql';
import { CourseType, Module } from '@durchstarten/contracts';
import type { ProviderContext } from '../context';
import type { DeskTypes } from '../desk/desk.type';
import { CourseInput } from './course.type';

/** The desk's course catalogue: read it, add to it. */
export function courseResolvers({ Desk, DeskMutations }: DeskTypes): [Function, ...Function[]] {
  @Resolver(() => Desk)
  class CourseDeskResolver {
    @FieldResolver(() => [CourseType], { description: 'The course catalogue.' })
    courses(@Ctx() { services }: ProviderContext, @Arg('module', () => Module, { nullable: true }) module?: Module) {
      return services.courses.list(module);
    }
  }

  @Resolver(() => DeskMutations)
  class CourseDeskMutationsResolver {
    @FieldResolver(() => CourseType, { nullable: true })
    addCourse(@Arg('input', () => CourseInput) input: CourseInput, @Ctx() { services }: ProviderContext) {
      return services.courses.add(input);
    }
  }

  return [CourseDeskResolver, CourseDeskMutationsResolver];
}
